"""``bot bench``: every figure is measured and written (never asserting timings)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from bot import paths
from bot.bench import baselines, report, runner
from bot.bench.quality import as_answer
from bot.bench.synthetic import scale_table, table_yaml
from bot.bench.timing import Stats, percentile
from bot.cli import main
from bot.engine import Engine
from bot.evaluation import is_right, load_cases
from bot.normalize import PersianNormalizer
from bot.table import parse_table

TINY = runner.Plan(
    mode="tiny",
    latency_passes=1,
    factors=(2,),
    samples={2: 5},
    cold_runs=1,
    reload_runs=1,
    burst=8,
    steady_rate=10.0,
    steady_seconds=0.5,
)
SYSTEMS = {"engine", "difflib", "chatterbot", "chatterbot+lowconf", "rapidfuzz-wratio"}


def _cases():
    """A small slice of the dev set with in-scope, out-of-scope and small-talk questions."""
    cases = load_cases(paths.devset_path())
    by_kind: dict[str, list] = {}
    for case in cases:
        by_kind.setdefault("smalltalk" if case.smalltalk else "in" if case.in_scope else "out", []).append(case)
    return [c for group in by_kind.values() for c in group[:6]]


def _figure(data: dict, path: str) -> object:
    node: object = data
    for key in path.split("."):
        assert isinstance(node, dict) and key in node, f"missing {path}"
        node = node[key]
    return node


@pytest.mark.e2e
def test_a_tiny_run_writes_every_figure(engine: Engine, tmp_path: Path) -> None:
    results = runner.run(TINY, engine, _cases(), paths.article_path(), paths.table_path(), paths.devset_path())
    out = tmp_path / "bench.json"
    report.write_json(results, out)
    data = json.loads(out.read_text(encoding="utf-8"))

    assert data["errors"] == {}, data["errors"]
    systems = {s["name"]: s for s in data["quality"]["systems"]}
    assert set(systems) == SYSTEMS
    for s in systems.values():
        for key in ("in_scope_pct", "out_of_scope_pct", "combined_pct", "in_scope_total", "out_of_scope_total"):
            assert isinstance(s[key], (int, float)), (s["name"], key)
        for key in ("median_ms", "p99_ms"):
            assert isinstance(s["latency"][key], float), (s["name"], key)
    for path in (
        "quality.best_baseline",
        "quality.lead_points_combined",
        "quality.wratio_cutoff",
        "latency.real_table.median_ms",
        "latency.real_table.p99_ms",
        "startup.cold_start.total_s",
        "startup.cold_start.import_s",
        "startup.cold_start.load_s",
        "startup.cold_start.index_s",
        "startup.reload.median_ms",
        "startup.peak_rss_mb",
        "end_to_end.replies_per_second",
        "end_to_end.steady_latency.p95_ms",
        "end_to_end.bot_peak_rss_mb",
    ):
        assert _figure(data, path) is not None, path
    assert data["end_to_end"]["burst_replied"] == TINY.burst
    assert data["end_to_end"]["steady_replied"] == data["end_to_end"]["steady_questions"] == 5
    (growth,) = data["latency"]["growth"]
    assert growth["factor"] == 2 and growth["entries"] == 2 * len(engine.table.entries)
    assert growth["latency"]["count"] == 5
    assert len(data["targets"]) == 9
    verdicts = {t["name"]: t["verdict"] for t in data["targets"]}
    assert verdicts.pop("match p99, 100× table") == "N/A"  # no 100× table in this tiny run
    assert set(verdicts.values()) <= {"PASS", "MISS"}  # every other target has its figure

    printed = report.format_table(results)
    for heading in ("Answer quality", "Match time", "Start-up, reload, memory", "End to end"):
        assert heading in printed
    assert "N/A" not in printed


def test_bench_is_a_sub_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["bench", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "--quick" in out and "--json" in out and "--devset" in out


def test_a_missing_devset_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["bench", "--quick", "--devset", str(tmp_path / "none.tsv"), "--json", str(tmp_path / "b.json")])
    assert code == 2
    assert "none.tsv" in capsys.readouterr().err
    assert not (tmp_path / "b.json").exists()


def test_baselines_find_an_exact_phrasing_and_decline_gibberish(engine: Engine) -> None:
    phrasings = baselines.Phrasings.of(engine.table)
    entry = engine.table.facts[0]
    question = entry.questions[0]
    for match in (
        baselines.difflib_matcher(phrasings),
        baselines.chatterbot_matcher(phrasings),
        baselines.wratio_matcher(phrasings, 90),
    ):
        assert match(question) is entry
    assert baselines.difflib_matcher(phrasings)("zzzz qqqq xxxx") is None
    assert baselines.chatterbot_matcher(phrasings, baselines.CHATTERBOT_LOW_CONFIDENCE)("zzzz qqqq xxxx") is None
    # ChatterBot's BestMatch on its defaults answers whatever it is asked
    assert baselines.chatterbot_matcher(phrasings)("zzzz qqqq xxxx") is not None


def test_a_baseline_pick_is_judged_by_the_engine_rule(engine: Engine) -> None:
    cases = load_cases(paths.devset_path())
    case = next(c for c in cases if c.in_scope and len(c.expected) == 1)
    right = engine.entry(case.expected[0])
    wrong = next(e for e in engine.table.facts if e.passage != right.passage)
    assert is_right(case, as_answer(case.question, right, engine), engine)
    assert not is_right(case, as_answer(case.question, wrong, engine), engine)
    assert not is_right(case, as_answer(case.question, None, engine), engine)
    out = next(c for c in cases if not c.expected)
    assert is_right(out, as_answer(out.question, None, engine), engine)


def test_best_cutoff_prefers_the_highest_score_then_the_lowest_cutoff() -> None:
    best, scores = baselines.best_cutoff((50, 60, 70), {50: 0.4, 60: 0.5, 70: 0.5}.__getitem__)
    assert best == 60 and scores[70] == 0.5


def test_a_synthetic_table_is_valid_and_as_large_as_asked(engine: Engine) -> None:
    normalize = PersianNormalizer().normalize
    table = scale_table(engine.table, 3, normalize, seed=7)
    assert len(table.entries) == 3 * len(engine.table.entries)
    assert len({e.id for e in table.entries}) == len(table.entries)
    reparsed = parse_table(table_yaml(table).encode("utf-8"), "synthetic.yaml", engine.article, normalize)
    assert reparsed.ok, reparsed.errors[:3]
    assert len(reparsed.entries) == len(table.entries)
    copies = [e for e in table.entries if e.id.endswith("_x2")]
    originals = {e.id: e for e in engine.table.entries}
    for copy in copies:
        original = originals[copy.id.removesuffix("_x2")]
        assert (copy.passage, copy.answer, copy.reply) == (original.passage, original.answer, original.reply)
        assert set(copy.questions).isdisjoint(original.questions)
    Engine.build(engine.article, table)  # indexes without complaint


def test_latency_statistics() -> None:
    assert percentile([], 99) == 0.0
    assert percentile([3, 1, 2], 50) == 2
    assert percentile(list(range(1, 101)), 99) == 99
    s = Stats.of([0.001, 0.002, 0.003])
    assert (s.count, s.median_ms, s.max_ms) == (3, 2.0, 3.0)


def test_a_target_without_its_figure_is_not_a_pass() -> None:
    assert report.Target("x", None, 1, "ms").verdict == "N/A"
    assert report.Target("x", 1.0, 1, "ms").verdict == "PASS"
    assert report.Target("x", 1.1, 1, "ms").verdict == "MISS"
    assert report.Target("x", 150, 150, "/s", at_least=True).verdict == "PASS"


@pytest.mark.e2e
def test_the_end_to_end_rows_on_postgresql(pg_url: str) -> None:
    import psycopg

    from bot.bench import endtoend

    questions = [c.question for c in _cases()]
    e2e = endtoend.run(paths.article_path(), paths.table_path(), questions, 8, 10.0, 0.5, db=pg_url)
    assert e2e.error is None and e2e.burst_replied == 8 and e2e.steady_replied == 5
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT COUNT(*) FROM questions").fetchone() == (1 + 8 + 5,)  # with the warm-up
    table = {"entries": 1, "phrasings": 1, "devset_cases": 1, "devset": "devset.tsv"}
    results = runner.Results(
        TINY, "now", table, e2e=replace(e2e, burst_seconds=1.0), e2e_postgres=replace(e2e, burst_seconds=1.05)
    )
    assert report.postgres_slowdown_pct(results) == pytest.approx(100 * (1 - 1 / 1.05))
    verdicts = {t.name: t.verdict for t in report.targets(results)}
    assert verdicts["end to end on PostgreSQL, burst rate below SQLite's"] == "PASS"
    printed = report.format_table(results)
    assert "the query log on PostgreSQL" in printed and "4.8% below SQLite's" in printed
