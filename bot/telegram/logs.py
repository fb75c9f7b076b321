"""Logging setup for ``bot run`` / ``bot chat``: one format, and the token never printed."""

from __future__ import annotations

import logging
from collections.abc import Iterable

PLACEHOLDER = "<token>"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactingFilter(logging.Filter):
    """Replaces secrets (the bot token) in a record's message and traceback.

    Installed on the root logger's handlers, it sees every record of every logger that
    propagates there. The record is rewritten in place (message formatted, args
    cleared), so every later handler and formatter sees the redacted text only."""

    def __init__(self, secrets: Iterable[str], placeholder: str = PLACEHOLDER) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)
        self.placeholder = placeholder

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, self.placeholder)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        try:
            message = record.getMessage()
        except Exception:
            message = f"{record.msg!r} {record.args!r}"
        record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def configure_logging(level: str = "INFO", secrets: Iterable[str] = ()) -> RedactingFilter:
    """Log to stderr at ``level`` with the secrets redacted everywhere; quiet httpx,
    which logs every request URL (and the URL contains the token) at INFO."""
    logging.basicConfig(format=FORMAT, level=level, force=True)
    redactor = RedactingFilter(secrets)
    root = logging.getLogger()
    root.addFilter(redactor)
    for handler in root.handlers:
        handler.addFilter(redactor)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    return redactor
