"""Runtime configuration read from environment variables (see ``.env.example``)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bot import paths
from bot.querylog.target import POSTGRES_SCHEMES, is_postgres

TOKEN_PATTERN = re.compile(r"^\d+:[A-Za-z0-9_-]{30,}$")
_SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
DEFAULT_FLOOD_LIMIT = 8
# Telegram asks bots to stay under about 30 messages a second overall.
DEFAULT_SEND_RATE = 30
DEFAULT_WEBHOOK_PORT = 8443
DEFAULT_TABLE_BACKUPS = 10
MIN_LOG_KEY = 16


class ConfigError(ValueError):
    """A configuration problem; its message is one line meant for the operator."""


@dataclass(frozen=True, slots=True)
class Config:
    """Everything the Telegram bot needs besides the article and the table."""

    token: str | None = None
    admin_ids: frozenset[int] = field(default_factory=frozenset)
    base_url: str | None = None
    base_file_url: str | None = None
    db: Path | str = field(default_factory=lambda: default_db_path())  # a SQLite file, or a postgresql:// URL
    log_level: str = "INFO"
    webhook_url: str | None = None
    webhook_secret: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = DEFAULT_WEBHOOK_PORT
    flood_limit: int = DEFAULT_FLOOD_LIMIT
    send_rate: int = DEFAULT_SEND_RATE  # outgoing messages per second over all chats; 0: no overall cap
    table_backups: int = DEFAULT_TABLE_BACKUPS  # previous tables an upload keeps beside the table
    log_key: str | None = None  # keys the query log's user hashes; None: a key file
    log_key_file: Path | None = None  # None: beside the database (<db>.key)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ, *, require_token: bool = True) -> Config:
        """Read and validate the configuration; raise ConfigError (one line) on a bad value.

        With ``require_token=False`` (the local harness) the token is not read at all."""
        env = {k: v.strip() for k, v in environ.items() if isinstance(v, str)}
        return cls(
            token=parse_token(env.get("TELEGRAM_BOT_TOKEN")) if require_token else None,
            admin_ids=parse_admin_ids(env.get("BOT_ADMIN_IDS", "")),
            base_url=_url(env, "TELEGRAM_BASE_URL"),
            base_file_url=_url(env, "TELEGRAM_BASE_FILE_URL"),
            db=parse_db(env.get("BOT_DB")),
            log_level=parse_log_level(env.get("BOT_LOG_LEVEL") or "INFO"),
            webhook_url=_url(env, "BOT_WEBHOOK_URL"),
            webhook_secret=parse_webhook_secret(env.get("BOT_WEBHOOK_SECRET")),
            webhook_listen=env.get("BOT_WEBHOOK_LISTEN") or "127.0.0.1",
            webhook_port=_int(env, "BOT_WEBHOOK_PORT", DEFAULT_WEBHOOK_PORT, 1, 65535),
            flood_limit=_int(env, "BOT_FLOOD_LIMIT", DEFAULT_FLOOD_LIMIT, 0, 10_000),
            send_rate=_int(env, "BOT_SEND_RATE", DEFAULT_SEND_RATE, 0, 10_000),
            table_backups=_int(env, "BOT_TABLE_BACKUPS", DEFAULT_TABLE_BACKUPS, 0, 1000),
            log_key=parse_log_key(env.get("BOT_LOG_KEY")),
            log_key_file=Path(env["BOT_LOG_KEY_FILE"]) if env.get("BOT_LOG_KEY_FILE") else None,
        )

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.admin_ids

    @property
    def postgres(self) -> bool:
        """Whether BOT_DB names a PostgreSQL server (else a SQLite file)."""
        return is_postgres(self.db)

    @property
    def webhook_path(self) -> str:
        """The local URL path the webhook server listens on (the path of BOT_WEBHOOK_URL)."""
        if not self.webhook_url:
            return ""
        return urlsplit(self.webhook_url).path.strip("/")


def default_db_path() -> Path:
    """``queries.sqlite3`` in the state directory (``var/`` in a checkout; see bot/paths.py)."""
    return paths.state_dir() / "queries.sqlite3"


def parse_db(value: str | None) -> Path | str:
    """BOT_DB: a postgresql:// URL stays a URL; anything else is a SQLite file; nothing, the default file."""
    if not value:
        return default_db_path()
    if is_postgres(value):
        return value
    if "://" in value:
        raise ConfigError(f"BOT_DB must be a SQLite file path or a {' or '.join(POSTGRES_SCHEMES)} URL")
    return Path(value)


def parse_token(value: str | None) -> str:
    """The bot token, validated for shape only (never echoed in errors: it is a secret)."""
    if not value:
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather and export it (see .env.example), "
            "or try the bot locally with `bot chat`"
        )
    if not TOKEN_PATTERN.match(value):
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN is malformed: expected '<digits>:<30+ letters, digits, _ or ->' as given by @BotFather"
        )
    return value


def parse_admin_ids(value: str) -> frozenset[int]:
    """Comma-separated numeric Telegram user ids; empty means no admins."""
    ids: set[int] = set()
    for item in value.split(","):
        item = item.strip()
        if not item:
            continue
        if not item.isdigit() or not item.isascii():
            raise ConfigError(f"BOT_ADMIN_IDS must be comma-separated numeric Telegram user ids; {item!r} is not one")
        ids.add(int(item))
    return frozenset(ids)


def parse_log_level(value: str) -> str:
    level = value.upper()
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
        raise ConfigError(f"BOT_LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not {value!r}")
    return level


def parse_webhook_secret(value: str | None) -> str | None:
    if not value:
        return None
    if not _SECRET_PATTERN.match(value):
        raise ConfigError("BOT_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
    return value


def parse_log_key(value: str | None) -> str | None:
    if not value:
        return None
    if len(value) < MIN_LOG_KEY:
        raise ConfigError(f"BOT_LOG_KEY must be at least {MIN_LOG_KEY} characters (a random secret, never echoed)")
    return value


def _url(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(name)
    if not value:
        return None
    if not value.startswith(("http://", "https://")):
        raise ConfigError(f"{name} must be an http:// or https:// URL, not {value!r}")
    return value


def _int(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    value = env.get(name)
    if not value:
        return default
    if not value.isdigit() or not low <= int(value) <= high:
        raise ConfigError(f"{name} must be a whole number from {low} to {high}, not {value!r}")
    return int(value)
