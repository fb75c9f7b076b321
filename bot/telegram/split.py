"""Splitting long HTML replies under Telegram's 4096-character message limit."""

from __future__ import annotations

import re

MESSAGE_LIMIT = 4096
_ENTITY_OR_TAG = re.compile(r"&[#\w]*$|<[^>]*$")  # an entity or a tag cut in half


def length(text: str) -> int:
    """Telegram counts UTF-16 code units; counting the raw HTML is on the safe side."""
    return len(text.encode("utf-16-le")) // 2


def split_message(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Cut ``text`` into chunks of at most ``limit`` units: at paragraph breaks when
    possible, else at line breaks, then spaces, and only as a last resort inside a word
    (never inside an HTML tag or entity). Joining the chunks with the separators they
    were cut at gives back the text."""
    if length(text) <= limit:
        return [text] if text else []
    return [c for c in _split(text, limit, ("\n\n", "\n", " ")) if c.strip()]


def _split(text: str, limit: int, separators: tuple[str, ...]) -> list[str]:
    if length(text) <= limit:
        return [text]
    if not separators:
        return _hard_cut(text, limit)
    sep, rest = separators[0], separators[1:]
    chunks: list[str] = []
    current = ""
    for piece in text.split(sep):
        candidate = f"{current}{sep}{piece}" if current else piece
        if length(candidate) <= limit:
            current = candidate
            continue
        if current:
            chunks.append(current)
        if length(piece) <= limit:
            current = piece
        else:
            *full, current = _split(piece, limit, rest)
            chunks.extend(full)
    if current:
        chunks.append(current)
    return chunks


def _hard_cut(text: str, limit: int) -> list[str]:
    chunks = []
    while length(text) > limit:
        cut = limit
        while cut > 1 and length(text[:cut]) > limit:
            cut -= 1
        head = text[:cut]
        if (m := _ENTITY_OR_TAG.search(head)) and m.start() > 0:
            cut = m.start()
        chunks.append(text[:cut])
        text = text[cut:]
    if text:
        chunks.append(text)
    return chunks
