"""Persian verb forms, recognised from hazm's verb list (past#present stems).

A verb in a question says what is done, rarely what it is about: «به درد خوردن»,
«قرار گرفتند», «بیرون اومد». Recognising the forms lets the matcher leave a verb the
table never uses out of the question's topic, instead of weighing it as an unknown
topic word. The stems come with hazm; the prefixes and endings (written and spoken)
are the rule here.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

_PREFIXES = ("نمی", "می", "ب", "ن", "")
# preverbs of compound verbs («برشمرده», «درآمده», «بازگشته»), before a form with an ending
_PREVERBS = ("بر", "در", "باز", "فرا")
# persons (written, then spoken «ن», «ه», «ین»), participles and infinitives
_PAST_ENDINGS = ("هاند", "هاید", "هایم", "هاست", "هام", "های", "هبود", "هشد", "یم", "ید", "ند", "م", "ی", "ن", "ه", "")
_PRESENT_ENDINGS = ("یم", "ید", "ند", "ین", "م", "ی", "د", "ن", "ه")


@lru_cache(maxsize=1)
def _stems() -> tuple[frozenset[str], frozenset[str]]:
    """(past stems, present stems) of every verb hazm knows."""
    past: set[str] = set()
    present: set[str] = set()
    text = (resources.files("hazm") / "data" / "verbs.dat").read_text(encoding="utf-8")
    for line in text.splitlines():
        p, _, r = line.strip().replace("\u200c", "").partition("#")
        if len(p) >= 2:
            past.add(p)
        if len(r) >= 2:
            present.add(r)
    return frozenset(past), frozenset(present)


@lru_cache(maxsize=8192)
def is_verb_form(word: str, bare: bool = False) -> bool:
    """Whether ``word`` (half-spaces removed) is a conjugated Persian verb: a known stem
    with a verb prefix and/or a person ending («داشتند», «میدهد», «بنویسم», «رفتن»);
    with ``bare``, a present stem without a prefix too («کنی», «کن»), where a verb is
    expected after a word and a noun is not. A preverb («بر», «در») before such a form
    ending in a person or participle letter makes a compound verb («برشمرده», «درآمده»)."""
    past, present = _stems()
    for preverb in _PREVERBS:
        rest = word[len(preverb) :]
        if word.startswith(preverb) and len(rest) >= 4 and rest[-1] in "هدمنی" and is_verb_form(rest):
            return True
    if bare and any(word.endswith(e) and word[: len(word) - len(e)] in present for e in (*_PRESENT_ENDINGS, "")):
        return True
    for prefix in _PREFIXES:
        if not word.startswith(prefix):
            continue
        rest = word[len(prefix) :]
        for ending in _PAST_ENDINGS:
            if (
                rest.endswith(ending)
                and rest[: len(rest) - len(ending)] in past
                and (prefix or ending or len(rest) >= 4)
            ):
                return True
        if prefix:  # a bare present stem («ده», «کن») is too often a noun
            for ending in _PRESENT_ENDINGS:
                if rest.endswith(ending) and rest[: len(rest) - len(ending)] in present:
                    return True
    return False
