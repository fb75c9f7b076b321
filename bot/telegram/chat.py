"""``bot chat``: talk to the bot in a terminal, through the local harness (no Telegram).

Every line typed is sent as a Telegram text message to the real Application; its
replies are printed with their buttons numbered, and ``/1`` (or ``#1``) presses button
1 of the latest keyboard. Works with no terminal too (``echo "…" | bot chat``)."""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from bot.querylog import SqliteQueryLog
from bot.store import EngineStore
from bot.telegram.config import DEFAULT_FLOOD_LIMIT
from bot.telegram.harness import DEFAULT_USER, Button, Calls, Harness

ADMIN_USER = 1
QUIT = frozenset({"/quit", "/exit", "/q"})
_PRESS = re.compile(r"^[/#](\d+)$")
_BOLD = re.compile(r"<b>(.*?)</b>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")

BANNER = """\
Local chat harness — the real bot handlers, but no Telegram and no network.
Type a question as a Telegram user would (Persian, Finglish or English).
  /1 or #1        press button 1 of the last reply
  /sticker        send a sticker          /inline TEXT    an inline query (@bot TEXT)
  /upload FILE    send a file (as an admin, a valid .yaml replaces the table file)
  /quit or Ctrl-D leave
Bot commands: /start /help /article /questions /ask{admin}
"""


@dataclass
class Terminal:
    """Where the chat prints, and how it shows bold text."""

    out: TextIO
    color: bool
    buttons: list[Button] = field(default_factory=list)

    def bold(self, text: str) -> str:
        return f"\033[1m{text}\033[0m" if self.color else f"*{text}*"

    def show(self, html_text: str) -> str:
        """Telegram HTML as terminal text: bold kept, other tags dropped, entities decoded."""
        text = _BOLD.sub(lambda m: "\0B" + m.group(1) + "\0E", html_text)
        text = html.unescape(_TAG.sub("", text))
        return re.sub("\0B(.*?)\0E", lambda m: self.bold(m.group(1)), text, flags=re.DOTALL)

    def print(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def replies(self, calls: Calls) -> None:
        """Print what the bot did, and remember the latest keyboard for /N."""
        for call in calls:
            if call.method == "sendMessage":
                self.print("🤖 " + self.show(call.text or ""))
            elif call.method == "editMessageText":
                self.print("🤖 (edited) " + self.show(call.text or ""))
            elif call.method == "answerCallbackQuery" and call.text:
                self.print(f"🔔 {call.text}")
            elif call.method == "answerInlineQuery":
                for i, result in enumerate(call.results, 1):
                    self.print(f"  ({i}) {result.get('title', '')} — {result.get('description', '')}")
            if call.method in ("sendMessage", "editMessageText", "editMessageReplyMarkup") and call.buttons:
                self.buttons = call.buttons
                for i, button in enumerate(call.buttons, 1):
                    self.print(f"  [{i}] {button.text}")
        if not calls.messages and not calls.of("answerCallbackQuery", "answerInlineQuery", "editMessageReplyMarkup"):
            self.print("(no reply)")


async def chat(
    store: EngineStore,
    *,
    admin: bool = False,
    user_id: int | None = None,
    db: Path | None = None,
    flood_limit: int = DEFAULT_FLOOD_LIMIT,
    stdin: TextIO | None,
    out: TextIO,
    demo: Sequence[str] = (),
) -> int:
    """Run the chat until /quit or end of input. Piped input is not flood-limited
    (a script sends faster than any person). ``demo`` lines are sent first, as if typed,
    so a new user sees the bot answer before typing anything."""
    interactive = bool(stdin and stdin.isatty() and out.isatty())
    term = Terminal(out, color=out.isatty())
    user = user_id or (ADMIN_USER if admin else DEFAULT_USER)
    banner = BANNER.format(admin=" /reload /stats (you are an admin)" if admin else "")
    print(banner, file=out if interactive else sys.stderr, flush=True)
    querylog = SqliteQueryLog(db) if db is not None else None
    limit = flood_limit if interactive else 0
    async with Harness(store=store, querylog=querylog, admin_ids={user} if admin else (), flood_limit=limit) as harness:
        for text in demo:
            term.print(f"🙂 {text}")
            calls = await _dispatch(harness, term, text, user)
            if calls is not None:
                term.replies(calls)
            term.print()
        if stdin is None:
            return 0
        if interactive:
            _enable_line_editing()
        while True:
            # Blocking read on purpose: nothing else runs meanwhile, and Ctrl-C stays clean.
            line = _read_line(stdin, "🙂 " if interactive else None)
            if line is None:
                if interactive:
                    term.print()  # end the prompt's line
                break
            text = line.strip()
            if not text:
                continue
            if text in QUIT:
                break
            if not interactive:
                term.print(f"🙂 {text}")
            calls = await _dispatch(harness, term, text, user)
            if calls is not None:
                term.replies(calls)
            term.print()
    return 0


async def _dispatch(harness: Harness, term: Terminal, text: str, user: int) -> Calls | None:
    if m := _PRESS.match(text):
        n = int(m.group(1))
        button = term.buttons[n - 1] if 1 <= n <= len(term.buttons) else None
        if button is not None and button.switch_inline_query is not None:
            # a share button: Telegram would write «@bot question» in a chat the user picks
            term.print(f"(shared: @{harness.bot_username} {button.switch_inline_query})")
            return await harness.inline(button.switch_inline_query, user_id=user)
        if button is None or button.data is None:
            term.print(f"(there is no button {n} in the last reply)")
            return None
        return await harness.press(button.data, user_id=user)
    if text == "/sticker":
        return await harness.send_sticker(user_id=user)
    if text.startswith("/inline"):
        return await harness.inline(text.removeprefix("/inline").strip(), user_id=user)
    if text.startswith("/upload"):
        path = Path(text.removeprefix("/upload").strip())
        try:
            data = path.read_bytes()
        except OSError as exc:
            term.print(f"(cannot read {path}: {exc.strerror or exc})")
            return None
        return await harness.send_document(data, path.name, user_id=user)
    return await harness.send_text(text, user_id=user)


def _read_line(stdin: TextIO, prompt: str | None) -> str | None:
    try:
        if prompt is not None:
            return input(prompt)
        line = stdin.readline()
        return line if line else None
    except (EOFError, KeyboardInterrupt):
        return None
    except (OSError, ValueError):  # stdin closed
        return None


def _enable_line_editing() -> None:
    try:
        import readline  # noqa: F401 — arrow keys and history for input()
    except ImportError:
        pass
