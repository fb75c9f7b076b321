"""Persian typed on an English keyboard: the standard Persian layout (ISIRI 9147).

``sghl`` is «سلام» and ``hnyhl`` is «ادغام»: the key that was pressed, read back
as the Persian letter it carries (the layout is ``bot/lang/fa/keyboard.txt``); and the
letters of the keys beside a key, which a finger that slips types instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from bot.language import LanguageData

# The rows of keys on a keyboard, as the unshifted Latin keys: a finger that slips presses a
# key beside the one it meant in the same row.
KEY_ROWS = ("qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./")


@dataclass(frozen=True, slots=True)
class Keyboard:
    """A keyboard layout: the Latin key → the Persian letter it carries."""

    keys: dict[str, str]
    table: dict[int, str]  # the same, for ``str.translate``
    letters: dict[str, str]  # the other way: a Persian letter → its key (the first in the file)

    @classmethod
    def from_data(cls, data: LanguageData) -> Keyboard:
        pairs = data.pairs("fa/keyboard.txt")
        letters: dict[str, str] = {}
        for key, letter in pairs:
            letters.setdefault(letter, key)
        keys = dict(pairs)
        return cls(keys, str.maketrans(keys), letters)

    def to_latin(self, text: str) -> str | None:
        """The keys that type ``text`` on this layout («سلام» → «sghl»), or None when a
        character has no key."""
        typed = [self.letters.get(ch, "") for ch in text]
        return "".join(typed) if all(typed) else None

    def neighbours(self) -> dict[str, str]:
        """Each Persian letter → the letters of the keys beside its key in the same row
        («ی» → «سب»): what a finger that slips types instead."""
        found: dict[str, str] = {}
        for row in KEY_ROWS:
            for left, right in pairwise(row):
                a, b = self.keys.get(left), self.keys.get(right)
                if a and b and a != b:
                    found[a] = found.get(a, "") + b
                    found[b] = found.get(b, "") + a
        return found

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
