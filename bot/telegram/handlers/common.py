"""What every handler needs: the services in bot_data, addressing rules, sending HTML."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import Bot, InlineKeyboardMarkup, Message, MessageEntity
from telegram.constants import ChatType
from telegram.ext import Application, ApplicationBuilder, ContextTypes

from bot.querylog import Database
from bot.store import EngineStore
from bot.telegram.config import Config
from bot.telegram.flood import FloodGuard
from bot.telegram.split import split_message
from bot.versions import TableVersions

Context = ContextTypes.DEFAULT_TYPE
# The bot's Application with PTB's default context types (its type parameters spelled once)
BotApplication = Application[Any, Any, Any, Any, Any, Any]
BotApplicationBuilder = ApplicationBuilder[Any, Any, Any, Any, Any, Any]


@dataclass(frozen=True, slots=True)
class Services:
    """The long-lived objects handlers use, kept in ``application.bot_data``."""

    config: Config
    store: EngineStore
    querylog: Database  # the query log, table versions and update claims (BOT_DB)
    flood: FloodGuard
    tables: TableVersions  # the served table's versions in the database


def services(context: Context) -> Services:
    found = context.bot_data["services"]
    assert isinstance(found, Services)
    return found


def is_private(message: Message) -> bool:
    return message.chat.type == ChatType.PRIVATE


def replies_to_bot(message: Message, bot: Bot) -> bool:
    replied = message.reply_to_message
    return bool(replied and replied.from_user and replied.from_user.id == bot.id)


def strip_mentions(message: Message, bot: Bot) -> tuple[str, bool]:
    """The message text without mentions of this bot, and whether there was one."""
    text = message.text or message.caption or ""
    entities = message.entities if message.text else message.caption_entities
    username = (bot.username or "").lower()
    # Telegram offsets count UTF-16 code units, so cut in that encoding, from the end.
    encoded = text.encode("utf-16-le")
    mentioned = False
    for entity in sorted(entities, key=lambda e: e.offset, reverse=True):
        start, end = entity.offset * 2, (entity.offset + entity.length) * 2
        value = encoded[start:end].decode("utf-16-le", errors="replace")
        ours = (entity.type == MessageEntity.MENTION and bool(username) and value[1:].lower() == username) or (
            entity.type == MessageEntity.TEXT_MENTION and entity.user is not None and entity.user.id == bot.id
        )
        if ours:
            mentioned = True
            encoded = encoded[:start] + " ".encode("utf-16-le") + encoded[end:]
    return " ".join(encoded.decode("utf-16-le", errors="replace").split()), mentioned


def addressed_text(message: Message, bot: Bot) -> str | None:
    """The question a message asks the bot, or None when it is not for the bot.

    In private chats every text is for the bot. In groups only a mention of the bot or
    a reply to one of its messages is (``/ask`` is a command, handled elsewhere)."""
    if message.text is None:
        return None
    text, mentioned = strip_mentions(message, bot)
    if is_private(message) or mentioned or replies_to_bot(message, bot):
        return text
    return None


def is_for_bot(message: Message, bot: Bot) -> bool:
    """Whether the bot would respond to this message at all (for the flood limit)."""
    if is_private(message):
        return True
    if replies_to_bot(message, bot):
        return True
    if message.text and message.text.startswith("/"):
        command = message.text.split(maxsplit=1)[0]
        target = command.partition("@")[2]
        return not target or target.lower() == (bot.username or "").lower()
    return strip_mentions(message, bot)[1]


async def send_html(
    message: Message,
    html: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    quote: bool | None = None,
) -> Message | None:
    """Reply with HTML, split under the message limit; the keyboard goes on the last part."""
    chunks = split_message(html)
    sent = None
    for i, chunk in enumerate(chunks):
        last = i == len(chunks) - 1
        sent = await message.reply_html(
            chunk,
            reply_markup=markup if last else None,
            do_quote=quote if i == 0 else False,
        )
    return sent
