"""Property and fuzz tests: whatever people type, and however a table is broken, nothing
raises, every call returns promptly (hypothesis deadlines, no timing asserts), and a
broken table is always reported with its file and line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from bot import paths
from bot.article import Article, load_article
from bot.engine import Answer, Engine
from bot.normalize import MAX_CHARS, PersianNormalizer, Terms
from bot.render import render_html, render_plain
from bot.table import Problem, Table, parse_table

# Deadlines catch a blow-up (seconds), not slowness: a shared, busy machine once took over 500 ms on a long
# passage, so the per-message deadline leaves room for that; speed is the benchmark's business.
FAST = settings(deadline=2000, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
TABLES = settings(deadline=5000, max_examples=40, suppress_health_check=[HealthCheck.too_slow])
TABLE_NAME = "fuzzed.yaml"
TELEGRAM_MAX = 4096

# Pieces people (and their keyboards) really produce, and the ones that break naive code.
SPECIAL = [
    "\u200c",
    "\u200d",
    "\u200b",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\ufeff",
    "\u00ad",
    "\u061c",  # zero-width and bidi marks
    "\x00",
    "\x01",
    "\x07",
    "\x1b",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\r\n",
    "\t",  # controls
    "\ud800",
    "\udbff",
    "\udc00",
    "\udfff",  # lone surrogates (str allows them)
    "\ufffe",
    "\uffff",
    "\ue000",
    "\U0010ffff",
    "\ufffd",  # non-characters, private use, replacement
    "😀",
    "👍🏽",
    "👨‍👩‍👧",
    "🇮🇷",
    "❤️",
    "🤷‍♂️",  # emoji, modifiers, ZWJ sequences, flags
    "\u0301",
    "\u064b",
    "\u0650",
    "\u0670",
    "\u0654",
    "ـ",
    "ۀ",
    "ي",
    "ك",
    "ة",
    "أ",
    "ؤ",
    "ء",  # marks, Arabic forms
    "۱۲۳",
    "١٢٣",
    "123",
    "؟",
    "?",
    "!",
    "،",
    "؛",
    ".",
    "«",
    "»",
    "…",
    "ﷲ",
    "ﷺ",
    "ﷻ",
    "ﻻ",  # digits, punctuation, ligatures
    "فروزان",
    "وزارت",
    "تعاون",
    "کار",
    "رفاه",
    "اجتماعی",
    "سازمان",
    "بین‌المللی",
    "می‌شود",
    "چیه",
    "کی",
    "چند",
    "سازمانهای",
    "و",
    "یونیسف",
    "ILO",
    "unicef",
    "who is forouzan",
    "tv,chk",
    "hnyhl",
    "forouzan kie",
    "Привет",
    "你好",
    "שלום",
    "नमस्ते",
    "Ωμέγα",
    "ǅ",
    "ß",
    "İ",
    "ﬁ",  # other scripts, case oddities
    "<b>",
    "</b>",
    "<script>",
    "&amp;",
    "&",
    "<",
    ">",
    '"',
    "'",
    "\\",
    "/start",
    "@bot",
    "#tag",
    " ",
    "  ",
    "\n",
    "\n\n",
]
pieces = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(max_size=12),
    st.characters(categories=["Cs"]),
    st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF), max_size=12),
)
messages = st.lists(pieces, max_size=30).map("".join)
long_messages = (
    st.lists(pieces, min_size=1, max_size=8)
    .map("".join)
    .filter(bool)
    .map(lambda s: (s * (TELEGRAM_MAX // len(s) + 1))[:TELEGRAM_MAX])
)
any_message = st.one_of(messages, long_messages, st.text(), st.just(""))

EDGE_CASES = [
    "",
    " ",
    "\x00",
    "\x00" * TELEGRAM_MAX,
    "\ud800",
    "\u200c" * 50,
    "\u202e" + "فروزان کیست؟" + "\u202c",
    "ی" * TELEGRAM_MAX,
    "؟" * TELEGRAM_MAX,
    "فروزان کیست؟ " * 400,
    "ﷺ" * 1000,  # NFKC turns each into 18 characters
    "😀" * TELEGRAM_MAX,
    "a" * TELEGRAM_MAX,
    "و " * 2000,
]


@pytest.fixture(scope="module")
def normalizer() -> PersianNormalizer:
    return PersianNormalizer()


@pytest.fixture(scope="module")
def article() -> Article:
    return load_article(paths.article_path())


@pytest.fixture(scope="module")
def table_text() -> str:
    return paths.table_path().read_text(encoding="utf-8")


# -- the normaliser --------------------------------------------------------------------


@FAST
@given(text=any_message)
def test_the_normaliser_never_raises(normalizer: PersianNormalizer, text: str) -> None:
    normal = normalizer.normalize(text)
    terms = normalizer.terms(text)
    assert isinstance(normal, str)
    assert isinstance(terms, Terms)
    assert "  " not in normal and normal == normal.strip()
    assert all(isinstance(t, str) and t for t in terms.content)


@pytest.mark.parametrize("text", EDGE_CASES)
def test_the_normaliser_handles_edge_cases(normalizer: PersianNormalizer, text: str) -> None:
    assert isinstance(normalizer.normalize(text), str)
    assert isinstance(normalizer.terms(text), Terms)


@FAST
@given(text=any_message)
@example(text="عالی\u200cیی")
@example(text="ی.ی.ی")
@example(text="ه\u200cه\u200cه")
@example(text="فروزان کیست؟")
@example(text="سازمان های بین المللی چه هستند")
@example(text="وزارتخونه‌ها کی ادغام شدن؟")
def test_normalising_twice_changes_nothing(normalizer: PersianNormalizer, text: str) -> None:
    once = normalizer.normalize(text)
    # Only the first MAX_CHARS characters are read, by design; NFKC can make a text longer
    # («ǅ» → «dž», «ﷺ» → 18 letters), and then the second pass reads a shorter prefix.
    assume(len(once) <= MAX_CHARS)
    assert normalizer.normalize(once) == once


# -- the engine and the renderers ------------------------------------------------------


def _check_reply(engine: Engine, text: str) -> None:
    answer = engine.answer(text)
    assert isinstance(answer, Answer)
    assert answer.parts
    assert 0.0 <= answer.score <= 100.0
    examples = engine.examples(3)
    plain = render_plain(answer, engine.article, examples)
    html = render_html(answer, engine.article, examples)
    assert isinstance(plain, str) and plain.strip()
    # whatever was typed, the only markup in the HTML is the engine's own bold
    assert "<" not in html.replace("<b>", "").replace("</b>", "")


@FAST
@given(text=any_message)
def test_the_engine_answers_anything(engine: Engine, text: str) -> None:
    _check_reply(engine, text)


@pytest.mark.parametrize("text", EDGE_CASES)
def test_the_engine_handles_edge_cases(engine: Engine, text: str) -> None:
    _check_reply(engine, text)


def test_the_engine_takes_non_text_without_raising(engine: Engine) -> None:
    for value in (None, 42, b"\xd9\x81", ["a"]):
        assert isinstance(engine.answer(value), Answer)


# -- corrupted tables ------------------------------------------------------------------


def _parse(raw: bytes, article: Article, normalizer: PersianNormalizer) -> Table:
    return parse_table(raw, TABLE_NAME, article, normalizer.normalize)


def _well_reported(table: Table) -> None:
    """Never silently broken: an invalid table names each problem with file and line."""
    for p in table.problems:
        assert isinstance(p, Problem)
        assert p.file == TABLE_NAME
        assert isinstance(p.line, int) and p.line >= 0
        assert p.message.strip()
        assert p.severity in ("error", "warning")
        assert str(p).startswith(f"{TABLE_NAME}:{p.line}: {p.severity}: ")
    if not table.ok:
        assert table.errors


@TABLES
@given(data=st.data())
def test_a_table_cut_anywhere_is_read_or_reported(data, table_text: str, article: Article, normalizer) -> None:
    raw = table_text.encode("utf-8")
    cut = data.draw(st.integers(0, len(raw) - 1), label="cut")
    table = _parse(raw[:cut], article, normalizer)
    _well_reported(table)
    if cut < raw.index(b"entries:"):
        assert not table.ok  # nothing but comments, or not even those


@TABLES
@given(data=st.data(), junk=st.sampled_from([b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xe2\x82", b"\x80", b"\xfe\xff"]))
def test_invalid_utf8_is_reported_at_its_line(data, junk: bytes, table_text: str, article: Article, normalizer) -> None:
    raw = table_text.encode("utf-8")
    lines = raw.split(b"\n")
    n = data.draw(st.integers(0, len(lines) - 1), label="line")
    lines[n] = lines[n] + junk
    table = _parse(b"\n".join(lines), article, normalizer)
    _well_reported(table)
    assert not table.ok
    (problem,) = table.problems
    assert problem.line == n + 1 and "UTF-8" in problem.message


def _entry_lines(text: str, key: str) -> list[int]:
    return [i for i, line in enumerate(text.split("\n")) if re.match(rf"\s+(- )?{key}:", line)]


@TABLES
@given(data=st.data(), key=st.sampled_from(["id", "passage", "answer", "questions", "reply"]))
def test_a_missing_key_is_reported(data, key: str, table_text: str, article: Article, normalizer) -> None:
    lines = table_text.split("\n")
    n = data.draw(st.sampled_from(_entry_lines(table_text, key)), label="line")
    if key == "id":
        lines[n] = lines[n].replace("id:", "ident:", 1)  # keep the list item, lose its id
    elif key == "questions":
        lines[n] = lines[n].replace("questions:", "question_list:", 1)
    else:
        del lines[n]
    table = _parse("\n".join(lines).encode("utf-8"), article, normalizer)
    _well_reported(table)
    assert not table.ok


WRONG_VALUES = [
    "[]",
    "{}",
    "[a, b]",
    "{x: 1}",
    "null",
    "~",
    "5",
    "true",
    "2024-01-01",
    "!!binary aGVsbG8=",
    "&a x",
    "*a",
]


@TABLES
@given(
    data=st.data(),
    key=st.sampled_from(["id", "passage", "answer", "reply", "questions", "english"]),
    value=st.sampled_from(WRONG_VALUES),
)
def test_a_value_of_the_wrong_type_is_reported(
    data, key: str, value: str, table_text: str, article: Article, normalizer
) -> None:
    lines = table_text.split("\n")
    n = data.draw(st.sampled_from(_entry_lines(table_text, key)), label="line")
    head = lines[n].split(":", 1)[0]
    lines[n] = f"{head}: {value}"
    table = _parse("\n".join(lines).encode("utf-8"), article, normalizer)
    _well_reported(table)


@TABLES
@given(data=st.data())
def test_a_duplicate_id_is_reported(data, table_text: str, article: Article, normalizer) -> None:
    lines = table_text.split("\n")
    ids = _entry_lines(table_text, "id")
    a, b = data.draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True), label="entries")
    lines[b] = lines[b].split("id:", 1)[0] + "id:" + lines[a].split("id:", 1)[1]
    table = _parse("\n".join(lines).encode("utf-8"), article, normalizer)
    _well_reported(table)
    assert not table.ok
    assert any("used twice" in p.message and p.line >= 1 for p in table.errors)


@TABLES
@given(data=st.data())
def test_a_phrasing_given_to_two_entries_is_reported(data, table_text: str, article: Article, normalizer) -> None:
    lines = table_text.split("\n")
    items = _phrasing_lines(lines)
    owners = _owners(lines)
    a, b = data.draw(st.lists(st.sampled_from(items), min_size=2, max_size=2, unique=True), label="phrasings")
    if owners[a] == owners[b]:
        return
    lines[b] = lines[a]
    table = _parse("\n".join(lines).encode("utf-8"), article, normalizer)
    _well_reported(table)
    assert not table.ok
    assert any("the same, after normalisation" in p.message and p.line >= 1 for p in table.errors)


def _phrasing_lines(lines: list[str]) -> list[int]:
    """The lines of phrasings: list items under an entry's ``questions`` or ``english``
    (not its list ``items``)."""
    section, out = "", []
    for i, line in enumerate(lines):
        if m := re.match(r"\s{4}(\w+):", line):
            section = m.group(1)
        elif re.match(r"\s{6}- \S", line) and section in ("questions", "english"):
            out.append(i)
    return out


def _owners(lines: list[str]) -> dict[int, int]:
    """Line → line of the entry (``- id:``) it belongs to."""
    owner, out = -1, {}
    for i, line in enumerate(lines):
        if re.match(r"\s+- id:", line):
            owner = i
        out[i] = owner
    return out


yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(SPECIAL[40:]),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(
                st.sampled_from(["entries", "smalltalk", "id", "passage", "answer", "questions", "english", "reply"]),
                st.text(max_size=8),
            ),
            inner,
            max_size=4,
        ),
    ),
    max_leaves=20,
)


@TABLES
@given(value=yaml_values)
def test_random_yaml_is_read_or_reported(value, article: Article, normalizer) -> None:
    raw = yaml.safe_dump(value, allow_unicode=True).encode("utf-8", "surrogatepass")
    table = _parse(raw, article, normalizer)
    _well_reported(table)
    if not isinstance(value, dict) or "entries" not in value:
        assert not table.ok


@TABLES
@given(raw=st.one_of(st.binary(max_size=400), st.text(max_size=400).map(lambda s: s.encode("utf-8", "surrogatepass"))))
def test_random_bytes_are_read_or_reported(raw: bytes, article: Article, normalizer) -> None:
    table = _parse(raw, article, normalizer)
    _well_reported(table)
    assert not table.ok  # no random input has a valid 'entries' list of real entries


# -- `bot check` on a few broken files, as the operator runs it ------------------------


def _corrupt(kind: str, text: str) -> bytes:
    raw = text.encode("utf-8")
    if kind == "truncated-entry":  # cut right after an entry's id: it has nothing else
        cut = raw.index(b"\n", raw.index(b"- id:", len(raw) // 2)) + 1
        return raw[:cut]
    if kind == "truncated-letter":  # cut inside a two-byte Persian letter
        middle = raw.index("ی".encode(), len(raw) // 2)
        return raw[: middle + 1]
    if kind == "invalid-utf8":
        return raw.replace(b"entries:", b"entries:\xff", 1)
    if kind == "duplicate-id":
        ids = re.findall(r"- id: (\S+)", text)
        return text.replace(f"- id: {ids[1]}\n", f"- id: {ids[0]}\n", 1).encode("utf-8")
    if kind == "wrong-type":
        return re.sub(r"questions:\n", "questions: 12\n", text, count=1).encode("utf-8")
    if kind == "random-yaml":
        return b"- [1, 2\n- {a: b}\n"
    raise ValueError(kind)


@pytest.mark.parametrize(
    "kind", ["truncated-entry", "truncated-letter", "invalid-utf8", "duplicate-id", "wrong-type", "random-yaml"]
)
def test_bot_check_names_the_problem(kind: str, tmp_path: Path, table_text: str) -> None:
    path = tmp_path / "qa.yaml"
    path.write_bytes(_corrupt(kind, table_text))
    done = subprocess.run(
        [sys.executable, "-m", "bot", "--table", str(path), "check"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    problems = re.findall(rf"^{re.escape(str(path))}:(\d+): error: (.+)$", done.stdout, re.MULTILINE)
    assert problems, done.stdout
    assert all(int(line) >= 0 and message.strip() for line, message in problems)
