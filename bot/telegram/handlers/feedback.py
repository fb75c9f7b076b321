"""👍 / 👎 under an answer: counted once, from the user who asked, for a known entry."""

from __future__ import annotations

from telegram import Message, Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler

from bot.querylog import Feedback
from bot.telegram import callbacks, keyboards, texts
from bot.telegram.handlers.common import BotApplication, Context, services

_TOASTS = {
    Feedback.DUPLICATE: texts.FEEDBACK_ALREADY,
    Feedback.NOT_OWNER: texts.FEEDBACK_NOT_YOURS,
    Feedback.UNKNOWN: texts.FEEDBACK_STALE,
}


async def on_feedback(update: Update, context: Context) -> None:
    query = update.callback_query
    parsed = callbacks.parse(query.data if query else None)
    if query is None or parsed is None or parsed.kind != "feedback" or parsed.entry is None:
        return
    svc = services(context)
    entry = svc.store.engine.entry(parsed.entry)
    if entry is None or entry.is_smalltalk:
        await query.answer(texts.FEEDBACK_STALE)
        return
    outcome = await svc.querylog.log_feedback(
        user_id=query.from_user.id, entry=parsed.entry, value=parsed.value, query_id=parsed.query_id
    )
    if outcome in _TOASTS:
        await query.answer(_TOASTS[outcome])
        return
    await query.answer(texts.FEEDBACK_TOAST)  # recorded, or the log is down: thank all the same
    if isinstance(query.message, Message):
        try:
            await query.edit_message_reply_markup(keyboards.thanked(query.message.reply_markup))
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():
                raise


def register(application: BotApplication) -> None:
    application.add_handler(CallbackQueryHandler(on_feedback, pattern=r"^f:[+-]:"))
