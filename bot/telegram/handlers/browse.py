"""/questions: the table's questions by topic – first the topics, then a topic's questions."""

from __future__ import annotations

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.telegram import callbacks, keyboards
from bot.telegram.handlers.common import BotApplication, Context, send_html, services


async def questions(update: Update, context: Context) -> None:
    """Send the list of topics."""
    message = update.effective_message
    if message is None:
        return
    text, markup = keyboards.questions_page(services(context).store.engine, 0)
    await send_html(message, text, markup)


async def turn_page(update: Update, context: Context) -> None:
    """A topic, «بعدی ◀️», «▶️ قبلی» or «همه موضوع‌ها» pressed: that page, in the same message."""
    query = update.callback_query
    parsed = callbacks.parse(query.data if query else None)
    if query is None or parsed is None:
        return
    await query.answer()
    text, markup = keyboards.questions_page(services(context).store.engine, parsed.page)
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():  # a double press shows the same page
            raise


async def noop(update: Update, context: Context) -> None:
    """The page counter and "thanks" buttons do nothing but stop the spinner."""
    if update.callback_query:
        await update.callback_query.answer()


def register(application: BotApplication) -> None:
    application.add_handler(CommandHandler("questions", questions))
    application.add_handler(CallbackQueryHandler(turn_page, pattern=r"^q:\d+$"))
    application.add_handler(CallbackQueryHandler(noop, pattern=rf"^{callbacks.NOOP}$"))
