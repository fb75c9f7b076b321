"""Persian typed on an English keyboard: the standard Persian layout (ISIRI 9147).

``sghl`` is «سلام» and ``hnyhl`` is «ادغام»: the key that was pressed, read back
as the Persian letter it carries (the layout is ``bot/lang/fa/keyboard.txt``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from bot.language import LanguageData, load_language


@dataclass(frozen=True, slots=True)
class Keyboard:
    """A keyboard layout: the Latin key → the Persian letter it carries."""

    keys: dict[str, str]

    @classmethod
    def from_data(cls, data: LanguageData) -> Keyboard:
        return cls(dict(data.pairs("fa/keyboard.txt")))

    def to_persian(self, text: str) -> str:
        """Read Latin keystrokes as the Persian letters of the same keys."""
        # Upper-case letters other than the shifted ones are the same key unshifted.
        lowered = "".join(ch if ch in self.keys else ch.lower() for ch in text)
        return lowered.translate(_table(tuple(self.keys.items())))


@lru_cache(maxsize=4)
def _table(items: tuple[tuple[str, str], ...]) -> dict[int, str]:
    return str.maketrans(dict(items))


def to_persian(text: str) -> str:
    """Read Latin keystrokes as the Persian letters of the same keys (the package's layout)."""
    return Keyboard.from_data(load_language()).to_persian(text)


@lru_cache(maxsize=4096)
def latin_share(text: str) -> float:
    """The share of letters in ``text`` that are Latin (0 when it has no letters)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if ch.isascii()) / len(letters)
