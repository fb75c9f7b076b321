"""Language knowledge read from data files: the words live in ``bot/lang/``, the rules in code.

``bot/lang/fa/`` holds Persian (letters, spoken forms, question words, function words,
synonyms, courtesy phrases, affixes, Finglish, the keyboard layout) and ``bot/lang/en/``
English (question words, stop words, spellings, courtesy). Every file is UTF-8 text:
``#`` starts a comment, blank lines are skipped, ``[name]`` opens a section, and a line
is one item (a word or phrase), a pair ``left = right``, or a group ``a | b | c``
depending on the file. ``bot/lang/README.md`` documents each file.

``load_language`` reads and checks them all; a problem is reported as ``file:line`` and
the whole set is refused, so the bot never runs on half-read knowledge.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from bot.table import Problem


class Shape(Enum):
    """What one line of a file holds."""

    ITEM = "item"  # a word or a phrase
    PAIR = "pair"  # left = right
    GROUP = "group"  # a | b | c (two or more)


@dataclass(frozen=True, slots=True)
class FileSpec:
    """How to read one data file: the shape of its lines and the sections it may have."""

    shape: Shape
    sections: tuple[str, ...] = ()  # empty: the file has no sections
    letters: bool = False  # every value is one letter («ث | س | ص»)
    number: bool = False  # every right-hand value is a whole number («نود = 90»)


PERSIAN_CLASSES = (
    "who",
    "when",
    "who_when",
    "why",
    "how",
    "where",
    "whence",
    "howmany",
    "howmuch",
    "do",
    "about",
    "what",
    "yesno",
)
ACT_KINDS = ("greeting", "thanks", "goodbye", "apology", "wellbeing", "filler", "request")

SPECS: dict[str, FileSpec] = {
    "fa/letters.txt": FileSpec(Shape.PAIR),
    "fa/colloquial.txt": FileSpec(Shape.PAIR),
    "fa/question_words.txt": FileSpec(Shape.ITEM, PERSIAN_CLASSES),
    "fa/passive_verbs.txt": FileSpec(Shape.ITEM),
    "fa/function_words.txt": FileSpec(Shape.ITEM),
    "fa/synonyms.txt": FileSpec(Shape.GROUP),
    "fa/courtesy.txt": FileSpec(Shape.ITEM, ACT_KINDS),
    "fa/clauses.txt": FileSpec(
        Shape.ITEM,
        (
            "breaks",
            "focus",
            "determiners",
            "joiners",
            "speech",
            "asks_example",
            "reported",
            "intro_start",
            "intro_end",
            "copula",
            "in_text",
            "attribution",
            "exclusions",
            "meta",
            "people",
            "anaphora",
            "excuse",
            "thanks_for",
            "intensifiers",
            "intensifiers_after",
            "purpose",
            "or_not",
            "for_own",
            "gist",
            "whole",
            "part",
            "heading",
            "second",
            "first",
            "last",
            "also",
            "only",
            "choice",
            "text_start",
            "text_end",
            "verdict",
            "which",
            "specific",
            "exact_count",
            "others",
            "role",
            "place",
            "other_holder",
            "succession",
            "tail",
            "done_to_person",
        ),
    ),
    "fa/affixes.txt": FileSpec(
        Shape.ITEM,
        (
            "suffixes",
            "plurals",
            "glue_after",
            "glue_before",
            "glued",
            "verb_prefixes",
            "verb_endings",
            "ezafe",
            "degree",
            "negation",
            "not_negated",
            "not_spoken",
        ),
    ),
    "fa/finglish.txt": FileSpec(Shape.PAIR, ("question_words", "letters", "digraphs")),
    "fa/finglish_function_words.txt": FileSpec(Shape.ITEM),
    "fa/keyboard.txt": FileSpec(Shape.PAIR),
    "fa/homophones.txt": FileSpec(Shape.GROUP, letters=True),
    "fa/compounds.txt": FileSpec(Shape.ITEM),
    "fa/light_verbs.txt": FileSpec(Shape.PAIR),
    "fa/beyond.txt": FileSpec(Shape.ITEM),
    "fa/numbers.txt": FileSpec(Shape.PAIR, number=True),
    "fa/kinds.txt": FileSpec(Shape.ITEM, ("posts", "agencies")),
    "en/question_words.txt": FileSpec(Shape.ITEM, ("who", "when", "why", "how", "where", "what")),
    "en/stop_words.txt": FileSpec(Shape.ITEM),
    "en/spelling.txt": FileSpec(Shape.PAIR),
    "en/courtesy.txt": FileSpec(Shape.ITEM, ACT_KINDS),
    "en/clauses.txt": FileSpec(Shape.ITEM, ("meta", "people", "gist", "whole", "part", "heading", "second")),
    "en/synonyms.txt": FileSpec(Shape.GROUP),
}

_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


@dataclass(frozen=True, slots=True)
class Line:
    """One item of a data file, with where it came from."""

    file: str
    number: int
    section: str  # "" in a file without sections
    values: tuple[str, ...]  # one value (item), two (pair) or several (group)


class LanguageError(ValueError):
    """The language data has problems; ``problems`` lists each with file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class LanguageData:
    """Every data file's lines, by file name (``fa/colloquial.txt``)."""

    root: str
    files: dict[str, tuple[Line, ...]]

    def lines(self, name: str, section: str | None = None) -> tuple[Line, ...]:
        """The lines of one file (of one section of it)."""
        return tuple(x for x in self.files.get(name, ()) if section is None or x.section == section)

    def items(self, name: str, section: str | None = None) -> tuple[str, ...]:
        """The single values of a list file (or section), in file order."""
        return tuple(x.values[0] for x in self.lines(name, section))

    def pairs(self, name: str, section: str | None = None) -> tuple[tuple[str, str], ...]:
        """The ``left = right`` pairs of a file (or section), in file order."""
        return tuple((x.values[0], x.values[1]) for x in self.lines(name, section))

    def groups(self, name: str) -> tuple[tuple[str, ...], ...]:
        """The ``a | b | c`` groups of a file."""
        return tuple(x.values for x in self.lines(name))

    def sections(self, name: str) -> dict[str, tuple[str, ...]]:
        """Section name → its single values, for a sectioned list file."""
        return {s: self.items(name, s) for s in SPECS[name].sections}


def default_root() -> Traversable:
    """The language data shipped with the package."""
    return resources.files("bot") / "lang"


def load_language(root: str | None = None) -> LanguageData:
    """Read and check every data file under ``root`` (default: ``$BOT_LANG``, else the
    package's own); raise ``LanguageError`` listing every problem. Cached: the files
    are read once per folder."""
    return _load(_root(root))


def _root(root: str | None) -> str | None:
    """The language-data folder asked for: ``root``, else ``$BOT_LANG``, else None (the package's)."""
    return root or os.environ.get("BOT_LANG") or None


@lru_cache(maxsize=4)
def _load(root: str | None) -> LanguageData:
    base: Traversable = Path(root) if root else default_root()
    files: dict[str, tuple[Line, ...]] = {}
    problems: list[Problem] = []
    for name, spec in SPECS.items():
        path = base / name
        label = str(Path(root) / name) if root else f"bot/lang/{name}"
        try:
            raw = path.read_bytes()
        except OSError as exc:
            problems.append(Problem(label, 0, f"cannot read the language file: {exc}"))
            continue
        lines, found = parse_file(raw, label, spec)
        files[name] = lines
        problems.extend(found)
    if problems:
        raise LanguageError(problems)
    return LanguageData(str(root or "bot/lang"), files)


def check_language(root: str | None = None) -> list[Problem]:
    """Every problem of the language data (empty when it is sound)."""
    try:
        _load.__wrapped__(_root(root))
    except LanguageError as exc:
        return exc.problems
    return []


def parse_file(raw: bytes, name: str, spec: FileSpec) -> tuple[tuple[Line, ...], list[Problem]]:
    """Read one data file: its lines and the problems found, each with its line number."""
    problems: list[Problem] = []
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return (), [Problem(name, line, "the file is not valid UTF-8 text")]
    out: list[Line] = []
    section = ""
    seen: dict[tuple[str, str], int] = {}
    for number, content in _content_lines(text):
        if content.startswith("[") and content.endswith("]"):
            section = content[1:-1].strip()
            if section not in spec.sections:
                allowed = ", ".join(spec.sections) or "none (this file has no sections)"
                problems.append(Problem(name, number, f"unknown section [{section}]; allowed: {allowed}"))
            continue
        if spec.sections and not section:
            problems.append(Problem(name, number, "a line before the first [section]"))
            continue
        values, error = _values(content, spec.shape)
        if not error and spec.letters and any(len(v) != 1 for v in values):
            error = "expected single letters: 'a | b | c'"
        if not error and spec.number and not values[-1].isdigit():
            error = f"expected a whole number after '=': «{values[-1]}»"
        if error:
            problems.append(Problem(name, number, error))
            continue
        key = (section, values[0] if spec.shape is not Shape.GROUP else " | ".join(values))
        if key in seen:
            problems.append(Problem(name, number, f"«{values[0]}» is already given at line {seen[key]}"))
            continue
        seen[key] = number
        out.append(Line(name, number, section, values))
    if spec.shape is Shape.GROUP:
        problems.extend(_group_overlaps(out))
    return tuple(out), problems


def _content_lines(text: str) -> Iterator[tuple[int, str]]:
    for number, raw in enumerate(text.splitlines(), 1):
        content = raw.split(" #", 1)[0] if not raw.lstrip().startswith("#") else ""
        content = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), content.strip())
        if content:
            yield number, content


def _values(content: str, shape: Shape) -> tuple[tuple[str, ...], str | None]:
    if shape is Shape.ITEM:
        if "=" in content or "|" in content:
            return (), "expected one word or phrase per line (no '=' or '|')"
        return (content,), None
    if shape is Shape.PAIR:
        left, sep, right = content.partition("=")
        if not sep or not left.strip() or not right.strip():
            return (), "expected 'left = right' with text on both sides"
        if "=" in right:
            return (), "more than one '=' on the line"
        if left.strip() == right.strip():
            return (), f"«{left.strip()}» is mapped to itself"
        return (left.strip(), right.strip()), None
    words = tuple(w.strip() for w in content.split("|"))
    if len(words) < 2 or not all(words):
        return (), "expected a group of two or more words: 'a | b | c'"
    return words, None


def _group_overlaps(lines: list[Line]) -> list[Problem]:
    owner: dict[str, int] = {}
    problems = []
    for line in lines:
        for word in line.values:
            key = word.replace("\u200c", " ")
            if key in owner and owner[key] != line.number:
                problems.append(
                    Problem(line.file, line.number, f"«{word}» is already in the group at line {owner[key]}")
                )
            owner.setdefault(key, line.number)
    return problems
