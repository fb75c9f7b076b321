"""Scoring the engine on a development set (``data/devset.tsv``).

Each line: ``category<TAB>expected<TAB>question``; ``expected`` is an entry id, ``-``
for a question the article does not answer, or ids joined by ``+`` for a message that
asks several things. An in-scope question counts as right when the reply quotes the
expected entry's passage; an out-of-scope one when the reply quotes no passage.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.engine import Answer, Engine

OUT_OF_SCOPE = "-"


@dataclass(frozen=True, slots=True)
class Case:
    category: str
    expected: tuple[str, ...]  # () for out of scope
    question: str
    line: int

    @property
    def in_scope(self) -> bool:
        return bool(self.expected) and not self.smalltalk

    @property
    def smalltalk(self) -> bool:
        return self.category == "smalltalk"


@dataclass(slots=True)
class CategoryScore:
    name: str
    in_scope: bool = True
    total: int = 0
    right: int = 0  # right passage (in scope) or declined (out of scope)
    right_entry: int = 0  # in scope: the expected entry itself, not only its passage
    misses: list[tuple[Case, Answer]] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    categories: dict[str, CategoryScore]
    seconds: float

    def _sum(self, in_scope: bool) -> tuple[int, int]:
        cats = [c for c in self.categories.values() if c.total and c.in_scope == in_scope]
        return sum(c.right for c in cats), sum(c.total for c in cats)

    @property
    def in_scope(self) -> tuple[int, int]:
        return self._sum(True)

    @property
    def out_of_scope(self) -> tuple[int, int]:
        return self._sum(False)


def load_cases(path: Path) -> list[Case]:
    """Read a development set; raise ValueError naming the line of a bad row."""
    cases: list[Case] = []
    header_seen = False
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        fields = raw.split("\t")
        if not header_seen:
            header_seen = True
            if fields[:2] == ["category", "expected"]:
                continue
        if len(fields) != 3:
            raise ValueError(f"{path}:{n}: expected 3 tab-separated fields, found {len(fields)}")
        category, expected, question = (f.strip() for f in fields)
        ids = () if expected == OUT_OF_SCOPE else tuple(expected.split("+"))
        cases.append(Case(category, ids, question, n))
    return cases


def is_right(case: Case, answer: Answer, engine: Engine) -> bool:
    """Whether the engine's answer is right for this case."""
    if case.smalltalk:
        return not answer.found and answer.kind == "smalltalk" and answer.entry in case.expected
    if not case.expected:
        return not answer.found
    want = [_passage(engine, e) for e in case.expected]
    got = [p.passage.id for p in answer.parts if p.kind == "answer" and p.passage]
    return all(w in got for w in want) and len(got) <= len(want)


def _passage(engine: Engine, entry_id: str) -> str:
    entry = engine.entry(entry_id)
    return entry.passage if entry and entry.passage else f"?{entry_id}"


def evaluate(engine: Engine, cases: Iterable[Case]) -> Report:
    """Run every case through the engine."""
    cats: dict[str, CategoryScore] = defaultdict(lambda: CategoryScore(""))
    start = time.perf_counter()
    for case in cases:
        answer = engine.answer(case.question)
        score = cats[case.category]
        score.name = case.category
        score.in_scope = case.in_scope
        score.total += 1
        if case.in_scope and answer.found and set(case.expected) <= set(answer.entries):
            score.right_entry += 1
        if is_right(case, answer, engine):
            score.right += 1
        else:
            score.misses.append((case, answer))
    return Report(dict(cats), time.perf_counter() - start)


def format_report(report: Report, show_misses: bool = True) -> str:
    """A per-category table, totals and the misses."""
    lines = [f"{'category':<12} {'right':>5} / {'total':<5} {'share':>7} {'entry':>6}   what counts as right"]
    for name, c in sorted(report.categories.items(), key=lambda kv: (not kv[1].in_scope, kv[0])):
        what = "answered with the right passage" if c.in_scope else (
            "small-talk reply, no passage" if name == "smalltalk" else "declined (no passage quoted)"
        )
        entry = f"{100 * c.right_entry / max(c.total, 1):>5.1f}%" if c.in_scope else f"{'':>6}"
        lines.append(f"{name:<12} {c.right:>5} / {c.total:<5} {100 * c.right / max(c.total, 1):>6.1f}% {entry}   {what}")
    ir, it = report.in_scope
    orr, ot = report.out_of_scope
    lines.append("")
    entries = sum(c.right_entry for c in report.categories.values() if c.in_scope)
    lines.append(
        f"in scope:     {ir}/{it} = {100 * ir / max(it, 1):.1f}% answered with the right passage "
        f"({entries}/{it} = {100 * entries / max(it, 1):.1f}% with the expected entry itself)"
    )
    lines.append(f"out of scope: {orr}/{ot} = {100 * orr / max(ot, 1):.1f}% declined or answered as small talk")
    total = sum(c.total for c in report.categories.values())
    lines.append(f"{total} questions in {report.seconds * 1000:.0f} ms ({report.seconds * 1e6 / max(total, 1):.0f} µs per question)")
    if show_misses:
        misses = [m for c in report.categories.values() for m in c.misses]
        if misses:
            lines.append("")
            lines.append("misses:")
            for case, answer in misses:
                exp = "+".join(case.expected) or "-"
                got = "+".join(answer.entries) or "-"
                lines.append(
                    f"  [{case.category}] line {case.line}: «{case.question}» expected {exp}, got {answer.kind} {got} "
                    f"(score {answer.score:.0f}{', suggested ' + ','.join(answer.suggestions) if answer.suggestions else ''})"
                )
    return "\n".join(lines)
