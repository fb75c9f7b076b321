"""`bot chat`: the terminal chat on the local harness, interactive or piped."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot import paths
from bot.store import EngineStore
from bot.telegram.chat import Terminal, chat

ROOT = Path(__file__).resolve().parent.parent
BOT = Path(sys.executable).parent / "bot"


@pytest.fixture(scope="module")
def store() -> EngineStore:
    return EngineStore.open(paths.article_path(), paths.table_path())


def run_bot_chat(stdin: int | str | None, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
    command = [str(BOT)] if BOT.exists() else [sys.executable, "-m", "bot"]
    return subprocess.run(
        [*command, "chat", *args],
        input=stdin if isinstance(stdin, str) else None,
        stdin=stdin if not isinstance(stdin, str) else None,
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_piped_question_is_answered_and_the_chat_exits_0() -> None:
    done = run_bot_chat("فروزان کیست\n")
    assert done.returncode == 0, done.stderr
    assert "منبع: خبرگزاری مهر" in done.stdout
    assert "[1] 👍" in done.stdout
    assert "Traceback" not in done.stderr


def test_no_stdin_exits_0() -> None:
    done = run_bot_chat(subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert "local chat harness" in (done.stdout + done.stderr).lower()


async def test_buttons_are_numbered_and_pressed_by_number(store: EngineStore, tmp_path: Path) -> None:
    first = store.engine.examples(1)[0]
    lines = "\n".join(["/start", "/1", "#99", "/quit", "این خط خوانده نمی‌شود"]) + "\n"
    out = io.StringIO()

    code = await chat(store, stdin=io.StringIO(lines), out=out, db=tmp_path / "q.sqlite3")

    text = out.getvalue()
    assert code == 0
    show = store.engine.presentation
    assert f"[1] {show.label(first)}" in text  # buttons show the entry's label
    assert f"❓ {show.question(first)}" in text  # a pressed question is restated on top
    assert f"*{show.quote(first).short}*" in text  # bold shown with stars off a terminal
    assert "there is no button 99" in text
    assert "این خط خوانده نمی‌شود" not in text


async def test_admin_chat_can_see_stats(store: EngineStore, tmp_path: Path) -> None:
    out = io.StringIO()
    await chat(store, admin=True, stdin=io.StringIO("فروزان کیست\n/stats\n"), out=out, db=tmp_path / "q.sqlite3")
    assert "کل پرسش‌ها: ۱" in out.getvalue()


def test_terminal_rendering_keeps_bold_and_drops_other_markup() -> None:
    term = Terminal(io.StringIO(), color=True)
    assert term.show("a <b>b &amp; c</b> <i>d</i> &lt;e&gt;") == "a \033[1mb & c\033[0m d <e>"
    assert Terminal(io.StringIO(), color=False).show("<b>x</b>") == "*x*"


def test_demo_shows_the_bot_answering_before_any_input() -> None:
    done = run_bot_chat(subprocess.DEVNULL, "--demo")
    assert done.returncode == 0, done.stderr
    assert "🙂 /start" in done.stdout and "خبرگزاری مهر" in done.stdout
    assert "مدیرکل امور بین‌الملل" in done.stdout  # «فروزان کیه؟» answered from the article, half-spaces restored
    assert "نیامده است" in done.stdout  # and an honest «not in the article»
