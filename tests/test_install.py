"""The wheel installed into a fresh virtualenv outside the checkout: the article pack ships
inside it, and ``bot check``, ``ask``, ``chat --demo``, ``run`` and ``health`` work from
any directory, the editable table living in the state directory."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.standin import BotApiStandIn
from botprocess import TOKEN, WAIT, ask
from venvs import ROOT, build_wheel, clean_env, new_venv, run

pytestmark = pytest.mark.e2e

STATE = Path(".local") / "state" / "mehr-article-bot"  # under HOME, when nothing else is set


@dataclass
class Installed:
    venv: Path
    wheel: Path
    cwd: Path  # a directory that has nothing to do with the checkout
    home: Path

    def env(self, **extra: str) -> dict[str, str]:
        return clean_env(HOME=str(self.home), PATH=f"{self.venv / 'bin'}:/usr/bin:/bin", **extra)

    def bot(self, *args: str, timeout: float = 120, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.venv / "bin" / "bot"), *args],
            capture_output=True, text=True, timeout=timeout, cwd=self.cwd, env=self.env(**extra),
            stdin=subprocess.DEVNULL, check=False,
        )  # fmt: skip

    @property
    def state(self) -> Path:
        return self.home / STATE


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("wheel")
    wheel = build_wheel(root / "dist")
    venv = root / "venv"
    python = new_venv(venv, pip=False)
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            python,
            "install",
            "--no-deps",
            "--no-index",
            "--force-reinstall",
            wheel,
        ]
    )
    for folder in ("elsewhere", "home"):
        (root / folder).mkdir()
    return Installed(venv, wheel, root / "elsewhere", root / "home")


def test_the_wheel_carries_the_article_pack_and_every_module(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    for path in (ROOT / "seeds").glob("*.txt"):
        assert f"bot/seeds/{path.name}" in names
    assert {"bot/data/qa.yaml", "bot/data/devset.tsv", "bot/lang/fa/synonyms.txt", "bot/py.typed"} <= names
    modules = {str(p.relative_to(ROOT)) for p in (ROOT / "bot").rglob("*.py")}
    assert modules <= names, sorted(modules - names)


def test_the_installed_bot_reads_its_own_files(installed: Installed) -> None:
    probe = "import bot, bot.paths as p; print(bot.__file__, p.in_checkout(), p.article_path(), p.table_path())"
    result = subprocess.run(
        [str(installed.venv / "bin" / "python"), "-c", probe],
        capture_output=True, text=True, cwd=installed.cwd, env=installed.env(), check=True,
    )  # fmt: skip
    module, in_checkout, article, table = result.stdout.split()
    site = installed.venv / "lib"
    assert module.startswith(str(site)) and in_checkout == "False"
    assert article.startswith(str(site)) and article.endswith(".txt")
    assert table.startswith(str(site)) and table.endswith("bot/data/qa.yaml")
    run([sys.executable, "-m", "pip", "--python", installed.venv / "bin" / "python", "check"])


def test_check_ask_and_chat_work_from_any_directory(installed: Installed) -> None:
    check = installed.bot("check")
    assert check.returncode == 0, check.stderr
    assert "qa.yaml: OK" in check.stdout and str(ROOT) not in check.stdout
    answer = installed.bot("ask", "وزارت کی تشکیل شد؟")
    assert answer.returncode == 0 and "۱۳۹۰" in answer.stdout, answer.stderr
    chat = installed.bot("chat", "--demo")
    assert chat.returncode == 0, chat.stderr
    assert "فروزان" in chat.stdout and chat.stdout.count("🙂") >= 3


def test_run_starts_fast_answers_and_keeps_its_state_in_the_state_directory(installed: Installed) -> None:
    with BotApiStandIn() as api:
        env = installed.env(
            TELEGRAM_BOT_TOKEN=TOKEN,
            TELEGRAM_BASE_URL=api.base_url,
            TELEGRAM_BASE_FILE_URL=api.file_base_url,
            BOT_SEND_RATE="0",
        )
        started = time.monotonic()
        proc = subprocess.Popen(
            [str(installed.venv / "bin" / "bot"), "run"],
            cwd=installed.cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        try:
            api.wait_polling(1, timeout=WAIT, after=started)
            took = time.monotonic() - started
            assert "۱۳۹۰" in (ask(api, "وزارت کی تشکیل شد؟", user_id=77).text or "")
            health = installed.bot("health")
            assert health.returncode == 0, health.stderr
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=WAIT) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait(timeout=WAIT)
            stderr = proc.stderr.read().decode() if proc.stderr else ""
            if proc.stdout:
                proc.stdout.close()
            if proc.stderr:
                proc.stderr.close()
    assert "Traceback" not in stderr, stderr
    shipped = next(installed.venv.glob("lib/python3*/site-packages/bot/data/qa.yaml"))
    assert (installed.state / "qa.yaml").read_bytes() == shipped.read_bytes()  # the editable copy
    assert (installed.state / "queries.sqlite3").exists() and (installed.state / "queries.sqlite3.key").exists()
    assert installed.bot("health").returncode == 1  # stopped: no heartbeat
    assert took < 10, took  # the target is 1.5 s; generous here on a shared machine
    print(f"installed `bot run`: polling {took:.2f} s after the process started")
