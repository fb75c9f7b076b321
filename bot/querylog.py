"""The query log: questions, feedback and admin attempts in one SQLite file.

Users are stored only as an HMAC of their id, keyed with a secret kept outside the
database (``BOT_LOG_KEY``, or a 0600 key file: ``BOT_LOG_KEY_FILE``, by default
``<db>.key``); the database and its journal are owner-only (0600). Logging is best
effort: any database trouble (locked, read-only, full, corrupt, unreachable directory)
is logged once as a warning, the log turns unhealthy and retries at most every
``retry_seconds``; callers never see an exception and are never held up for longer than
SQLite's short busy timeout. A database file deleted or replaced while running is
noticed and started anew there, with one warning. The journal is a rollback journal,
not WAL: WAL's ``-shm`` file is memory-mapped, and truncated or made read-only under
the process it kills it with SIGBUS.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import TypeVar

from bot.logkey import load_or_create_key, make_private

logger = logging.getLogger("bot.querylog")

T = TypeVar("T")

MAX_QUESTION_CHARS = 1000
BUSY_TIMEOUT_MS = 200
RETRY_SECONDS = 30.0
PRUNE_EVERY = 1000
UNANSWERED = ("none", "suggest")
HASH_CHARS = 32  # hex characters of HMAC-SHA256 kept per user

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS questions (
    id INTEGER PRIMARY KEY,
    ts TEXT NOT NULL,
    chat_type TEXT NOT NULL,
    user_hash TEXT,
    question TEXT NOT NULL,
    outcome TEXT NOT NULL,
    entry TEXT,
    score REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS questions_ts ON questions (ts);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY,
    ts TEXT NOT NULL,
    user_hash TEXT,
    entry TEXT NOT NULL,
    value INTEGER NOT NULL,
    query_id INTEGER
);
CREATE INDEX IF NOT EXISTS feedback_ts ON feedback (ts);
CREATE INDEX IF NOT EXISTS feedback_query ON feedback (query_id);
CREATE TABLE IF NOT EXISTS admin (
    id INTEGER PRIMARY KEY,
    ts TEXT NOT NULL,
    user_hash TEXT,
    action TEXT NOT NULL,
    allowed INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS admin_ts ON admin (ts);
"""
_TABLES = ("questions", "feedback", "admin")


class Feedback(Enum):
    """What became of a 👍/👎 press."""

    RECORDED = "recorded"
    DUPLICATE = "duplicate"  # this answer already has its feedback
    NOT_OWNER = "not_owner"  # pressed by someone other than the user who asked
    UNKNOWN = "unknown"  # no such logged question
    UNAVAILABLE = "unavailable"  # the database is down: nothing could be checked


@dataclass(frozen=True)
class Stats:
    """Counts for /stats; ``note`` explains an empty result (e.g. the database is down)."""

    questions: int = 0
    answered: int = 0
    suggested: int = 0
    declined: int = 0
    smalltalk: int = 0
    thumbs_up: int = 0
    thumbs_down: int = 0
    top_entries: list[tuple[str, int]] = field(default_factory=list)
    latest_unanswered: list[tuple[str, str]] = field(default_factory=list)  # (UTC ISO time, question)
    note: str = ""

    def text(self) -> str:
        """A Persian summary for the admin (plain text: escape it before sending as HTML)."""
        lines = ["📊 آمار پرسش‌ها"]
        if self.note:
            lines.append(f"⚠️ {self.note}")
        share = f" ({round(100 * self.answered / self.questions)}٪)" if self.questions else ""
        lines += [
            f"کل پرسش‌ها: {self.questions}",
            f"پاسخ از متن: {self.answered}{share}",
            f"پیشنهاد پرسش نزدیک: {self.suggested}",
            f"بی‌پاسخ: {self.declined}",
            f"گفت‌وگوی کوتاه (سلام، تشکر…): {self.smalltalk}",
            f"بازخورد: 👍 {self.thumbs_up}  👎 {self.thumbs_down}",
        ]
        if self.top_entries:
            lines.append("پرتکرارترین پرسش‌ها:")
            lines += [f"{i}. {entry} — {count}" for i, (entry, count) in enumerate(self.top_entries, 1)]
        if self.latest_unanswered:
            lines.append("آخرین پرسش‌های بی‌پاسخ:")
            lines += [f"• {_short_time(ts)} — {_clip(q, 80)}" for ts, q in self.latest_unanswered]
        return "\n".join(lines)


class QueryLog:
    """A best-effort, thread-safe log of what users ask, in a SQLite file."""

    def __init__(
        self,
        path: Path | str,
        key: str | None = None,
        key_file: Path | str | None = None,
        retention_days: int = 90,
        max_rows: int = 200_000,
    ) -> None:
        """``key`` (else ``BOT_LOG_KEY``) keys the user hashes; without one, the key is
        read from ``key_file`` (else ``BOT_LOG_KEY_FILE``, else ``<path>.key``), which is
        created on first open."""
        self.path = Path(path)
        self.retention_days = retention_days
        self.max_rows = max_rows
        self.retry_seconds = RETRY_SECONDS
        self.prune_every = PRUNE_EVERY
        given = key or os.environ.get("BOT_LOG_KEY")
        self._key: bytes | None = given.encode() if given else None
        self.key_file = Path(key_file or os.environ.get("BOT_LOG_KEY_FILE") or f"{self.path}.key")
        self._identity: tuple[int, int] | None = None  # (device, inode) of the open file
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._healthy = True
        self._warned = False
        self._retry_at = 0.0
        self._inserts = 0

    # -- lifecycle ---------------------------------------------------------------------

    def open(self) -> None:
        """Create the database if needed, switch to WAL and prune old rows; never raises."""
        with self._lock:
            if self._conn is None:
                self._retry_at = 0.0
                self._connection()

    def close(self) -> None:
        """Close the database (a later call reopens it)."""
        with self._lock:
            self._drop_connection()

    @property
    def healthy(self) -> bool:
        """False while the database is failing (logging is then skipped)."""
        return self._healthy

    # -- writing -----------------------------------------------------------------------

    def log_question(
        self, *, chat_type: str, user_id: int | None, question: str, outcome: str, entry: str | None, score: float
    ) -> int | None:
        """Record one question and the engine's outcome; returns the row id, or None if not logged."""
        text = _clean(question)[:MAX_QUESTION_CHARS]
        row = (_now(), _clean(chat_type)[:32], _clean(outcome)[:16], None if entry is None else _clean(entry)[:100])

        def write(conn: sqlite3.Connection) -> int | None:
            cur = conn.execute(
                "INSERT INTO questions (ts, chat_type, user_hash, question, outcome, entry, score) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (row[0], row[1], self._hash(user_id), text, row[2], row[3], _float(score)),
            )
            return cur.lastrowid

        return self._write(write)

    def log_feedback(self, *, user_id: int | None, entry: str, value: int, query_id: int | None) -> Feedback:
        """Record a 👍 (+1) or 👎 (-1) on the answer to logged question ``query_id``:
        once per question, and only from the user who asked it."""
        sign = 1 if value > 0 else -1 if value < 0 else 0
        if not isinstance(query_id, int) or not 0 < query_id < 2**63 or user_id is None:
            return Feedback.UNKNOWN

        def write(conn: sqlite3.Connection) -> Feedback:
            row = conn.execute("SELECT user_hash FROM questions WHERE id = ?", (query_id,)).fetchone()
            if row is None:
                return Feedback.UNKNOWN
            if row[0] is None or row[0] != self._hash(user_id):
                return Feedback.NOT_OWNER
            if conn.execute("SELECT 1 FROM feedback WHERE query_id = ?", (query_id,)).fetchone():
                return Feedback.DUPLICATE
            conn.execute(
                "INSERT INTO feedback (ts, user_hash, entry, value, query_id) VALUES (?, ?, ?, ?, ?)",
                (_now(), row[0], _clean(entry)[:100], sign, query_id),
            )
            return Feedback.RECORDED

        return self._write(write) or Feedback.UNAVAILABLE

    def log_admin(self, *, user_id: int | None, action: str, allowed: bool) -> None:
        """Record an admin command, including refused attempts."""
        self._write(
            lambda conn: conn.execute(
                "INSERT INTO admin (ts, user_hash, action, allowed) VALUES (?, ?, ?, ?)",
                (_now(), self._hash(user_id), _clean(action)[:100], int(bool(allowed))),
            )
        )

    # -- reading -----------------------------------------------------------------------

    def stats(self, top: int = 5, latest: int = 10) -> Stats:
        """Counts over the whole log; an empty Stats with a note if the database is down."""
        with self._lock:
            conn = self._connection()
            if conn is None:
                return Stats(note="پایگاه دادهٔ گزارش در دسترس نیست؛ آماری ثبت نمی‌شود.")
            try:
                return _read_stats(conn, top, latest)
            except (sqlite3.Error, OSError) as exc:
                self._fail(exc, "reading stats")
                return Stats(note="خواندن آمار از پایگاه دادهٔ گزارش ممکن نشد.")

    # -- internals ---------------------------------------------------------------------

    def _write(self, action: Callable[[sqlite3.Connection], T]) -> T | None:
        with self._lock:
            conn = self._connection()
            if conn is None:
                return None
            try:
                result = action(conn)
                self._inserts += 1
                if self._inserts % self.prune_every == 0:
                    self._prune(conn)
            except (sqlite3.Error, OSError) as exc:
                self._fail(exc, "writing")
                return None
            if not self._healthy or self._warned:
                logger.info("query log %s is working again", self.path)
            self._healthy, self._warned = True, False
            return result

    def _connection(self) -> sqlite3.Connection | None:
        """The open connection, opening it if due; None while the database is failing."""
        if self._conn is not None:
            if self._still_there():
                return self._conn
            logger.warning("query log %s was deleted or replaced while running; starting a new one there", self.path)
            self._drop_connection()
            self._retry_at = 0.0
        if time.monotonic() < self._retry_at:
            return None
        conn: sqlite3.Connection | None = None
        try:
            if self._key is None:
                self._key = load_or_create_key(self.key_file)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            make_private(self.path)
            conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
            )
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA mmap_size = 0")
            conn.execute("PRAGMA journal_mode = TRUNCATE")  # also turns an older WAL database back
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.executescript(_SCHEMA)
            _forget_stored_salt(conn, self.path)
            self._prune(conn)
            stat = os.stat(self.path)
        except (sqlite3.Error, OSError) as exc:
            if conn is not None:
                conn.close()
            self._fail(exc, "opening")
            return None
        self._conn = conn
        self._identity = (stat.st_dev, stat.st_ino)
        return conn

    def _still_there(self) -> bool:
        """Whether the path still names the file that was opened."""
        try:
            stat = os.stat(self.path)
        except OSError:
            return False
        return (stat.st_dev, stat.st_ino) == self._identity

    def _fail(self, exc: BaseException, doing: str) -> None:
        """Turn unhealthy, drop the connection, and warn only on the first failure."""
        if not self._warned:
            logger.warning(
                "query log %s failed while %s (%s: %s); logging is degraded, retrying at most every %.0f s",
                self.path, doing, type(exc).__name__, exc, self.retry_seconds,
            )
            self._warned = True
        self._healthy = False
        self._retry_at = time.monotonic() + self.retry_seconds
        self._drop_connection()

    def _drop_connection(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None

    def _prune(self, conn: sqlite3.Connection) -> None:
        cutoff = (datetime.now(UTC) - timedelta(days=self.retention_days)).isoformat(timespec="seconds")
        for table in _TABLES:
            conn.execute(f"DELETE FROM {table} WHERE ts < ?", (cutoff,))
            conn.execute(
                f"DELETE FROM {table} WHERE id <= (SELECT id FROM {table} ORDER BY id DESC LIMIT 1 OFFSET ?)",
                (max(self.max_rows, 0),),
            )

    def _hash(self, user_id: int | None) -> str | None:
        if user_id is None or self._key is None:
            return None
        return hmac.new(self._key, str(user_id).encode(), hashlib.sha256).hexdigest()[:HASH_CHARS]


def _read_stats(conn: sqlite3.Connection, top: int, latest: int) -> Stats:
    counts = dict(conn.execute("SELECT outcome, COUNT(*) FROM questions GROUP BY outcome").fetchall())
    up, down = conn.execute(
        "SELECT COALESCE(SUM(value > 0), 0), COALESCE(SUM(value < 0), 0) FROM feedback"
    ).fetchone()
    top_entries = conn.execute(
        "SELECT entry, COUNT(*) AS n FROM questions WHERE outcome = 'answer' AND entry IS NOT NULL "
        "GROUP BY entry ORDER BY n DESC, entry LIMIT ?",
        (top,),
    ).fetchall()
    marks = ", ".join("?" for _ in UNANSWERED)
    unanswered = conn.execute(
        f"SELECT ts, question FROM questions WHERE outcome IN ({marks}) ORDER BY id DESC LIMIT ?",
        (*UNANSWERED, latest),
    ).fetchall()
    return Stats(
        questions=sum(counts.values()),
        answered=counts.get("answer", 0),
        suggested=counts.get("suggest", 0),
        declined=counts.get("none", 0),
        smalltalk=counts.get("smalltalk", 0),
        thumbs_up=int(up),
        thumbs_down=int(down),
        top_entries=[(str(e), int(n)) for e, n in top_entries],
        latest_unanswered=[(str(ts), str(q)) for ts, q in unanswered],
    )


def _forget_stored_salt(conn: sqlite3.Connection, path: Path) -> None:
    """Older versions kept a salt in the database itself, beside the hashes it salted:
    anyone with the file could test guessed ids. Delete it, overwriting its bytes; the
    old hashes stay, but nothing can link them to a user any more."""
    if conn.execute("SELECT 1 FROM meta WHERE key = 'salt'").fetchone() is None:
        return
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("DELETE FROM meta WHERE key = 'salt'")
    conn.execute("PRAGMA secure_delete = OFF")
    logger.info(
        "query log %s: deleted the salt stored in the database; user ids are now hashed with a key kept "
        "outside it, and older rows keep hashes that no longer link to a user", path
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _clean(value: object) -> str:
    # Lone surrogates (possible in decoded JSON) cannot be stored as UTF-8.
    text = value if isinstance(value, str) else "" if value is None else str(value)
    return text.encode("utf-8", "replace").decode("utf-8")


def _float(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0


def _short_time(ts: str) -> str:
    return ts[:16].replace("T", " ")


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
