"""The one global error handler: log in English, apologise in Persian."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError

from bot.telegram import texts
from bot.telegram.handlers.common import BotApplication, Context

log = logging.getLogger(__name__)


async def on_error(update: object, context: Context) -> None:
    """Log the failure (without the user's text) and tell the user, when there is a chat."""
    error = context.error
    where = _describe(update)
    if isinstance(error, Forbidden):  # the user blocked the bot or left: nobody to tell
        log.warning("cannot reach the chat (%s): %s", where, error)
        return
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):  # BadRequest is our bug
        log.warning("network error (%s): %s", where, error)
    else:
        log.error("error while handling %s", where, exc_info=error)
    if not isinstance(update, Update):
        return
    try:
        if update.effective_chat is not None:
            await context.bot.send_message(update.effective_chat.id, texts.ERROR)
        elif update.callback_query is not None:  # a button on an inline-mode message
            await update.callback_query.answer(texts.ERROR)
    except TelegramError as exc:
        log.warning("could not send the apology (%s): %s", where, exc)


def _describe(update: object) -> str:
    if not isinstance(update, Update):
        return "a non-update" if update is not None else "no update"
    kinds = [k for k in ("message", "edited_message", "callback_query", "inline_query") if getattr(update, k)]
    return f"update {update.update_id} ({', '.join(kinds) or 'other'})"


def register(application: BotApplication) -> None:
    application.add_error_handler(on_error)
