"""Persian texts the Telegram bot sends besides the engine's answers (HTML-safe)."""

from __future__ import annotations

from html import escape

from bot.article import Article

# (command, description) pairs for the command menu, in menu order.
USER_COMMANDS = (
    ("start", "شروع و چند سؤال نمونه"),
    ("help", "راهنمای پرسیدن"),
    ("article", "متن کامل گزارش"),
    ("questions", "فهرست سؤال‌هایی که پاسخ می‌دهم"),
    ("ask", "پرسیدن سؤال (به‌ویژه در گروه‌ها)"),
)
ADMIN_COMMANDS = (
    ("reload", "بارگذاری دوباره جدول پرسش و پاسخ"),
    ("stats", "آمار پرسش‌ها"),
)

SLOW_DOWN = "پیام‌هایتان خیلی پشت سر هم می‌رسد 🙏 لطفاً چند ثانیه صبر کنید و بعد دوباره بپرسید."
ASK_HINT = "سؤالتان را بعد از دستور بنویسید، مثلاً:\n/ask فروزان کیست؟"
MENTION_HINT = "بله؟ سؤالتان را درباره این گزارش بنویسید؛ مثلاً: «فروزان کیست؟»"
UNKNOWN_COMMAND = "این دستور را نمی‌شناسم. برای دیدن دستورها /help را بزنید."
ADMIN_PRIVATE_ONLY = "دستورهای مدیریتی فقط در گفت‌وگوی خصوصی با ربات کار می‌کنند."
NOT_ADMIN = "این دستور فقط برای مدیران ربات است."
ERROR = "متأسفم، در پاسخ به این پیام مشکلی پیش آمد. لطفاً کمی بعد دوباره امتحان کنید."
STALE_BUTTON = "این پرسش دیگر در فهرست نیست؛ فهرست تازه را با /questions ببینید."
FEEDBACK_TOAST = "ممنون از نظرتان! 🙏"
FEEDBACK_ALREADY = "نظرتان دربارهٔ این پاسخ قبلاً ثبت شده است."
FEEDBACK_NOT_YOURS = "فقط کسی که این سؤال را پرسیده می‌تواند به پاسخش نظر بدهد."
FEEDBACK_STALE = "این دکمه دیگر معتبر نیست."
FEEDBACK_DONE = "✅ بازخوردتان ثبت شد"
FEEDBACK_UP = "👍 مفید بود"
FEEDBACK_DOWN = "👎 مفید نبود"
PREVIOUS = "◀️"
NEXT = "▶️"
UPLOAD_NOT_YAML = "فقط فایل جدول با پسوند .yaml یا .yml پذیرفته می‌شود."
UPLOAD_TOO_BIG = "این فایل بزرگ‌تر از ۱ مگابایت است؛ جدول پرسش و پاسخ باید کوچک‌تر باشد."
UPLOAD_FAILED = "دریافت فایل از تلگرام ممکن نشد؛ لطفاً دوباره بفرستید."


def start(article: Article) -> str:
    """The /start greeting: what the bot knows and how to begin."""
    return (
        "سلام! 👋\n"
        "من به سؤال‌های شما درباره این گزارش پاسخ می‌دهم:\n"
        f"<b>«{escape(article.title)}»</b>\n"
        f"منبع: خبرگزاری {escape(article.source)}\n\n"
        "پاسخ‌هایم فقط از متن همین گزارش است. سؤالتان را بنویسید یا یکی از این‌ها را بزنید:"
    )


def help_text(bot_username: str | None, *, admin: bool = False) -> str:
    """The /help text: how to ask, and the commands."""
    mention = f"@{escape(bot_username)}" if bot_username else "نام ربات"
    lines = [
        "<b>راهنما</b>",
        "• سؤالتان را درباره این گزارش بنویسید؛ رسمی یا محاوره‌ای فرقی نمی‌کند («فروزان کیست؟» یا «فروزان کیه؟»).",
        "• با حروف لاتین (فینگلیش) یا به انگلیسی هم می‌شود پرسید: «forouzan kie» یا «Who is Forouzan?».",
        "• چند سؤال را می‌توانید در یک پیام بپرسید؛ با «؟» یا خط تازه جدایشان کنید.",
        f"• در گروه‌ها مرا با {mention} صدا بزنید، به پیامم پاسخ دهید یا بنویسید /ask و سؤال.",
        f"• در هر گفت‌وگوی دیگری هم می‌توانید بنویسید {mention} و سؤال (حالت inline).",
        "",
        "<b>دستورها</b>",
        *(f"/{name} — {escape(description)}" for name, description in USER_COMMANDS),
    ]
    if admin:
        lines += [
            "",
            "<b>دستورهای مدیر</b>",
            *(f"/{name} — {escape(description)}" for name, description in ADMIN_COMMANDS),
            "• فرستادن فایل ‎.yaml جدول — جایگزینی جدول پس از بررسی",
        ]
    return "\n".join(lines)


def article_text(article: Article) -> str:
    """/article: the title, the source and the whole text, escaped."""
    return (
        f"<b>{escape(article.title)}</b>\n"
        f"منبع: خبرگزاری {escape(article.source)}\n\n"
        f"{escape(article.full_text())}"
    )


def questions_page(page: int, pages: int, total: int) -> str:
    """The header of one /questions page."""
    return (
        f"<b>سؤال‌هایی که از این گزارش پاسخ می‌دهم</b> ({total} سؤال)\n"
        f"صفحه {page + 1} از {pages} — روی هر سؤال بزنید تا پاسخش را ببینید."
    )


def page_label(page: int, pages: int) -> str:
    return f"{page + 1}/{pages}"
