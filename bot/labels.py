"""Button labels: short, whole words, one per entry.

Every fact entry of the table has a ``label`` (≤ ``MAX_CHARS`` characters) that its
buttons show – related questions, "did you mean", /questions. ``bot check`` enforces the
rules (``label_problems``); an entry written without a label gets one from its first
question, shortened at a word boundary, never inside a word.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.display import ZWNJ, strip_zwnj

MAX_CHARS = 32
CUT_MARKS = ("…", "...")
_WORD = re.compile(r"[^\s،,:؛.!?؟«»()\-–—/]+")
_LATIN_OR_DIGITS = re.compile(r"^[A-Za-z0-9۰-۹]+$")


def label_problems(label: str, known: Callable[[str], bool]) -> list[str]:
    """What is wrong with a label (English, for ``bot check``); [] when it is fine.
    ``known`` says whether a word (half-spaces removed) is a whole word."""
    problems = []
    if len(label) > MAX_CHARS:
        problems.append(f"the label «{label}» is {len(label)} characters long; at most {MAX_CHARS} fit on a button")
    if label.rstrip().endswith(CUT_MARKS):
        problems.append(f"the label «{label}» is cut short; write whole words, without «…»")
    partial = [w for w in _WORD.findall(label) if not _LATIN_OR_DIGITS.match(w) and not _whole(w, known)]
    if partial:
        problems.append(
            f"the label «{label}» has {'a word' if len(partial) == 1 else 'words'} that {'is' if len(partial) == 1 else 'are'} "
            f"not whole: {', '.join(f'«{w}»' for w in partial)}"
        )
    return problems


def _whole(word: str, known: Callable[[str], bool]) -> bool:
    parts = [p for p in word.split(ZWNJ) if p]
    if len(strip_zwnj(word)) == 1:
        return word == "و"
    return known(strip_zwnj(word)) or (all(known(p) for p in parts) and len(parts) > 1)


def shorten(text: str, limit: int = MAX_CHARS) -> str:
    """``text`` cut to ``limit`` characters at a word boundary, with «…» when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    words = text.split(" ")
    out = ""
    for word in words:
        candidate = f"{out} {word}" if out else word
        if len(candidate) + 1 > limit:
            break
        out = candidate
    if not out:  # one word longer than the limit: nothing sensible to cut
        return words[0]
    return out.rstrip("،,:؛") + "…"
