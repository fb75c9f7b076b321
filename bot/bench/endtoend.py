"""End to end: the real bot process (``python -m bot run``) against the Bot API
stand-in on 127.0.0.1.

Two loads, each question in a chat of its own (distinct user and chat ids), with the
per-user flood limit raised so it does not interfere:

* burst – N questions made available at once; replies per second until the last
  question has its reply;
* steady – questions made available at a fixed rate; for each, the time from being
  made available (queued in the stand-in, which hands it to the waiting long poll) to
  its ``sendMessage`` arriving at the stand-in.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bot.bench.timing import Stats

if TYPE_CHECKING:
    from bot.standin import BotApiStandIn

_CLEAN_EXITS = (0, 130, -signal.SIGINT)
FAKE_TOKEN = "123456789:" + "B" * 35  # well formed; only the stand-in ever sees it
FLOOD_LIMIT = "10000"  # the highest BOT_FLOOD_LIMIT accepts
SEND_RATE = "0"  # no overall outgoing cap (see _env)
START_TIMEOUT = 60.0


@dataclass(frozen=True, slots=True)
class EndToEnd:
    """Figures of the end-to-end runs (None where a run could not be made)."""

    burst_questions: int
    burst_replied: int
    burst_seconds: float | None
    steady_rate: float
    steady_questions: int
    steady_replied: int
    steady_latency: Stats | None
    bot_peak_rss_mb: float | None
    error: str | None = None

    @property
    def replies_per_second(self) -> float | None:
        if not self.burst_seconds or not self.burst_replied:
            return None
        return self.burst_replied / self.burst_seconds

    def as_json(self) -> dict[str, object]:
        rps = self.replies_per_second
        return {
            "burst_questions": self.burst_questions,
            "burst_replied": self.burst_replied,
            "burst_seconds": None if self.burst_seconds is None else round(self.burst_seconds, 4),
            "replies_per_second": None if rps is None else round(rps, 2),
            "steady_rate_per_s": self.steady_rate,
            "steady_questions": self.steady_questions,
            "steady_replied": self.steady_replied,
            "steady_latency": None if self.steady_latency is None else self.steady_latency.as_json(),
            "bot_peak_rss_mb": None if self.bot_peak_rss_mb is None else round(self.bot_peak_rss_mb, 1),
            "error": self.error,
        }


def run(
    article: Path,
    table: Path,
    questions: Sequence[str],
    burst: int,
    rate: float,
    seconds: float,
    reply_timeout: float = 120.0,
    command: Sequence[str] | None = None,
    db: str | None = None,
) -> EndToEnd:
    """Start the stand-in and the bot, run the burst then the steady load, stop both.
    ``command`` replaces ``python -m bot run`` (for experiments on a modified bot);
    ``db`` is its BOT_DB (default: a new SQLite file)."""
    from bot.standin import BotApiStandIn

    steady_n = int(rate * seconds)
    empty = EndToEnd(burst, 0, None, rate, steady_n, 0, None, None)
    command = list(command or [sys.executable, "-m", "bot", "--article", str(article), "--table", str(table), "run"])
    with tempfile.TemporaryDirectory(prefix="bot-bench-") as tmp, BotApiStandIn() as standin:
        log = Path(tmp) / "bot.log"
        with _bot_process(command, _env(standin, Path(tmp), article, table, db), Path(tmp), log) as proc:
            if not _ready(standin, proc):
                return _failed(empty, "the bot did not start polling", log)
            chats = iter(range(1_000_001, 10_000_000))
            mark = standin.mark()
            if not _replies(standin, _push(standin, questions[:1], chats), mark, 60):
                return _failed(empty, "no reply to the warm-up question", log)
            replied_b, seconds_b = _burst(standin, questions, burst, chats, reply_timeout)
            replied_s, latency = _steady(standin, questions, rate, steady_n, chats, reply_timeout)
            rss = _peak_rss_mb(proc.pid)
    notes = []
    if replied_b < burst:
        notes.append(f"burst: {burst - replied_b} of {burst} questions got no reply within {reply_timeout:.0f} s")
    if replied_s < steady_n:
        notes.append(f"steady: {steady_n - replied_s} of {steady_n} questions got no reply")
    if proc.returncode not in _CLEAN_EXITS:
        notes.append(f"the bot exited with {proc.returncode} when asked to stop")
    return EndToEnd(burst, replied_b, seconds_b, rate, steady_n, replied_s, latency, rss, "; ".join(notes) or None)


# -- the loads -------------------------------------------------------------------------


def _push(standin: BotApiStandIn, questions: Sequence[str], chats: Iterator[int]) -> dict[int, float]:
    """Push each question from a new user in a new private chat; chat id → push time."""
    pushed: dict[int, float] = {}
    for q in questions:
        chat = next(chats)
        pushed[chat] = time.monotonic()
        standin.push_message(q, user_id=chat, chat_id=chat)
    return pushed


def _burst(
    standin: BotApiStandIn, questions: Sequence[str], n: int, chats: Iterator[int], timeout: float
) -> tuple[int, float | None]:
    batch = [questions[i % len(questions)] for i in range(n)]
    mark = standin.mark()
    start = time.monotonic()
    pushed = _push(standin, batch, chats)
    arrived = _replies(standin, pushed, mark, timeout)
    if not arrived:
        return 0, None
    return len(arrived), max(arrived.values()) - start


def _steady(
    standin: BotApiStandIn, questions: Sequence[str], rate: float, n: int, chats: Iterator[int], timeout: float
) -> tuple[int, Stats | None]:
    mark = standin.mark()
    pushed: dict[int, float] = {}
    start = time.monotonic()
    for i in range(n):
        due = start + i / rate
        while (left := due - time.monotonic()) > 0:
            time.sleep(min(left, 0.005))
        pushed.update(_push(standin, [questions[i % len(questions)]], chats))
    arrived = _replies(standin, pushed, mark, timeout)
    if not arrived:
        return 0, None
    return len(arrived), Stats.of([arrived[c] - pushed[c] for c in arrived])


def _replies(standin: BotApiStandIn, pushed: dict[int, float], mark: int, timeout: float) -> dict[int, float]:
    """Arrival time of the first sendMessage to each pushed chat (waits up to ``timeout``)."""
    deadline = time.monotonic() + timeout
    arrived: dict[int, float] = {}
    while True:
        for call in standin.calls("sendMessage"):
            if call.seq >= mark and call.chat_id in pushed and call.chat_id not in arrived:
                arrived[call.chat_id] = call.time
        if len(arrived) == len(pushed) or time.monotonic() > deadline:
            return arrived
        try:
            standin.wait_for("sendMessage", timeout=0.2, since=standin.mark())
        except TimeoutError:
            pass


# -- the process -----------------------------------------------------------------------


def _env(standin: BotApiStandIn, tmp: Path, article: Path, table: Path, db: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=FAKE_TOKEN,
        TELEGRAM_BASE_URL=standin.base_url,
        TELEGRAM_BASE_FILE_URL=standin.file_base_url,
        BOT_DB=db or str(tmp / "queries.sqlite3"),
        BOT_STATE_DIR=str(tmp),  # its key file and heartbeat
        BOT_FLOOD_LIMIT=FLOOD_LIMIT,
        # The stand-in is a self-hosted Bot API server: measure the bot, not Telegram's
        # 30 messages/s cap that the default BOT_SEND_RATE keeps on purpose.
        BOT_SEND_RATE=SEND_RATE,
        BOT_ARTICLE=str(article),
        BOT_TABLE=str(table),
        PYTHONUNBUFFERED="1",
    )
    return env


def _ready(standin: BotApiStandIn, proc: subprocess.Popen[bytes]) -> bool:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            standin.wait_polling(1, timeout=0.5)
            return True
        except TimeoutError:
            continue
    return False


@contextmanager
def _bot_process(command: list[str], env: dict[str, str], cwd: Path, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """The bot running with its output in ``log``; stopped (SIGINT, then kill) on exit."""
    with log.open("wb") as out:
        proc = subprocess.Popen(
            command, env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            yield proc
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


def _peak_rss_mb(pid: int) -> float | None:
    """The process's peak resident set (VmHWM), in MB; None where /proc is missing."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024 / 1e6
    except OSError:
        return None
    return None


def _failed(empty: EndToEnd, why: str, log: Path) -> EndToEnd:
    tail = log.read_text(errors="replace").strip().splitlines()[-5:] if log.exists() else []
    detail = f": {' | '.join(tail)}" if tail else ""
    return EndToEnd(
        empty.burst_questions, 0, None, empty.steady_rate, empty.steady_questions, 0, None, None, why + detail
    )
