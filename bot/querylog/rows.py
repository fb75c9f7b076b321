"""Values as both backends store them: cleaned text, user hashes, times, id lists."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

MAX_QUESTION_CHARS = 1000
HASH_CHARS = 32  # hex characters of HMAC-SHA256 kept per user
UNANSWERED = ("none", "suggest")
PRUNE_EVERY = 1000  # inserts between two prunes
RETENTION_DAYS = 90
MAX_ROWS = 200_000
MAX_VERSIONS = 200  # table versions kept
CLAIM_DAYS = 2  # update claims kept (Telegram gives up redelivering after a day)


def user_hash(key: bytes | None, user_id: int | None) -> str | None:
    """The keyed hash stored instead of a user id (None for no user or no key)."""
    if user_id is None or key is None:
        return None
    return hmac.new(key, str(user_id).encode(), hashlib.sha256).hexdigest()[:HASH_CHARS]


def clean(value: object, limit: int | None = None) -> str:
    """Text that can be stored as UTF-8 (lone surrogates replaced), cut to ``limit``."""
    text = value if isinstance(value, str) else "" if value is None else str(value)
    text = text.encode("utf-8", "replace").decode("utf-8")
    return text if limit is None else text[:limit]


def as_float(value: object) -> float:
    """A score as a float (0 for anything that is not a number)."""
    if isinstance(value, int | float | str):
        try:
            return float(value)
        except ValueError:
            return 0.0
    return 0.0


def sign(value: int) -> int:
    return 1 if value > 0 else -1 if value < 0 else 0


def valid_query_id(query_id: object) -> bool:
    return isinstance(query_id, int) and 0 < query_id < 2**63


def now() -> datetime:
    return datetime.now(UTC)


def iso(ts: datetime) -> str:
    """A UTC ISO 8601 time to the second."""
    return ts.astimezone(UTC).isoformat(timespec="seconds")


def cutoff(days: int) -> datetime:
    return now() - timedelta(days=days)


def join_ids(ids: tuple[str, ...]) -> str:
    return " ".join(ids)


def split_ids(text: str | None) -> tuple[str, ...]:
    return tuple(text.split()) if text else ()
