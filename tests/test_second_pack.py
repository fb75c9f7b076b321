"""The engine built from a second article pack: nothing about the Mehr interview lives in code.

The pack in ``tests/fixtures/second_pack`` (an invented article about a village bakery,
written for this test, and its table) goes through the same code as the real one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import Engine, load_engine
from bot.render import render_plain

PACK = Path(__file__).resolve().parent / "fixtures" / "second_pack"

# Questions written for this test, not phrasings of the fixture's table.
ANSWERED = [
    ("تعاونی نانوایی چه سالی تأسیس شده؟", "p1"),
    ("سلام، ببخشید مزاحم میشم، این تعاونی کی راه اندازی شد؟ ممنون", "p1"),
    ("مدیر این نانوایی کیه؟", "p1"),
    ("آرد رو از کجا میارن؟", "p2"),
    ("چالش‌های این تعاونی چیه؟", "p3"),  # «چالش» = «مشکل» comes from the language data
    ("خطرات و موانع این تعاونی", "p3"),
    ("منبع خبر کجاست", "source"),
]
DECLINED = ["قیمت دلار امروز چنده؟", "یونیسف چیست؟", "فروزان کیست؟", "وزارت کار کی تشکیل شد"]


@pytest.fixture(scope="module")
def bakery() -> Engine:
    engine, problems = load_engine(PACK / "article.txt", PACK / "qa.yaml")
    assert engine is not None, problems
    return engine


@pytest.mark.parametrize(("question", "passage"), ANSWERED)
def test_the_second_article_is_answered_from_its_own_passages(bakery: Engine, question: str, passage: str) -> None:
    answer = bakery.answer(question)
    assert answer.found, (question, answer.kind, answer.suggestions)
    assert [p.passage.id for p in answer.parts if p.passage] == [passage]


@pytest.mark.parametrize("question", DECLINED)
def test_what_the_second_article_does_not_say_is_declined(bakery: Engine, question: str) -> None:
    assert not bakery.answer(question).found


def test_courtesy_and_small_talk_work_for_any_article(bakery: Engine) -> None:
    assert bakery.answer("سلام").kind == "smalltalk"
    answer = bakery.answer("درود، وقتتون بخیر. مدیر تعاونی کیست؟")
    assert answer.found and answer.courtesy == "greeting"
    text = render_plain(answer, bakery.article)
    assert "مریم کریمی" in text and "پایگاه خبری نمونه" in text


def test_the_engine_holds_no_word_of_the_real_article(bakery: Engine) -> None:
    for question in ("فروزان", "یونیسف", "سازمان بین المللی کار"):
        assert not bakery.answer(question).found, question


ENGINE_MODULES = (
    "acts",
    "article",
    "ends",
    "engine",
    "english",
    "evaluation",
    "finglish",
    "language",
    "layout",
    "matcher",
    "normalize",
    "persian_lexicon",
    "persian_verbs",
)


@pytest.mark.parametrize("module", ENGINE_MODULES)
def test_the_engine_code_names_nothing_of_the_article(module: str) -> None:
    # names and vocabulary of the Mehr interview live in its pack, never in the engine
    source = (Path(__file__).resolve().parent.parent / "bot" / f"{module}.py").read_text(encoding="utf-8")
    for word in ("فروزان", "حامد", "یونیسف", "وزارت", "همیاری", "ILO", "UNICEF", "Forouzan", "Mehr"):
        assert word not in source, (module, word)


def test_a_question_the_pack_lists_as_not_said_is_declined(bakery: Engine) -> None:
    # the shops' names: the delivery passage is the nearest entry, but the pack lists the
    # question under 'not_said'; where the bread goes is still answered from that passage
    names = "اسم اون سه تا فروشگاه چیه؟"
    assert bakery.fa_index.match(bakery.persian.terms(names)).entry == "delivery"
    assert not bakery.answer(names).found
    where = bakery.answer("نان به کدوم فروشگاه‌ها میره؟")
    assert where.found and where.parts[0].passage.id == "p2"


@pytest.mark.parametrize(
    "question",
    [
        "خلاصه‌ی این خبر رو بگو",
        "سلام، کلا این مطلب درباره چیه؟",
        "این آقا کل حرفش چی بود؟",
        "what is this article about",
        "in khabar kolan darbare chie?",
    ],
)
def test_a_question_about_the_whole_text_gets_the_whole_entry(bakery: Engine, question: str) -> None:
    answer = bakery.answer(question)
    assert answer.entries == ("about",), (question, answer.kind, answer.entries)


def test_a_question_about_a_part_of_the_text_is_not_about_the_whole(bakery: Engine) -> None:
    assert bakery.answer("خلاصه بگو مدیر تعاونی کیه").entries == ("manager",)
    assert bakery.answer("این خبر کی منتشر شد؟").entries != ("about",)
    # a bare «چی گفته؟» after background is about the background, not the whole text
    assert bakery.answer("آرد رو از مزارع اطراف میخرن، در این مورد چی گفته؟").entries != ("about",)
