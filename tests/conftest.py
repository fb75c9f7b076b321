"""Shared fixtures: the real article and table, loaded once per test session."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import paths
from bot.bench.pgcluster import Cluster, ClusterUnavailable
from bot.engine import Engine, load_engine

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# A developer's own .env (a real token, webhook settings…) must not reach the bots the tests
# start from the checkout: `bot` loads no env file unless a test asks for one.
os.environ["BOT_ENV_FILE"] = "none"


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


# -- PostgreSQL: a throwaway cluster from the machine's binaries -------------------------


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """One private PostgreSQL server for the session (skipped only when PostgreSQL is not
    installed and CI is unset; under CI its absence fails the run)."""
    try:
        cluster = Cluster()
        cluster.start()
    except ClusterUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required under CI: {exc}")
        pytest.skip(f"no PostgreSQL here ({exc}); the PostgreSQL runs are skipped")
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> str:
    """A new, empty database of the session's cluster."""
    return pg_cluster.create_database(f"t_{uuid.uuid4().hex[:16]}")
