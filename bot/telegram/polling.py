"""Long polling that fetches only what the bot can handle soon.

``getUpdates`` confirms every update below its ``offset``. PTB's own poller fetches and
confirms whatever is pending however far behind the bot is, so a hard kill lost every
confirmed but unanswered update. This one asks for at most ``bound`` updates not yet
handled (parked group updates aside), waits for room before asking again, stops at
once when cancelled, and confirms the last fetched batch only after the application
has handled it (``confirm``, on shutdown)."""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.error import Conflict, InvalidToken, RetryAfter, TelegramError, TimedOut

from bot.telegram.handlers.common import BotApplication
from bot.telegram.ordering import PerChatUpdateProcessor

log = logging.getLogger(__name__)

POLL_TIMEOUT = 10  # seconds a long poll waits at Telegram
MAX_BATCH = 100  # Telegram's own limit per getUpdates
FIRST_BACKOFF = 1.0
MAX_BACKOFF = 30.0
CONFLICT = "another instance is polling with this token; stop it or use webhook mode"


class Poller:
    """Fetches updates into ``application.update_queue`` (see the module docstring)."""

    def __init__(self, application: BotApplication, bound: int, timeout: float = POLL_TIMEOUT) -> None:
        self.application = application
        self.bound = bound
        self.timeout = timeout
        self.offset = 0  # the next update_id to ask for; everything below was fetched
        self.fetched = 0
        self._backoff = 0.0
        self._trouble: str | None = None  # what the last failure was, logged once

    @property
    def processor(self) -> PerChatUpdateProcessor:
        processor = self.application.update_processor
        assert isinstance(processor, PerChatUpdateProcessor)
        return processor

    async def bootstrap(self) -> None:
        """Make sure no webhook is set (Telegram refuses getUpdates while one is)."""
        await self.application.bot.delete_webhook(drop_pending_updates=False)

    async def run(self) -> None:
        """Fetch until cancelled; raises InvalidToken (nothing else)."""
        while True:
            room = await self._room()
            try:
                updates = await self.application.bot.get_updates(
                    offset=self.offset or None,
                    limit=min(room, MAX_BATCH),
                    timeout=self.timeout,
                    allowed_updates=Update.ALL_TYPES,
                )
            except InvalidToken:
                raise
            except TimedOut:
                continue  # a long poll that took too long: just ask again
            except RetryAfter as exc:
                await asyncio.sleep(_seconds(exc) + 0.5)
                continue
            except Conflict:
                await self._failed("conflict", CONFLICT, logging.ERROR)
                continue
            except TelegramError as exc:
                await self._failed(
                    "error",
                    f"polling for updates failed ({type(exc).__name__}: {exc}); retrying with backoff",
                    logging.WARNING,
                )
                continue
            if self._trouble is not None:
                log.info("polling for updates works again")
                self._trouble, self._backoff = None, 0.0
            for update in updates:  # the whole batch at once: a cancel cannot split it
                self.application.update_queue.put_nowait(update)
                self.offset = update.update_id + 1
                self.fetched += 1

    async def confirm(self) -> None:
        """Confirm every fetched update (call once they are handled): they are not
        redelivered on the next start. Best effort."""
        if not self.offset:
            return
        try:
            await self.application.bot.get_updates(offset=self.offset, limit=1, timeout=0)
        except TelegramError as exc:
            log.warning(
                "could not confirm the last fetched updates (%s); they may be answered again after a restart", exc
            )

    async def _room(self) -> int:
        """How many more updates may be fetched now, once there is room for any."""
        while (room := self.bound - self.processor.outstanding(self.fetched)) <= 0:
            await self.processor.changed()
        return room

    async def _failed(self, kind: str, line: str, level: int) -> None:
        """Log the first failure of a streak (one line, no traceback), then back off."""
        if self._trouble != kind:
            log.log(level, line)
            self._trouble = kind
        self._backoff = min(MAX_BACKOFF, self._backoff * 1.5 if self._backoff else FIRST_BACKOFF)
        log.debug("getUpdates failed again (%s); next try in %.1f s", kind, self._backoff)
        await asyncio.sleep(self._backoff)


def _seconds(exc: RetryAfter) -> float:
    return exc._retry_after.total_seconds()  # what PTB's own loop reads (``retry_after`` is deprecated)
