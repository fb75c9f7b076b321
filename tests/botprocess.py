"""Running the real ``bot run`` as a subprocess against the Bot API stand-in.

Shared by the end-to-end and fault tests. Every wait is bounded; ``BotProcess`` kills
its process on exit whatever happened.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from bot import paths
from bot.engine import Engine, load_engine
from bot.standin import BotApiStandIn, Call

# Well-formed (digits ':' 35 letters) but fake: only the stand-in ever sees it.
TOKEN = "123456:" + "AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGhI"
ADMIN_ID = 4242
USER_ID = 1001
WAIT = 15.0  # the longest any single wait may take

# Questions answered from the article, each with a different short answer (so a reply
# shows which question it answers).
QUESTIONS = ("وزارت کی تشکیل شد؟", "فروزان کیست؟", "عنوان خبر چیست؟", "چرا وزارتخانه ها ادغام شدند؟")


@dataclass(frozen=True)
class BotFiles:
    """The bot's files, all under a test's tmp_path."""

    table: Path
    article: Path
    db: Path
    logs: Path


def copy_data(tmp_path: Path) -> BotFiles:
    """Copies of the project's table and article, plus where the DB and logs go."""
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    table = data / "qa.yaml"
    article = data / paths.article_path().name
    shutil.copyfile(paths.table_path(), table)
    shutil.copyfile(paths.article_path(), article)
    logs = tmp_path / "logs"
    logs.mkdir(exist_ok=True)
    return BotFiles(table=table, article=article, db=tmp_path / "queries.sqlite3", logs=logs)


def load_test_engine(files: BotFiles) -> Engine:
    engine, problems = load_engine(files.article, files.table)
    assert engine is not None, problems
    return engine


def bold_answer(engine: Engine, question: str) -> str:
    """What a correct reply to ``question`` must contain: its short answer in bold (as
    shown: display spelling; a list answer's first item)."""
    answer = engine.answer(question)
    part = next(p for p in answer.parts if p.kind == "answer")
    assert part.entry is not None and part.entry.answer
    quote = engine.presentation.quote(part.entry)
    assert quote is not None
    return f"<b>{escape(quote.items[0] if quote.items else quote.short)}</b>"


class BotProcess:
    """``python -m bot run`` with its environment pointing at the stand-in."""

    def __init__(
        self,
        standin: BotApiStandIn,
        files: BotFiles,
        *,
        admin_ids: tuple[int, ...] = (ADMIN_ID,),
        log_level: str = "INFO",
        env: dict[str, str] | None = None,
        args: tuple[str, ...] = (),
    ) -> None:
        self.standin = standin
        self.files = files
        self.admin_ids = admin_ids
        self.log_level = log_level
        self.extra_env = env or {}
        self.args = args  # after `bot run`, e.g. ("--webhook",)
        self.proc: subprocess.Popen[bytes] | None = None
        self.started_at = 0.0
        self._run = 0
        self.out_path = self.err_path = files.logs / "unused"

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}
        env.update(
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_BASE_URL=self.standin.base_url,
            TELEGRAM_BASE_FILE_URL=self.standin.file_base_url,
            BOT_ADMIN_IDS=",".join(map(str, self.admin_ids)),
            BOT_DB=str(self.files.db),
            BOT_TABLE=str(self.files.table),
            BOT_ARTICLE=str(self.files.article),
            BOT_LOG_LEVEL=self.log_level,
            BOT_STATE_DIR=str(self.files.logs.parent / "state"),  # heartbeat and keys: not in the checkout
            PYTHONUNBUFFERED="1",
            PYTHONDONTWRITEBYTECODE="1",
        )
        env.update(self.extra_env)
        return env

    def start(self) -> BotProcess:
        self._run += 1
        self.out_path = self.files.logs / f"bot{self._run}.out"
        self.err_path = self.files.logs / f"bot{self._run}.err"
        self.started_at = time.monotonic()
        with open(self.out_path, "wb") as out, open(self.err_path, "wb") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bot", "run", *self.args],
                env=self.environment(),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                cwd=self.files.logs,
            )
        return self

    def wait_ready(self, timeout: float = WAIT) -> None:
        """Until this process is idle in a long poll (so its start-up calls are done)."""
        deadline = time.monotonic() + timeout
        while True:
            self.assert_alive()
            try:
                self.standin.wait_polling(1, timeout=0.2, after=self.started_at)
                return
            except TimeoutError:
                if time.monotonic() > deadline:
                    raise AssertionError(f"the bot did not start polling within {timeout}s\n{self.logs()}") from None

    def wait_idle(self, timeout: float = WAIT) -> None:
        """Until the bot has fetched everything and waits in a new long poll."""
        deadline = time.monotonic() + timeout
        while self.standin.pending_update_ids() or not self._polling_now():
            self.assert_alive()
            if time.monotonic() > deadline:
                raise AssertionError(f"the bot did not become idle within {timeout}s\n{self.logs()}")
            time.sleep(0.05)

    def _polling_now(self) -> bool:
        try:
            self.standin.wait_polling(1, timeout=0.05, after=self.started_at)
            return True
        except TimeoutError:
            return False

    def assert_alive(self) -> None:
        assert self.proc is not None, "the bot was never started"
        if self.proc.poll() is not None:
            raise AssertionError(f"the bot exited with {self.proc.returncode}\n{self.logs()}")

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def terminate(self, timeout: float = WAIT) -> int:
        """SIGTERM, then wait for the exit code (SIGKILL and fail if it takes too long)."""
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"the bot did not exit within {timeout}s of SIGTERM\n{self.logs()}") from None

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=WAIT)

    def stdout(self) -> str:
        return self.out_path.read_text(encoding="utf-8", errors="replace") if self.out_path.exists() else ""

    def stderr(self) -> str:
        return self.err_path.read_text(encoding="utf-8", errors="replace") if self.err_path.exists() else ""

    def all_output(self) -> str:
        """stdout and stderr of every run of this process so far."""
        return "".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(self.files.logs.glob("bot*.*")))

    def logs(self, lines: int = 60) -> str:
        tail = "\n".join(self.stderr().splitlines()[-lines:])
        return f"--- stderr (last {lines} lines) ---\n{tail}\n--- stdout ---\n{self.stdout()[-2000:]}"

    def __enter__(self) -> BotProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.kill()


def ask(standin: BotApiStandIn, question: str, user_id: int, timeout: float = WAIT) -> Call:
    """Push a question and wait for the bot's reply in that user's chat."""
    since = standin.mark()
    standin.push_message(question, user_id=user_id)
    return standin.wait_for("sendMessage", lambda c: c.chat_id == user_id, timeout=timeout, since=since)


def replies_by_chat(standin: BotApiStandIn) -> dict[Any, list[str]]:
    """The delivered sendMessage texts, grouped by chat."""
    out: dict[Any, list[str]] = {}
    for call in standin.calls("sendMessage", ok_only=True):
        out.setdefault(call.chat_id, []).append(call.text or "")
    return out


def db_check(db: Path) -> tuple[str, int]:
    """(PRAGMA integrity_check, number of question rows), read without writing."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        rows = conn.execute("SELECT COUNT(*) FROM questions").fetchone()[0]
    finally:
        conn.close()
    return integrity, rows


def question_rows(db: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return [r[0] for r in conn.execute("SELECT question FROM questions ORDER BY id")]
    finally:
        conn.close()


def wait_until(predicate: Any, timeout: float = WAIT, what: str = "condition") -> None:
    """Poll ``predicate`` until true (bounded)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not reached within {timeout}s")
        time.sleep(0.05)
