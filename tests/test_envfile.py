"""Settings from ``.env``: ./.env when present, ``--env-file PATH`` otherwise; the
environment's own values always win."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot import envfile, paths
from conftest import FIXTURES

BROKEN = FIXTURES / "broken_table.yaml"


def bot(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "TELEGRAM_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=cwd, env={**clean, **env}, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip


def test_load_fills_in_what_the_environment_lacks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BOT_ENV_FILE")  # the suite's own setting (see conftest)
    monkeypatch.setenv("BOT_LOG_LEVEL", "ERROR")
    for name in ("BOT_FLOOD_LIMIT", "BOT_WEBHOOK_SECRET"):  # absent now, and removed again afterwards
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    assert envfile.load(None) is None  # no ./.env: nothing to do
    (tmp_path / ".env").write_text(
        "# a comment\nBOT_LOG_LEVEL=DEBUG\nexport BOT_FLOOD_LIMIT=3\nBOT_WEBHOOK_SECRET='quoted-secret'\n"
    )
    assert envfile.load(None) == Path(".env")
    assert os.environ["BOT_LOG_LEVEL"] == "ERROR"  # the environment wins
    assert os.environ["BOT_FLOOD_LIMIT"] == "3" and os.environ["BOT_WEBHOOK_SECRET"] == "quoted-secret"
    with pytest.raises(envfile.EnvFileError, match=r"missing\.env"):
        envfile.load(tmp_path / "missing.env")
    monkeypatch.setenv("BOT_ENV_FILE", "none")
    monkeypatch.delenv("BOT_FLOOD_LIMIT")
    assert envfile.load(None) is None and "BOT_FLOOD_LIMIT" not in os.environ
    (tmp_path / "named.env").write_text("BOT_FLOOD_LIMIT=4\n")
    monkeypatch.setenv("BOT_ENV_FILE", str(tmp_path / "named.env"))
    assert envfile.load(None) == tmp_path / "named.env" and os.environ["BOT_FLOOD_LIMIT"] == "4"


def test_the_command_line_reads_dot_env_and_env_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"BOT_TABLE={BROKEN}\n")
    broken = bot(tmp_path, "check")
    assert broken.returncode == 1 and "broken_table.yaml" in broken.stdout
    assert bot(tmp_path, "check", BOT_TABLE=str(paths.table_path())).returncode == 0  # the environment wins

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "prod.env").write_text("TELEGRAM_BOT_TOKEN=not-a-token\n")
    run = bot(elsewhere, "--env-file", str(tmp_path / "prod.env"), "run")
    assert run.returncode == 2 and "TELEGRAM_BOT_TOKEN is malformed" in run.stderr
    missing = bot(elsewhere, "--env-file", str(tmp_path / "nope.env"), "check")
    assert missing.returncode == 2 and "cannot read the env file" in missing.stderr
