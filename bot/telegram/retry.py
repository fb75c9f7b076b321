"""Outgoing rate limiting plus retries of Bot API calls that surely did not go through.

Telegram's own limits are handled by PTB's ``AIORateLimiter`` (which also waits out a
429 ``retry_after`` and tries again). A call to a group that must wait for the group's
limit (20 messages a minute) waits without holding a worker (``off_worker``). On top of it, a call is retried with backoff when
the Bot API answered 5xx or could not be reached at all: in both cases Telegram did
nothing, so retrying cannot deliver a message twice. A call that may have reached
Telegram (a read timeout, a connection dropped mid-answer) is not retried."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

import httpx
from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import AIORateLimiter

from bot.telegram.ordering import off_worker

log = logging.getLogger(__name__)

_NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
GROUP_POLL_SECONDS = 0.5  # how often a call waiting for its group's limit looks again


def never_delivered(error: BaseException) -> bool:
    """Whether a failed call certainly had no effect at Telegram."""
    if not isinstance(error, NetworkError) or isinstance(error, BadRequest):
        return False
    cause = error.__cause__
    if isinstance(error, TimedOut):
        return isinstance(cause, _NEVER_SENT)
    # No cause: the Bot API itself answered with a server error (5xx).
    return cause is None or isinstance(cause, _NEVER_SENT)


class RetryingRateLimiter(AIORateLimiter):
    """``AIORateLimiter`` that also retries calls that failed before reaching Telegram."""

    def __init__(
        self,
        *,
        overall_max_rate: float = 30,
        rate_limit_retries: int = 3,
        network_retries: int = 5,
        first_delay: float = 0.5,
        max_delay: float = 8.0,
    ) -> None:
        super().__init__(overall_max_rate=overall_max_rate, max_retries=rate_limit_retries)
        self.network_retries = network_retries
        self.first_delay = first_delay
        self.max_delay = max_delay

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        await self._group_room(data)
        delay = self.first_delay
        for attempt in range(self.network_retries + 1):
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except NetworkError as exc:
                if attempt == self.network_retries or not never_delivered(exc):
                    raise
                log.warning("Bot API call %s failed (%s); retrying in %.1f s", endpoint, exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.max_delay)
        raise AssertionError("unreachable")

    def group_room(self, chat_id: int) -> int:
        """How many messages the group may send right now without waiting."""
        group = _group_of(chat_id)
        if group is None or not self._group_max_rate:
            return 0
        limiter = self._get_group_limiter(group)
        return next((n for n in range(int(self._group_max_rate), 0, -1) if limiter.has_capacity(n)), 0)

    async def _group_room(self, data: dict[str, Any]) -> None:
        """Until the chat's group limiter has room, waiting off-worker (the limiter itself
        is then entered at once by the parent class)."""
        group = _group_of(data.get("chat_id"))
        if group is None or not self._group_max_rate:
            return
        limiter = self._get_group_limiter(group)
        if limiter.has_capacity():
            return
        async with off_worker():
            while not limiter.has_capacity():
                await asyncio.sleep(GROUP_POLL_SECONDS)


def _group_of(chat_id: object) -> int | str | None:
    """The chat as AIORateLimiter counts groups: a negative id or a @channel name."""
    if isinstance(chat_id, str):
        try:
            chat_id = int(chat_id)
        except ValueError:
            return chat_id
    return chat_id if isinstance(chat_id, int) and chat_id < 0 else None
