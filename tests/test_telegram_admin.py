"""Admin commands through the harness: /reload, table uploads, /stats — and refusals."""

from __future__ import annotations

import logging
import shutil
import sqlite3
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot import paths
from bot.querylog import SqliteQueryLog as QueryLog  # the SQLite backend
from bot.render import NON_TEXT, source_line
from bot.store import EngineStore
from bot.telegram import texts
from bot.telegram.handlers.admin import MAX_UPLOAD_BYTES
from bot.telegram.harness import Harness

ADMIN = 4242
USER = 1001


@pytest.fixture
def querylog(tmp_path: Path) -> QueryLog:
    return QueryLog(tmp_path / "queries.sqlite3")


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Copies of the article and the table shared by this module's tests (building an
    engine is slow); a test that edits the table gets it restored afterwards."""
    folder = tmp_path_factory.mktemp("admin")
    article, table = folder / "article.txt", folder / "qa.yaml"
    shutil.copy(paths.article_path(), article)
    shutil.copy(paths.table_path(), table)
    return article, table


@pytest.fixture(scope="module")
def store(files: tuple[Path, Path]) -> EngineStore:
    return EngineStore.open(*files)


@pytest.fixture
def data_copy(files: tuple[Path, Path]) -> Iterator[tuple[Path, Path]]:
    """The shared copies, put back as they were after the test."""
    table = files[1]
    original = table.read_bytes()
    yield files
    table.write_bytes(original)
    for backup in table.parent.glob("qa.yaml.bak-*"):
        backup.unlink()


@pytest.fixture
async def bot(data_copy: tuple[Path, Path], store: EngineStore, querylog: QueryLog) -> AsyncIterator[Harness]:
    async with Harness(store=store, querylog=querylog, admin_ids={ADMIN}) as harness:
        yield harness


def admin_rows(db: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT action, allowed FROM admin ORDER BY id").fetchall()


def broken(table_text: str) -> tuple[str, int]:
    """The table with one entry pointing at a passage that does not exist, and its line."""
    marker = "    passage: "
    i = table_text.index(marker)
    line = table_text[:i].count("\n") + 1
    end = table_text.index("\n", i)
    return table_text[:i] + marker + "p999" + table_text[end:], line


async def assert_still_answers(bot: Harness) -> None:
    assert bot.store is not None
    entry = bot.store.engine.examples(1)[0]
    calls = await bot.send_text(entry.questions[0])
    assert source_line(bot.store.engine.article) in calls.plain


# -- refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["/reload", "/stats"])
async def test_non_admins_are_refused_and_the_attempt_is_logged(
    bot: Harness, querylog: QueryLog, command: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        calls = await bot.send_text(command, user_id=USER)

    assert calls.plain == texts.NOT_ADMIN
    assert admin_rows(querylog.path) == [(command[1:], 0)]
    assert any(f"refused /{command[1:]}" in r.getMessage() for r in caplog.records)


async def test_a_non_admin_table_upload_is_refused_and_logged(
    bot: Harness, querylog: QueryLog, data_copy: tuple[Path, Path]
) -> None:
    _, table = data_copy
    before = table.read_bytes()
    calls = await bot.send_document(b"entries: []\n", "qa.yaml", user_id=USER)
    assert calls.plain == NON_TEXT
    assert admin_rows(querylog.path) == [("upload", 0)]
    assert table.read_bytes() == before


# -- /reload -----------------------------------------------------------------------------------


async def test_reload_with_a_broken_table_keeps_answering_and_reports_file_and_line(
    bot: Harness, data_copy: tuple[Path, Path], querylog: QueryLog
) -> None:
    _, table = data_copy
    text, line = broken(table.read_text(encoding="utf-8"))
    table.write_text(text, encoding="utf-8")

    calls = await bot.send_text("/reload", user_id=ADMIN)

    assert "❌" in calls.plain
    assert f"{table}:{line}" in calls.plain
    assert "p999" in calls.plain
    assert admin_rows(querylog.path) == [("reload", 1)]
    await assert_still_answers(bot)


async def test_reload_of_a_valid_table_reports_a_summary(bot: Harness) -> None:
    calls = await bot.send_text("/reload", user_id=ADMIN)
    assert "✅" in calls.plain
    await assert_still_answers(bot)


# -- uploads ---------------------------------------------------------------------------------------


async def test_uploading_a_valid_table_installs_it_with_a_backup(tmp_path: Path, querylog: QueryLog) -> None:
    article, table = tmp_path / "article.txt", tmp_path / "qa.yaml"
    shutil.copy(paths.article_path(), article)
    shutil.copy(paths.table_path(), table)
    async with Harness(article=article, table=table, querylog=querylog, admin_ids={ADMIN}) as bot:
        await _upload_a_valid_table(bot, table)


async def _upload_a_valid_table(bot: Harness, table: Path) -> None:
    original = table.read_text(encoding="utf-8")
    assert bot.store is not None
    entry = bot.store.engine.examples(1)[0]
    new_phrasing = "پرسش تازه‌ای که فقط در فایل بارگذاری‌شده هست"
    anchor = f"      - {entry.questions[0]}\n"
    assert anchor in original
    uploaded = original.replace(anchor, anchor + f"      - {new_phrasing}\n", 1)

    calls = await bot.send_document(uploaded.encode("utf-8"), "new-table.yml", user_id=ADMIN)

    assert calls.methods[:1] == ["getFile"]
    assert "✅" in calls.plain and entry.id in calls.plain  # the changed entry is named
    assert table.read_text(encoding="utf-8") == uploaded
    assert list(table.parent.glob("qa.yaml.bak-*"))
    answered = await bot.send_text(new_phrasing)
    assert answered.buttons[0].data and answered.buttons[0].data.startswith(f"f:+:{entry.id}:")


async def test_uploading_an_invalid_table_is_refused_with_file_and_line(
    bot: Harness, data_copy: tuple[Path, Path]
) -> None:
    _, table = data_copy
    before = table.read_bytes()
    text, line = broken(before.decode("utf-8"))

    calls = await bot.send_document(text.encode("utf-8"), "mine.yaml", user_id=ADMIN)

    assert "❌" in calls.plain
    assert f"mine.yaml:{line}" in calls.plain
    assert table.read_bytes() == before
    await assert_still_answers(bot)


async def test_uploads_must_be_small_yaml_files(bot: Harness) -> None:
    assert (await bot.send_document(b"hello", "notes.txt", user_id=ADMIN)).plain == texts.UPLOAD_NOT_YAML
    big = b"#" * (MAX_UPLOAD_BYTES + 1)
    calls = await bot.send_document(big, "big.yaml", user_id=ADMIN)
    assert calls.plain == texts.UPLOAD_TOO_BIG
    assert not calls.of("getFile")


async def test_an_upload_whose_text_is_html_is_escaped(bot: Harness) -> None:
    calls = await bot.send_document(b"<b>not: [valid\n", "x<i>.yaml", user_id=ADMIN)
    assert "❌" in calls.plain
    assert "<i>" not in calls.text


# -- /stats -----------------------------------------------------------------------------------------


async def test_stats_counts_questions_and_feedback(bot: Harness) -> None:
    assert bot.store is not None
    examples = bot.store.engine.examples(2)
    answered = await bot.send_text(examples[0].questions[0])
    await bot.send_text(examples[1].questions[0])
    await bot.send_text("قیمت دلار امروز چند است؟")
    await bot.press(answered.buttons[1].data or "")  # 👎

    text = (await bot.send_text("/stats", user_id=ADMIN)).plain

    assert "کل پرسش‌ها: ۳" in text  # Persian digits
    assert "پاسخ از متن: ۲" in text
    assert "بی‌پاسخ: ۱" in text
    assert "👎 ۱" in text
    show = bot.store.engine.presentation
    assert f"«{show.label(examples[0])}» ({examples[0].id})" in text  # entries by label beside their id


async def test_files_shared_in_groups_are_never_uploads(bot: Harness, data_copy: tuple[Path, Path]) -> None:
    _, table = data_copy
    before = table.read_bytes()
    calls = await bot.send_document(before, "qa.yaml", user_id=ADMIN, chat_type="group")
    assert calls == []
    assert table.read_bytes() == before
