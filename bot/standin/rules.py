"""How Telegram reads a request and checks a message, for the stand-in.

Form values become numbers, booleans or JSON objects the way the Bot API reads them;
message texts are checked against Telegram's limits and its HTML parse mode, so a bot
that would be refused by Telegram is refused here too.
"""

from __future__ import annotations

import email.parser
import email.policy
import html
import json
import re
from typing import Any
from urllib.parse import parse_qsl

# Parameters that are text even when they look like numbers or JSON.
_TEXT_PARAMS = frozenset(
    {
        "text",
        "caption",
        "data",
        "query",
        "description",
        "short_description",
        "name",
        "title",
        "callback_query_id",
        "inline_query_id",
        "url",
        "file_id",
        "parse_mode",
        "action",
        "start_parameter",
        "custom_title",
        "language_code",
        "secret_token",
    }
)
_HTML_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "a",
        "code",
        "pre",
        "span",
        "tg-spoiler",
        "blockquote",
        "tg-emoji",
    }
)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s[^<>]*)?)>")
_ENTITY = re.compile(r"&(#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z]+);")
_INT = re.compile(r"-?[0-9]{1,20}")
MAX_TEXT = 4096
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)


class ApiError(Exception):
    """An error answer: HTTP status, Telegram description and optional parameters."""

    def __init__(self, status: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> dict[str, Any]:
        out: dict[str, Any] = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            out["parameters"] = self.parameters
        return out


def as_int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def as_float(value: Any, default: float) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def text_source(params: dict[str, Any]) -> tuple[Any, ...]:
    """A message text as sent (to tell an edit that changes nothing)."""
    return (params.get("text"), str(params.get("parse_mode") or "").lower(), params.get("entities"))


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def checked_text(params: dict[str, Any], key: str, required: bool = True) -> str:
    """The text as the user sees it (markup parsed), checked like Telegram checks it."""
    raw = params.get(key)
    raw = "" if raw is None else str(raw)
    shown = strip_html(raw) if str(params.get("parse_mode", "")).lower() == "html" else raw
    if required and not shown.strip():
        raise ApiError(400, f"Bad Request: message {key} is empty" if key == "text" else f"Bad Request: {key} is empty")
    if utf16_len(shown) > (MAX_TEXT if key == "text" else 1024):
        raise ApiError(
            400, "Bad Request: message is too long" if key == "text" else "Bad Request: message caption is too long"
        )
    return shown


def strip_html(text: str) -> str:
    """Telegram's HTML parse mode: supported tags only, balanced; entities decoded."""
    stack: list[str] = []
    out: list[str] = []
    pos = 0
    for m in _TAG.finditer(text):
        _check_plain(text, pos, m.start())
        out.append(text[pos : m.start()])
        closing, tag = m.group(1), m.group(2).lower()
        if tag not in _HTML_TAGS:
            raise ApiError(
                400,
                f'Bad Request: can\'t parse entities: Unsupported start tag "{tag}" at byte offset {len(text[: m.start()].encode())}',
            )
        if closing:
            if not stack or stack[-1] != tag:
                raise ApiError(
                    400,
                    f'Bad Request: can\'t parse entities: Unmatched end tag at byte offset {len(text[: m.start()].encode())}, expected "</{stack[-1] if stack else ""}>", found "</{tag}>"',
                )
            stack.pop()
        else:
            stack.append(tag)
        pos = m.end()
    _check_plain(text, pos, len(text))
    out.append(text[pos:])
    if stack:
        raise ApiError(
            400, f"Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"{stack[-1]}\""
        )
    return html.unescape("".join(out))


def _check_plain(text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    if "<" in chunk or ">" in chunk:
        at = start + min(i for i in (chunk.find("<"), chunk.find(">")) if i >= 0)
        raise ApiError(
            400, f"Bad Request: can't parse entities: Unexpected character at byte offset {len(text[:at].encode())}"
        )
    for amp in re.finditer("&", chunk):
        if not _ENTITY.match(chunk, amp.start()):
            raise ApiError(
                400,
                f"Bad Request: can't parse entities: Can't find end of the entity starting at byte offset {len(text[: start + amp.start()].encode())}",
            )


def checked_markup(params: dict[str, Any]) -> dict[str, Any] | None:
    markup = params.get("reply_markup")
    if markup in (None, ""):
        return None
    if not isinstance(markup, dict):
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard") or []:
        for button in row:
            if not isinstance(button, dict) or not button.get("text"):
                raise ApiError(400, "Bad Request: inline keyboard button text must be non-empty")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= 64:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    return markup


def decode_value(key: str, value: str) -> Any:
    """A form value as Telegram reads it: objects and arrays are JSON, ids are numbers."""
    if key in _TEXT_PARAMS:
        return value
    if value[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            return value
    if value in ("true", "false"):
        return value == "true"
    if _INT.fullmatch(value):
        return int(value)
    return value


def parse_body(content_type: str, body: bytes) -> tuple[dict[str, Any], dict[str, bytes]]:
    mime = content_type.split(";", 1)[0].strip().lower()
    if not body:
        return {}, {}
    if mime == "application/json":
        data = json.loads(body.decode("utf-8"))
        if not isinstance(data, dict):
            raise ApiError(400, "Bad Request: the request body must be a JSON object")
        return data, {}
    if mime == "multipart/form-data":
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
        )
        params: dict[str, Any] = {}
        files: dict[str, bytes] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if not isinstance(name, str) or not name:
                continue
            raw = part.get_payload(decode=True)
            payload = raw if isinstance(raw, bytes) else b""
            filename = part.get_filename()
            if filename is not None:
                files[name] = payload
                params[name] = {"filename": filename, "size": len(payload), "content_type": part.get_content_type()}
            else:
                params[name] = decode_value(name, payload.decode(part.get_content_charset() or "utf-8"))
        return params, files
    pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True)
    return {k: decode_value(k, v) for k, v in pairs}, {}
