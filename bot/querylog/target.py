"""What ``BOT_DB`` names: a SQLite file (a path, or nothing) or a PostgreSQL server (a URL)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(target: Path | str) -> bool:
    """Whether ``target`` is a PostgreSQL URL rather than a SQLite file."""
    return isinstance(target, str) and target.startswith(POSTGRES_SCHEMES)


def redact(url: str) -> str:
    """The URL without its password, for logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def password(target: Path | str) -> str | None:
    """The password in a PostgreSQL URL (to redact it from every log line)."""
    return urlsplit(target).password if is_postgres(target) and isinstance(target, str) else None
