"""Anything that is not a text question (stickers, photos, voice, files, locations…)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.render import NON_TEXT
from bot.telegram.handlers.common import BotApplication, Context, is_private, replies_to_bot, send_html, strip_mentions


async def on_non_text(update: Update, context: Context) -> None:
    """A polite note that only text questions are answered (in groups only when the
    message is for the bot)."""
    message = update.effective_message
    if message is None:
        return
    if not (is_private(message) or replies_to_bot(message, context.bot) or strip_mentions(message, context.bot)[1]):
        return
    await send_html(message, NON_TEXT)


def register(application: BotApplication) -> None:
    application.add_handler(
        MessageHandler(
            filters.UpdateType.MESSAGES & ~filters.TEXT & ~filters.StatusUpdate.ALL,
            on_non_text,
        )
    )
