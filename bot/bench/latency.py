"""Per-question match time of ``Engine.answer``, on the real table and on larger ones."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from bot.bench.synthetic import scale_table
from bot.bench.timing import Stats
from bot.engine import Engine
from bot.normalize import PersianNormalizer

WARM_UP = "پرسش گرم کردن warm-up"  # not a dev question: first-call costs are paid on it


@dataclass(frozen=True, slots=True)
class Growth:
    """Match time on a table ``factor`` times as large as the real one."""

    factor: int
    entries: int
    phrasings: int
    build_seconds: float
    latency: Stats

    def as_json(self) -> dict[str, object]:
        return {
            "factor": self.factor,
            "entries": self.entries,
            "phrasings": self.phrasings,
            "build_seconds": round(self.build_seconds, 3),
            "latency": self.latency.as_json(),
        }


def time_answers(engine: Engine, questions: Sequence[str]) -> list[float]:
    """Seconds taken by ``engine.answer`` for each question, after one warm-up call."""
    engine.answer(WARM_UP)
    out = []
    for q in questions:
        start = time.perf_counter()
        engine.answer(q)
        out.append(time.perf_counter() - start)
    return out


def real_table(engine: Engine, questions: Sequence[str], passes: int) -> Stats:
    """Match time on the real table over ``passes`` passes of the questions. Each pass
    uses a freshly built engine, so no question is answered from the normaliser's cache."""
    seconds: list[float] = []
    for _ in range(passes):
        fresh = Engine.build(engine.article, engine.table, engine.thresholds)
        seconds += time_answers(fresh, questions)
    return Stats.of(seconds)


def growth(engine: Engine, questions: Sequence[str], factor: int, sample: int | None = None, seed: int = 0) -> Growth:
    """Build a table ``factor`` times as large, index it, and time one pass over the
    questions (every k-th of them when ``sample`` caps their number)."""
    table = scale_table(engine.table, factor, PersianNormalizer().normalize, seed=seed)
    start = time.perf_counter()
    big = Engine.build(engine.article, table, engine.thresholds)
    built = time.perf_counter() - start
    chosen = list(questions)
    if sample is not None and len(chosen) > sample:
        step = len(chosen) / sample
        chosen = [chosen[int(i * step)] for i in range(sample)]
    seconds = time_answers(big, chosen)
    phrasings = sum(len(e.questions) + len(e.english) for e in table.entries)
    return Growth(factor, len(table.entries), phrasings, built, Stats.of(seconds))
