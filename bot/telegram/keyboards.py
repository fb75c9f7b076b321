"""Inline keyboards: example and related questions, feedback, /questions pages."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.engine import Answer, Engine
from bot.table import Entry
from bot.telegram import callbacks, texts

PAGE_SIZE = 6
RELATED = 3
LABEL_CHARS = 60


def label(entry: Entry) -> str:
    """A button label: the entry's main question, shortened if long."""
    text = entry.questions[0]
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def question_rows(entries: Iterable[Entry], prefix: str = "") -> list[list[InlineKeyboardButton]]:
    """One button per entry, each answering it when pressed (entries whose id makes
    the callback data too long are left out)."""
    rows = []
    for entry in entries:
        data = callbacks.answer(entry.id)
        if callbacks.fits(data):
            rows.append([InlineKeyboardButton(prefix + label(entry), callback_data=data)])
    return rows


def questions_markup(entries: Iterable[Entry]) -> InlineKeyboardMarkup | None:
    rows = question_rows(entries)
    return InlineKeyboardMarkup(rows) if rows else None


def answer_markup(engine: Engine, answer: Answer, query_id: int | None) -> InlineKeyboardMarkup | None:
    """Buttons under an answer: feedback and related questions when found; the
    suggestions for 'did you mean'; a few answerable questions otherwise."""
    rows: list[list[InlineKeyboardButton]] = []
    answered = next((p.entry for p in answer.parts if p.kind == "answer" and p.entry is not None), None)
    if answered is not None:
        up, down = callbacks.feedback(1, answered.id, query_id), callbacks.feedback(-1, answered.id, query_id)
        if callbacks.fits(up) and callbacks.fits(down):
            rows.append(
                [
                    InlineKeyboardButton(texts.FEEDBACK_UP, callback_data=up),
                    InlineKeyboardButton(texts.FEEDBACK_DOWN, callback_data=down),
                ]
            )
        shown = set(answer.entries)
        related = [e for e in engine.related(answered.id, limit=RELATED + len(shown)) if e.id not in shown]
        rows += question_rows(related[:RELATED], prefix="🔎 ")
    elif answer.kind == "suggest":
        suggested = [e for e in (engine.entry(i) for i in answer.suggestions) if e is not None]
        rows += question_rows(suggested)
    else:
        rows += question_rows(engine.examples(RELATED))
    return InlineKeyboardMarkup(rows) if rows else None


def thanked(markup: InlineKeyboardMarkup | None) -> InlineKeyboardMarkup:
    """The same keyboard with the feedback row replaced by a 'thanks' note."""
    rows: list[Sequence[InlineKeyboardButton]] = []
    for row in markup.inline_keyboard if markup else ():
        if any(isinstance(b.callback_data, str) and b.callback_data.startswith("f:") for b in row):
            rows.append([InlineKeyboardButton(texts.FEEDBACK_DONE, callback_data=callbacks.NOOP)])
        else:
            rows.append(row)
    if not rows:
        rows.append([InlineKeyboardButton(texts.FEEDBACK_DONE, callback_data=callbacks.NOOP)])
    return InlineKeyboardMarkup(rows)


def page_count(engine: Engine) -> int:
    return max(1, math.ceil(len(engine.table.facts) / PAGE_SIZE))


def questions_page(engine: Engine, page: int) -> tuple[str, InlineKeyboardMarkup | None]:
    """The text and keyboard of one /questions page (``page`` is clamped)."""
    facts = engine.table.facts
    pages = page_count(engine)
    page = min(max(page, 0), pages - 1)
    rows = question_rows(facts[page * PAGE_SIZE : (page + 1) * PAGE_SIZE])
    if pages > 1:
        nav = []
        if page > 0:
            nav.append(InlineKeyboardButton(texts.PREVIOUS, callback_data=callbacks.page(page - 1)))
        nav.append(InlineKeyboardButton(texts.page_label(page, pages), callback_data=callbacks.NOOP))
        if page < pages - 1:
            nav.append(InlineKeyboardButton(texts.NEXT, callback_data=callbacks.page(page + 1)))
        rows.append(nav)
    return texts.questions_page(page, pages, len(facts)), (InlineKeyboardMarkup(rows) if rows else None)
