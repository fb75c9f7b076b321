"""Which questions to offer next: after an answer, and after a question the bot declined.

* ``related``: after an answer, entries that read differently from it and from each
  other – at most one per passage, a neighbour on the same topic first, then the same
  topic elsewhere, then another topic – so three buttons never look alike («سازمان
  بین‌المللی کار», «اتحادیه بین‌المللی تعاون», «اتحادیه بین‌المللی تأمین اجتماعی»).
* ``nearest``: after a decline, the entries the matcher ranked closest to the question
  (words in common), one per passage, topped up with entries of the closest one's topic.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz

from bot.article import Article
from bot.matcher import Candidate
from bot.table import Entry

NEAREST_FLOOR = 12.0  # a candidate scoring below this shares too little with the question
SIMILAR_LABELS = 75.0  # labels at least this alike (token_set_ratio) look the same on a button


def related(me: Entry, facts: Sequence[Entry], article: Article, limit: int = 3) -> list[Entry]:
    """Entries to offer after answering ``me``."""
    order = {p.id: i for i, p in enumerate(article.passages)}
    # about the article rather than in it: the title, the sub-headings, the source
    meta = {p.id for p in article.passages if p.kind in ("title", "heading", "source")}
    here = order.get(me.passage or "", 0)

    def distance(e: Entry) -> tuple[bool, int]:
        return (e.passage in meta and me.passage not in meta, abs(order.get(e.passage or "", 99) - here))

    others = [e for e in facts if e.id != me.id and not e.is_smalltalk and e.answer != me.answer]
    same_topic = [e for e in others if e.topic == me.topic]
    other_topic = [e for e in others if e.topic != me.topic]
    tiers = (
        sorted((e for e in same_topic if e.passage == me.passage), key=distance),
        sorted((e for e in same_topic if e.passage != me.passage), key=distance),
        sorted(other_topic, key=distance),
    )
    picked: list[Entry] = []
    for tier in tiers:  # one from each tier first, then fill in the same order
        _take(tier, picked, me, 1)
    for tier in tiers:
        _take(tier, picked, me, limit - len(picked))
    return picked[:limit]


def nearest(
    ranked: Sequence[Candidate], entries: Mapping[str, Entry], facts: Sequence[Entry], limit: int = 3
) -> list[Entry]:
    """Entries closest to a declined question, best first ([] when nothing is close)."""
    picked: list[Entry] = []
    passages: set[str | None] = set()
    for candidate in ranked:
        entry = entries.get(candidate.entry)
        if entry is None or entry.is_smalltalk or candidate.score < NEAREST_FLOOR or entry.passage in passages:
            continue
        picked.append(entry)
        passages.add(entry.passage)
        if len(picked) >= limit:
            return picked
    if picked:
        topic = picked[0].topic
        for entry in facts:
            if len(picked) >= limit:
                break
            if entry.topic == topic and entry not in picked and not _alike(entry, picked):
                picked.append(entry)
    return picked


def _take(tier: Sequence[Entry], picked: list[Entry], me: Entry, n: int) -> None:
    for entry in tier:
        if n <= 0:
            return
        if entry in picked or any(p.passage == entry.passage for p in picked) or _alike(entry, [me, *picked]):
            continue
        picked.append(entry)
        n -= 1


def _alike(entry: Entry, others: Sequence[Entry]) -> bool:
    label = entry.label or entry.questions[0]
    return any(fuzz.token_set_ratio(label, o.label or o.questions[0]) >= SIMILAR_LABELS for o in others)
