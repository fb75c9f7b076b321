"""Running the Application until SIGINT/SIGTERM, by long polling or on a webhook.

Replaces PTB's ``run_polling``/``run_webhook`` to control the shutdown: on a stop
signal, fetching stops at once, group updates still waiting for their group's send
limit are dropped (one log line), the updates already fetched are handled, and only
then are they confirmed to Telegram. Whatever was not fetched stays with Telegram for
the next start."""

from __future__ import annotations

import asyncio
import logging
import signal
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.telegram.handlers.common import BotApplication
from bot.telegram.ordering import PerChatUpdateProcessor
from bot.telegram.polling import Poller

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@dataclass
class Webhook:
    """How Telegram reaches the bot in webhook mode."""

    listen: str
    port: int
    url_path: str
    url: str
    secret: str


def run(application: BotApplication, *, fetch_bound: int, webhook: Webhook | None = None) -> None:
    """Serve until a stop signal; exceptions from start-up (e.g. InvalidToken) propagate."""
    asyncio.run(_serve(application, fetch_bound, webhook))


async def _serve(application: BotApplication, fetch_bound: int, webhook: Webhook | None) -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, stop.set)
    poller = None if webhook else Poller(application, fetch_bound)
    try:
        await application.initialize()
        try:
            if application.post_init is not None:
                await application.post_init(application)
            await _receive(application, poller, webhook, stop)
        finally:
            await application.shutdown()
            if application.post_shutdown is not None:
                await application.post_shutdown(application)
    finally:
        for sig in STOP_SIGNALS:
            loop.remove_signal_handler(sig)


async def _receive(
    application: Application[Any, Any, Any, Any, Any, Any],
    poller: Poller | None,
    webhook: Webhook | None,
    stop: asyncio.Event,
) -> None:
    if stop.is_set():
        return
    if poller is not None:
        await poller.bootstrap()
    else:
        assert webhook is not None and application.updater is not None
        await application.updater.start_webhook(
            listen=webhook.listen,
            port=webhook.port,
            url_path=webhook.url_path,
            webhook_url=webhook.url,
            secret_token=webhook.secret,
            allowed_updates=Update.ALL_TYPES,
            drop_pending_updates=False,
        )
    await application.start()
    fetching = asyncio.create_task(poller.run() if poller else asyncio.Event().wait(), name="bot:fetch")
    stopping = asyncio.create_task(stop.wait(), name="bot:stop-signal")
    try:
        await asyncio.wait((fetching, stopping), return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopping.cancel()
        fetching.cancel()
        await asyncio.gather(fetching, stopping, return_exceptions=True)
        log.info("stopping: no more updates are fetched; finishing the ones in hand")
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        processor = application.update_processor
        if isinstance(processor, PerChatUpdateProcessor):
            processor.drop_waiting_groups()
        await application.stop()
        if poller is not None:
            await poller.confirm()
    if fetching.done() and not fetching.cancelled() and (failed := fetching.exception()) is not None:
        raise failed
