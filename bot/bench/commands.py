"""The ``bot bench`` sub-command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``bot bench`` to the ``bot`` command line."""
    p = subparsers.add_parser(
        "bench",
        help="measure answer quality against baselines, speed, start-up, memory and end-to-end throughput",
    )
    p.add_argument(
        "--quick",
        action="store_true",
        help="under a minute: fewer repetitions, only the 100× table, a 200-question burst",
    )
    p.add_argument(
        "--json",
        type=Path,
        default=Path("bench-results.json"),
        help="where to write the figures (default: %(default)s)",
    )
    p.add_argument(
        "--devset",
        type=Path,
        default=None,
        help="the question set for the quality comparison (default: data/devset.tsv)",
    )
    p.add_argument(
        "--quality",
        action="store_true",
        help="only the answer-quality comparison (engine vs the baselines) on --devset",
    )
    p.add_argument("--no-end-to-end", action="store_true", help="skip the run of the real bot against the stand-in")
    p.add_argument(
        "--postgres",
        nargs="?",
        const="auto",
        default=None,
        metavar="URL",
        help="run the end-to-end rows again with BOT_DB on PostgreSQL: at URL, or without one on a throwaway "
        "cluster from this machine's PostgreSQL binaries",
    )
    p.set_defaults(func=cmd_bench)


def cmd_bench(args: argparse.Namespace) -> int:
    """Run every measurement once, print the table, write the JSON; 1 if a measurement failed."""
    from dataclasses import replace

    from bot.bench import report, runner
    from bot.engine import load_engine
    from bot.evaluation import load_cases

    engine, problems = load_engine(args.article, args.table)
    if engine is None:
        for p in problems:
            print(p, file=sys.stderr)
        return 2
    try:
        cases = load_cases(args.devset)
    except (OSError, ValueError) as exc:
        print(exc, file=sys.stderr)
        return 2
    plan = runner.QUALITY if args.quality else runner.QUICK if args.quick else runner.FULL
    if args.no_end_to_end:
        plan = replace(plan, end_to_end=False)
    postgres = None if args.no_end_to_end or not plan.end_to_end else args.postgres
    results = runner.run(
        plan, engine, cases, args.article, args.table, args.devset, say=runner.stderr, postgres=postgres
    )
    print(report.format_table(results))
    report.write_json(results, args.json)
    print(f"\nfigures written to {args.json}")
    return 1 if results.errors else 0
