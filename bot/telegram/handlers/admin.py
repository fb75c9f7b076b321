"""Admin commands: /reload, /stats and table uploads (BOT_ADMIN_IDS only).

Everyone else is refused politely, and the attempt is logged (query log and log line)."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from html import escape

from telegram import Message, Update
from telegram.error import TelegramError
from telegram.ext import Application, CommandHandler, MessageHandler, filters

from bot.admin_text import stats_text
from bot.render import NON_TEXT
from bot.telegram import texts
from bot.telegram.handlers.common import Context, send_html, services

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 1024 * 1024
TABLE_SUFFIXES = (".yaml", ".yml")


def _allowed(update: Update, context: Context, action: str) -> bool:
    """Whether the sender is an admin; logs the attempt either way."""
    user_id = update.effective_user.id if update.effective_user else None
    svc = services(context)
    allowed = svc.config.is_admin(user_id)
    svc.querylog.log_admin(user_id=user_id, action=action, allowed=allowed)
    if allowed:
        log.info("admin %s: /%s", user_id, action)
    else:
        log.warning("refused /%s from a non-admin user", action)
    return allowed


AdminAction = Callable[[Message, Context], Awaitable[None]]


def admin_command(action: str) -> Callable[[AdminAction], Callable[[Update, Context], Awaitable[None]]]:
    """A command handler for admins only: anyone else is refused, and every attempt logged."""

    def wrap(run: AdminAction) -> Callable[[Update, Context], Awaitable[None]]:
        @functools.wraps(run)
        async def handler(update: Update, context: Context) -> None:
            message = update.effective_message
            if message is None:
                return
            if not _allowed(update, context, action):
                await send_html(message, texts.NOT_ADMIN)
                return
            await run(message, context)

        return handler

    return wrap


@admin_command("reload")
async def reload_table(message: Message, context: Context) -> None:
    """Re-read the article and the table from disk; on errors the old table stays."""
    result = await asyncio.to_thread(services(context).store.reload)
    log.info("reload: %s", "ok" if result.ok else f"refused, {len(result.problems)} problem(s)")
    await send_html(message, escape(result.text()))


@admin_command("stats")
async def stats(message: Message, context: Context) -> None:
    """Totals from the query log, in Persian, entries by label and id."""
    svc = services(context)
    engine = svc.store.engine
    counts = svc.querylog.stats()

    def label(entry_id: str) -> str | None:
        entry = engine.entry(entry_id)
        return engine.presentation.label(entry) if entry is not None and not entry.is_smalltalk else None

    await send_html(message, escape(stats_text(counts, label)))


async def upload(update: Update, context: Context) -> None:
    """An admin's .yaml document replaces the table if it is valid; a non-admin's
    document gets the usual 'text only' note."""
    message = update.effective_message
    if message is None or message.document is None:
        return
    document = message.document
    name = document.file_name or "upload.yaml"
    svc = services(context)
    user_id = update.effective_user.id if update.effective_user else None
    if not svc.config.is_admin(user_id):
        if name.lower().endswith(TABLE_SUFFIXES):
            _allowed(update, context, "upload")  # logs the refused attempt
        await send_html(message, NON_TEXT)
        return
    _allowed(update, context, "upload")
    if not name.lower().endswith(TABLE_SUFFIXES):
        await send_html(message, texts.UPLOAD_NOT_YAML)
        return
    if (document.file_size or 0) > MAX_UPLOAD_BYTES:
        await send_html(message, texts.UPLOAD_TOO_BIG)
        return
    data = await _download(message)
    if data is None:
        await send_html(message, texts.UPLOAD_FAILED)
        return
    if len(data) > MAX_UPLOAD_BYTES:
        await send_html(message, texts.UPLOAD_TOO_BIG)
        return
    result = await asyncio.to_thread(svc.store.install, data, name)
    log.info("upload %s: %s", name, "installed" if result.ok else f"refused, {len(result.problems)} problem(s)")
    await send_html(message, escape(result.text()))


async def _download(message: Message) -> bytes | None:
    try:
        file = await message.document.get_file()  # type: ignore[union-attr]
        return bytes(await file.download_as_bytearray())
    except TelegramError as exc:
        log.warning("could not download an uploaded table: %s", exc)
        return None


def register(application: Application) -> None:  # type: ignore[type-arg]
    application.add_handler(CommandHandler("reload", reload_table))
    application.add_handler(CommandHandler("stats", stats))
    # Uploads are private-chat only: a file shared in a group is never a table update.
    application.add_handler(
        MessageHandler(filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE & filters.Document.ALL, upload)
    )
