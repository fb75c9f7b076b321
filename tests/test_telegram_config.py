"""Configuration from the environment, `bot run`'s refusals, and token redaction in logs."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import main
from bot.telegram.config import Config, ConfigError
from bot.telegram.logs import PLACEHOLDER, RedactingFilter, configure_logging

TOKEN = "123456789:AAFakeTokenForTests_only-abcdefghijklmnop"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """`bot run` configures logging for the process; put pytest's set-up back."""
    root = logging.getLogger()
    saved = root.handlers[:], root.filters[:], root.level
    quiet = {name: logging.getLogger(name).level for name in ("httpx", "httpcore")}
    yield
    root.handlers[:], root.filters[:] = saved[0], saved[1]
    root.setLevel(saved[2])
    for name, level in quiet.items():
        logging.getLogger(name).setLevel(level)


def test_defaults_need_only_the_token() -> None:
    config = Config.from_env({"TELEGRAM_BOT_TOKEN": TOKEN})
    assert config.token == TOKEN
    assert config.admin_ids == frozenset()
    assert config.base_url is None and config.base_file_url is None
    assert config.db.parts[-2:] == ("var", "queries.sqlite3")
    assert (config.log_level, config.flood_limit, config.table_backups) == ("INFO", 8, 10)
    assert (config.webhook_url, config.webhook_listen, config.webhook_port) == (None, "127.0.0.1", 8443)


def test_every_variable_is_read() -> None:
    config = Config.from_env(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "BOT_ADMIN_IDS": " 12, 34 ,",
            "TELEGRAM_BASE_URL": "http://127.0.0.1:8081/bot",
            "TELEGRAM_BASE_FILE_URL": "http://127.0.0.1:8081/file/bot",
            "BOT_DB": "/tmp/x.sqlite3",
            "BOT_LOG_LEVEL": "debug",
            "BOT_WEBHOOK_URL": "https://example.org/tg/hook",
            "BOT_WEBHOOK_SECRET": "s3cret_-x",
            "BOT_WEBHOOK_LISTEN": "0.0.0.0",
            "BOT_WEBHOOK_PORT": "9000",
            "BOT_FLOOD_LIMIT": "3",
            "BOT_TABLE_BACKUPS": "4",
            "BOT_LOG_KEY": "k" * 16,
            "BOT_LOG_KEY_FILE": "/tmp/log.key",
        }
    )
    assert config.table_backups == 4
    assert (config.log_key, config.log_key_file) == ("k" * 16, Path("/tmp/log.key"))
    assert config.admin_ids == {12, 34} and config.is_admin(12) and not config.is_admin(5)
    assert config.base_url == "http://127.0.0.1:8081/bot"
    assert config.base_file_url == "http://127.0.0.1:8081/file/bot"
    assert config.db == Path("/tmp/x.sqlite3")
    assert config.log_level == "DEBUG"
    assert config.webhook_path == "tg/hook" and config.webhook_secret == "s3cret_-x"
    assert (config.webhook_listen, config.webhook_port, config.flood_limit) == ("0.0.0.0", 9000, 3)


@pytest.mark.parametrize(
    ("name", "value", "fragment"),
    [
        ("TELEGRAM_BOT_TOKEN", "", "not set"),
        ("TELEGRAM_BOT_TOKEN", "12345:short", "malformed"),
        ("TELEGRAM_BOT_TOKEN", "abc:" + "x" * 35, "malformed"),
        ("BOT_ADMIN_IDS", "12,alice", "BOT_ADMIN_IDS"),
        ("BOT_WEBHOOK_PORT", "99999", "BOT_WEBHOOK_PORT"),
        ("BOT_FLOOD_LIMIT", "-1", "BOT_FLOOD_LIMIT"),
        ("BOT_TABLE_BACKUPS", "ten", "BOT_TABLE_BACKUPS"),
        ("BOT_LOG_KEY", "short", "BOT_LOG_KEY"),
        ("BOT_LOG_LEVEL", "LOUD", "BOT_LOG_LEVEL"),
        ("TELEGRAM_BASE_URL", "ftp://x", "TELEGRAM_BASE_URL"),
        ("BOT_WEBHOOK_SECRET", "has space", "BOT_WEBHOOK_SECRET"),
    ],
)
def test_bad_values_give_one_clear_line(name: str, value: str, fragment: str) -> None:
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, name: value}
    with pytest.raises(ConfigError) as err:
        Config.from_env(env)
    message = str(err.value)
    assert fragment in message and "\n" not in message
    if name == "TELEGRAM_BOT_TOKEN" and value:
        assert value not in message  # a token, even a broken one, is never echoed


def test_the_harness_config_does_not_read_the_token() -> None:
    assert Config.from_env({"TELEGRAM_BOT_TOKEN": "nonsense"}, require_token=False).token is None


@pytest.mark.parametrize("token", [None, "not-a-token"])
def test_bot_run_refuses_a_missing_or_malformed_token(
    token: str | None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    if token is not None:
        monkeypatch.setenv("TELEGRAM_BOT_TOKEN", token)

    assert main(["run"]) == 2

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: TELEGRAM_BOT_TOKEN")


@pytest.mark.parametrize("how", ["url", "flag"])
def test_webhook_mode_refuses_to_start_without_a_secret(
    how: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Issue 10, defect 3: without a secret, a forged POST could make the bot send /stats anywhere."""
    for name in list(os.environ):
        if name.startswith(("TELEGRAM_", "BOT_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("BOT_DB", str(tmp_path / "q.sqlite3"))
    monkeypatch.setenv("BOT_WEBHOOK_URL", "https://bot.example.org/hook")
    monkeypatch.setenv("TELEGRAM_BASE_URL", "http://127.0.0.1:9/bot")  # never reached, never the internet
    args = ["run"] if how == "url" else ["run", "--webhook"]

    assert main(args) == 2

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "BOT_WEBHOOK_SECRET" in err
    assert not (tmp_path / "q.sqlite3").exists()  # refused before anything was opened


def test_the_webhook_secret_is_redacted_like_the_token(
    restore_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging("DEBUG", [TOKEN, "s3cret-value"])
    logging.getLogger("telegram.ext").debug("setWebhook %s", {"secret_token": "s3cret-value"})
    err = capsys.readouterr().err
    assert "s3cret-value" not in err and "secret_token" in err


def test_bot_run_as_a_process_exits_2_without_a_traceback(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_WEBHOOK"))}
    env["BOT_DB"] = str(tmp_path / "q.sqlite3")
    done = subprocess.run(
        [sys.executable, "-m", "bot", "run"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "TELEGRAM_BOT_TOKEN" in done.stderr


def test_bot_run_refuses_an_invalid_table(
    data_copy: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    restore_logging: None,
) -> None:
    article, table = data_copy
    table.write_text("entries:\n  - id: x\n    passage: nowhere\n", encoding="utf-8")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("BOT_DB", str(table.parent / "q.sqlite3"))

    assert main(["--article", str(article), "--table", str(table), "run"]) == 2

    err = capsys.readouterr().err
    assert err.startswith("error: cannot load the Q&A table") and f"{table}:" in err


# -- token redaction --------------------------------------------------------------------------


def test_the_token_is_redacted_from_messages_arguments_and_tracebacks() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter([TOKEN]))
    logger = logging.getLogger("test.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("POST https://api.telegram.org/bot%s/getMe", TOKEN)
        logger.warning(f"plain {TOKEN} in the message, 100% literal")
        try:
            raise RuntimeError(f"boom at /bot{TOKEN}/sendMessage")
        except RuntimeError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    out = stream.getvalue()
    assert TOKEN not in out
    assert out.count(PLACEHOLDER) == 3
    assert "100% literal" in out and "RuntimeError" in out


def test_configure_logging_redacts_every_logger_and_quiets_httpx(
    capsys: pytest.CaptureFixture[str], restore_logging: None
) -> None:
    configure_logging("INFO", [TOKEN])
    logging.getLogger("telegram.ext.SomeModule").info("url %s", f"https://x/bot{TOKEN}/getUpdates")
    logging.getLogger("httpx").info(f"HTTP Request: POST https://x/bot{TOKEN}/getUpdates")
    err = capsys.readouterr().err
    assert TOKEN not in err
    assert f"https://x/bot{PLACEHOLDER}/getUpdates" in err
    assert "HTTP Request" not in err
