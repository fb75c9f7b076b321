"""Persian typed on an English keyboard: the standard Persian layout (ISIRI 9147).

``tv,chk`` is «فروزان» and ``hnyhl`` is «ادغام»: the key that was pressed, read back
as the Persian letter it carries.
"""

from __future__ import annotations

# key → Persian letter, unshifted then shifted (ISIRI 9147; «\» also gives «پ», as on
# the older Windows layout many people still use).
_KEYS = {
    "q": "ض", "w": "ص", "e": "ث", "r": "ق", "t": "ف", "y": "غ", "u": "ع", "i": "ه", "o": "خ", "p": "ح",
    "[": "ج", "]": "چ", "\\": "پ",
    "a": "ش", "s": "س", "d": "ی", "f": "ب", "g": "ل", "h": "ا", "j": "ت", "k": "ن", "l": "م", ";": "ک", "'": "گ",
    "z": "ظ", "x": "ط", "c": "ز", "v": "ر", "b": "ذ", "n": "د", "m": "پ", ",": "و", ".": ".", "/": "/",
    "H": "آ", "C": "ژ", "V": "ئ", "?": "؟", "`": "\u200c",
}
_TABLE = str.maketrans(_KEYS)


def to_persian(text: str) -> str:
    """Read Latin keystrokes as the Persian letters of the same keys."""
    # Upper-case letters other than the shifted ones above are the same key unshifted.
    lowered = "".join(ch if ch in _KEYS else ch.lower() for ch in text)
    return lowered.translate(_TABLE)


def latin_share(text: str) -> float:
    """The share of letters in ``text`` that are Latin (0 when it has no letters)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if ch.isascii()) / len(letters)
