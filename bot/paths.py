"""Where the bot's files are: the article pack and the state directory.

The article pack (the article, the Q&A table, the development questions) ships inside
the package: the wheel maps the repository's ``seeds/`` and ``data/`` to ``bot/seeds``
and ``bot/data``, read here with ``importlib.resources``. In a checkout the repository's
own folders are used, so ``data/qa.yaml`` stays the file people edit. ``BOT_ARTICLE``,
``BOT_TABLE`` and ``BOT_DEVSET`` (or ``--article`` / ``--table`` / ``--devset``) override.

State (the SQLite query log and its key, the heartbeat, and, when installed, the
editable copy of the table) lives in the state directory: ``$BOT_STATE_DIR``, else
systemd's ``$STATE_DIRECTORY``, else ``var/`` in a checkout, else
``$XDG_STATE_HOME/mehr-article-bot`` (``~/.local/state/mehr-article-bot``).
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import shutil
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "mehr-article-bot"
TABLE_NAME = "qa.yaml"
_extracted = contextlib.ExitStack()  # package data that had to be copied out (zip imports)
atexit.register(_extracted.close)


def in_checkout() -> bool:
    """Whether the package runs from the project's repository (not an installed copy)."""
    return (ROOT / "pyproject.toml").is_file() and (ROOT / "seeds").is_dir()


def pack_dir(name: str) -> Path:
    """A folder of the article pack (``seeds`` or ``data``): the copy shipped in the
    package, else the checkout's own."""
    shipped = resources.files("bot") / name
    if shipped.is_dir():
        return _on_disk(shipped)
    return ROOT / name


def article_path() -> Path:
    """The article file: $BOT_ARTICLE, else the one text file of the pack's seeds."""
    if env := os.environ.get("BOT_ARTICLE"):
        return Path(env)
    seeds = pack_dir("seeds")
    found = sorted(seeds.glob("*.txt"))
    return found[0] if found else seeds / "article.txt"


def shipped_table() -> Path:
    """The table that comes with the article pack (read-only when installed)."""
    return pack_dir("data") / TABLE_NAME


def table_path() -> Path:
    """The Q&A table: $BOT_TABLE; in a checkout data/qa.yaml; installed, the editable
    copy in the state directory once there is one, else the shipped table."""
    if env := os.environ.get("BOT_TABLE"):
        return Path(env)
    if in_checkout():
        return ROOT / "data" / TABLE_NAME
    copy = state_dir() / TABLE_NAME
    return copy if copy.is_file() else shipped_table()


def devset_path() -> Path:
    """The development questions: $BOT_DEVSET, else the pack's devset.tsv."""
    return Path(os.environ.get("BOT_DEVSET") or pack_dir("data") / "devset.tsv")


def state_dir() -> Path:
    """Where the bot keeps what it writes (see the module docstring)."""
    if env := os.environ.get("BOT_STATE_DIR"):
        return Path(env)
    if systemd := os.environ.get("STATE_DIRECTORY"):  # StateDirectory= in the unit
        return Path(systemd.split(":")[0])
    if in_checkout():
        return ROOT / "var"
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / APP_NAME


def editable_table(table: Path) -> Path:
    """The table the bot may rewrite (uploads, /undo, following other replicas): ``table``
    itself, unless it is the one shipped inside the installed package; then its copy
    in the state directory, made from the shipped one on first start."""
    if in_checkout() or table.resolve() != shipped_table().resolve():
        return table
    copy = state_dir() / TABLE_NAME
    if not copy.exists():
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(table, copy)
        log.info("copied the shipped Q&A table to %s: edit or upload tables there", copy)
    return copy


def _on_disk(item: Traversable) -> Path:
    if isinstance(item, Path):
        return item
    return _extracted.enter_context(resources.as_file(item))
