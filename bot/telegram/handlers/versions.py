"""/history and /undo: the table's versions in the database (admins, private chats only)."""

from __future__ import annotations

import logging
from html import escape
from typing import Any

from telegram import Message
from telegram.ext import Application, CommandHandler

from bot.telegram.handlers.admin import admin_command
from bot.telegram.handlers.common import Context, send_html, services
from bot.telegram.history import SHOWN_VERSIONS, history_text, undo_text

log = logging.getLogger(__name__)


@admin_command("history")
async def history(message: Message, context: Context) -> None:
    """The newest table versions: who, when, what changed, which one is served."""
    tables = services(context).tables
    versions = await tables.history_list(SHOWN_VERSIONS)
    await send_html(message, escape(history_text(versions, tables.served.id if tables.served else None)))


@admin_command("undo")
async def undo(message: Message, context: Context) -> None:
    """Serve the previous table version again."""
    admin_id = message.from_user.id if message.from_user else None
    outcome = await services(context).tables.undo(admin_id)
    log.info("undo: %s", outcome.status.value)
    await send_html(message, escape(undo_text(outcome)))


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(CommandHandler("history", history))
    application.add_handler(CommandHandler("undo", undo))
