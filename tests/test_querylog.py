"""QueryLog against real SQLite files: counts, privacy, durability and degraded modes."""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.querylog import Feedback, QueryLog, Stats

RAW_ID = 987654321987


def rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def ask(log: QueryLog, outcome: str, entry: str | None = None, question: str = "سؤال", user: int | None = 1) -> int | None:
    return log.log_question(chat_type="private", user_id=user, question=question, outcome=outcome, entry=entry, score=50.0)


def warnings_from(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "bot.querylog" and r.levelno == logging.WARNING]


@pytest.fixture
def log(tmp_path: Path):  # type: ignore[no-untyped-def]
    qlog = QueryLog(tmp_path / "logs" / "queries.db", key="test-key")
    qlog.open()
    yield qlog
    qlog.close()


def test_constructor_does_no_io(tmp_path: Path) -> None:
    QueryLog(tmp_path / "sub" / "q.db")
    assert not (tmp_path / "sub").exists()


def test_rows_and_stats(log: QueryLog) -> None:
    first = ask(log, "answer", "ilo")
    ask(log, "answer", "ilo")
    third = ask(log, "answer", "ica")
    ask(log, "suggest", None, "چیزی شبیه")
    ask(log, "none", None, "قیمت دلار چند است")
    ask(log, "smalltalk", "hello")
    long_id = ask(log, "none", None, "ب" * 5000)
    assert log.log_feedback(user_id=1, entry="ilo", value=1, query_id=first) is Feedback.RECORDED
    assert log.log_feedback(user_id=1, entry="ilo", value=-1, query_id=first) is Feedback.DUPLICATE
    assert log.log_feedback(user_id=2, entry="ilo", value=1, query_id=first) is Feedback.NOT_OWNER
    assert log.log_feedback(user_id=1, entry="ilo", value=1, query_id=10**6) is Feedback.UNKNOWN
    assert log.log_feedback(user_id=1, entry="ica", value=-1, query_id=third) is Feedback.RECORDED
    log.log_admin(user_id=1, action="reload", allowed=True)
    log.log_admin(user_id=666, action="stats", allowed=False)

    assert isinstance(first, int) and isinstance(long_id, int) and long_id > first
    stats = log.stats(top=2, latest=2)
    assert (stats.questions, stats.answered, stats.suggested, stats.declined, stats.smalltalk) == (7, 3, 1, 2, 1)
    assert (stats.thumbs_up, stats.thumbs_down) == (1, 1)
    assert stats.top_entries == [("ilo", 2), ("ica", 1)]
    assert [q for _, q in stats.latest_unanswered] == ["ب" * 1000, "قیمت دلار چند است"]
    ts = datetime.fromisoformat(stats.latest_unanswered[0][0])
    assert ts.utcoffset() == timedelta(0)
    assert stats.note == ""
    text = stats.text()
    assert "7" in text and "ilo" in text and "قیمت دلار" in text

    assert rows(log.path, "SELECT action, allowed FROM admin ORDER BY id") == [("reload", 1), ("stats", 0)]
    assert rows(log.path, "SELECT entry, value, query_id FROM feedback ORDER BY id") == [
        ("ilo", 1, first), ("ica", -1, third)
    ]


def test_users_are_stored_only_as_keyed_hashes(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    log = QueryLog(path, key="k1")
    asked = ask(log, "answer", "ilo", user=RAW_ID)
    ask(log, "none", user=RAW_ID)
    log.log_feedback(user_id=RAW_ID, entry="ilo", value=1, query_id=asked)
    log.log_admin(user_id=RAW_ID, action="reload", allowed=False)
    ask(log, "none", user=None)
    log.close()

    hashes = rows(path, "SELECT user_hash FROM questions ORDER BY id")
    assert hashes[0] == hashes[1] and hashes[0][0] and hashes[2] == (None,)
    for file in tmp_path.iterdir():
        assert str(RAW_ID).encode() not in file.read_bytes()

    other = QueryLog(tmp_path / "other.db", key="k2")
    ask(other, "none", user=RAW_ID)
    other.close()
    assert rows(tmp_path / "other.db", "SELECT user_hash FROM questions") != hashes[:1]


def test_no_shared_memory_file_is_used(log: QueryLog) -> None:
    """A WAL -shm file is mmap'ed: truncated or made read-only under the bot, it SIGBUSes
    the process (issue 10, defect 6). A rollback journal maps nothing."""
    ask(log, "answer", "ilo")
    assert rows(log.path, "PRAGMA journal_mode") != [("wal",)]  # WAL is the one mode stored in the file
    assert not Path(f"{log.path}-shm").exists() and not Path(f"{log.path}-wal").exists()


def test_survives_close_and_reopen_with_a_stable_key_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BOT_LOG_KEY", raising=False)
    monkeypatch.delenv("BOT_LOG_KEY_FILE", raising=False)
    path = tmp_path / "q.db"
    first = QueryLog(path)
    ask(first, "answer", "ilo", user=42)
    first.close()
    second = QueryLog(path)
    ask(second, "answer", "ilo", user=42)
    assert second.stats().questions == 2
    second.close()

    (h1,), (h2,) = rows(path, "SELECT user_hash FROM questions ORDER BY id")
    assert h1 == h2 and h1 is not None
    assert second.key_file == tmp_path / "q.db.key" and second.key_file.exists()


def test_key_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_LOG_KEY", "env-key")
    env_log = QueryLog(tmp_path / "a.db")
    arg_log = QueryLog(tmp_path / "b.db", key="env-key")
    for qlog in (env_log, arg_log):
        ask(qlog, "none", user=7)
        qlog.close()
    assert rows(tmp_path / "a.db", "SELECT user_hash FROM questions") == rows(tmp_path / "b.db", "SELECT user_hash FROM questions")
    assert not (tmp_path / "a.db.key").exists()


def test_a_key_file_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BOT_LOG_KEY", raising=False)
    monkeypatch.setenv("BOT_LOG_KEY_FILE", str(tmp_path / "secrets" / "log.key"))
    ask(QueryLog(tmp_path / "q.db"), "none", user=7)
    assert (tmp_path / "secrets" / "log.key").exists() and not (tmp_path / "q.db.key").exists()


# -- issue 10, defect 5: hashed ids must not be reversible from the database -------------


def test_an_hmac_hash_cannot_be_found_from_the_database_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BOT_LOG_KEY", raising=False)
    monkeypatch.delenv("BOT_LOG_KEY_FILE", raising=False)
    user = 1234567890  # Telegram ids are a ~10-digit space: guessing one must not confirm it
    path = tmp_path / "q.db"
    log = QueryLog(path)
    ask(log, "answer", "ilo", user=user)
    log.close()
    (stored,) = rows(path, "SELECT user_hash FROM questions")[0]

    # everything the database holds, tried as salt or key of the usual constructions
    conn = sqlite3.connect(path)
    values = [str(v) for table in ("meta", "questions", "feedback", "admin") for row in conn.execute(f"SELECT * FROM {table}") for v in row]
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
    assert hmac.new(key, str(user).encode(), hashlib.sha256).hexdigest()[: len(stored)] == stored


def test_the_database_and_the_key_file_are_private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BOT_LOG_KEY", raising=False)
    monkeypatch.delenv("BOT_LOG_KEY_FILE", raising=False)
    old = os.umask(0o022)
    try:
        existing = tmp_path / "old.db"
        sqlite3.connect(existing).close()
        os.chmod(existing, 0o644)
        for path in (tmp_path / "new.db", existing):
            log = QueryLog(path)
            ask(log, "none", user=5)
            for file in tmp_path.glob(f"{path.name}*"):
                assert file.stat().st_mode & 0o077 == 0, f"{file.name} is {oct(file.stat().st_mode & 0o777)}"
            log.close()
    finally:
        os.umask(old)


def test_an_old_salted_database_loses_its_salt(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="bot.querylog")
    path = tmp_path / "q.db"
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("INSERT INTO meta VALUES ('salt', 'a-salt-stored-beside-the-hashes')")
        conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    log = QueryLog(path, key="k")
    ask(log, "none", user=5)
    log.close()
    assert rows(path, "SELECT value FROM meta WHERE key = 'salt'") == []
    assert b"a-salt-stored-beside-the-hashes" not in path.read_bytes()
    assert sum("salt" in r.getMessage() for r in caplog.records) == 1


# -- issue 10, defect 6: a database deleted while running --------------------------------


def test_a_deleted_database_is_reopened_with_one_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="bot.querylog")
    path = tmp_path / "q.db"
    log = QueryLog(path, key="k")
    ask(log, "none", question="before")
    path.unlink()
    for n in range(3):
        assert ask(log, "none", question=f"after {n}") is not None
    assert path.exists()
    assert rows(path, "SELECT question FROM questions ORDER BY id") == [("after 0",), ("after 1",), ("after 2",)]
    assert log.stats().questions == 3
    assert len(warnings_from(caplog)) == 1 and "deleted" in warnings_from(caplog)[0].getMessage()
    log.close()


def test_retention_prunes_old_rows_on_open(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    log = QueryLog(path, key="s", retention_days=30)
    ask(log, "none", question="recent")
    log.close()
    old = (datetime.now(UTC) - timedelta(days=31)).isoformat(timespec="seconds")
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO questions (ts, chat_type, user_hash, question, outcome, entry, score) VALUES (?, 'private', NULL, 'old', 'none', NULL, 0)",
            (old,),
        )
        conn.execute("INSERT INTO feedback (ts, user_hash, entry, value, query_id) VALUES (?, NULL, 'ilo', 1, NULL)", (old,))
        conn.execute("INSERT INTO admin (ts, user_hash, action, allowed) VALUES (?, NULL, 'reload', 0)", (old,))
    conn.close()

    log = QueryLog(path, key="s", retention_days=30)
    log.open()
    log.close()
    assert rows(path, "SELECT question FROM questions") == [("recent",)]
    assert rows(path, "SELECT COUNT(*) FROM feedback") == [(0,)]
    assert rows(path, "SELECT COUNT(*) FROM admin") == [(0,)]


def test_max_rows_keeps_the_newest(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    log = QueryLog(path, key="s", max_rows=5)
    for n in range(8):
        ask(log, "none", question=f"q{n}")
    log.close()
    QueryLog(path, key="s", max_rows=5).open()
    assert [q for (q,) in rows(path, "SELECT question FROM questions ORDER BY id")] == [f"q{n}" for n in range(3, 8)]


def test_prunes_periodically_while_running(tmp_path: Path) -> None:
    log = QueryLog(tmp_path / "q.db", key="s", max_rows=3)
    log.prune_every = 4
    for n in range(8):
        ask(log, "none", question=f"q{n}")
    assert log.stats().questions == 3
    log.close()


def test_concurrent_writers(log: QueryLog) -> None:
    def write() -> None:
        for _ in range(50):
            ask(log, "answer", "ilo")

    threads = [threading.Thread(target=write) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert log.stats().questions == 200
    assert log.healthy


def _parent_is_a_file(tmp_path: Path) -> Path:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    return blocker / "q.db"


def _replaced_by_a_directory(tmp_path: Path) -> Path:
    path = tmp_path / "q.db"
    qlog = QueryLog(path, key="s")
    ask(qlog, "none")
    qlog.close()
    path.unlink()
    path.mkdir()
    return path


def _corrupt_file(tmp_path: Path) -> Path:
    path = tmp_path / "q.db"
    path.write_bytes(b"this is not a database" * 500)
    return path


@pytest.mark.parametrize("make", [_parent_is_a_file, _replaced_by_a_directory, _corrupt_file], ids=lambda f: f.__name__.strip("_"))
def test_unusable_database_degrades_and_warns_once(tmp_path: Path, caplog: pytest.LogCaptureFixture, make) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.INFO, logger="bot.querylog")
    log = QueryLog(make(tmp_path), key="s")
    log.retry_seconds = 0  # retry on every call: still only one warning
    log.open()
    for _ in range(30):
        assert ask(log, "answer", "ilo") is None
        assert log.log_feedback(user_id=1, entry="ilo", value=-1, query_id=1) is Feedback.UNAVAILABLE
        log.log_admin(user_id=1, action="reload", allowed=False)
        stats = log.stats()
        assert isinstance(stats, Stats) and stats.questions == 0 and stats.note
    assert not log.healthy
    assert len(warnings_from(caplog)) == 1
    assert stats.text()
    log.close()


def test_locked_database_neither_raises_nor_blocks(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="bot.querylog")
    path = tmp_path / "q.db"
    log = QueryLog(path, key="s")
    assert ask(log, "none") is not None
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        for _ in range(20):
            assert ask(log, "answer", "ilo") is None
            log.log_feedback(user_id=1, entry="ilo", value=1, query_id=1)
    finally:
        other.execute("ROLLBACK")
        other.close()
    # only the first call waits for SQLite's short busy timeout; the rest skip until the retry
    # interval (no timing is asserted: machines are shared and noisy)
    assert not log.healthy
    assert len(warnings_from(caplog)) == 1
    log.close()


def test_locked_from_the_start_then_recovers(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="bot.querylog")
    path = tmp_path / "q.db"
    QueryLog(path, key="s").open()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    log = QueryLog(path, key="s")
    log.retry_seconds = 0
    try:
        log.open()
        assert ask(log, "none") is None
        assert not log.healthy
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert ask(log, "none") is not None
    assert log.healthy
    assert log.stats().questions == 1
    assert len(warnings_from(caplog)) == 1
    log.close()
