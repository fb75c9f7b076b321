"""The rule of questions about the whole text (``bot.whole``), on hand-made terms."""

from __future__ import annotations

from bot.engine import Engine
from bot.normalize import Terms
from bot.whole import WholeQuestions

RULE = WholeQuestions.of(meta=["خبر"], people=["آقا"], gist=["خلاصه"], whole=["کل", "گفت"])


def terms(content: tuple[str, ...], classes: frozenset[str] = frozenset(), extra: tuple[str, ...] = ()) -> Terms:
    words = (*content, *extra, *(f"؟{c}" for c in classes))
    return Terms(words=words, content=content, classes=classes, text=" ".join(words))


def test_the_gist_asked_for_or_the_text_named_with_what_is_about_the_whole() -> None:
    assert RULE.asks(terms(("خلاصه",)))  # «خلاصه بده»: no question word needed
    assert RULE.asks(terms(("خبر", "کل"), frozenset({"about"})))  # «کلا این خبر درباره چیه؟»
    assert RULE.asks(terms(("خبر",), frozenset({"what"})), alone=False)  # naming the text: even after background


def test_a_word_of_its_own_or_another_kind_of_question_is_not() -> None:
    assert not RULE.asks(terms(("خبر", "مدیر"), frozenset({"what"})))  # «مدیر» is a topic
    assert not RULE.asks(terms(("خبر",), frozenset({"when"})))  # when it was published is not its gist
    assert not RULE.asks(terms(("خبر",)))  # the text named, but nothing asked


def test_a_bare_verb_of_saying_is_about_the_whole_only_without_background() -> None:
    said = terms((), frozenset({"what"}), extra=("گفت",))  # «چی گفته؟»
    assert RULE.asks(said, alone=True)
    assert not RULE.asks(said, alone=False)


def test_a_question_pointing_back_at_its_background_is_not_about_the_whole(engine: Engine) -> None:
    # «در این مورد چی گفته؟» after background asks about what the background tells of
    text = (
        "دیشب تو رادیو یکی درباره شبکه جهانی دانش و فناوری حرف میزد و من خوب نفهمیدم. "
        "فکر کنم همین خبر بود. در این مورد چی گفته؟"
    )
    assert engine.answer(text).entry == "opp_knowledge"
