"""The display form: the article with its half-spaces restored, built from hazm's data."""

from __future__ import annotations

import re

import pytest

from bot import paths
from bot.article import load_article
from bot.display import ZWNJ, display_article, fa_digits, lexicon, locate, strip_zwnj

SEED = paths.article_path()


@pytest.fixture(scope="module")
def shown():
    return display_article(load_article(SEED))


def test_removing_the_half_spaces_gives_back_the_seed_character_for_character(shown) -> None:
    seed = SEED.read_text(encoding="utf-8")
    assert ZWNJ not in seed
    whole = shown.lexicon.text(seed)
    assert whole != seed  # something was restored …
    assert strip_zwnj(whole) == seed  # … and only half-spaces were added
    for passage in shown.article.passages:
        display = shown.passage(passage.id)
        assert display is not None and strip_zwnj(display) == passage.text, passage.id
        # a half-space only ever sits between two letters, never beside a space or a mark
        assert not re.search(rf"(^|[\s،.:]){ZWNJ}|{ZWNJ}($|[\s،.:])", display), passage.id


@pytest.mark.parametrize(
    ("seed", "display"),
    [
        ("بینالملل", "بین‌الملل"),  # hazm's word list
        ("سازمانهای", "سازمان‌های"),  # a known stem and a plural suffix
        ("حوزههای", "حوزه‌های"),
        ("میشود", "می‌شود"),  # «می» before a verb root
        ("میتوان", "می‌توان"),
        ("کوچکسازی", "کوچک‌سازی"),  # a compound hazm writes apart
        ("سیاستگذاری", "سیاست‌گذاری"),
        ("حمایتگری", "حمایت‌گری"),
        ("نهادهای", "نهادهای"),  # «د» never joins: nothing to add
        ("همچنین", "همچنین"),  # a common joined word stays
        ("آنکه", "آنکه"),
        ("میان", "میان"),  # «می» that is not a prefix
        ("تنها", "تنها"),  # «ها» that is not a suffix
    ],
)
def test_words_get_the_standard_half_space_and_nothing_else(shown, seed: str, display: str) -> None:
    assert shown.lexicon.word(seed) == display


def test_the_words_the_issue_named_are_shown_right(shown) -> None:
    text = "\n".join(shown.passages.values())
    for wrong, right in (
        ("بینالملل", "بین‌الملل"),
        ("سازمانهای", "سازمان‌های"),
        ("میشود", "می‌شود"),
        ("حوزههای", "حوزه‌های"),
        ("کوچکسازی", "کوچک‌سازی"),
    ):
        assert right in text
        assert not re.search(rf"(?<![\w{ZWNJ}]){wrong}(?![\w{ZWNJ}])", text), wrong


def test_display_is_idempotent_and_keeps_text_that_is_already_right(shown) -> None:
    once = "\n".join(shown.passages.values())
    assert shown.lexicon.text(once) == once
    assert shown.text("فرصت‌های همکاری با یونیسف، ILO و ۱۳۹۰") == "فرصت‌های همکاری با یونیسف، ILO و ۱۳۹۰"
    assert shown.text("چالشهای وزارتخانه") == "چالش‌های وزارتخانه"


def test_the_display_form_is_built_once_per_article() -> None:
    article = load_article(SEED)
    assert display_article(article) is display_article(load_article(SEED))
    assert lexicon() is lexicon()


def test_a_seed_phrase_is_found_in_the_display_text(shown) -> None:
    display = shown.passage("p4")
    found = locate(display, "سازمانهای بین المللی تخصصی")
    assert found is not None
    start, end = found
    assert display[start:end] == "سازمان‌های بین المللی تخصصی"
    assert locate(display, "نیست در متن") is None


def test_persian_digits() -> None:
    assert fa_digits("صفحه 1 از 6، 2024") == "صفحه ۱ از ۶، ۲۰۲۴"
