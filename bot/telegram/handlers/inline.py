"""Inline mode: ``@bot question`` in any chat offers up to five ready answers.

This is also where the «↗️ ارسال برای دیگران» button leads: it writes «@bot question» in
the chat the user picks, and the first result is that question's answer."""

from __future__ import annotations

from html import escape

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.constants import ParseMode
from telegram.ext import InlineQueryHandler

from bot.engine import Answer, Engine
from bot.labels import shorten
from bot.render import render_html
from bot.table import Entry
from bot.telegram import texts
from bot.telegram.handlers.common import BotApplication, Context, services
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
    empty query, example questions. Each message restates its question and names the
    article in its source line: it is read in another chat."""
    out: list[InlineQueryResultArticle] = []
    seen: set[str] = set()
    candidates: list[Entry] = []
    if text.strip():
        answer = engine.answer(text)
        if answer.found:
            html = render_html(answer, engine.article, table=engine.table, restate=True, titled=True)
            out.append(_article("answer", _title(engine, answer), _description(engine, answer), html))
            seen.update(answer.entries)
            candidates = engine.related(answer.entry or "", limit=MAX_RESULTS) if answer.entry else []
        elif answer.kind == "suggest":
            candidates = [e for e in map(engine.entry, answer.suggestions) if e is not None]
        candidates += engine.examples(MAX_RESULTS)
    else:
        candidates = engine.examples(MAX_RESULTS)
    show = engine.presentation
    for entry in candidates:
        if len(out) >= MAX_RESULTS:
            break
        if entry.id in seen or entry.is_smalltalk:
            continue
        seen.add(entry.id)
        entry_answer = engine.answer_entry(entry.id)
        if entry_answer is not None:
            html = render_html(entry_answer, engine.article, table=engine.table, restate=True, titled=True)
            out.append(_article(f"e:{entry.id}", show.question(entry), _short(engine, entry), html))
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


def _title(engine: Engine, answer: Answer) -> str:
    show = engine.presentation
    parts = [p for p in answer.parts if p.kind == "answer" and p.entry is not None]
    return " / ".join(show.question(p.entry) for p in parts if p.entry is not None) or answer.question


def _description(engine: Engine, answer: Answer) -> str:
    return " / ".join(_short(engine, p.entry) for p in answer.parts if p.kind == "answer" and p.entry is not None)


def _short(engine: Engine, entry: Entry) -> str:
    """The short answer under a result's title (a list: its items)."""
    quote = engine.presentation.quote(entry)
    if quote is None:
        return entry.answer or ""
    return "، ".join(quote.items) if quote.items else quote.short


def _shorten(text: str) -> str:
    return shorten(text, DESCRIPTION_CHARS)  # at a word boundary


def register(application: BotApplication) -> None:
    application.add_handler(InlineQueryHandler(on_inline))
