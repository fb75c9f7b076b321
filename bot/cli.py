"""The ``bot`` command line: ask, check, eval, chat, run, bench.

Each sub-command is a small function; heavy imports (Telegram, the benchmark) happen
inside the command that needs them, so ``bot ask`` starts fast.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bot import envfile, health, paths

if TYPE_CHECKING:
    from bot.engine import Answer, Engine

Registrar = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]


def _load_or_exit(article: Path, table: Path) -> Engine:
    from bot.engine import load_engine

    engine, problems = load_engine(article, table)
    if engine is None:
        for p in problems:
            print(p, file=sys.stderr)
        print(
            f"cannot answer: the problems above must be fixed first (run `bot check`; table: {table})", file=sys.stderr
        )
        raise SystemExit(2)
    return engine


def reply_text(engine: Engine, answer: Answer) -> str:
    """A reply as ``bot ask`` prints it: the Telegram text, with what Telegram shows on
    buttons (suggestions, the questions nearest to a declined one) listed as text."""
    from bot.render import offers, render_plain

    return render_plain(answer, engine.article, offers(engine, answer), table=engine.table)


def cmd_ask(args: argparse.Namespace) -> int:
    """Print replies as a Telegram user reads them; --jsonl for scripts."""
    engine = _load_or_exit(args.article, args.table)
    if not args.jsonl:
        if not args.question:
            print('usage: bot ask "QUESTION"  (or: bot ask --jsonl < questions.txt)', file=sys.stderr)
            return 2
        question = " ".join(args.question)
        answer = engine.answer(question)
        print(reply_text(engine, answer))
        return 0
    out = sys.stdout
    for line in sys.stdin:
        question = line.rstrip("\r\n")
        answer = engine.answer(question)
        record = {
            "question": question,
            "reply": reply_text(engine, answer),
            "found": answer.found,
            "entry": answer.entry,
            "score": round(answer.score, 2),
            "suggestions": list(answer.suggestions),
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Validate the language data, then the table against the article; exit 1 on any error."""
    from bot.article import load_article
    from bot.language import SPECS, check_language, load_language
    from bot.normalize import PersianNormalizer
    from bot.persian_lexicon import PersianLexicon
    from bot.table import load_table

    lang_problems = check_language()
    for problem in lang_problems:
        print(problem)
    if lang_problems:
        print(f"language data: {len(lang_problems)} error(s); nothing can be answered until they are fixed")
        return 1
    language = load_language()
    print(f"{language.root}: OK — {len(SPECS)} language files, {sum(len(v) for v in language.files.values())} lines")
    try:
        article = load_article(args.article)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        print(f"{args.article}:0: error: cannot read the article: {exc}")
        return 1
    table = load_table(args.table, article, PersianNormalizer(language=PersianLexicon.from_data(language)).normalize)
    for problem in table.problems:
        print(problem)
    errors = len(table.errors)
    if errors:
        print(f"{args.table}: {errors} error(s); the table is not valid")
        return 1
    phrasings = sum(len(e.questions) + len(e.english) for e in table.entries)
    print(
        f"{args.table}: OK — {len(table.facts)} fact entries, {len(table.entries) - len(table.facts)} small-talk entries, "
        f"{phrasings} phrasings, checked against {len(article.passages)} passages of {args.article.name}"
    )
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """Score the engine on one or more question sets; a summary line per set at the end.
    Each set's report ends with the median length of the replies to its single in-scope
    questions (``bot.replylength``)."""
    from bot.evaluation import evaluate, format_report, load_cases, summary_line
    from bot.replylength import reply_lengths

    engine = _load_or_exit(args.article, args.table)
    try:
        sets = [(path, load_cases(path)) for path in args.devset]
    except (OSError, ValueError) as exc:
        print(exc, file=sys.stderr)
        return 2
    reports = []
    for path, cases in sets:
        report = evaluate(engine, cases, name=str(path))
        reports.append(report)
        if len(sets) > 1:
            print(f"== {path}")
        print(format_report(report, show_misses=not args.quiet))
        print(reply_lengths(engine, cases).line())
        print()
    for report in reports:
        print(summary_line(report))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bot", description="Answers questions about one Persian news article.")
    parser.add_argument("--article", type=Path, default=None, help="article file (default: the one under seeds/)")
    parser.add_argument("--table", type=Path, default=None, help="Q&A table (default: data/qa.yaml)")
    parser.add_argument(
        "--lang", type=Path, default=None, help="language-data folder (default: $BOT_LANG, else the package's bot/lang)"
    )
    parser.add_argument(
        "--env-file",
        type=Path,
        default=None,
        help="settings to load first (default: ./.env when there is one); the environment's own values win",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    ask = sub.add_parser("ask", help="answer one question, or one per line with --jsonl")
    ask.add_argument("question", nargs="*")
    ask.add_argument("--jsonl", action="store_true", help="read questions from stdin, write JSON lines")
    ask.set_defaults(func=cmd_ask)

    check = sub.add_parser("check", help="validate the Q&A table against the article")
    check.set_defaults(func=cmd_check)

    ev = sub.add_parser("eval", help="score the engine on question sets (default: the development set)")
    ev.add_argument(
        "--devset", type=Path, action="append", default=None, help="a question set (TSV); repeat for several"
    )
    ev.add_argument("--quiet", action="store_true", help="do not list the misses")
    ev.set_defaults(func=cmd_eval)

    health.register(sub)
    for register in _EXTRA_COMMANDS:
        register(sub)
    return parser


def _register_later_commands() -> list[Registrar]:
    """Sub-commands living in their own modules (Telegram, harness, benchmark)."""
    registrars = []
    for module in ("bot.telegram.commands", "bot.bench.commands"):
        try:
            mod = __import__(module, fromlist=["register"])
        except ModuleNotFoundError as exc:
            if exc.name and module.startswith(exc.name):
                continue
            raise
        registrars.append(mod.register)
    return registrars


_EXTRA_COMMANDS: list[Registrar] = []


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``bot`` console script."""
    _EXTRA_COMMANDS[:] = _register_later_commands()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        envfile.load(args.env_file)
    except envfile.EnvFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.lang:
        os.environ["BOT_LANG"] = str(args.lang)  # read by bot.language, here and in sub-processes
    args.article = args.article or paths.article_path()
    args.table = args.table or paths.table_path()
    if getattr(args, "devset", "missing") is None:
        args.devset = [paths.devset_path()] if args.command == "eval" else paths.devset_path()
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
