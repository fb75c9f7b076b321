"""A per-user flood limit over a sliding window (pure: no Telegram, injectable clock)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from enum import Enum

_SWEEP_EVERY = 1024


class Verdict(Enum):
    ALLOW = "allow"  # handle the message
    WARN = "warn"  # over the limit for the first time in this burst: say "slow down" once
    DROP = "drop"  # still over the limit: ignore silently


class FloodGuard:
    """Allows ``limit`` messages per user per ``window`` seconds.

    The first message over the limit gets ``WARN``; the rest of the burst gets ``DROP``
    until the window has room again. Dropped messages do not count, so a user who keeps
    hammering is let through as soon as their earlier accepted messages age out.
    ``limit`` 0 turns the guard off."""

    def __init__(self, limit: int, window: float = 10.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._accepted: dict[int, deque[float]] = {}
        self._warned: set[int] = set()
        self._checks = 0

    def check(self, user_id: int) -> Verdict:
        """Count one message from ``user_id`` and say what to do with it."""
        if self.limit <= 0:
            return Verdict.ALLOW
        now = self.clock()
        self._checks += 1
        if self._checks % _SWEEP_EVERY == 0:
            self._sweep(now)
        stamps = self._accepted.setdefault(user_id, deque())
        _expire(stamps, now - self.window)
        if len(stamps) < self.limit:
            stamps.append(now)
            self._warned.discard(user_id)
            return Verdict.ALLOW
        if user_id in self._warned:
            return Verdict.DROP
        self._warned.add(user_id)
        return Verdict.WARN

    def _sweep(self, now: float) -> None:
        """Forget users who have been quiet for a whole window (keeps memory bounded)."""
        for user_id in list(self._accepted):
            _expire(self._accepted[user_id], now - self.window)
            if not self._accepted[user_id]:
                del self._accepted[user_id]
                self._warned.discard(user_id)


def _expire(stamps: deque[float], horizon: float) -> None:
    while stamps and stamps[0] <= horizon:
        stamps.popleft()
