"""Validating the Q&A table against the article: every problem with file and line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot import paths
from bot.article import load_article
from bot.normalize import PersianNormalizer
from bot.table import load_table, parse_table

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def article():
    return load_article(paths.article_path())


def _check(raw: bytes | str, article) -> list[str]:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    table = parse_table(data, "t.yaml", article, PersianNormalizer().normalize)
    return [str(p) for p in table.problems]


def test_the_real_table_is_valid_and_covers_the_article(article) -> None:
    table = load_table(paths.table_path(), article, PersianNormalizer().normalize)
    assert table.ok, [str(p) for p in table.errors]
    assert len(table.facts) >= 30
    for entry in table.facts:
        assert len(entry.questions) >= 8, entry.id
        assert entry.answer in article.passage(entry.passage).text
    assert {e.id for e in table.entries} >= {
        "ilo",
        "ica",
        "issa",
        "unfpa",
        "unicef",
        "ministry_founded",
        "merger_reason",
    }
    assert {e.id for e in table.entries if e.is_smalltalk} >= {"hello", "thanks", "bye", "about_bot"}


def test_broken_fixture_reports_every_problem_with_its_line(article) -> None:
    table = load_table(FIXTURES / "broken_table.yaml", article, PersianNormalizer().normalize)
    text = "\n".join(str(p) for p in table.errors)
    name = str(FIXTURES / "broken_table.yaml")
    assert f"{name}:9: error: entry 'unknown_passage': unknown passage id 'p99'" in text
    assert f"{name}:15: error: entry 'answer_not_in_passage': the short answer" in text
    assert f"{name}:21: error: entry 'empty_entry' is empty" in text
    assert f"{name}:26:" in text and "the same, after normalisation, as one of entry 'good'" in text
    assert "entry id 'good' is used twice" in text
    assert f"{name}:33: error: entry 'hello' has no 'reply'" in text
    assert not table.ok


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("entries: [\n  - id: x\n", "t.yaml:2: error: malformed YAML"),
        ("", "t.yaml:0: error: the file is empty"),
        ("- just\n- a list\n", "t.yaml:1: error: the top level must be a mapping"),
        ("entries: 5\n", "t.yaml:1: error: 'entries' must be a list of entries"),
        ("entries:\n  - id: x\n    passage: p1\n", "t.yaml:2: error: entry 'x' has no 'answer'"),
        ("entries:\n  - id: x\n    pasage: p1\n", "t.yaml:3: error: unknown key 'pasage'"),
        (
            "entries:\n  - id: x\n    passage: p1\n    answer: مهر\n    questions: سلام\n",
            "t.yaml:5: error: entry 'x': 'questions' must be a list",
        ),
        ("entries: []\nextra: 1\n", "t.yaml:2: error: unknown top-level key 'extra'"),
        (
            "entries: []\nsynonyms:\n  - [تشکیل]\n",
            "t.yaml:3: error: each synonym group must be a list of at least two words",
        ),
    ],
)
def test_malformed_tables_are_named_by_line(article, raw: str, expected: str) -> None:
    problems = _check(raw, article)
    assert any(p.startswith(expected) for p in problems), problems


def test_invalid_utf8_is_reported_with_its_line(article) -> None:
    problems = _check(b"entries:\n  - id: x\n    answer: \xff\xfe\n", article)
    assert problems == ["t.yaml:3: error: the file is not valid UTF-8 text"]


def test_missing_file_is_a_problem_not_a_crash(article, tmp_path: Path) -> None:
    table = load_table(tmp_path / "nope.yaml", article, PersianNormalizer().normalize)
    assert not table.ok and "cannot read the file" in str(table.errors[0])


def test_bot_check_exits_non_zero_and_prints_problems() -> None:
    bad = subprocess.run(
        [sys.executable, "-m", "bot", "--table", str(FIXTURES / "broken_table.yaml"), "check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 1
    assert "unknown passage id 'p99'" in bad.stdout and "error(s); the table is not valid" in bad.stdout
    good = subprocess.run([sys.executable, "-m", "bot", "check"], capture_output=True, text=True, timeout=60)
    assert good.returncode == 0 and "OK" in good.stdout


# -- issue 10, defect 4: aliases expand multiplicatively; the format needs none ---------


def alias_bomb(phrasings: int, copies: int) -> str:
    """One anchored entry repeated by alias: copies × phrasings to validate if expanded."""
    questions = ", ".join(f"پرسش شماره {i}" for i in range(phrasings))
    refs = ", ".join(["*e"] * copies)
    return f"x: &e {{id: x, passage: p1, answer: مهر, questions: [{questions}]}}\nentries: [{refs}]\n"


@pytest.mark.parametrize(
    ("raw", "line"),
    [
        ("entries:\n  - id: x\n    passage: p1\n    answer: مهر\n    questions: &q [سلام]\n    english: *q\n", 5),
        ("entries:\n  - &e\n    id: x\n", 2),
        ("entries: []\nsmalltalk:\n  - id: y\n    reply: hi\n    questions: [*nowhere]\n", 5),
    ],
)
def test_anchors_and_aliases_are_refused_with_their_line(article, raw: str, line: int) -> None:
    problems = _check(raw, article)
    assert problems and problems[0].startswith(f"t.yaml:{line}: error: anchors and aliases"), problems


def test_an_alias_bomb_is_refused_before_it_expands(article) -> None:
    bomb = alias_bomb(phrasings=100, copies=300)
    assert len(bomb) < 5000
    problems = _check(bomb, article)  # 30 000 phrasings to normalise if expanded

    assert len(problems) == 1 and "anchors and aliases" in problems[0], problems


def test_entries_times_phrasings_are_capped(article) -> None:
    from bot.table import MAX_ENTRIES, MAX_PHRASINGS

    many = "entries:\n" + "".join(
        f"  - {{id: e{i}, passage: p1, answer: مهر, questions: [q{i}]}}\n" for i in range(MAX_ENTRIES + 1)
    )
    assert "entries" in _check(many, article)[0] and len(_check(many, article)) == 1
    wordy = (
        "entries:\n  - id: x\n    passage: p1\n    answer: مهر\n    questions: ["
        + ", ".join(f"q{i}" for i in range(MAX_PHRASINGS + 1))
        + "]\n"
    )
    problems = _check(wordy, article)
    assert len(problems) == 1 and "phrasings" in problems[0], problems
    # the questions the article does not answer count as well
    unsaid = "not_said:\n  - id: x\n    questions: [" + ", ".join(f"q{i}" for i in range(MAX_PHRASINGS + 1)) + "]\n"
    problems = _check(unsaid, article)
    assert len(problems) == 1 and "phrasings" in problems[0], problems


# -- labels, topics and list items ---------------------------------------------------------------

FACT = '  - id: {id}\n    passage: p3.s1\n    answer: "۱۳۹۰"\n    questions:\n      - {q}\n'


def _fact(entry_id: str, question: str, **extra: str) -> str:
    text = FACT.format(id=entry_id, q=question)
    return text + "".join(f"    {k}: {v}\n" for k, v in extra.items())


def test_the_real_table_has_a_short_distinct_whole_word_label_and_a_topic_for_every_fact(article) -> None:
    table = load_table(paths.table_path(), article, PersianNormalizer().normalize)
    assert not [p for p in table.problems if "label" in p.message or "topic" in p.message]
    labels = [e.label for e in table.facts]
    assert all(label and len(label) <= 32 for label in labels)
    assert len({PersianNormalizer().normalize(label or "") for label in labels}) == len(labels)
    assert table.topics and {e.topic for e in table.facts} == set(table.topics)
    lists = {e.id: e.items for e in table.facts if e.items}
    assert {"opportunities", "challenges", "international_partners"} <= set(lists)
    for entry in table.facts:
        assert all(item in (entry.answer or "") for item in entry.items)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("وزارت تعاون، کار و رفاه اجتماعی کی تشکیل شد", "is 43 characters long; at most 32"),
        ("در دستور ک…", "is cut short"),
        ("در دستور ک", "has a word that is not whole: «ک»"),
        ("سال تشکیلات‌وزارتخونهییی", "not whole"),
    ],
)
def test_bot_check_rejects_long_cut_and_broken_labels_with_their_line(article, label: str, expected: str) -> None:
    raw = "entries:\n" + _fact("x", "وزارت کی تشکیل شد؟", label=label)
    problems = _check(raw, article)
    assert any(p.startswith("t.yaml:7: error: entry 'x': the label") and expected in p for p in problems), problems


def test_bot_check_rejects_two_entries_with_the_same_label(article) -> None:
    raw = (
        "entries:\n"
        + _fact("a", "وزارت کی تشکیل شد؟", label="سال تشکیل")
        + _fact("b", "ادغام کی بود؟", label="سال  تشکیل")
    )
    problems = _check(raw, article)
    assert any(
        p.startswith(
            "t.yaml:13: error: entry 'b': the label «سال تشکیل» is the same as the label of entry 'a' (line 7)"
        )
        for p in problems
    ), problems


def test_a_fact_without_a_label_is_a_warning_not_an_error(article) -> None:
    table = parse_table(
        ("entries:\n" + _fact("a", "وزارت کی تشکیل شد؟")).encode(), "t.yaml", article, PersianNormalizer().normalize
    )
    assert table.ok
    assert [str(p) for p in table.problems] == [
        "t.yaml:2: warning: entry 'a' has no label; its buttons show its first question, shortened"
    ]


def test_topics_must_be_listed_when_a_topics_list_is_given(article) -> None:
    raw = (
        "topics:\n  - وزارت\n  - وزارت\nentries:\n"
        + _fact("a", "وزارت کی تشکیل شد؟", label="سال", topic="وزارت")
        + _fact("b", "ادغام کی بود؟", label="ادغام", topic="چالش")
    )
    problems = _check(raw, article)
    assert "t.yaml:3: error: the topic «وزارت» is listed twice" in problems
    assert any(
        p.startswith("t.yaml:18: error: entry 'b': the topic «چالش» is not one of the 'topics'") for p in problems
    ), problems


LIST = """entries:
  - id: x
    passage: p3.s1
    answer: "سه وزارت رفاه و تأمین اجتماعی، وزارت کار و امور اجتماعی و وزارت تعاون"
    questions:
      - کدام وزارتخانه ها ادغام شدند؟
    items:
"""


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (["وزارت رفاه و تأمین اجتماعی", "وزارت کار و امور اجتماعی", "وزارت تعاون"], None),
        (
            ["وزارت رفاه و تأمین اجتماعی", "سال ۱۳۹۰"],
            "t.yaml:9: error: entry 'x': the list item «سال ۱۳۹۰» is not part of the short answer",
        ),
        (["یونیسف", "وزارت تعاون"], "t.yaml:8: error: entry 'x': the list item «یونیسف» is not inside passage p3.s1"),
        (
            ["وزارت تعاون", "وزارت کار و امور اجتماعی"],
            "t.yaml:9: error: entry 'x': the list item «وزارت کار و امور اجتماعی» is out of order",
        ),
        (["وزارت تعاون"], "t.yaml:8: error: entry 'x': 'items' needs at least two items"),
    ],
)
def test_list_items_come_from_the_short_answer_in_the_article_order(
    article, items: list[str], expected: str | None
) -> None:
    raw = LIST + "".join(f"      - {i}\n" for i in items)
    problems = [p for p in _check(raw, article) if ": error:" in p]
    if expected is None:
        assert problems == []
    else:
        assert any(p.startswith(expected) for p in problems), problems


RESTATED = """entries:
  - id: aid_first
    passage: p4
    answer: "اتصال به شبکه جهانی همیاریهای مالی بین المللی"
    questions:
      - کمک مالی
  - id: aid_again
    passage: {passage}
    answer: "{answer}"
    restates: {other}
    questions:
      - بهره مندی از کمک مالی
"""


@pytest.mark.parametrize(
    ("passage", "answer", "other", "expected"),
    [
        ("p5", "بهره مندی از کمکهای مالی سازمانهای بین المللی", "aid_first", None),
        (
            "p5",
            "بهره مندی از کمکهای مالی سازمانهای بین المللی",
            "nowhere",
            "t.yaml:10: error: entry 'aid_again': 'restates' must name another fact entry, not 'nowhere'",
        ),
        (
            "p4",
            "به ویژه در زمینههای حمایتگری اجتماعی",
            "aid_first",
            "t.yaml:10: error: entry 'aid_again': 'restates' names 'aid_first', which quotes the same passage",
        ),
    ],
)
def test_restates_names_a_fact_entry_quoting_another_passage(
    article, passage: str, answer: str, other: str, expected: str | None
) -> None:
    raw = RESTATED.format(passage=passage, answer=answer, other=other)
    problems = [p for p in _check(raw, article) if ": error:" in p]
    if expected is None:
        assert problems == []
    else:
        assert any(p.startswith(expected) for p in problems), problems


def test_a_phrasing_of_question_words_only_given_to_two_entries_is_reported(article) -> None:
    raw = """entries:
  - id: title
    passage: title
    answer: "اتصال به شبکه جهانی همیاری های مالی بین المللی"
    questions:
      - چه خبر؟
smalltalk:
  - id: how_are_you
    reply: "خوبم!"
    questions:
      - چه خبر؟
"""
    problems = _check(raw, article)
    assert any(p.startswith("t.yaml:11: error: the phrasing «چه خبر؟» of entry 'how_are_you'") for p in problems), (
        problems
    )


NOT_SAID = """entries:
  - id: founded
    passage: p3.s1
    answer: "۱۳۹۰"
    questions:
      - وزارتخانه کی تشکیل شد؟
not_said:
  - id: interview_date
    questions:
      - مصاحبه کی انجام شد؟
    english:
      - When was the interview?
  - id: twice
    questions:
      - وزارتخانه کی تشکیل شد؟
  - id: odd
    answer: "x"
    questions:
      - چیزی
  - just text
"""


def test_not_said_questions_are_read_and_checked(article) -> None:
    table = parse_table(NOT_SAID.encode("utf-8"), "t.yaml", article, PersianNormalizer().normalize)
    assert [n.id for n in table.not_said] == ["interview_date", "twice", "odd"]
    assert table.not_said[0].questions == ("مصاحبه کی انجام شد؟",) and table.not_said[0].english
    problems = [str(p) for p in table.errors]
    assert any(
        p.startswith("t.yaml:15: error: the phrasing «وزارتخانه کی تشکیل شد؟» of entry 'twice'") for p in problems
    )
    assert any(p.startswith("t.yaml:17: error: unknown key 'answer'") for p in problems), problems
    assert any(p.startswith("t.yaml:20: error: each item of 'not_said' must be a mapping") for p in problems)


def test_whole_is_a_flag_on_one_entry_at_most(article) -> None:
    head = "entries:\n"
    one = _fact("founded", "وزارتخانه کی تشکیل شد؟", whole="true")
    assert [p for p in _check(head + one, article) if ": error:" in p] == []
    bad = _fact("founded", "وزارتخانه کی تشکیل شد؟", whole="maybe")
    assert any("'whole' must be true or false" in p and p.startswith("t.yaml:7:") for p in _check(head + bad, article))
    two = one + _fact("merged", "کدام وزارتخانه ها ادغام شدند؟", whole="true")
    problems = _check(head + two, article)
    assert any("entry 'merged': only one entry may be 'whole: true'" in p for p in problems), problems


SPEAKERS = """entries:
  - id: founded
    passage: p3.s1
    answer: "۱۳۹۰"
    questions:
      - وزارتخانه کی تشکیل شد؟
speakers:
  - حامد فروزان
  - حامد فروزان
  - ""
"""


def test_speakers_are_read_and_checked(article) -> None:
    table = parse_table(SPEAKERS.encode("utf-8"), "t.yaml", article, PersianNormalizer().normalize)
    assert table.speakers == ("حامد فروزان",)
    problems = [str(p) for p in table.errors]
    assert any(p.startswith("t.yaml:9: error: the speaker «حامد فروزان» is listed twice") for p in problems), problems
    assert any(p.startswith("t.yaml:10: error: every speaker must be a non-empty name") for p in problems), problems
    flat = SPEAKERS.split("speakers:")[0] + "speakers: فروزان\n"
    problems = [str(p) for p in parse_table(flat.encode("utf-8"), "t.yaml", article, str).errors]
    assert any("'speakers' must be a list of names" in p and p.startswith("t.yaml:7:") for p in problems), problems
