"""Callback data of inline buttons: short strings (≤ 64 bytes, Telegram's limit).

* ``a:<entry_id>`` – answer this entry (example, related, suggested, listed question);
* ``q:<page>`` – show this page of /questions (0-based);
* ``f:+:<entry_id>:<query_id>`` / ``f:-:…`` – feedback on an answer (query id 0: unknown);
* ``n`` – a button that does nothing (the page counter, "thanks").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_BYTES = 64
NOOP = "n"
# Strict shapes: ASCII digits only (str.isdigit also accepts "²" or "١"), bounded
# numbers, entry ids without whitespace.
_ENTRY = r"\S{1,60}"
_ANSWER = re.compile(rf"a:({_ENTRY})")
_PAGE = re.compile(r"q:([0-9]{1,6})")
_FEEDBACK = re.compile(rf"f:([+-]):({_ENTRY}):([0-9]{{1,18}})")


@dataclass(frozen=True, slots=True)
class Callback:
    """Parsed callback data."""

    kind: str  # "answer" | "page" | "feedback" | "noop"
    entry: str | None = None
    page: int = 0
    value: int = 0  # feedback: +1 or -1
    query_id: int | None = None


def fits(data: str) -> bool:
    return 0 < len(data.encode("utf-8")) <= MAX_BYTES


def answer(entry_id: str) -> str:
    return f"a:{entry_id}"


def page(number: int) -> str:
    return f"q:{number}"


def feedback(value: int, entry_id: str, query_id: int | None) -> str:
    return f"f:{'+' if value > 0 else '-'}:{entry_id}:{query_id or 0}"


def parse(data: str | None) -> Callback | None:
    """The meaning of callback data, or None if it is not ours (or malformed)."""
    if not data or len(data) > MAX_BYTES:
        return None
    if data == NOOP:
        return Callback("noop")
    if match := _ANSWER.fullmatch(data):
        return Callback("answer", entry=match[1])
    if match := _PAGE.fullmatch(data):
        return Callback("page", page=int(match[1]))
    if match := _FEEDBACK.fullmatch(data):
        sign, entry, query = match.groups()
        return Callback("feedback", entry=entry, value=1 if sign == "+" else -1, query_id=int(query) or None)
    return None
