"""Admin texts in Persian: every table problem translated, with its file:line; entries
named by label beside their id; Persian digits."""

from __future__ import annotations

import re
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot import paths
from bot.admin_text import _MESSAGES, message_fa, problem_line, template_of
from bot.article import load_article
from bot.normalize import PersianNormalizer
from bot.querylog import SqliteQueryLog as QueryLog  # the SQLite backend
from bot.table import Problem, load_table, parse_table
from bot.telegram.harness import Harness

ADMIN = 4242
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# One table per kind of problem the validator reports.
BROKEN = [
    b"entries: [\n  - id: x\n",
    b"",
    b"- a\n",
    b"entries: 5\n",
    b"entries: []\nextra: 1\n",
    b"smalltalk: []\n",
    b"entries:\n  - 5\n",
    b"entries:\n  - id: x\n    pasage: p1\n    passage: p1\n    passage: p2\n",
    b"entries:\n  - id: x\n    passage: p1\n",
    b"entries:\n  - id: x\n    passage: [p1]\n    answer: ''\n    questions: q\n",
    b"entries:\n  - id: x\n    passage: p1\n    answer: x\n    questions: [null, '']\n    english: 3\n",
    b"entries: []\nsynonyms: 3\n",
    "entries: []\nsynonyms:\n  - [تشکیل]\n  - [تأسیس, '']\n  - [ایجاد, تأسیس]\n".encode(),
    b"topics: 3\nentries: []\n",
    b"topics: ['', a, a]\nentries: []\n",
    "entries:\n  - id: x\n    passage: p3.s1\n    answer: '۱۳۹۰'\n    label: [a]\n    topic: ''\n    items: 3\n    questions: [q]\n".encode(),
    "entries:\n  - id: x\n    passage: p3.s1\n    answer: '۱۳۹۰'\n    items: [null]\n    questions: [q]\n".encode(),
    "entries:\n  - id: x\n    passage: p3.s1\n    answer: 'وزارت تعاون'\n    items: [یونیسف, تعاون]\n    questions: [q]\n".encode(),
    "entries:\n  - id: x\n    passage: p3.s1\n    answer: 'وزارت تعاون'\n    items: [وزارت, ۱۳۹۰]\n    questions: [q]\n".encode(),
    "entries:\n  - id: x\n    passage: p3.s1\n    answer: 'وزارت تعاون'\n    items: [تعاون, وزارت]\n    questions: [q]\n".encode(),
    "entries:\n  - id: x\n    passage: p3.s1\n    answer: 'وزارت تعاون'\n    items: [تعاون]\n    questions: [q]\n".encode(),
    (
        "topics: [وزارت]\nentries:\n"
        "  - id: a\n    passage: p3.s1\n    answer: '۱۳۹۰'\n    label: در دستور ک…\n    topic: چالش\n    questions: [q]\n"
        "  - id: b\n    passage: p3.s1\n    answer: '۱۳۹۰'\n    label: وزارت تعاون، کار و رفاه اجتماعی و دیگران\n    questions: [qq]\n"
        "  - id: c\n    passage: p3.s1\n    answer: '۱۳۹۰'\n    label: در  دستور ک…\n    topic: وزارت\n    questions: [qqq]\n"
        "  - id: d\n    passage: p3.s1\n    answer: '۱۳۹۰'\n    questions: [qqqq]\n"
    ).encode(),
    b"entries:\n  - id: x\n    passage: p3.s1\n    answer: x\n    questions: [q]\n",
    b"\xff\xfe",
]


def all_problems() -> list[Problem]:
    article = load_article(paths.article_path())
    normalize = PersianNormalizer().normalize
    problems: list[Problem] = []
    for raw in BROKEN:
        problems += parse_table(raw, "t.yaml", article, normalize).problems
    problems += load_table(FIXTURES / "broken_table.yaml", article, normalize).problems
    problems += load_table(FIXTURES / "no_such_file.yaml", article, normalize).problems
    # the store's own problems (bot/store.py), worded as it words them
    problems += [
        Problem("seeds/a.txt", 0, "cannot read the article: [Errno 2] No such file or directory"),
        Problem("qa.yaml", 0, "cannot build the engine: ValueError: boom"),
        Problem("data/qa.yaml", 0, "cannot write the table: Read-only file system"),
    ]
    return problems


def test_every_problem_the_validator_reports_has_a_persian_text() -> None:
    problems = all_problems()
    untranslated = [p.message for p in problems if message_fa(p.message) is None]
    assert untranslated == []
    kinds = {template_of(p.message) for p in problems}
    assert [t for _, t in _MESSAGES if t not in kinds] == []  # the battery reaches every kind of problem
    for p in problems:
        template = re.sub(
            r"\{\w+\}|\b(entries|smalltalk|synonyms|topics|id|questions|passage|answer|reply|items|YAML|UTF)\b",
            "",
            template_of(p.message) or "",
        )
        letters = [ch for ch in template if ch.isalpha()]
        assert sum(ch.isascii() for ch in letters) < len(letters) / 2, (
            p.message,
            template,
        )  # Persian (YAML keys aside)
    yaml = message_fa("malformed YAML: mapping values are not allowed here") or ""
    assert yaml.startswith("ساختار YAML خراب است") and "mapping" not in yaml


def test_a_problem_line_keeps_file_and_line_and_names_the_entry() -> None:
    line = problem_line("data/qa.yaml", 12, "entry 'ilo': unknown passage id 'p99'")
    assert line == "\u200f• data/qa.yaml:12: خطا: مدخل ilo: بندی با شناسهٔ «p99» در متن خبر نیست"
    warn = problem_line(
        "qa.yaml", 3, "entry 'a' has no label; its buttons show its first question, shortened", "warning"
    )
    assert "qa.yaml:3: هشدار: مدخل a: برچسب ندارد" in warn
    assert "۴۳ نویسه" in (
        message_fa("entry 'x': the label «a» is 43 characters long; at most 32 fit on a button") or ""
    )


# -- through the bot ----------------------------------------------------------------------------------


@pytest.fixture
async def admin_bot(tmp_path: Path) -> AsyncIterator[tuple[Harness, Path]]:
    article, table = tmp_path / "article.txt", tmp_path / "qa.yaml"
    shutil.copy(paths.article_path(), article)
    shutil.copy(paths.table_path(), table)
    async with Harness(
        article=article, table=table, querylog=QueryLog(tmp_path / "q.sqlite3"), admin_ids={ADMIN}
    ) as bot:
        yield bot, table


async def test_an_uploaded_table_with_errors_is_refused_in_persian_with_file_and_line(
    admin_bot: tuple[Harness, Path],
) -> None:
    bot, table = admin_bot
    text = table.read_text(encoding="utf-8")
    broken = text.replace("    label: یونیسف\n", "    label: یونیسف و صندوق جمعیت و سازمان ملل متحد و دیگران\n", 1)
    line = broken[: broken.index("یونیسف و صندوق")].count("\n") + 1

    calls = await bot.send_document(broken.encode("utf-8"), "mine.yaml", user_id=ADMIN)

    plain = calls.plain
    assert "❌ جدول تغییر نکرد" in plain
    assert f"mine.yaml:{line}: خطا: مدخل unicef: برچسب «یونیسف و صندوق جمعیت و سازمان ملل متحد و دیگران»" in plain
    assert "characters" not in plain and "entry" not in plain


async def test_a_reload_names_the_changed_entries_by_label_beside_their_id(admin_bot: tuple[Harness, Path]) -> None:
    bot, table = admin_bot
    text = table.read_text(encoding="utf-8")
    table.write_text(
        text.replace("      - ILO چیست؟\n", "      - ILO چیست؟\n      - آی ال او کجاست و چه می کند؟\n", 1),
        encoding="utf-8",
    )

    calls = await bot.send_text("/reload", user_id=ADMIN)

    assert "✅ جدول بارگذاری شد" in calls.plain
    assert "تغییریافته (۱): «سازمان بین‌المللی کار» (ilo)" in calls.plain
    assert not any(ch.isdigit() and ch.isascii() for ch in calls.plain)
