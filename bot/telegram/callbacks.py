"""Callback data of inline buttons: short strings (≤ 64 bytes, Telegram's limit).

* ``a:<entry_id>`` – answer this entry (example, related, suggested, listed question);
* ``q:<page>`` – a /questions page: 0 the list of topics, ``n`` the n-th topic (older
  keyboards' page numbers land on a topic, never on an error);
* ``p:<entry_id>`` – show the whole paragraph of this answer (the message is edited);
* ``x:<token>`` – "none of these" under a did-you-mean (the token finds the question);
* ``f:+:<entry_id>:<query_id>`` / ``f:-:…`` – feedback on an answer (query id 0: unknown);
* ``n`` – a button that does nothing (the page counter, "thanks").

Deep links (``/start q_<entry_id>``) open an answer directly; ``start_payload`` and
``parse_start`` make and read their payload (letters, digits, ``_`` and ``-``, ≤ 64).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_BYTES = 64
NOOP = "n"
DEEP_LINK_PREFIX = "q_"
_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# Strict shapes: ASCII digits only (str.isdigit also accepts "²" or "١"), bounded
# numbers, entry ids without whitespace.
_ENTRY = r"\S{1,60}"
_ANSWER = re.compile(rf"a:({_ENTRY})")
_PAGE = re.compile(r"q:([0-9]{1,6})")
_PARAGRAPH = re.compile(rf"p:({_ENTRY})")
_NONE_OF_THESE = re.compile(r"x:([0-9]{1,18})")
_FEEDBACK = re.compile(rf"f:([+-]):({_ENTRY}):([0-9]{{1,18}})")


@dataclass(frozen=True, slots=True)
class Callback:
    """Parsed callback data."""

    kind: str  # "answer" | "page" | "paragraph" | "none" | "feedback" | "noop"
    entry: str | None = None
    page: int = 0
    value: int = 0  # feedback: +1 or -1
    query_id: int | None = None  # feedback: the logged question; "none": the token


def fits(data: str) -> bool:
    return 0 < len(data.encode("utf-8")) <= MAX_BYTES


def answer(entry_id: str) -> str:
    return f"a:{entry_id}"


def page(number: int) -> str:
    return f"q:{number}"


def paragraph(entry_id: str) -> str:
    return f"p:{entry_id}"


def none_of_these(token: int) -> str:
    return f"x:{token}"


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
    if match := _PARAGRAPH.fullmatch(data):
        return Callback("paragraph", entry=match[1])
    if match := _NONE_OF_THESE.fullmatch(data):
        return Callback("none", query_id=int(match[1]))
    if match := _FEEDBACK.fullmatch(data):
        sign, entry, query = match.groups()
        return Callback("feedback", entry=entry, value=1 if sign == "+" else -1, query_id=int(query) or None)
    return None


def start_payload(entry_id: str) -> str | None:
    """The deep-link payload that opens this entry (None if its id cannot be one)."""
    payload = DEEP_LINK_PREFIX + entry_id
    return payload if _PAYLOAD.match(payload) else None


def parse_start(payload: str | None) -> str | None:
    """The entry id a ``/start`` payload asks for, or None."""
    if payload and _PAYLOAD.match(payload) and payload.startswith(DEEP_LINK_PREFIX):
        return payload[len(DEEP_LINK_PREFIX) :] or None
    return None
