"""A stand-in for the Telegram Bot API on 127.0.0.1, for end-to-end tests and ``bot bench``.

It answers ``/bot<token>/<method>`` like Telegram does (JSON, form-urlencoded or
multipart bodies), serves files under ``/file/bot<token>/<path>``, keeps a real
long-poll update queue (``getUpdates`` honours ``offset``, ``timeout`` and ``limit``),
records every call, and can inject faults: 5xx answers, 429 with ``retry_after``,
delays, and going away altogether (the listening socket is closed and open
connections are reset; ``come_back`` binds the same port again).

Point python-telegram-bot at it with ``base_url=standin.base_url`` and
``base_file_url=standin.file_base_url``. Stdlib only; it never contacts another host.
"""

from bot.standin.control import BotApiStandIn
from bot.standin.rules import ApiError
from bot.standin.state import ANY, BOT_USERNAME, Call

__all__ = ["ANY", "BOT_USERNAME", "ApiError", "BotApiStandIn", "Call"]
