"""The Telegram side's pure parts: flood guard, message splitting, callback data, keyboards."""

from __future__ import annotations

import asyncio
import logging

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, TimedOut

from bot.engine import Answer, Engine, Part
from bot.telegram import callbacks, keyboards, texts
from bot.telegram.flood import FloodGuard, Verdict
from bot.telegram.ordering import PerChatUpdateProcessor, off_worker
from bot.telegram.retry import never_delivered
from bot.telegram.split import MESSAGE_LIMIT, length, split_message


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


# -- flood guard ----------------------------------------------------------------------------


def test_flood_guard_warns_once_then_drops_until_the_window_has_room() -> None:
    clock = Clock()
    guard = FloodGuard(limit=3, window=10, clock=clock)

    verdicts = [guard.check(1) for _ in range(10)]

    assert verdicts[:3] == [Verdict.ALLOW] * 3
    assert verdicts[3] is Verdict.WARN
    assert verdicts[4:] == [Verdict.DROP] * 6
    assert guard.check(2) is Verdict.ALLOW  # other users are not affected
    clock.now = 10.5
    assert guard.check(1) is Verdict.ALLOW
    assert [guard.check(1) for _ in range(3)] == [Verdict.ALLOW, Verdict.ALLOW, Verdict.WARN]


def test_flood_guard_slides_its_window() -> None:
    clock = Clock()
    guard = FloodGuard(limit=2, window=10, clock=clock)
    assert guard.check(1) is Verdict.ALLOW
    clock.now = 6
    assert guard.check(1) is Verdict.ALLOW
    assert guard.check(1) is Verdict.WARN
    clock.now = 10.1  # the first message aged out, the second has not
    assert guard.check(1) is Verdict.ALLOW
    assert guard.check(1) is Verdict.WARN


def test_a_zero_limit_turns_the_guard_off() -> None:
    guard = FloodGuard(limit=0)
    assert all(guard.check(1) is Verdict.ALLOW for _ in range(100))


# -- splitting ---------------------------------------------------------------------------------


def test_long_text_is_split_at_paragraphs_under_the_limit() -> None:
    paragraphs = [f"<b>بند {i}</b> " + "کلمه &amp; " * (20 + i * 3) for i in range(60)]
    text = "\n\n".join(paragraphs)

    chunks = split_message(text)

    assert len(chunks) > 1 and all(length(c) <= MESSAGE_LIMIT for c in chunks)
    assert "\n\n".join(chunks) == text  # cut only between paragraphs
    assert all(c.count("<b>") == c.count("</b>") for c in chunks)


def test_a_huge_paragraph_is_cut_without_breaking_entities() -> None:
    text = ("&amp;" + "x" * 7) * 2000
    chunks = split_message(text, limit=100)
    assert "".join(chunks) == text
    assert all(length(c) <= 100 and c.count("&") == c.count(";") for c in chunks)


@given(st.text(alphabet=st.sampled_from(list("ab \n😀&;<>پ")), max_size=600), st.integers(min_value=8, max_value=80))
def test_split_chunks_always_fit_and_lose_nothing_but_white_space(text: str, limit: int) -> None:
    chunks = split_message(text, limit=limit)
    assert all(length(c) <= limit for c in chunks)
    assert "".join("".join(chunks).split()) == "".join(text.split())


# -- callback data ---------------------------------------------------------------------------


def test_callback_data_round_trips() -> None:
    assert callbacks.parse(callbacks.answer("ilo")) == callbacks.Callback("answer", entry="ilo")
    assert callbacks.parse(callbacks.page(3)) == callbacks.Callback("page", page=3)
    assert callbacks.parse(callbacks.feedback(1, "opp_knowledge", 42)) == callbacks.Callback(
        "feedback", entry="opp_knowledge", value=1, query_id=42
    )
    assert callbacks.parse(callbacks.feedback(-1, "a:b", None)) == callbacks.Callback("feedback", entry="a:b", value=-1)
    assert callbacks.parse(callbacks.NOOP) == callbacks.Callback("noop")
    assert callbacks.parse(callbacks.paragraph("ilo")) == callbacks.Callback("paragraph", entry="ilo")
    assert callbacks.parse(callbacks.none_of_these(17)) == callbacks.Callback("none", query_id=17)
    for junk in (None, "", "x", "q:", "q:-1", "f:*:a:1", "f:+:a:", "f:+::1", "a:", "p:", "x:", "x:abc"):
        assert callbacks.parse(junk) is None


def test_deep_link_payloads_round_trip() -> None:
    assert callbacks.start_payload("ministry_founded") == "q_ministry_founded"
    assert callbacks.parse_start("q_ministry_founded") == "ministry_founded"
    for junk in (None, "", "q_", "ministry_founded", "q_a b", "q_" + "x" * 70, "q_وزارت"):
        assert callbacks.parse_start(junk) is None
    assert callbacks.start_payload("x" * 70) is None  # longer than a payload may be


def test_buttons_whose_data_would_be_too_long_are_left_out(engine: Engine) -> None:
    entry = engine.table.facts[0]
    long_entry = type(entry)(id="x" * 70, questions=("؟",), passage=entry.passage, answer=entry.answer)
    rows = keyboards.question_rows([entry, long_entry])
    assert [b.callback_data for row in rows for b in row] == [f"a:{entry.id}"]


# -- keyboards -----------------------------------------------------------------------------------


def test_a_suggestion_offers_the_suggested_entries(engine: Engine) -> None:
    a, b = engine.table.facts[:2]
    answer = Answer("؟", (Part("؟", "suggest", 50.0, suggestions=(a, b)),))
    markup = keyboards.answer_markup(engine, answer, query_id=7)
    assert markup is not None
    assert [row[0].callback_data for row in markup.inline_keyboard] == [f"a:{a.id}", f"a:{b.id}"]


def test_thanks_replace_only_the_feedback_row(engine: Engine) -> None:
    entry = engine.examples(1)[0]
    answer = engine.answer_entry(entry.id)
    assert answer is not None
    markup = keyboards.answer_markup(engine, answer, query_id=None)
    assert markup is not None
    assert markup.inline_keyboard[0][0].callback_data == f"f:+:{entry.id}:0"
    thanked = keyboards.thanked(markup)
    assert thanked.inline_keyboard[0][0].text == texts.FEEDBACK_DONE
    assert thanked.inline_keyboard[1:] == markup.inline_keyboard[1:]


def test_question_pages_are_clamped(engine: Engine) -> None:
    topics = engine.presentation.topics()
    assert keyboards.page_count(engine) == len(topics) + 1  # the list of topics, then one page per topic
    text, markup = keyboards.questions_page(engine, 10_000)
    assert markup is not None
    assert topics[-1][0] in text
    assert [b.text for b in markup.inline_keyboard[-1]] == [texts.TOPICS, texts.PREVIOUS]
    assert keyboards.questions_page(engine, -5) == keyboards.questions_page(engine, 0)


def test_the_page_arrows_read_right_to_left(engine: Engine) -> None:
    _, markup = keyboards.questions_page(engine, 2)
    assert markup is not None
    nav = [(b.text, b.callback_data) for b in markup.inline_keyboard[-1]]
    # «بعدی ◀️» first: on a phone it sits on the left, where a right-to-left reader goes on
    assert nav == [(texts.NEXT, "q:3"), (texts.TOPICS, "q:0"), (texts.PREVIOUS, "q:1")]
    assert texts.NEXT.endswith("◀️") and texts.PREVIOUS.startswith("▶️")


# -- per-chat ordering ---------------------------------------------------------------------------


async def test_updates_of_one_chat_run_in_order_and_other_chats_in_parallel() -> None:
    def update(update_id: int, chat_id: int) -> Update:
        chat = {"id": chat_id, "type": "private", "first_name": "A"}
        message = {"message_id": update_id, "date": 0, "chat": chat, "text": "x"}
        return Update.de_json({"update_id": update_id, "message": message}, None)

    events: list[str] = []
    release = asyncio.Event()

    async def work(name: str, wait: bool) -> None:
        events.append(f"start {name}")
        if wait:
            await release.wait()
        events.append(f"end {name}")

    processor = PerChatUpdateProcessor(8)
    first = asyncio.create_task(processor.process_update(update(1, 10), work("a1", wait=True)))
    second = asyncio.create_task(processor.process_update(update(2, 10), work("a2", wait=False)))
    other = asyncio.create_task(processor.process_update(update(3, 20), work("b1", wait=False)))
    await other  # another chat is not held up by chat 10's slow update
    assert events == ["start a1", "start b1", "end b1"]
    release.set()
    await asyncio.gather(first, second)
    assert events[-3:] == ["end a1", "start a2", "end a2"]


def _chat_update(update_id: int, chat_id: int, chat_type: str = "private") -> Update:
    chat = {"id": chat_id, "type": chat_type, "first_name": "A", "title": "G"}
    message = {"message_id": update_id, "date": 0, "chat": chat, "text": "x"}
    return Update.de_json({"update_id": update_id, "message": message}, None)


async def test_waiting_for_a_chat_or_a_group_limit_holds_no_worker() -> None:
    """Issue 10, defect 1: with one worker, a group update waiting for its send limit and
    the group updates queued behind it must not keep a private chat waiting."""
    processor = PerChatUpdateProcessor(1)
    limit_reached = asyncio.Event()
    room = asyncio.Event()
    done: list[str] = []

    async def group_answer(name: str) -> None:
        async with off_worker():  # what the rate limiter does while the group has no room
            limit_reached.set()
            await room.wait()
        done.append(name)

    async def private_answer() -> None:
        done.append("private")

    group = [
        asyncio.create_task(processor.process_update(_chat_update(n, -100, "supergroup"), group_answer(f"g{n}")))
        for n in range(5)
    ]
    await limit_reached.wait()
    await asyncio.wait_for(processor.process_update(_chat_update(9, 7), private_answer()), timeout=5)
    assert done == ["private"]
    assert processor.outstanding(6) == 0  # 5 parked group updates, the private one finished
    room.set()
    await asyncio.gather(*group)
    assert done == ["private", "g0", "g1", "g2", "g3", "g4"]


async def test_a_groups_backlog_drops_the_oldest_with_one_log_line(caplog: pytest.LogCaptureFixture) -> None:
    processor = PerChatUpdateProcessor(4, group_backlog=3, group_room=lambda chat_id: 0)
    release = asyncio.Event()
    done: list[int] = []

    async def answer(n: int) -> None:
        await release.wait()
        done.append(n)

    caplog.set_level(logging.WARNING, logger="bot.telegram.ordering")
    tasks = []
    for n in range(10):
        tasks.append(asyncio.create_task(processor.process_update(_chat_update(n, -100, "group"), answer(n))))
        await asyncio.sleep(0)
    release.set()
    await asyncio.gather(*tasks)
    assert done == [0, 7, 8, 9]  # the running one, then the newest three
    assert len([r for r in caplog.records if "dropping the oldest" in r.getMessage()]) == 1


# -- retries ---------------------------------------------------------------------------------------


def _caused(error: Exception, cause: BaseException | None) -> Exception:
    error.__cause__ = cause
    return error


def test_only_calls_that_never_reached_telegram_are_retried() -> None:
    request = httpx.Request("POST", "http://127.0.0.1/")
    assert never_delivered(NetworkError("Internal Server Error"))  # a 5xx answer
    assert never_delivered(_caused(NetworkError("x"), httpx.ConnectError("refused", request=request)))
    assert never_delivered(_caused(TimedOut(), httpx.ConnectTimeout("slow", request=request)))
    assert not never_delivered(_caused(TimedOut(), httpx.ReadTimeout("slow", request=request)))
    assert not never_delivered(_caused(NetworkError("x"), httpx.ReadError("reset", request=request)))
    assert not never_delivered(BadRequest("Message is too long"))
    assert not never_delivered(Forbidden("blocked"))
