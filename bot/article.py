"""The article model: the interview split into passages with stable ids.

Ids are derived from the text's structure, so they stay the same as long as the
article keeps its blocks:

* ``title`` – the headline (the seed repeats it; the repeat is skipped);
* ``h1``, ``h2`` … – sub-headings inside the body;
* ``p1``, ``p2`` … – body paragraphs, and ``p3.s2`` for the second sentence of ``p3``;
* ``source`` – the closing «منبع : …» line.

Answers are always taken from these passages; no answer text is typed anywhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SOURCE_PREFIX = "منبع"
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


@dataclass(frozen=True, slots=True)
class Passage:
    """One addressable piece of the article."""

    id: str
    kind: str  # "title" | "heading" | "paragraph" | "sentence" | "source"
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """The article: its title, source and passages in reading order."""

    title: str
    source: str
    passages: tuple[Passage, ...]
    path: Path

    def passage(self, passage_id: str) -> Passage | None:
        """Return the passage with this id, or None."""
        return next((p for p in self.passages if p.id == passage_id), None)

    @property
    def ids(self) -> frozenset[str]:
        """All passage ids."""
        return frozenset(p.id for p in self.passages)

    @property
    def blocks(self) -> tuple[Passage, ...]:
        """Title, headings, paragraphs and source, without the sentence split."""
        return tuple(p for p in self.passages if p.kind != "sentence")

    def within(self, block_id: str) -> frozenset[str]:
        """A block's id and the ids of its sentences («p3», «p3.s1», «p3.s2»)."""
        return frozenset(p.id for p in self.passages if p.id == block_id or p.id.startswith(f"{block_id}.s"))

    def full_text(self) -> str:
        """The body as the reader sees it: blocks separated by blank lines."""
        return "\n\n".join(p.text for p in self.blocks)


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences at . ! ? ؟ followed by white space."""
    return [s.strip() for s in _SENTENCE_END.split(paragraph.strip()) if s.strip()]


def parse_article(text: str, path: Path) -> Article:
    """Split the article text into passages; raise ValueError if it is empty."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]
    if not blocks:
        raise ValueError(f"{path}: the article is empty")
    title = blocks[0]
    passages: list[Passage] = [Passage("title", "title", title)]
    source = ""
    paragraphs = headings = 0
    for block in blocks[1:]:
        if block == title:
            continue
        if block.startswith(SOURCE_PREFIX):
            source = block.split(":", 1)[-1].strip() if ":" in block else block
            passages.append(Passage("source", "source", block))
            continue
        if _is_heading(block):
            headings += 1
            passages.append(Passage(f"h{headings}", "heading", block))
            continue
        paragraphs += 1
        pid = f"p{paragraphs}"
        passages.append(Passage(pid, "paragraph", block))
        for n, sentence in enumerate(split_sentences(block), start=1):
            passages.append(Passage(f"{pid}.s{n}", "sentence", sentence))
    return Article(title=title, source=source, passages=tuple(passages), path=path)


def load_article(path: Path) -> Article:
    """Read and parse the article file (UTF-8)."""
    return parse_article(path.read_text(encoding="utf-8"), path)


def _is_heading(block: str) -> bool:
    # A heading is a short single line that does not end a sentence.
    return "\n" not in block and len(block) < 120 and not block.rstrip().endswith((".", "؟", "?", "!", ":"))
