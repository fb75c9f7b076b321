"""Questions asking the heading of a part of the text (``bot.heading``): the rule on
hand-made terms, and an engine built from a small article pack written for this test.

The messages here are written for these tests, not phrasings of the table nor messages of a question set.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import Engine
from bot.heading import HeadingQuestions
from bot.normalize import Terms
from packs import answered, engine_from_pack

RULE = HeadingQuestions.of(part=["بخش"], heading=["تیتر"], second=["دوم"], meta=["خبر"])
OWN = frozenset({"کارگر", "فصلی"})  # the heading's own words


def terms(
    content: tuple[str, ...], classes: frozenset[str] = frozenset({"what"}), extra: tuple[str, ...] = ()
) -> Terms:
    words = (*content, *extra, *(f"؟{c}" for c in classes))
    return Terms(words=words, content=content, classes=classes, text=" ".join(words))


def test_two_of_part_name_and_second_ask_for_a_heading() -> None:
    assert RULE.asks(terms(("تیتر",), extra=("بخش",)), OWN)  # «تیتر این بخش چیه؟» («بخش» is a function word)
    assert RULE.asks(terms(("خبر",), extra=("بخش", "دوم")), OWN)  # «بخش دوم خبر چیه؟»
    assert RULE.asks(terms(("تیتر", "دوم")), OWN)  # «تیتر دوم چیه؟»
    # the part named by the heading's own words
    assert RULE.asks(terms(("تیتر", "کارگر", "فصلی"), extra=("بخش",)), OWN)


def test_one_kind_alone_a_topic_or_another_question_is_not() -> None:
    assert not RULE.asks(terms(("تیتر", "خبر")), OWN)  # the title of the text, not of a part
    assert not RULE.asks(terms(("خبر",), extra=("بخش",)), OWN)  # «کدوم بخش خبر …»
    assert not RULE.asks(terms(("تیتر", "دستمزد"), extra=("بخش",)), OWN)  # a topic of its own
    assert not RULE.asks(terms(("خبر",), frozenset({"howmany"}), extra=("بخش", "دوم")), OWN)  # «چند بخش …؟»


# A fixture article (invented for this test) with one heading inside its body.
ARTICLE = """برداشت چای لاهیجان رکورد زد

رضا احمدی رئیس اتحادیه چایکاران گیلان در گفت و گو با خبرنگار پایگاه خبری نمونه گفت: برداشت چای امسال به ده هزار تن رسید.

کمبود کارگر فصلی

وی افزود: کمبود کارگر فصلی بزرگترین مشکل باغداران است و دستمزدها هر سال بالاتر می رود.

منبع : پایگاه خبری نمونه
"""
TABLE = """entries:
  - id: harvest
    passage: p1
    answer: "ده هزار تن"
    label: برداشت چای
    questions:
      - برداشت چای امسال چقدر بود؟
  - id: wages
    passage: p2
    answer: "کمبود کارگر فصلی"
    label: مشکل باغداران
    questions:
      - بزرگترین مشکل باغداران چیست؟
  - id: subheading
    passage: h1
    answer: "کمبود کارگر فصلی"
    label: میان‌تیتر
    questions:
      - میان تیتر گزارش چیست؟
"""


@pytest.fixture(scope="module")
def tea(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_from_pack(tmp_path_factory.mktemp("heading"), ARTICLE, TABLE)


@pytest.mark.parametrize(
    "message",
    ["عنوان بخش دوم خبر چیه؟", "اسم اون قسمت وسط متن چیه", "تیتر فرعیش چی بود؟", "what is the second section called?"],
)
def test_the_heading_of_a_part_is_answered_with_the_heading(tea: Engine, message: str) -> None:
    assert answered(tea, message) == ["subheading"]


def test_a_part_named_by_the_headings_words_is_one_question(tea: Engine) -> None:
    # «و» inside the heading's words does not split the question
    assert answered(tea, "اسم قسمتی که درباره کارگر و فصلی بودنشونه چیه؟") == ["subheading"]


def test_the_title_and_a_topic_are_not_the_heading(tea: Engine) -> None:
    assert answered(tea, "بزرگترین مشکل باغدارا چیه؟") == ["wages"]
    assert "subheading" not in answered(tea, "تیتر خبر چیه؟")


def test_with_two_headings_no_part_is_singled_out(tmp_path: Path) -> None:
    two = ARTICLE.replace("منبع :", "دستمزدها\n\nدستمزد کارگران هر سال بالاتر می رود.\n\nمنبع :")
    engine = engine_from_pack(tmp_path, two, TABLE)
    assert engine.heading_entry is None
    assert "subheading" not in answered(engine, "عنوان بخش دوم خبر چیه؟")


def test_a_finglish_function_word_is_no_heading_word(engine: Engine) -> None:
    # «bood» (was) and «بعدی» (next) share the skeleton «bd»: «titre khabar chi bood» asks the title
    assert [p.entry.id for p in engine.answer("titre khabar chi bood").parts if p.entry] == ["title"]
