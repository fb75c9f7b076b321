"""Building the python-telegram-bot ``Application`` the bot runs on."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from telegram import BotCommand, BotCommandScopeChat, BotCommandScopeDefault, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import ApplicationBuilder, Defaults

from bot.querylog import Database
from bot.store import EngineStore
from bot.telegram import background, handlers, profile, texts
from bot.telegram.config import Config, ConfigError
from bot.telegram.download import MAX_DOWNLOAD_BYTES, CappedDownloadRequest
from bot.telegram.flood import FloodGuard
from bot.telegram.handlers import claims
from bot.telegram.handlers.common import BotApplication, Services
from bot.telegram.ordering import PerChatUpdateProcessor
from bot.telegram.retry import RetryingRateLimiter
from bot.versions import TableVersions

log = logging.getLogger(__name__)

CONCURRENT_UPDATES = 16
# Updates fetched but not yet handled, at most (groups waiting for their send limit aside):
# about two seconds of answers at Telegram's 30 messages a second. What a hard kill can lose.
FETCH_BOUND = 64
CONNECTION_POOL = 256  # PTB's default for the Bot API transport
FLOOD_WINDOW_SECONDS = 10.0

BuilderHook = Callable[["ApplicationBuilder[Any, Any, Any, Any, Any, Any]"], object]


def build_application(
    config: Config,
    store: EngineStore,
    querylog: Database,
    *,
    builder_hook: BuilderHook | None = None,
    dedupe: bool = False,
    heartbeat: Path | None = None,
    tables: TableVersions | None = None,
) -> BotApplication:
    """The bot's Application with every handler registered. ``builder_hook`` may adjust
    the builder before it is built (the local harness swaps the HTTP transport).
    ``dedupe``: claim each update in the database first (several replicas behind a
    webhook); ``heartbeat``: the file the running bot keeps fresh (``bot health``).
    The database is opened, and the table versions synced, in ``post_init``."""
    if not config.token:
        raise ConfigError("TELEGRAM_BOT_TOKEN is not set")
    limiter = RetryingRateLimiter(overall_max_rate=config.send_rate)
    builder = (
        ApplicationBuilder()
        .token(config.token)
        .request(CappedDownloadRequest(max_download=MAX_DOWNLOAD_BYTES, connection_pool_size=CONNECTION_POOL))
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .rate_limiter(limiter)
        .concurrent_updates(PerChatUpdateProcessor(CONCURRENT_UPDATES, group_room=limiter.group_room))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if config.base_url:
        builder = builder.base_url(config.base_url)
    if config.base_file_url:
        builder = builder.base_file_url(config.base_file_url)
    if builder_hook is not None:
        builder_hook(builder)
    application = builder.build()
    application.bot_data.update(
        services=Services(
            config=config,
            store=store,
            querylog=querylog,
            flood=FloodGuard(config.flood_limit, FLOOD_WINDOW_SECONDS),
            tables=tables or TableVersions(store, querylog),
        ),
        config=config,
        store=store,
        querylog=querylog,
        heartbeat=heartbeat,
    )
    handlers.register(application)
    if dedupe:
        claims.register(application)
    return application


async def _post_init(application: BotApplication) -> None:
    """Publish the command menus: the user commands for everyone, plus the admin
    commands in each admin's private chat; then the descriptions (``profile``)."""
    services: Services = application.bot_data["services"]
    await services.querylog.open()
    await services.tables.sync()
    background.start(application, application.bot_data.get("heartbeat"))
    bot = application.bot
    user_commands = [BotCommand(name, description) for name, description in texts.USER_COMMANDS]
    admin_commands = user_commands + [BotCommand(name, description) for name, description in texts.ADMIN_COMMANDS]
    try:
        await bot.set_my_commands(user_commands, scope=BotCommandScopeDefault())
    except TelegramError as exc:
        log.warning("could not set the command menu: %s", exc)
    for admin_id in sorted(services.config.admin_ids):
        try:
            await bot.set_my_commands(admin_commands, scope=BotCommandScopeChat(admin_id))
        except TelegramError as exc:  # e.g. the admin has not started the bot yet
            log.warning("could not set the admin command menu for %s: %s", admin_id, exc)
    await profile.publish(bot, services.config.admin_ids)  # descriptions; the English menus
    log.info(
        "bot @%s ready: %d table entries, %d admin(s)",
        bot.username,
        len(services.store.engine.table.entries),
        len(services.config.admin_ids),
    )


async def _post_shutdown(application: BotApplication) -> None:
    services: Services = application.bot_data["services"]
    await background.stop(application)
    await services.querylog.close()
    log.info("query log closed")
