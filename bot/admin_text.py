"""What the bot tells its admins, in Persian: table problems, reload summaries, /stats.

``bot check`` prints problems in English (``file:line: error: message``); an admin on
Telegram reads the same problems in Persian, still with ``file:line``, through
``problem_fa``. Entry ids are shown with their labels («سال تشکیل وزارتخانه»
(ministry_founded)), and numbers with Persian digits.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from bot.display import fa_digits
from bot.table import Problem

RLM = "\u200f"  # starts a line right to left even when it begins with a Latin file name
MAX_LISTED = 10
MAX_LINE = 300

# English problem messages (bot/table.py, bot/labels.py, bot/store.py) → Persian. The
# «entry 'x':» prefix is translated separately; {name} fields are copied over.
_ENTRY = re.compile(r"^entry '(?P<id>[^']*)'(?::)? (?P<rest>.*)$", re.DOTALL)
_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"unknown passage id '(?P<p>[^']*)'", "بندی با شناسهٔ «{p}» در متن خبر نیست"),
    (r"the short answer «(?P<a>.*)» is not inside passage (?P<p>\S+)", "پاسخ کوتاه «{a}» در بند {p} نیامده است"),
    (r"is empty: it has no questions", "خالی است: هیچ پرسشی ندارد"),
    (r"has no '(?P<k>[^']*)' list", "فهرست «{k}» را ندارد"),
    (r"has no '(?P<k>[^']*)'", "«{k}» را ندارد"),
    (r"'(?P<k>[^']*)' must be text", "«{k}» باید متن باشد"),
    (r"'(?P<k>[^']*)' is empty", "«{k}» خالی است"),
    (r"'items' must be a list of texts from the passage", "«items» باید فهرستی از تکه‌های همان بند باشد"),
    (r"'(?P<k>[^']*)' must be a list of texts", "«{k}» باید فهرستی از متن‌ها باشد"),
    (r"every item of '(?P<k>[^']*)' must be non-empty text", "هر مورد «{k}» باید متنی ناخالی باشد"),
    (r"'(?P<k>[^']*)' must be non-empty text", "«{k}» باید متنی ناخالی باشد"),
    (r"the list item «(?P<i>.*)» is not inside passage (?P<p>\S+)", "مورد فهرست «{i}» در بند {p} نیامده است"),
    (r"the list item «(?P<i>.*)» is not part of the short answer", "مورد فهرست «{i}» بخشی از پاسخ کوتاه نیست"),
    (r"the list item «(?P<i>.*)» is out of order.*", "مورد فهرست «{i}» جابه‌جاست؛ موردها را به ترتیب متن بنویسید"),
    (r"'items' needs at least two items.*", "«items» دست‌کم دو مورد لازم دارد (یا آن را ننویسید)"),
    (
        r"the label «(?P<l>.*)» is (?P<n>\d+) characters long; at most (?P<m>\d+) fit on a button",
        "برچسب «{l}» {n} نویسه است؛ روی دکمه حداکثر {m} نویسه جا می‌شود",
    ),
    (r"the label «(?P<l>.*)» is cut short.*", "برچسب «{l}» نیمه‌کاره است؛ واژه‌ها را کامل و بدون «…» بنویسید"),
    (
        r"the label «(?P<l>.*)» has (?:a word|words) that (?:is|are) not whole: (?P<w>.*)",
        "در برچسب «{l}» واژهٔ ناقص هست: {w}",
    ),
    (
        r"the label «(?P<l>.*)» is the same as the label of entry '(?P<o>[^']*)' \(line (?P<n>\d+)\).*",
        "برچسب «{l}» با برچسب مدخل {o} (خط {n}) یکی است؛ هر برچسب باید متفاوت باشد",
    ),
    (r"has no label; .*", "برچسب ندارد؛ دکمه‌هایش پرسش اولش را کوتاه‌شده نشان می‌دهند"),
    (r"has no topic; .*", "موضوع ندارد؛ در /questions در گروه آخر می‌آید"),
    (
        r"the topic «(?P<t>.*)» is not one of the 'topics' listed at the top",
        "موضوع «{t}» در فهرست topics بالای فایل نیست",
    ),
    (
        r"the phrasing «(?P<q>.*)» of entry '(?P<e>[^']*)' is the same, after normalisation, as one of entry '(?P<o>[^']*)'",
        "عبارت «{q}» در مدخل {e} پس از یکسان‌سازی با یکی از عبارت‌های مدخل {o} یکی است",
    ),
    (
        r"entry id '(?P<e>[^']*)' is used twice \(first at line (?P<n>\d+)\)",
        "شناسهٔ مدخل «{e}» دو بار آمده است (بار اول در خط {n})",
    ),
    (r"unknown key '(?P<k>[^']*)' \(allowed: (?P<a>.*)\)", "کلید ناشناختهٔ «{k}» (کلیدهای مجاز: {a})"),
    (r"key '(?P<k>[^']*)' is given twice", "کلید «{k}» دو بار آمده است"),
    (r"an entry must be a mapping with .*", "هر مدخل باید شامل id، questions و passage و answer (یا reply) باشد"),
    (r"the file is empty", "فایل خالی است"),
    (
        r"the top level must be a mapping.*",
        "بالاترین سطح فایل باید شامل entries (و در صورت نیاز smalltalk، synonyms و topics) باشد",
    ),
    (
        r"unknown top-level key '(?P<k>[^']*)'.*",
        "کلید ناشناختهٔ «{k}» در بالاترین سطح (مجاز: entries، smalltalk، synonyms، topics)",
    ),
    (r"missing the 'entries' list", "فهرست entries در فایل نیست"),
    (r"'(?P<s>[^']*)' must be a list of entries", "«{s}» باید فهرستی از مدخل‌ها باشد"),
    (
        r"'synonyms' must be a list of word lists.*",
        "«synonyms» باید فهرستی از گروه‌های واژه باشد، مثل [تشکیل, تأسیس, ایجاد]",
    ),
    (r"each synonym group must be a list of at least two words", "هر گروه مترادف دست‌کم دو واژه لازم دارد"),
    (r"a synonym must be non-empty text", "هر مترادف باید متنی ناخالی باشد"),
    (
        r"the synonym «(?P<w>.*)» is already in the group at line (?P<n>\d+)",
        "مترادف «{w}» پیش‌تر در گروه خط {n} آمده است",
    ),
    (r"'topics' must be a list of topic names.*", "«topics» باید فهرستی از نام موضوع‌ها باشد"),
    (r"every topic must be a non-empty name", "نام هر موضوع باید متنی ناخالی باشد"),
    (r"the topic «(?P<t>.*)» is listed twice", "موضوع «{t}» دو بار آمده است"),
    (r"the file is not valid UTF-8 text", "فایل، متن UTF-8 معتبر نیست"),
    (r"malformed YAML: (?P<d>.*)", "ساختار YAML خراب است ({d})"),
    (r"cannot read the file: (?P<d>.*)", "فایل خوانده نشد ({d})"),
    (r"cannot read the article: (?P<d>.*)", "متن خبر خوانده نشد ({d})"),
    (r"cannot build the engine: (?P<d>.*)", "ساختن موتور پاسخ ممکن نشد ({d})"),
    (r"cannot write the table: (?P<d>.*)", "نوشتن جدول ممکن نشد ({d})"),
)
# PyYAML's most common complaints, for the detail of «malformed YAML» (others stay as PyYAML words them).
_YAML_DETAILS: tuple[tuple[str, str], ...] = (
    (r"mapping values are not allowed here", '«:» در جای نادرست؛ متنی که «: » دارد باید در "…" باشد'),
    (r"found character '\\t' that cannot start any token", "نویسهٔ Tab مجاز نیست؛ با فاصله تورفتگی بدهید"),
    (r"found a tab character.*", "نویسهٔ Tab مجاز نیست؛ با فاصله تورفتگی بدهید"),
    (r"could not find expected ':'", "«:» پس از کلید پیدا نشد"),
    (r"did not find expected key", "تورفتگی این خط با خط‌های پیشین جور نیست"),
    (r"expected <block end>, but found .*", "تورفتگی این خط با خط‌های پیشین جور نیست"),
    (r"did not find expected '-' indicator", "تورفتگی فهرست («- ») درست نیست"),
    (r"expected the node content, but found .*", "جای یک مقدار خالی مانده یا فهرست ناتمام است"),
    (r"found unexpected end of stream", "فایل ناتمام تمام شده است (کروشه یا گیومه‌ای بسته نشده)"),
    (r"while scanning a quoted scalar.*|found unexpected end of stream.*", "گیومه‌ای بسته نشده است"),
)
_YAML_COMPILED = tuple((re.compile(f"^{p}$", re.DOTALL), t) for p, t in _YAML_DETAILS)
_COMPILED = tuple((re.compile(f"^{pattern}$", re.DOTALL), template) for pattern, template in _MESSAGES)
_DIGITS = {"n", "m"}  # fields that are counts or line numbers: Persian digits


def message_fa(message: str) -> str | None:
    """A problem message in Persian, or None when it has no translation yet."""
    found = _translate(message)
    return found[0] if found else None


def template_of(message: str) -> str | None:
    """The Persian template a message is translated with (which kind of problem it is)."""
    found = _translate(message)
    return found[1] if found else None


def _translate(message: str) -> tuple[str, str] | None:
    prefix = ""
    m = _ENTRY.match(message)
    if m and not message.startswith("entry id "):
        prefix, message = f"مدخل {m.group('id')}: ", m.group("rest")
    for pattern, template in _COMPILED:
        found = pattern.match(message)
        if found:
            fields = {k: fa_digits(v) if k in _DIGITS else v for k, v in found.groupdict().items()}
            if template.startswith("ساختار YAML") and "d" in fields:
                fields["d"] = next((t for p, t in _YAML_COMPILED if p.match(fields["d"])), fields["d"])
            return prefix + template.format(**fields), template
    return None


def problem_line(file: str, line: int, message: str, severity: str = "error") -> str:
    """One problem for an admin: where (``file:line``) and what, in Persian."""
    where = f"{file}:{line}" if line else file
    kind = "هشدار" if severity == "warning" else "خطا"
    text = message_fa(message) or message  # a message not translated yet is still shown
    line_text = f"{RLM}• {where}: {kind}: {text}"
    return line_text if len(line_text) <= MAX_LINE else line_text[: MAX_LINE - 1] + "…"


def problem_lines(problems: Sequence[Problem]) -> str:
    """Problems, the first ``MAX_LISTED`` of them, one a line."""
    lines = [problem_line(p.file, p.line, p.message, p.severity) for p in problems[:MAX_LISTED]]
    more = len(problems) - MAX_LISTED
    if more > 0:
        lines.append(f"… و {fa_digits(str(more))} مورد دیگر")
    return "\n".join(lines)


def entry_names(ids: Sequence[str], labels: Mapping[str, str], limit: int = 15) -> str:
    """«label» (id), … – ids with the labels admins know them by."""
    shown = [f"«{labels[i]}» ({i})" if labels.get(i) else i for i in ids[:limit]]
    more = len(ids) - limit
    return "، ".join(shown) + (f" و {fa_digits(str(more))} مورد دیگر" if more > 0 else "")
