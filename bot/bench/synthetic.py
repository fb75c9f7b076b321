"""Synthetic larger tables for growth measurements.

A table ``factor`` times as large keeps every real entry and adds ``factor - 1``
copies of each under new ids. A copy answers from the same passage with the same
short answer (so it is a valid fact entry), and each of its phrasings is a real
phrasing of the entry perturbed once or twice: two words swapped, a typo (a letter
dropped, doubled, replaced or transposed), a word taken from another entry's phrasing
put in place of one of its own, or such a word added. Phrasings that normalise to
one already in the table are retried, then dropped, so the result validates.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace

import yaml

from bot.table import Table

PERSIAN_LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_TRIES = 4


def scale_table(table: Table, factor: int, normalize: Callable[[str], str], seed: int = 0) -> Table:
    """``table`` grown to ``factor`` times its entries (factor 1: the table itself)."""
    rng = random.Random(seed)
    donors_fa = [w for e in table.entries for q in e.questions for w in q.split()]
    donors_en = [w for e in table.entries for q in e.english for w in q.split()]
    seen = {normalize(p) for e in table.entries for p in (*e.questions, *e.english)}
    entries = list(table.entries)
    for copy in range(1, factor):
        for entry in table.entries:
            questions = _variants(entry.questions, rng, donors_fa, PERSIAN_LETTERS, seen, normalize)
            if not questions:
                continue
            english = _variants(entry.english, rng, donors_en, LATIN_LETTERS, seen, normalize)
            entries.append(replace(entry, id=f"{entry.id}_x{copy}", questions=questions, english=english, line=0))
    return Table(table.path, tuple(entries), ())


def table_yaml(table: Table) -> str:
    """The table as ``data/qa.yaml``-style YAML text (for the public loading path)."""
    facts = [
        {
            "id": e.id,
            "passage": e.passage,
            "answer": e.answer,
            "questions": list(e.questions),
            "english": list(e.english),
        }
        for e in table.entries
        if not e.is_smalltalk
    ]
    talk = [
        {"id": e.id, "reply": e.reply, "questions": list(e.questions), "english": list(e.english)}
        for e in table.entries
        if e.is_smalltalk
    ]
    return yaml.safe_dump({"entries": facts, "smalltalk": talk}, allow_unicode=True, sort_keys=False, width=1000)


def perturb(text: str, rng: random.Random, donors: list[str], letters: str) -> str:
    """``text`` changed once or twice (see the module docstring)."""
    words = text.split()
    for _ in range(1 + (rng.random() < 0.5)):
        op = rng.randrange(4)
        if op == 0 and len(words) >= 2:
            i = rng.randrange(len(words) - 1)
            words[i], words[i + 1] = words[i + 1], words[i]
        elif op == 1 and words:
            i = rng.randrange(len(words))
            words[i] = _typo(words[i], rng, letters)
        elif op == 2 and words and donors:
            words[rng.randrange(len(words))] = rng.choice(donors)
        elif donors:
            words.insert(rng.randrange(len(words) + 1), rng.choice(donors))
    return " ".join(words)


def _typo(word: str, rng: random.Random, letters: str) -> str:
    if len(word) < 2:
        return word + rng.choice(letters)
    i = rng.randrange(len(word))
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i] + word[i:]
    if kind == 2:
        return word[:i] + rng.choice(letters) + word[i + 1 :]
    j = min(i + 1, len(word) - 1)
    chars = list(word)
    chars[i], chars[j] = chars[j], chars[i]
    return "".join(chars)


def _variants(
    phrasings: tuple[str, ...],
    rng: random.Random,
    donors: list[str],
    letters: str,
    seen: set[str],
    normalize: Callable[[str], str],
) -> tuple[str, ...]:
    out: list[str] = []
    for phrasing in phrasings:
        for _ in range(_TRIES):
            candidate = perturb(phrasing, rng, donors, letters)
            key = normalize(candidate)
            if key and key not in seen:
                seen.add(key)
                out.append(candidate)
                break
    return tuple(out)
