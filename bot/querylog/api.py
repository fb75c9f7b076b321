"""What the bot asks of its database (``BOT_DB``): the query log, the table's versions
and the update claims that let several replicas answer each update once.

Two backends implement it: SQLite (``bot/querylog/sqlite.py``, the embedded default) and
PostgreSQL (``bot/querylog/postgres.py``). Every method is a coroutine that does its
database work off the event loop and never raises for database trouble: a failing
database turns the backend unhealthy (one warning) and its work is skipped until it
answers again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol


class Feedback(Enum):
    """What became of a 👍/👎 press."""

    RECORDED = "recorded"
    DUPLICATE = "duplicate"  # this answer already has its feedback
    NOT_OWNER = "not_owner"  # pressed by someone other than the user who asked
    UNKNOWN = "unknown"  # no such logged question
    UNAVAILABLE = "unavailable"  # the database is down: nothing could be checked


class StatsStatus(Enum):
    """Whether ``Stats`` holds real counts."""

    OK = "ok"
    UNAVAILABLE = "unavailable"  # the database is down
    UNREADABLE = "unreadable"  # it answered, but reading the counts failed


@dataclass(frozen=True)
class Stats:
    """Counts for /stats (the Telegram layer words them)."""

    questions: int = 0
    answered: int = 0
    suggested: int = 0
    declined: int = 0
    smalltalk: int = 0
    thumbs_up: int = 0
    thumbs_down: int = 0
    top_entries: list[tuple[str, int]] = field(default_factory=list)
    latest_unanswered: list[tuple[str, str]] = field(default_factory=list)  # (UTC ISO time, question)
    status: StatsStatus = StatsStatus.OK


@dataclass(frozen=True)
class NewVersion:
    """A table about to be recorded as the one served."""

    action: str  # start | reload | upload | undo
    content: bytes
    entries: int
    phrasings: int
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    admin_id: int | None = None  # the admin who did it (None: the file, at start)
    base: int | None = None  # the version /undo returns to from this one
    restores: int | None = None  # for an undo: the version whose table this is again
    replica: str = ""

    @property
    def sha256(self) -> str:
        return content_hash(self.content)


@dataclass(frozen=True)
class TableVersion:
    """A recorded table: who served it, when, and what changed."""

    id: int
    ts: str  # UTC, ISO 8601
    action: str
    admin_id: int | None
    replica: str
    sha256: str
    entries: int
    phrasings: int
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]
    base: int | None
    restores: int | None
    content: bytes | None = None  # only from ``TableHistory.version``


def content_hash(content: bytes) -> str:
    """The hex SHA-256 that identifies a table's bytes."""
    return hashlib.sha256(content).hexdigest()


class QueryLog(Protocol):
    """Questions, feedback and admin attempts; users only as keyed hashes."""

    @property
    def healthy(self) -> bool:
        """False while the database is failing (its work is then skipped)."""
        ...

    def describe(self) -> str:
        """Where the data goes, for log lines (no password)."""
        ...

    async def open(self) -> None:
        """Connect, migrate the schema to this version and prune old rows; never raises."""
        ...

    async def close(self) -> None:
        """Release the connection(s); a later call opens them again."""
        ...

    async def log_question(
        self, *, chat_type: str, user_id: int | None, question: str, outcome: str, entry: str | None, score: float
    ) -> int | None:
        """Record one question and the engine's outcome; the row id, or None if not logged."""
        ...

    async def log_feedback(self, *, user_id: int | None, entry: str, value: int, query_id: int | None) -> Feedback:
        """Record 👍 (+1) or 👎 (-1) on logged question ``query_id``: once, from its asker."""
        ...

    async def log_admin(self, *, user_id: int | None, action: str, allowed: bool) -> None:
        """Record an admin command, refused attempts included."""
        ...

    async def stats(self, top: int = 5, latest: int = 10) -> Stats:
        """Counts over the whole log."""
        ...


class TableHistory(Protocol):
    """Every table the bot served, newest last."""

    @property
    def healthy(self) -> bool: ...

    async def record_version(self, version: NewVersion) -> TableVersion | None:
        """Store a new version; None if the database is down."""
        ...

    async def latest_version(self) -> TableVersion | None:
        """The newest version, without its content."""
        ...

    async def version(self, version_id: int) -> TableVersion | None:
        """One version, with its content."""
        ...

    async def versions(self, limit: int = 10) -> list[TableVersion]:
        """The newest ``limit`` versions, newest first, without content."""
        ...

    async def find_version(self, sha256: str) -> TableVersion | None:
        """The newest version with this content, without it."""
        ...


class UpdateClaims(Protocol):
    """Which replica handles which update."""

    async def claim_update(self, update_id: int, replica: str) -> bool:
        """True if this replica is the first to claim the update (or the database is down:
        answering twice beats not answering); False if another one already did."""
        ...


class Database(QueryLog, TableHistory, UpdateClaims, Protocol):
    """Everything ``BOT_DB`` holds."""
