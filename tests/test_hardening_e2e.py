"""Issue 10 against the real ``bot run`` process and the Bot API stand-in on 127.0.0.1:
oversized and alias-bomb uploads, a vanished or read-only database, webhook secrets,
a second instance polling, group floods, and bursts cut short by SIGTERM."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from bot.standin import BotApiStandIn
from bot.telegram import texts
from botprocess import ADMIN_ID, WAIT, BotProcess, copy_data

pytestmark = pytest.mark.e2e


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory so far (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


def admin_reply(api: BotApiStandIn, since: int, timeout: float = WAIT) -> str:
    call = api.wait_for("sendMessage", lambda c: c.chat_id == ADMIN_ID, timeout=timeout, since=since)
    return call.text or ""


# -- defect 4: uploads -------------------------------------------------------------------


def test_an_alias_bomb_upload_is_refused_at_once_with_memory_flat(tmp_path: Path) -> None:
    phrasings = ", ".join(f"پرسش شماره {i}" for i in range(2000))
    bomb = f"x: &e {{id: x, passage: p1, answer: مهر, questions: [{phrasings}]}}\nentries: [".encode()
    bomb += b", ".join([b"*e"] * ((1_000_000 - len(bomb)) // 4)) + b"]\n"
    assert 900_000 < len(bomb) <= 1024 * 1024
    files = copy_data(tmp_path)
    with BotApiStandIn() as api, BotProcess(api, files) as bot:
        bot.wait_ready()
        assert bot.proc is not None
        before = peak_rss_mb(bot.proc.pid)
        since = api.mark()
        started = time.monotonic()
        api.push_document(bomb, "qa.yaml", user_id=ADMIN_ID)
        reply = admin_reply(api, since)  # before the fix: no reply, the process grows by ~33 MB/s
        took = time.monotonic() - started
        assert "anchors and aliases" in reply, reply
        assert peak_rss_mb(bot.proc.pid) - before < 60, (before, peak_rss_mb(bot.proc.pid))
        since = api.mark()
        api.push_message("/reload", user_id=ADMIN_ID)  # /reload is not blocked
        assert "✅" in admin_reply(api, since)
        assert bot.terminate() == 0, bot.logs()
    print(f"alias bomb ({len(bomb)} bytes) refused in {took:.2f} s; peak RSS {before:.0f} MB before")


def test_a_huge_document_without_a_size_is_not_downloaded_in_full(tmp_path: Path) -> None:
    huge = b"entries: []\n" + b"#" * (20 * 1024 * 1024)
    files = copy_data(tmp_path)
    with BotApiStandIn() as api, BotProcess(api, files) as bot:
        bot.wait_ready()
        since = api.mark()
        api.push_document(huge, "qa.yaml", user_id=ADMIN_ID, sized=False)
        assert admin_reply(api, since) == texts.UPLOAD_TOO_BIG
        file_id = api.calls("getFile")[-1].params["file_id"]
        served = api.served_bytes(file_id)
        assert served < len(huge) // 2, served  # before the fix: all 20 MB, then the 1 MB check
        assert bot.terminate() == 0, bot.logs()
    print(f"20 MB document without a size: {served / 1e6:.1f} MB served before the bot stopped reading")
