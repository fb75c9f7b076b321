"""The language data files: loaded and checked, each problem reported with file and line."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.language import SPECS, FileSpec, Shape, check_language, load_language, parse_file

LANG = Path(__file__).resolve().parent.parent / "bot" / "lang"


def test_the_shipped_language_data_is_sound() -> None:
    assert check_language() == []
    data = load_language()
    assert set(data.files) == set(SPECS)
    assert ("کیه", "کیست") in data.pairs("fa/colloquial.txt")
    assert "سلام" in data.items("fa/courtesy.txt", "greeting")
    assert any("چالش" in group for group in data.groups("fa/synonyms.txt"))


def test_each_kind_of_bad_line_is_named_with_its_line() -> None:
    raw = "\n".join(
        [
            "# a comment",
            "[greeting]",
            "سلام",
            "سلام",  # 4: twice
            "[nonsense]",  # 5: unknown section
            "درود = بد",  # 6: '=' in a list file
        ]
    ).encode()
    _, problems = parse_file(raw, "x.txt", FileSpec(Shape.ITEM, ("greeting",)))
    assert [(p.line, p.file) for p in problems] == [(4, "x.txt"), (5, "x.txt"), (6, "x.txt")]
    assert "already given at line 3" in problems[0].message
    assert "unknown section" in problems[1].message


def test_pairs_groups_and_encoding_are_checked() -> None:
    _, problems = parse_file(b"a = b\nno equals\nc = c\n", "p.txt", FileSpec(Shape.PAIR))
    assert [p.line for p in problems] == [2, 3]
    _, problems = parse_file(b"a | b\nc\nb | d\n", "g.txt", FileSpec(Shape.GROUP))
    assert [p.line for p in problems] == [2, 3]  # a lone word; «b» in two groups
    _, problems = parse_file("ث | س\nز | ذال\n".encode(), "h.txt", FileSpec(Shape.GROUP, letters=True))
    assert [p.line for p in problems] == [2] and "single letters" in problems[0].message
    _, problems = parse_file("نود = 90\nصد = یکصد\n".encode(), "n.txt", FileSpec(Shape.PAIR, number=True))
    assert [p.line for p in problems] == [2] and "whole number" in problems[0].message
    _, problems = parse_file(b"ok\n\xff\xfe\n", "u.txt", FileSpec(Shape.ITEM))
    assert problems[0].line == 2 and "UTF-8" in problems[0].message


def test_bot_check_names_the_broken_language_file_and_line(tmp_path: Path) -> None:
    lang = tmp_path / "lang"
    shutil.copytree(LANG, lang)
    broken = lang / "fa" / "colloquial.txt"
    lines = broken.read_text(encoding="utf-8").splitlines()
    broken.write_text("\n".join([*lines, "کیه کیست"]) + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "bot", "--lang", str(lang), "check"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1
    assert f"{broken}:{len(lines) + 1}: error: expected 'left = right'" in done.stdout
    asked = subprocess.run(
        [sys.executable, "-m", "bot", "--lang", str(lang), "ask", "سلام"], capture_output=True, text=True, timeout=120
    )
    assert asked.returncode == 2 and str(broken) in asked.stderr


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    lang = tmp_path / "lang"
    shutil.copytree(LANG, lang)
    (lang / "en" / "stop_words.txt").unlink()
    problems = check_language(str(lang))
    assert len(problems) == 1 and problems[0].file.endswith("en/stop_words.txt") and problems[0].line == 0


@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_file_has_a_header_comment(name: str) -> None:
    assert (LANG / name).read_text(encoding="utf-8").startswith("#"), name


def test_english_synonyms_meet_after_stemming() -> None:
    from bot.english import EnglishAnalyzer, EnglishLexicon

    english = EnglishAnalyzer(EnglishLexicon.from_data(load_language()))
    asked = english.terms("why did intl orgs grow so fast?").content
    table = english.terms("Why did international organisations multiply?").content
    assert set(table) <= set(asked), (asked, table)


def test_bodies_and_institutions_are_organisations_in_english() -> None:
    from bot.english import EnglishAnalyzer, EnglishLexicon

    english = EnglishAnalyzer(EnglishLexicon.from_data(load_language()))
    assert english.terms("which bodies?").content == english.terms("which institutions?").content
    assert english.terms("which bodies?").content == english.terms("which organizations?").content


def test_an_english_phrase_of_a_synonym_group_is_its_first_word() -> None:
    from bot.english import EnglishAnalyzer, EnglishLexicon

    english = EnglishAnalyzer(EnglishLexicon.from_data(load_language()))
    set_up = english.terms("what year was the ministry set up?")
    assert set_up.content == english.terms("what year was the ministry founded?").content
    # the words of a phrase apart are no phrase
    assert "form" not in english.terms("set the table, then stand up").content


def test_no_courtesy_phrase_is_a_lone_letter_once_its_repeats_are_squashed() -> None:
    # «ههه» squashes to «ه», which ends many a word («ـه»): such a phrase would take letters off questions
    data = load_language()
    for section in ("greeting", "wellbeing", "thanks", "goodbye", "apology", "filler", "request"):
        for phrase in data.items("fa/courtesy.txt", section):
            assert len(re.sub(r"(.)\1+", r"\1", phrase.replace(" ", ""))) >= 2, (section, phrase)
