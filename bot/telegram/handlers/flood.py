"""The per-user flood limit, applied before any other handler (group -1)."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.telegram import texts
from bot.telegram.flood import Verdict
from bot.telegram.handlers.common import BotApplication, Context, is_for_bot, services

log = logging.getLogger(__name__)


async def guard(update: Update, context: Context) -> None:
    """Count messages and button presses meant for the bot; over the limit, say
    "slow down" once and then drop the rest of the burst silently."""
    user = update.effective_user
    message = update.message or update.edited_message
    query = update.callback_query
    if user is None or (query is None and (message is None or not is_for_bot(message, context.bot))):
        return
    svc = services(context)
    if svc.config.is_admin(user.id):
        return
    verdict = svc.flood.check(user.id)
    if verdict is Verdict.ALLOW:
        return
    if verdict is Verdict.WARN:
        log.info("flood limit reached by a user; dropping their messages for a while")
        if query is not None:
            await query.answer(texts.SLOW_DOWN, show_alert=False)
        elif message is not None:
            await message.reply_text(texts.SLOW_DOWN)
    elif query is not None:
        await query.answer()  # stop the button's spinner, nothing else
    raise ApplicationHandlerStop


def register(application: BotApplication) -> None:
    application.add_handler(TypeHandler(Update, guard), group=-1)
