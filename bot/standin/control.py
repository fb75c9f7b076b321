"""``BotApiStandIn``: start/stop, the test helpers, and fault injection."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from typing import Any

from bot.standin.rules import ApiError, utf16_len
from bot.standin.server import Server
from bot.standin.state import BOT_USERNAME, Api, Call


class BotApiStandIn:
    """The Bot API on 127.0.0.1: a long-poll update queue, a call record and fault injection.

    Use as a context manager, or ``start()`` / ``stop()``. Thread-safe."""

    def __init__(self, port: int = 0, bot_username: str = BOT_USERNAME) -> None:
        self._api = Api(bot_username)
        self._port = port
        self._server: Server | None = None
        self._thread: threading.Thread | None = None
        self._lifecycle = threading.Lock()
        self._ids = itertools.count(1)  # for callback query and file ids

    # -- lifecycle ---------------------------------------------------------------------

    def start(self) -> BotApiStandIn:
        """Bind 127.0.0.1 (the port given, or a free one) and serve in a background thread."""
        with self._lifecycle:
            if self._server is None:
                self._bind()
        return self

    def stop(self) -> None:
        """Reset open connections, close the socket and join the serving thread."""
        with self._lifecycle:
            self._unbind()

    def __enter__(self) -> BotApiStandIn:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def go_down(self) -> None:
        """Go away: new connections are refused, open ones (long polls too) are reset."""
        with self._lifecycle:
            self._unbind()

    def come_back(self) -> None:
        """Listen again on the same port."""
        with self._lifecycle:
            if self._server is None:
                self._bind()

    @property
    def is_up(self) -> bool:
        return self._server is not None

    @property
    def port(self) -> int:
        if not self._port:
            raise RuntimeError("the stand-in has not been started")
        return self._port

    @property
    def base_url(self) -> str:
        """For PTB's ``base_url`` (it appends ``<token>/<method>``)."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def file_base_url(self) -> str:
        """For PTB's ``base_file_url``."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    def _bind(self) -> None:
        server = Server(self._port, self._api)
        self._port = server.server_address[1]
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="bot-api-standin", daemon=True
        )
        self._thread.start()

    def _unbind(self) -> None:
        server, thread = self._server, self._thread
        if server is None:
            return
        self._server = self._thread = None
        self._api.go_down()
        server.shutdown()
        server.server_close()
        server.reset_connections()
        if thread is not None:
            thread.join(timeout=5)

    # -- updates -----------------------------------------------------------------------

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue a raw update (without ``update_id``); returns its update_id."""
        return self._api.push(update)

    def _sender(self, user_id: int, first_name: str, username: str | None, language_code: str | None) -> dict[str, Any]:
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        return user

    def _user_message(
        self,
        user_id: int,
        chat_id: int | None,
        chat_type: str,
        first_name: str,
        username: str | None,
        language_code: str | None,
    ) -> dict[str, Any]:
        chat_id = user_id if chat_id is None else chat_id
        if chat_type == "private":
            chat: dict[str, Any] = {"id": chat_id, "type": "private", "first_name": first_name}
            if username:
                chat["username"] = username
        else:
            chat = {"id": chat_id, "type": chat_type, "title": f"Test {chat_type}"}
        self._api.remember_chat(chat)
        return {
            "message_id": self._api.new_message_id(chat_id),
            "from": self._sender(user_id, first_name, username, language_code),
            "chat": chat,
            "date": int(time.time()),
        }

    def push_message(
        self,
        text: str,
        user_id: int = 1001,
        chat_id: int | None = None,
        chat_type: str = "private",
        first_name: str = "Ali",
        username: str | None = None,
        language_code: str | None = "fa",
        entities: list[dict[str, Any]] | None = None,
    ) -> int:
        """A user's text message; a leading ``/command`` gets its bot_command entity."""
        message = self._text_message(text, user_id, chat_id, chat_type, first_name, username, language_code, entities)
        return self.push_update({"message": message})

    def message_update(
        self,
        text: str,
        user_id: int = 1001,
        chat_id: int | None = None,
        chat_type: str = "private",
        first_name: str = "Ali",
        username: str | None = None,
        language_code: str | None = "fa",
        entities: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """The same message as a whole update with its own update_id, not queued: for
        posting to a webhook, as Telegram does in webhook mode."""
        message = self._text_message(text, user_id, chat_id, chat_type, first_name, username, language_code, entities)
        return {"update_id": self._api.new_update_id(), "message": message}

    def _text_message(
        self,
        text: str,
        user_id: int,
        chat_id: int | None,
        chat_type: str,
        first_name: str,
        username: str | None,
        language_code: str | None,
        entities: list[dict[str, Any]] | None,
    ) -> dict[str, Any]:
        message = self._user_message(user_id, chat_id, chat_type, first_name, username, language_code)
        message["text"] = text
        if entities is None and text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            entities = [{"type": "bot_command", "offset": 0, "length": utf16_len(command)}]
        if entities:
            message["entities"] = entities
        return message

    def push_callback(
        self,
        data: str,
        user_id: int = 1001,
        message: dict[str, Any] | Call | None = None,
        chat_id: int | None = None,
        first_name: str = "Ali",
    ) -> int:
        """A button press; ``message`` defaults to the bot's last message in that chat."""
        chat_id = user_id if chat_id is None else chat_id
        if isinstance(message, Call):
            message = message.result
        if message is None:
            message = self._api.last_message_to(chat_id)
        query = {
            "id": str(9_000_000 + next(self._ids)),
            "from": self._sender(user_id, first_name, None, "fa"),
            "message": message,
            "chat_instance": f"ci{chat_id}",
            "data": data,
        }
        return self.push_update({"callback_query": query})

    def register_file(self, content: bytes, filename: str, sized: bool = True) -> str:
        """Make bytes downloadable through getFile; returns the file_id. ``sized=False``:
        its size is told nowhere (no file_size, no Content-Length), as Telegram may do."""
        return self._api.add_file(content, filename, next(self._ids), sized)

    def push_document(
        self,
        file_bytes: bytes,
        filename: str,
        user_id: int = 1001,
        chat_id: int | None = None,
        caption: str | None = None,
        mime_type: str = "application/octet-stream",
        sized: bool = True,
    ) -> int:
        """A user sends a file (``sized=False``: without file_size anywhere)."""
        return self.push_update(
            {"message": self._document_message(file_bytes, filename, user_id, chat_id, caption, mime_type, sized)}
        )

    def document_update(
        self,
        file_bytes: bytes,
        filename: str,
        user_id: int = 1001,
        chat_id: int | None = None,
        caption: str | None = None,
        mime_type: str = "application/octet-stream",
        sized: bool = True,
    ) -> dict[str, Any]:
        """The same document as a whole update with its own update_id, not queued (for a webhook)."""
        message = self._document_message(file_bytes, filename, user_id, chat_id, caption, mime_type, sized)
        return {"update_id": self._api.new_update_id(), "message": message}

    def _document_message(
        self,
        file_bytes: bytes,
        filename: str,
        user_id: int,
        chat_id: int | None,
        caption: str | None,
        mime_type: str,
        sized: bool,
    ) -> dict[str, Any]:
        file_id = self.register_file(file_bytes, filename, sized)
        message = self._user_message(user_id, chat_id, "private", "Ali", None, "fa")
        message["document"] = {
            "file_id": file_id,
            "file_unique_id": "u" + file_id,
            "file_name": filename,
            "mime_type": mime_type,
        }
        if sized:
            message["document"]["file_size"] = len(file_bytes)
        if caption is not None:
            message["caption"] = caption
        return message

    def push_sticker(self, user_id: int = 1001, emoji: str = "👍") -> int:
        """A user sends a sticker (a non-text message)."""
        message = self._user_message(user_id, None, "private", "Ali", None, "fa")
        n = next(self._ids)
        message["sticker"] = {
            "file_id": f"STK{n}",
            "file_unique_id": f"ustk{n}",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return self.push_update({"message": message})

    def served_bytes(self, file_id: str) -> int:
        """How many bytes of a registered file were written to downloaders so far."""
        return self._api.files[file_id].served

    def pending_update_ids(self) -> list[int]:
        """Updates not yet confirmed by a getUpdates offset."""
        return self._api.pending_ids()

    def is_confirmed(self, update_id: int) -> bool:
        """Whether a getUpdates offset has confirmed this update (it is never redelivered)."""
        return self._api.is_confirmed(update_id)

    # -- the record --------------------------------------------------------------------

    def calls(self, method: str | None = None, ok_only: bool = False, since: int = 0) -> list[Call]:
        """Recorded calls from seq ``since`` on (method names compare case-insensitively),
        in answering order."""
        found = self._api.snapshot(since)
        if method is not None:
            found = [c for c in found if c.method.lower() == method.lower()]
        return [c for c in found if c.ok] if ok_only else found

    def mark(self) -> int:
        """The seq the next recorded call will get: pass it as ``since`` to wait_for."""
        return self._api.count()

    def wait_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        timeout: float = 10.0,
        since: int = 0,
        include_failed: bool = False,
    ) -> Call:
        """Block until a recorded call of ``method`` (seq >= since) satisfies ``predicate``.

        Only successful calls count unless ``include_failed``. Raises TimeoutError."""
        wanted = method.lower()

        def match(call: Call) -> bool:
            return (
                call.method.lower() == wanted and (include_failed or call.ok) and (predicate is None or predicate(call))
            )

        try:
            return self._api.wait_call(match, timeout, since)
        except TimeoutError as exc:
            raise TimeoutError(f"{method}: {exc}") from None

    def wait_polling(self, count: int = 1, timeout: float = 10.0, after: float = 0.0) -> None:
        """Block until ``count`` getUpdates long polls that arrived after ``after`` (a
        time.monotonic() value) are waiting for updates: the client is idle."""
        if not self._api.wait_polls(count, timeout, after):
            raise TimeoutError(f"{count} long poll(s) not waiting within {timeout}s")

    def sent_texts(self, chat_id: Any = None) -> list[str]:
        """Texts of the delivered sendMessage calls (to one chat if given), as sent."""
        return [
            c.text or "" for c in self.calls("sendMessage", ok_only=True) if chat_id is None or c.chat_id == chat_id
        ]

    # -- faults ------------------------------------------------------------------------

    def fail_next(self, method: str, count: int | None = 1, status: int = 500, description: str | None = None) -> None:
        """The next ``count`` calls of ``method`` (``"*"``: any; ``"file"``: downloads) fail with
        ``status``; ``count=None``: until clear_faults()."""
        error = ApiError(status, description or ("Internal Server Error" if status >= 500 else f"Error {status}"))
        self._api.add_fault(method, count, error)

    def rate_limit_next(self, method: str, count: int | None = 1, retry_after: int = 1) -> None:
        """The next ``count`` calls of ``method`` answer 429 with ``retry_after``."""
        error = ApiError(429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after})
        self._api.add_fault(method, count, error)

    def delay(self, method: str, seconds: float, count: int | None = None) -> None:
        """Answer the next ``count`` calls of ``method`` (``"*"``: any; None: every call
        until cleared) ``seconds`` late; ``seconds=0`` clears. A client that gives up
        meanwhile sees a timeout, but the call still takes effect, as at Telegram."""
        self._api.set_delay(method, seconds, count)

    def clear_faults(self) -> None:
        """Drop every pending failure, rate limit and delay."""
        self._api.clear_faults()
