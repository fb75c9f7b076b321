"""Turning an ``Answer`` into the text a user reads: plain (``bot ask``) or Telegram HTML.

Both renderings share one template, so what ``bot ask`` prints is exactly what a
Telegram user reads, minus the markup. User-facing text is Persian.

An answer reads, on a phone, from the top:

    <b>۱۳۹۰</b>                                   the short answer (a list: one item a line)
    «… وزارت تعاون، کار و رفاه اجتماعی از سال ۱۳۹۰ … تشکیل شد …»   the sentence that holds it
                                                  (``bot.excerpt``), the article's own words
    منبع: خبرگزاری مهر                             one line of source

Everything quoted comes from the article's display form (``bot.display``): the seed's
words with their half-spaces restored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from bot.article import Article
from bot.display import display_article, fa_digits
from bot.engine import Answer, Engine, Part
from bot.presentation import Presentation, presentation
from bot.table import Entry, Table

NOT_FOUND = "این موضوع در این گزارش نیامده است؛ من فقط از متن همین گفت‌وگو پاسخ می‌دهم."
NOT_FOUND_EN = "The article does not say this."
DID_YOU_MEAN = "منظورتان دقیقاً کدام است؟"
DID_YOU_MEAN_BUTTONS = "منظورتان دقیقاً کدام است؟ یکی را بزنید:"
CAN_ASK = "شاید این‌ها به کارتان بیاید:"
CAN_ASK_BUTTONS = "شاید یکی از این پرسش‌ها به کارتان بیاید:"
ENGLISH_LEAD = "From the article (in Persian):"
READ_AS = "پیامتان را این‌طور خواندم: «{}»"
GREET_BACK = "سلام! 🌷"
NON_TEXT = "من فقط به پرسش‌های متنی پاسخ می‌دهم. لطفاً سؤالتان را درباره این گزارش بنویسید."
ASKED = "❓ {}"

Escape = Callable[[str], str]


def source_line(article: Article, *, titled: bool = False) -> str:
    """The one line of source under every answer; ``titled`` adds the article's title
    (for an answer shared in another chat, where nothing else says which article)."""
    line = f"منبع: خبرگزاری {article.source}"
    return f"{line} — «{display_article(article).title}»" if titled else line


def render_plain(
    answer: Answer,
    article: Article,
    examples: Sequence[Entry] = (),
    *,
    table: Table | None = None,
    restate: bool = False,
    buttons: bool = False,
    titled: bool = False,
) -> str:
    """The reply exactly as a Telegram user reads it, without markup."""
    return _render(answer, presentation(article, table), examples, lambda s: s, lambda s: s, restate, buttons, titled)


def render_html(
    answer: Answer,
    article: Article,
    examples: Sequence[Entry] = (),
    *,
    table: Table | None = None,
    restate: bool = False,
    buttons: bool = False,
    titled: bool = False,
) -> str:
    """The reply as Telegram HTML: everything escaped, the short answer in bold.

    ``examples``: the questions offered when nothing is found (the nearest entries).
    ``restate``: put the question on top («❓ …»), for a pressed button or a deep link.
    ``buttons``: the suggestions and examples are on buttons, so the text does not list
    them again. ``titled``: the source line names the article (inline mode)."""
    return _render(answer, presentation(article, table), examples, escape, _bold, restate, buttons, titled)


def render_paragraph_html(entry: Entry, article: Article, *, table: Table | None = None, restate: bool = False) -> str:
    """An answer with the whole paragraph quoted instead of its sentence («📄 متن کامل بند»)."""
    show = presentation(article, table)
    text, span = show.paragraph(entry)
    lines = [ASKED.format(escape(show.question(entry)))] if restate else []
    quote = show.quote(entry)
    if quote is not None:
        lines += _short(quote.short, quote.items, escape, _bold)
    lines.append(_quoted(_marked(text, span, escape, _bold)))
    return "\n".join(lines) + "\n\n" + escape(source_line(article))


def shown_on_buttons(answer: Answer) -> str | None:
    """What the reply's buttons offer: "related" questions after an answer, the
    "suggest"ions of a did-you-mean, the "nearest" questions after a decline; None when
    the text says it all (small talk, several parts without an answer)."""
    if answer.found:
        return "related"
    kinds = [p.kind for p in answer.parts if p.kind != "smalltalk"]
    if kinds == ["suggest"]:
        return "suggest"
    if kinds == ["none"]:
        return "nearest"
    return None


def offers(engine: Engine, answer: Answer, limit: int = 3) -> list[Entry]:
    """The questions offered under a decline: the entries nearest to what was asked
    (``Engine.nearest``), or a spread across the article when nothing is near."""
    if shown_on_buttons(answer) != "nearest":
        return []
    asked = next((p.question for p in answer.parts if p.kind == "none"), answer.question)
    return engine.nearest(asked, limit) or engine.examples(limit)


def _bold(text: str) -> str:
    return f"<b>{text}</b>"


def _render(
    answer: Answer,
    show: Presentation,
    examples: Sequence[Entry],
    esc: Escape,
    bold: Escape,
    restate: bool,
    buttons: bool,
    titled: bool = False,
) -> str:
    blocks: list[str] = []
    if answer.courtesy == "greeting" and any(p.kind != "smalltalk" for p in answer.parts):
        blocks.append(esc(GREET_BACK))
    many = len(answer.parts) > 1
    on_buttons = shown_on_buttons(answer) if buttons else None
    quoted: set[str] = set()  # two answers from one passage share its quote: shown once
    for part in answer.parts:
        block = _part(part, show, examples if not many else (), esc, bold, on_buttons, quoted)
        if many and part.kind in ("answer", "suggest", "none"):
            block = f"{ASKED.format(esc(part.question))}\n{block}"
        elif restate and part.kind == "answer" and part.entry is not None:
            block = f"{ASKED.format(esc(show.question(part.entry)))}\n{block}"
        blocks.append(block)
    if answer.found:
        blocks.append(esc(source_line(show.article, titled=titled)))
    return "\n\n".join(blocks)


def _part(
    part: Part,
    show: Presentation,
    examples: Sequence[Entry],
    esc: Escape,
    bold: Escape,
    on_buttons: str | None,
    quoted: set[str] | None = None,
) -> str:
    lines: list[str] = []
    # how a message in Latin letters was read, and the English lead, come after the short answer
    frames = [esc(READ_AS.format(part.read_as))] if part.read_as and part.kind != "none" else []
    if part.kind == "answer" and part.reading == "en":
        frames.append(esc(ENGLISH_LEAD))
    if part.kind == "smalltalk" and part.entry is not None:
        lines += frames
        lines.append(esc(part.entry.reply or ""))
    elif part.kind == "answer" and part.entry is not None:
        quote = show.quote(part.entry)
        if quote is None:  # cannot happen for a validated table: every fact has an answer
            lines += [bold(esc(part.entry.answer or "")), *frames]
        else:
            plain = quote.excerpt.render(esc)
            again = quoted is not None and plain in quoted
            if quoted is not None:
                quoted.add(plain)
            if quote.adds_nothing and not again:
                lines += [_quoted(quote.excerpt.render(esc, bold, quote.answer)), *frames]
            else:
                lines += [*_short(quote.short, quote.items, esc, bold), *frames]
                if not again:
                    lines.append(_quoted(plain))
    elif part.kind == "suggest":
        lines += frames
        if on_buttons == "suggest":
            lines.append(esc(DID_YOU_MEAN_BUTTONS))
        else:
            lines.append(esc(DID_YOU_MEAN))
            lines += [f"{fa_digits(str(i))}. {esc(show.label(e))}" for i, e in enumerate(part.suggestions, 1)]
    else:
        if part.reading == "en":
            lines.append(esc(NOT_FOUND_EN))
        lines.append(esc(NOT_FOUND))
        if examples:
            if on_buttons == "nearest":
                lines.append(esc(CAN_ASK_BUTTONS))
            else:
                lines.append(esc(CAN_ASK))
                lines += [f"• {esc(show.label(e))}" for e in examples]
    return "\n".join(lines)


def _quoted(text: str) -> str:
    return f"«{text}»"


def _short(short: str, items: Sequence[str], esc: Escape, bold: Escape) -> list[str]:
    """The short answer: one bold line, or a list's items, one bold line each."""
    if items:
        return [f"• {bold(esc(item))}" for item in items]
    return [bold(esc(short))]


def _marked(text: str, span: tuple[int, int] | None, esc: Escape, bold: Escape) -> str:
    if span is None:
        return esc(text)
    return esc(text[: span[0]]) + bold(esc(text[span[0] : span[1]])) + esc(text[span[1] :])
