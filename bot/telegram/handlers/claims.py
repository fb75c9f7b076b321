"""Each update answered once across replicas: before any other handler, the update is
claimed in the shared database (``INSERT … ON CONFLICT DO NOTHING`` on its update_id);
an update another replica has claimed already is dropped. Used in webhook mode, where a
balancer (or Telegram retrying a delivery) may hand the same update to two replicas."""

from __future__ import annotations

import logging
from typing import Any

from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, TypeHandler

from bot.telegram.handlers.common import Context, services

log = logging.getLogger(__name__)

GROUP = -2  # before the flood guard (-1): a duplicate must not count against the user


async def claim(update: Update, context: Context) -> None:
    svc = services(context)
    if not await svc.querylog.claim_update(update.update_id, svc.tables.replica):
        log.info("update %d was already handled by another replica; dropped", update.update_id)
        raise ApplicationHandlerStop


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(TypeHandler(Update, claim), group=GROUP)
