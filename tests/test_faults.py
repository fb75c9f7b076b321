"""Robustness of the real ``bot run`` process: a failing Bot API, reloads under load,
SIGTERM during a burst, and a query log that cannot be written."""

from __future__ import annotations

import sqlite3
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.standin import BotApiStandIn
from bot.telegram import texts
from botprocess import (
    ADMIN_ID,
    QUESTIONS,
    WAIT,
    BotProcess,
    bold_answer,
    copy_data,
    db_check,
    load_test_engine,
    replies_by_chat,
    wait_until,
)

pytestmark = pytest.mark.e2e


class Asker:
    """Pushes questions, one chat per question, and remembers which was asked where."""

    def __init__(self, standin: BotApiStandIn, engine: Engine, first_user: int = 50_000) -> None:
        self.standin = standin
        self.engine = engine
        self.next_user = first_user
        self.asked: dict[int, str] = {}
        self.update_of: dict[int, int] = {}

    def push(self, count: int = 1) -> list[int]:
        users = []
        for _ in range(count):
            user = self.next_user
            self.next_user += 1
            question = QUESTIONS[user % len(QUESTIONS)]
            self.asked[user] = question
            self.update_of[user] = self.standin.push_message(question, user_id=user)
            users.append(user)
        return users

    def answered(self) -> set[int]:
        return {c.chat_id for c in self.standin.calls("sendMessage", ok_only=True)} & set(self.asked)

    def wait_all_answered(self, users: list[int] | None = None, timeout: float = WAIT) -> None:
        wanted = set(self.asked if users is None else users)
        wait_until(lambda: wanted <= self.answered(), timeout, f"answers to {len(wanted)} questions")

    def assert_each_answered_once_and_right(self, users: list[int] | None = None) -> None:
        replies = replies_by_chat(self.standin)
        for user in self.asked if users is None else users:
            got = replies.get(user, [])
            assert len(got) == 1, f"user {user} got {len(got)} replies: {got}"
            expected = bold_answer(self.engine, self.asked[user])
            assert expected in got[0], (self.asked[user], got[0])


def _failed(standin: BotApiStandIn, status: int, since: int) -> int:
    return sum(c.status == status for c in standin.calls()[since:])


def test_errors_rate_limits_and_an_outage_lose_no_question_and_answer_none_twice(tmp_path: Path) -> None:
    files = copy_data(tmp_path)
    with BotApiStandIn() as api, BotProcess(api, files) as bot:
        bot.wait_ready()
        asker = Asker(api, load_test_engine(files))

        # the API answers 500 to everything for a while
        since = api.mark()
        api.fail_next("*", None, status=500)
        asker.push(3)
        wait_until(lambda: _failed(api, 500, since) >= 3, WAIT, "three 500 answers")
        api.clear_faults()
        asker.wait_all_answered()

        # then 429 with retry_after
        since = api.mark()
        api.rate_limit_next("*", 2, retry_after=1)
        asker.push(3)
        wait_until(lambda: _failed(api, 429, since) >= 2, WAIT, "two 429 answers")
        asker.wait_all_answered()

        # then it goes away (refused connections, reset polls) and comes back
        bot.wait_idle()
        api.go_down()
        asker.push(3)
        time.sleep(1.5)
        assert bot.running
        api.come_back()
        asker.wait_all_answered()

        bot.wait_idle()
        bot.assert_alive()
        asker.assert_each_answered_once_and_right()
        assert texts.ERROR not in api.sent_texts()
        assert bot.terminate() == 0, bot.logs()
        assert "Traceback" not in bot.stderr(), bot.logs()


@pytest.mark.parametrize("fault", ["500", "429"])
def test_a_reply_the_api_refuses_once_is_still_delivered_once(tmp_path: Path, fault: str) -> None:
    """The question was fetched (and confirmed), so only the bot can still answer it."""
    files = copy_data(tmp_path)
    with BotApiStandIn() as api, BotProcess(api, files) as bot:
        bot.wait_ready()
        asker = Asker(api, load_test_engine(files))
        if fault == "500":
            api.fail_next("sendMessage", 1, status=500)
        else:
            api.rate_limit_next("sendMessage", 1, retry_after=1)
        users = asker.push(1)
        api.wait_for("sendMessage", lambda c: not c.ok, timeout=WAIT, include_failed=True)
        asker.wait_all_answered()  # some reply arrived: the answer, or an apology
        bot.wait_idle()
        bot.assert_alive()
        got = replies_by_chat(api).get(users[0], [])
        assert len(got) == 1, f"after one {fault} the user got {got}"
        expected = bold_answer(asker.engine, asker.asked[users[0]])
        assert expected in got[0], f"after one {fault} the user got {got[0]!r} instead of the answer"
        assert bot.terminate() == 0, bot.logs()


def test_a_reply_that_times_out_is_not_sent_twice_and_answering_goes_on(tmp_path: Path) -> None:
    """The API takes longer than PTB's 5 s read timeout, yet the message goes out (as it
    may at Telegram): the bot must not send the answer again, and must keep answering."""
    files = copy_data(tmp_path)
    with BotApiStandIn() as api, BotProcess(api, files) as bot:
        bot.wait_ready()
        asker = Asker(api, load_test_engine(files))
        api.delay("sendMessage", 7, count=1)
        (slow,) = asker.push(1)
        expected = bold_answer(asker.engine, asker.asked[slow])
        api.wait_for("sendMessage", lambda c: c.chat_id == slow and expected in (c.text or ""), timeout=WAIT)
        later = asker.push(3)
        asker.wait_all_answered(later)
        bot.wait_idle()
        bot.assert_alive()
        got = replies_by_chat(api)[slow]
        assert sum(expected in text for text in got) == 1, got
        assert len(got) <= 2, got  # the answer, and at most an apology for the timeout
        asker.assert_each_answered_once_and_right(later)
        assert bot.terminate() == 0, bot.logs()


def test_reloads_during_a_burst_lose_and_mix_no_answer(tmp_path: Path) -> None:
    files = copy_data(tmp_path)
    good = files.table.read_bytes()
    broken = good.replace('answer: "۱۳۹۰"'.encode(), 'answer: "۱۴۰۵"'.encode(), 1)
    assert broken != good
    with BotApiStandIn() as api, BotProcess(api, files) as bot:
        bot.wait_ready()
        asker = Asker(api, load_test_engine(files))
        since = api.mark()
        asker.push(30)
        files.table.write_bytes(broken)
        api.push_message("/reload", user_id=ADMIN_ID)
        asker.push(30)
        admin_reply = api.wait_for("sendMessage", lambda c: c.chat_id == ADMIN_ID, timeout=WAIT, since=since)
        files.table.write_bytes(good)
        api.push_message("/reload", user_id=ADMIN_ID)
        asker.push(30)
        api.wait_for("sendMessage", lambda c: c.chat_id == ADMIN_ID, timeout=WAIT, since=admin_reply.seq + 1)
        asker.push(10)
        asker.wait_all_answered()
        bot.wait_idle()
        asker.assert_each_answered_once_and_right()
        admin = [c.text or "" for c in api.calls("sendMessage", ok_only=True) if c.chat_id == ADMIN_ID]
        assert len(admin) == 2
        assert f"{files.table}:" in admin[0] and "۱۴۰۵" in admin[0]  # the errors, file:line
        assert f"{files.table}:" not in admin[1]  # the fixed table loaded
        assert bot.terminate() == 0, bot.logs()


def test_sigterm_during_a_burst_answers_each_question_once_across_a_restart(tmp_path: Path) -> None:
    files = copy_data(tmp_path)
    with BotApiStandIn() as api:
        asker = Asker(api, load_test_engine(files))
        with BotProcess(api, files) as bot:
            bot.wait_ready()
            asker.push(40)
            wait_until(lambda: len(asker.answered()) >= 5, WAIT, "the first answers")
            stop_pushing = threading.Event()

            def keep_asking() -> None:  # questions keep arriving while the bot shuts down
                for _ in range(40):
                    if stop_pushing.is_set():
                        return
                    asker.push(1)
                    time.sleep(0.01)

            pusher = threading.Thread(target=keep_asking)
            pusher.start()
            try:
                code = bot.terminate()
            finally:
                stop_pushing.set()
                pusher.join(timeout=WAIT)
            assert code == 0, bot.logs()
            assert "Traceback" not in bot.stderr(), bot.logs()

            # What PTB guarantees on a clean stop: every fetched update was handled before
            # the process exited, and only fetched updates were confirmed. So a confirmed
            # question has exactly one answer and an unconfirmed one has none yet.
            answered = Counter(c.chat_id for c in api.calls("sendMessage", ok_only=True))
            for user, update_id in asker.update_of.items():
                if api.is_confirmed(update_id):
                    assert answered[user] == 1, (user, update_id, answered[user])
                else:
                    assert answered[user] == 0, (user, update_id, answered[user])
            integrity, rows = db_check(files.db)
            assert integrity == "ok"
            assert rows == sum(answered[u] for u in asker.asked)

        with BotProcess(api, files) as again:  # same stand-in, same DB: the rest is redelivered
            again.wait_ready()
            asker.wait_all_answered()
            again.wait_idle()
            asker.assert_each_answered_once_and_right()
            assert again.terminate() == 0, again.logs()
        integrity, rows = db_check(files.db)
        assert integrity == "ok" and rows == len(asker.asked)


def _hold_exclusive_lock(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db, timeout=5, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    return conn


def _make_immutable(db: Path) -> None:
    result = subprocess.run(["chattr", "+i", str(db)], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot make the database read-only here (chattr: {result.stderr.strip()})")


@pytest.mark.parametrize("trouble", ["locked", "read-only"])
def test_an_unwritable_query_log_warns_once_and_answering_goes_on(tmp_path: Path, trouble: str) -> None:
    files = copy_data(tmp_path)
    holder: sqlite3.Connection | None = None
    try:
        with BotApiStandIn() as api:
            if trouble == "read-only":
                # root ignores permission bits, so make the file immutable instead
                sqlite3.connect(files.db).close()
                _make_immutable(files.db)
            with BotProcess(api, files) as bot:
                bot.wait_ready()
                asker = Asker(api, load_test_engine(files))
                if trouble == "locked":
                    holder = _hold_exclusive_lock(files.db)
                asker.push(12)
                asker.wait_all_answered()
                bot.wait_idle()
                asker.assert_each_answered_once_and_right()
                warnings = [line for line in bot.stderr().splitlines() if " WARNING " in line and "query log" in line]
                assert len(warnings) == 1, bot.logs()
                assert bot.terminate() == 0, bot.logs()
                assert "Traceback" not in bot.stderr(), bot.logs()
    finally:
        if holder is not None:
            holder.close()
        if trouble == "read-only":
            subprocess.run(["chattr", "-i", str(files.db)], capture_output=True)
