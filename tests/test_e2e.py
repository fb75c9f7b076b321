"""End to end: the real ``bot run`` process against the Bot API stand-in on 127.0.0.1."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from bot.article import load_article
from bot.engine import Engine
from bot.normalize import PersianNormalizer
from bot.standin import BotApiStandIn
from bot.table import load_table
from bot.telegram import texts
from botprocess import (
    ADMIN_ID,
    TOKEN,
    USER_ID,
    WAIT,
    BotFiles,
    BotProcess,
    ask,
    bold_answer,
    copy_data,
    db_check,
    load_test_engine,
    question_rows,
)

pytestmark = pytest.mark.e2e

QUESTION = "وزارت کی تشکیل شد؟"


@dataclass
class Running:
    standin: BotApiStandIn
    bot: BotProcess
    files: BotFiles
    engine: Engine


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """One bot process for the interaction tests of this module."""
    files = copy_data(tmp_path_factory.mktemp("e2e"))
    with BotApiStandIn() as standin, BotProcess(standin, files) as bot:
        bot.wait_ready()
        yield Running(standin, bot, files, load_test_engine(files))


def test_start_up_calls(running: Running) -> None:
    api = running.standin
    methods = [c.method for c in api.calls() if c.method != "getUpdates"]
    assert methods[0] == "getMe"
    assert "deleteWebhook" in methods
    assert all(c.token == TOKEN for c in api.calls())
    scopes = {c.params["scope"]["type"]: c.params for c in api.calls("setMyCommands", ok_only=True)}
    default = [c["command"] for c in scopes["default"]["commands"]]
    admin = [c["command"] for c in scopes["chat"]["commands"]]
    assert scopes["chat"]["scope"]["chat_id"] == ADMIN_ID
    assert "reload" in admin and "reload" not in default
    assert set(default) <= set(admin)
    assert not api.calls("deleteWebhook")[0].params.get("drop_pending_updates")


def test_a_question_is_answered_with_the_passage(running: Running) -> None:
    reply = ask(running.standin, QUESTION, USER_ID)
    assert reply.params.get("parse_mode") == "HTML"
    assert "۱۳۹۰" in (reply.text or "")
    assert bold_answer(running.engine, QUESTION) == "<b>۱۳۹۰</b>"
    assert "<b>۱۳۹۰</b>" in (reply.text or "")
    assert any(d.startswith("f:+") for d in reply.callback_data())  # 👍 is offered


def test_feedback_button_is_acknowledged_and_recorded(running: Running) -> None:
    api = running.standin
    reply = ask(api, QUESTION, USER_ID + 1)
    up = next(d for d in reply.callback_data() if d.startswith("f:+"))
    since = api.mark()
    api.push_callback(up, user_id=USER_ID + 1, message=reply)
    ack = api.wait_for("answerCallbackQuery", timeout=WAIT, since=since)
    edit = api.wait_for("editMessageReplyMarkup", lambda c: c.chat_id == USER_ID + 1, timeout=WAIT, since=since)
    assert edit.params["message_id"] == reply.result["message_id"]
    assert not any(d.startswith("f:") for d in edit.callback_data())  # the vote was taken
    assert ack.ok


def test_related_question_button_answers_that_entry(running: Running) -> None:
    api = running.standin
    reply = ask(api, QUESTION, USER_ID + 2)
    related = [d for d in reply.callback_data() if d.startswith("a:")]
    assert related, reply.params
    entry_id = related[0].removeprefix("a:")
    since = api.mark()
    api.push_callback(related[0], user_id=USER_ID + 2, message=reply)
    api.wait_for("answerCallbackQuery", timeout=WAIT, since=since)
    answer = api.wait_for("sendMessage", lambda c: c.chat_id == USER_ID + 2, timeout=WAIT, since=since)
    entry = running.engine.entry(entry_id)
    assert entry is not None and entry.answer
    assert entry.answer in (answer.text or "")


def test_reload_is_refused_to_a_non_admin(running: Running) -> None:
    reply = ask(running.standin, "/reload", USER_ID + 3)
    assert reply.text == texts.NOT_ADMIN


def test_admin_reload_of_a_broken_table_reports_errors_and_keeps_answering(running: Running) -> None:
    api, files = running.standin, running.files
    good = files.table.read_bytes()
    broken = good.decode("utf-8").replace('answer: "۱۳۹۰"', 'answer: "۱۴۰۵"', 1)
    assert broken != good.decode("utf-8")
    files.table.write_text(broken, encoding="utf-8")
    try:
        expected = load_table(files.table, load_article(files.article), PersianNormalizer().normalize).errors
        assert expected
        reply = ask(api, "/reload", ADMIN_ID)
        text = reply.text or ""
        for problem in expected[:3]:
            assert f"{problem.file}:{problem.line}" in text, text
        # the old table is still the one answering
        assert "<b>۱۳۹۰</b>" in (ask(api, QUESTION, USER_ID + 4).text or "")
    finally:
        files.table.write_bytes(good)
    fixed = ask(api, "/reload", ADMIN_ID)
    assert "۱۴۰۵" not in (fixed.text or "") and fixed.text != texts.NOT_ADMIN
    assert "<b>۱۳۹۰</b>" in (ask(api, QUESTION, USER_ID + 4).text or "")


def test_the_token_never_appears_in_the_logs(running: Running) -> None:
    output = running.bot.all_output()
    assert output  # it does log
    assert TOKEN not in output and TOKEN.split(":")[1] not in output


def test_sigterm_stops_cleanly_and_leaves_a_consistent_db(tmp_path) -> None:
    files = copy_data(tmp_path)
    with BotApiStandIn() as api, BotProcess(api, files, log_level="DEBUG") as bot:
        bot.wait_ready()
        questions = [QUESTION, "فروزان کیست؟", "عنوان خبر چیست؟"]
        for i, q in enumerate(questions):
            assert "<b>" in (ask(api, q, USER_ID + 10 + i).text or "")
        bot.wait_idle()
        code = bot.terminate()
        stderr = bot.stderr()
        assert code == 0, bot.logs()
        assert "Traceback" not in stderr, bot.logs()
        assert re.search(r"\bstopped\b", stderr), bot.logs()
        # even at DEBUG, with every request logged, the token stays out of the logs
        assert TOKEN.split(":")[1] not in bot.all_output()
    integrity, rows = db_check(files.db)
    assert integrity == "ok"
    assert rows == len(questions)
    assert question_rows(files.db) == questions
