"""Baseline matchers the engine is compared with: small pure functions over the same
phrasings (every entry's Persian questions and English phrasings, raw, in file order).

Each returns the matched ``Entry`` or None (declined). None of them normalises Persian:
that is what they stand for, the matchers people reach for first.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from bot.table import Entry, Table

Matcher = Callable[[str], Entry | None]

DIFFLIB_CUTOFF = 0.6  # difflib.get_close_matches' own default
# ChatterBot's LogicAdapter default: the search stops at the first statement this close.
# It is not an acceptance threshold: BestMatch answers with the closest statement whatever its confidence.
CHATTERBOT_STOP_AT = 0.95
# ChatterBot's documented way to decline (LowConfidenceAdapter, default threshold 0.65).
CHATTERBOT_LOW_CONFIDENCE = 0.65
WRATIO_SWEEP = tuple(range(50, 100, 5))  # cutoffs tried for WRatio; the best on the dev set is used


@dataclass(frozen=True, slots=True)
class Phrasings:
    """Every phrasing of a table and the entry it belongs to (first owner wins)."""

    texts: tuple[str, ...]
    owners: tuple[Entry, ...]

    @classmethod
    def of(cls, table: Table) -> Phrasings:
        texts: list[str] = []
        owners: list[Entry] = []
        seen: set[str] = set()
        for entry in table.entries:
            for text in (*entry.questions, *entry.english):
                if text not in seen:
                    seen.add(text)
                    texts.append(text)
                    owners.append(entry)
        return cls(tuple(texts), tuple(owners))

    def owner(self, text: str) -> Entry:
        return self.owners[self.texts.index(text)]


def difflib_matcher(phrasings: Phrasings, cutoff: float = DIFFLIB_CUTOFF) -> Matcher:
    """``difflib.get_close_matches(question, phrasings, n=1, cutoff)``; no match declines."""
    index = {t: e for t, e in zip(phrasings.texts, phrasings.owners, strict=True)}
    texts = list(phrasings.texts)

    def match(question: str) -> Entry | None:
        hits = difflib.get_close_matches(question, texts, n=1, cutoff=cutoff)
        return index[hits[0]] if hits else None

    return match


def chatterbot_similarity(a: str, b: str) -> float:
    """ChatterBot's ``LevenshteinDistance`` comparator: lower-cased texts, python-Levenshtein's
    ratio (the Indel normalised similarity, which rapidfuzz computes identically),
    rounded to two decimals; 0 when either text is empty."""
    if not a or not b:
        return 0.0
    return round(Indel.normalized_similarity(a.lower(), b.lower()), 2)


def chatterbot_matcher(phrasings: Phrasings, accept: float = 0.0) -> Matcher:
    """ChatterBot's ``BestMatch`` over a full text search: walk the statements in order,
    keep each one that is strictly closer than the best so far, stop at the first with
    confidence ≥ 0.95, answer with the closest. ``accept`` > 0 adds the decline of
    ChatterBot's ``LowConfidenceAdapter`` (closest confidence below it → declined)."""
    texts = phrasings.texts
    owners = phrasings.owners

    def match(question: str) -> Entry | None:
        text = " ".join(question.split())  # ChatterBot's clean_whitespace preprocessor
        best, best_i = 0.0, -1
        for i, candidate in enumerate(texts):
            confidence = chatterbot_similarity(text, candidate)
            if confidence > best:
                best, best_i = confidence, i
                if confidence >= CHATTERBOT_STOP_AT:
                    break
        if best_i < 0 or best < accept:
            return None
        return owners[best_i]

    return match


def wratio_best(phrasings: Phrasings, question: str) -> tuple[Entry | None, float]:
    """The closest phrasing's entry and its WRatio score, before any cutoff."""
    hit = process.extractOne(question, phrasings.texts, scorer=fuzz.WRatio, processor=None)
    return (phrasings.owners[hit[2]], hit[1]) if hit else (None, 0.0)


def wratio_matcher(phrasings: Phrasings, cutoff: float) -> Matcher:
    """``rapidfuzz.process.extractOne(question, phrasings, scorer=fuzz.WRatio,
    processor=None)``, accepted at score ≥ ``cutoff``."""
    texts = list(phrasings.texts)
    owners = phrasings.owners

    def match(question: str) -> Entry | None:
        hit = process.extractOne(question, texts, scorer=fuzz.WRatio, processor=None, score_cutoff=cutoff)
        return owners[hit[2]] if hit else None

    return match


def best_cutoff(cutoffs: Sequence[float], score: Callable[[float], float]) -> tuple[float, dict[float, float]]:
    """The cutoff with the highest ``score`` (ties: the lowest cutoff), and every score tried."""
    scores = {c: score(c) for c in cutoffs}
    best = max(cutoffs, key=lambda c: (scores[c], -c))
    return best, scores
