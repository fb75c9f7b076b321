"""Inline mode: ``@bot question`` in any chat offers up to five ready answers."""

from __future__ import annotations

from html import escape

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.constants import ParseMode
from telegram.ext import Application, InlineQueryHandler

from bot.engine import Answer, Engine
from bot.render import render_html
from bot.table import Entry
from bot.telegram import texts
from bot.telegram.handlers.common import Context, services
from bot.telegram.split import MESSAGE_LIMIT, length

MAX_RESULTS = 5
CACHE_SECONDS = 30
DESCRIPTION_CHARS = 120


async def on_inline(update: Update, context: Context) -> None:
    query = update.inline_query
    if query is None:
        return
    engine = services(context).store.engine
    await query.answer(results(engine, query.query), cache_time=CACHE_SECONDS, is_personal=False)


def results(engine: Engine, text: str) -> list[InlineQueryResultArticle]:
    """The answer itself first (when found), then related or suggested entries; for an
    empty query, example questions."""
    out: list[InlineQueryResultArticle] = []
    seen: set[str] = set()
    candidates: list[Entry] = []
    if text.strip():
        answer = engine.answer(text)
        if answer.found:
            out.append(_article("answer", _title(answer), _description(answer), render_html(answer, engine.article)))
            seen.update(answer.entries)
            candidates = engine.related(answer.entry or "", limit=MAX_RESULTS) if answer.entry else []
        elif answer.kind == "suggest":
            candidates = [e for e in map(engine.entry, answer.suggestions) if e is not None]
        candidates += engine.examples(MAX_RESULTS)
    else:
        candidates = engine.examples(MAX_RESULTS)
    for entry in candidates:
        if len(out) >= MAX_RESULTS:
            break
        if entry.id in seen or entry.is_smalltalk:
            continue
        seen.add(entry.id)
        entry_answer = engine.answer_entry(entry.id)
        if entry_answer is not None:
            html = render_html(entry_answer, engine.article)
            out.append(_article(f"e:{entry.id}", entry.questions[0], entry.answer or "", html))
    return out


def _article(result_id: str, title: str, description: str, html: str) -> InlineQueryResultArticle:
    if length(html) > MESSAGE_LIMIT:
        html = escape(texts.ERROR)  # cannot happen with the article's short passages
    return InlineQueryResultArticle(
        id=result_id.encode("utf-8")[:64].decode("utf-8", errors="ignore"),
        title=title,
        description=_shorten(description),
        input_message_content=InputTextMessageContent(html, parse_mode=ParseMode.HTML),
    )


def _title(answer: Answer) -> str:
    parts = [p for p in answer.parts if p.kind == "answer" and p.entry is not None]
    return " / ".join(p.entry.questions[0] for p in parts) or answer.question  # type: ignore[union-attr]


def _description(answer: Answer) -> str:
    return " / ".join(p.entry.answer or "" for p in answer.parts if p.kind == "answer" and p.entry is not None)


def _shorten(text: str) -> str:
    return text if len(text) <= DESCRIPTION_CHARS else text[: DESCRIPTION_CHARS - 1] + "…"


def register(application: Application) -> None:  # type: ignore[type-arg]
    application.add_handler(InlineQueryHandler(on_inline))
