"""Questions that got a "did you mean", remembered for their «هیچ‌کدام» button.

Callback data holds at most 64 bytes, too little for a question, so the button carries a
token and the question waits here (the latest ``capacity`` of them, in memory). After a
restart the token is unknown; the handler then reads the question from the message the
reply quoted, if any.
"""

from __future__ import annotations

import itertools
from collections import OrderedDict
from dataclasses import dataclass, field

CAPACITY = 2000


@dataclass
class PendingQuestions:
    """token → the question asked, for the latest ``capacity`` did-you-mean replies."""

    capacity: int = CAPACITY
    _items: OrderedDict[int, str] = field(default_factory=OrderedDict)
    _tokens: itertools.count = field(default_factory=lambda: itertools.count(1))  # type: ignore[type-arg]

    def add(self, question: str) -> int:
        token = next(self._tokens)
        self._items[token] = question
        while len(self._items) > self.capacity:
            self._items.popitem(last=False)
        return token

    def pop(self, token: int | None) -> str | None:
        return self._items.pop(token, None) if token is not None else None
