"""Golden transcripts: what users send and what the bot sends back, as a person reads it.

A transcript is plain text, one file per scenario under ``tests/golden/``:

    >>> وزارت کی تشکیل شد؟                      what the user sent (or pressed: «>>> [press] …»)
    <<< sendMessage                              each Bot API call the bot made
        **۱۳۹۰**                                 the message text: **bold**, entities decoded
        «… از سال ۱۳۹۰ … تشکیل شد …»
        [👍 مفید بود | f:+:ministry_founded:1]   the keyboard, one line per row
        [↗️ ارسال برای دیگران | share: …]

Times, durations and temporary paths are masked so a transcript only changes when what
users see changes. Regenerate all of them with

    UPDATE_GOLDEN=1 scripts/dev test tests/test_golden.py
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

from bot.telegram.harness import Call, Calls

INDENT = "    "
_BOLD = re.compile(r"<b>(.*?)</b>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_MASKS = (
    (re.compile(r"در [۰-۹0-9]+ میلی‌ثانیه"), "در ‹…› میلی‌ثانیه"),  # reload time
    (re.compile(r"[۰-۹0-9]{4}-[۰-۹0-9]{2}-[۰-۹0-9]{2} [۰-۹0-9]{2}:[۰-۹0-9]{2}"), "‹time›"),  # /stats
    (re.compile(r"\.bak-\d{8}-\d{6}(-\d+)?"), ".bak-‹time›"),  # an upload's backup file
    (re.compile(r"\| x:\d+\]"), "| x:‹token›]"),  # «هیچ‌کدام»'s token: where a process starts counting
)


def plain(text: str) -> str:
    """Telegram HTML as read: bold as **…**, other tags dropped, entities decoded."""
    return html.unescape(_TAG.sub("", _BOLD.sub(lambda m: f"**{m.group(1)}**", text)))


class Transcript:
    """Collects one scenario's exchanges as text."""

    def __init__(self, title: str, masks: Iterable[tuple[str, str]] = ()) -> None:
        self.lines = [f"# {title}", ""]
        self.masks = list(masks)

    def sent(self, what: str) -> None:
        self.lines.append(f">>> {what}")

    def note(self, what: str) -> None:
        self.lines.append(f"# {what}")

    def calls(self, calls: Calls) -> None:
        for call in calls:
            self.lines += _call(call)
        if not calls:
            self.lines.append("<<< (no reply)")
        self.lines.append("")

    def text(self) -> str:
        out = "\n".join(self.lines).rstrip("\n") + "\n"
        for old, new in self.masks:
            out = out.replace(old, new)
        for pattern, replacement in _MASKS:
            out = pattern.sub(replacement, out)
        return out


def _call(call: Call) -> list[str]:
    head = f"<<< {call.method}"
    params = call.params
    notes = []
    if params.get("reply_parameters"):
        notes.append("in reply to the user's message")
    if params.get("language_code"):
        notes.append(f"language {params['language_code']}")
    scope = params.get("scope")
    if isinstance(scope, dict):
        notes.append("for " + ("everyone" if scope.get("type") == "default" else f"chat {scope.get('chat_id')}"))
    if notes:
        head += f" ({', '.join(notes)})"
    lines = [head]
    if call.method == "answerCallbackQuery":
        return [head + (f": {call.text}" if call.text else "")]
    if call.method in ("setMyCommands",):
        lines += [f"{INDENT}/{c['command']} — {c['description']}" for c in params.get("commands", [])]
        return lines
    for key in ("description", "short_description"):
        if key in params:
            lines += [INDENT + line for line in str(params[key]).split("\n")]
    if call.method == "answerInlineQuery":
        for i, result in enumerate(call.results, 1):
            lines.append(f"{INDENT}({i}) {result.get('title', '')} — {result.get('description', '')}")
            message = result.get("input_message_content", {}).get("message_text", "")
            lines += [INDENT * 2 + line for line in plain(message).split("\n")]
        return lines
    if call.text is not None:
        lines += [(INDENT + line).rstrip() for line in plain(call.text).split("\n")]
    lines += _keyboard(params.get("reply_markup"))
    return lines


def _keyboard(markup: Any) -> list[str]:
    import json

    if isinstance(markup, str):
        markup = json.loads(markup)
    if not isinstance(markup, dict):
        return []
    rows = []
    for row in markup.get("inline_keyboard", []):
        cells = []
        for b in row:
            if "callback_data" in b:
                cells.append(f"[{b['text']} | {b['callback_data']}]")
            elif "switch_inline_query" in b:
                cells.append(f"[{b['text']} | share: {b['switch_inline_query']}]")
            else:
                cells.append(f"[{b['text']}]")
        rows.append(INDENT + " ".join(cells))
    return rows
