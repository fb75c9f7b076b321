"""Shared fixtures: the real article and table, loaded once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot import paths
from bot.engine import Engine, load_engine

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The engine over the project's real article and table."""
    built, problems = load_engine(paths.article_path(), paths.table_path())
    assert built is not None, problems
    return built


@pytest.fixture()
def data_copy(tmp_path: Path) -> tuple[Path, Path]:
    """Copies of the article and the table that a test may edit: (article, table)."""
    article = tmp_path / "article.txt"
    table = tmp_path / "qa.yaml"
    shutil.copy(paths.article_path(), article)
    shutil.copy(paths.table_path(), table)
    return article, table
