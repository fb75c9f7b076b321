"""QueryLog against real SQLite files: counts, privacy, durability and degraded modes."""

from __future__ import annotations

import logging
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
    qlog = QueryLog(tmp_path / "logs" / "queries.db", salt="test-salt")
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


def test_users_are_stored_only_as_salted_hashes(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    log = QueryLog(path, salt="s1")
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

    other = QueryLog(tmp_path / "other.db", salt="s2")
    ask(other, "none", user=RAW_ID)
    other.close()
    assert rows(tmp_path / "other.db", "SELECT user_hash FROM questions") != hashes[:1]


def test_wal_mode_is_on(log: QueryLog) -> None:
    ask(log, "answer", "ilo")
    assert rows(log.path, "PRAGMA journal_mode") == [("wal",)]


def test_survives_close_and_reopen_with_a_stable_salt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BOT_LOG_SALT", raising=False)
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
    assert len(rows(path, "SELECT value FROM meta WHERE key = 'salt'")) == 1


def test_salt_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_LOG_SALT", "env-salt")
    env_log = QueryLog(tmp_path / "a.db")
    arg_log = QueryLog(tmp_path / "b.db", salt="env-salt")
    for qlog in (env_log, arg_log):
        ask(qlog, "none", user=7)
        qlog.close()
    assert rows(tmp_path / "a.db", "SELECT user_hash FROM questions") == rows(tmp_path / "b.db", "SELECT user_hash FROM questions")


def test_retention_prunes_old_rows_on_open(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    log = QueryLog(path, salt="s", retention_days=30)
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

    log = QueryLog(path, salt="s", retention_days=30)
    log.open()
    log.close()
    assert rows(path, "SELECT question FROM questions") == [("recent",)]
    assert rows(path, "SELECT COUNT(*) FROM feedback") == [(0,)]
    assert rows(path, "SELECT COUNT(*) FROM admin") == [(0,)]


def test_max_rows_keeps_the_newest(tmp_path: Path) -> None:
    path = tmp_path / "q.db"
    log = QueryLog(path, salt="s", max_rows=5)
    for n in range(8):
        ask(log, "none", question=f"q{n}")
    log.close()
    QueryLog(path, salt="s", max_rows=5).open()
    assert [q for (q,) in rows(path, "SELECT question FROM questions ORDER BY id")] == [f"q{n}" for n in range(3, 8)]


def test_prunes_periodically_while_running(tmp_path: Path) -> None:
    log = QueryLog(tmp_path / "q.db", salt="s", max_rows=3)
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
    qlog = QueryLog(path, salt="s")
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
    log = QueryLog(make(tmp_path), salt="s")
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
    log = QueryLog(path, salt="s")
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
    QueryLog(path, salt="s").open()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    log = QueryLog(path, salt="s")
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
