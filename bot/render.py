"""Turning an ``Answer`` into the text a user reads: plain (``bot ask``) or Telegram HTML.

Both renderings share one template, so what ``bot ask`` prints is exactly what a
Telegram user reads, minus the markup. User-facing text is Persian.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from bot.article import Article
from bot.engine import Answer, Part
from bot.table import Entry

NOT_FOUND = "این موضوع در این گزارش نیامده است؛ من فقط از متن همین گفت‌وگو پاسخ می‌دهم."
NOT_FOUND_EN = "The article does not say this."
DID_YOU_MEAN = "منظورتان دقیقاً کدام است؟"
CAN_ASK = "مثلاً می‌توانید بپرسید:"
ENGLISH_LEAD = "From the article (in Persian):"
READ_AS = "پیامتان را این‌طور خواندم: «{}»"
GREET_BACK = "سلام! 🌷"
NON_TEXT = "من فقط به پرسش‌های متنی پاسخ می‌دهم. لطفاً سؤالتان را درباره این گزارش بنویسید."


def source_line(article: Article) -> str:
    """The source line under every answer."""
    return f"منبع: خبرگزاری {article.source} — «{article.title}»"


def render_plain(answer: Answer, article: Article, examples: Sequence[Entry] = ()) -> str:
    """The reply exactly as a Telegram user reads it, without markup."""
    return _render(answer, article, examples, lambda s: s, lambda s: s)


def render_html(answer: Answer, article: Article, examples: Sequence[Entry] = ()) -> str:
    """The reply as Telegram HTML: everything escaped, the short answer in bold."""
    return _render(answer, article, examples, escape, lambda s: f"<b>{s}</b>")


def highlight(passage: str, span: str | None, esc: Callable[[str], str], bold: Callable[[str], str]) -> str:
    """The passage with its first occurrence of ``span`` emphasised."""
    if not span or span not in passage:
        return esc(passage)
    i = passage.index(span)
    return esc(passage[:i]) + bold(esc(span)) + esc(passage[i + len(span) :])


def _render(
    answer: Answer,
    article: Article,
    examples: Sequence[Entry],
    esc: Callable[[str], str],
    bold: Callable[[str], str],
) -> str:
    blocks: list[str] = []
    if answer.courtesy == "greeting" and any(p.kind != "smalltalk" for p in answer.parts):
        blocks.append(esc(GREET_BACK))
    many = len(answer.parts) > 1
    for part in answer.parts:
        block = _part(part, article, examples if not many else (), esc, bold)
        if many and part.kind in ("answer", "suggest", "none"):
            block = f"❓ {esc(part.question)}\n{block}"
        blocks.append(block)
    if answer.found:
        blocks.append(esc(source_line(article)))
    return "\n\n".join(blocks)


def _part(part: Part, article: Article, examples: Sequence[Entry], esc, bold) -> str:  # type: ignore[no-untyped-def]
    lines: list[str] = []
    if part.read_as and part.kind != "none":
        lines.append(esc(READ_AS.format(part.read_as)))
    if part.kind == "smalltalk" and part.entry is not None:
        lines.append(esc(part.entry.reply or ""))
    elif part.kind == "answer" and part.entry is not None and part.passage is not None:
        if part.reading == "en":
            lines.append(esc(ENGLISH_LEAD))
        lines.append("«" + highlight(part.passage.text, part.entry.answer, esc, bold) + "»")
    elif part.kind == "suggest":
        lines.append(esc(DID_YOU_MEAN))
        lines.extend(f"{i}. {esc(e.questions[0])}" for i, e in enumerate(part.suggestions, 1))
    else:
        if part.reading == "en":
            lines.append(esc(NOT_FOUND_EN))
        lines.append(esc(NOT_FOUND))
        if examples:
            lines.append(esc(CAN_ASK))
            lines.extend(f"• {esc(e.questions[0])}" for e in examples)
    return "\n".join(lines)
