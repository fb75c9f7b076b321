"""The matching engine: rapidfuzz over normalised phrasings, with term weighting.

Pure and Telegram-free. A ``TermIndex`` is built from each entry's phrasings, already
turned into ``Terms`` by a language's normaliser, and scores a query against every
entry; ``decide`` turns the ranked scores into one of three outcomes.

The score (0..100) of an entry blends two views:

* **coverage** – how much of the query's weight the entry accounts for. Each query
  term is weighted by its rarity across entries (IDF), so a rare name counts for more
  than «سازمان»; a term found nowhere in the table or the article weighs the most, as
  it is usually what the article does not talk about («بهداشت», «معاون»). Typos reach
  the known word through ``fuzz.ratio`` against the vocabulary.
* **phrase similarity** – ``fuzz.token_sort_ratio`` against the entry's closest
  phrasing. ``token_set_ratio`` is avoided on purpose: it scores 100 whenever one
  side's words are a subset of the other's.

A question word of a kind the entry is never asked with («کجا», «چند») lowers its
score: «این سازمان کجاست؟» is not answered by an entry that only names the organisation.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from rapidfuzz import fuzz, process

from bot.normalize import STRONG_CLASSES, Terms

Outcome = Literal["answer", "suggest", "none"]


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Every tunable of the decision, in one place (tuned on ``data/devset.tsv``; ``margin``,
    ``passage_credit`` and ``answer`` last by a coordinate search over all the development sets)."""

    answer: float = 48.0  # a clear winner needs at least this score …
    margin: float = 1.0  # … and this lead over the best entry with another passage,
    answer_alone: float = 44.0  # … or at least this score …
    alone_lead: float = 15.0  # … with this lead
    suggest: float = 42.0  # below this the article does not say it
    suggest_floor: float = 0.82  # runners-up within this ratio of the best are offered
    max_suggestions: int = 3
    coverage_weight: float = 0.40  # how much of the query the entry accounts for
    passage_weight: float = 0.15  # how much of the query the entry's passage (and its siblings) account for
    group_phrasing_credit: float = 0.7  # a word of a passage's entries' phrasings but not of the passage itself
    phrasing_weight: float = 0.25  # how much of the entry's best phrasing the query says
    phrase_weight: float = 0.20  # similarity of the query to the entry's closest phrasing
    class_penalty: float = 0.55  # a question word of a kind the entry never has
    answer_credit: float = 0.8  # a word only found in the entry's short answer, not its phrasings …
    answer_words: int = 8  # … when the answer is this short (a longer one, a list, counts like its passage)
    passage_credit: float = 0.7  # a word only found in the entry's passage
    unknown_weight: float = 1.0  # a word found nowhere, relative to the rarest known word
    min_information: float = 0.75  # a query of only common words («سازمان», «دولت») is too vague to answer …
    close_phrase: float = 90.0  # … unless it is this close to one of the entry's phrasings
    echo_lead: float = 5.0  # … or, for a winner without the margin, this much closer than the rival's
    shortlist: int = 64  # entries given the fuzzy phrase comparison, best by word coverage first
    context_weight: float = 0.35  # a known word of the background around a question, relative to the question's own …
    leaning_context_weight: float = 1.0  # … or when the question alone is not clear, as it leans on its background …
    leaning_lead: float = 5.0  # … which the reading with the background in full shows by scoring this much higher
    subject_lead: float = 5.0  # an entry this far ahead before the question-word check is what the query is about
    talk_phrase: float = 50.0  # a small-talk entry answers only a message this close to one of its phrasings
    whole_keeps: float = 85.0  # a question answered this surely is not tried as several subjects sharing a predicate …
    shared_part: float = 80.0  # … and each subject must be answered this surely («فرصتها و چالشها چیست»)
    weak_beside: float = 60.0  # beside another answer, one below this …
    weak_lead: float = 10.0  # … and this far behind it, to a short follow-up or a rambling message's piece, is dropped
    # a question sure alone, this far above its reading with its background, is read alone
    alone_over_background: float = 20.0


class Candidate(NamedTuple):
    """An entry and its score for one query (a named tuple: a ranking makes dozens per query)."""

    entry: str
    score: float
    group: str  # entries with the same group give the same reply passage
    exact: bool = False  # the query is one of the entry's phrasings, word for word
    raw: float = 0.0  # the score before the question-word check
    mismatch: bool = False  # the query asks a kind of question (where, how much…) this entry never answers
    phrase: float = 0.0  # similarity (0..100) to the entry's closest phrasing


class Evidence(NamedTuple):
    """What one entry has in common with one query; shares are 0..1."""

    coverage: float = 0.0  # the share of the query's word weight the entry accounts for
    said: float = 0.0  # the largest weighted share of one of the entry's phrasings the query says
    phrase: float = 0.0  # fuzzy similarity of the query to the entry's closest phrasing
    passage: float = 0.0  # the share of the query's word weight the entry's passage accounts for
    unknown: float = 0.0  # the share of the query's word weight in words found nowhere
    mismatch: bool = False  # the query asks a kind of question (where, how much…) the entry never answers
    exact: bool = False  # the query is one of the entry's phrasings, word for word


def score_entry(ev: Evidence, th: Thresholds) -> float:
    """The score (0..100) of one entry for one query.

    ``100 × (coverage_weight × coverage + passage_weight × passage + (phrasing_weight ×
    said + phrase_weight × phrase) × (1 − unknown))``: how much of the question the entry
    and its passage account for, plus how much the question echoes one of its phrasings. The echo is discounted by the share
    of the question in words found nowhere in the article or the table, because such
    words are usually what the question is really about («بهداشت», «معاون»). A question
    word of a kind the entry is never asked with multiplies the score by
    ``class_penalty``. A query that is one of the entry's phrasings scores 100."""
    if ev.exact:
        return 100.0
    echo = (th.phrasing_weight * ev.said + th.phrase_weight * ev.phrase) * (1.0 - ev.unknown)
    score = 100.0 * (th.coverage_weight * ev.coverage + th.passage_weight * ev.passage + echo)
    return score * th.class_penalty if ev.mismatch else score


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
MATCH_CACHE = 256  # match results kept per index


@dataclass(frozen=True, slots=True)
class Document:
    """What one entry contributes to an index."""

    entry: str
    group: str
    phrasings: tuple[Terms, ...]
    support: tuple[tuple[str, float], ...] = ()  # (term, credit) from the entry's answer and passage: weaker evidence
    passage: tuple[str, ...] = ()  # the terms of the passage the entry quotes (shared by its group)
    alike: frozenset[str] = frozenset()  # entries quoting another passage that states the same fact
    answers: frozenset[str] = frozenset()  # kinds of question answered beyond its phrasings' («چند» by a list)


@dataclass(slots=True)
class TermIndex:
    """Scores queries against a set of documents (one per entry)."""

    documents: tuple[Document, ...]
    thresholds: Thresholds = field(default_factory=Thresholds)
    fuzzy_cutoff: float = 80.0
    _vocab: list[str] = field(init=False)
    _vocabulary: frozenset[str] = field(init=False)
    _years: tuple[str, ...] = field(init=False)  # four-digit numbers of the vocabulary
    _idf: dict[str, float] = field(init=False)
    _bags: list[dict[str, float]] = field(init=False)
    _group_of: list[int] = field(init=False)  # document → its group
    _group_postings: dict[str, list[tuple[int, float]]] = field(init=False)  # term → (group, credit)
    _group_idf: dict[str, float] = field(init=False)
    _classes: list[frozenset[str]] = field(init=False)
    _phrases: list[str] = field(init=False)
    _phrase_owner: list[int] = field(init=False)
    _phrase_total: list[float] = field(init=False)  # per phrasing: the summed IDF of its terms
    _phrase_terms: list[tuple[tuple[str, float], ...]] = field(init=False)  # per phrasing: (term, IDF)
    _phrase_shares: dict[str, list[tuple[int, float]]] = field(
        init=False
    )  # term → (phrasing, its share of the phrasing)
    _sorted_phrases: list[str] = field(init=False)  # words sorted, for token_sort_ratio done once
    _expansion_cache: dict[str, list[tuple[str, float]]] = field(init=False)
    _match_cache: dict[tuple[Terms, Terms | None, float | None], MatchResult] = field(init=False)
    _exact: dict[str, int] = field(init=False)  # a phrasing's words → its document
    _doc_postings: dict[str, list[tuple[int, float]]] = field(init=False)  # term → (document, credit)
    _doc_phrases: list[list[int]] = field(init=False)  # document → its phrasings
    _doc_ranges: list[tuple[int, int]] = field(init=False)
    _alike: dict[str, frozenset[str]] = field(init=False)  # entry → entries stating the same fact elsewhere

    def __post_init__(self) -> None:
        self._alike = {d.entry: d.alike for d in self.documents if d.alike}
        df: dict[str, int] = defaultdict(int)
        self._bags = []
        self._classes = []
        self._phrases = []
        self._phrase_owner = []
        self._exact = {}
        for i, doc in enumerate(self.documents):
            bag: dict[str, float] = {}
            for term, credit in doc.support:
                bag[term] = max(bag.get(term, 0.0), credit)
            classes: set[str] = set(doc.answers)
            for phrasing in doc.phrasings:
                for term in phrasing.content:
                    bag[term] = 1.0
                classes |= phrasing.classes
                key = " ".join(phrasing.words)
                self._phrases.append(key)
                self._phrase_owner.append(i)
                self._exact.setdefault(key, i)
            if "who_when" in classes and not classes & {"who", "when"}:
                # a phrasing's bare «کی» with no passive verb («کی منتشر کرده؟») asks who
                classes.add("who")
            for term in bag:
                df[term] += 1
            self._bags.append(bag)
            self._classes.append(frozenset(classes))
        n = max(len(self.documents), 1)
        self._idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        self._vocab = sorted(self._idf)
        self._vocabulary = frozenset(self._vocab)
        self._years = tuple(v for v in self._vocab if v.isdigit() and len(v) == 4)
        self._phrase_terms = [
            tuple((t, self._idf[t]) for t in dict.fromkeys(phrasing.content))
            for doc in self.documents
            for phrasing in doc.phrasings
        ]
        self._phrase_total = [sum(w for _, w in terms) for terms in self._phrase_terms]
        self._phrase_shares = defaultdict(list)
        for idx, terms in enumerate(self._phrase_terms):
            for t, w in terms:
                if self._phrase_total[idx]:
                    self._phrase_shares[t].append((idx, w / self._phrase_total[idx]))
        self._sorted_phrases = [_sorted_words(p) for p in self._phrases]
        self._expansion_cache = {}
        self._match_cache = {}
        self._doc_postings = defaultdict(list)
        for i, bag in enumerate(self._bags):
            for term, credit in bag.items():
                self._doc_postings[term].append((i, credit))
        self._doc_phrases = [[] for _ in self.documents]
        for idx, owner in enumerate(self._phrase_owner):
            self._doc_phrases[owner].append(idx)
        # a document's phrasings are numbered one after another: (first, past the last)
        self._doc_ranges = [(p[0], p[-1] + 1) if p else (0, 0) for p in self._doc_phrases]
        self._index_groups()

    def _index_groups(self) -> None:
        """Per group (the entries quoting one passage): the passage's own words (credit 1)
        and the words of its entries' phrasings (``group_phrasing_credit``), with IDF
        over groups, so a word found in one passage only tells that passage apart."""
        names: dict[str, int] = {}
        self._group_of = [names.setdefault(doc.group, len(names)) for doc in self.documents]
        bags: list[dict[str, float]] = [{} for _ in names]
        credit = self.thresholds.group_phrasing_credit
        for doc, g in zip(self.documents, self._group_of, strict=True):
            bag = bags[g]
            for term in doc.passage:
                bag[term] = 1.0
            for phrasing in doc.phrasings:
                for term in phrasing.content:
                    bag[term] = max(bag.get(term, 0.0), credit if doc.passage else 1.0)
        df: dict[str, int] = defaultdict(int)
        self._group_postings = defaultdict(list)
        for g, bag in enumerate(bags):
            for term, c in bag.items():
                df[term] += 1
                self._group_postings[term].append((g, c))
        n = max(len(bags), 1)
        self._group_idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}

    def _passage_shares(
        self, expansions: dict[str, list[tuple[str, float]]], factors: dict[str, float]
    ) -> dict[int, float]:
        """Per group: the share of the query's weight (IDF over groups) its passage and
        phrasings account for. Unknown words weigh the most, background words less."""
        weights = self._weigh(expansions, factors, self._group_idf)
        total = sum(weights.values())
        if total <= 0:
            return {}
        shares: dict[int, float] = defaultdict(float)
        for term, exp in expansions.items():
            weight = weights[term]
            best: dict[int, float] = {}
            for v, sim in exp:
                for g, c in self._group_postings.get(v, ()):
                    if sim * c > best.get(g, 0.0):
                        best[g] = sim * c
            for g, value in best.items():
                shares[g] += weight * value / total
        return shares

    @property
    def vocabulary(self) -> frozenset[str]:
        """Every term of the index."""
        return self._vocabulary

    def known(self, term: str) -> bool:
        """Whether ``term`` or a close spelling of it is in the vocabulary."""
        return bool(self._expansions(term))

    def rank(self, query: Terms, context: Terms | None = None, context_weight: float | None = None) -> list[Candidate]:
        """The documents that share a word with the query, best first; ``context`` is
        the background around the question, whose known words weigh less.

        Work is proportional to the postings of the query's words, not to the table:
        coverage is summed over inverted lists, and only the best ``shortlist`` documents
        by coverage get the (costlier) fuzzy phrase comparison."""
        if not self.documents or (not query.content and not query.words):
            return []
        th = self.thresholds
        expansions, factors = self._query_terms(query, context, context_weight)
        weights = self._weigh(expansions, factors, self._idf)
        total = sum(weights.values())
        covered = self._coverage(weights, expansions)
        # on a large table only the best-covered documents are looked at further
        pool = sorted(covered, key=covered.__getitem__, reverse=True)[: th.shortlist]
        said = self._phrasing_coverage(expansions, pool)
        key = " ".join(query.words)
        exact = self._exact.get(key) if len(key) >= 3 else None  # a lone «b» is no phrasing
        partial = (
            {i: th.coverage_weight * covered.get(i, 0.0) / total + th.phrasing_weight * said.get(i, 0.0) for i in pool}
            if total > 0
            else {}
        )
        if exact is not None:
            partial.setdefault(exact, 0.0)
        shortlist = sorted(partial, key=partial.__getitem__, reverse=True)[: th.shortlist]
        phrase_scores = self._phrase_scores(query, shortlist)
        passages = self._passage_shares(expansions, factors)
        wanted = [_expand({c}) for c in query.classes if c in STRONG_CLASSES or c == "who_when"]
        unknown = sum(w for t, w in weights.items() if not expansions[t]) / total if total else 0.0
        out: list[Candidate] = []
        for i in shortlist:
            ev = Evidence(
                coverage=covered.get(i, 0.0) / total if total > 0 else 0.0,
                said=said.get(i, 0.0),
                phrase=phrase_scores.get(i, 0.0) / 100.0,
                passage=passages.get(self._group_of[i], 0.0),
                unknown=unknown,
                mismatch=bool(wanted) and not any(kinds & self._classes[i] for kinds in wanted) and i != exact,
                exact=i == exact,
            )
            score = score_entry(ev, th)
            if score > 0:
                raw = score / th.class_penalty if ev.mismatch and th.class_penalty > 0 else score
                doc = self.documents[i]
                out.append(
                    Candidate(
                        doc.entry, round(score, 2), doc.group, ev.exact, round(raw, 2), ev.mismatch, ev.phrase * 100
                    )
                )
        out.sort(key=lambda c: -c.score)
        return out

    def _coverage(self, weights: dict[str, float], expansions: dict[str, list[tuple[str, float]]]) -> dict[int, float]:
        """Per document: the query weight its words account for (best credit per query word)."""
        covered: dict[int, float] = defaultdict(float)
        for term, w in weights.items():
            if len(expansions[term]) == 1:  # the usual case, a known word: no best-of to take
                v, sim = expansions[term][0]
                ws = w * sim
                for i, credit in self._doc_postings.get(v, ()):
                    covered[i] += ws * credit
                continue
            best: dict[int, float] = {}
            for v, sim in expansions[term]:
                for i, credit in self._doc_postings.get(v, ()):
                    value = sim * credit
                    if value > best.get(i, 0.0):
                        best[i] = value
            for i, value in best.items():
                covered[i] += w * value
        return covered

    def match(self, query: Terms, context: Terms | None = None, context_weight: float | None = None) -> MatchResult:
        """Rank and decide. Only a query without a question word can be too vague: a
        question word («دولت چیه؟», "what does the agency do?") says what is asked, and
        the background's known words add to what the query tells apart. ``context``:
        the background around the question, its known words weighing ``context_weight``
        (default ``Thresholds.context_weight``) of their own weight. A message tries the
        same piece more than once (alone, with its background): the last results are kept."""
        key = (query, context, context_weight)
        found = self._match_cache.get(key)
        if found is None:
            found = self._match(query, context, context_weight)
            if len(self._match_cache) >= MATCH_CACHE:  # bounded: arbitrary input must not grow it forever
                self._match_cache.clear()
            self._match_cache[key] = found
        return found

    def _match(self, query: Terms, context: Terms | None, context_weight: float | None) -> MatchResult:
        ranked = self.rank(query, context, context_weight)
        if query.classes:
            information = None
        else:  # the background tells things apart too, at the weight it is read with
            weight = self.thresholds.context_weight if context_weight is None else context_weight
            information = self.information(query) + (weight * self.information(context) if context else 0.0)
        return decide(ranked, self.thresholds, information, self._alike)

    def information(self, query: Terms) -> float:
        """How much the query's known words tell apart (the sum of their IDF)."""
        total = 0.0
        for term in dict.fromkeys(query.content):
            exp = self._expansions(term)
            if exp:
                total += max(self._idf[v] * sim for v, sim in exp)
        return total

    # -- internals ---------------------------------------------------------------------

    def _query_terms(
        self, query: Terms, context: Terms | None = None, context_weight: float | None = None
    ) -> tuple[dict[str, list[tuple[str, float]]], dict[str, float]]:
        """Per word of the query, the known words it reaches (none for a word found
        nowhere) and the factor its weight counts at: 1 for the question's own words,
        ``context_weight`` for the background's, which count only when known."""
        expansions: dict[str, list[tuple[str, float]]] = {}
        factors: dict[str, float] = {}
        for term in dict.fromkeys(query.content):
            expansions[term] = self._expansions(term)
            factors[term] = 1.0
        background = self.thresholds.context_weight if context_weight is None else context_weight
        for term in dict.fromkeys(context.content if context else ()):
            exp = self._expansions(term)
            if term in expansions or not exp:
                continue
            expansions[term] = exp
            factors[term] = background
        return expansions, factors

    def _weigh(
        self, expansions: dict[str, list[tuple[str, float]]], factors: dict[str, float], idf: dict[str, float]
    ) -> dict[str, float]:
        """Each word's weight under one IDF table: the IDF of the known word it reaches
        (times its factor); a word found nowhere weighs ``unknown_weight`` × the rarest."""
        top = max(idf.values(), default=1.0)
        return {
            term: max(idf.get(v, 0.0) * sim for v, sim in exp) * factors[term]
            if exp
            else top * self.thresholds.unknown_weight
            for term, exp in expansions.items()
        }

    def _expansions(self, term: str) -> list[tuple[str, float]]:
        if term in self._idf:
            return [(term, 1.0)]
        cached = self._expansion_cache.get(term)
        if cached is None:
            cached = self._fuzzy_expansions(term)
            if len(self._expansion_cache) > 20_000:  # bounded: arbitrary input must not grow it forever
                self._expansion_cache.clear()
            self._expansion_cache[term] = cached
        return cached

    def _fuzzy_expansions(self, term: str) -> list[tuple[str, float]]:
        if term.isdigit() and len(term) == 2:
            # a year written short («سال ۹۰» for 1390)
            return [(v, 1.0) for v in self._years if v.endswith(term)]
        if term.isdigit() or len(term) < 3:
            return []
        cutoff = 74.0 if len(term) <= 4 else self.fuzzy_cutoff
        hits = process.extract(term, self._vocab, scorer=fuzz.ratio, score_cutoff=cutoff, limit=4)
        out = [(v, (s / 100.0) ** 2) for v, s, _ in hits if not v.isdigit()]
        if not out and len(term) >= 4:
            # a word cut short or run on: «کوچکسازی» vs «کوچک»
            longer = self._vocab[bisect_left(self._vocab, term) :][:3]
            out = [(v, 0.7) for v in longer if v.startswith(term)]
            out += [(term[:n], 0.7) for n in range(len(term) - 1, 3, -1) if term[:n] in self._idf][:1]
        return out

    def _phrasing_coverage(
        self, expansions: dict[str, list[tuple[str, float]]], documents: Sequence[int]
    ) -> dict[int, float]:
        """Per document: the largest weighted share of one phrasing's terms the query says."""
        matched: dict[str, float] = {}
        for exp in expansions.values():
            for v, sim in exp:
                if sim > matched.get(v, 0.0):
                    matched[v] = sim
        best: dict[int, float] = {}
        if not matched:
            return best
        if len(self.documents) <= self.thresholds.shortlist:  # a small table: walk the matched words' postings
            acc = [0.0] * len(self._phrase_owner)
            postings = self._phrase_shares
            for term, sim in matched.items():
                for idx, share in postings.get(term, ()):
                    acc[idx] += share * sim
            for owner, (start, end) in enumerate(self._doc_ranges):
                if end > start:
                    top = max(acc[start:end])
                    if top > 0.0:
                        best[owner] = top
            return best
        said: dict[int, float] = defaultdict(float)
        for i in documents:  # a large table: walk only the pooled documents' phrasings
            for idx in self._doc_phrases[i]:
                for t, w in self._phrase_terms[idx]:
                    found = matched.get(t)
                    if found:
                        said[idx] += w * found
        for idx, amount in said.items():
            total = self._phrase_total[idx]
            owner = self._phrase_owner[idx]
            if total and amount / total > best.get(owner, 0.0):
                best[owner] = amount / total
        return best

    def _phrase_scores(self, query: Terms, documents: Sequence[int]) -> dict[int, float]:
        """Per document: the best token_sort_ratio to one of its phrasings (words pre-sorted)."""
        text = _sorted_words(" ".join(query.words))
        if not text or not documents:
            return {}
        if len(documents) == len(self.documents):
            indices: Sequence[int] = range(len(self._sorted_phrases))
            choices = self._sorted_phrases
        else:
            indices = [idx for i in documents for idx in self._doc_phrases[i]]
            choices = [self._sorted_phrases[idx] for idx in indices]
        best: dict[int, float] = {}
        for _, score, pos in process.extract(
            text, choices, scorer=fuzz.ratio, processor=None, limit=None, score_cutoff=45
        ):
            owner = self._phrase_owner[indices[pos]]
            if score > best.get(owner, 0.0):
                best[owner] = score
        return best


def _sorted_words(text: str) -> str:
    return " ".join(sorted(text.split()))


def decide(
    ranked: Sequence[Candidate],
    th: Thresholds,
    information: float | None = None,
    alike: Mapping[str, frozenset[str]] | None = None,
) -> MatchResult:
    """Turn a ranking into answer / suggest / none; ``information`` (see
    ``TermIndex.information``) below ``th.min_information`` rules out a plain answer.
    ``alike``: per entry, the entries quoting another passage that states the same fact
    (the article says it twice); such an entry is not a rival to it."""
    if not ranked:
        return NO_MATCH
    top = ranked[0]
    same = (alike or {}).get(top.entry, frozenset())
    subject = max(ranked, key=lambda c: c.raw)
    if (
        subject.mismatch
        and subject.raw >= th.answer
        and subject.raw >= top.raw + th.subject_lead
        and not top.exact
        and top.score < th.whole_keeps
        and top.group != subject.group
        and subject.entry not in same
    ):
        # «این سازمان کجاست؟»: clearly about the organisation's entry, but asking what
        # the article never says of it; another entry winning on the penalty is a wrong quote
        # (unless that one answers surely: «چرا دولتا این همه سازمان درست کردن» asks why, not who).
        return MatchResult("none", top.score, tuple(ranked[:5]))
    rival = next((c for c in ranked[1:] if c.group != top.group and c.entry not in same), None)
    lead = top.score - (rival.score if rival else 0.0)
    vague = information is not None and information < th.min_information and top.phrase < th.close_phrase
    # scores this close, but the question is nearly one of the winner's phrasings and not of the rival's
    echoed = rival is None or (top.phrase >= th.close_phrase and top.phrase >= rival.phrase + th.echo_lead)
    clear = top.score >= th.answer and (lead >= th.margin or echoed)
    alone = top.score >= th.answer_alone and lead >= th.alone_lead  # a lower score, but no rival near it
    if top.exact or ((clear or alone) and not vague):
        return MatchResult("answer", top.score, tuple(ranked[:5]))
    if top.score >= th.suggest:
        picks = [c for c in ranked if c.score >= top.score * th.suggest_floor]  # one candidate per entry
        return MatchResult("suggest", top.score, tuple(ranked[:5]), tuple(c.entry for c in picks[: th.max_suggestions]))
    return MatchResult("none", top.score, tuple(ranked[:5]))


def _expand(classes: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for c in classes:
        out |= {"who", "when"} if c == "who_when" else {c}
    return out
