"""Scoring the engine on a question set (``data/devset.tsv`` and any other).

Each line: ``category<TAB>expected<TAB>question``. ``expected`` names what a right reply
quotes: an entry id of the table or a passage id of the article (``p3.s1``, ``p6``), or
several joined by ``+`` for a message that asks several things; ``a|b`` where either
of two passages states the fact asked (the article says some things twice); ``-`` for a question the
article does not answer (right = no passage quoted); ``chat`` for a message that is only
courtesy (right = a small-talk reply, no passage). In the category ``smalltalk`` the
expected ids are small-talk entries. Sets written without seeing the table use passage
ids, so they cannot lean on how the table is cut into entries.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.article import Article
from bot.engine import Answer, Engine

OUT_OF_SCOPE = "-"
CHAT = "chat"


@dataclass(frozen=True, slots=True)
class Case:
    category: str
    expected: tuple[str, ...]  # entry or passage ids; () for out of scope and chat
    question: str
    line: int
    chat: bool = False  # only courtesy: a small-talk reply is right

    @property
    def in_scope(self) -> bool:
        return bool(self.expected) and not self.smalltalk

    @property
    def smalltalk(self) -> bool:
        return self.category == "smalltalk" or self.chat


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
    name: str = ""

    def _sum(self, in_scope: bool) -> tuple[int, int]:
        cats = [c for c in self.categories.values() if c.total and c.in_scope == in_scope]
        return sum(c.right for c in cats), sum(c.total for c in cats)

    @property
    def in_scope(self) -> tuple[int, int]:
        return self._sum(True)

    @property
    def out_of_scope(self) -> tuple[int, int]:
        return self._sum(False)

    def share(self, category: str) -> float:
        """The share (0..100) right in one category (0 when it is absent)."""
        c = self.categories.get(category)
        return 100.0 * c.right / c.total if c and c.total else 0.0


def load_cases(path: Path) -> list[Case]:
    """Read a question set; raise ValueError naming the line of a bad row."""
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
        if not category or not expected:
            raise ValueError(f"{path}:{n}: the category and the expected column must not be empty")
        chat = expected == CHAT
        ids = () if expected in (OUT_OF_SCOPE, CHAT) else tuple(x.strip() for x in expected.split("+"))
        cases.append(Case(category, ids, question, n, chat=chat))
    return cases


def expected_passages(engine: Engine, expected: str) -> frozenset[str]:
    """The passages any of which answers one expected item (``a|b``: either)."""
    return frozenset(expected_passage(engine, name) for name in expected.split("|"))


def expected_passage(engine: Engine, name: str) -> str:
    """The passage an expected id stands for: an entry's passage, or the passage itself."""
    entry = engine.entry(name)
    if entry is not None and entry.passage:
        return canonical_passage(engine.article, entry.passage)
    if engine.article.passage(name) is not None:
        return canonical_passage(engine.article, name)
    return f"?{name}"


def canonical_passage(article: Article, passage_id: str) -> str:
    """One name per piece of text: the only sentence of a paragraph is the paragraph."""
    if ".s" in passage_id:
        paragraph = passage_id.split(".s", 1)[0]
        if article.passage(f"{paragraph}.s2") is None and article.passage(paragraph) is not None:
            return paragraph
    return passage_id


def is_right(case: Case, answer: Answer, engine: Engine) -> bool:
    """Whether the engine's answer is right for this case."""
    if case.chat:
        return not answer.found and answer.kind == "smalltalk"
    if case.smalltalk:
        return not answer.found and answer.kind == "smalltalk" and answer.entry in case.expected
    if not case.expected:
        return not answer.found
    wants = [expected_passages(engine, e) for e in case.expected]
    got = {canonical_passage(engine.article, p.passage.id) for p in answer.parts if p.kind == "answer" and p.passage}
    return all(want & got for want in wants) and len(got) <= len(wants)


def evaluate(engine: Engine, cases: Iterable[Case], name: str = "") -> Report:
    """Run every case through the engine."""
    cats: dict[str, CategoryScore] = defaultdict(lambda: CategoryScore(""))
    cases = list(cases)
    scopes: dict[str, set[bool]] = defaultdict(set)
    for case in cases:
        scopes[case.category].add(case.in_scope)
    start = time.perf_counter()
    for case in cases:
        answer = engine.answer(case.question)
        # a category with questions of both kinds («english») is counted as two, so each
        # question adds to the in-scope or the out-of-scope figure it belongs to
        key = case.category if case.in_scope or len(scopes[case.category]) == 1 else f"{case.category}-out"
        score = cats[key]
        score.name = key
        score.in_scope = case.in_scope
        score.total += 1
        if case.in_scope and answer.found and all(set(e.split("|")) & set(answer.entries) for e in case.expected):
            score.right_entry += 1
        if is_right(case, answer, engine):
            score.right += 1
        else:
            score.misses.append((case, answer))
    return Report(dict(cats), time.perf_counter() - start, name)


def summary_line(report: Report) -> str:
    """One line per set: in scope, out of scope, combined."""
    ir, it = report.in_scope
    orr, ot = report.out_of_scope
    both = 100 * (ir + orr) / max(it + ot, 1)
    return (
        f"{report.name or 'set'}: in scope {ir}/{it} = {100 * ir / max(it, 1):.1f}%   "
        f"out of scope {orr}/{ot} = {100 * orr / max(ot, 1):.1f}%   combined {both:.1f}%"
    )


def format_report(report: Report, show_misses: bool = True) -> str:
    """A per-category table, totals and the misses."""
    lines = [f"{'category':<12} {'right':>5} / {'total':<5} {'share':>7} {'entry':>6}   what counts as right"]
    for name, c in sorted(report.categories.items(), key=lambda kv: (not kv[1].in_scope, kv[0])):
        what = (
            "answered with the right passage"
            if c.in_scope
            else ("small-talk reply, no passage" if name in ("smalltalk", "chat") else "declined (no passage quoted)")
        )
        entry = f"{100 * c.right_entry / max(c.total, 1):>5.1f}%" if c.in_scope else f"{'':>6}"
        lines.append(
            f"{name:<12} {c.right:>5} / {c.total:<5} {100 * c.right / max(c.total, 1):>6.1f}% {entry}   {what}"
        )
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
    lines.append(
        f"{total} questions in {report.seconds * 1000:.0f} ms ({report.seconds * 1e6 / max(total, 1):.0f} µs per question)"
    )
    if show_misses:
        misses = [m for c in report.categories.values() for m in c.misses]
        if misses:
            lines.append("")
            lines.append("misses:")
            for case, answer in misses:
                exp = "+".join(case.expected) or ("chat" if case.chat else "-")
                got = (
                    "+".join(
                        f"{p.entry.id}({p.passage.id})" if p.passage and p.entry else p.entry.id if p.entry else p.kind
                        for p in answer.parts
                    )
                    or "-"
                )
                lines.append(
                    f"  [{case.category}] line {case.line}: «{case.question}» expected {exp}, got {answer.kind} {got} "
                    f"(score {answer.score:.0f}{', suggested ' + ','.join(answer.suggestions) if answer.suggestions else ''})"
                )
    return "\n".join(lines)
