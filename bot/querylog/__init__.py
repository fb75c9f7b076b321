"""The bot's database (``BOT_DB``): the query log, the table versions and the update claims.

``open_database`` picks the backend: a PostgreSQL URL selects PostgreSQL, a file path (or
nothing) the embedded SQLite file. Both implement ``Database`` (``bot/querylog/api.py``).
"""

from __future__ import annotations

from pathlib import Path

from bot.querylog.api import (
    Database,
    Feedback,
    NewVersion,
    QueryLog,
    Stats,
    StatsStatus,
    TableHistory,
    TableVersion,
    UpdateClaims,
    content_hash,
)
from bot.querylog.sqlite import SqliteQueryLog
from bot.querylog.target import is_postgres

__all__ = [
    "Database",
    "Feedback",
    "NewVersion",
    "QueryLog",
    "SqliteQueryLog",
    "Stats",
    "StatsStatus",
    "TableHistory",
    "TableVersion",
    "UpdateClaims",
    "content_hash",
    "open_database",
]


def open_database(
    target: Path | str, *, key: str | None = None, key_file: Path | None = None, state_dir: Path | None = None
) -> Database:
    """The backend for ``target`` (not yet opened: call ``await db.open()``). Without
    ``key`` or ``key_file``, SQLite keeps its key beside the file and PostgreSQL in
    ``state_dir``/querylog.key."""
    if is_postgres(target):
        from bot.querylog.postgres import PostgresQueryLog  # psycopg is imported only for PostgreSQL

        if key_file is None and state_dir is not None:
            key_file = state_dir / "querylog.key"
        return PostgresQueryLog(str(target), key=key, key_file=key_file)
    return SqliteQueryLog(Path(target), key=key, key_file=key_file)
