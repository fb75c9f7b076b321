"""The engine the bot is serving, swappable at run time (``/reload``, an uploaded table).

Readers take ``store.engine`` without a lock: the swap is a single attribute
assignment, so a reader sees either the old engine or the new one, never a half-built
one. ``reload`` and ``install`` are serialised by a lock and keep the old engine on any
error, returning the problems instead of raising.
"""

from __future__ import annotations

import glob
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from bot.admin_text import entry_names, problem_lines
from bot.article import Article, load_article
from bot.display import fa_digits
from bot.engine import Engine
from bot.normalize import PersianNormalizer
from bot.table import Entry, Problem, Table, parse_table

MAX_LISTED_PROBLEMS = 10
MAX_LISTED_IDS = 15
DEFAULT_BACKUPS = 10  # previous tables kept beside the table after uploads


@dataclass(frozen=True)
class ReloadSummary:
    """What changed between the old table and the new one."""

    entries: int
    phrasings: int
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]
    seconds: float
    labels: dict[str, str] = field(default_factory=dict)  # entry id → its label (old or new table)

    def text(self) -> str:
        """A short Persian summary for the admin: entries by label and id, Persian digits."""
        n = fa_digits
        lines = [
            f"✅ جدول بارگذاری شد: {n(str(self.entries))} مدخل، {n(str(self.phrasings))} عبارت، "
            f"در {n(str(round(self.seconds * 1000)))} میلی‌ثانیه."
        ]
        for label, ids in (("افزوده", self.added), ("حذف‌شده", self.removed), ("تغییریافته", self.changed)):
            if ids:
                lines.append(f"{label} ({n(str(len(ids)))}): {entry_names(ids, self.labels, MAX_LISTED_IDS)}")
        if not (self.added or self.removed or self.changed):
            lines.append("مدخل‌ها تغییری نکرده‌اند.")
        return "\n".join(lines)


@dataclass(frozen=True)
class ReloadResult:
    """The outcome of a reload or an upload: a summary, or the problems that stopped it."""

    ok: bool
    problems: tuple[Problem, ...]
    summary: ReloadSummary | None
    backup: Path | None = None

    def text(self) -> str:
        """Persian text for the admin: the summary, or why the table was not changed
        (every problem in Persian, with its file:line)."""
        if self.ok and self.summary is not None:
            text = self.summary.text()
            if self.backup is not None:
                text += f"\nنسخهٔ قبلی نگه داشته شد: {self.backup.name}"
            warnings = [p for p in self.problems if p.severity != "error"]
            if warnings:
                text += "\nهشدارها:\n" + problem_lines(warnings)
            return text
        errors = [p for p in self.problems if p.severity == "error"] or list(self.problems)
        return "❌ جدول تغییر نکرد؛ خطاها:\n" + problem_lines(errors)


class StoreError(Exception):
    """The initial table (or article) could not be loaded."""

    def __init__(self, problems: tuple[Problem, ...] | list[Problem]) -> None:
        self.problems = tuple(problems)
        listed = "\n".join(f"  {p}" for p in self.problems[:MAX_LISTED_PROBLEMS])
        more = len(self.problems) - MAX_LISTED_PROBLEMS
        if more > 0:
            listed += f"\n  ... and {more} more"
        super().__init__(f"cannot load the Q&A table ({len(self.problems)} problem(s)):\n{listed}")


class EngineStore:
    """Holds the current engine and replaces it safely."""

    def __init__(
        self,
        engine: Engine,
        article_path: Path,
        table_path: Path,
        *,
        backups: int = DEFAULT_BACKUPS,
        table_bytes: bytes = b"",
    ) -> None:
        self._engine = engine
        self.article_path = Path(article_path)
        self.table_path = Path(table_path)
        self.backups = backups
        self.table_bytes = table_bytes  # the bytes of the table being served
        self._lock = threading.Lock()

    @classmethod
    def open(cls, article_path: Path, table_path: Path, *, backups: int = DEFAULT_BACKUPS) -> EngineStore:
        """Load the article and the table; raise StoreError listing the problems if invalid.
        ``backups``: how many previous tables an upload keeps beside the table."""
        article_path, table_path = Path(article_path), Path(table_path)
        engine, problems, raw = _build_from_disk(article_path, table_path)
        if engine is None:
            raise StoreError(problems)
        return cls(engine, article_path, table_path, backups=backups, table_bytes=raw)

    @property
    def engine(self) -> Engine:
        """The engine to answer with now (take the reference once per message)."""
        return self._engine

    def reload(self) -> ReloadResult:
        """Re-read the article and the table from disk; swap only if both are valid."""
        with self._lock:
            start = time.perf_counter()
            engine, problems, raw = _build_from_disk(self.article_path, self.table_path)
            if engine is None:
                return ReloadResult(False, problems, None)
            return self._swap(engine, problems, start, raw)

    def install(self, data: bytes, filename: str) -> ReloadResult:
        """Validate an uploaded table against the served article; if valid, write it to
        the table path (keeping the old file as a timestamped backup, the newest
        ``backups`` of them; none for an upload identical to the file) and swap."""
        with self._lock:
            start = time.perf_counter()
            old = self._engine
            engine, problems = _build(old.article, data, filename, self.table_path)
            if engine is None:
                return ReloadResult(False, problems, None)
            try:
                backup = _write_with_backup(self.table_path, data, self.backups)
            except OSError as exc:
                problem = Problem(str(self.table_path), 0, f"cannot write the table: {exc.strerror or exc}")
                return ReloadResult(False, (*problems, problem), None)
            return self._swap(engine, problems, start, data, backup)

    def _swap(
        self, engine: Engine, problems: tuple[Problem, ...], start: float, raw: bytes, backup: Path | None = None
    ) -> ReloadResult:
        summary = _summarise(self._engine.table, engine.table, time.perf_counter() - start)
        self._engine, self.table_bytes = engine, raw
        return ReloadResult(True, problems, summary, backup)


# -- building ------------------------------------------------------------------------


def _build_from_disk(article_path: Path, table_path: Path) -> tuple[Engine | None, tuple[Problem, ...], bytes]:
    try:
        article = load_article(article_path)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        return None, (Problem(str(article_path), 0, f"cannot read the article: {exc}"),), b""
    try:
        raw = table_path.read_bytes()
    except OSError as exc:
        return None, (Problem(str(table_path), 0, f"cannot read the file: {exc.strerror or exc}"),), b""
    engine, problems = _build(article, raw, str(table_path), table_path)
    return engine, problems, raw


@lru_cache(maxsize=1)
def _checker() -> PersianNormalizer:
    """The normaliser that tells phrasings apart when a table is checked, kept from one
    reload to the next: most phrasings are the same each time, and it remembers them."""
    return PersianNormalizer()


def _build(article: Article, raw: bytes, name: str, path: Path) -> tuple[Engine | None, tuple[Problem, ...]]:
    """Validate and index; any failure (even an unexpected exception) becomes a problem."""
    try:
        table: Table = parse_table(raw, name, article, _checker().normalize, path=path)
        if not table.ok:
            return None, tuple(table.problems)
        return Engine.build(article, table), tuple(table.problems)
    except Exception as exc:
        return None, (Problem(name, 0, f"cannot build the engine: {type(exc).__name__}: {exc}"),)


def _summarise(old: Table, new: Table, seconds: float) -> ReloadSummary:
    before = {e.id: e for e in old.entries}
    after = {e.id: e for e in new.entries}
    labels = {e.id: e.label for e in (*old.entries, *new.entries) if e.label}
    return ReloadSummary(
        entries=len(new.entries),
        phrasings=sum(len(e.questions) + len(e.english) for e in new.entries),
        added=tuple(i for i in after if i not in before),
        removed=tuple(i for i in before if i not in after),
        changed=tuple(i for i in after if i in before and _content(after[i]) != _content(before[i])),
        seconds=seconds,
        labels=labels,
    )


def _content(entry: Entry) -> tuple[object, ...]:
    # Not the line number: moving an entry in the file is not a change.
    return (
        entry.questions,
        entry.english,
        entry.passage,
        entry.answer,
        entry.reply,
        entry.label,
        entry.topic,
        entry.items,
    )


# -- writing -------------------------------------------------------------------------


def _write_with_backup(target: Path, data: bytes, keep: int) -> Path | None:
    """Write ``data`` to ``target`` atomically. The previous file is kept as
    ``<name>.bak-YYYYmmdd-HHMMSS`` (UTC) beside it unless it is already the newest
    backup; only the newest ``keep`` backups stay. Identical data writes nothing.
    Returns the new backup's path, if one was made."""
    old = target.read_bytes() if target.exists() else None
    if old == data:
        return None
    directory = target.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    tmp = Path(tmp_name)
    backup: Path | None = None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        os.chmod(tmp, mode)
        existing = _backups(target)
        if old is not None and keep > 0 and not (existing and existing[-1].read_bytes() == old):
            backup = _backup_name(target)
            shutil.copy2(target, backup)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        if backup is not None:
            backup.unlink(missing_ok=True)
        raise
    for stale in _backups(target)[: -keep or None]:
        stale.unlink(missing_ok=True)
    return backup


def _backups(target: Path) -> list[Path]:
    """The backups of ``target``, oldest first (by stamp, then by same-second counter)."""
    prefix = f"{target.name}.bak-"

    def order(path: Path) -> tuple[str, int]:
        rest = path.name[len(prefix) :]  # YYYYmmdd-HHMMSS, then -N for a second one that second
        n = rest[16:]
        return rest[:15], int(n) if n.isdigit() else 0

    return sorted(target.parent.glob(f"{glob.escape(prefix)}*"), key=order)


def _backup_name(target: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    candidate = target.with_name(f"{target.name}.bak-{stamp}")
    n = 1
    while candidate.exists():  # two uploads within one second
        candidate = target.with_name(f"{target.name}.bak-{stamp}-{n}")
        n += 1
    return candidate
