"""EngineStore: reload and upload swap the engine only when the new table is valid."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from bot import paths
from bot.store import EngineStore, ReloadResult, StoreError

NEW_SMALLTALK = """  - id: purple_giraffe
    reply: "زرافه‌ها در این گزارش نیامده‌اند."
    questions:
      - زرافه بنفش کجا زندگی میکند

"""
NEW_PHRASING = "کیوی نارنجی پرنده"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    """A private copy of the article and the real table."""
    article = tmp_path / "article.txt"
    table = tmp_path / "qa.yaml"
    shutil.copyfile(paths.article_path(), article)
    shutil.copyfile(paths.ROOT / "data" / "qa.yaml", table)
    return article, table


@pytest.fixture
def store(files: tuple[Path, Path]) -> EngineStore:
    return EngineStore.open(*files)


def edited(text: str) -> str:
    """The table with one entry added, one removed and one changed."""
    start = text.index("  - id: unicef\n")
    end = text.index("  - id: opportunities\n")
    text = text[:start] + text[end:]
    text = text.replace("      - مصاحبه گر کی بود؟\n", f"      - مصاحبه گر کی بود؟\n      - {NEW_PHRASING}\n", 1)
    return text.replace("\nsmalltalk:\n", "\nsmalltalk:\n" + NEW_SMALLTALK, 1)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_reload_reports_the_differences_and_answers_new_phrasings(store: EngineStore, files: tuple[Path, Path]) -> None:
    _, table = files
    old = store.engine
    assert old.answer(NEW_PHRASING).entry != "interviewer"
    assert old.answer("زرافه بنفش کجا زندگی میکند").entry != "purple_giraffe"

    table.write_text(edited(table.read_text(encoding="utf-8")), encoding="utf-8")
    result = store.reload()

    assert result.ok, result.text()
    assert result.summary is not None
    assert result.summary.added == ("purple_giraffe",)
    assert result.summary.removed == ("unicef",)
    assert result.summary.changed == ("interviewer",)
    assert result.summary.entries == len(old.table.entries)  # one in, one out
    assert store.engine is not old
    assert store.engine.answer(NEW_PHRASING).entry == "interviewer"
    giraffe = store.engine.answer("زرافه بنفش کجا زندگی میکند")
    assert (giraffe.kind, giraffe.entry) == ("smalltalk", "purple_giraffe")
    assert store.engine.entry("unicef") is None
    text = result.text()
    assert "purple_giraffe" in text and "unicef" in text and "interviewer" in text


def test_reload_of_an_unchanged_table_reports_no_changes(store: EngineStore) -> None:
    result = store.reload()
    assert result.ok
    assert result.summary is not None
    assert (result.summary.added, result.summary.removed, result.summary.changed) == ((), (), ())
    assert result.summary.phrasings > result.summary.entries > 0


@pytest.mark.parametrize(
    ("old", "new", "marker"),
    [
        ('answer: "خبرنگار مهر"', 'answer: "خبرنگار مهر\n    questions: [unclosed', None),
        ("  - id: interviewer\n    passage: p1\n", "  - id: interviewer\n    passage: p999\n", "passage: p999"),
    ],
    ids=["yaml-syntax", "unknown-passage"],
)
def test_broken_table_keeps_the_old_engine(
    store: EngineStore, files: tuple[Path, Path], old: str, new: str, marker: str | None
) -> None:
    _, table = files
    before = store.engine
    text = table.read_text(encoding="utf-8")
    assert old in text
    broken = text.replace(old, new, 1)
    table.write_text(broken, encoding="utf-8")

    result = store.reload()

    assert not result.ok
    assert result.summary is None
    assert store.engine is before
    assert store.engine.answer("مصاحبه کننده کیست؟").entry == "interviewer"
    assert result.problems
    problem = result.problems[0]
    assert problem.file == str(table)
    assert problem.line > 0
    if marker is not None:
        assert problem.line == line_of(broken, marker)
        assert "p999" in problem.message
    text = result.text()
    assert "تغییر نکرد" in text
    assert f"{table}:{problem.line}: " in text


def test_reload_with_a_missing_article_keeps_the_old_engine(store: EngineStore, files: tuple[Path, Path]) -> None:
    article, _ = files
    before = store.engine
    article.unlink()
    result = store.reload()
    assert not result.ok
    assert result.problems[0].file == str(article)
    assert store.engine is before


def test_open_raises_store_error_with_the_problems(files: tuple[Path, Path]) -> None:
    article, table = files
    table.write_text("entries: [", encoding="utf-8")
    with pytest.raises(StoreError) as info:
        EngineStore.open(article, table)
    assert info.value.problems
    assert str(table) in str(info.value)


def test_install_writes_the_table_keeps_a_backup_and_swaps(store: EngineStore, files: tuple[Path, Path]) -> None:
    _, table = files
    original = table.read_bytes()
    upload = edited(original.decode("utf-8")).encode("utf-8")

    result = store.install(upload, "uploaded.yaml")

    assert result.ok, result.text()
    assert table.read_bytes() == upload
    assert result.backup is not None
    assert result.backup.parent == table.parent
    assert result.backup.name.startswith("qa.yaml.bak-")
    assert result.backup.read_bytes() == original
    assert store.engine.answer(NEW_PHRASING).entry == "interviewer"
    assert result.summary is not None and result.summary.added == ("purple_giraffe",)
    assert not list(table.parent.glob(".*.tmp"))  # no temp file left behind
    # a later reload reads the installed file
    assert store.reload().ok
    assert store.engine.entry("purple_giraffe") is not None


def test_two_different_installs_in_a_row_keep_two_backups(store: EngineStore, files: tuple[Path, Path]) -> None:
    _, table = files
    original = table.read_bytes()
    first = store.install(original + b"\n# one\n", "a.yaml")
    second = store.install(original + b"\n# two\n", "b.yaml")
    assert first.ok and second.ok
    assert first.backup != second.backup
    assert first.backup is not None and second.backup is not None
    assert first.backup.exists() and second.backup.exists()


def test_backups_rotate_and_identical_uploads_make_none(files: tuple[Path, Path]) -> None:
    """Issue 10, defect 10: 13 uploads left 13 backups, identical ones included."""
    _, table = files
    store = EngineStore.open(*files, backups=3)
    original = table.read_bytes()
    assert store.install(original, "same.yaml").backup is None  # identical to the served file
    versions = [original + f"\n# upload {i}\n".encode() for i in range(6)]
    for version in versions:
        assert store.install(version, "v.yaml").ok
        again = store.install(version, "v.yaml")  # the same file uploaded twice
        assert again.ok and again.backup is None
    backups = sorted(table.parent.glob("qa.yaml.bak-*"), key=lambda p: p.stat().st_mtime_ns)
    assert [b.read_bytes() for b in backups] == versions[2:5]  # the 3 newest previous versions
    assert table.read_bytes() == versions[5]


def test_zero_backups_keeps_none(files: tuple[Path, Path]) -> None:
    _, table = files
    store = EngineStore.open(*files, backups=0)
    result = store.install(table.read_bytes() + b"\n# changed\n", "v.yaml")
    assert result.ok and result.backup is None
    assert not list(table.parent.glob("qa.yaml.bak-*"))


@pytest.mark.parametrize(
    "upload",
    [
        b"entries:\n  - id: x\n    passage: [\n",
        b"entries:\n  - id: x\n    passage: p999\n    answer: a\n    questions: [q]\n",
        b"\xff\xfe",
    ],
    ids=["yaml-syntax", "unknown-passage", "not-utf8"],
)
def test_install_of_an_invalid_table_changes_nothing(
    store: EngineStore, files: tuple[Path, Path], upload: bytes
) -> None:
    _, table = files
    before_engine = store.engine
    before_files = {p.name: p.read_bytes() for p in table.parent.iterdir()}

    result = store.install(upload, "upload.yaml")

    assert not result.ok
    assert result.backup is None
    assert result.problems and all(p.file == "upload.yaml" for p in result.problems)
    assert store.engine is before_engine
    assert {p.name: p.read_bytes() for p in table.parent.iterdir()} == before_files
    assert "upload.yaml:" in result.text()


def test_problem_list_is_capped() -> None:
    from bot.table import Problem

    problems = tuple(Problem("qa.yaml", n, f"problem {n}") for n in range(1, 26))
    text = ReloadResult(False, problems, None).text()
    assert "qa.yaml:1: خطا: problem 1" in text  # a message without a Persian translation is still shown
    assert "qa.yaml:25:" not in text
    assert "۱۵ مورد دیگر" in text  # how many more


def test_engine_is_never_missing_during_reloads(store: EngineStore) -> None:
    stop = threading.Event()
    seen: list[object] = []
    errors: list[BaseException] = []

    def read() -> None:
        try:
            while not stop.is_set():
                engine = store.engine
                seen.append(engine)
                engine.answer("مصاحبه کننده کیست؟")
        except BaseException as exc:
            errors.append(exc)

    readers = [threading.Thread(target=read) for _ in range(3)]
    for t in readers:
        t.start()
    try:
        results = [store.reload() for _ in range(3)]
    finally:
        stop.set()
        for t in readers:
            t.join()
    assert not errors
    assert all(r.ok for r in results)
    assert seen and all(e is not None for e in seen)
