"""English question analysis: the same ``Terms`` the matcher compares, for English text.

Deliberately small: lower-casing, a stop-word list, a light suffix stripper and
question-word classes matching the Persian ones (who, when, why, how, where, howmany, howmuch).
The words come from ``bot/lang/en/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from bot.language import LanguageData, load_language
from bot.normalize import MAX_CHARS, Terms

_WORD = re.compile(r"[a-z0-9]+")
_NEXT_HOWMUCH = frozenset({"much", "many", "old", "big", "large"})
_NEXT_WHEN = frozenset({"year", "time", "date"})
_ALSO_CONTENT = frozenset({"year", "reason", "reasons"})  # question words that also say what is asked about


@dataclass(frozen=True, slots=True)
class EnglishLexicon:
    """English word lists from ``bot/lang/en/``."""

    question_words: dict[str, str]
    stop_words: frozenset[str]
    spelling: tuple[tuple[str, str], ...]
    synonyms: dict[str, str] = field(default_factory=dict)  # a word's stem → its group's first word's stem
    # by its first word, a phrase of a group («set up») as words → its group's first word, longest first
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: LanguageData) -> EnglishLexicon:
        words = {w: c for c, items in data.sections("en/question_words.txt").items() for w in items}
        spelling = data.pairs("en/spelling.txt")
        groups = data.groups("en/synonyms.txt")
        synonyms = {stem(word, spelling): stem(group[0], spelling) for group in groups for word in group[1:]}
        phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for group in groups:
            for word in group[1:]:
                if " " in word:
                    phrases.setdefault(word.split()[0], []).append((tuple(word.split()), group[0]))
        by_first = {first: tuple(sorted(found, key=lambda p: -len(p[0]))) for first, found in phrases.items()}
        return cls(words, frozenset(data.items("en/stop_words.txt")), spelling, synonyms, by_first)


@lru_cache(maxsize=1)
def default_english() -> EnglishLexicon:
    """The package's English word lists (read once, on first use)."""
    return EnglishLexicon.from_data(load_language())


def stem(word: str, spelling: tuple[tuple[str, str], ...] = ()) -> str:
    """A light English stemmer: enough to make plurals, tenses and British spellings meet."""
    for british, american in spelling:
        if british in word:
            word = word.replace(british, american)
    for suffix, repl in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            return word[: -len(suffix)] + repl
    return word


class EnglishAnalyzer:
    """Turns English text into matchable ``Terms``."""

    def __init__(self, lexicon: EnglishLexicon | None = None) -> None:
        self.lexicon = lexicon or default_english()
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
        lex = self.lexicon
        hits = sum(1 for w in words if w in lex.stop_words or w in lex.question_words)
        return hits / len(words) >= 0.34

    def words(self, text: str) -> list[str]:
        """Lower-cased Latin words of ``text``."""
        return _WORD.findall(text[:MAX_CHARS].lower().replace("'", ""))

    def _with_phrases(self, words: list[str]) -> list[str]:
        """``words`` with each phrase of a synonym group («set up») as its group's first word."""
        phrases = self.lexicon.phrases
        if not phrases:
            return words
        out: list[str] = []
        i = 0
        while i < len(words):
            found = next((p for p in phrases.get(words[i], ()) if tuple(words[i : i + len(p[0])]) == p[0]), None)
            if found is None:
                out.append(words[i])
                i += 1
            else:
                out.append(found[1])
                i += len(found[0])
        return out

    def _terms_uncached(self, text: str) -> Terms:
        lex = self.lexicon
        words = self._with_phrases(self.words(text))
        classes: set[str] = set()
        out: list[str] = []
        content: list[str] = []
        for i, word in enumerate(words):
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if word == "how" and nxt in _NEXT_HOWMUCH:
                asked = "howmany" if nxt == "many" else "howmuch"  # a count, or an amount
                classes.add(asked)
                out.append("?" + asked)
                continue
            if word == "what" and nxt in _NEXT_WHEN:
                classes.add("when")
            cls = lex.question_words.get(word)
            if cls and (word not in _ALSO_CONTENT or not content):
                classes.add(cls)
                out.append("?" + cls)
                if word in _ALSO_CONTENT:
                    content.append(stem(word, lex.spelling))
                continue
            s = stem(word, lex.spelling)
            s = lex.synonyms.get(s, s)
            out.append(s)
            if word not in lex.stop_words and s not in lex.stop_words:
                content.append(s)
        return Terms(words=tuple(out), content=tuple(content), classes=frozenset(classes), text=" ".join(words))
