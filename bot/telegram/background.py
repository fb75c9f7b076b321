"""What runs beside the handlers while the bot is up: following the table versions in
the database and, for ``bot run``, the heartbeat. Started after the database is opened,
cancelled before it is closed."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from telegram.ext import Application

from bot import health
from bot.telegram.handlers.common import Services

TASKS = "background_tasks"


def start(application: Application[Any, Any, Any, Any, Any, Any], heartbeat: Path | None) -> None:
    services: Services = application.bot_data["services"]
    tasks = [asyncio.create_task(services.tables.follow(), name="bot:follow-table-versions")]
    if heartbeat is not None:

        def status() -> dict[str, object]:
            served = services.tables.served
            return {"database": "ok" if services.querylog.healthy else "failing", "table_version": served and served.id}

        tasks.append(asyncio.create_task(health.beat(heartbeat, status), name="bot:heartbeat"))
    application.bot_data[TASKS] = tasks


async def stop(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    tasks: list[asyncio.Task[None]] = application.bot_data.pop(TASKS, [])
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
