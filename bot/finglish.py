"""Finglish: Persian written in Latin letters, matched through consonant skeletons.

Persian script leaves most vowels unwritten and Finglish spells them freely
(«edgham», «edqam», «edghaam»), so both sides are reduced to a skeleton of consonant
classes: vowels and the half-vowels و/ی/ا are dropped, letters that sound the same
share a class (ث س ص → s, ذ ز ض ظ → z, غ ق → q, kh/x → x, sh → S …). The matcher
then compares skeletons with rapidfuzz, which absorbs what spelling variety is left.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from bot.language import LanguageData, load_language
from bot.normalize import MAX_CHARS, Terms

_PERSIAN = {
    "ب": "b",
    "پ": "p",
    "ت": "t",
    "ث": "s",
    "ج": "j",
    "چ": "c",
    "ح": "h",
    "خ": "x",
    "د": "d",
    "ذ": "z",
    "ر": "r",
    "ز": "z",
    "ژ": "Z",
    "س": "s",
    "ش": "S",
    "ص": "s",
    "ض": "z",
    "ط": "t",
    "ظ": "z",
    "غ": "q",
    "ف": "f",
    "ق": "q",
    "ک": "k",
    "گ": "g",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ه": "h",
}  # the skeleton classes themselves: part of the rule, as «x» for خ/kh
_WORD = re.compile(r"[a-z0-9']+")


@dataclass(frozen=True, slots=True)
class FinglishLexicon:
    """Finglish word lists from ``bot/lang/fa/finglish*.txt``."""

    question_words: dict[str, str]
    function_words: frozenset[str]
    letters: dict[str, str]  # Latin letters with no consonant of their own → ""
    digraphs: tuple[tuple[str, str], ...]

    @classmethod
    def from_data(cls, data: LanguageData) -> FinglishLexicon:
        name = "fa/finglish.txt"
        return cls(
            question_words=dict(data.pairs(name, "question_words")),
            function_words=frozenset(data.items("fa/finglish_function_words.txt")),
            letters={k: "" if v == "NONE" else v for k, v in data.pairs(name, "letters")},
            digraphs=data.pairs(name, "digraphs"),
        )


@lru_cache(maxsize=1)
def default_finglish() -> FinglishLexicon:
    """The package's Finglish word lists (read once, on first use)."""
    return FinglishLexicon.from_data(load_language())


def persian_skeleton(word: str) -> str:
    """Consonant skeleton of a canonical Persian word (final silent «ه» dropped)."""
    if word.endswith("ه") and len(word) > 2:
        word = word[:-1]
    return _squeeze("".join(_PERSIAN.get(ch, ch if ch.isdigit() else "") for ch in word))


def latin_skeleton(word: str, lexicon: FinglishLexicon | None = None) -> str:
    """Consonant skeleton of a Finglish word (a plural «-ha», «-haye» is dropped)."""
    lex = lexicon or default_finglish()
    word = word.lower().replace("'", "")
    for plural in ("hayee", "haye", "hayi", "hay", "hae", "ha"):
        if word.endswith(plural) and len(word) - len(plural) >= 4:
            # «chalesha» is «chalesh» + «ha» with one h: keep the digraph whole
            word = word[: -len(plural) + 1] if word[-len(plural) - 1] in "sckgz" else word[: -len(plural)]
            break
    word = re.sub(r"c(?=[eiy])", "s", word)  # «yunicef»: a soft c
    word = re.sub(r"c(?!h)", "k", word)
    for digraph, cls in lex.digraphs:
        word = word.replace(digraph, cls)
    if word.endswith("h") and len(word) > 2 and word[-2] in "ae":  # «khodeh», «vezarateh»: a silent final h
        word = word[:-1]
    return _squeeze("".join(lex.letters.get(ch, ch) for ch in word))


def synonym_skeletons(synonyms: Mapping[str, str], vocabulary: frozenset[str]) -> dict[str, str]:
    """Per skeleton of a one-word synonym («مشکلات» → «mSklt»), the skeleton of the word
    its group is read as («چالش»), when that one is a word of ``vocabulary`` (the
    Finglish index) and the synonym's is not; a skeleton two groups share is left alone."""
    found: dict[str, set[str]] = {}
    for word, first in synonyms.items():
        if " " in word or word == first:
            continue
        own, target = persian_skeleton(word), persian_skeleton(first)
        if len(own) >= 2 and own != target and own not in vocabulary and target in vocabulary:
            found.setdefault(own, set()).add(target)
    return {own: targets.pop() for own, targets in found.items() if len(targets) == 1}


def _squeeze(skeleton: str) -> str:
    return re.sub(r"(.)\1+", r"\1", skeleton)


class FinglishAnalyzer:
    """Turns Finglish text, and Persian terms, into comparable skeleton ``Terms``."""

    def __init__(self, lexicon: FinglishLexicon | None = None) -> None:
        self.lexicon = lexicon or default_finglish()
        self._terms = lru_cache(maxsize=8192)(self._terms_uncached)

    def terms(self, text: str) -> Terms:
        """Skeleton terms of a Finglish message (its first ``MAX_CHARS`` characters)."""
        return self._terms(text[:MAX_CHARS])

    def join_known(self, terms: Terms, vocabulary: frozenset[str]) -> Terms:
        """Join neighbouring skeletons that are one known word («modir kol» → «mdrkl»)."""
        content = list(terms.content)
        i = 0
        while i < len(content) - 1:
            joined = content[i] + content[i + 1]
            if joined in vocabulary and not (content[i] in vocabulary and content[i + 1] in vocabulary):
                content[i : i + 2] = [joined]
            else:
                i += 1
        if len(content) == len(terms.content):
            return terms
        return Terms(words=terms.words, content=tuple(content), classes=terms.classes, text=terms.text)

    def read_synonyms(self, terms: Terms, skeletons: Mapping[str, str]) -> Terms:
        """Skeletons of other words of a synonym group read as the group's first word
        («moshkelat» → the skeleton of «چالش»; see ``synonym_skeletons``)."""
        content = tuple(skeletons.get(s, s) for s in terms.content)
        if content == terms.content:
            return terms
        return Terms(words=terms.words, content=content, classes=terms.classes, text=terms.text)

    def from_persian(self, terms: Terms) -> Terms:
        """The skeleton view of terms already analysed as Persian."""
        content = tuple(s for s in (persian_skeleton(t) for t in terms.content) if len(s) >= 2 or s.isdigit())
        words = tuple(w if w.startswith("؟") else persian_skeleton(w) for w in terms.words)
        return Terms(words=tuple(w for w in words if w), content=content, classes=terms.classes, text=terms.text)

    def _terms_uncached(self, text: str) -> Terms:
        words = _WORD.findall(text.lower())
        classes: set[str] = set()
        out: list[str] = []
        content: list[str] = []
        skip = False
        for word, following in zip(words, [*words[1:], ""], strict=True):
            if skip:  # the second word of a two-word question phrase («sale chand»)
                skip = False
                continue
            cls = self.lexicon.question_words.get(f"{word} {following}")
            if cls:
                classes.add(cls)
                out.append("؟" + cls)
                skip = True
                continue
            cls = self.lexicon.question_words.get(word)
            if cls:
                classes.add(cls)
                out.append("؟" + cls)
                continue
            skeleton = latin_skeleton(word, self.lexicon)
            if not skeleton:
                continue
            out.append(skeleton)
            verb = word.startswith(("mi", "nemi")) and len(word) >= 5  # «mikonan», «nemidoonam»: how, not what
            if word not in self.lexicon.function_words and not verb and (len(skeleton) >= 2 or skeleton.isdigit()):
                content.append(skeleton)
        return Terms(words=tuple(out), content=tuple(content), classes=frozenset(classes), text=" ".join(words))
