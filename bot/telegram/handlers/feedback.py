"""👍 / 👎 under an answer: log it, thank the user, show that it was counted."""

from __future__ import annotations

from telegram import Message, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler

from bot.telegram import callbacks, keyboards, texts
from bot.telegram.handlers.common import Context, services


async def on_feedback(update: Update, context: Context) -> None:
    query = update.callback_query
    parsed = callbacks.parse(query.data if query else None)
    if query is None or parsed is None or parsed.entry is None:
        return
    services(context).querylog.log_feedback(
        user_id=query.from_user.id, entry=parsed.entry, value=parsed.value, query_id=parsed.query_id
    )
    await query.answer(texts.FEEDBACK_TOAST)
    if isinstance(query.message, Message):
        try:
            await query.edit_message_reply_markup(keyboards.thanked(query.message.reply_markup))
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():  # pressed twice
                raise


def register(application: Application) -> None:  # type: ignore[type-arg]
    application.add_handler(CallbackQueryHandler(on_feedback, pattern=r"^f:[+-]:"))
