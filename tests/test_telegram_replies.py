"""Replies a reader enjoys on a phone, through the harness: context on presses and deep
links, the whole paragraph on demand, sharing, "none of these", groups, admin texts."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot import paths
from bot.querylog import SqliteQueryLog as QueryLog  # the SQLite backend
from bot.store import EngineStore
from bot.telegram import callbacks, texts
from bot.telegram.harness import BOT_USERNAME, Harness

ADMIN = 4242
VAGUE = "وزارت"


@pytest.fixture(scope="module")
def store() -> EngineStore:
    return EngineStore.open(paths.article_path(), paths.table_path())


@pytest.fixture
async def bot(store: EngineStore, tmp_path: Path) -> AsyncIterator[Harness]:
    async with Harness(store=store, querylog=QueryLog(tmp_path / "q.sqlite3"), admin_ids={ADMIN}) as harness:
        yield harness


def logged(db: Path) -> list[tuple[str, str, str | None]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT question, outcome, entry FROM questions ORDER BY id").fetchall()


# -- deep links ----------------------------------------------------------------------------------


async def test_a_deep_link_opens_the_answer_with_the_question_on_top(bot: Harness, store: EngineStore) -> None:
    entry = store.engine.entry("ministry_founded")
    payload = callbacks.start_payload(entry.id)
    calls = await bot.send_text(f"/start {payload}")

    assert calls.methods == ["sendMessage"]
    show = store.engine.presentation
    lines = calls.plain.split("\n")
    assert lines[0] == f"❓ {show.question(entry)}" and lines[1] == "۱۳۹۰"
    assert "<b>۱۳۹۰</b>" in calls.text
    assert (calls.buttons[0].data or "").startswith("f:+:ministry_founded:")
    assert logged(bot.querylog.path) == [(entry.questions[0], "answer", "ministry_founded")]


async def test_a_deep_link_to_an_unknown_entry_explains_and_greets(bot: Harness) -> None:
    calls = await bot.send_text("/start q_no_such_entry")
    assert calls.messages[0].plain == texts.STALE_LINK
    assert "سلام" in calls.messages[1].plain
    plain_start = await bot.send_text("/start something_else")
    assert plain_start.methods == ["sendMessage"] and "سلام" in plain_start.plain


# -- presses --------------------------------------------------------------------------------------


async def test_a_related_question_press_restates_the_question(bot: Harness, store: EngineStore) -> None:
    answered = await bot.send_text("یونیسف چیه؟")
    related = [b for b in answered.buttons if (b.data or "").startswith("a:")]
    assert related and all(b.text.startswith(texts.RELATED_MARK) for b in related)
    pressed = await bot.press(related[0].data or "")
    entry = store.engine.entry((related[0].data or "")[2:])
    assert pressed.plain.startswith(f"❓ {store.engine.presentation.question(entry)}\n")
    assert pressed.messages[0].params.get("reply_parameters") is None  # a press is not a reply


async def test_the_full_paragraph_button_edits_the_same_message(bot: Harness, store: EngineStore) -> None:
    answered = await bot.send_text("وزارت کی تشکیل شد؟")
    full = next(b for b in answered.buttons if b.text == texts.FULL_PARAGRAPH)
    assert full.data == callbacks.paragraph("ministry_founded")

    calls = await bot.press(full.data or "")

    assert not calls.of("sendMessage")
    (edit,) = calls.of("editMessageText")
    paragraph = store.engine.presentation.display.passage("p3")  # the whole paragraph, both sentences
    assert paragraph in edit.plain and len(edit.plain) > len(answered.plain)
    assert edit.plain.startswith("۱۳۹۰\n«") and "<b>۱۳۹۰</b>" in (edit.text or "")
    assert texts.FULL_PARAGRAPH not in [b.text for b in edit.buttons]  # pressed once, gone
    assert any((b.data or "").startswith("f:+:") for b in edit.buttons)  # the rest stays


async def test_the_full_paragraph_keeps_a_restated_question(bot: Harness) -> None:
    pressed = await bot.press(callbacks.answer("ministry_role"))
    full = next(b for b in pressed.buttons if b.text == texts.FULL_PARAGRAPH)
    calls = await bot.press(full.data or "")
    assert calls.of("editMessageText")[0].plain.startswith("❓ ")


async def test_an_answer_that_quotes_its_whole_paragraph_has_no_full_paragraph_button(bot: Harness) -> None:
    calls = await bot.send_text("عنوان خبر چیست؟")
    assert texts.FULL_PARAGRAPH not in [b.text for b in calls.buttons]


async def test_the_share_button_passes_the_question_on_through_inline_mode(bot: Harness, store: EngineStore) -> None:
    answered = await bot.send_text("وزارت کی تشکیل شد؟")
    share = next(b for b in answered.buttons if b.switch_inline_query is not None)
    assert share.text == texts.SHARE

    (inline,) = (await bot.inline(share.switch_inline_query or "")).of("answerInlineQuery")
    first = inline.results[0]
    assert first["title"] == share.switch_inline_query
    assert "<b>۱۳۹۰</b>" in first["input_message_content"]["message_text"]


# -- did you mean / none of these ------------------------------------------------------------------


async def test_none_of_these_gives_the_honest_note_and_logs_the_question_unanswered(
    bot: Harness, store: EngineStore
) -> None:
    asked = await bot.send_text(VAGUE)
    assert store.engine.answer(VAGUE).kind == "suggest"
    none = asked.buttons[-1]
    assert none.text == "هیچ‌کدام"

    calls = await bot.press(none.data or "")

    (edit,) = calls.of("editMessageText")
    assert edit.plain == texts.NONE_NOTE and "نیامده" in edit.plain
    assert edit.buttons == []
    assert logged(bot.querylog.path) == [(VAGUE, "suggest", None), (VAGUE, "none", None)]
    assert VAGUE in [q for _, q in (await bot.querylog.stats()).latest_unanswered]


async def test_none_of_these_after_a_restart_still_answers_and_reads_the_quoted_question(bot: Harness) -> None:
    calls = await bot.press(callbacks.none_of_these(987654))  # a token this process never gave
    assert calls.of("editMessageText")[0].plain == texts.NONE_NOTE
    assert logged(bot.querylog.path) == []  # nothing known to log


# -- groups -----------------------------------------------------------------------------------------


async def test_in_a_group_the_answer_replies_to_the_message_that_asked(bot: Harness) -> None:
    calls = await bot.send_text(f"@{BOT_USERNAME} وزارت کی تشکیل شد؟", chat_type="supergroup")
    reply_to = calls.messages[0].params.get("reply_parameters", {})
    assert reply_to.get("message_id")
    asked = await bot.send_text("/ask یونیسف چیست؟", chat_type="group")
    assert asked.messages[0].params.get("reply_parameters", {}).get("message_id")
    private = await bot.send_text("یونیسف چیست؟")
    assert not private.messages[0].params.get("reply_parameters")


# -- texts ---------------------------------------------------------------------------------------------


async def test_the_bots_own_persian_texts_use_persian_digits(bot: Harness) -> None:
    for command in ("/questions",):
        plain = (await bot.send_text(command)).plain
        assert not any(ch.isdigit() and ch.isascii() for ch in plain), plain
    stats = (await bot.send_text("/stats", user_id=ADMIN)).plain
    assert not any(ch.isdigit() and ch.isascii() for ch in stats.split("آخرین")[0])


async def test_the_title_is_spelled_one_way_everywhere(bot: Harness, store: EngineStore) -> None:
    title = store.engine.presentation.title
    about = next(e for e in store.engine.table.entries if e.id == "about_bot")
    assert f"«{title}»" in (about.reply or "")
    assert f"«{title}»" in (await bot.send_text("/start")).plain
    assert (await bot.send_text("/article")).plain.startswith(title)
    assert f"«{title}»" in (await bot.send_text("عنوان خبر چیست؟")).plain


async def test_none_of_these_in_a_group_reads_the_quoted_question_when_the_token_is_gone(bot: Harness) -> None:
    asked = await bot.send_text(f"@{BOT_USERNAME} {VAGUE}", chat_type="group")
    none = asked.buttons[-1]
    bot.application.bot_data["pending_questions"] = type(bot.application.bot_data["pending_questions"])()  # a restart
    # the button's message quotes the question that asked (a reply in a group)
    message = bot.api.message_with_button(none.data or "")
    assert message is not None
    message["reply_to_message"] = {
        "message_id": 1,
        "date": 0,
        "chat": message["chat"],
        "text": f"@{BOT_USERNAME} {VAGUE}",
        "from": {"id": 1001, "is_bot": False, "first_name": "Test"},
        "entities": [{"type": "mention", "offset": 0, "length": len(BOT_USERNAME) + 1}],
    }
    calls = await bot.press(none.data or "")
    assert calls.of("editMessageText")[0].plain == texts.NONE_NOTE
    assert logged(bot.querylog.path)[-1] == (VAGUE, "none", None)


def test_tokens_of_a_new_process_do_not_meet_an_old_ones() -> None:
    from bot.telegram.pending import PendingQuestions

    old, new = PendingQuestions(first=1), PendingQuestions()
    token = old.add("وزارت")
    assert new.pop(token) is None and old.pop(token) == "وزارت"
    assert new.add("سازمان") != token
