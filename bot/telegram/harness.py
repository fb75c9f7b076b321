"""The local harness: the real Application, with a recording Bot API instead of Telegram.

``Harness`` builds the production Application (``build_application``: the same
handlers, defaults, rate limiter and error handler) but swaps PTB's HTTP transport for
``RecordingRequest``, which records every outgoing Bot API call and answers it with
plausible JSON, so nothing leaves the process and no token is needed. Updates are
real ``telegram.Update`` objects fed through ``Application.process_update``.

    async with Harness(admin_ids={42}) as h:
        calls = await h.send_text("فروزان کیست؟")
        print(calls.text, calls.buttons)
        await h.press(calls.buttons[0].data)
"""

from __future__ import annotations

import dataclasses
import html
import itertools
import json
import re
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from telegram import Update
from telegram._utils.defaultvalue import DEFAULT_NONE
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData

from bot import paths
from bot.querylog import Database, SqliteQueryLog
from bot.store import EngineStore
from bot.telegram.app import FLOOD_WINDOW_SECONDS, build_application
from bot.telegram.config import DEFAULT_FLOOD_LIMIT, Config
from bot.telegram.flood import FloodGuard
from bot.telegram.handlers.common import BotApplication, BotApplicationBuilder, Services

FAKE_TOKEN = "123456789:LOCAL-harness-token-never-sent-anywhere"
BOT_ID = 123456789
BOT_USERNAME = "mehr_article_bot"
BOT_NAME = "Mehr Article Bot"
DEFAULT_USER = 1001
DEFAULT_GROUP = -1001234567890
_TAG = re.compile(r"<[^>]+>")
_COMMAND = re.compile(r"^/\w+(?:@\w+)?")
_MENTION = re.compile(r"@\w{3,}")


# -- what was sent ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Button:
    """An inline keyboard button as sent."""

    text: str
    data: str | None = None
    url: str | None = None
    switch_inline_query: str | None = None  # a share button: what it writes after @bot


@dataclass(frozen=True, slots=True)
class Call:
    """One Bot API call the bot made: the method and its parameters (JSON values)."""

    method: str
    params: dict[str, Any]

    @property
    def text(self) -> str | None:
        """The message text (HTML as sent), or a callback answer's toast."""
        value = self.params.get("text")
        return value if isinstance(value, str) else None

    @property
    def plain(self) -> str:
        """The text as the user reads it: tags removed, entities decoded."""
        return html.unescape(_TAG.sub("", self.text or ""))

    @property
    def rows(self) -> list[list[Button]]:
        """The inline keyboard, row by row."""
        markup = self.params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        rows = markup.get("inline_keyboard", []) if isinstance(markup, dict) else []
        return [
            [Button(b.get("text", ""), b.get("callback_data"), b.get("url"), b.get("switch_inline_query")) for b in row]
            for row in rows
        ]

    @property
    def buttons(self) -> list[Button]:
        """The inline keyboard's buttons, flattened."""
        return [button for row in self.rows for button in row]

    @property
    def chat_id(self) -> int | str | None:
        return self.params.get("chat_id")

    @property
    def results(self) -> list[dict[str, Any]]:
        """answerInlineQuery's results."""
        value = self.params.get("results", [])
        return json.loads(value) if isinstance(value, str) else list(value)


class Calls(list[Call]):
    """The calls made while handling one update, with helpers."""

    def of(self, *methods: str) -> Calls:
        return Calls(c for c in self if c.method in methods)

    @property
    def methods(self) -> list[str]:
        return [c.method for c in self]

    @property
    def messages(self) -> Calls:
        """The calls that show text in the chat (sent or edited messages)."""
        return self.of("sendMessage", "editMessageText")

    @property
    def text(self) -> str:
        """All message texts (HTML as sent), joined by blank lines."""
        return "\n\n".join(c.text or "" for c in self.messages)

    @property
    def plain(self) -> str:
        return "\n\n".join(c.plain for c in self.messages)

    @property
    def buttons(self) -> list[Button]:
        """The buttons of the last call that carried a keyboard."""
        with_keyboard = [c for c in self if c.params.get("reply_markup")]
        return with_keyboard[-1].buttons if with_keyboard else []

    @property
    def toast(self) -> str | None:
        answers = self.of("answerCallbackQuery")
        return answers[-1].text if answers else None


# -- the fake Bot API ------------------------------------------------------------------


@dataclass(slots=True)
class _Failure:
    method: str
    code: int
    description: str
    retry_after: int | None = None


class RecordingRequest(BaseRequest):
    """A PTB transport that records each call and answers like the Bot API would."""

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if method == "GET":
            return self.api.download(url)
        api_method = url.rsplit("/", 1)[-1]
        params = dict(request_data.parameters) if request_data else {}
        return self.api.call(api_method, params)


class FakeBotApi:
    """The Bot API's side: remembers the bot's messages and the files users sent."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}  # (chat id, message id) → Message
        self.chats: dict[int, str] = {}  # chat id → type
        self.files: dict[str, bytes] = {}  # file_path → content
        self.failures: list[_Failure] = []
        self._ids = itertools.count(5000)

    def fail_next(
        self,
        method: str,
        description: str = "Bad Request: injected by the harness",
        code: int = 400,
        retry_after: int | None = None,
    ) -> None:
        """Make the next call of ``method`` fail with this HTTP error (429: pass ``retry_after``)."""
        self.failures.append(_Failure(method, code, description, retry_after))

    def call(self, method: str, params: dict[str, Any]) -> tuple[int, bytes]:
        self.calls.append(Call(method, params))
        for failure in self.failures:
            if failure.method == method:
                self.failures.remove(failure)
                body: dict[str, Any] = {"ok": False, "error_code": failure.code, "description": failure.description}
                if failure.retry_after is not None:
                    body["parameters"] = {"retry_after": failure.retry_after}
                return failure.code, json.dumps(body).encode()
        return 200, json.dumps({"ok": True, "result": self._result(method, params)}).encode()

    def download(self, url: str) -> tuple[int, bytes]:
        for file_path, data in self.files.items():
            if url.endswith(file_path):
                return 200, data
        return 404, json.dumps({"ok": False, "error_code": 404, "description": "Not Found"}).encode()

    def bot_user(self) -> dict[str, Any]:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": BOT_NAME,
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return self.bot_user()
        if method in ("sendMessage", "sendDocument", "sendPhoto"):
            return self._remember(self._message(params, next(self._ids)))
        if method in ("editMessageText", "editMessageReplyMarkup"):
            if "inline_message_id" in params:
                return True
            key = (int(params["chat_id"]), int(params["message_id"]))
            message = dict(self.messages.get(key) or self._message(params, key[1]))
            if "text" in params:
                message["text"] = _plain(params["text"])
            message["reply_markup"] = params.get("reply_markup")
            message["edit_date"] = int(time.time())
            return self._remember(message)
        if method == "getFile":
            file_id = str(params.get("file_id"))
            file_path = f"documents/{file_id}"
            return {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "file_size": len(self.files.get(file_path, b"")),
                "file_path": file_path,
            }
        return True

    def _message(self, params: dict[str, Any], message_id: int) -> dict[str, Any]:
        chat_id = int(params.get("chat_id", 0))
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": self.chats.get(chat_id, "private")},
            "from": self.bot_user(),
            "text": _plain(str(params.get("text", ""))),
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    def _remember(self, message: dict[str, Any]) -> dict[str, Any]:
        if not message.get("reply_markup"):
            message.pop("reply_markup", None)
        self.messages[(message["chat"]["id"], message["message_id"])] = message
        return message

    def last_bot_message(self, chat_id: int) -> dict[str, Any] | None:
        mine = [m for (c, _), m in self.messages.items() if c == chat_id]
        return mine[-1] if mine else None

    def message_with_button(self, data: str) -> dict[str, Any] | None:
        for message in reversed(list(self.messages.values())):
            rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
            if any(b.get("callback_data") == data for row in rows for b in row):
                found: dict[str, Any] = message
                return found
        return None


# -- the harness -----------------------------------------------------------------------


class Harness:
    """The real Application on a fake Bot API; each method feeds one update and
    returns the calls the bot made while handling it."""

    def __init__(
        self,
        *,
        article: Path | None = None,
        table: Path | None = None,
        store: EngineStore | None = None,
        querylog: Database | None = None,
        admin_ids: Iterable[int] = (),
        flood_limit: int = DEFAULT_FLOOD_LIMIT,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self._article = article
        self._table = table
        self.store = store
        self.querylog = querylog
        self.config = Config(token=FAKE_TOKEN, admin_ids=frozenset(admin_ids), flood_limit=flood_limit)
        self._clock = clock
        self.api = FakeBotApi()
        self.application: BotApplication | None = None
        self.startup_calls = Calls()
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)

    async def __aenter__(self) -> Harness:
        if self.store is None:
            self.store = EngineStore.open(self._article or paths.article_path(), self._table or paths.table_path())
        if self.querylog is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="bot-harness-")
            self.querylog = SqliteQueryLog(Path(self._tmp.name) / "queries.sqlite3")
        if isinstance(self.querylog, SqliteQueryLog):
            self.config = dataclasses.replace(self.config, db=self.querylog.path)
        self.application = build_application(self.config, self.store, self.querylog, builder_hook=self._use_fake_api)
        if self._clock is not None:
            services: Services = self.application.bot_data["services"]
            flood = FloodGuard(self.config.flood_limit, FLOOD_WINDOW_SECONDS, self._clock)
            self.application.bot_data["services"] = dataclasses.replace(services, flood=flood)
        await self.application.initialize()
        if self.application.post_init is not None:
            self.startup_calls = await self._recording(self.application.post_init(self.application))
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self.application is not None:
            await self.application.shutdown()
            if self.application.post_shutdown is not None:
                await self.application.post_shutdown(self.application)
        if self._tmp is not None:
            self._tmp.cleanup()

    def _use_fake_api(self, builder: BotApplicationBuilder) -> None:
        builder.request(RecordingRequest(self.api)).get_updates_request(RecordingRequest(self.api))

    @property
    def bot_username(self) -> str:
        return BOT_USERNAME

    @property
    def calls(self) -> list[Call]:
        """Every call recorded so far."""
        return self.api.calls

    def fail_next(
        self,
        method: str,
        description: str = "Bad Request: injected by the harness",
        code: int = 400,
        retry_after: int | None = None,
    ) -> None:
        """Make the bot's next ``method`` call fail (to exercise error handling and retries)."""
        self.api.fail_next(method, description, code, retry_after)

    # -- feeding updates -----------------------------------------------------------------

    async def send_text(
        self,
        text: str,
        *,
        user_id: int = DEFAULT_USER,
        chat_type: str = "private",
        chat_id: int | None = None,
        edited: bool = False,
        reply_to_bot: bool = False,
    ) -> Calls:
        """A user sends (or, with ``edited``, edits) a text message."""
        fields: dict[str, Any] = {"text": text}
        entities = _entities(text)
        if entities:
            fields["entities"] = entities
        return await self._message(fields, user_id, chat_type, chat_id, edited=edited, reply_to_bot=reply_to_bot)

    async def send_sticker(
        self, *, user_id: int = DEFAULT_USER, chat_type: str = "private", chat_id: int | None = None
    ) -> Calls:
        sticker = {
            "file_id": "sticker1",
            "file_unique_id": "s1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "👍",
        }
        return await self._message({"sticker": sticker}, user_id, chat_type, chat_id)

    async def send_photo(
        self, *, caption: str | None = None, user_id: int = DEFAULT_USER, chat_type: str = "private"
    ) -> Calls:
        fields: dict[str, Any] = {"photo": [{"file_id": "photo1", "file_unique_id": "p1", "width": 90, "height": 90}]}
        if caption:
            fields["caption"] = caption
        return await self._message(fields, user_id, chat_type, None)

    async def send_location(self, *, user_id: int = DEFAULT_USER) -> Calls:
        return await self._message({"location": {"latitude": 35.7, "longitude": 51.4}}, user_id, "private", None)

    async def send_voice(self, *, user_id: int = DEFAULT_USER) -> Calls:
        voice = {"file_id": "voice1", "file_unique_id": "v1", "duration": 3}
        return await self._message({"voice": voice}, user_id, "private", None)

    async def send_document(
        self, data: bytes, filename: str, *, user_id: int = DEFAULT_USER, chat_type: str = "private"
    ) -> Calls:
        """A user sends a file; the bot can fetch it with getFile and download it."""
        file_id = f"doc{len(self.api.files) + 1}"
        self.api.files[f"documents/{file_id}"] = data
        document = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": filename,
            "mime_type": "application/x-yaml",
            "file_size": len(data),
        }
        return await self._message({"document": document}, user_id, chat_type, None)

    async def press(self, callback_data: str, *, user_id: int = DEFAULT_USER) -> Calls:
        """A user presses the inline button with this callback data (on the latest bot
        message that shows it)."""
        message = self.api.message_with_button(callback_data) or self._synthetic_bot_message(user_id)
        query = {
            "id": str(next(self._callback_ids)),
            "from": _user(user_id),
            "chat_instance": f"ci{message['chat']['id']}",
            "data": callback_data,
            "message": message,
        }
        return await self._feed({"callback_query": query})

    async def inline(self, query: str, *, user_id: int = DEFAULT_USER) -> Calls:
        """A user types ``@bot query`` in any chat."""
        inline_query = {"id": str(next(self._callback_ids)), "from": _user(user_id), "query": query, "offset": ""}
        return await self._feed({"inline_query": inline_query})

    # -- internals -----------------------------------------------------------------------

    async def _message(
        self,
        fields: dict[str, Any],
        user_id: int,
        chat_type: str,
        chat_id: int | None,
        *,
        edited: bool = False,
        reply_to_bot: bool = False,
    ) -> Calls:
        if chat_id is None:
            chat_id = user_id if chat_type == "private" else DEFAULT_GROUP
        self.api.chats[chat_id] = chat_type
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = "Test"
        else:
            chat["title"] = "Test group"
        now = int(time.time())
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": now,
            "chat": chat,
            "from": _user(user_id),
            **fields,
        }
        if edited:
            message["edit_date"] = now
        if reply_to_bot:
            message["reply_to_message"] = self.api.last_bot_message(chat_id) or self._synthetic_bot_message(chat_id)
        return await self._feed({"edited_message" if edited else "message": message})

    def _synthetic_bot_message(self, chat_id: int) -> dict[str, Any]:
        message = {
            "message_id": 1,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": self.api.chats.get(chat_id, "private")},
            "from": self.api.bot_user(),
            "text": "…",
        }
        return message

    async def _feed(self, payload: dict[str, Any]) -> Calls:
        assert self.application is not None, "use `async with Harness() as h:`"
        data = {"update_id": next(self._update_ids), **payload}
        update = Update.de_json(data, self.application.bot)
        return await self._recording(self.application.process_update(update))

    async def _recording(self, work: Awaitable[object]) -> Calls:
        start = len(self.api.calls)
        await work
        return Calls(self.api.calls[start:])


def _user(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": "Test", "language_code": "fa"}


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _entities(text: str) -> list[dict[str, Any]]:
    """The entities Telegram would attach: a leading command, and @mentions."""
    entities = []
    command = _COMMAND.match(text)
    if command:
        entities.append({"type": "bot_command", "offset": 0, "length": _utf16(command.group())})
    for m in _MENTION.finditer(text):
        if command and m.start() < command.end():
            continue
        entities.append({"type": "mention", "offset": _utf16(text[: m.start()]), "length": _utf16(m.group())})
    return entities


def _plain(text: str) -> str:
    return html.unescape(_TAG.sub("", text))
