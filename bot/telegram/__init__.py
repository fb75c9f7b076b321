"""The Telegram side of the bot: configuration, the PTB application, its handlers,
the local harness and the ``bot run`` / ``bot chat`` sub-commands.

The engine knows nothing about Telegram; the handlers here only translate updates
into engine calls and engine answers into Bot API calls.
"""
