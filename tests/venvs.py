"""Throwaway virtualenvs for the install tests, offline: the dependencies come from the
test run's own environment (a ``.pth`` line pointing at its site-packages), so only the
bot itself is installed into them, from a wheel or a source tree built here."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("pyproject.toml", "README.md", "requirements.lock", "bot", "seeds", "data", "deploy")
TIMEOUT = 300


def run(args: list[str | Path]) -> subprocess.CompletedProcess[str]:
    """Run a command; fail with its output if it fails."""
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=TIMEOUT, check=False)
    assert result.returncode == 0, (
        f"{args} exited {result.returncode}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )
    return result


def source_copy(dest: Path) -> Path:
    """The project's files a build needs, copied (builds write into their source tree)."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "build")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=ignore)
        else:
            shutil.copy2(source, dest / name)
    return dest


def build_wheel(dest: Path) -> Path:
    """The bot's wheel, built offline (no build isolation: the test environment has setuptools)."""
    src = source_copy(dest.parent / "wheel-src")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", dest, src])
    (wheel,) = dest.glob("mehr_article_bot-*.whl")
    return wheel


def new_venv(path: Path, *, pip: bool) -> Path:
    """A virtualenv that sees this environment's packages after its own; its python."""
    base = Path(sys.base_prefix) / "bin" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    run([base, "-m", "venv", *([] if pip else ["--without-pip"]), path])
    purelib = Path(sysconfig.get_paths(vars={"base": str(path), "platbase": str(path)})["purelib"])
    (purelib / "_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return path / "bin" / "python"


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without the bot's settings, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "TELEGRAM_", "PYTHON"))}
    env.update(PYTHONUNBUFFERED="1", PYTHONDONTWRITEBYTECODE="1", PIP_NO_INDEX="1")
    env.update(extra)
    return env
