"""The bot's profile on Telegram: descriptions and command menus, Persian and English.

Persian is the default; users whose Telegram is in English (``language_code="en"``) see
the English description, short description and command descriptions. Published once at
start-up; a failure is logged and never stops the bot."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Iterable

from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import TelegramError

from bot.telegram import texts

log = logging.getLogger(__name__)
ENGLISH = "en"


async def publish(bot: Bot, admin_ids: Iterable[int]) -> None:
    """Descriptions in both languages, and the English command menus (the Persian ones
    are set by the application's start-up)."""
    await _try("the description", bot.set_my_description(texts.DESCRIPTION))
    await _try("the English description", bot.set_my_description(texts.DESCRIPTION_EN, language_code=ENGLISH))
    await _try("the short description", bot.set_my_short_description(texts.SHORT_DESCRIPTION))
    await _try(
        "the English short description",
        bot.set_my_short_description(texts.SHORT_DESCRIPTION_EN, language_code=ENGLISH),
    )
    user = [BotCommand(name, description) for name, description in texts.USER_COMMANDS_EN]
    admin = user + [BotCommand(name, description) for name, description in texts.ADMIN_COMMANDS_EN]
    await _try(
        "the English command menu", bot.set_my_commands(user, scope=BotCommandScopeDefault(), language_code=ENGLISH)
    )
    for admin_id in sorted(admin_ids):
        await _try(
            f"the English admin command menu for {admin_id}",
            bot.set_my_commands(admin, scope=BotCommandScopeChat(admin_id), language_code=ENGLISH),
        )


async def _try(what: str, call: Awaitable[object]) -> None:
    try:
        await call
    except TelegramError as exc:
        log.warning("could not set %s: %s", what, exc)
