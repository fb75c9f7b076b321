"""Issue 10 through the harness: admin commands stay private, button presses are
parsed strictly and feedback counts once, from the user who asked, for a real entry."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot import paths
from bot.querylog import SqliteQueryLog as QueryLog  # the SQLite backend
from bot.store import EngineStore
from bot.telegram import callbacks, texts
from bot.telegram.harness import Harness

ADMIN = 4242
USER = 1001
OTHER = 2002


@pytest.fixture(scope="module")
def store() -> EngineStore:
    return EngineStore.open(paths.article_path(), paths.table_path())


@pytest.fixture
def querylog(tmp_path: Path) -> QueryLog:
    return QueryLog(tmp_path / "queries.sqlite3")


@pytest.fixture
async def bot(store: EngineStore, querylog: QueryLog) -> AsyncIterator[Harness]:
    async with Harness(store=store, querylog=querylog, admin_ids={ADMIN}) as harness:
        yield harness


def feedback_rows(db: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT entry, value FROM feedback ORDER BY id").fetchall()


async def answered_with_feedback(bot: Harness, store: EngineStore) -> tuple[str, str]:
    """Ask an example question as USER; return its 👍 and 👎 callback data."""
    calls = await bot.send_text(store.engine.examples(1)[0].questions[0], user_id=USER)
    data = [b.data or "" for b in calls.buttons if (b.data or "").startswith("f:")]
    assert len(data) == 2, calls.buttons
    return data[0], data[1]


# -- defect 7: admin commands only in private chats ------------------------------------


@pytest.mark.parametrize("command", ["/stats", "/reload"])
async def test_admin_commands_in_a_group_show_nothing(bot: Harness, command: str) -> None:
    await bot.send_text("قیمت دلار امروز چند است؟", user_id=USER)  # an unanswered question to leak
    calls = await bot.send_text(command, user_id=ADMIN, chat_type="group")
    assert "قیمت دلار" not in calls.plain and "📊" not in calls.plain and "✅" not in calls.plain
    assert calls.plain == texts.ADMIN_PRIVATE_ONLY
    private = await bot.send_text("/stats", user_id=ADMIN)
    assert "📊" in private.plain  # the same admin in private still gets the stats


# -- defect 8: strict callback data, feedback once, only by the asker ------------------


@pytest.mark.parametrize(
    "data",
    [
        "f:+:ministry_founded:²",  # passes str.isdigit, crashes int()
        "f:+:ministry_founded:١٢",  # Arabic-Indic digits
        "f:+:ministry_founded:-1",
        "f:*:ministry_founded:1",
        "f:+::1",
        "q:²",
        "q:99999999999999999999999",
        "a:",
        "a:ministry founded",
    ],
)
def test_malformed_callback_data_is_not_ours(data: str) -> None:
    assert callbacks.parse(data) is None


def test_well_formed_callback_data_still_parses() -> None:
    assert callbacks.parse("f:+:ministry_founded:12") == callbacks.Callback("feedback", "ministry_founded", 0, 1, 12)
    assert callbacks.parse("q:3") == callbacks.Callback("page", page=3)
    assert callbacks.parse("a:ministry_founded") == callbacks.Callback("answer", entry="ministry_founded")


async def test_a_forged_feedback_press_leaves_no_traceback(
    bot: Harness, querylog: QueryLog, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    calls = await bot.press("f:+:ministry_founded:²", user_id=USER)
    assert texts.ERROR not in calls.plain
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert feedback_rows(querylog.path) == []


async def test_feedback_counts_once_per_answer(bot: Harness, store: EngineStore, querylog: QueryLog) -> None:
    up, down = await answered_with_feedback(bot, store)
    first = await bot.press(up, user_id=USER)
    assert first.toast == texts.FEEDBACK_TOAST
    again = await bot.press(up, user_id=USER)
    other_way = await bot.press(down, user_id=USER)
    assert again.toast == texts.FEEDBACK_ALREADY and other_way.toast == texts.FEEDBACK_ALREADY
    assert feedback_rows(querylog.path) == [(store.engine.examples(1)[0].id, 1)]


async def test_feedback_only_from_the_user_who_asked(bot: Harness, store: EngineStore, querylog: QueryLog) -> None:
    up, _ = await answered_with_feedback(bot, store)
    calls = await bot.press(up, user_id=OTHER)
    assert calls.toast == texts.FEEDBACK_NOT_YOURS
    assert not calls.of("editMessageReplyMarkup")
    assert feedback_rows(querylog.path) == []
    assert (await bot.press(up, user_id=USER)).toast == texts.FEEDBACK_TOAST


async def test_feedback_for_an_entry_that_does_not_exist_is_refused(
    bot: Harness, store: EngineStore, querylog: QueryLog
) -> None:
    up, _ = await answered_with_feedback(bot, store)
    query_id = up.rsplit(":", 1)[1]
    forged = f"f:+:no_such_entry:{query_id}"
    smalltalk = next(e.id for e in store.engine.table.entries if e.is_smalltalk)
    for data in (forged, f"f:+:{smalltalk}:{query_id}", "f:+:ministry_founded:0", "f:+:ministry_founded:999999"):
        calls = await bot.press(data, user_id=USER)
        assert calls.toast != texts.FEEDBACK_TOAST, data
    assert feedback_rows(querylog.path) == []
