"""Inline keyboards: example and related questions, feedback, sharing, /questions by topic.

Buttons show each entry's ``label`` (short, whole words, distinct; ``bot.labels``), in
its display spelling (``bot.presentation``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.engine import Answer, Engine
from bot.labels import shorten
from bot.presentation import Presentation
from bot.render import shown_on_buttons
from bot.table import Entry
from bot.telegram import callbacks, texts

RELATED = 3
SHARE_QUERY_CHARS = 200  # what the share button puts after @bot in the chosen chat


def label(entry: Entry, show: Presentation | None = None) -> str:
    """A button's text: the entry's label (or its question, cut at a word boundary)."""
    if show is not None:
        return show.label(entry)
    return entry.label or shorten(entry.questions[0] if entry.questions else entry.id)


def question_rows(
    entries: Iterable[Entry], prefix: str = "", show: Presentation | None = None
) -> list[list[InlineKeyboardButton]]:
    """One button per entry, each answering it when pressed (entries whose id makes
    the callback data too long are left out)."""
    rows = []
    for entry in entries:
        data = callbacks.answer(entry.id)
        if callbacks.fits(data):
            rows.append([InlineKeyboardButton(prefix + label(entry, show), callback_data=data)])
    return rows


def questions_markup(entries: Iterable[Entry], show: Presentation | None = None) -> InlineKeyboardMarkup | None:
    rows = question_rows(entries, show=show)
    return InlineKeyboardMarkup(rows) if rows else None


def answer_markup(
    engine: Engine,
    answer: Answer,
    query_id: int | None,
    *,
    offers: Sequence[Entry] = (),
    none_token: int | None = None,
) -> InlineKeyboardMarkup | None:
    """Buttons under a reply. An answer: 👍/👎, «📄 متن کامل بند» (when the quote is
    shorter than its paragraph), «↗️ ارسال برای دیگران», and up to three related questions
    unlike each other. A did-you-mean: the suggestions, then «هیچ‌کدام» (``none_token``).
    A decline: ``offers``, the questions nearest to what was asked."""
    show = engine.presentation
    rows: list[list[InlineKeyboardButton]] = []
    kind = shown_on_buttons(answer)
    answered = [p.entry for p in answer.parts if p.kind == "answer" and p.entry is not None]
    if kind == "related" and answered:
        first = answered[0]
        up, down = callbacks.feedback(1, first.id, query_id), callbacks.feedback(-1, first.id, query_id)
        if callbacks.fits(up) and callbacks.fits(down):
            rows.append(
                [
                    InlineKeyboardButton(texts.FEEDBACK_UP, callback_data=up),
                    InlineKeyboardButton(texts.FEEDBACK_DOWN, callback_data=down),
                ]
            )
        tools = []
        expand = callbacks.paragraph(first.id)
        if len(answered) == 1 and show.has_more(first) and callbacks.fits(expand):
            tools.append(InlineKeyboardButton(texts.FULL_PARAGRAPH, callback_data=expand))
        tools.append(share_button(show, first))
        rows.append(tools)
        shown = {e.id for e in answered}
        related = [e for e in engine.related(first.id, limit=RELATED + len(shown)) if e.id not in shown]
        rows += question_rows(related[:RELATED], prefix=texts.RELATED_MARK, show=show)
    elif kind == "suggest":
        suggested = [e for e in (engine.entry(i) for i in answer.suggestions) if e is not None]
        rows += question_rows(suggested, show=show)
        if none_token is not None:
            rows.append([InlineKeyboardButton(texts.NOT_ANY, callback_data=callbacks.none_of_these(none_token))])
    elif kind == "nearest":
        rows += question_rows(offers, show=show)
    return InlineKeyboardMarkup(rows) if rows else None


def share_button(show: Presentation, entry: Entry) -> InlineKeyboardButton:
    """Pass the question on: Telegram asks for a chat and writes «@bot question» there,
    where inline mode offers the answer."""
    query = show.question(entry)
    return InlineKeyboardButton(texts.SHARE, switch_inline_query=query[:SHARE_QUERY_CHARS])


def without_paragraph(markup: InlineKeyboardMarkup | None) -> InlineKeyboardMarkup | None:
    """The same keyboard without the «📄 متن کامل بند» button (once it has been pressed)."""
    if markup is None:
        return None
    rows = []
    for row in markup.inline_keyboard:
        kept = [b for b in row if not (isinstance(b.callback_data, str) and b.callback_data.startswith("p:"))]
        if kept:
            rows.append(kept)
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
    """Pages of /questions: the list of topics, then one page per topic."""
    return 1 + len(engine.presentation.topics())


def questions_page(engine: Engine, page: int) -> tuple[str, InlineKeyboardMarkup | None]:
    """The text and keyboard of one /questions page (``page`` is clamped): page 0 lists
    the topics, page n shows the n-th topic's questions with ◀️/▶️ to the neighbours."""
    show = engine.presentation
    topics = show.topics()
    page = min(max(page, 0), len(topics))
    if page == 0:
        rows = [
            [InlineKeyboardButton(texts.topic_button(name, len(entries)), callback_data=callbacks.page(i))]
            for i, (name, entries) in enumerate(topics, 1)
        ]
        total = sum(len(entries) for _, entries in topics)
        return texts.topics_page(len(topics), total), (InlineKeyboardMarkup(rows) if rows else None)
    name, entries = topics[page - 1]
    rows = question_rows(entries, show=show)
    # right to left: «بعدی ◀️» on the left, «▶️ قبلی» on the right
    nav = []
    if page < len(topics):
        nav.append(InlineKeyboardButton(texts.NEXT, callback_data=callbacks.page(page + 1)))
    nav.append(InlineKeyboardButton(texts.TOPICS, callback_data=callbacks.page(0)))
    if page > 1:
        nav.append(InlineKeyboardButton(texts.PREVIOUS, callback_data=callbacks.page(page - 1)))
    rows.append(nav)
    return texts.topic_page(name, page, len(topics)), InlineKeyboardMarkup(rows)
