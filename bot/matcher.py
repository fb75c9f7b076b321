"""The matching engine: rapidfuzz over normalised phrasings, with term weighting.

Pure and Telegram-free. A ``TermIndex`` is built from each entry's phrasings, already
turned into ``Terms`` by a language's normaliser, and scores a query against every
entry; ``decide`` turns the ranked scores into one of three outcomes.

The score (0..100) of an entry blends two views:

* **coverage** – how much of the query's weight the entry accounts for. Each query
  term is weighted by its rarity across entries (IDF), so «یونیسف» counts for more
  than «سازمان»; a term found nowhere in the table or the article weighs the most, as
  it is usually what the article does not talk about («بهداشت», «معاون»). Typos reach
  the known word through ``fuzz.ratio`` against the vocabulary.
* **phrase similarity** – ``fuzz.token_sort_ratio`` against the entry's closest
  phrasing. ``token_set_ratio`` is avoided on purpose: it scores 100 whenever one
  side's words are a subset of the other's.

A question word of a kind the entry is never asked with («کجا», «چند») lowers its
score: «سازمان بین المللی کار کجاست؟» is not answered by the ILO entry.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz, process

from bot.normalize import STRONG_CLASSES, Terms

Outcome = Literal["answer", "suggest", "none"]


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Every tunable of the decision, in one place (tuned on ``data/devset.tsv``)."""

    answer: float = 58.0  # a clear winner needs at least this score …
    margin: float = 7.0  # … and this lead over the best entry with another passage
    suggest: float = 42.0  # below this the article does not say it
    suggest_floor: float = 0.82  # runners-up within this ratio of the best are offered
    max_suggestions: int = 3
    coverage_weight: float = 0.72  # the rest is phrase similarity
    class_penalty: float = 0.72  # a question word of a kind the entry never has
    support_credit: float = 0.6  # a word only found in the entry's passage, not its phrasings
    unknown_weight: float = 1.35  # a word found nowhere, relative to the rarest known word


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entry and its score for one query."""

    entry: str
    score: float
    group: str  # entries with the same group give the same reply passage


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The decision for one query."""

    outcome: Outcome
    score: float
    candidates: tuple[Candidate, ...] = ()
    suggestions: tuple[str, ...] = ()

    @property
    def entry(self) -> str | None:
        """The answering entry (only when the outcome is ``answer``)."""
        return self.candidates[0].entry if self.outcome == "answer" and self.candidates else None

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


NO_MATCH = MatchResult("none", 0.0)


@dataclass(frozen=True, slots=True)
class Document:
    """What one entry contributes to an index."""

    entry: str
    group: str
    phrasings: tuple[Terms, ...]
    support: tuple[str, ...] = ()  # terms from the entry's passage (weaker evidence)


@dataclass(slots=True)
class TermIndex:
    """Scores queries against a set of documents (one per entry)."""

    documents: tuple[Document, ...]
    thresholds: Thresholds = field(default_factory=Thresholds)
    fuzzy_cutoff: float = 80.0
    _vocab: list[str] = field(init=False)
    _idf: dict[str, float] = field(init=False)
    _bags: list[dict[str, float]] = field(init=False)
    _classes: list[frozenset[str]] = field(init=False)
    _phrases: list[str] = field(init=False)
    _phrase_owner: list[int] = field(init=False)

    def __post_init__(self) -> None:
        df: dict[str, int] = defaultdict(int)
        self._bags = []
        self._classes = []
        self._phrases = []
        self._phrase_owner = []
        for i, doc in enumerate(self.documents):
            bag: dict[str, float] = {}
            for term in doc.support:
                bag[term] = self.thresholds.support_credit
            classes: set[str] = set()
            for phrasing in doc.phrasings:
                for term in phrasing.content:
                    bag[term] = 1.0
                classes |= _expand(phrasing.classes)
                self._phrases.append(" ".join(phrasing.words))
                self._phrase_owner.append(i)
            for term in bag:
                df[term] += 1
            self._bags.append(bag)
            self._classes.append(frozenset(classes))
        n = max(len(self.documents), 1)
        self._idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        self._vocab = sorted(self._idf)

    @property
    def vocabulary(self) -> frozenset[str]:
        return frozenset(self._vocab)

    def known(self, term: str) -> bool:
        """Whether ``term`` or a close spelling of it is in the vocabulary."""
        return bool(self._expansions(term))

    def rank(self, query: Terms) -> list[Candidate]:
        """Every document with a positive score, best first."""
        if not self.documents or (not query.content and not query.words):
            return []
        th = self.thresholds
        weights, expansions = self._query_weights(query)
        total = sum(weights.values())
        phrase_scores = self._phrase_scores(query)
        wanted = {c for c in query.classes if c in STRONG_CLASSES or c == "who_when"}
        out: list[Candidate] = []
        for i, doc in enumerate(self.documents):
            bag = self._bags[i]
            if total > 0:
                covered = 0.0
                for term, w in weights.items():
                    best = 0.0
                    for v, sim in expansions[term]:
                        credit = bag.get(v)
                        if credit is not None and sim * credit > best:
                            best = sim * credit
                    covered += w * best
                coverage = covered / total
            else:
                coverage = 0.0
            phrase = phrase_scores.get(i, 0.0) / 100.0
            score = 100.0 * (th.coverage_weight * coverage + (1 - th.coverage_weight) * phrase)
            if wanted and not any(_expand({c}) & self._classes[i] for c in wanted):
                score *= th.class_penalty
            if score > 0:
                out.append(Candidate(doc.entry, round(score, 2), doc.group))
        out.sort(key=lambda c: -c.score)
        return out

    def match(self, query: Terms) -> MatchResult:
        """Rank and decide."""
        return decide(self.rank(query), self.thresholds)

    # -- internals ---------------------------------------------------------------------

    def _query_weights(self, query: Terms) -> tuple[dict[str, float], dict[str, list[tuple[str, float]]]]:
        max_idf = max(self._idf.values(), default=1.0)
        weights: dict[str, float] = {}
        expansions: dict[str, list[tuple[str, float]]] = {}
        for term in dict.fromkeys(query.content):
            exp = self._expansions(term)
            expansions[term] = exp
            if exp:
                weights[term] = max(self._idf[v] * sim for v, sim in exp)
            else:
                weights[term] = max_idf * self.thresholds.unknown_weight
        return weights, expansions

    def _expansions(self, term: str) -> list[tuple[str, float]]:
        if term in self._idf:
            return [(term, 1.0)]
        if term.isdigit() or len(term) < 3:
            return []
        cutoff = 74.0 if len(term) <= 4 else self.fuzzy_cutoff
        hits = process.extract(term, self._vocab, scorer=fuzz.ratio, score_cutoff=cutoff, limit=4)
        out = [(v, (s / 100.0) ** 2) for v, s, _ in hits if not v.isdigit()]
        if not out and len(term) >= 4:
            # a word cut short or run on: «کوچکسازی» vs «کوچک»
            out = [(v, 0.7) for v in self._vocab if len(v) >= 4 and (v.startswith(term) or term.startswith(v))][:3]
        return out

    def _phrase_scores(self, query: Terms) -> dict[int, float]:
        text = " ".join(query.words)
        if not text:
            return {}
        best: dict[int, float] = {}
        for _, score, idx in process.extract(
            text, self._phrases, scorer=fuzz.token_sort_ratio, limit=None, score_cutoff=30
        ):
            owner = self._phrase_owner[idx]
            if score > best.get(owner, 0.0):
                best[owner] = score
        return best


def decide(ranked: Sequence[Candidate], th: Thresholds) -> MatchResult:
    """Turn a ranking into answer / suggest / none."""
    if not ranked:
        return NO_MATCH
    top = ranked[0]
    rival = next((c for c in ranked[1:] if c.group != top.group), None)
    lead = top.score - (rival.score if rival else 0.0)
    if top.score >= th.answer and lead >= th.margin:
        return MatchResult("answer", top.score, tuple(ranked[:5]))
    if top.score >= th.suggest:
        picks = _distinct_groups(c for c in ranked if c.score >= top.score * th.suggest_floor)
        return MatchResult("suggest", top.score, tuple(ranked[:5]), tuple(c.entry for c in picks[: th.max_suggestions]))
    return MatchResult("none", top.score, tuple(ranked[:5]))


def _distinct_groups(cands: Iterable[Candidate]) -> list[Candidate]:
    seen: set[str] = set()
    out = []
    for c in cands:
        if c.entry not in seen:
            seen.add(c.entry)
            out.append(c)
    return out


def _expand(classes: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for c in classes:
        out |= {"who", "when"} if c == "who_when" else {c}
    return out
