"""The answer engine: article + table + normalisers + indexes → an ``Answer``.

Data flows one way: text → normalise → match → ``Answer``. Nothing here knows about
Telegram; ``bot.render`` turns an ``Answer`` into text and the handlers send it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from bot.article import Article, Passage, load_article
from bot.english import EnglishAnalyzer
from bot.finglish import FinglishAnalyzer
from bot.layout import latin_share, to_persian
from bot.matcher import Document, MatchResult, TermIndex, Thresholds
from bot.normalize import MAX_CHARS, PersianNormalizer
from bot.presentation import Presentation, presentation
from bot.related import nearest as nearest_entries
from bot.related import related as related_entries
from bot.table import Entry, Problem, Table, load_table

PartKind = Literal["answer", "suggest", "none", "smalltalk"]
Reading = Literal["fa", "en", "finglish", "layout"]

_HARD_BREAK = re.compile(r"[؟?!\n؛;]+|\.(?:\s|$)")
_SOFT_BREAK = re.compile(r"\s+و\s+|\s*[،,]\s*|\s+and\s+|\s+also\s+", re.IGNORECASE)
# In Latin letters «,» and «;» may be «و» and «ک» typed on an English keyboard: not breaks.
_LATIN_HARD_BREAK = re.compile(r"[?!\n]+|\.(?:\s|$)")
_LATIN_SOFT_BREAK = re.compile(r"\s+and\s+|\s+also\s+", re.IGNORECASE)
MAX_PARTS = 4


@dataclass(frozen=True, slots=True)
class Part:
    """The reply to one question inside a message."""

    question: str
    kind: PartKind
    score: float
    entry: Entry | None = None  # the answering entry, or the small-talk entry
    passage: Passage | None = None
    suggestions: tuple[Entry, ...] = ()
    reading: Reading = "fa"
    read_as: str | None = None  # how the question was read, when it was typed in Latin letters


@dataclass(frozen=True, slots=True)
class Answer:
    """The engine's whole reply to one message."""

    question: str
    parts: tuple[Part, ...]
    courtesy: str | None = None  # "greeting" when the message greeted beside its questions: greet back in one line

    @property
    def found(self) -> bool:
        """True exactly when the reply answers from the article."""
        return any(p.kind == "answer" for p in self.parts)

    @property
    def kind(self) -> PartKind:
        kinds = [p.kind for p in self.parts]
        for k in ("answer", "suggest", "smalltalk"):
            if k in kinds:
                return k  # type: ignore[return-value]
        return "none"

    @property
    def entry(self) -> str | None:
        """The first answering (or small-talk) entry id."""
        return next((p.entry.id for p in self.parts if p.entry is not None), None)

    @property
    def entries(self) -> tuple[str, ...]:
        return tuple(p.entry.id for p in self.parts if p.entry is not None)

    @property
    def score(self) -> float:
        return max((p.score for p in self.parts), default=0.0)

    @property
    def suggestions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.id for p in self.parts for e in p.suggestions))


@dataclass(frozen=True, slots=True)
class Engine:
    """Answers questions about one article from one validated table."""

    article: Article
    table: Table
    thresholds: Thresholds
    persian: PersianNormalizer
    english: EnglishAnalyzer
    finglish: FinglishAnalyzer
    fa_index: TermIndex
    en_index: TermIndex
    fl_index: TermIndex
    _entries: dict[str, Entry] = field(repr=False)

    @classmethod
    def build(cls, article: Article, table: Table, thresholds: Thresholds | None = None) -> Engine:
        """Index a validated table (raises ValueError if it has errors)."""
        if not table.ok:
            raise ValueError("the table has errors:\n" + "\n".join(map(str, table.errors)))
        th = thresholds or Thresholds()
        persian = build_normalizer(article, table)
        english = EnglishAnalyzer()
        finglish = FinglishAnalyzer()
        fa_docs, en_docs, fl_docs = [], [], []
        passage_terms: dict[str, tuple[str, ...]] = {}
        for entry in table.entries:
            group = entry.passage or f"smalltalk:{entry.id}"
            fa = [persian.terms(q) for q in entry.questions]
            support: tuple[tuple[str, float], ...] = ()
            if entry.passage and entry.answer:
                if entry.passage not in passage_terms:
                    passage_terms[entry.passage] = persian.terms(article.passage(entry.passage).text).content  # type: ignore[union-attr]
                support = tuple((t, th.passage_credit) for t in passage_terms[entry.passage]) + tuple(
                    (t, th.answer_credit) for t in persian.terms(entry.answer).content
                )
            fa_docs.append(Document(entry.id, group, tuple(fa), support))
            en_docs.append(Document(entry.id, group, tuple(english.terms(q) for q in entry.english)))
            fl_docs.append(Document(entry.id, group, tuple(finglish.from_persian(t) for t in fa)))
        presentation(article, table)  # the display form and quotes are ready before the first reply
        return cls(
            article=article,
            table=table,
            thresholds=th,
            persian=persian,
            english=english,
            finglish=finglish,
            fa_index=TermIndex(tuple(fa_docs), th),
            en_index=TermIndex(tuple(en_docs), th),
            fl_index=TermIndex(tuple(fl_docs), th, fuzzy_cutoff=75.0),
            _entries={e.id: e for e in table.entries},
        )

    # -- public API ------------------------------------------------------------------

    def answer(self, text: str) -> Answer:
        """Answer a message; never raises, whatever the text."""
        text = text[:MAX_CHARS] if isinstance(text, str) else ""
        latin = latin_share(text) > 0.5
        memo: dict[str, Part] = {}

        def one(piece: str) -> Part:  # each piece is matched once per message
            if piece not in memo:
                memo[piece] = self._one(piece)
            return memo[piece]

        def asks(piece: str) -> bool:  # a question of its own, for splitting «… کیست و …»
            if latin:
                return bool(self.english.terms(piece).classes)
            return bool(self.persian.terms(piece).classes - {"yesno"}) or one(piece).kind == "smalltalk"

        whole = one(text)
        pieces = split_questions(text, asks, latin)
        if len(pieces) > 1:
            parts = _dedupe([one(p) for p in pieces])
            if sum(p.kind in ("answer", "smalltalk") for p in parts) >= 2:
                return Answer(text, tuple(parts))
        if whole.kind in ("suggest", "none"):
            # «صندوق جمعیت و یونیسف چیکاره‌ان؟»: one predicate shared by several subjects;
            # «خب دیگه من برم، خدانگهدار»: small talk beside words that ask nothing.
            pieces = split_questions(text, lambda _: True, latin)
            if len(pieces) > 1:
                parts = _dedupe([one(p) for p in pieces])
                if all(p.kind in ("answer", "smalltalk") for p in parts):
                    return Answer(text, tuple(parts))
                talk = [p for p in parts if p.kind == "smalltalk"]
                if talk and not any(p.kind == "answer" for p in parts):
                    return Answer(text, (talk[0],))
        return Answer(text, (whole,))

    def entry(self, entry_id: str) -> Entry | None:
        """The entry with this id."""
        return self._entries.get(entry_id)

    def answer_entry(self, entry_id: str) -> Answer | None:
        """The reply for a known entry (a pressed button), as if it had been asked."""
        entry = self._entries.get(entry_id)
        if entry is None:
            return None
        return Answer(entry.questions[0], (self._part(entry.questions[0], "answer", 100.0, entry),))

    def related(self, entry_id: str, limit: int = 3) -> list[Entry]:
        """Fact entries to offer after ``entry_id``: different from it and from each other
        (one per passage; its topic first, then another), see ``bot.related``."""
        facts = list(self.table.facts)
        me = self._entries.get(entry_id)
        if me is None or me.is_smalltalk:
            return facts[:limit]
        return related_entries(me, facts, self.article, limit)

    def nearest(self, text: str, limit: int = 3) -> list[Entry]:
        """The fact entries nearest to a question the engine declined (words in common,
        then the same topic), from the candidates its match ranks; [] when none is near."""
        text = text[:MAX_CHARS] if isinstance(text, str) else ""
        if latin_share(text) > 0.5:
            ranked = self.en_index.rank(self.english.terms(text))
        else:
            ranked = self.fa_index.rank(self.persian.terms(text))
        return nearest_entries(ranked, self._entries, self.table.facts, limit)

    @property
    def presentation(self) -> Presentation:
        """How this engine's entries are shown (display spelling, quotes, labels, topics)."""
        return presentation(self.article, self.table)

    def examples(self, limit: int = 4) -> list[Entry]:
        """A spread of fact entries across the article, for /start and 'not found' replies:
        the first question of each topic while there are topics, then evenly spread."""
        facts = list(self.table.facts)
        if len(facts) <= limit:
            return facts
        picked = [entries[0] for _, entries in self.presentation.topics() if entries][:limit]
        step = len(facts) / limit
        for i in range(limit):
            if len(picked) >= limit:
                break
            if facts[int(i * step)] not in picked:
                picked.append(facts[int(i * step)])
        return picked

    # -- internals ---------------------------------------------------------------------

    def _one(self, text: str) -> Part:
        if latin_share(text) > 0.5:
            return self._latin(text)
        return self._from(text, self.fa_index.match(self.persian.terms(text)), "fa")

    def _latin(self, text: str) -> Part:
        """Latin letters: English, Finglish, or Persian typed on an English keyboard."""
        en = self._from(text, self.en_index.match(self.english.terms(text)), "en")
        candidates = [en]
        persian = to_persian(text)
        fa_terms = self.persian.terms(persian)
        if fa_terms.content and self._known_share(fa_terms.content) >= 0.6:
            read_as = self.persian.normalize(persian)
            candidates.append(self._from(text, self.fa_index.match(fa_terms), "layout", read_as=read_as))
        if en.kind != "answer" or not self.english.looks_english(text):
            fl_terms = self.finglish.join_known(self.finglish.terms(text), self.fl_index.vocabulary)
            candidates.append(self._from(text, self.fl_index.match(fl_terms), "finglish"))
        rank = {"answer": 3, "smalltalk": 3, "suggest": 2, "none": 1}
        return max(candidates, key=lambda p: (rank[p.kind], p.score))

    def _known_share(self, terms: tuple[str, ...]) -> float:
        return sum(1 for t in terms if self.fa_index.known(t)) / len(terms)

    def _from(self, text: str, result: MatchResult, reading: Reading, read_as: str | None = None) -> Part:
        if result.outcome == "answer":
            entry = self._entries[result.entry]  # type: ignore[index]
            kind: PartKind = "smalltalk" if entry.is_smalltalk else "answer"
            return self._part(text, kind, result.score, entry, reading, read_as)
        if result.outcome == "suggest":
            picks = tuple(e for e in (self._entries[i] for i in result.suggestions) if not e.is_smalltalk)
            if picks:
                return Part(text, "suggest", result.score, suggestions=picks, reading=reading, read_as=read_as)
        return Part(text, "none", result.score, reading=reading, read_as=read_as)

    def _part(
        self, text: str, kind: PartKind, score: float, entry: Entry, reading: Reading = "fa", read_as: str | None = None
    ) -> Part:
        passage = self.article.passage(entry.passage) if entry.passage else None
        return Part(text, kind, score, entry, passage, reading=reading, read_as=read_as)


def build_normalizer(article: Article, table: Table) -> PersianNormalizer:
    """A normaliser that knows every word of the article and the table."""
    base = PersianNormalizer()
    words: set[str] = set()
    texts = [p.text for p in article.passages]
    for entry in table.entries:
        texts.extend(entry.questions)
        if entry.answer:
            texts.append(entry.answer)
    for group in table.synonyms:
        texts.extend(group)
    for text in texts:
        words.update(base.tokens(text))
    known = base.with_lexicon(frozenset(words))
    synonyms: dict[str, str] = {}
    for group in table.synonyms:
        canon = known.normalize(group[0])
        for word in group[1:]:
            synonyms[known.normalize(word)] = canon
    return known.with_lexicon(frozenset(), synonyms)


def split_questions(text: str, asks: Callable[[str], bool], latin: bool = False) -> list[str]:
    """Split a message into the questions it asks, in order.

    Hard breaks (؟ ? ! ; newline) always split; «و», «،» and "and" split only when
    the piece before them is a question of its own («فروزان کیست و …»), so «فرصتها و
    چالشها چیست» stays whole."""
    hard, soft = (_LATIN_HARD_BREAK, _LATIN_SOFT_BREAK) if latin else (_HARD_BREAK, _SOFT_BREAK)
    pieces = [p.strip() for p in hard.split(text) if p and p.strip()]
    out: list[str] = []
    for piece in pieces:
        start = 0
        for m in soft.finditer(piece):
            left = piece[start : m.start()].strip()
            if left and asks(left):
                out.append(left)
                start = m.end()
        rest = piece[start:].strip()
        if rest:
            out.append(rest)
    return out[:MAX_PARTS] if len(out) > 1 else [text]


def _dedupe(parts: list[Part]) -> list[Part]:
    """One reply per passage: a follow-up («باهاش همکاری دارن؟») that lands on the passage
    already quoted adds nothing."""
    seen: set[str] = set()
    out = []
    for p in parts:
        key = p.passage.id if p.passage else p.entry.id if p.entry else f"{p.kind}:{p.question}"
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def load_engine(article_path: Path, table_path: Path, thresholds: Thresholds | None = None) -> tuple[Engine | None, list[Problem]]:
    """Load, validate and index; on any error return (None, problems)."""
    try:
        article = load_article(article_path)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        return None, [Problem(str(article_path), 0, f"cannot read the article: {exc}")]
    normalizer = PersianNormalizer()
    table = load_table(table_path, article, normalizer.normalize)
    if not table.ok:
        return None, list(table.problems)
    return Engine.build(article, table, thresholds), list(table.problems)
