"""The server backend: PostgreSQL through psycopg 3's asyncio API and its connection pool.

Shared by every replica of the bot: questions and feedback from all of them, the
table versions they follow, and the update claims that make each update answered once.
Users are hashed as on SQLite, with the key from ``BOT_LOG_KEY`` or a key file outside
the database; replicas must share it (feedback is checked against the asker's hash).
Best effort as on SQLite: a failing server is one warning, then calls are skipped for
``retry_seconds``; no call waits longer than the pool's ``timeout`` for a connection or
``statement_timeout`` for a statement.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import psycopg
from psycopg import AsyncConnection
from psycopg_pool import AsyncConnectionPool, PoolTimeout

from bot.logkey import load_or_create_key
from bot.querylog import rows
from bot.querylog.api import Feedback, NewVersion, Stats, StatsStatus, TableVersion
from bot.querylog.health import Health, ReportsHealth
from bot.querylog.schema import SchemaTooNew, pending
from bot.querylog.target import redact

logger = logging.getLogger("bot.querylog")

T = TypeVar("T")
Conn = AsyncConnection[tuple[Any, ...]]

POOL_SIZE = 4
TIMEOUT = 2.0  # seconds to wait for a pooled connection
STATEMENT_TIMEOUT_MS = 5000
SCHEMA_LOCK = 0x6D656872  # pg_advisory_xact_lock key for migrations ("mehr")
_TABLES = ("questions", "feedback", "admin")
_VERSION_COLUMNS = (
    "id, ts, action, admin_id, replica, sha256, entries, phrasings, added, removed, changed, base, restores"
)


class PostgresQueryLog(ReportsHealth):
    """The query log, table versions and update claims on a PostgreSQL server."""

    def __init__(
        self,
        url: str,
        key: str | None = None,
        key_file: Path | str | None = None,
        retention_days: int = rows.RETENTION_DAYS,
        max_rows: int = rows.MAX_ROWS,
        pool_size: int = POOL_SIZE,
        timeout: float = TIMEOUT,
    ) -> None:
        """``key`` keys the user hashes; without one it is read from ``key_file`` (created
        0600 on first open). No I/O happens here."""
        self.url = url
        self.retention_days = retention_days
        self.max_rows = max_rows
        self.prune_every = rows.PRUNE_EVERY
        self.pool_size = pool_size
        self.timeout = timeout
        self._key: bytes | None = key.encode() if key else None
        self.key_file = Path(key_file) if key_file else None
        self._health = Health(redact(url))
        self._pool: AsyncConnectionPool[Conn] | None = None
        self._ready = False  # key loaded, schema migrated
        self._prepare_lock = asyncio.Lock()
        self._inserts = 0

    # -- lifecycle ---------------------------------------------------------------------

    def describe(self) -> str:
        return f"PostgreSQL {redact(self.url)}"

    async def open(self) -> None:
        self._health.retry_now()
        await self._prepared()

    async def _connect(self) -> AsyncConnectionPool[Conn]:
        """The pool, made on first use (it connects in the background)."""
        if self._pool is None:
            self._pool = AsyncConnectionPool(
                self.url,
                min_size=1,
                max_size=self.pool_size,
                open=False,
                timeout=self.timeout,
                kwargs={"autocommit": True, "options": f"-c statement_timeout={STATEMENT_TIMEOUT_MS}"},
                check=AsyncConnectionPool.check_connection,
                name="bot-querylog",
            )
            await self._pool.open(wait=False)
        return self._pool

    async def close(self) -> None:
        pool, self._pool = self._pool, None
        self._ready = False
        if pool is not None:
            await pool.close(timeout=self.timeout)

    # -- the query log -----------------------------------------------------------------

    async def log_question(
        self, *, chat_type: str, user_id: int | None, question: str, outcome: str, entry: str | None, score: float
    ) -> int | None:
        async def write(conn: Conn) -> int | None:
            cur = await conn.execute(
                "INSERT INTO questions (ts, chat_type, user_hash, question, outcome, entry, score) "
                "VALUES (now(), %s, %s, %s, %s, %s, %s) RETURNING id",
                (
                    rows.clean(chat_type, 32),
                    rows.user_hash(self._key, user_id),
                    rows.clean(question, rows.MAX_QUESTION_CHARS),
                    rows.clean(outcome, 16),
                    None if entry is None else rows.clean(entry, 100),
                    rows.as_float(score),
                ),
            )
            row = await cur.fetchone()
            return None if row is None else int(row[0])

        return await self._do(write, "writing", counts=True)

    async def log_feedback(self, *, user_id: int | None, entry: str, value: int, query_id: int | None) -> Feedback:
        if not rows.valid_query_id(query_id) or user_id is None:
            return Feedback.UNKNOWN

        async def write(conn: Conn) -> Feedback:
            cur = await conn.execute("SELECT user_hash FROM questions WHERE id = %s", (query_id,))
            row = await cur.fetchone()
            if row is None:
                return Feedback.UNKNOWN
            if row[0] is None or row[0] != rows.user_hash(self._key, user_id):
                return Feedback.NOT_OWNER
            cur = await conn.execute(
                "INSERT INTO feedback (ts, user_hash, entry, value, query_id) VALUES (now(), %s, %s, %s, %s) "
                "ON CONFLICT (query_id) WHERE query_id IS NOT NULL DO NOTHING RETURNING id",
                (row[0], rows.clean(entry, 100), rows.sign(value), query_id),
            )
            return Feedback.RECORDED if await cur.fetchone() else Feedback.DUPLICATE

        return await self._do(write, "writing") or Feedback.UNAVAILABLE

    async def log_admin(self, *, user_id: int | None, action: str, allowed: bool) -> None:
        async def write(conn: Conn) -> None:
            await conn.execute(
                "INSERT INTO admin (ts, user_hash, action, allowed) VALUES (now(), %s, %s, %s)",
                (rows.user_hash(self._key, user_id), rows.clean(action, 100), bool(allowed)),
            )

        await self._do(write, "writing", counts=True)

    async def stats(self, top: int = 5, latest: int = 10) -> Stats:
        if not await self._prepared():
            return Stats(status=StatsStatus.UNAVAILABLE)
        found = await self._do(lambda conn: _read_stats(conn, top, latest), "reading stats")
        return found or Stats(status=StatsStatus.UNREADABLE if self._health.healthy else StatsStatus.UNAVAILABLE)

    # -- table versions ----------------------------------------------------------------

    async def record_version(self, version: NewVersion) -> TableVersion | None:
        async def write(conn: Conn) -> TableVersion | None:
            async with conn.transaction():
                cur = await conn.execute(
                    "INSERT INTO table_versions (ts, action, admin_id, replica, sha256, content, entries, phrasings, "
                    "added, removed, changed, base, restores) "
                    "VALUES (now(), %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
                    f"RETURNING {_VERSION_COLUMNS}",
                    (
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
                row = await cur.fetchone()
                await conn.execute(
                    "DELETE FROM table_versions WHERE id <= "
                    "(SELECT id FROM table_versions ORDER BY id DESC OFFSET %s LIMIT 1)",
                    (rows.MAX_VERSIONS,),
                )
            return None if row is None else _version(row)

        return await self._do(write, "writing")

    async def latest_version(self) -> TableVersion | None:
        return await self._one_version(f"SELECT {_VERSION_COLUMNS} FROM table_versions ORDER BY id DESC LIMIT 1", ())

    async def version(self, version_id: int) -> TableVersion | None:
        return await self._one_version(
            f"SELECT {_VERSION_COLUMNS}, content FROM table_versions WHERE id = %s", (version_id,)
        )

    async def find_version(self, sha256: str) -> TableVersion | None:
        return await self._one_version(
            f"SELECT {_VERSION_COLUMNS} FROM table_versions WHERE sha256 = %s ORDER BY id DESC LIMIT 1", (sha256,)
        )

    async def versions(self, limit: int = 10) -> list[TableVersion]:
        async def read(conn: Conn) -> list[TableVersion]:
            cur = await conn.execute(
                f"SELECT {_VERSION_COLUMNS} FROM table_versions ORDER BY id DESC LIMIT %s", (max(limit, 0),)
            )
            return [_version(row) for row in await cur.fetchall()]

        return await self._do(read, "reading table versions") or []

    async def _one_version(self, sql: str, params: tuple[Any, ...]) -> TableVersion | None:
        async def read(conn: Conn) -> TableVersion | None:
            cur = await conn.execute(sql, params)
            row = await cur.fetchone()
            return None if row is None else _version(row)

        return await self._do(read, "reading table versions")

    # -- update claims -----------------------------------------------------------------

    async def claim_update(self, update_id: int, replica: str) -> bool:
        async def write(conn: Conn) -> bool:
            cur = await conn.execute(
                "INSERT INTO update_claims (update_id, ts, replica) VALUES (%s, now(), %s) "
                "ON CONFLICT (update_id) DO NOTHING RETURNING update_id",
                (update_id, rows.clean(replica, 100)),
            )
            return await cur.fetchone() is not None

        claimed = await self._do(write, "writing", counts=True)
        return claimed is not False

    # -- internals ---------------------------------------------------------------------

    async def _do(self, work: Callable[[Conn], Awaitable[T]], doing: str, *, counts: bool = False) -> T | None:
        """Run ``work`` on a pooled connection; None (and one warning) on database trouble."""
        if not await self._prepared():
            return None
        assert self._pool is not None
        try:
            async with self._pool.connection(timeout=self.timeout) as conn:
                result = await work(conn)
                if counts:
                    self._inserts += 1
                    if self._inserts % self.prune_every == 0:
                        await self._prune(conn)
        except (psycopg.Error, PoolTimeout, OSError) as exc:
            self._health.failed(exc, doing)
            return None
        self._health.worked()
        return result

    async def _prepared(self) -> bool:
        """Whether the key is loaded and the schema migrated (doing it when due)."""
        if self._ready:
            return True
        if not self._health.due():
            return False
        async with self._prepare_lock:
            return self._ready or await self._prepare()

    async def _prepare(self) -> bool:
        """Load the key and migrate the schema (under ``_prepare_lock``)."""
        try:
            if self._key is None:
                if self.key_file is None:
                    raise OSError("no BOT_LOG_KEY and no key file for hashing user ids")
                self._key = await asyncio.to_thread(load_or_create_key, self.key_file)
            pool = await self._connect()
            async with pool.connection(timeout=self.timeout) as conn:
                await migrate(conn)
                await self._prune(conn)
        except (psycopg.Error, PoolTimeout, OSError, SchemaTooNew) as exc:
            self._health.failed(exc, "opening")
            return False
        self._ready = True
        self._health.worked()
        return True

    async def _prune(self, conn: Conn) -> None:
        old = rows.cutoff(self.retention_days)
        for table in _TABLES:
            await conn.execute(f"DELETE FROM {table} WHERE ts < %s", (old,))
            await conn.execute(
                f"DELETE FROM {table} WHERE id <= (SELECT id FROM {table} ORDER BY id DESC OFFSET %s LIMIT 1)",
                (max(self.max_rows, 0),),
            )
        await conn.execute("DELETE FROM update_claims WHERE ts < %s", (rows.cutoff(rows.CLAIM_DAYS),))


async def migrate(conn: Conn, upto: int | None = None) -> None:
    """Bring the schema to the latest version (or to ``upto``), one transaction a step,
    under an advisory lock so that replicas starting together migrate once."""
    async with conn.transaction():
        await conn.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
        await conn.execute("CREATE TABLE IF NOT EXISTS bot_schema (version INTEGER NOT NULL)")
        cur = await conn.execute("SELECT version FROM bot_schema")
        row = await cur.fetchone()
        current = 0 if row is None else int(row[0])
        if row is None:
            await conn.execute("INSERT INTO bot_schema (version) VALUES (0)")
        for step in pending(current):
            if upto is not None and step.version > upto:
                break
            for statement in step.postgres:
                await conn.execute(statement)
            await conn.execute("UPDATE bot_schema SET version = %s", (step.version,))
            logger.info("query log: schema migrated to version %d (%s)", step.version, step.summary)


async def _read_stats(conn: Conn, top: int, latest: int) -> Stats:
    cur = await conn.execute("SELECT outcome, COUNT(*) FROM questions GROUP BY outcome")
    counts = {str(outcome): int(n) for outcome, n in await cur.fetchall()}
    cur = await conn.execute(
        "SELECT COALESCE(SUM((value > 0)::int), 0), COALESCE(SUM((value < 0)::int), 0) FROM feedback"
    )
    up, down = await cur.fetchone() or (0, 0)
    cur = await conn.execute(
        "SELECT entry, COUNT(*) AS n FROM questions WHERE outcome = 'answer' AND entry IS NOT NULL "
        "GROUP BY entry ORDER BY n DESC, entry LIMIT %s",
        (top,),
    )
    top_entries = [(str(e), int(n)) for e, n in await cur.fetchall()]
    cur = await conn.execute(
        "SELECT ts, question FROM questions WHERE outcome = ANY(%s) ORDER BY id DESC LIMIT %s",
        (list(rows.UNANSWERED), latest),
    )
    unanswered = [(rows.iso(ts), str(q)) for ts, q in await cur.fetchall()]
    return Stats(
        questions=sum(counts.values()),
        answered=counts.get("answer", 0),
        suggested=counts.get("suggest", 0),
        declined=counts.get("none", 0),
        smalltalk=counts.get("smalltalk", 0),
        thumbs_up=int(up),
        thumbs_down=int(down),
        top_entries=top_entries,
        latest_unanswered=unanswered,
    )


def _version(row: tuple[Any, ...]) -> TableVersion:
    ts: datetime = row[1]
    return TableVersion(
        id=int(row[0]),
        ts=rows.iso(ts),
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
        content=bytes(row[13]) if len(row) > 13 else None,
    )
