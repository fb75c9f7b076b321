"""The embedded backend: one SQLite file, used from one thread of its own.

Every call runs on the log's own worker thread, so the event loop never waits for
SQLite. Users are stored only as an HMAC of their id, keyed with a secret kept outside
the database (``BOT_LOG_KEY``, or a 0600 key file: ``BOT_LOG_KEY_FILE``, by default
``<db>.key``); the database and its journal are owner-only (0600). Logging is best
effort: any database trouble (locked, read-only, full, corrupt, unreachable directory)
is logged once as a warning, the log turns unhealthy and retries at most every
``retry_seconds``; callers never see an exception and wait at most SQLite's short busy
timeout. A database file deleted or replaced while running is noticed and started anew
there, with one warning. The journal is a rollback journal, not WAL: WAL's ``-shm`` file
is memory-mapped, and truncated or made read-only under the process it kills it with
SIGBUS.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from bot.logkey import load_or_create_key, make_private
from bot.querylog import rows
from bot.querylog.api import Feedback, NewVersion, Stats, StatsStatus, TableVersion
from bot.querylog.health import Health, ReportsHealth
from bot.querylog.schema import SchemaTooNew, pending

logger = logging.getLogger("bot.querylog")

T = TypeVar("T")

BUSY_TIMEOUT_MS = 200
_TABLES = ("questions", "feedback", "admin")
_VERSION_COLUMNS = (
    "id, ts, action, admin_id, replica, sha256, entries, phrasings, added, removed, changed, base, restores"
)


class SqliteQueryLog(ReportsHealth):
    """The query log, table versions and update claims in a SQLite file (see the module docstring)."""

    def __init__(
        self,
        path: Path | str,
        key: str | None = None,
        key_file: Path | str | None = None,
        retention_days: int = rows.RETENTION_DAYS,
        max_rows: int = rows.MAX_ROWS,
    ) -> None:
        """``key`` (else ``BOT_LOG_KEY``) keys the user hashes; without one, the key is
        read from ``key_file`` (else ``BOT_LOG_KEY_FILE``, else ``<path>.key``), which is
        created on first open. No I/O happens here."""
        self.path = Path(path)
        self.retention_days = retention_days
        self.max_rows = max_rows
        self.prune_every = rows.PRUNE_EVERY
        given = key or os.environ.get("BOT_LOG_KEY")
        self._key: bytes | None = given.encode() if given else None
        self.key_file = Path(key_file or os.environ.get("BOT_LOG_KEY_FILE") or f"{self.path}.key")
        self._health = Health(str(self.path))
        self._identity: tuple[int, int] | None = None  # (device, inode) of the open file
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._inserts = 0
        self._worker: ThreadPoolExecutor | None = None

    # -- lifecycle ---------------------------------------------------------------------

    def describe(self) -> str:
        return f"SQLite {self.path}"

    async def open(self) -> None:
        def work() -> None:
            with self._lock:
                if self._conn is None:
                    self._health.retry_now()
                    self._connection()

        await self._run(work)

    async def close(self) -> None:
        worker, self._worker = self._worker, None
        if worker is None:
            return
        await asyncio.get_running_loop().run_in_executor(worker, self._close_now)
        worker.shutdown(wait=False)

    def _close_now(self) -> None:
        with self._lock:
            self._drop_connection()

    # -- the query log -----------------------------------------------------------------

    async def log_question(
        self, *, chat_type: str, user_id: int | None, question: str, outcome: str, entry: str | None, score: float
    ) -> int | None:
        values = (
            rows.iso(rows.now()),
            rows.clean(chat_type, 32),
            rows.clean(question, rows.MAX_QUESTION_CHARS),
            rows.clean(outcome, 16),
            None if entry is None else rows.clean(entry, 100),
            rows.as_float(score),
        )

        def write(conn: sqlite3.Connection) -> int | None:
            ts, chat, text, kind, entry_id, points = values
            cur = conn.execute(
                "INSERT INTO questions (ts, chat_type, user_hash, question, outcome, entry, score) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (ts, chat, rows.user_hash(self._key, user_id), text, kind, entry_id, points),
            )
            return cur.lastrowid

        return await self._run(lambda: self._write(write, counts=True))

    async def log_feedback(self, *, user_id: int | None, entry: str, value: int, query_id: int | None) -> Feedback:
        if not rows.valid_query_id(query_id) or user_id is None:
            return Feedback.UNKNOWN

        def write(conn: sqlite3.Connection) -> Feedback:
            row = conn.execute("SELECT user_hash FROM questions WHERE id = ?", (query_id,)).fetchone()
            if row is None:
                return Feedback.UNKNOWN
            if row[0] is None or row[0] != rows.user_hash(self._key, user_id):
                return Feedback.NOT_OWNER
            cur = conn.execute(
                "INSERT OR IGNORE INTO feedback (ts, user_hash, entry, value, query_id) VALUES (?, ?, ?, ?, ?)",
                (rows.iso(rows.now()), row[0], rows.clean(entry, 100), rows.sign(value), query_id),
            )
            return Feedback.RECORDED if cur.rowcount == 1 else Feedback.DUPLICATE

        return await self._run(lambda: self._write(write)) or Feedback.UNAVAILABLE

    async def log_admin(self, *, user_id: int | None, action: str, allowed: bool) -> None:
        def write(conn: sqlite3.Connection) -> None:
            conn.execute(
                "INSERT INTO admin (ts, user_hash, action, allowed) VALUES (?, ?, ?, ?)",
                (rows.iso(rows.now()), rows.user_hash(self._key, user_id), rows.clean(action, 100), int(allowed)),
            )

        await self._run(lambda: self._write(write, counts=True))

    async def stats(self, top: int = 5, latest: int = 10) -> Stats:
        def read() -> Stats:
            with self._lock:
                conn = self._connection()
                if conn is None:
                    return Stats(status=StatsStatus.UNAVAILABLE)
                try:
                    return _read_stats(conn, top, latest)
                except (sqlite3.Error, OSError) as exc:
                    self._fail(exc, "reading stats")
                    return Stats(status=StatsStatus.UNREADABLE)

        return await self._run(read)

    # -- table versions ----------------------------------------------------------------

    async def record_version(self, version: NewVersion) -> TableVersion | None:
        def write(conn: sqlite3.Connection) -> TableVersion | None:
            conn.execute("BEGIN IMMEDIATE")
            try:
                cur = conn.execute(
                    "INSERT INTO table_versions (ts, action, admin_id, replica, sha256, content, entries, phrasings, "
                    "added, removed, changed, base, restores) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        rows.iso(rows.now()),
                        version.action,
                        version.admin_id,
                        version.replica,
                        version.sha256,
                        version.content,
                        version.entries,
                        version.phrasings,
                        rows.join_ids(version.added),
                        rows.join_ids(version.removed),
                        rows.join_ids(version.changed),
                        version.base,
                        version.restores,
                    ),
                )
                conn.execute(
                    "DELETE FROM table_versions WHERE id <= "
                    "(SELECT id FROM table_versions ORDER BY id DESC LIMIT 1 OFFSET ?)",
                    (rows.MAX_VERSIONS,),
                )
                found = conn.execute(
                    f"SELECT {_VERSION_COLUMNS} FROM table_versions WHERE id = ?", (cur.lastrowid,)
                ).fetchone()
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            return _version(found)

        return await self._run(lambda: self._write(write))

    async def latest_version(self) -> TableVersion | None:
        return await self._read_version(f"SELECT {_VERSION_COLUMNS} FROM table_versions ORDER BY id DESC LIMIT 1", ())

    async def version(self, version_id: int) -> TableVersion | None:
        return await self._read_version(
            f"SELECT {_VERSION_COLUMNS}, content FROM table_versions WHERE id = ?", (version_id,)
        )

    async def find_version(self, sha256: str) -> TableVersion | None:
        return await self._read_version(
            f"SELECT {_VERSION_COLUMNS} FROM table_versions WHERE sha256 = ? ORDER BY id DESC LIMIT 1", (sha256,)
        )

    async def versions(self, limit: int = 10) -> list[TableVersion]:
        def read(conn: sqlite3.Connection) -> list[TableVersion]:
            found = conn.execute(
                f"SELECT {_VERSION_COLUMNS} FROM table_versions ORDER BY id DESC LIMIT ?", (max(limit, 0),)
            ).fetchall()
            return [_version(row) for row in found]

        return await self._run(lambda: self._read(read, "reading table versions")) or []

    async def _read_version(self, sql: str, params: tuple[Any, ...]) -> TableVersion | None:
        def read(conn: sqlite3.Connection) -> TableVersion | None:
            row = conn.execute(sql, params).fetchone()
            return None if row is None else _version(row)

        return await self._run(lambda: self._read(read, "reading table versions"))

    # -- update claims -----------------------------------------------------------------

    async def claim_update(self, update_id: int, replica: str) -> bool:
        def write(conn: sqlite3.Connection) -> bool:
            cur = conn.execute(
                "INSERT OR IGNORE INTO update_claims (update_id, ts, replica) VALUES (?, ?, ?)",
                (update_id, rows.iso(rows.now()), rows.clean(replica, 100)),
            )
            return cur.rowcount == 1

        claimed = await self._run(lambda: self._write(write, counts=True))
        return claimed is not False

    # -- internals ---------------------------------------------------------------------

    async def _run(self, work: Callable[[], T]) -> T:
        if self._worker is None:
            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="querylog")
        return await asyncio.get_running_loop().run_in_executor(self._worker, work)

    def _write(self, action: Callable[[sqlite3.Connection], T], *, counts: bool = False) -> T | None:
        with self._lock:
            conn = self._connection()
            if conn is None:
                return None
            try:
                result = action(conn)
                if counts:
                    self._inserts += 1
                    if self._inserts % self.prune_every == 0:
                        self._prune(conn)
            except (sqlite3.Error, OSError) as exc:
                self._fail(exc, "writing")
                return None
            self._health.worked()
            return result

    def _read(self, action: Callable[[sqlite3.Connection], T], doing: str) -> T | None:
        with self._lock:
            conn = self._connection()
            if conn is None:
                return None
            try:
                result = action(conn)
            except (sqlite3.Error, OSError) as exc:
                self._fail(exc, doing)
                return None
            self._health.worked()
            return result

    def _connection(self) -> sqlite3.Connection | None:
        """The open connection, opening it if due; None while the database is failing."""
        if self._conn is not None:
            if self._still_there():
                return self._conn
            logger.warning("query log %s was deleted or replaced while running; starting a new one there", self.path)
            self._drop_connection()
            self._health.retry_now()
        if not self._health.due():
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
            migrate(conn)
            _forget_stored_salt(conn, self.path)
            self._prune(conn)
            stat = os.stat(self.path)
        except (sqlite3.Error, OSError, SchemaTooNew) as exc:
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
        self._health.failed(exc, doing)
        self._drop_connection()

    def _drop_connection(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None

    def _prune(self, conn: sqlite3.Connection) -> None:
        old = rows.iso(rows.cutoff(self.retention_days))
        for table in _TABLES:
            conn.execute(f"DELETE FROM {table} WHERE ts < ?", (old,))
            conn.execute(
                f"DELETE FROM {table} WHERE id <= (SELECT id FROM {table} ORDER BY id DESC LIMIT 1 OFFSET ?)",
                (max(self.max_rows, 0),),
            )
        conn.execute("DELETE FROM update_claims WHERE ts < ?", (rows.iso(rows.cutoff(rows.CLAIM_DAYS)),))


def migrate(conn: sqlite3.Connection, upto: int | None = None) -> None:
    """Bring the schema to the latest version (or to ``upto``), one transaction a step."""
    current = int(conn.execute("PRAGMA user_version").fetchone()[0])
    for step in pending(current):
        if upto is not None and step.version > upto:
            break
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in step.sqlite:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {int(step.version)}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        logger.info("query log: schema migrated to version %d (%s)", step.version, step.summary)


def _read_stats(conn: sqlite3.Connection, top: int, latest: int) -> Stats:
    counts = dict(conn.execute("SELECT outcome, COUNT(*) FROM questions GROUP BY outcome").fetchall())
    up, down = conn.execute("SELECT COALESCE(SUM(value > 0), 0), COALESCE(SUM(value < 0), 0) FROM feedback").fetchone()
    top_entries = conn.execute(
        "SELECT entry, COUNT(*) AS n FROM questions WHERE outcome = 'answer' AND entry IS NOT NULL "
        "GROUP BY entry ORDER BY n DESC, entry LIMIT ?",
        (top,),
    ).fetchall()
    marks = ", ".join("?" for _ in rows.UNANSWERED)
    unanswered = conn.execute(
        f"SELECT ts, question FROM questions WHERE outcome IN ({marks}) ORDER BY id DESC LIMIT ?",
        (*rows.UNANSWERED, latest),
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


def _version(row: tuple[Any, ...]) -> TableVersion:
    content = bytes(row[13]) if len(row) > 13 else None
    return TableVersion(
        id=int(row[0]),
        ts=str(row[1]),
        action=str(row[2]),
        admin_id=None if row[3] is None else int(row[3]),
        replica=str(row[4]),
        sha256=str(row[5]),
        entries=int(row[6]),
        phrasings=int(row[7]),
        added=rows.split_ids(row[8]),
        removed=rows.split_ids(row[9]),
        changed=rows.split_ids(row[10]),
        base=None if row[11] is None else int(row[11]),
        restores=None if row[12] is None else int(row[12]),
        content=content,
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
        "outside it, and older rows keep hashes that no longer link to a user",
        path,
    )
