"""Questions: text messages, /ask, edited messages, and pressed question buttons."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.engine import Answer, Engine
from bot.render import render_html
from bot.telegram import callbacks, keyboards, texts
from bot.telegram.handlers.common import Context, addressed_text, send_html, services

EXAMPLES = 3


async def reply_with_answer(
    message: Message,
    context: Context,
    engine: Engine,
    answer: Answer,
    *,
    user_id: int | None,
    quote: bool | None = None,
) -> None:
    """Render an answer with the engine that made it, log it, and send it with its buttons."""
    svc = services(context)
    query_id = await svc.querylog.log_question(
        chat_type=message.chat.type,
        user_id=user_id,
        question=answer.question,
        outcome=answer.kind,
        entry=answer.entry,
        score=answer.score,
    )
    html = render_html(answer, engine.article, engine.examples(EXAMPLES))
    await send_html(message, html, keyboards.answer_markup(engine, answer, query_id), quote=quote)


async def ask(message: Message, update: Update, context: Context, question: str) -> None:
    """Answer a question asked in ``message`` (a new or an edited one)."""
    engine = services(context).store.engine  # one engine per message, even during a reload
    answer = engine.answer(question)
    user_id = update.effective_user.id if update.effective_user else None
    # An edited question is answered again; quoting it shows which version is answered.
    edited = update.edited_message is not None
    await reply_with_answer(message, context, engine, answer, user_id=user_id, quote=True if edited else None)


async def on_text(update: Update, context: Context) -> None:
    """A text message: answered in private chats; in groups only when addressed."""
    message = update.effective_message
    if message is None:
        return
    question = addressed_text(message, context.bot)
    if question is None:
        return
    if not question:
        await send_html(message, texts.MENTION_HINT)
        return
    await ask(message, update, context, question)


async def ask_command(update: Update, context: Context) -> None:
    """/ask QUESTION, in any chat; without a question, a hint."""
    message = update.effective_message
    if message is None:
        return
    question = " ".join(context.args or ())
    if not question.strip():
        await send_html(message, texts.ASK_HINT)
        return
    await ask(message, update, context, question)


async def on_question_button(update: Update, context: Context) -> None:
    """A question button (example, related, suggestion, /questions list): answer it."""
    query = update.callback_query
    parsed = callbacks.parse(query.data if query else None)
    if query is None or parsed is None or parsed.entry is None:
        return
    engine = services(context).store.engine
    entry = engine.entry(parsed.entry)
    answer = engine.answer_entry(parsed.entry) if entry is not None and not entry.is_smalltalk else None
    message = query.message
    if answer is None or not isinstance(message, Message):
        await query.answer(texts.STALE_BUTTON if answer is None else None)
        return
    await query.answer()
    await reply_with_answer(message, context, engine, answer, user_id=query.from_user.id, quote=False)


async def unknown_command(update: Update, context: Context) -> None:
    if update.effective_message:
        await send_html(update.effective_message, texts.UNKNOWN_COMMAND)


def register(application: Application) -> None:  # type: ignore[type-arg]
    application.add_handler(CommandHandler("ask", ask_command))
    application.add_handler(CallbackQueryHandler(on_question_button, pattern=r"^a:"))
    application.add_handler(
        MessageHandler(filters.UpdateType.MESSAGES & filters.TEXT & ~filters.COMMAND, on_text)
    )
    application.add_handler(
        MessageHandler(filters.UpdateType.MESSAGES & filters.COMMAND & filters.ChatType.PRIVATE, unknown_command)
    )
