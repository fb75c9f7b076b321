"""How long a reply is on a phone: the median length of the replies to single questions.

A reader wants the answer first and little around it; the target is a median of at most
``TARGET`` characters for a single in-scope question answered from the article, counted
on the text the user reads (``render_plain``: no markup; buttons not counted).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from bot.engine import Engine
from bot.evaluation import Case
from bot.render import render_plain

TARGET = 300


@dataclass(frozen=True, slots=True)
class ReplyLengths:
    lengths: tuple[int, ...]
    first_line_answers: int  # replies whose first line is the bold short answer

    @property
    def median(self) -> float:
        return statistics.median(self.lengths) if self.lengths else 0.0

    def line(self) -> str:
        if not self.lengths:
            return "reply length: no single in-scope question was answered"
        verdict = "PASS" if self.median <= TARGET else "MISS"
        return (
            f"reply length: median {self.median:.0f} characters over {len(self.lengths)} single in-scope questions answered "
            f"(max {max(self.lengths)}; short answer on the first line in {self.first_line_answers}/{len(self.lengths)})"
            f"   target ≤ {TARGET}   {verdict}"
        )


def reply_lengths(engine: Engine, cases: Iterable[Case]) -> ReplyLengths:
    """Render the reply to every in-scope question asked alone (not the ``multi`` ones)
    that the engine answers from the article, and measure it."""
    lengths = []
    first = 0
    show = engine.presentation
    for case in cases:
        if not case.in_scope or len(case.expected) != 1:
            continue
        answer = engine.answer(case.question)
        if not answer.found or len(answer.parts) != 1:
            continue
        text = render_plain(answer, engine.article, table=engine.table)
        lengths.append(len(text))
        part = answer.parts[0]
        quote = show.quote(part.entry) if part.entry is not None else None
        lines = text.split("\n")
        if answer.courtesy == "greeting" and len(lines) > 1:
            lines = [x for x in lines[1:] if x] or lines  # the one-line greeting back comes before the answer
        head = lines[0]
        if quote is not None and (head == quote.short or head.startswith("• ") or quote.adds_nothing):
            first += 1
    return ReplyLengths(tuple(lengths), first)
