"""Latency statistics over lists of durations (seconds in, milliseconds out)."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass


def percentile(values: Sequence[float], q: float) -> float:
    """The nearest-rank ``q``-th percentile (0 < q ≤ 100); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True, slots=True)
class Stats:
    """Summary of a set of durations, in milliseconds."""

    count: int
    median_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float

    @classmethod
    def of(cls, seconds: Sequence[float]) -> Stats:
        if not seconds:
            return cls(0, 0.0, 0.0, 0.0, 0.0)
        ms = [s * 1000 for s in seconds]
        return cls(
            count=len(ms),
            median_ms=round(statistics.median(ms), 4),
            p95_ms=round(percentile(ms, 95), 4),
            p99_ms=round(percentile(ms, 99), 4),
            max_ms=round(max(ms), 4),
        )

    def as_json(self) -> dict[str, float]:
        return asdict(self)
