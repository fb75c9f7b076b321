"""The `bot` command line as scripts use it: ask, ask --jsonl, eval."""

from __future__ import annotations

import json
import subprocess
import sys

from bot.cli import reply_text


def _bot(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True, timeout=120
    )


def test_ask_prints_the_reply_as_a_user_reads_it(engine) -> None:
    done = _bot("ask", "وزارت", "کی", "تشکیل", "شد؟")
    assert done.returncode == 0, done.stderr
    expected = reply_text(engine, engine.answer("وزارت کی تشکیل شد؟"))
    assert done.stdout.rstrip("\n") == expected
    assert done.stdout.startswith("۱۳۹۰\n«") and "<b>" not in done.stdout  # the short answer first


def test_ask_lists_as_text_what_telegram_puts_on_buttons(engine) -> None:
    declined = _bot("ask", "وزارت بهداشت کی تشکیل شد؟").stdout
    nearest = engine.nearest("وزارت بهداشت کی تشکیل شد؟")
    assert "نیامده" in declined and nearest
    assert all(f"• {engine.presentation.label(e)}" in declined for e in nearest)
    vague = _bot("ask", "وزارت").stdout
    assert "۱. " in vague  # did-you-mean choices, numbered with Persian digits


def test_eval_prints_the_median_reply_length() -> None:
    done = _bot("eval", "--quiet")
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("reply length: median"))
    assert "target ≤ 300" in line and line.endswith("PASS")
    assert "devset.tsv: in scope" in done.stdout.rstrip().splitlines()[-1]  # the summary line stays last


def test_ask_jsonl_answers_every_line_in_order_with_the_documented_fields() -> None:
    questions = ["یونیسف چیه؟", "قیمت دلار چنده", "سلام", "", "وزارت", "tv,chk ;dsj", "x" * 5000]
    done = _bot("ask", "--jsonl", stdin="\n".join(questions) + "\n")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["question"] for r in rows] == questions
    for row in rows:
        assert set(row) == {"question", "reply", "found", "entry", "score", "suggestions"}
        assert isinstance(row["reply"], str) and row["reply"]
        assert 0 <= row["score"] <= 100
    unicef, dollar, hello, empty, vague, layout, _ = rows
    assert unicef["found"] and unicef["entry"] == "unicef"
    assert not dollar["found"] and dollar["entry"] is None
    assert not hello["found"] and hello["entry"] == "hello"  # small talk is not an answer from the article
    assert not empty["found"]
    assert not vague["found"] and 2 <= len(vague["suggestions"]) <= 3
    assert layout["found"] and layout["entry"] == "forouzan_who"


def test_ask_without_a_question_explains_usage() -> None:
    done = _bot("ask")
    assert done.returncode == 2 and "usage" in done.stderr


def test_eval_prints_categories_totals_and_misses() -> None:
    done = _bot("eval")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for category in (
        "formal",
        "colloquial",
        "keywords",
        "typo",
        "nearmiss",
        "offtopic",
        "finglish",
        "layout",
        "english",
        "multi",
    ):
        assert f"\n{category} " in out
    assert "in scope:" in out and "out of scope:" in out


def test_a_broken_table_stops_ask_with_the_problems(tmp_path) -> None:
    bad = tmp_path / "qa.yaml"
    bad.write_text("entries: [\n", encoding="utf-8")
    done = _bot("--table", str(bad), "ask", "سلام")
    assert done.returncode == 2
    assert f"{bad}:" in done.stderr and "bot check" in done.stderr
