"""Where the project's files are: the article, the table and the development set.

Overridable with BOT_ARTICLE, BOT_TABLE and BOT_DEVSET; the defaults are the files in
the project tree.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def article_path() -> Path:
    """The article file: $BOT_ARTICLE, else the one text file under seeds/."""
    if env := os.environ.get("BOT_ARTICLE"):
        return Path(env)
    found = sorted((ROOT / "seeds").glob("*.txt"))
    return found[0] if found else ROOT / "seeds" / "article.txt"


def table_path() -> Path:
    """The Q&A table: $BOT_TABLE, else data/qa.yaml."""
    return Path(os.environ.get("BOT_TABLE") or ROOT / "data" / "qa.yaml")


def devset_path() -> Path:
    """The development questions: $BOT_DEVSET, else data/devset.tsv."""
    return Path(os.environ.get("BOT_DEVSET") or ROOT / "data" / "devset.tsv")
