"""Update handlers, one module per concern; ``register`` wires them into an Application."""

from __future__ import annotations

from bot.telegram.handlers import admin, ask, browse, errors, feedback, flood, inline, other, start, versions
from bot.telegram.handlers.common import BotApplication


def register(application: BotApplication) -> None:
    """Add every handler in the order that makes them not shadow each other."""
    flood.register(application)  # group -1: runs first, may stop the update
    start.register(application)
    browse.register(application)
    admin.register(application)  # before `other`: admins' documents are table uploads
    versions.register(application)
    ask.register(application)
    feedback.register(application)
    inline.register(application)
    other.register(application)
    errors.register(application)
