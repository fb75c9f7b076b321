"""What the stand-in remembers: the update queue, the calls, the messages, the faults.

One ``Api`` outlives every go_down/come_back of the HTTP server. All state is guarded
by one reentrant lock with two conditions: ``cond`` for updates, polls, faults and
going down, ``recorded`` for new entries in the call record.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.standin.rules import NOT_MODIFIED, ApiError, as_float, as_int, checked_markup, checked_text, text_source

BOT_USERNAME = "mehr_article_bot"
BOT_FIRST_NAME = "Mehr Article Bot"
ANY = "*"  # fault-injection wildcard: every method
POLL_CHECK = 0.25  # seconds between checks that a long-polling client is still there

# Methods Telegram answers with ``true``; everything unknown is answered ``true`` too.
_TRUE_METHODS = frozenset(
    m.lower()
    for m in (
        "deleteWebhook",
        "setWebhook",
        "setMyCommands",
        "deleteMyCommands",
        "answerCallbackQuery",
        "answerInlineQuery",
        "sendChatAction",
        "setChatMenuButton",
        "setMyDescription",
        "setMyShortDescription",
        "setMyName",
        "deleteMessage",
        "deleteMessages",
        "close",
        "logOut",
    )
)


class Abort(Exception):
    """The stand-in went down while this request was open: reset the connection."""


@dataclass(frozen=True, slots=True)
class Call:
    """One recorded API call, in the order the stand-in answered them.

    ``status`` is the HTTP status sent back (0: the connection was reset instead);
    ``result`` is Telegram's ``result`` on success, else the error body."""

    seq: int
    method: str
    params: dict[str, Any]
    time: float  # time.monotonic() when the request arrived
    status: int
    result: Any
    token: str
    files: dict[str, bytes] = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def text(self) -> str | None:
        value = self.params.get("text")
        return value if isinstance(value, str) else None

    @property
    def chat_id(self) -> Any:
        return self.params.get("chat_id")

    @property
    def reply_markup(self) -> dict[str, Any] | None:
        markup = self.params.get("reply_markup")
        return markup if isinstance(markup, dict) else None

    def callback_data(self) -> list[str]:
        """The callback_data of every inline button of the reply markup, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [b["callback_data"] for row in rows for b in row if isinstance(b, dict) and "callback_data" in b]


@dataclass(slots=True)
class Fault:
    method: str
    remaining: int | None  # None: until cleared
    error: ApiError | None = None  # None: a delay only
    seconds: float = 0.0


def _take(faults: list[Fault], method: str) -> Fault | None:
    """The first fault for this method (else for any method) with uses left; uses it."""
    for wanted in (method.lower(), ANY):
        for fault in faults:
            if fault.method == wanted and (fault.remaining is None or fault.remaining > 0):
                if fault.remaining is not None:
                    fault.remaining -= 1
                return fault
    return None


@dataclass(slots=True)
class File:
    file_id: str
    path: str
    content: bytes
    name: str
    sized: bool = True  # False: no file_size in getFile and no Content-Length on download
    served: int = 0  # bytes of it written to downloaders so far


class Api:
    """Everything that outlives a go_down/come_back: the queue, the record, the faults."""

    def __init__(self, bot_username: str) -> None:
        self.bot_username = bot_username
        lock = threading.RLock()  # reentrant: a wait_for predicate may call back in
        self.cond = threading.Condition(lock)  # updates, polls, faults, going down
        self.recorded = threading.Condition(lock)  # new entries in ``calls``
        self.calls: list[Call] = []
        self.pending: list[dict[str, Any]] = []  # unconfirmed updates, by update_id
        self.next_update_id = 1
        self.confirmed_below = 0  # every update_id below this one is confirmed
        self.message_ids: dict[Any, int] = {}
        self.messages: dict[tuple[Any, int], dict[str, Any]] = {}
        self.sources: dict[tuple[Any, int], tuple[Any, ...]] = {}  # text as sent, to tell "not modified"
        self.last_bot_message: dict[Any, dict[str, Any]] = {}
        self.chats: dict[Any, dict[str, Any]] = {}
        self.files: dict[str, File] = {}
        self.commands: dict[str, Any] = {}
        self.faults: list[Fault] = []
        self.delays: list[Fault] = []
        self.polling: list[float] = []  # arrival times of the getUpdates calls now waiting
        self.epoch = 0  # bumped whenever the stand-in goes down: open long polls are reset
        self.last_token = "1:stand-in"  # the token of the latest call, for messages made up here

    # -- recording ---------------------------------------------------------------------

    def record(
        self,
        method: str,
        params: dict[str, Any],
        arrived: float,
        status: int,
        result: Any,
        token: str,
        files: dict[str, bytes],
    ) -> None:
        with self.cond:
            self.calls.append(Call(len(self.calls), method, params, arrived, status, result, token, files))
            self.last_token = token
            self.recorded.notify_all()

    def count(self) -> int:
        with self.cond:
            return len(self.calls)

    def snapshot(self, since: int = 0) -> list[Call]:
        with self.cond:
            return self.calls[since:]

    def wait_call(self, match: Callable[[Call], bool], timeout: float, since: int) -> Call:
        """The first recorded call from ``since`` on that matches; raises TimeoutError."""
        deadline = time.monotonic() + timeout
        checked = since
        with self.recorded:
            while True:
                for call in self.calls[checked:]:
                    if match(call):
                        return call
                checked = max(checked, len(self.calls))
                left = deadline - time.monotonic()
                if left <= 0:
                    recent = ", ".join(f"{c.method}:{c.status}" for c in self.calls[-12:])
                    raise TimeoutError(f"no matching call within {timeout}s (last calls: {recent})")
                self.recorded.wait(left)

    def wait_polls(self, count: int, timeout: float, after: float) -> bool:
        """Whether ``count`` long polls that arrived after ``after`` wait, within ``timeout``."""
        with self.cond:
            return self.cond.wait_for(lambda: sum(t >= after for t in self.polling) >= count, timeout=timeout)

    def go_down(self) -> None:
        """Every open request of the current server is to be reset, not answered."""
        with self.cond:
            self.epoch += 1
            self.cond.notify_all()

    # -- faults ------------------------------------------------------------------------

    def add_fault(self, method: str, count: int | None, error: ApiError) -> None:
        with self.cond:
            self.faults.append(Fault(method.lower(), count, error))
            self.cond.notify_all()  # waiting long polls are hit too

    def set_delay(self, method: str, seconds: float, count: int | None) -> None:
        with self.cond:
            if seconds > 0:
                self.delays.append(Fault(method.lower(), count, None, seconds))
            else:
                self.delays = [d for d in self.delays if d.method != method.lower()]

    def clear_faults(self) -> None:
        with self.cond:
            self.faults.clear()
            self.delays.clear()

    def take_fault(self, method: str) -> ApiError | None:
        with self.cond:
            fault = _take(self.faults, method)
            return fault.error if fault else None

    def wait_delay(self, method: str, epoch: int) -> None:
        with self.cond:
            delay = _take(self.delays, method)
            if delay is None:
                return
            self.cond.wait_for(lambda: self.epoch != epoch, timeout=delay.seconds)
            if self.epoch != epoch:
                raise Abort

    # -- updates -----------------------------------------------------------------------

    def push(self, update: dict[str, Any]) -> int:
        with self.cond:
            update_id = self.next_update_id
            self.next_update_id += 1
            self.pending.append({"update_id": update_id, **update})
            self.cond.notify_all()
            return update_id

    def get_updates(
        self, params: dict[str, Any], epoch: int, arrived: float, gone: Callable[[], bool]
    ) -> list[dict[str, Any]]:
        offset = as_int(params.get("offset"), 0)
        limit = min(max(as_int(params.get("limit"), 100), 1), 100)
        timeout = max(as_float(params.get("timeout"), 0.0), 0.0)
        deadline = time.monotonic() + timeout
        with self.cond:
            if offset < 0:  # the last -offset updates; everything before them is forgotten
                self.pending = self.pending[offset:]
                self.confirmed_below = self.pending[0]["update_id"] if self.pending else self.next_update_id
            elif offset > 0:
                self.pending = [u for u in self.pending if u["update_id"] >= offset]
                self.confirmed_below = max(self.confirmed_below, offset)
            waiting = False
            try:
                while True:
                    if self.epoch != epoch:
                        raise Abort
                    if fault := self.take_fault("getUpdates"):  # set while this poll waited
                        raise fault
                    if self.pending:
                        return [dict(u) for u in self.pending[:limit]]
                    left = deadline - time.monotonic()
                    if left <= 0:
                        return []
                    if gone():  # the client gave up on this poll: so does Telegram
                        raise Abort
                    if not waiting:
                        waiting = True
                        self.polling.append(arrived)
                        self.cond.notify_all()  # for wait_polling()
                    self.cond.wait(min(left, POLL_CHECK))
            finally:
                if waiting:
                    self.polling.remove(arrived)

    def new_update_id(self) -> int:
        """An update_id never used before, for an update delivered some other way (a webhook)."""
        with self.cond:
            update_id = self.next_update_id
            self.next_update_id += 1
            return update_id

    def pending_ids(self) -> list[int]:
        with self.cond:
            return [u["update_id"] for u in self.pending]

    def is_confirmed(self, update_id: int) -> bool:
        with self.cond:
            return update_id < self.confirmed_below

    def drop_pending(self) -> None:
        with self.cond:
            if self.pending:
                self.confirmed_below = self.pending[-1]["update_id"] + 1
            self.pending = []

    # -- messages ----------------------------------------------------------------------

    def new_message_id(self, chat_id: Any) -> int:
        with self.cond:
            self.message_ids[chat_id] = self.message_ids.get(chat_id, 0) + 1
            return self.message_ids[chat_id]

    def remember_chat(self, chat: dict[str, Any]) -> None:
        with self.cond:
            self.chats[chat["id"]] = chat

    def last_message_to(self, chat_id: Any) -> dict[str, Any]:
        """The bot's latest message in the chat (or a made-up one if it sent none)."""
        with self.cond:
            found = self.last_bot_message.get(chat_id)
            token = self.last_token
        if found is not None:
            return found
        return {
            "message_id": self.new_message_id(chat_id),
            "from": self.bot_user(token),
            "chat": self.chat(chat_id),
            "date": int(time.time()),
            "text": "…",
        }

    def add_file(self, content: bytes, filename: str, n: int, sized: bool = True) -> str:
        file_id = f"FILE{n}"
        suffix = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
        with self.cond:
            self.files[file_id] = File(file_id, f"documents/file_{n}.{suffix}", bytes(content), filename, sized)
        return file_id

    def chat(self, chat_id: Any) -> dict[str, Any]:
        with self.cond:
            return dict(self.chats.get(chat_id) or {"id": chat_id, "type": "private", "first_name": "User"})

    def bot_user(self, token: str) -> dict[str, Any]:
        head = token.split(":", 1)[0]
        return {
            "id": int(head) if head.isdigit() else 1,
            "is_bot": True,
            "first_name": BOT_FIRST_NAME,
            "username": self.bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    def send(self, method: str, params: dict[str, Any], token: str) -> dict[str, Any]:
        chat_id = params.get("chat_id")
        if chat_id in (None, ""):
            raise ApiError(400, "Bad Request: chat_id is empty")
        message: dict[str, Any] = {
            "message_id": self.new_message_id(chat_id),
            "from": self.bot_user(token),
            "chat": self.chat(chat_id),
            "date": int(time.time()),
        }
        if method.lower() == "sendmessage":
            message["text"] = checked_text(params, "text")
        elif "caption" in params:
            message["caption"] = checked_text(params, "caption", required=False)
        if markup := checked_markup(params):
            message["reply_markup"] = markup
        key = (chat_id, message["message_id"])
        with self.cond:
            self.messages[key] = message
            self.sources[key] = text_source(params)
            self.last_bot_message[chat_id] = message
        return message

    def edit(self, method: str, params: dict[str, Any]) -> dict[str, Any] | bool:
        if params.get("inline_message_id"):
            return True
        key = (params.get("chat_id"), as_int(params.get("message_id"), 0))
        with self.cond:
            old = self.messages.get(key)
            old_source = self.sources.get(key)
        if old is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        new = dict(old)
        source = old_source
        if method.lower() == "editmessagetext":
            new["text"] = checked_text(params, "text")
            source = text_source(params)
        if "reply_markup" in params or method.lower() == "editmessagetext":
            markup = checked_markup(params)
            if markup:
                new["reply_markup"] = markup
            else:
                new.pop("reply_markup", None)
        if source == old_source and new.get("reply_markup") == old.get("reply_markup"):
            raise ApiError(400, NOT_MODIFIED)
        new["edit_date"] = int(time.time())
        with self.cond:
            self.messages[key] = new
            if source is not None:
                self.sources[key] = source
        return new

    def get_file(self, params: dict[str, Any]) -> dict[str, Any]:
        with self.cond:
            f = self.files.get(str(params.get("file_id")))
        if f is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        found = {"file_id": f.file_id, "file_unique_id": "u" + f.file_id, "file_path": f.path}
        return found | ({"file_size": len(f.content)} if f.sized else {})

    def count_served(self, f: File, size: int) -> None:
        with self.cond:
            f.served += size

    def file_by_path(self, path: str) -> File | None:
        with self.cond:
            return next((f for f in self.files.values() if f.path == path), None)

    def answer(
        self, method: str, params: dict[str, Any], token: str, epoch: int, arrived: float, gone: Callable[[], bool]
    ) -> Any:
        """Telegram's ``result`` for one call, or raises ApiError."""
        m = method.lower()
        if m == "getme":
            return self.bot_user(token)
        if m == "getupdates":
            return self.get_updates(params, epoch, arrived, gone)
        if m == "deletewebhook":
            if params.get("drop_pending_updates") in (True, "true", "True"):
                self.drop_pending()
            return True
        if m == "getwebhookinfo":
            with self.cond:
                return {"url": "", "has_custom_certificate": False, "pending_update_count": len(self.pending)}
        if m == "setmycommands":
            with self.cond:
                self.commands[json.dumps(params.get("scope"), sort_keys=True)] = params.get("commands")
            return True
        if m == "getmycommands":
            with self.cond:
                return self.commands.get(json.dumps(params.get("scope"), sort_keys=True)) or []
        if m == "getfile":
            return self.get_file(params)
        if m in _TRUE_METHODS:
            return True
        if m.startswith("edit"):
            return self.edit(method, params)
        if m.startswith("send") or m in ("forwardmessage",):
            return self.send(method, params, token)
        return True
