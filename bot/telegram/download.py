"""File downloads with a size cap: the bot stops reading past it, whatever the sender
claimed (Telegram may leave a document's ``file_size`` out)."""

from __future__ import annotations

from typing import Any

import httpx
from telegram._utils.defaultvalue import DefaultValue
from telegram.error import NetworkError, TelegramError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

MAX_DOWNLOAD_BYTES = 1024 * 1024  # the bot's only downloads are table uploads


class DownloadTooBig(TelegramError):
    """A downloaded file went past the cap; the rest was not read."""


class CappedDownloadRequest(HTTPXRequest):
    """PTB's HTTPX transport whose GET requests (file downloads) are streamed and cut
    off after ``max_download`` bytes; Bot API calls (POST) are unchanged."""

    def __init__(self, *, max_download: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_download = max_download

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if method != "GET":
            return await super().do_request(
                url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
            )
        client: httpx.AsyncClient = self._client
        timeout = httpx.Timeout(
            connect=_given(connect_timeout, client.timeout.connect),
            read=_given(read_timeout, client.timeout.read),
            write=_given(write_timeout, client.timeout.write),
            pool=_given(pool_timeout, client.timeout.pool),
        )
        try:
            async with client.stream("GET", url, headers={"User-Agent": self.USER_AGENT}, timeout=timeout) as response:
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > self.max_download:
                    raise DownloadTooBig(f"the file has {declared} bytes, more than {self.max_download}")
                body = bytearray()
                async for chunk in response.aiter_bytes():
                    body += chunk
                    if len(body) > self.max_download:
                        raise DownloadTooBig(f"the file has more than {self.max_download} bytes")
                return response.status_code, bytes(body)
        except httpx.TimeoutException as err:
            raise TimedOut from err
        except httpx.HTTPError as err:
            raise NetworkError(f"httpx.{type(err).__name__}: {err}") from err


def _given(value: Any, default: float | None) -> float | None:
    return default if isinstance(value, DefaultValue) else value
