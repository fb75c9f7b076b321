"""Persian texts the Telegram bot sends besides the engine's answers (HTML-safe).

Numbers in the bot's own Persian texts are written with Persian digits (``fa_digits``);
the article's title is always the display form's (``Presentation.title``), so it is
spelled one way everywhere.
"""

from __future__ import annotations

from html import escape

from bot.article import Article
from bot.display import display_article, fa_digits

# (command, description) pairs for the command menu, in menu order; Persian, then English.
USER_COMMANDS = (
    ("start", "شروع و چند سؤال نمونه"),
    ("help", "راهنمای پرسیدن"),
    ("article", "متن کامل گزارش"),
    ("questions", "سؤال‌هایی که پاسخ می‌دهم، موضوع به موضوع"),
    ("ask", "پرسیدن سؤال (به‌ویژه در گروه‌ها)"),
)
ADMIN_COMMANDS = (
    ("reload", "بارگذاری دوباره جدول پرسش و پاسخ"),
    ("stats", "آمار پرسش‌ها"),
    ("history", "نسخه‌های جدول پرسش و پاسخ"),
    ("undo", "برگشت به نسخهٔ قبلی جدول"),
)
USER_COMMANDS_EN = (
    ("start", "Start, with a few sample questions"),
    ("help", "How to ask"),
    ("article", "The whole article (Persian)"),
    ("questions", "The questions I answer, by topic"),
    ("ask", "Ask a question (handy in groups)"),
)
ADMIN_COMMANDS_EN = (
    ("reload", "Reload the Q&A table"),
    ("stats", "Question statistics"),
    ("history", "Versions of the Q&A table"),
    ("undo", "Go back to the previous table version"),
)

# The bot's profile: the description (shown before a user starts the bot, ≤ 512
# characters) and the short description (its profile page and shared links, ≤ 120).
DESCRIPTION = (
    "این ربات به سؤال‌های شما درباره گفت‌وگوی خبرگزاری مهر با حامد فروزان، مدیرکل امور بین‌الملل "
    "وزارت تعاون، کار و رفاه اجتماعی، پاسخ می‌دهد؛ هر پاسخ عین جمله‌های همین گزارش است.\n\n"
    "فارسی (رسمی یا محاوره‌ای)، فینگلیش یا انگلیسی بپرسید؛ مثلاً «فروزان کیست؟»."
)
SHORT_DESCRIPTION = "پاسخ به سؤال‌های شما از متن گفت‌وگوی مهر با حامد فروزان؛ فقط از متن خود گزارش."
DESCRIPTION_EN = (
    "Ask me about Mehr News Agency's interview with Hamed Forouzan, director-general of international "
    "affairs at Iran's Ministry of Cooperatives, Labour and Social Welfare. Every answer quotes the "
    'article itself (in Persian). Ask in Persian, Finglish or English, e.g. "Who is Forouzan?".'
)
SHORT_DESCRIPTION_EN = "Answers about Mehr's interview with Hamed Forouzan, quoted from the article itself."

SLOW_DOWN = "پیام‌هایتان خیلی پشت سر هم می‌رسد 🙏 لطفاً چند ثانیه صبر کنید و بعد دوباره بپرسید."
ASK_HINT = "سؤالتان را بعد از دستور بنویسید، مثلاً:\n/ask فروزان کیست؟"
MENTION_HINT = "بله؟ سؤالتان را درباره این گزارش بنویسید؛ مثلاً: «فروزان کیست؟»"
UNKNOWN_COMMAND = "این دستور را نمی‌شناسم. برای دیدن دستورها /help را بزنید."
ADMIN_PRIVATE_ONLY = "دستورهای مدیریتی فقط در گفت‌وگوی خصوصی با ربات کار می‌کنند."
NOT_ADMIN = "این دستور فقط برای مدیران ربات است."
ERROR = "متأسفم، در پاسخ به این پیام مشکلی پیش آمد. لطفاً کمی بعد دوباره امتحان کنید."
STALE_BUTTON = "این پرسش دیگر در فهرست نیست؛ فهرست تازه را با /questions ببینید."
STALE_LINK = "این پیوند به پرسشی اشاره می‌کند که دیگر در فهرست نیست؛ فهرست تازه را با /questions ببینید."
FEEDBACK_TOAST = "ممنون از نظرتان! 🙏"
FEEDBACK_ALREADY = "نظرتان دربارهٔ این پاسخ قبلاً ثبت شده است."
FEEDBACK_NOT_YOURS = "فقط کسی که این سؤال را پرسیده می‌تواند به پاسخش نظر بدهد."
FEEDBACK_STALE = "این دکمه دیگر معتبر نیست."
FEEDBACK_DONE = "✅ بازخوردتان ثبت شد"
FEEDBACK_UP = "👍 مفید بود"
FEEDBACK_DOWN = "👎 مفید نبود"
FULL_PARAGRAPH = "📄 متن کامل بند"
SHARE = "↗️ ارسال برای دیگران"
RELATED_MARK = "🔎 "
TOPIC_MARK = "📂 "
# Right-to-left: «قبلی» points right (back), «بعدی» points left (on), and «بعدی» comes
# first in the row, so on the screen the buttons read right to left like the text.
PREVIOUS = "▶️ قبلی"
NEXT = "بعدی ◀️"
TOPICS = "🗂 همه موضوع‌ها"
NOT_ANY = "هیچ‌کدام"
NONE_NOTE = (
    "ممنون که گفتید. 🙏 پس پاسخ این پرسش در این گزارش نیامده است؛ من فقط از متن همین گفت‌وگو پاسخ می‌دهم.\n"
    "می‌توانید پرسش را جور دیگری بنویسید یا فهرست پرسش‌ها را با /questions ببینید."
)
UPLOAD_NOT_YAML = "فقط فایل جدول با پسوند .yaml یا .yml پذیرفته می‌شود."
UPLOAD_TOO_BIG = "این فایل بزرگ‌تر از ۱ مگابایت است؛ جدول پرسش و پاسخ باید کوچک‌تر باشد."
UPLOAD_FAILED = "دریافت فایل از تلگرام ممکن نشد؛ لطفاً دوباره بفرستید."


def title(article: Article) -> str:
    """The article's title, spelled as everywhere else (its display form)."""
    return display_article(article).title


def start(article: Article) -> str:
    """The /start greeting: what the bot knows and how to begin."""
    return (
        "سلام! 👋\n"
        "من به سؤال‌های شما درباره این گزارش پاسخ می‌دهم:\n"
        f"<b>«{escape(title(article))}»</b>\n"
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
        f"• در هر گفت‌وگوی دیگری هم می‌توانید بنویسید {mention} و سؤال (حالت inline)؛ دکمه «{SHARE}» زیر هر پاسخ همین کار را می‌کند.",
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
    """/article: the title once (bold), each sub-heading bold, the paragraphs, the source once."""
    shown = display_article(article)
    blocks = [f"<b>{escape(shown.title)}</b>"]
    for passage in article.blocks:
        text = escape(shown.passage(passage.id) or passage.text)
        if passage.kind == "title":
            continue
        if passage.kind == "heading":
            blocks.append(f"<b>{text}</b>")
        elif passage.kind == "source":
            continue
        else:
            blocks.append(text)
    blocks.append(f"منبع: خبرگزاری {escape(article.source)}")
    return "\n\n".join(blocks)


def topics_page(topics: int, questions: int) -> str:
    """The first /questions page: the list of topics."""
    return (
        "<b>سؤال‌هایی که از این گزارش پاسخ می‌دهم</b>\n"
        f"{fa_digits(str(questions))} سؤال در {fa_digits(str(topics))} موضوع — یک موضوع را بزنید:"
    )


def topic_page(name: str, number: int, topics: int) -> str:
    """The header of one topic's page (``number`` is 1-based)."""
    return (
        f"<b>{escape(name)}</b> (موضوع {fa_digits(str(number))} از {fa_digits(str(topics))})\n"
        "روی هر سؤال بزنید تا پاسخش را ببینید."
    )


def topic_button(name: str, count: int) -> str:
    return f"{TOPIC_MARK}{name} ({fa_digits(str(count))})"
