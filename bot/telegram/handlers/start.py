"""/start, /help and /article."""

from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.telegram import keyboards, texts
from bot.telegram.handlers.common import Context, send_html, services

EXAMPLES = 4


async def start(update: Update, context: Context) -> None:
    """Greet, say what the bot knows, offer example questions as buttons."""
    engine = services(context).store.engine
    message = update.effective_message
    if message is None:
        return
    await send_html(message, texts.start(engine.article), keyboards.questions_markup(engine.examples(EXAMPLES)))


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


def register(application: Application) -> None:  # type: ignore[type-arg]
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("help", help_command))
    application.add_handler(CommandHandler("article", article))
