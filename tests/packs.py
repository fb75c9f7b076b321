"""Small article packs written for tests: an invented article and its table, built into an engine."""

from __future__ import annotations

from pathlib import Path

from bot.engine import Engine, load_engine


def engine_from_pack(folder: Path, article: str, table: str) -> Engine:
    """Write ``article`` and ``table`` into ``folder`` and build the engine from them."""
    (folder / "article.txt").write_text(article, encoding="utf-8")
    (folder / "qa.yaml").write_text(table, encoding="utf-8")
    engine, problems = load_engine(folder / "article.txt", folder / "qa.yaml")
    assert engine is not None, problems
    return engine


def answered(engine: Engine, text: str) -> list[str]:
    """The entries that answer ``text``, in order (suggestions and declines leave none)."""
    return [p.entry.id for p in engine.answer(text).parts if p.kind == "answer" and p.entry]
