"""Questions: text messages, /ask, edited messages, pressed question buttons, and the
buttons under an answer («📄 متن کامل بند», «هیچ‌کدام»)."""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.engine import Answer, Engine
from bot.render import offers, render_html, render_paragraph_html, shown_on_buttons
from bot.telegram import callbacks, keyboards, texts
from bot.telegram.handlers.common import (
    BotApplication,
    Context,
    addressed_text,
    is_private,
    send_html,
    services,
    strip_mentions,
)
from bot.telegram.pending import PendingQuestions

log = logging.getLogger(__name__)


def pending(context: Context) -> PendingQuestions:
    """The did-you-mean questions waiting for a «هیچ‌کدام» (one store per application)."""
    store = context.bot_data.get("pending_questions")
    if store is None:
        store = context.bot_data["pending_questions"] = PendingQuestions()
    assert isinstance(store, PendingQuestions)
    return store


async def reply_with_answer(
    message: Message,
    context: Context,
    engine: Engine,
    answer: Answer,
    *,
    user_id: int | None,
    quote: bool | None = None,
    restate: bool = False,
) -> None:
    """Render an answer with the engine that made it, log it, and send it with its buttons.
    ``restate``: the question goes on top («❓ …»), for a button press or a deep link."""
    svc = services(context)
    query_id = await svc.querylog.log_question(
        chat_type=message.chat.type,
        user_id=user_id,
        question=answer.question,
        outcome=answer.kind,
        entry=answer.entry,
        score=answer.score,
    )
    offered = offers(engine, answer)
    token = pending(context).add(answer.question) if shown_on_buttons(answer) == "suggest" else None
    html = render_html(answer, engine.article, offered, table=engine.table, restate=restate, buttons=True)
    markup = keyboards.answer_markup(engine, answer, query_id, offers=offered, none_token=token)
    await send_html(message, html, markup, quote=quote)


async def ask(message: Message, update: Update, context: Context, question: str) -> None:
    """Answer a question asked in ``message`` (a new or an edited one)."""
    engine = services(context).store.engine  # one engine per message, even during a reload
    answer = engine.answer(question)
    user_id = update.effective_user.id if update.effective_user else None
    # An edited question is answered again, quoting it shows which version is answered;
    # in a group the reply quotes the message that asked.
    edited = update.edited_message is not None
    quote = True if edited or not is_private(message) else None
    await reply_with_answer(message, context, engine, answer, user_id=user_id, quote=quote)


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
    """A question button (example, related, suggestion, /questions list): answer it,
    with the question restated on top."""
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
    await reply_with_answer(message, context, engine, answer, user_id=query.from_user.id, quote=False, restate=True)


async def on_full_paragraph(update: Update, context: Context) -> None:
    """«📄 متن کامل بند»: the same message, edited to quote the whole paragraph."""
    query = update.callback_query
    parsed = callbacks.parse(query.data if query else None)
    if query is None or parsed is None or parsed.entry is None:
        return
    engine = services(context).store.engine
    entry = engine.entry(parsed.entry)
    message = query.message
    if entry is None or entry.is_smalltalk or not isinstance(message, Message):
        await query.answer(texts.STALE_BUTTON)
        return
    await query.answer()
    restate = (message.text or "").startswith("❓")
    html = render_paragraph_html(entry, engine.article, table=engine.table, restate=restate)
    try:
        await query.edit_message_text(html, reply_markup=keyboards.without_paragraph(message.reply_markup))
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():  # pressed twice
            raise


async def on_none_of_these(update: Update, context: Context) -> None:
    """«هیچ‌کدام» under a did-you-mean: the honest "not in the article" note, in the same
    message, and the question is logged as unanswered."""
    query = update.callback_query
    parsed = callbacks.parse(query.data if query else None)
    if query is None or parsed is None:
        return
    await query.answer()
    message = query.message
    question = pending(context).pop(parsed.query_id)
    if question is None and isinstance(message, Message) and message.reply_to_message is not None:
        question = asked_in(message.reply_to_message, context)  # the token outlived a restart: the quoted question
    if question:
        await services(context).querylog.log_question(
            chat_type=message.chat.type if isinstance(message, Message) else "unknown",
            user_id=query.from_user.id,
            question=question,
            outcome="none",
            entry=None,
            score=0.0,
        )
    else:
        log.info("«none of these» pressed for a question no longer remembered; not logged again")
    try:
        await query.edit_message_text(texts.NONE_NOTE, reply_markup=None)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


def asked_in(message: Message, context: Context) -> str | None:
    """The question a user's message asked: without mentions of the bot or a leading /ask."""
    text, _ = strip_mentions(message, context.bot)
    if text.startswith("/"):
        text = text.split(maxsplit=1)[1] if " " in text else ""
    return text or None


async def unknown_command(update: Update, context: Context) -> None:
    if update.effective_message:
        await send_html(update.effective_message, texts.UNKNOWN_COMMAND)


def register(application: BotApplication) -> None:
    application.add_handler(CommandHandler("ask", ask_command))
    application.add_handler(CallbackQueryHandler(on_question_button, pattern=r"^a:"))
    application.add_handler(CallbackQueryHandler(on_full_paragraph, pattern=r"^p:"))
    application.add_handler(CallbackQueryHandler(on_none_of_these, pattern=r"^x:\d+$"))
    application.add_handler(MessageHandler(filters.UpdateType.MESSAGES & filters.TEXT & ~filters.COMMAND, on_text))
    application.add_handler(
        MessageHandler(filters.UpdateType.MESSAGES & filters.COMMAND & filters.ChatType.PRIVATE, unknown_command)
    )
