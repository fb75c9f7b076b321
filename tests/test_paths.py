"""Where the bot finds its files and keeps its state, in a checkout and installed; BOT_DB."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import paths
from bot.telegram.config import Config, ConfigError

TOKEN = "123456:" + "A" * 35


@pytest.fixture
def no_settings(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("BOT_STATE_DIR", "STATE_DIRECTORY", "XDG_STATE_HOME", "BOT_TABLE", "BOT_ARTICLE", "BOT_DEVSET"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_in_a_checkout_the_repository_files_are_used(no_settings: pytest.MonkeyPatch) -> None:
    assert paths.in_checkout()
    assert paths.table_path() == paths.ROOT / "data" / "qa.yaml"
    assert paths.article_path().parent == paths.ROOT / "seeds"
    assert paths.devset_path() == paths.ROOT / "data" / "devset.tsv"
    assert paths.state_dir() == paths.ROOT / "var"
    assert paths.editable_table(paths.table_path()) == paths.table_path()  # people edit data/qa.yaml


def test_the_state_directory(no_settings: pytest.MonkeyPatch, tmp_path: Path) -> None:
    no_settings.setenv("STATE_DIRECTORY", f"{tmp_path / 'systemd'}:{tmp_path / 'other'}")
    assert paths.state_dir() == tmp_path / "systemd"  # systemd's StateDirectory=
    no_settings.setenv("BOT_STATE_DIR", str(tmp_path / "mine"))
    assert paths.state_dir() == tmp_path / "mine"  # BOT_STATE_DIR first
    no_settings.delenv("BOT_STATE_DIR")
    no_settings.delenv("STATE_DIRECTORY")
    no_settings.setattr(paths, "in_checkout", lambda: False)
    no_settings.setenv("HOME", str(tmp_path / "home"))
    assert paths.state_dir() == tmp_path / "home" / ".local" / "state" / "mehr-article-bot"
    no_settings.setenv("XDG_STATE_HOME", str(tmp_path / "xdg"))
    assert paths.state_dir() == tmp_path / "xdg" / "mehr-article-bot"


def test_installed_the_shipped_table_is_copied_to_the_state_directory(
    no_settings: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shipped = tmp_path / "site-packages" / "bot" / "data" / "qa.yaml"
    shipped.parent.mkdir(parents=True)
    shipped.write_text("entries: []\n")
    no_settings.setattr(paths, "in_checkout", lambda: False)
    no_settings.setattr(paths, "shipped_table", lambda: shipped)
    no_settings.setenv("BOT_STATE_DIR", str(tmp_path / "state"))
    assert paths.table_path() == shipped  # nothing copied yet: read the shipped one
    copy = paths.editable_table(shipped)
    assert copy == tmp_path / "state" / "qa.yaml" and copy.read_text() == "entries: []\n"
    copy.write_text("entries: [edited]\n")
    assert paths.editable_table(shipped) == copy and copy.read_text() == "entries: [edited]\n"  # kept
    assert paths.table_path() == copy  # ask and check read the admin's copy from now on
    other = tmp_path / "mine.yaml"
    assert paths.editable_table(other) == other  # BOT_TABLE / --table: used as given


def test_bot_db_is_a_file_or_a_postgresql_url(no_settings: pytest.MonkeyPatch, tmp_path: Path) -> None:
    no_settings.setenv("BOT_STATE_DIR", str(tmp_path))
    assert Config.from_env({"TELEGRAM_BOT_TOKEN": TOKEN}).db == tmp_path / "queries.sqlite3"
    sqlite = Config.from_env({"TELEGRAM_BOT_TOKEN": TOKEN, "BOT_DB": "q.sqlite3"})
    assert sqlite.db == Path("q.sqlite3") and not sqlite.postgres
    for url in ("postgresql://bot:pw@db:5432/bot", "postgres://db/bot"):
        config = Config.from_env({"TELEGRAM_BOT_TOKEN": TOKEN, "BOT_DB": url})
        assert config.db == url and config.postgres
    with pytest.raises(ConfigError, match="BOT_DB") as exc:
        Config.from_env({"TELEGRAM_BOT_TOKEN": TOKEN, "BOT_DB": "mysql://user:hunter2@db/bot"})
    assert "hunter2" not in str(exc.value)
