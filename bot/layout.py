"""Persian typed on an English keyboard: the standard Persian layout (ISIRI 9147).

``sghl`` is «سلام» and ``hnyhl`` is «ادغام»: the key that was pressed, read back
as the Persian letter it carries (the layout is ``bot/lang/fa/keyboard.txt``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from bot.language import LanguageData


@dataclass(frozen=True, slots=True)
class Keyboard:
    """A keyboard layout: the Latin key → the Persian letter it carries."""

    keys: dict[str, str]
    table: dict[int, str]  # the same, for ``str.translate``

    @classmethod
    def from_data(cls, data: LanguageData) -> Keyboard:
        keys = dict(data.pairs("fa/keyboard.txt"))
        return cls(keys, str.maketrans(keys))

    def to_persian(self, text: str) -> str:
        """Read Latin keystrokes as the Persian letters of the same keys."""
        # Upper-case letters other than the shifted ones are the same key unshifted.
        lowered = "".join(ch if ch in self.keys else ch.lower() for ch in text)
        return lowered.translate(self.table)


@lru_cache(maxsize=4096)
def latin_share(text: str) -> float:
    """The share of letters in ``text`` that are Latin (0 when it has no letters)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if ch.isascii()) / len(letters)
