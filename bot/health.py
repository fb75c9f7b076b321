"""The heartbeat: while ``bot run`` is up it rewrites a small file in the state directory
every ``INTERVAL`` seconds from its event loop; ``bot health`` (the Docker HEALTHCHECK)
says whether that file is fresh. A stuck event loop stops the beat, so it shows too.
The file is named after the host, so replicas sharing a state volume do not mix."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path

INTERVAL = 10.0
MAX_AGE = 60.0


def heartbeat_path(state_dir: Path) -> Path:
    return state_dir / f"heartbeat-{socket.gethostname()}"


async def beat(path: Path, status: Callable[[], dict[str, object]], interval: float = INTERVAL) -> None:
    """Rewrite ``path`` with the time and ``status()`` every ``interval`` seconds until
    cancelled; then remove it (a stopped bot is not healthy)."""
    try:
        while True:
            record = {"pid": os.getpid(), "time": time.time(), **status()}
            await asyncio.to_thread(_write, path, json.dumps(record))
            await asyncio.sleep(interval)
    finally:
        path.unlink(missing_ok=True)


def check(path: Path, max_age: float = MAX_AGE) -> tuple[bool, str]:
    """Whether the heartbeat at ``path`` is at most ``max_age`` seconds old, and why not."""
    try:
        age = time.time() - path.stat().st_mtime
    except FileNotFoundError:
        return False, f"no heartbeat at {path}: the bot is not running (or not yet started)"
    except OSError as exc:
        return False, f"cannot read the heartbeat {path}: {exc}"
    if age > max_age:
        return False, f"the heartbeat {path} is {age:.0f} s old (more than {max_age:.0f} s): the bot is stuck"
    return True, f"ok: heartbeat {age:.0f} s old"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    health = subparsers.add_parser("health", help="exit 0 if the running bot's heartbeat is fresh (for health checks)")
    health.add_argument("--max-age", type=float, default=MAX_AGE, help="seconds (default: %(default)s)")
    health.set_defaults(func=cmd_health)


def cmd_health(args: argparse.Namespace) -> int:
    from bot import paths

    ok, why = check(heartbeat_path(paths.state_dir()), args.max_age)
    print(why, file=sys.stdout if ok else sys.stderr)
    return 0 if ok else 1


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    os.replace(tmp, path)
