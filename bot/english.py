"""English question analysis: the same ``Terms`` the matcher compares, for English text.

Deliberately small: lower-casing, a stop-word list, a light suffix stripper and
question-word classes matching the Persian ones (who, when, why, how, where, howmuch).
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.normalize import MAX_CHARS, Terms

_WORD = re.compile(r"[a-z0-9]+")
QUESTION_WORDS = {
    "who": "who", "whom": "who", "whose": "who",
    "when": "when", "year": "when",
    "why": "why", "reason": "why", "reasons": "why",
    "how": "how",
    "where": "where",
    "what": "what", "which": "what",
}
STOP_WORDS = frozenset(
    """a an the of to in on at for from by with about and or is are was were be been being do does did
    it its this that these those there their they them he his him she her we our you your i me my
    as into than then so such can could would should will shall may might must has have had not no
    tell please say says said article interview text according mention mentioned mentions
    any some all also just only very much many more most other others iran's s
    see get got make made come comes came go goes know think want give take takes does doing
    like really actually exactly anything something thing things
    """.split()
)


_SPELLING = (("isation", "ization"), ("labour", "labor"), ("ise", "ize"), ("ised", "ized"), ("programme", "program"))


def stem(word: str) -> str:
    """A light English stemmer: enough to make plurals, tenses and British spellings meet."""
    for british, american in _SPELLING:
        if british in word:
            word = word.replace(british, american)
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            return word[: -len(suffix)] + repl
    return word


class EnglishAnalyzer:
    """Turns English text into matchable ``Terms``."""

    def __init__(self) -> None:
        self._terms = lru_cache(maxsize=8192)(self._terms_uncached)

    def terms(self, text: str) -> Terms:
        """The matchable terms of ``text`` (its first ``MAX_CHARS`` characters)."""
        return self._terms(text[:MAX_CHARS])

    def looks_english(self, text: str) -> bool:
        """Whether a third or more of the words are English function or question words,
        as in any English sentence and rarely in Finglish."""
        words = self.words(text)
        if not words:
            return False
        hits = sum(1 for w in words if w in STOP_WORDS or w in QUESTION_WORDS)
        return hits / len(words) >= 0.34

    def words(self, text: str) -> list[str]:
        """Lower-cased Latin words of ``text``."""
        return _WORD.findall(text[:MAX_CHARS].lower().replace("'", ""))

    def _terms_uncached(self, text: str) -> Terms:
        words = self.words(text)
        classes: set[str] = set()
        out: list[str] = []
        content: list[str] = []
        for i, word in enumerate(words):
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if word == "how" and nxt in ("much", "many", "old", "big", "large"):
                classes.add("howmuch")
                out.append("?howmuch")
                continue
            if word == "what" and nxt in ("year", "time", "date"):
                classes.add("when")
            cls = QUESTION_WORDS.get(word)
            if cls and (word not in ("year", "reason", "reasons") or not content):
                classes.add(cls)
                out.append("?" + cls)
                if word in ("year", "reason", "reasons"):
                    content.append(stem(word))
                continue
            s = stem(word)
            out.append(s)
            if word not in STOP_WORDS and s not in STOP_WORDS:
                content.append(s)
        return Terms(words=tuple(out), content=tuple(content), classes=frozenset(classes), text=" ".join(words))
