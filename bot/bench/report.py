"""The figures of a ``bot bench`` run as a printed table and as JSON, with targets."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from bot.bench.endtoend import EndToEnd
from bot.bench.quality import SystemScore
from bot.bench.runner import Results
from bot.bench.timing import Stats


@dataclass(frozen=True, slots=True)
class Target:
    """A figure and the bound it should meet."""

    name: str
    value: float | None
    bound: float
    unit: str
    at_least: bool = False  # True: value ≥ bound passes; else value ≤ bound

    @property
    def verdict(self) -> str:
        if self.value is None:
            return "N/A"
        ok = self.value >= self.bound if self.at_least else self.value <= self.bound
        return "PASS" if ok else "MISS"

    def label(self) -> str:
        return f"{'≥' if self.at_least else '≤'} {self.bound:g} {self.unit}".strip()

    def as_json(self) -> dict[str, object]:
        return {**asdict(self), "verdict": self.verdict}


def postgres_target(value: float | None) -> Target:
    return Target("end to end on PostgreSQL, burst rate below SQLite's", value, 10, "%")


def best_baseline(systems: list[SystemScore]) -> SystemScore | None:
    """The baseline with the highest combined accuracy."""
    others = [s for s in systems if s.name != "engine"]
    return max(others, key=lambda s: s.combined_pct, default=None)


def lead_points(systems: list[SystemScore]) -> float | None:
    """Combined-accuracy points of the engine above the best baseline."""
    engine = next((s for s in systems if s.name == "engine"), None)
    best = best_baseline(systems)
    return None if engine is None or best is None else engine.combined_pct - best.combined_pct


def postgres_slowdown_pct(r: Results) -> float | None:
    """How much lower the burst's answering rate is with the query log on PostgreSQL (%; negative: faster)."""
    sqlite = r.e2e.replies_per_second if r.e2e else None
    postgres = r.e2e_postgres.replies_per_second if r.e2e_postgres else None
    return None if not sqlite or postgres is None else 100 * (sqlite - postgres) / sqlite


def targets(r: Results) -> list[Target]:
    by_factor = {g.factor: g for g in r.growth}
    e2e = r.e2e
    steady = e2e.steady_latency if e2e else None
    compared = [postgres_target(postgres_slowdown_pct(r))] if r.e2e_postgres else []
    return [
        Target("match p99, real table", r.real_latency.p99_ms if r.real_latency else None, 2, "ms"),
        Target("match p99, 100× table", by_factor[100].latency.p99_ms if 100 in by_factor else None, 20, "ms"),
        Target("cold start (import+load+index)", r.cold.total_s if r.cold else None, 1.5, "s"),
        Target("reload (median)", r.reload.median_ms if r.reload else None, 200, "ms"),
        Target("peak RSS, engine + dev set", r.rss_mb, 150, "MB"),
        Target("peak RSS, bot process under load", e2e.bot_peak_rss_mb if e2e else None, 150, "MB"),
        Target("end to end, burst", e2e.replies_per_second if e2e else None, 150, "replies/s", at_least=True),
        Target(f"end to end, p95 at {r.plan.steady_rate:g}/s", steady.p95_ms if steady else None, 50, "ms"),
        Target("accuracy lead over best baseline", lead_points(r.systems), 25, "points", at_least=True),
        *compared,
    ]


def to_json(r: Results) -> dict[str, object]:
    best = best_baseline(r.systems)
    lead = lead_points(r.systems)
    return {
        "meta": {
            "mode": r.plan.mode,
            "started": r.started,
            "seconds": round(r.seconds, 2),
            **r.table,
            "plan": asdict(r.plan),
        },
        "quality": {
            "systems": [s.as_json() for s in r.systems],
            "best_baseline": best.name if best else None,
            "lead_points_combined": None if lead is None else round(lead, 2),
            **r.sweep,
        },
        "latency": {
            "real_table": r.real_latency.as_json() if r.real_latency else None,
            "real_table_passes": r.plan.latency_passes,
            "growth": [g.as_json() for g in r.growth],
        },
        "startup": {
            "cold_start": r.cold.as_json() if r.cold else None,
            "reload": r.reload.as_json() if r.reload else None,
            "peak_rss_mb": None if r.rss_mb is None else round(r.rss_mb, 1),
        },
        "end_to_end": r.e2e.as_json() if r.e2e else None,
        "end_to_end_postgres": r.e2e_postgres.as_json() if r.e2e_postgres else None,
        "postgres_slowdown_pct": None if (d := postgres_slowdown_pct(r)) is None else round(d, 1),
        "targets": [t.as_json() for t in targets(r)],
        "errors": r.errors,
        "section_seconds": r.section_seconds,
    }


def write_json(r: Results, path: Path) -> None:
    path.write_text(json.dumps(to_json(r), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def format_table(r: Results) -> str:
    """The human-readable report."""
    verdicts = {x.name: x for x in targets(r)}

    def verdict(name: str) -> str:
        x = verdicts[name]
        return f"target {x.label():<14} {x.verdict}"

    if r.plan.only_quality:
        out = _quality(r, verdict)
        if r.errors:
            out += ["", "Measurements that failed:", *(f"  {name}: {why}" for name, why in r.errors.items())]
        return "\n".join([*out, "", f"quality run in {r.seconds:.0f} s"])
    out = [*_quality(r, verdict), "", *_latency(r, verdict), "", *_startup(r, verdict)]
    if r.e2e:
        out += ["", *_end_to_end(r.e2e, r.plan.steady_rate, verdict)]
    if r.e2e_postgres:
        out += ["", *_end_to_end_postgres(r, verdict)]
    if r.errors:
        out += ["", "Measurements that failed:", *(f"  {name}: {why}" for name, why in r.errors.items())]
    misses = [x.name for x in verdicts.values() if x.verdict == "MISS"]
    met = sum(x.verdict == "PASS" for x in verdicts.values())
    out += [
        "",
        f"{r.plan.mode} run in {r.seconds:.0f} s: {met} targets met, {len(misses)} missed"
        + (": " + "; ".join(misses) if misses else ""),
    ]
    return "\n".join(out)


Verdict = Callable[[str], str]


def _quality(r: Results, verdict: Verdict) -> list[str]:
    out = [
        f"Answer quality — same table ({r.table['entries']} entries, {r.table['phrasings']} phrasings), "
        f"same {r.table['devset_cases']} questions of {Path(str(r.table['devset'])).name}",
        f"  {'system':<19}{'in scope':>9}{'declines':>10}{'combined':>10}{'median':>9}{'p99':>9}   how",
    ]
    for s in r.systems:
        out.append(
            f"  {s.name:<19}{s.in_scope_pct:>8.1f}%{s.out_of_scope_pct:>9.1f}%{s.combined_pct:>9.1f}%"
            f"{s.latency.median_ms:>7.2f}ms{s.latency.p99_ms:>7.2f}ms   {s.setting}"
        )
    best, lead = best_baseline(r.systems), lead_points(r.systems)
    if best is not None and lead is not None:
        out.append(
            f"  lead over the best baseline ({best.name}): {lead:+.1f} points combined   "
            + verdict("accuracy lead over best baseline")
        )
    sweep = r.sweep.get("wratio_sweep_combined_pct")
    if isinstance(sweep, dict):
        out.append("  WRatio cutoff sweep (combined %): " + ", ".join(f"{k}:{v:.1f}" for k, v in sweep.items()))
    return out


def _latency(r: Results, verdict: Verdict) -> list[str]:
    out = [
        "Match time per question (Engine.answer, uncached)",
        f"  {'table':<8}{'entries':>8}{'phrasings':>10}{'index s':>9}{'timed':>7}{'median':>10}{'p95':>10}{'p99':>10}",
    ]
    rows: list[tuple[str, object, object, str, Stats, str]] = []
    if r.real_latency:
        rows.append(
            ("real", r.table["entries"], r.table["phrasings"], "", r.real_latency, verdict("match p99, real table"))
        )
    for g in r.growth:
        tail = verdict("match p99, 100× table") if g.factor == 100 else ""
        rows.append((f"{g.factor}×", g.entries, g.phrasings, f"{g.build_seconds:.1f}", g.latency, tail))
    for name, entries, phrasings, index, s, tail in rows:
        out.append(
            f"  {name:<8}{entries:>8}{phrasings:>10}{index:>9}{s.count:>7}"
            f"{s.median_ms:>8.2f}ms{s.p95_ms:>8.2f}ms{s.p99_ms:>8.2f}ms   {tail}".rstrip()
        )
    return out


def _startup(r: Results, verdict: Verdict) -> list[str]:
    out = ["Start-up, reload, memory"]
    if r.cold:
        c = r.cold
        out.append(
            f"  cold start, median of {c.runs}: {c.total_s:.2f} s = import {c.import_s:.2f} + load {c.load_s:.2f}"
            f" + index {c.index_s:.2f} (whole process {c.process_s:.2f} s)   "
            + verdict("cold start (import+load+index)")
        )
    if r.reload:
        out.append(
            f"  reload (EngineStore.reload), median of {r.reload.count}: {r.reload.median_ms:.0f} ms"
            f" (max {r.reload.max_ms:.0f} ms)   " + verdict("reload (median)")
        )
    if r.rss_mb is not None:
        out.append(
            f"  peak RSS of a fresh process loading the engine and answering the dev set: {r.rss_mb:.0f} MB   "
            + verdict("peak RSS, engine + dev set")
        )
    return out


def _end_to_end_postgres(r: Results, verdict: Verdict) -> list[str]:
    e = r.e2e_postgres
    assert e is not None
    out = ["End to end, the query log on PostgreSQL (BOT_DB=postgresql://…; otherwise as above)"]
    rps = e.replies_per_second
    if rps is not None and e.burst_seconds is not None:
        out.append(
            f"  burst: {e.burst_questions} questions at once → {e.burst_replied} replies in {e.burst_seconds:.2f} s"
            f" = {rps:.0f} replies/s"
        )
    if e.steady_latency is not None:
        st = e.steady_latency
        out.append(
            f"  steady {e.steady_rate:g}/s × {e.steady_questions}: median {st.median_ms:.1f} ms, "
            f"p95 {st.p95_ms:.1f} ms, p99 {st.p99_ms:.1f} ms"
        )
    if e.bot_peak_rss_mb is not None:
        out.append(f"  peak RSS of the bot process: {e.bot_peak_rss_mb:.0f} MB")
    slowdown = postgres_slowdown_pct(r)
    if slowdown is not None:
        out.append(
            f"  burst rate {abs(slowdown):.1f}% {'below' if slowdown >= 0 else 'above'} SQLite's   "
            + verdict(postgres_target(None).name)
        )
    if e.error:
        out.append(f"  problem: {e.error}")
    return out


def _end_to_end(e: EndToEnd, rate: float, verdict: Verdict) -> list[str]:
    out = ["End to end (python -m bot run ↔ Bot API stand-in on 127.0.0.1; BOT_SEND_RATE=0: no 30 msg/s Telegram cap)"]
    rps = e.replies_per_second
    if rps is not None and e.burst_seconds is not None:
        out.append(
            f"  burst: {e.burst_questions} questions at once → {e.burst_replied} replies in {e.burst_seconds:.2f} s"
            f" = {rps:.0f} replies/s   " + verdict("end to end, burst")
        )
    st = e.steady_latency
    if st is not None:
        out.append(
            f"  steady {e.steady_rate:g}/s × {e.steady_questions}: question available → its sendMessage arrives:"
            f" median {st.median_ms:.1f} ms, p95 {st.p95_ms:.1f} ms, p99 {st.p99_ms:.1f} ms   "
            + verdict(f"end to end, p95 at {rate:g}/s")
        )
    if e.bot_peak_rss_mb is not None:
        out.append(
            f"  peak RSS of the bot process: {e.bot_peak_rss_mb:.0f} MB   "
            + verdict("peak RSS, bot process under load")
        )
    if e.error:
        out.append(f"  problem: {e.error}")
    return out
