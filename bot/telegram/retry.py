"""Outgoing rate limiting plus retries of Bot API calls that surely did not go through.

Telegram's own limits are handled by PTB's ``AIORateLimiter`` (which also waits out a
429 ``retry_after`` and tries again). On top of it, a call is retried with backoff when
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

log = logging.getLogger(__name__)

_NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


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
