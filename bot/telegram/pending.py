"""Questions that got a "did you mean", remembered for their «هیچ‌کدام» button.

Callback data holds at most 64 bytes, too little for a question, so the button carries a
token and the question waits here (the latest ``capacity`` of them, in memory). After a
restart the token is unknown; the handler then reads the question from the message the
reply quoted, if any.
"""

from __future__ import annotations

import itertools
import time
from collections import OrderedDict
from dataclasses import dataclass, field

CAPACITY = 2000


def _first_token() -> int:
    # Tokens of a new process start where an old one's are unlikely to be: a button left
    # from before a restart finds nothing here rather than somebody else's question.
    return int(time.time() * 1000) % 10**12


@dataclass
class PendingQuestions:
    """token → the question asked, for the latest ``capacity`` did-you-mean replies."""

    capacity: int = CAPACITY
    first: int = field(default_factory=_first_token)
    _items: OrderedDict[int, str] = field(default_factory=OrderedDict)
    _tokens: itertools.count[int] = field(init=False)

    def __post_init__(self) -> None:
        self._tokens = itertools.count(self.first)

    def add(self, question: str) -> int:
        token = next(self._tokens)
        self._items[token] = question
        while len(self._items) > self.capacity:
            self._items.popitem(last=False)
        return token

    def pop(self, token: int | None) -> str | None:
        return self._items.pop(token, None) if token is not None else None
