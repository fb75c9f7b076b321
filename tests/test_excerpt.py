"""What an answer shows: the sentences that hold it, list items apart, correct Persian."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import paths
from bot.display import WORD, ZWNJ, strip_zwnj
from bot.engine import Answer, Engine
from bot.evaluation import load_cases
from bot.excerpt import ELLIPSIS
from bot.labels import MAX_CHARS, label_problems
from bot.render import render_html, render_plain
from bot.replylength import TARGET, reply_lengths


def pieces(quote_text: str) -> list[str]:
    """The article's words in a quote: the runs between the «…» that mark a cut."""
    return [p.strip(" ") for p in quote_text.split(ELLIPSIS) if p.strip(" ")]


def assert_article_words_in_order(engine: Engine, entry_id: str) -> None:
    entry = engine.entry(entry_id)
    assert entry is not None and entry.passage
    quote = engine.presentation.quote(entry)
    assert quote is not None
    seed = engine.article.passage(entry.passage).text
    display = engine.presentation.display.passage(entry.passage)
    pos = 0
    for piece in pieces(quote.excerpt.text):
        if piece in ("و", "،"):
            continue
        found = display.find(piece, pos)
        assert found >= 0, (entry_id, piece)  # the article's own words …
        assert strip_zwnj(piece) in seed  # … as published, but for the half-spaces
        pos = found + len(piece)  # … in the article's order


def test_every_quote_is_the_articles_own_words_in_order(engine: Engine) -> None:
    for entry in engine.table.facts:
        assert_article_words_in_order(engine, entry.id)


def test_every_quote_holds_its_short_answer(engine: Engine) -> None:
    for entry in engine.table.facts:
        quote = engine.presentation.quote(entry)
        assert quote is not None
        if quote.items:
            assert all(strip_zwnj(i) in strip_zwnj(entry.answer or "") for i in quote.items)
        else:
            assert quote.answer is not None
            start, end = quote.answer
            assert any(s <= start and end <= e for s, e in quote.excerpt.spans), entry.id
            assert strip_zwnj(quote.short) == entry.answer


def test_a_long_sentence_is_cut_to_the_clause_that_answers(engine: Engine) -> None:
    quote = engine.presentation.quote(engine.entry("ministry_founded"))
    text = quote.excerpt.text
    assert "از سال ۱۳۹۰" in text and "تشکیل شد" in text  # the year and what happened in it
    assert "از آن زمان به مرجعی" not in text  # not the next clause, about the ministry's role
    assert "وی ادامه داد" not in text  # nor the speaker's «he went on:»
    assert len(text) < len(engine.article.passage("p3.s1").text)
    role = engine.presentation.quote(engine.entry("ministry_role")).excerpt.text
    assert role.startswith(ELLIPSIS) and "از آن زمان به مرجعی برای سیاست‌گذاری" in role


@pytest.mark.parametrize(
    ("entry_id", "lead", "tail", "items"),
    [
        (
            "opportunities",
            "زمینه ساز فرصت‌ها و ظرفیت‌هایی برای این وزارتخانه شده است که از جمله آن‌ها می‌توان به",
            "اشاره کرد.",
            5,
        ),
        ("challenges", "چالش‌هایی را نیز برای ما به همراه داشته است", "از جمله آن‌هاست.", 3),
        (
            "international_partners",
            "همکاری با سازمان‌های بین المللی در حوزه‌های مرتبط با کار، رفاه اجتماعی و تعاون نظیر",
            "محسوب می‌شود.",
            4,
        ),
    ],
)
def test_a_list_question_quotes_what_introduces_the_list_and_gives_the_items_apart(
    engine: Engine, entry_id: str, lead: str, tail: str, items: int
) -> None:
    entry = engine.entry(entry_id)
    quote = engine.presentation.quote(entry)
    assert len(quote.items) == items == len(entry.items)
    text = quote.excerpt.text
    assert lead in text and text.endswith(tail)
    assert not any(item in text for item in quote.items)  # the items are not quoted twice
    html = render_html(engine.answer_entry(entry_id), engine.article, table=engine.table)
    lines = html.split("\n")
    assert lines[: len(quote.items)] == [f"• <b>{item}</b>" for item in quote.items]  # first, one per line, bold
    display = engine.presentation.display.passage(entry.passage)
    assert [display.index(i) for i in quote.items] == sorted(display.index(i) for i in quote.items)


@pytest.mark.parametrize(
    ("entry_id", "introduced_by", "others_left_out"),
    [
        ("opp_knowledge", "از جمله آن‌ها می‌توان به اتصال به شبکه جهانی دانش و فناوری", "معرفی دستاوردهای"),
        ("opp_showcase", "زمینه ساز فرصت‌ها", "اتصال به شبکه جهانی دانش"),
        ("challenge_powers", "چالش‌هایی را نیز برای ما به همراه داشته است", "شکاف ایدئولوژیک"),
        ("issa", "همکاری با سازمان‌های بین المللی", "یونیسف"),
        ("unicef", "همکاری با سازمان‌های بین المللی", "اتحادیه بین المللی تعاون"),
    ],
)
def test_one_item_of_a_list_is_quoted_with_the_words_that_introduce_the_list(
    engine: Engine, entry_id: str, introduced_by: str, others_left_out: str
) -> None:
    quote = engine.presentation.quote(engine.entry(entry_id))
    text = quote.excerpt.text
    assert introduced_by in text and quote.short in text
    assert others_left_out not in text and ELLIPSIS in text


def test_a_short_quote_is_not_repeated_under_its_answer(engine: Engine) -> None:
    html = render_html(engine.answer_entry("title"), engine.article, table=engine.table)
    assert html.split("\n")[0] == f"«<b>{engine.presentation.title}</b>»"


def test_verbs_are_found_by_their_roots_and_compounds_are_not_cut(engine: Engine) -> None:
    excerpter = engine.presentation.excerpter
    for verb in ("شد", "نکرده", "می‌شود", "میشود", "گیرد", "داشته", "بودند", "است", "افزود"):
        assert excerpter.is_verb(verb), verb
    for noun in ("کار", "ساز", "سازمان", "دولت", "زمینه", "توسعه", "حامد"):
        assert not excerpter.is_verb(noun), noun
    p1 = engine.presentation.display.passage("p1")
    clauses = [p1[s:e] for s, e in excerpter.clauses(p1, (0, len(p1)))]
    assert clauses[0].startswith("حامد فروزان در گفت و گو با خبرنگار مهر")  # «گفت و گو» is one word


# -- the targets -------------------------------------------------------------------------


def test_median_reply_is_short_and_starts_with_the_short_answer(engine: Engine) -> None:
    for path in (paths.devset_path(), paths.ROOT / "tests" / "data" / "holdout.tsv"):
        measured = reply_lengths(engine, load_cases(path))
        assert measured.median <= TARGET, (path, measured.median)
        assert measured.first_line_answers == len(measured.lengths)


def _halfspace_words(engine: Engine) -> set[str]:
    """The article's words its display form writes with a half-space («سازمانهای»)."""
    seed = engine.article.path.read_text(encoding="utf-8")
    return {w for w, _ in engine.presentation.display.lexicon.changes(seed)}


def test_no_quote_or_label_has_a_word_the_display_form_writes_with_a_half_space(engine: Engine) -> None:
    wrong = _halfspace_words(engine)
    assert {"سازمانهای", "بینالملل", "میشود", "حوزههای", "کوچکسازی"} <= wrong
    show = engine.presentation
    shown: list[str] = [show.title]
    for entry in engine.table.facts:
        shown.append(render_plain(engine.answer_entry(entry.id), engine.article, table=engine.table, restate=True))
        shown.append(show.label(entry))
    shown += [name for name, _ in show.topics()]
    for text in shown:
        words = set(re.findall(rf"[^\s{ZWNJ}«»،:.؟?!()\-–—…]+", text))
        assert not words & wrong, (words & wrong, text)


def test_labels_are_short_whole_words_and_distinct(engine: Engine) -> None:
    show = engine.presentation
    lexicon = show.display.lexicon
    article_words = {strip_zwnj(w) for p in engine.article.passages for w in WORD.findall(p.text)}

    def whole(word: str) -> bool:  # a word hazm knows, or one the article itself writes
        return lexicon.is_word(word) or word in article_words

    labels = [show.label(e) for e in engine.table.facts]
    assert len(set(labels)) == len(labels)
    for label in labels:
        assert len(label) <= MAX_CHARS and not label.endswith(("…", "..."))
        assert label_problems(label, whole) == [], label


def test_related_questions_differ_from_the_answer_and_from_each_other(engine: Engine) -> None:
    show = engine.presentation
    for entry in engine.table.facts:
        related = engine.related(entry.id)
        assert len(related) == 3 and entry not in related
        assert len({e.passage for e in related}) == 3  # one per passage
        labels = [show.label(e) for e in related]
        assert len(set(labels)) == 3 and show.label(entry) not in labels
        assert len({label[:10] for label in labels}) == 3  # they do not start alike


def test_two_answers_in_one_message_are_each_in_bold_with_their_question(engine: Engine) -> None:
    answer = engine.answer("فروزان کیست و وزارت کی تشکیل شد؟")
    html = render_html(answer, engine.article, table=engine.table)
    assert html.count("❓ ") == 2
    for part in answer.parts:
        quote = engine.presentation.quote(part.entry)
        assert f"<b>{quote.short}</b>" in html
    assert html.count("منبع: خبرگزاری مهر") == 1


def test_a_greeting_beside_a_question_is_greeted_back_once(engine: Engine) -> None:
    answer = engine.answer("فروزان کیست؟")
    greeted = Answer(answer.question, answer.parts, courtesy="greeting")
    html = render_html(greeted, engine.article, table=engine.table)
    assert html.startswith("سلام! 🌷\n\n")
    assert html.count("سلام") == 1


@settings(deadline=None, max_examples=120, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_answer_a_table_may_give_is_quoted_whole_in_the_articles_order(engine: Engine, data) -> None:
    """Whatever span of a passage an admin makes a short answer, the quote holds it and is
    the article's words in order."""
    show = engine.presentation
    passage = data.draw(st.sampled_from([p for p in engine.article.passages if p.kind in ("paragraph", "sentence")]))
    text = show.display.passage(passage.id)
    words = [m.span() for m in re.finditer(r"\S+", text)]
    i = data.draw(st.integers(0, len(words) - 1))
    j = data.draw(st.integers(i, min(len(words) - 1, i + 12)))
    answer = (words[i][0], words[j][1])
    quote = show.excerpter.excerpt(text, answer)
    assert any(s <= answer[0] and answer[1] <= e for s, e in quote.spans)
    assert all(0 <= s < e <= len(text) for s, e in quote.spans)
    assert [s for s, _ in quote.spans] == sorted(s for s, _ in quote.spans)
    assert all(a[1] <= b[0] for a, b in pairwise(quote.spans))
