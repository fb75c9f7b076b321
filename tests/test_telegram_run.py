"""`bot run` as a real process against the Bot API stand-in on 127.0.0.1 (long polling)."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot import paths
from bot.article import load_article
from bot.render import source_line
from bot.standin import BotApiStandIn

pytestmark = pytest.mark.e2e

TOKEN = "123456789:AAStandInTokenForTests_abcdefghijklmno"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def api() -> Iterator[BotApiStandIn]:
    with BotApiStandIn() as standin:
        yield standin


def test_bot_run_polls_answers_and_stops_cleanly(api: BotApiStandIn, tmp_path: Path) -> None:
    db = tmp_path / "queries.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_")) or k == "BOT_ENV_FILE"}
    env |= {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_BASE_URL": api.base_url,
        "TELEGRAM_BASE_FILE_URL": api.file_base_url,
        "BOT_DB": str(db),
        "BOT_ADMIN_IDS": "77",
        "BOT_LOG_LEVEL": "DEBUG",  # the most talkative level must still hide the token
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        api.wait_for("setMyCommands", timeout=60)
        api.push_message("/start")
        start = api.wait_for("sendMessage", timeout=30)
        assert "خبرگزاری مهر" in (start.text or "")
        api.push_message("فروزان کیست؟")
        source = source_line(load_article(paths.article_path()))
        api.wait_for("sendMessage", lambda c: source in (c.text or "") and "مدیرکل" in (c.text or ""), timeout=30)
    finally:
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert TOKEN not in err and TOKEN.split(":")[1] not in err
    assert "starting the bot (long polling)" in err
    assert "Traceback" not in err
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM questions").fetchone()[0] == 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_bot_run_serves_a_webhook_with_its_secret(api: BotApiStandIn, tmp_path: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_")) or k == "BOT_ENV_FILE"}
    env |= {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_BASE_URL": api.base_url,
        "TELEGRAM_BASE_FILE_URL": api.file_base_url,
        "BOT_DB": str(tmp_path / "queries.sqlite3"),
        "BOT_WEBHOOK_URL": "https://bot.example.org/tg/hook",
        "BOT_WEBHOOK_SECRET": "s3cret-value",
        "BOT_WEBHOOK_PORT": str(port),
        "BOT_LOG_LEVEL": "DEBUG",  # setWebhook's parameters are logged at DEBUG: the secret must not be
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        hook = api.wait_for("setWebhook", timeout=60)
        assert hook.params["url"] == "https://bot.example.org/tg/hook"
        assert hook.params["secret_token"] == "s3cret-value"
        update = {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": 5, "type": "private", "first_name": "A"},
                "from": {"id": 5, "is_bot": False, "first_name": "A"},
                "text": "/start",
                "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
            },
        }
        url = f"http://127.0.0.1:{port}/tg/hook"
        refused = None
        for _ in range(100):  # the listener starts right after setWebhook
            try:
                refused = httpx.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"})
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert refused is not None and refused.status_code == 403
        accepted = httpx.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-value"})
        assert accepted.status_code == 200
        assert "خبرگزاری مهر" in (api.wait_for("sendMessage", timeout=30).text or "")
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "starting the bot (webhook on 127.0.0.1" in err
    assert TOKEN.split(":")[1] not in err
    assert "s3cret-value" not in err
