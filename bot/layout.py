"""Persian typed on an English keyboard: the standard Persian layout (ISIRI 9147).

``tv,chk`` is «فروزان» and ``hnyhl`` is «ادغام»: the key that was pressed, read back
as the Persian letter it carries (the layout is ``bot/lang/fa/keyboard.txt``).
"""

from __future__ import annotations

from functools import lru_cache

from bot.language import load_language

@lru_cache(maxsize=1)
def _keys() -> tuple[dict[str, str], dict[int, str]]:
    """Latin key → Persian letter, from ``bot/lang/fa/keyboard.txt`` (read once), and
    the same as a ``str.translate`` table."""
    keys = dict(load_language().pairs("fa/keyboard.txt"))
    return keys, str.maketrans(keys)


def to_persian(text: str) -> str:
    """Read Latin keystrokes as the Persian letters of the same keys."""
    # Upper-case letters other than the shifted ones above are the same key unshifted.
    keys, table = _keys()
    lowered = "".join(ch if ch in keys else ch.lower() for ch in text)
    return lowered.translate(table)


def latin_share(text: str) -> float:
    """The share of letters in ``text`` that are Latin (0 when it has no letters)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if ch.isascii()) / len(letters)
