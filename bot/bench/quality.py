"""Answer quality of the engine and of the baselines on the development set.

Baselines are judged with the engine's own rule (``bot.evaluation.is_right``): a
baseline's pick becomes an ``Answer`` quoting that entry's passage (or its small-talk
reply), and no pick becomes a declined answer.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.bench import baselines
from bot.bench.timing import Stats
from bot.engine import Answer, Engine, Part
from bot.evaluation import Case, is_right
from bot.table import Entry


@dataclass(frozen=True, slots=True)
class SystemScore:
    """How one matcher did on the development set."""

    name: str
    setting: str
    in_scope: tuple[int, int]  # right, total
    out_of_scope: tuple[int, int]  # declined (or small talk), total
    latency: Stats

    @property
    def in_scope_pct(self) -> float:
        return _pct(*self.in_scope)

    @property
    def out_of_scope_pct(self) -> float:
        return _pct(*self.out_of_scope)

    @property
    def combined_pct(self) -> float:
        return _pct(self.in_scope[0] + self.out_of_scope[0], self.in_scope[1] + self.out_of_scope[1])

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "setting": self.setting,
            "in_scope_right": self.in_scope[0],
            "in_scope_total": self.in_scope[1],
            "out_of_scope_right": self.out_of_scope[0],
            "out_of_scope_total": self.out_of_scope[1],
            "in_scope_pct": round(self.in_scope_pct, 2),
            "out_of_scope_pct": round(self.out_of_scope_pct, 2),
            "combined_pct": round(self.combined_pct, 2),
            "latency": self.latency.as_json(),
        }


def as_answer(question: str, entry: Entry | None, engine: Engine) -> Answer:
    """A baseline's pick as the reply the bot would give."""
    if entry is None:
        return Answer(question, (Part(question, "none", 0.0),))
    if entry.is_smalltalk:
        return Answer(question, (Part(question, "smalltalk", 100.0, entry),))
    passage = engine.article.passage(entry.passage) if entry.passage else None
    return Answer(question, (Part(question, "answer", 100.0, entry, passage),))


def score(
    name: str, setting: str, reply: Callable[[str], Answer], engine: Engine, cases: Sequence[Case]
) -> SystemScore:
    """Run every case through ``reply``, timing each call."""
    counts = {True: [0, 0], False: [0, 0]}
    times: list[float] = []
    for case in cases:
        start = time.perf_counter()
        answer = reply(case.question)
        times.append(time.perf_counter() - start)
        tally = counts[case.in_scope]
        tally[1] += 1
        tally[0] += is_right(case, answer, engine)
    (ir, it), (orr, ot) = counts[True], counts[False]
    return SystemScore(name, setting, (ir, it), (orr, ot), Stats.of(times))


def wratio_sweep(
    phrasings: baselines.Phrasings, engine: Engine, cases: Sequence[Case]
) -> tuple[float, dict[float, float]]:
    """The WRatio cutoff that gets the most cases right (combined), and the share right
    at every cutoff tried: the baseline's best shot, chosen on the very cases it is scored on."""
    picks = [(case, *baselines.wratio_best(phrasings, case.question)) for case in cases]

    def share(cutoff: float) -> float:
        right = sum(
            is_right(case, as_answer(case.question, entry if s >= cutoff else None, engine), engine)
            for case, entry, s in picks
        )
        return right / max(len(cases), 1)

    return baselines.best_cutoff(baselines.WRATIO_SWEEP, share)


def compare(engine: Engine, cases: Sequence[Case]) -> tuple[list[SystemScore], dict[str, object]]:
    """The engine and every baseline on the same table and cases; also the WRatio sweep."""
    phrasings = baselines.Phrasings.of(engine.table)

    def baseline(matcher: baselines.Matcher) -> Callable[[str], Answer]:
        return lambda q: as_answer(q, matcher(q), engine)

    cutoff, sweep = wratio_sweep(phrasings, engine, cases)
    n = len(phrasings.texts)
    engine.answer("warm up")  # first-call costs (lazy imports, caches) are not a question's
    scores = [
        score("engine", "this project: normalise, index, decide", engine.answer, engine, cases),
        score(
            "difflib",
            f"get_close_matches(n=1, cutoff={baselines.DIFFLIB_CUTOFF}) over {n} raw phrasings",
            baseline(baselines.difflib_matcher(phrasings)),
            engine,
            cases,
        ),
        score(
            "chatterbot",
            f"BestMatch default: closest Levenshtein ratio, stops at ≥{baselines.CHATTERBOT_STOP_AT}, never declines",
            baseline(baselines.chatterbot_matcher(phrasings)),
            engine,
            cases,
        ),
        score(
            "chatterbot+lowconf",
            f"same + LowConfidenceAdapter default: declines below {baselines.CHATTERBOT_LOW_CONFIDENCE}",
            baseline(baselines.chatterbot_matcher(phrasings, baselines.CHATTERBOT_LOW_CONFIDENCE)),
            engine,
            cases,
        ),
        score(
            "rapidfuzz-wratio",
            f"extractOne(WRatio, processor=None), accept ≥{cutoff:g} (best of sweep on this dev set)",
            baseline(baselines.wratio_matcher(phrasings, cutoff)),
            engine,
            cases,
        ),
    ]
    return scores, {
        "wratio_cutoff": cutoff,
        "wratio_sweep_combined_pct": {str(k): round(100 * v, 2) for k, v in sweep.items()},
    }


def _pct(right: int, total: int) -> float:
    return 100.0 * right / total if total else 0.0
