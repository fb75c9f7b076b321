"""Admin commands: /reload, /stats and table uploads (BOT_ADMIN_IDS only).

Everyone else is refused politely, and the attempt is logged (query log and log line)."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Coroutine
from html import escape
from typing import Any

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import CommandHandler, MessageHandler, filters

from bot.render import NON_TEXT
from bot.telegram import texts
from bot.telegram.download import MAX_DOWNLOAD_BYTES, DownloadTooBig
from bot.telegram.handlers.common import BotApplication, Context, send_html, services
from bot.telegram.stats import stats_text

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = MAX_DOWNLOAD_BYTES
TABLE_SUFFIXES = (".yaml", ".yml")


async def _allowed(update: Update, context: Context, action: str) -> bool:
    """Whether the sender is an admin; logs the attempt either way."""
    user_id = update.effective_user.id if update.effective_user else None
    svc = services(context)
    allowed = svc.config.is_admin(user_id)
    await svc.querylog.log_admin(user_id=user_id, action=action, allowed=allowed)
    if allowed:
        log.info("admin %s: /%s", user_id, action)
    else:
        log.warning("refused /%s from a non-admin user", action)
    return allowed


AdminAction = Callable[[Message, Context], Awaitable[None]]


def admin_command(action: str) -> Callable[[AdminAction], Callable[[Update, Context], Coroutine[Any, Any, None]]]:
    """A command handler for admins only, in a private chat with the bot (its replies
    show other users' questions): anyone else, anywhere else, is refused; every attempt logged."""

    def wrap(run: AdminAction) -> Callable[[Update, Context], Coroutine[Any, Any, None]]:
        @functools.wraps(run)
        async def handler(update: Update, context: Context) -> None:
            message = update.effective_message
            if message is None:
                return
            if message.chat.type != ChatType.PRIVATE:
                user_id = update.effective_user.id if update.effective_user else None
                await services(context).querylog.log_admin(user_id=user_id, action=action, allowed=False)
                log.warning("refused /%s outside a private chat", action)
                await send_html(message, texts.ADMIN_PRIVATE_ONLY)
                return
            if not await _allowed(update, context, action):
                await send_html(message, texts.NOT_ADMIN)
                return
            await run(message, context)

        return handler

    return wrap


@admin_command("reload")
async def reload_table(message: Message, context: Context) -> None:
    """Re-read the article and the table from disk; on errors the old table stays."""
    result = await services(context).tables.reload(message.from_user.id if message.from_user else None)
    log.info("reload: %s", "ok" if result.ok else f"refused, {len(result.problems)} problem(s)")
    await send_html(message, escape(result.text()))


@admin_command("stats")
async def stats(message: Message, context: Context) -> None:
    """Totals from the query log, in Persian, entries by label beside their id."""
    svc = services(context)
    engine = svc.store.engine
    counts = await svc.querylog.stats()

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
            await _allowed(update, context, "upload")  # logs the refused attempt
        await send_html(message, NON_TEXT)
        return
    await _allowed(update, context, "upload")
    if not name.lower().endswith(TABLE_SUFFIXES):
        await send_html(message, texts.UPLOAD_NOT_YAML)
        return
    data = await _download(message)
    if isinstance(data, str):
        await send_html(message, data)
        return
    result = await svc.tables.upload(data, name, user_id)
    log.info("upload %s: %s", name, "installed" if result.ok else f"refused, {len(result.problems)} problem(s)")
    await send_html(message, escape(result.text()))


async def _download(message: Message) -> bytes | str:
    """The document's bytes, or the reply saying why not. The size is checked before
    anything is fetched (the message's, then getFile's file_size) and the download itself
    stops past MAX_UPLOAD_BYTES (the transport streams it), since either size may be missing."""
    document = message.document
    assert document is not None
    if (document.file_size or 0) > MAX_UPLOAD_BYTES:
        return texts.UPLOAD_TOO_BIG
    try:
        file = await document.get_file()
        if (file.file_size or 0) > MAX_UPLOAD_BYTES:
            return texts.UPLOAD_TOO_BIG
        data = bytes(await file.download_as_bytearray())
    except DownloadTooBig:
        return texts.UPLOAD_TOO_BIG
    except TelegramError as exc:
        log.warning("could not download an uploaded table: %s", exc)
        return texts.UPLOAD_FAILED
    return data if len(data) <= MAX_UPLOAD_BYTES else texts.UPLOAD_TOO_BIG


def register(application: BotApplication) -> None:
    application.add_handler(CommandHandler("reload", reload_table))
    application.add_handler(CommandHandler("stats", stats))
    # Uploads are private-chat only: a file shared in a group is never a table update.
    application.add_handler(
        MessageHandler(filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE & filters.Document.ALL, upload)
    )
