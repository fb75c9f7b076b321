"""Table versions in the database, on SQLite and PostgreSQL alike: uploads and /reload
recorded (who, when, what changed), /history, /undo, start-up against the database, and
a second replica following the first."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot import paths
from bot.querylog import Database, SqliteQueryLog, content_hash, open_database
from bot.store import EngineStore
from bot.telegram import texts
from bot.telegram.harness import Harness
from bot.telegram.history import NOTHING_TO_UNDO
from bot.versions import TableVersions, UndoStatus

ADMIN = 4242
USER = 1001
KEY = "versions-test-key-16+"
HELLO = "سلام! خوش آمدید."
GREETING = "درود بر شما! این ربات گفت‌وگوی فروزان با مهر را می‌شناسد."


def edited(table: bytes, reply: str = GREETING) -> bytes:
    """The table with another reply to «سلام» (the smalltalk entry ``hello``)."""
    text = table.decode("utf-8")
    start = text.index('reply: "', text.index("- id: hello")) + len('reply: "')
    end = text.index('"', start)
    return (text[:start] + reply + text[end:]).encode("utf-8")


@dataclass
class Pack:
    article: Path
    table: Path
    original: bytes


def pack(folder: Path) -> Pack:
    folder.mkdir(parents=True, exist_ok=True)
    article, table = folder / "article.txt", folder / "qa.yaml"
    shutil.copy(paths.article_path(), article)
    shutil.copy(paths.table_path(), table)
    return Pack(article, table, table.read_bytes())


@pytest.fixture(scope="module")
def base_store(tmp_path_factory: pytest.TempPathFactory) -> EngineStore:
    """Built once (indexing is slow); each test gets a cheap copy pointing at its own files."""
    p = pack(tmp_path_factory.mktemp("base"))
    return EngineStore.open(p.article, p.table)


def store_for(base: EngineStore, p: Pack) -> EngineStore:
    return EngineStore(base.engine, p.article, p.table, table_bytes=p.original)


@pytest.fixture(params=["sqlite", "postgres"])
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "queries.sqlite3")
    return str(request.getfixturevalue("pg_url"))


def database(target: str) -> Database:
    return open_database(target, key=KEY)


@pytest.fixture
async def bot(tmp_path: Path, base_store: EngineStore, db_target: str) -> AsyncIterator[tuple[Harness, Pack]]:
    p = pack(tmp_path / "pack")
    async with Harness(store=store_for(base_store, p), querylog=database(db_target), admin_ids={ADMIN}) as harness:
        yield harness, p


async def test_upload_history_and_undo(bot: tuple[Harness, Pack]) -> None:
    harness, p = bot
    assert HELLO in (await harness.send_text("سلام")).plain

    history = (await harness.send_text("/history", user_id=ADMIN)).plain
    assert "نسخهٔ 1" in history and "فایل جدول هنگام شروع" in history and "در حال استفاده" in history

    reply = await harness.send_document(edited(p.original), "qa.yaml", user_id=ADMIN)
    assert "✅" in reply.plain
    assert GREETING in (await harness.send_text("سلام")).plain
    history = (await harness.send_text("/history", user_id=ADMIN)).plain
    lines = history.splitlines()
    assert "نسخهٔ 2" in lines[1] and f"از مدیر {ADMIN}" in lines[1] and "در حال استفاده" in lines[1]
    assert "تغییریافته (1): hello" in lines[2]
    assert lines[3].startswith("• نسخهٔ 1")

    undone = (await harness.send_text("/undo", user_id=ADMIN)).plain
    assert "به نسخهٔ 1 برگشت" in undone and "نسخهٔ 3" in undone
    assert HELLO in (await harness.send_text("سلام")).plain
    assert p.table.read_bytes() == p.original  # the file on disk follows what is served
    history = (await harness.send_text("/history", user_id=ADMIN)).plain
    assert "نسخهٔ 3" in history.splitlines()[1] and "برگشت به نسخهٔ 1" in history.splitlines()[1]

    assert (await harness.send_text("/undo", user_id=ADMIN)).plain == NOTHING_TO_UNDO
    assert HELLO in (await harness.send_text("سلام")).plain


async def test_reload_records_a_version_only_when_the_table_changed(bot: tuple[Harness, Pack]) -> None:
    harness, p = bot
    await harness.send_text("/reload", user_id=ADMIN)
    assert "نسخهٔ 2" not in (await harness.send_text("/history", user_id=ADMIN)).plain
    p.table.write_bytes(edited(p.original))
    assert "✅" in (await harness.send_text("/reload", user_id=ADMIN)).plain
    history = (await harness.send_text("/history", user_id=ADMIN)).plain
    assert "نسخهٔ 2" in history and "بارگذاری دوباره" in history and f"از مدیر {ADMIN}" in history
    undone = (await harness.send_text("/undo", user_id=ADMIN)).plain
    assert "به نسخهٔ 1 برگشت" in undone and p.table.read_bytes() == p.original


async def test_history_and_undo_are_for_admins_only(bot: tuple[Harness, Pack]) -> None:
    harness, _ = bot
    for command in ("/history", "/undo"):
        assert (await harness.send_text(command, user_id=USER)).plain == texts.NOT_ADMIN
    menu = harness.startup_calls.of("setMyCommands")
    admin_menu = next(c for c in menu if c.params["scope"].get("type") == "chat").params["commands"]
    assert {"history", "undo"} <= {c["command"] for c in admin_menu}


# -- two stores on one database: start-up and following ----------------------------------------


async def opened(target: str) -> Database:
    db = database(target)
    await db.open()
    return db


async def test_a_second_replica_follows_an_upload_and_an_undo(
    tmp_path: Path, base_store: EngineStore, db_target: str
) -> None:
    a_pack, b_pack = pack(tmp_path / "a"), pack(tmp_path / "b")
    a_db, b_db = await opened(db_target), await opened(db_target)
    a = TableVersions(store_for(base_store, a_pack), a_db, replica="a")
    b = TableVersions(store_for(base_store, b_pack), b_db, replica="b")
    try:
        await a.sync()
        await b.sync()
        assert a.served is not None and b.served is not None and a.served.id == b.served.id == 1

        result = await a.upload(edited(a_pack.original), "qa.yaml", ADMIN)
        assert result.ok
        await b.sync()
        assert b.store.table_bytes == edited(a_pack.original) == b_pack.table.read_bytes()
        assert b.served is not None and b.served.id == 2
        hello = b.store.engine.entry("hello")
        assert hello is not None and GREETING in (hello.reply or "")

        outcome = await b.undo(ADMIN)
        assert outcome.status is UndoStatus.DONE and outcome.version is not None and outcome.version.replica == "b"
        await a.sync()
        assert a.store.table_bytes == a_pack.original == a_pack.table.read_bytes()
        versions = await a_db.versions()
        assert [(v.id, v.action, v.replica) for v in versions] == [
            (3, "undo", "b"),
            (2, "upload", "a"),
            (1, "start", "a"),
        ]
    finally:
        await a_db.close()
        await b_db.close()


async def test_start_up_follows_the_database_when_the_file_is_an_older_version(
    tmp_path: Path, base_store: EngineStore, db_target: str
) -> None:
    a_pack, late_pack = pack(tmp_path / "a"), pack(tmp_path / "late")
    db = await opened(db_target)
    a = TableVersions(store_for(base_store, a_pack), db, replica="a")
    await a.sync()
    await a.upload(edited(a_pack.original), "qa.yaml", ADMIN)
    # a replica that was down meanwhile starts with the old file: it catches up
    late = TableVersions(store_for(base_store, late_pack), db, replica="late")
    await late.sync()
    assert late.store.table_bytes == edited(a_pack.original) == late_pack.table.read_bytes()
    assert late.served is not None and late.served.id == 2
    # a replica whose file someone edited by hand starts serving it, as a new version
    hand_pack = pack(tmp_path / "hand")
    hand_pack.table.write_bytes(edited(hand_pack.original, "سلام از فایل ویرایش‌شده"))
    hand = TableVersions(EngineStore.open(hand_pack.article, hand_pack.table), db, replica="hand")
    await hand.sync()
    assert hand.served is not None and hand.served.id == 3 and hand.served.action == "start"
    assert hand.served.base == 2 and hand.served.changed == ("hello",)
    assert hand.store.table_bytes == hand_pack.table.read_bytes()
    await db.close()


async def test_changes_while_the_database_is_down_are_recorded_when_it_is_back(
    tmp_path: Path, base_store: EngineStore
) -> None:
    p = pack(tmp_path / "p")
    path = tmp_path / "q.sqlite3"
    db = SqliteQueryLog(path, key=KEY)
    db.retry_seconds = 0
    versions = TableVersions(store_for(base_store, p), db, replica="a")
    await versions.sync()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        assert (await versions.upload(edited(p.original), "qa.yaml", ADMIN)).ok  # served at once
        assert versions.store.table_bytes == edited(p.original)
        assert (await versions.undo(ADMIN)).status is UndoStatus.UNAVAILABLE
    finally:
        other.execute("ROLLBACK")
        other.close()
    await versions.sync()
    latest = await db.latest_version()
    assert latest is not None and (latest.id, latest.action, latest.admin_id) == (2, "upload", ADMIN)
    assert latest.sha256 == content_hash(edited(p.original))
    await db.close()
