"""The ``bot run`` and ``bot chat`` sub-commands."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from pathlib import Path

from bot.telegram.config import Config, ConfigError

log = logging.getLogger("bot.telegram")
DEMO = ("/start", "فروزان کیه؟", "وزارت بهداشت کی تشکیل شد؟")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``run`` and ``chat`` to the ``bot`` command line."""
    run = subparsers.add_parser("run", help="run the bot on Telegram (long polling, or a webhook)")
    run.add_argument(
        "--webhook", action="store_true", help="receive updates on a webhook (also implied by BOT_WEBHOOK_URL)"
    )
    run.set_defaults(func=cmd_run)

    chat = subparsers.add_parser("chat", help="chat with the bot in this terminal (local harness, no Telegram)")
    chat.add_argument("--admin", action="store_true", help="act as an admin (/reload, /stats, table uploads)")
    chat.add_argument("--user-id", type=int, default=None, help="the Telegram user id to act as")
    chat.add_argument("--db", type=Path, default=None, help="query log file (default: a temporary one)")
    chat.add_argument("--demo", action="store_true", help="first send /start and two sample questions, as if typed")
    chat.set_defaults(func=cmd_chat)


def _error(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def cmd_run(args: argparse.Namespace) -> int:
    """Run the bot on Telegram until SIGINT/SIGTERM; exit 2 on bad configuration."""
    from telegram.error import InvalidToken, NetworkError

    from bot import paths
    from bot.health import heartbeat_path
    from bot.querylog import open_database
    from bot.querylog.target import password
    from bot.store import EngineStore, StoreError
    from bot.telegram import serve
    from bot.telegram.app import FETCH_BOUND, build_application
    from bot.telegram.logs import configure_logging

    try:
        config = Config.from_env(os.environ)
    except ConfigError as exc:
        return _error(str(exc))
    webhook = bool(args.webhook or config.webhook_url)
    if webhook and not config.webhook_url:
        return _error("--webhook needs BOT_WEBHOOK_URL (the public https:// URL Telegram should call)")
    if webhook and not config.webhook_secret:
        return _error(
            "webhook mode needs BOT_WEBHOOK_SECRET (1-256 characters of A-Z, a-z, 0-9, _ and -): "
            "without it anyone who finds the URL can post forged updates"
        )
    secrets = [config.token, config.webhook_secret, config.log_key]
    if (db_password := password(config.db)) and len(db_password) >= 8:  # a shorter one would mangle every line
        secrets.append(db_password)
    configure_logging(config.log_level, [s for s in secrets if s])
    try:
        table = paths.editable_table(args.table)  # installed: a copy in the state directory
        store = EngineStore.open(args.article, table, backups=config.table_backups)
    except OSError as exc:
        return _error(f"cannot set up the table in {paths.state_dir()}: {exc}")
    except StoreError as exc:
        return _error(str(exc))
    database = open_database(config.db, key=config.log_key, key_file=config.log_key_file, state_dir=paths.state_dir())
    application = build_application(
        config, store, database, dedupe=webhook, heartbeat=heartbeat_path(paths.state_dir())
    )
    log.info(
        "starting the bot (%s): table %s with %d entries, query log %s, %d admin(s), API %s",
        f"webhook on {config.webhook_listen}:{config.webhook_port}" if webhook else "long polling",
        table,
        len(store.engine.table.entries),
        database.describe(),
        len(config.admin_ids),
        config.base_url or "api.telegram.org",
    )
    try:
        serve.run(
            application,
            fetch_bound=FETCH_BOUND,
            webhook=serve.Webhook(
                listen=config.webhook_listen,
                port=config.webhook_port,
                url_path=config.webhook_path,
                url=config.webhook_url or "",
                secret=config.webhook_secret or "",
            )
            if webhook
            else None,
        )
    except InvalidToken:
        return _error("Telegram rejected TELEGRAM_BOT_TOKEN (unauthorized); check the token with @BotFather")
    except NetworkError as exc:
        print(f"error: cannot reach the Bot API: {exc}", file=sys.stderr)
        return 1
    log.info("stopped")
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    """Chat with the bot in the terminal through the local harness."""
    from bot import paths
    from bot.store import EngineStore, StoreError
    from bot.telegram.chat import chat
    from bot.telegram.logs import configure_logging

    try:
        config = Config.from_env(os.environ, require_token=False)
    except ConfigError as exc:
        return _error(str(exc))
    # Quiet by default: log lines would interleave with the conversation.
    configure_logging(config.log_level if os.environ.get("BOT_LOG_LEVEL") else "WARNING")
    try:
        store = EngineStore.open(args.article, paths.editable_table(args.table))
    except OSError as exc:
        return _error(f"cannot set up the table in {paths.state_dir()}: {exc}")
    except StoreError as exc:
        return _error(str(exc))
    return asyncio.run(
        chat(
            store,
            admin=args.admin,
            user_id=args.user_id,
            db=args.db,
            flood_limit=config.flood_limit,
            stdin=sys.stdin,
            out=sys.stdout,
            demo=DEMO if args.demo else (),
        )
    )
