"""A Telegram bot that answers questions about one Persian news article."""

__version__ = "0.1.0"
