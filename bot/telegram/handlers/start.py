"""/start (with ``q_<entry>`` deep links), /help and /article."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from bot.telegram import callbacks, keyboards, texts
from bot.telegram.handlers.ask import reply_with_answer
from bot.telegram.handlers.common import BotApplication, Context, send_html, services

EXAMPLES = 4


async def start(update: Update, context: Context) -> None:
    """Greet, say what the bot knows, offer example questions as buttons. A deep link
    (``t.me/<bot>?start=q_<entry>``) answers that entry at once, the question on top."""
    engine = services(context).store.engine
    message = update.effective_message
    if message is None:
        return
    wanted = callbacks.parse_start(context.args[0] if context.args else None)
    if wanted is not None:
        entry = engine.entry(wanted)
        answer = engine.answer_entry(wanted) if entry is not None and not entry.is_smalltalk else None
        if answer is not None:
            user_id = update.effective_user.id if update.effective_user else None
            await reply_with_answer(message, context, engine, answer, user_id=user_id, restate=True)
            return
        await send_html(message, texts.STALE_LINK)
    show = engine.presentation
    await send_html(message, texts.start(engine.article), keyboards.questions_markup(engine.examples(EXAMPLES), show))


async def help_command(update: Update, context: Context) -> None:
    """How to ask, and the commands (admins also see theirs)."""
    message = update.effective_message
    if message is None:
        return
    admin = services(context).config.is_admin(update.effective_user.id if update.effective_user else None)
    await send_html(message, texts.help_text(context.bot.username, admin=admin))


async def article(update: Update, context: Context) -> None:
    """The whole article, split at paragraph boundaries under the message limit."""
    message = update.effective_message
    if message is None:
        return
    await send_html(message, texts.article_text(services(context).store.engine.article))


def register(application: BotApplication) -> None:
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("help", help_command))
    application.add_handler(CommandHandler("article", article))
