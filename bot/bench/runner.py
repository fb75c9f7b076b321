"""Runs every measurement of ``bot bench`` once, in order, and collects the figures."""

from __future__ import annotations

import platform
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bot.bench import endtoend, latency, pgcluster, quality, startup
from bot.bench.endtoend import EndToEnd
from bot.bench.latency import Growth
from bot.bench.quality import SystemScore
from bot.bench.startup import ColdStart
from bot.bench.timing import Stats
from bot.engine import Engine
from bot.evaluation import Case


@dataclass(frozen=True, slots=True)
class Plan:
    """How much of each measurement to do."""

    mode: str
    latency_passes: int  # passes over the dev set on the real table (fresh engine each)
    factors: tuple[int, ...]  # synthetic table sizes, × the real one
    samples: dict[int, int]  # factor → at most this many dev questions timed
    cold_runs: int
    reload_runs: int
    burst: int
    steady_rate: float
    steady_seconds: float
    end_to_end: bool = True
    only_quality: bool = False  # the answer-quality comparison alone (``bot bench --quality``)


FULL = Plan("full", 5, (10, 100, 1000), {100: 150, 1000: 30}, 5, 10, 1000, 50.0, 10.0)
# Meant to take under a minute; generating and indexing the 100× table is half of it.
QUICK = Plan("quick", 1, (100,), {100: 20}, 2, 2, 200, 50.0, 3.0)
QUALITY = Plan("quality", 0, (), {}, 0, 0, 0, 0.0, 0.0, end_to_end=False, only_quality=True)


@dataclass(slots=True)
class Results:
    """Every figure of one run; None where a measurement failed (see ``errors``)."""

    plan: Plan
    started: str
    table: dict[str, object]
    seconds: float = 0.0
    systems: list[SystemScore] = field(default_factory=list)
    sweep: dict[str, object] = field(default_factory=dict)
    real_latency: Stats | None = None
    growth: list[Growth] = field(default_factory=list)
    cold: ColdStart | None = None
    reload: Stats | None = None
    rss_mb: float | None = None
    e2e: EndToEnd | None = None
    e2e_postgres: EndToEnd | None = None  # the same run with BOT_DB on PostgreSQL (``--postgres``)
    errors: dict[str, str] = field(default_factory=dict)
    section_seconds: dict[str, float] = field(default_factory=dict)


def run(
    plan: Plan,
    engine: Engine,
    cases: list[Case],
    article: Path,
    table: Path,
    devset: Path,
    say: Callable[[str], None] = lambda _: None,
    postgres: str | None = None,
) -> Results:
    """Measure everything the plan asks for; a failing section is recorded, not raised.
    ``postgres``: also run the end-to-end rows with the query log on PostgreSQL, at this
    URL, or (``"auto"``) on a throwaway cluster from the machine's binaries."""
    start = time.perf_counter()
    questions = [c.question for c in cases]
    results = Results(
        plan=plan,
        started=datetime.now(UTC).isoformat(timespec="seconds"),
        table={
            "path": str(table),
            "entries": len(engine.table.entries),
            "phrasings": sum(len(e.questions) + len(e.english) for e in engine.table.entries),
            "devset": str(devset),
            "devset_cases": len(cases),
            "python": platform.python_version(),
            "machine": f"{platform.system()} {platform.machine()}",
        },
    )

    def section(name: str, what: str, measure: Callable[[], None]) -> None:
        say(f"bench: {what}…")
        begin = time.perf_counter()
        try:
            measure()
        except Exception as exc:
            results.errors[name] = f"{type(exc).__name__}: {exc}"
            say("".join(traceback.format_exception_only(exc)).strip())
        results.section_seconds[name] = round(time.perf_counter() - begin, 2)

    def measure_quality() -> None:
        results.systems, results.sweep = quality.compare(engine, cases)

    def measure_real() -> None:
        results.real_latency = latency.real_table(engine, questions, plan.latency_passes)

    def measure_growth(factor: int) -> Callable[[], None]:
        return lambda: results.growth.append(latency.growth(engine, questions, factor, plan.samples.get(factor)))

    def measure_cold() -> None:
        results.cold = startup.cold_start(article, table, plan.cold_runs)

    def measure_reload() -> None:
        results.reload = Stats.of(startup.reload_seconds(article, table, plan.reload_runs))

    def measure_rss() -> None:
        results.rss_mb = startup.peak_rss_mb(article, table, devset)

    def measure_e2e() -> None:
        results.e2e = endtoend.run(article, table, questions, plan.burst, plan.steady_rate, plan.steady_seconds)

    def measure_e2e_postgres() -> None:
        def on(url: str) -> None:
            results.e2e_postgres = endtoend.run(
                article, table, questions, plan.burst, plan.steady_rate, plan.steady_seconds, db=url
            )

        if postgres != "auto":
            on(postgres or "")
            return
        with pgcluster.Cluster(fast=False) as cluster:  # PostgreSQL's own defaults: fsync, synchronous commit
            on(cluster.create_database("bench"))

    section("quality", f"answer quality of the engine and 4 baselines on {len(cases)} questions", measure_quality)
    if plan.only_quality:
        results.seconds = time.perf_counter() - start
        return results
    section("latency", f"match time on the real table ({plan.latency_passes} passes)", measure_real)
    for factor in plan.factors:
        section(f"growth_{factor}x", f"match time on a table {factor}× as large", measure_growth(factor))
    section("cold_start", f"cold start ({plan.cold_runs} fresh interpreters)", measure_cold)
    section("reload", f"reload ({plan.reload_runs} runs)", measure_reload)
    section("rss", "peak memory", measure_rss)
    if plan.end_to_end:
        section(
            "end_to_end",
            f"end to end: {plan.burst} questions at once, then {plan.steady_rate:g}/s for {plan.steady_seconds:g} s",
            measure_e2e,
        )
        if postgres:
            section(
                "end_to_end_postgres",
                "end to end again, the query log on PostgreSQL"
                + (" (a throwaway cluster)" if postgres == "auto" else ""),
                measure_e2e_postgres,
            )
    results.seconds = time.perf_counter() - start
    return results


def stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
