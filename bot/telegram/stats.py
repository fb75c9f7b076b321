"""/stats as the admin reads it: the query log's counts in Persian (plain text: escape
it before sending as HTML)."""

from __future__ import annotations

from collections.abc import Callable

from bot.display import fa_digits
from bot.querylog import Stats, StatsStatus

NOTES = {
    StatsStatus.UNAVAILABLE: "پایگاه دادهٔ گزارش در دسترس نیست؛ آماری ثبت نمی‌شود.",
    StatsStatus.UNREADABLE: "خواندن آمار از پایگاه دادهٔ گزارش ممکن نشد.",
}


def stats_text(stats: Stats, label: Callable[[str], str | None] = lambda _: None) -> str:
    """A Persian summary of the counts, the most asked entries (by ``label`` beside their
    id) and the latest unanswered questions, in Persian digits."""
    n = fa_digits
    lines = ["📊 آمار پرسش‌ها"]
    if note := NOTES.get(stats.status):
        lines.append(f"⚠️ {note}")
    share = f" ({n(str(round(100 * stats.answered / stats.questions)))}٪)" if stats.questions else ""
    lines += [
        f"کل پرسش‌ها: {n(str(stats.questions))}",
        f"پاسخ از متن: {n(str(stats.answered))}{share}",
        f"پیشنهاد پرسش نزدیک: {n(str(stats.suggested))}",
        f"بی‌پاسخ: {n(str(stats.declined))}",
        f"گفت‌وگوی کوتاه (سلام، تشکر…): {n(str(stats.smalltalk))}",
        f"بازخورد: 👍 {n(str(stats.thumbs_up))}  👎 {n(str(stats.thumbs_down))}",
    ]
    if stats.top_entries:
        lines.append("پرتکرارترین پرسش‌ها:")
        for i, (entry, count) in enumerate(stats.top_entries, 1):
            name = label(entry)
            shown = f"«{name}» ({entry})" if name else entry
            lines.append(f"{n(str(i))}. {shown} — {n(str(count))}")
    if stats.latest_unanswered:
        lines.append("آخرین پرسش‌های بی‌پاسخ:")
        lines += [f"• {n(short_time(ts))} — {clip(q, 80)}" for ts, q in stats.latest_unanswered]
    return "\n".join(lines)


def short_time(ts: str) -> str:
    """``2026-11-30T12:34:56+00:00`` → ``2026-11-30 12:34`` (UTC)."""
    return ts[:16].replace("T", " ")


def clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
