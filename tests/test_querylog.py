"""The bot's database against both backends: a real SQLite file and a real PostgreSQL
server (a throwaway cluster, see conftest). The first part runs on both; the SQLite
file's own hardening (modes, journal, deletion, locks) follows."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import os
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest

from bot.querylog import (
    Database,
    Feedback,
    NewVersion,
    SqliteQueryLog,
    StatsStatus,
    content_hash,
    open_database,
    schema,
)
from bot.querylog import rows as row_rules
from bot.querylog.postgres import PostgresQueryLog
from bot.querylog.postgres import migrate as migrate_postgres
from bot.querylog.sqlite import migrate as migrate_sqlite
from bot.telegram.stats import stats_text

RAW_ID = 987654321987
KEY = "a-test-key-of-16+chars"


# -- both backends -------------------------------------------------------------------------


@dataclass
class Backend:
    """How a test reaches one backend: new logs on the test's database, and raw SQL."""

    name: str
    target: str  # the SQLite file or the PostgreSQL URL
    tmp: Path

    def make(self, **kw: Any) -> SqliteQueryLog | PostgresQueryLog:
        kw.setdefault("key", KEY)
        if self.name == "sqlite":
            return SqliteQueryLog(self.target, **kw)
        kw.setdefault("key_file", self.tmp / "pg.key")
        return PostgresQueryLog(self.target, **kw)

    def sql(self, statement: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Run one statement outside the log (``?`` placeholders on both)."""
        if self.name == "sqlite":
            conn = sqlite3.connect(self.target, isolation_level=None)
            try:
                return conn.execute(statement, params).fetchall()
            finally:
                conn.close()
        with psycopg.connect(self.target, autocommit=True) as pg:
            cur = pg.execute(statement.replace("?", "%s"), params)
            return cur.fetchall() if cur.description else []

    def old(self, days: int) -> object:
        ts = datetime.now(UTC) - timedelta(days=days)
        return ts.isoformat(timespec="seconds") if self.name == "sqlite" else ts


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    if request.param == "sqlite":
        return Backend("sqlite", str(tmp_path / "logs" / "queries.db"), tmp_path)
    return Backend("postgres", request.getfixturevalue("pg_url"), tmp_path)


@pytest.fixture
async def log(backend: Backend) -> AsyncIterator[Database]:
    qlog = backend.make()
    await qlog.open()
    yield qlog
    await qlog.close()


async def ask(
    log: Database, outcome: str, entry: str | None = None, question: str = "سؤال", user: int | None = 1
) -> int | None:
    return await log.log_question(
        chat_type="private", user_id=user, question=question, outcome=outcome, entry=entry, score=50.0
    )


def warnings_from(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "bot.querylog" and r.levelno == logging.WARNING]


async def test_the_constructor_does_no_io(tmp_path: Path) -> None:
    SqliteQueryLog(tmp_path / "sub" / "q.db")
    PostgresQueryLog("postgresql://nobody@127.0.0.1:1/none", key_file=tmp_path / "sub" / "k")
    assert not (tmp_path / "sub").exists()


def test_bot_db_selects_the_backend(tmp_path: Path) -> None:
    assert isinstance(open_database(tmp_path / "q.db"), SqliteQueryLog)
    pg = open_database("postgresql://bot:secret@db:5432/bot", state_dir=tmp_path)
    assert isinstance(pg, PostgresQueryLog) and pg.key_file == tmp_path / "querylog.key"
    assert "secret" not in pg.describe() and "db:5432/bot" in pg.describe()


async def test_rows_and_stats(backend: Backend, log: Database) -> None:
    first = await ask(log, "answer", "ilo")
    await ask(log, "answer", "ilo")
    third = await ask(log, "answer", "ica")
    await ask(log, "suggest", None, "چیزی شبیه")
    await ask(log, "none", None, "قیمت دلار چند است")
    await ask(log, "smalltalk", "hello")
    long_id = await ask(log, "none", None, "ب" * 5000)
    assert await log.log_feedback(user_id=1, entry="ilo", value=1, query_id=first) is Feedback.RECORDED
    assert await log.log_feedback(user_id=1, entry="ilo", value=-1, query_id=first) is Feedback.DUPLICATE
    assert await log.log_feedback(user_id=2, entry="ilo", value=1, query_id=first) is Feedback.NOT_OWNER
    assert await log.log_feedback(user_id=1, entry="ilo", value=1, query_id=10**6) is Feedback.UNKNOWN
    assert await log.log_feedback(user_id=1, entry="ilo", value=1, query_id=None) is Feedback.UNKNOWN
    assert await log.log_feedback(user_id=1, entry="ica", value=-1, query_id=third) is Feedback.RECORDED
    await log.log_admin(user_id=1, action="reload", allowed=True)
    await log.log_admin(user_id=666, action="stats", allowed=False)

    assert isinstance(first, int) and isinstance(long_id, int) and long_id > first
    stats = await log.stats(top=2, latest=2)
    assert (stats.questions, stats.answered, stats.suggested, stats.declined, stats.smalltalk) == (7, 3, 1, 2, 1)
    assert (stats.thumbs_up, stats.thumbs_down) == (1, 1)
    assert stats.top_entries == [("ilo", 2), ("ica", 1)]
    assert [q for _, q in stats.latest_unanswered] == ["ب" * 1000, "قیمت دلار چند است"]
    assert datetime.fromisoformat(stats.latest_unanswered[0][0]).utcoffset() == timedelta(0)
    assert stats.status is StatsStatus.OK
    text = stats_text(stats)
    assert "کل پرسش‌ها: ۷" in text and "ilo" in text and "قیمت دلار" in text and "⚠️" not in text

    admin = backend.sql("SELECT action, allowed FROM admin ORDER BY id")
    assert [(a, bool(allowed)) for a, allowed in admin] == [("reload", True), ("stats", False)]
    assert backend.sql("SELECT entry, value, query_id FROM feedback ORDER BY id") == [
        ("ilo", 1, first),
        ("ica", -1, third),
    ]
    assert log.healthy


async def test_text_that_cannot_be_stored_is_cleaned(log: Database) -> None:
    assert await ask(log, "none", None, "bad \ud800 surrogate") is not None
    assert (await log.stats()).latest_unanswered[0][1] == "bad ? surrogate"


async def test_users_are_stored_only_as_keyed_hashes(backend: Backend, log: Database) -> None:
    asked = await ask(log, "answer", "ilo", user=RAW_ID)
    await ask(log, "none", user=RAW_ID)
    await log.log_feedback(user_id=RAW_ID, entry="ilo", value=1, query_id=asked)
    await log.log_admin(user_id=RAW_ID, action="reload", allowed=False)
    await ask(log, "none", user=None)

    hashes = backend.sql("SELECT user_hash FROM questions ORDER BY id")
    assert hashes[0] == hashes[1] and hashes[0][0] and hashes[2] == (None,)
    expected = hmac.new(KEY.encode(), str(RAW_ID).encode(), hashlib.sha256).hexdigest()[: row_rules.HASH_CHARS]
    assert hashes[0][0] == expected
    for table in ("questions", "feedback", "admin"):
        for row in backend.sql(f"SELECT * FROM {table}"):
            assert str(RAW_ID) not in " ".join(map(str, row)), table


async def test_a_key_file_is_made_once_and_keeps_the_hashes_stable(
    backend: Backend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BOT_LOG_KEY", raising=False)
    monkeypatch.delenv("BOT_LOG_KEY_FILE", raising=False)
    key_file = tmp_path / "secrets" / "log.key"
    for _ in range(2):
        qlog = backend.make(key=None, key_file=key_file)
        await ask(qlog, "answer", "ilo", user=42)
        await qlog.close()
    (h1,), (h2,) = backend.sql("SELECT user_hash FROM questions ORDER BY id")
    assert h1 == h2 and h1 is not None
    assert key_file.stat().st_mode & 0o077 == 0
    key = key_file.read_bytes().strip()
    assert hmac.new(key, b"42", hashlib.sha256).hexdigest()[: len(h1)] == h1


async def test_retention_prunes_old_rows_on_open(backend: Backend) -> None:
    qlog = backend.make(retention_days=30)
    await ask(qlog, "none", question="recent")
    await qlog.close()
    old = backend.old(31)
    backend.sql(
        "INSERT INTO questions (ts, chat_type, user_hash, question, outcome, entry, score) "
        "VALUES (?, 'private', NULL, 'old', 'none', NULL, 0)",
        (old,),
    )
    backend.sql("INSERT INTO feedback (ts, user_hash, entry, value, query_id) VALUES (?, NULL, 'ilo', 1, NULL)", (old,))
    backend.sql("INSERT INTO update_claims (update_id, ts, replica) VALUES (1, ?, 'r')", (old,))

    qlog = backend.make(retention_days=30)
    await qlog.open()
    await qlog.close()
    assert backend.sql("SELECT question FROM questions") == [("recent",)]
    assert backend.sql("SELECT COUNT(*) FROM feedback") == [(0,)]
    assert backend.sql("SELECT COUNT(*) FROM update_claims") == [(0,)]


async def test_max_rows_keeps_the_newest_and_prunes_while_running(backend: Backend) -> None:
    qlog = backend.make(max_rows=3)
    qlog.prune_every = 4
    for n in range(8):
        await ask(qlog, "none", question=f"q{n}")
    assert (await qlog.stats()).questions == 3
    await qlog.close()
    assert [q for (q,) in backend.sql("SELECT question FROM questions ORDER BY id")] == ["q5", "q6", "q7"]


async def test_concurrent_writers(log: Database) -> None:
    async def write() -> None:
        for _ in range(50):
            await ask(log, "answer", "ilo")

    await asyncio.gather(*(write() for _ in range(4)))
    assert (await log.stats()).questions == 200
    assert log.healthy


@pytest.fixture
def fast_statement_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.querylog.postgres.STATEMENT_TIMEOUT_MS", 300)


@pytest.mark.usefixtures("fast_statement_timeout")
async def test_writes_do_not_block_the_event_loop(backend: Backend, log: Database) -> None:
    """A write held up by a lock waits off the loop: other tasks keep running meanwhile."""
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.005)
            ticks += 1

    with held_lock(backend):
        ticker = asyncio.create_task(tick())
        started = ticks
        await ask(log, "none")  # SQLite: waits out its busy timeout; PostgreSQL: the statement timeout
        during = ticks - started
        ticker.cancel()
    assert during >= 3, during


def held_lock(backend: Backend) -> Any:
    """A context in which another connection holds the questions table locked."""
    from contextlib import contextmanager

    @contextmanager
    def sqlite_lock() -> Iterator[None]:
        other = sqlite3.connect(backend.target, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            yield
        finally:
            other.execute("ROLLBACK")
            other.close()

    @contextmanager
    def pg_lock() -> Iterator[None]:
        with psycopg.connect(backend.target) as other:
            other.execute("LOCK TABLE questions IN ACCESS EXCLUSIVE MODE")
            yield
            other.rollback()

    return sqlite_lock() if backend.name == "sqlite" else pg_lock()


# -- table versions and update claims --------------------------------------------------------


def new_version(content: bytes, action: str = "upload", base: int | None = None, **kw: Any) -> NewVersion:
    return NewVersion(action=action, content=content, entries=3, phrasings=9, base=base, replica="test:1", **kw)


async def test_table_versions_are_recorded_and_found(log: Database) -> None:
    assert await log.latest_version() is None
    assert await log.versions() == []
    first = await log.record_version(new_version(b"entries: []\n", "start"))
    assert first is not None and first.action == "start" and first.base is None and first.content is None
    second = await log.record_version(
        new_version(b"entries: [x]\n", admin_id=4242, base=first.id, added=("a", "b"), changed=("c",))
    )
    assert second is not None and second.id > first.id
    assert (second.admin_id, second.base, second.added, second.removed, second.changed) == (
        4242,
        first.id,
        ("a", "b"),
        (),
        ("c",),
    )
    assert second.sha256 == content_hash(b"entries: [x]\n")
    assert datetime.fromisoformat(second.ts).utcoffset() == timedelta(0)
    latest = await log.latest_version()
    assert latest is not None and latest.id == second.id and latest.content is None
    full = await log.version(first.id)
    assert full is not None and full.content == b"entries: []\n"
    found = await log.find_version(content_hash(b"entries: []\n"))
    assert found is not None and found.id == first.id
    assert await log.find_version(content_hash(b"never")) is None
    assert [v.id for v in await log.versions(5)] == [second.id, first.id]
    assert await log.version(10**9) is None


async def test_old_table_versions_are_pruned(log: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(row_rules, "MAX_VERSIONS", 3)
    for n in range(6):
        await log.record_version(new_version(f"n: {n}\n".encode()))
    assert [v.id for v in await log.versions(10)] == [6, 5, 4]  # the newest 3


async def test_an_update_is_claimed_once_across_replicas(backend: Backend) -> None:
    first, second = backend.make(), backend.make()
    await first.open()
    await second.open()
    try:
        results = await asyncio.gather(
            *(
                log.claim_update(update_id, name)
                for update_id in range(1, 51)
                for log, name in ((first, "a"), (second, "b"))
            )
        )
        assert sum(results) == 50  # each of the 50 updates claimed by exactly one of them
        assert await first.claim_update(7, "a") is False
        assert await first.claim_update(51, "a") is True
    finally:
        await first.close()
        await second.close()
    assert backend.sql("SELECT COUNT(*) FROM update_claims") == [(51,)]


async def test_feedback_counts_once_even_from_two_replicas(backend: Backend) -> None:
    first, second = backend.make(), backend.make()
    asked = await ask(first, "answer", "ilo", user=5)
    results = await asyncio.gather(
        *(log.log_feedback(user_id=5, entry="ilo", value=1, query_id=asked) for log in (first, second, first, second))
    )
    assert sorted(r.value for r in results) == ["duplicate", "duplicate", "duplicate", "recorded"]
    await first.close()
    await second.close()


# -- the schema ------------------------------------------------------------------------------


async def test_an_older_schema_is_migrated_at_open_keeping_its_rows(backend: Backend) -> None:
    await make_schema(backend, upto=1)
    old = backend.old(1)
    backend.sql(
        "INSERT INTO questions (ts, chat_type, user_hash, question, outcome, entry, score) "
        "VALUES (?, 'private', 'h', 'from before', 'answer', 'ilo', 70)",
        (old,),
    )
    for _ in range(2):  # a duplicate an older version could leave behind
        backend.sql("INSERT INTO feedback (ts, user_hash, entry, value, query_id) VALUES (?, 'h', 'ilo', 1, 1)", (old,))
    qlog = backend.make()
    await qlog.open()
    assert await qlog.record_version(new_version(b"x: 1\n")) is not None
    assert await qlog.claim_update(1, "a") is True
    stats = await qlog.stats()
    assert (stats.questions, stats.thumbs_up) == (1, 1)
    await qlog.close()
    assert schema_version(backend) == schema.LATEST


async def test_a_schema_from_a_newer_bot_is_refused_with_one_warning(
    backend: Backend, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.querylog")
    await make_schema(backend, upto=schema.LATEST)
    if backend.name == "sqlite":
        backend.sql(f"PRAGMA user_version = {schema.LATEST + 1}")
    else:
        backend.sql("UPDATE bot_schema SET version = ?", (schema.LATEST + 1,))
    qlog = backend.make()
    await qlog.open()
    for _ in range(3):
        assert await ask(qlog, "none") is None
    assert not qlog.healthy
    assert (await qlog.stats()).status is StatsStatus.UNAVAILABLE
    assert len(warnings_from(caplog)) == 1 and "newer" in warnings_from(caplog)[0].getMessage()
    await qlog.close()
    assert schema_version(backend) == schema.LATEST + 1  # left as it was


async def make_schema(backend: Backend, upto: int) -> None:
    if backend.name == "sqlite":
        Path(backend.target).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(backend.target, isolation_level=None)
        try:
            migrate_sqlite(conn, upto=upto)
        finally:
            conn.close()
        return
    async with await psycopg.AsyncConnection.connect(backend.target, autocommit=True) as pg:
        await migrate_postgres(pg, upto=upto)


def schema_version(backend: Backend) -> int:
    if backend.name == "sqlite":
        return int(backend.sql("PRAGMA user_version")[0][0])
    return int(backend.sql("SELECT version FROM bot_schema")[0][0])


# -- a database that does not work -------------------------------------------------------------


def _parent_is_a_file(tmp_path: Path) -> str:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    return str(blocker / "q.db")


def _replaced_by_a_directory(tmp_path: Path) -> str:
    path = tmp_path / "q.db"
    path.mkdir()
    return str(path)


def _corrupt_file(tmp_path: Path) -> str:
    path = tmp_path / "q.db"
    path.write_bytes(b"this is not a database" * 500)
    return str(path)


def _no_server(tmp_path: Path) -> str:
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"postgresql://postgres@127.0.0.1:{port}/nothing"


@pytest.mark.parametrize(
    "make",
    [_parent_is_a_file, _replaced_by_a_directory, _corrupt_file, _no_server],
    ids=lambda f: f.__name__.strip("_"),
)
async def test_an_unusable_database_degrades_and_warns_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, make: Callable[[Path], str]
) -> None:
    caplog.set_level(logging.INFO, logger="bot.querylog")
    target = make(tmp_path)
    if target.startswith("postgresql://"):
        qlog: Database = PostgresQueryLog(target, key=KEY, timeout=0.5)
    else:
        qlog = SqliteQueryLog(target, key=KEY)
        qlog.retry_seconds = 0  # retry on every call: still only one warning
    await qlog.open()
    for _ in range(10):
        assert await ask(qlog, "answer", "ilo") is None
        assert await qlog.log_feedback(user_id=1, entry="ilo", value=-1, query_id=1) is Feedback.UNAVAILABLE
        await qlog.log_admin(user_id=1, action="reload", allowed=False)
        assert await qlog.record_version(new_version(b"x")) is None
        assert await qlog.latest_version() is None and await qlog.versions() == []
        assert await qlog.claim_update(1, "a") is True  # better answered twice than not at all
        stats = await qlog.stats()
        assert stats.status is not StatsStatus.OK and stats.questions == 0
    assert not qlog.healthy
    assert len(warnings_from(caplog)) == 1
    assert "⚠️" in stats_text(stats)
    await qlog.close()


async def test_a_postgres_server_that_comes_back_is_used_again(
    pg_cluster: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot.querylog")
    name = f"later_{os.getpid()}"
    qlog = PostgresQueryLog(pg_cluster.url_for(name), key=KEY, timeout=0.5)
    qlog.retry_seconds = 0
    await qlog.open()
    assert await ask(qlog, "none") is None  # the database does not exist yet
    pg_cluster.create_database(name)
    for _ in range(100):  # bounded: the pool reconnects with a backoff
        if await ask(qlog, "none") is not None:
            break
        await asyncio.sleep(0.1)
    assert qlog.healthy
    assert (await qlog.stats()).questions >= 1
    assert len(warnings_from(caplog)) == 1
    assert any("working again" in r.getMessage() for r in caplog.records)
    await qlog.close()


# -- the SQLite file's own hardening (issue 10) -------------------------------------------------


@pytest.fixture
async def sqlite_log(tmp_path: Path) -> AsyncIterator[SqliteQueryLog]:
    qlog = SqliteQueryLog(tmp_path / "logs" / "queries.db", key="test-key")
    await qlog.open()
    yield qlog
    await qlog.close()


def rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


async def test_no_shared_memory_file_is_used(sqlite_log: SqliteQueryLog) -> None:
    """A WAL -shm file is mmap'ed: truncated or made read-only under the bot, it SIGBUSes
    the process (issue 10, defect 6). A rollback journal maps nothing."""
    await ask(sqlite_log, "answer", "ilo")
    assert rows(sqlite_log.path, "PRAGMA journal_mode") != [("wal",)]
    assert not Path(f"{sqlite_log.path}-shm").exists() and not Path(f"{sqlite_log.path}-wal").exists()


async def test_the_sqlite_key_comes_from_the_environment_or_beside_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOT_LOG_KEY", "env-key-of-16-chars")
    env_log = SqliteQueryLog(tmp_path / "a.db")
    arg_log = SqliteQueryLog(tmp_path / "b.db", key="env-key-of-16-chars")
    for qlog in (env_log, arg_log):
        await ask(qlog, "none", user=7)
        await qlog.close()
    assert rows(tmp_path / "a.db", "SELECT user_hash FROM questions") == rows(
        tmp_path / "b.db", "SELECT user_hash FROM questions"
    )
    assert not (tmp_path / "a.db.key").exists()
    monkeypatch.delenv("BOT_LOG_KEY")
    beside = SqliteQueryLog(tmp_path / "c.db")
    await ask(beside, "none", user=7)
    await beside.close()
    assert beside.key_file == tmp_path / "c.db.key" and beside.key_file.exists()
    monkeypatch.setenv("BOT_LOG_KEY_FILE", str(tmp_path / "secrets" / "log.key"))
    elsewhere = SqliteQueryLog(tmp_path / "d.db")
    await ask(elsewhere, "none", user=7)
    await elsewhere.close()
    assert (tmp_path / "secrets" / "log.key").exists() and not (tmp_path / "d.db.key").exists()


async def test_an_hmac_hash_cannot_be_found_from_the_database_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BOT_LOG_KEY", raising=False)
    monkeypatch.delenv("BOT_LOG_KEY_FILE", raising=False)
    user = 1234567890  # Telegram ids are a ~10-digit space: guessing one must not confirm it
    path = tmp_path / "q.db"
    qlog = SqliteQueryLog(path)
    await ask(qlog, "answer", "ilo", user=user)
    await qlog.close()
    (stored,) = rows(path, "SELECT user_hash FROM questions")[0]
    conn = sqlite3.connect(path)
    values = [
        str(v)
        for t in ("meta", "questions", "feedback", "admin")
        for row in conn.execute(f"SELECT * FROM {t}")
        for v in row
    ]
    conn.close()
    for secret in ["", *values]:
        guesses = {
            hashlib.blake2b(f"{secret}:{user}".encode(), digest_size=10).hexdigest(),
            hmac.new(secret.encode(), str(user).encode(), hashlib.sha256).hexdigest()[: len(stored)],
            hashlib.sha256(f"{secret}{user}".encode()).hexdigest()[: len(stored)],
        }
        assert stored not in guesses, f"the hash is reversible with {secret!r} from the database"
    key = (tmp_path / "q.db.key").read_bytes().strip()
    assert key not in path.read_bytes()


async def test_the_database_and_the_key_file_are_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BOT_LOG_KEY", raising=False)
    monkeypatch.delenv("BOT_LOG_KEY_FILE", raising=False)
    old = os.umask(0o022)
    try:
        existing = tmp_path / "old.db"
        sqlite3.connect(existing).close()
        os.chmod(existing, 0o644)
        for path in (tmp_path / "new.db", existing):
            qlog = SqliteQueryLog(path)
            await ask(qlog, "none", user=5)
            for file in tmp_path.glob(f"{path.name}*"):
                assert file.stat().st_mode & 0o077 == 0, f"{file.name} is {oct(file.stat().st_mode & 0o777)}"
            await qlog.close()
    finally:
        os.umask(old)


async def test_an_old_salted_database_loses_its_salt(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="bot.querylog")
    path = tmp_path / "q.db"
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("INSERT INTO meta VALUES ('salt', 'a-salt-stored-beside-the-hashes')")
        conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    qlog = SqliteQueryLog(path, key="k")
    await ask(qlog, "none", user=5)
    await qlog.close()
    assert rows(path, "SELECT value FROM meta WHERE key = 'salt'") == []
    assert b"a-salt-stored-beside-the-hashes" not in path.read_bytes()
    assert sum("salt" in r.getMessage() for r in caplog.records) == 1


async def test_a_deleted_database_is_reopened_with_one_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.querylog")
    path = tmp_path / "q.db"
    qlog = SqliteQueryLog(path, key="k")
    await ask(qlog, "none", question="before")
    path.unlink()
    for n in range(3):
        assert await ask(qlog, "none", question=f"after {n}") is not None
    assert path.exists()
    assert rows(path, "SELECT question FROM questions ORDER BY id") == [("after 0",), ("after 1",), ("after 2",)]
    assert (await qlog.stats()).questions == 3
    assert len(warnings_from(caplog)) == 1 and "deleted" in warnings_from(caplog)[0].getMessage()
    await qlog.close()


async def test_a_locked_database_neither_raises_nor_blocks(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="bot.querylog")
    path = tmp_path / "q.db"
    qlog = SqliteQueryLog(path, key="s")
    assert await ask(qlog, "none") is not None
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        for _ in range(20):
            assert await ask(qlog, "answer", "ilo") is None
            await qlog.log_feedback(user_id=1, entry="ilo", value=1, query_id=1)
    finally:
        other.execute("ROLLBACK")
        other.close()
    # only the first call waits for SQLite's short busy timeout; the rest skip until the retry
    # interval (no timing is asserted: machines are shared and noisy)
    assert not qlog.healthy
    assert len(warnings_from(caplog)) == 1
    await qlog.close()


async def test_locked_from_the_start_then_recovers(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="bot.querylog")
    path = tmp_path / "q.db"
    first = SqliteQueryLog(path, key="s")
    await first.open()
    await first.close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    qlog = SqliteQueryLog(path, key="s")
    qlog.retry_seconds = 0
    try:
        await qlog.open()
        assert await ask(qlog, "none") is None
        assert not qlog.healthy
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert await ask(qlog, "none") is not None
    assert healthy(qlog)
    assert (await qlog.stats()).questions == 1
    assert len(warnings_from(caplog)) == 1
    await qlog.close()


def healthy(log: Database) -> bool:
    """``log.healthy``, read anew (a plain read is narrowed by an earlier assert)."""
    return log.healthy
