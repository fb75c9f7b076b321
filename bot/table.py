"""The Q&A table: loading ``data/qa.yaml`` and validating it against the article.

Every problem is reported with the file, the line and a plain message; loading
never raises on bad content, it returns the problems instead, so a caller (``bot
check``, ``/reload``, an upload) can refuse the table and keep the last good one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.article import Article
from bot.labels import label_problems

NOT_SAID_KEYS = frozenset({"id", "questions", "english"})
FACT_KEYS = frozenset(
    {"id", "passage", "answer", "questions", "english", "label", "topic", "items", "restates", "whole"}
)
SMALLTALK_KEYS = frozenset({"id", "reply", "questions", "english"})
# Bounds on what one table may ask the validator and the index to do (the real table has
# 38 entries and about 650 phrasings).
MAX_ENTRIES = 2_000
MAX_PHRASINGS = 50_000


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the table: a fact answered by a passage, or a small-talk reply."""

    id: str
    questions: tuple[str, ...]
    english: tuple[str, ...] = ()
    passage: str | None = None  # fact entries: the passage id that answers
    answer: str | None = None  # fact entries: the short answer inside that passage
    reply: str | None = None  # small-talk entries: the bot's own reply
    line: int = 0
    label: str | None = None  # fact entries: the text of its buttons (≤ 32 characters, whole words)
    topic: str | None = None  # fact entries: the /questions group it is listed under
    items: tuple[str, ...] = ()  # fact entries whose answer is a list: the list's items, from the passage
    restates: str | None = None  # the fact entry whose fact this one's passage states again (the article says it twice)
    whole: bool = False  # fact entries: answers what the article as a whole is about (one entry at most)

    @property
    def is_smalltalk(self) -> bool:
        return self.reply is not None


@dataclass(frozen=True, slots=True)
class NotSaid:
    """Questions readers ask near the article that it does not answer (the reporter's
    name, the interview's date …): matched like entries, and declined."""

    id: str
    questions: tuple[str, ...]
    english: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True, slots=True)
class Problem:
    """A validation finding, located in the file."""

    file: str
    line: int
    message: str
    severity: str = "error"  # "error" | "warning"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.severity}: {self.message}"


@dataclass(frozen=True, slots=True)
class Table:
    """A loaded table: its entries in file order and the problems found."""

    path: Path
    entries: tuple[Entry, ...]
    problems: tuple[Problem, ...] = field(default=())
    synonyms: tuple[tuple[str, ...], ...] = ()  # groups of words that mean the same here; the first is canonical
    topics: tuple[str, ...] = ()  # the /questions topics in their order (the optional top-level 'topics' list)
    not_said: tuple[NotSaid, ...] = ()  # questions near the article that it does not answer (declined)
    speakers: tuple[str, ...] = ()  # how questions name whoever speaks in the article (the interviewee)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def ok(self) -> bool:
        return not self.errors

    def entry(self, entry_id: str) -> Entry | None:
        """The entry with this id, or None."""
        return next((e for e in self.entries if e.id == entry_id), None)

    @property
    def facts(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if not e.is_smalltalk)


def load_table(path: Path, article: Article, normalize: Callable[[str], str]) -> Table:
    """Read and validate the table at ``path``; ``normalize`` decides which phrasings
    count as the same. Never raises for bad content: problems are returned."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Table(path, (), (Problem(name, 0, f"cannot read the file: {exc.strerror or exc}"),))
    return parse_table(raw, name, article, normalize, path=path)


def parse_table(
    raw: bytes, name: str, article: Article, normalize: Callable[[str], str], path: Path | None = None
) -> Table:
    """Validate table bytes (as read from a file or an upload)."""
    target = path or Path(name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return Table(target, (), (Problem(name, line, "the file is not valid UTF-8 text"),))
    try:
        _refuse_aliases(text)
        root = yaml.compose(text, Loader=_FAST_LOADER)
    except _AliasFound as exc:
        message = "anchors and aliases (&name, *name) are not allowed in the table: write each value out"
        return Table(target, (), (Problem(name, exc.line, message),))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        return Table(target, (), (Problem(name, line, f"malformed YAML: {exc.problem or exc}"),))
    except yaml.YAMLError as exc:
        return Table(target, (), (Problem(name, 0, f"malformed YAML: {exc}"),))
    too_big = _size_problem(root, name)
    if too_big is not None:
        return Table(target, (), (too_big,))
    return _Validator(name, article, normalize).run(root, target)


class _AliasFound(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


# libyaml's loader when PyYAML has it (parsing is then several times faster), else PyYAML's own
_FAST_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _refuse_aliases(text: str) -> None:
    """Stop at the first anchor or alias, before anything is composed: an alias repeats a
    whole subtree, and repeats of repeats multiply (a 1 MB file could stand for billions
    of phrasings). Raises ``_AliasFound`` with its line."""
    for event in yaml.parse(text, Loader=_FAST_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _AliasFound(event.start_mark.line + 1 if event.start_mark is not None else 0)


def _size_problem(root: Node | None, name: str) -> Problem | None:
    """A problem if the table has more entries or phrasings than MAX_ENTRIES / MAX_PHRASINGS
    (counted on the composed nodes, before anything is validated or normalised)."""
    if not isinstance(root, MappingNode):
        return None
    entries = phrasings = 0
    for key, section in root.value:
        if not (
            isinstance(key, ScalarNode)
            and key.value in ("entries", "smalltalk", "not_said")
            and isinstance(section, SequenceNode)
        ):
            continue
        entries += len(section.value)
        for item in section.value:
            if isinstance(item, MappingNode):
                phrasings += sum(
                    len(v.value)
                    for k, v in item.value
                    if isinstance(k, ScalarNode) and k.value in ("questions", "english") and isinstance(v, SequenceNode)
                )
    line = root.start_mark.line + 1
    if entries > MAX_ENTRIES:
        return Problem(name, line, f"too many entries: {entries} (at most {MAX_ENTRIES})")
    if phrasings > MAX_PHRASINGS:
        return Problem(name, line, f"too many phrasings: {phrasings} (at most {MAX_PHRASINGS})")
    return None


class _Validator:
    def __init__(self, name: str, article: Article, normalize: Callable[[str], str]) -> None:
        self.name = name
        self.article = article
        self.normalize = normalize
        self.problems: list[Problem] = []
        self._lines: dict[tuple[str, str], int] = {}  # (entry id, phrasing) → line
        self._label_lines: dict[str, int] = {}  # entry id → line of its label
        self._topic_lines: dict[str, int] = {}  # entry id (or "topics:NAME") → line
        self._restates_lines: dict[str, int] = {}  # entry id → line of its 'restates'
        self.topics: list[str] | tuple[str, ...] = ()

    def error(self, node: Node | None, message: str, severity: str = "error") -> None:
        line = node.start_mark.line + 1 if node is not None else 0
        self.problems.append(Problem(self.name, line, message, severity))

    def run(self, root: Node | None, path: Path) -> Table:
        if root is None:
            self.error(None, "the file is empty")
            return Table(path, (), tuple(self.problems))
        if not isinstance(root, MappingNode):
            self.error(
                root, "the top level must be a mapping with 'entries' (and optionally 'smalltalk' and 'synonyms')"
            )
            return Table(path, (), tuple(self.problems))
        sections = {self._scalar(k): (k, v) for k, v in root.value}
        for key, (knode, _) in sections.items():
            if key not in ("entries", "smalltalk", "synonyms", "topics", "not_said", "speakers"):
                self.error(
                    knode,
                    f"unknown top-level key '{key}' "
                    "(expected 'entries', 'smalltalk', 'synonyms', 'topics', 'not_said' or 'speakers')",
                )
        self.topics = self._topics(sections["topics"][1]) if "topics" in sections else ()
        if "entries" not in sections:
            self.error(root, "missing the 'entries' list")
        entries: list[Entry] = []
        for section, smalltalk in (("entries", False), ("smalltalk", True)):
            if section not in sections:
                continue
            _, seq = sections[section]
            if not isinstance(seq, SequenceNode):
                self.error(seq, f"'{section}' must be a list of entries")
                continue
            for item in seq.value:
                entry = self._entry(item, smalltalk)
                if entry is not None:
                    entries.append(entry)
        not_said = self._not_said(sections["not_said"][1]) if "not_said" in sections else []
        self._check_unique([*entries, *(Entry(n.id, n.questions, n.english, line=n.line) for n in not_said)])
        self._check_labels(entries)
        self._check_topics(entries)
        self._check_restates(entries)
        self._check_whole(entries)
        synonyms = self._synonyms(sections["synonyms"][1]) if "synonyms" in sections else ()
        speakers = self._speakers(sections["speakers"][1]) if "speakers" in sections else ()
        problems = sorted(self.problems, key=lambda p: p.line)
        return Table(path, tuple(entries), tuple(problems), synonyms, tuple(self.topics), tuple(not_said), speakers)

    def _speakers(self, node: Node) -> tuple[str, ...]:
        """The 'speakers' list: the names questions give whoever speaks in the article."""
        named = self._names(node, "'speakers' must be a list of names, e.g. [مریم کریمی]", "speaker", readable=True)
        return tuple(value for value, _ in named)

    def _names(self, node: Node, not_a_list: str, what: str, readable: bool = False) -> list[tuple[str, Node]]:
        """A list of names, each with its node: none empty (``readable``: nor without a word
        once normalised), none twice; ``not_a_list`` is the error when ``node`` is no list."""
        if not isinstance(node, SequenceNode):
            self.error(node, not_a_list)
            return []
        out: list[tuple[str, Node]] = []
        for item in node.value:
            value = " ".join(str(item.value).split()) if isinstance(item, ScalarNode) else ""
            if not value or (readable and not self.normalize(value)):
                self.error(item, f"every {what} must be a non-empty name")
            elif any(value == seen for seen, _ in out):
                self.error(item, f"the {what} «{value}» is listed twice")
            else:
                out.append((value, item))
        return out

    def _not_said(self, node: Node) -> list[NotSaid]:
        """The 'not_said' list: each an id and the questions (and English ones) it holds."""
        if not isinstance(node, SequenceNode):
            self.error(node, "'not_said' must be a list of {id, questions} mappings")
            return []
        out: list[NotSaid] = []
        for item in node.value:
            if not isinstance(item, MappingNode):
                self.error(item, "each item of 'not_said' must be a mapping with 'id' and 'questions'")
                continue
            fields = self._fields(item, NOT_SAID_KEYS)
            item_id = self._text(fields.get("id"), "id", item)
            if not item_id:
                continue
            questions = self._strings(fields.get("questions"), "questions", item_id, item)
            english = self._strings(fields.get("english"), "english", item_id, item, required=False)
            if questions:
                out.append(NotSaid(item_id, tuple(questions), tuple(english), item.start_mark.line + 1))
        return out

    def _synonyms(self, node: Node) -> tuple[tuple[str, ...], ...]:
        if not isinstance(node, SequenceNode):
            self.error(node, "'synonyms' must be a list of word lists, e.g. [تشکیل, تأسیس, ایجاد]")
            return ()
        groups: list[tuple[str, ...]] = []
        owner: dict[str, int] = {}
        for item in node.value:
            if not isinstance(item, SequenceNode) or len(item.value) < 2:
                self.error(item, "each synonym group must be a list of at least two words")
                continue
            words: list[str] = []
            for word in item.value:
                value = str(word.value).strip() if isinstance(word, ScalarNode) else ""
                key = self.normalize(value)
                if not key:
                    self.error(word, "a synonym must be non-empty text")
                    continue
                if key in owner:
                    self.error(word, f"the synonym «{value}» is already in the group at line {owner[key]}")
                    continue
                owner[key] = item.start_mark.line + 1
                words.append(value)
            if len(words) >= 2:
                groups.append(tuple(words))
        return tuple(groups)

    def _fields(self, node: MappingNode, allowed: frozenset[str]) -> dict[str, Node]:
        """A mapping's values by key; an unknown key or one given twice is a problem."""
        fields: dict[str, Node] = {}
        for k, v in node.value:
            key = self._scalar(k)
            if key not in allowed:
                self.error(k, f"unknown key '{key}' (allowed: {', '.join(sorted(allowed))})")
            elif key in fields:
                self.error(k, f"key '{key}' is given twice")
            fields[key] = v
        return fields

    def _entry(self, node: Node, smalltalk: bool) -> Entry | None:
        if not isinstance(node, MappingNode):
            self.error(node, "an entry must be a mapping with id, questions and passage/answer (or reply)")
            return None
        fields = self._fields(node, SMALLTALK_KEYS if smalltalk else FACT_KEYS)
        entry_id = self._text(fields.get("id"), "id", node)
        label = f"entry '{entry_id}'" if entry_id else "an entry"
        if not entry_id:
            return None
        questions = self._strings(fields.get("questions"), "questions", entry_id, node)
        english = self._strings(fields.get("english"), "english", entry_id, node, required=False)
        if not questions:
            self.error(fields.get("questions", node), f"{label} is empty: it has no questions")
        line = node.start_mark.line + 1
        if smalltalk:
            reply = self._text(fields.get("reply"), "reply", node, label)
            if not reply:
                return None
            return Entry(entry_id, tuple(questions), tuple(english), reply=reply, line=line)
        passage_id = self._text(fields.get("passage"), "passage", node, label)
        answer = self._text(fields.get("answer"), "answer", node, label)
        if not passage_id or not answer:
            return None
        passage = self.article.passage(passage_id)
        if passage is None:
            self.error(fields["passage"], f"{label}: unknown passage id '{passage_id}'")
            return None
        if answer not in passage.text:
            self.error(fields["answer"], f"{label}: the short answer «{answer}» is not inside passage {passage_id}")
            return None
        button = self._optional_text(fields.get("label"), "label", label)
        if button is not None:
            self._label_lines[entry_id] = fields["label"].start_mark.line + 1
            for message in label_problems(button, lambda w: True):  # whole words are checked with the table
                if "not whole" not in message:
                    self.error(fields["label"], f"{label}: {message}")
        topic = self._optional_text(fields.get("topic"), "topic", label)
        if topic is not None:
            self._topic_lines[entry_id] = fields["topic"].start_mark.line + 1
        items = self._items(fields.get("items"), passage.text, passage_id, answer, label)
        restates = self._optional_text(fields.get("restates"), "restates", label)
        if restates is not None:
            self._restates_lines[entry_id] = fields["restates"].start_mark.line + 1
        whole = self._flag(fields.get("whole"), "whole", label)
        return Entry(
            entry_id,
            tuple(questions),
            tuple(english),
            passage=passage_id,
            answer=answer,
            line=line,
            label=button,
            topic=topic,
            items=items,
            restates=restates,
            whole=whole,
        )

    def _flag(self, node: Node | None, key: str, label: str) -> bool:
        if node is None:
            return False
        if not isinstance(node, ScalarNode) or not node.tag.endswith(":bool"):
            self.error(node, f"{label}: '{key}' must be true or false")
            return False
        return str(node.value).lower() in ("true", "yes", "on")

    def _optional_text(self, node: Node | None, key: str, label: str) -> str | None:
        if node is None:
            return None
        if not isinstance(node, ScalarNode) or node.tag.endswith(":null") or not str(node.value).strip():
            self.error(node, f"{label}: '{key}' must be non-empty text")
            return None
        return " ".join(str(node.value).split())

    def _items(self, node: Node | None, text: str, passage_id: str, answer: str, label: str) -> tuple[str, ...]:
        """A list answer's items: each copied from the short answer, in the article's order."""
        if node is None:
            return ()
        if not isinstance(node, SequenceNode):
            self.error(node, f"{label}: 'items' must be a list of texts from the passage")
            return ()
        items: list[str] = []
        pos = 0
        for item in node.value:
            value = str(item.value).strip() if isinstance(item, ScalarNode) and not item.tag.endswith(":null") else ""
            if not value:
                self.error(item, f"{label}: every item of 'items' must be non-empty text")
                return ()
            if value not in text:
                self.error(item, f"{label}: the list item «{value}» is not inside passage {passage_id}")
                return ()
            if value not in answer:
                self.error(item, f"{label}: the list item «{value}» is not part of the short answer")
                return ()
            found = answer.find(value, pos)
            if found < 0:
                self.error(
                    item, f"{label}: the list item «{value}» is out of order; list the items as the article does"
                )
                return ()
            pos = found + len(value)
            items.append(value)
        if len(items) < 2:
            self.error(node, f"{label}: 'items' needs at least two items (or leave it out)")
            return ()
        return tuple(items)

    def _topics(self, node: Node) -> list[str]:
        named = self._names(node, "'topics' must be a list of topic names, in the order /questions shows them", "topic")
        for value, item in named:
            self._topic_lines[f"topics:{value}"] = item.start_mark.line + 1
        return [value for value, _ in named]

    def _check_labels(self, entries: list[Entry]) -> None:
        """Every fact entry's label: whole words, and distinct from every other label."""
        facts = [e for e in entries if not e.is_smalltalk]
        known = self._whole_words(facts)
        owner: dict[str, Entry] = {}
        for entry in facts:
            if entry.label is None:
                self.problems.append(
                    Problem(
                        self.name,
                        entry.line,
                        f"entry '{entry.id}' has no label; its buttons show its first question, shortened",
                        "warning",
                    )
                )
                continue
            line = self._label_lines.get(entry.id, entry.line)
            for message in label_problems(entry.label, known):
                if "not whole" in message:
                    self.problems.append(Problem(self.name, line, f"entry '{entry.id}': {message}"))
            key = self.normalize(entry.label)
            other = owner.get(key)
            if other is not None:
                self.problems.append(
                    Problem(
                        self.name,
                        line,
                        f"entry '{entry.id}': the label «{entry.label}» is the same as the label of entry '{other.id}' "
                        f"(line {self._label_lines.get(other.id, other.line)}); every label must be different",
                    )
                )
            owner.setdefault(key, entry)

    def _whole_words(self, facts: list[Entry]) -> Callable[[str], bool]:
        """Whether a word is whole: in hazm's lexicon, or written in the article or the table."""
        from bot.display import WORD, lexicon, strip_zwnj

        lex = lexicon()
        vocabulary: set[str] | None = None

        def known(word: str) -> bool:
            nonlocal vocabulary
            if lex.is_word(word):
                return True
            if vocabulary is None:
                texts = [p.text for p in self.article.passages]
                for e in facts:
                    texts += [*e.questions, e.answer or ""]
                vocabulary = {strip_zwnj(w) for t in texts for w in WORD.findall(t)}
            return word in vocabulary

        return known

    def _check_topics(self, entries: list[Entry]) -> None:
        facts = [e for e in entries if not e.is_smalltalk]
        if not self.topics and not any(e.topic for e in facts):
            return
        for entry in facts:
            if entry.topic is None:
                self.problems.append(
                    Problem(
                        self.name,
                        entry.line,
                        f"entry '{entry.id}' has no topic; /questions lists it under the last group",
                        "warning",
                    )
                )
            elif self.topics and entry.topic not in self.topics:
                self.problems.append(
                    Problem(
                        self.name,
                        self._topic_lines.get(entry.id, entry.line),
                        f"entry '{entry.id}': the topic «{entry.topic}» is not one of the 'topics' listed at the top",
                    )
                )

    def _check_whole(self, entries: list[Entry]) -> None:
        """At most one entry answers what the article as a whole is about."""
        for entry in [e for e in entries if e.whole][1:]:
            self.problems.append(
                Problem(self.name, entry.line, f"entry '{entry.id}': only one entry may be 'whole: true'")
            )

    def _check_restates(self, entries: list[Entry]) -> None:
        """'restates' names another fact entry, quoting another passage."""
        facts = {e.id: e for e in entries if not e.is_smalltalk}
        for entry in entries:
            if entry.restates is None:
                continue
            other = facts.get(entry.restates)
            line = self._restates_lines.get(entry.id, entry.line)
            if other is None or other.id == entry.id:
                message = f"entry '{entry.id}': 'restates' must name another fact entry, not '{entry.restates}'"
            elif other.passage == entry.passage:
                message = f"entry '{entry.id}': 'restates' names '{other.id}', which quotes the same passage"
            else:
                continue
            self.problems.append(Problem(self.name, line, message))

    def _check_unique(self, entries: list[Entry]) -> None:
        seen_ids: dict[str, Entry] = {}
        owner: dict[str, str] = {}
        for entry in entries:
            if entry.id in seen_ids:
                self.problems.append(
                    Problem(
                        self.name,
                        entry.line,
                        f"entry id '{entry.id}' is used twice (first at line {seen_ids[entry.id].line})",
                    )
                )
            seen_ids.setdefault(entry.id, entry)
            for phrasing in (*entry.questions, *entry.english):
                # a phrasing of question words only («چه خبر؟») normalises to nothing: compare it as typed
                key = self.normalize(phrasing) or " ".join(phrasing.split())
                if not key:
                    continue
                other = owner.get(key)
                if other is not None and other != entry.id:
                    self.problems.append(
                        Problem(
                            self.name,
                            self._line_of(entry, phrasing),
                            f"the phrasing «{phrasing}» of entry '{entry.id}' is the same, after normalisation, as one of entry '{other}'",
                        )
                    )
                owner.setdefault(key, entry.id)

    def _line_of(self, entry: Entry, phrasing: str) -> int:
        return self._lines.get((entry.id, phrasing), entry.line)

    # -- typed field readers, each reporting its own problems --------------------------

    def _scalar(self, node: Node) -> str:
        return str(node.value) if isinstance(node, ScalarNode) else ""

    def _text(self, node: Node | None, key: str, parent: Node, label: str = "an entry") -> str:
        if node is None:
            self.error(parent, f"{label} has no '{key}'")
            return ""
        if not isinstance(node, ScalarNode) or node.tag.endswith(":null"):
            self.error(node, f"{label}: '{key}' must be text")
            return ""
        value = str(node.value).strip()
        if not value:
            self.error(node, f"{label}: '{key}' is empty")
        return value

    def _strings(self, node: Node | None, key: str, entry_id: str, parent: Node, required: bool = True) -> list[str]:
        label = f"entry '{entry_id}'"
        if node is None:
            if required:
                self.error(parent, f"{label} has no '{key}' list")
            return []
        if not isinstance(node, SequenceNode):
            self.error(node, f"{label}: '{key}' must be a list of texts")
            return []
        out: list[str] = []
        for item in node.value:
            if not isinstance(item, ScalarNode) or item.tag.endswith(":null") or not str(item.value).strip():
                self.error(item, f"{label}: every item of '{key}' must be non-empty text")
                continue
            value = str(item.value).strip()
            self._lines.setdefault((entry_id, value), item.start_mark.line + 1)
            out.append(value)
        return out
