"""The Bot API stand-in: answers, the long-poll queue, offset confirmation and faults."""

from __future__ import annotations

import json
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import telegram

from bot.standin import BOT_USERNAME, BotApiStandIn

TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghi"


@pytest.fixture
def api() -> Iterator[BotApiStandIn]:
    with BotApiStandIn() as standin:
        yield standin


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10) as c:
        yield c


def call(api: BotApiStandIn, client: httpx.Client, method: str, timeout: float = 10, **params: Any) -> tuple[int, dict]:
    """POST JSON like a Bot API client; returns (HTTP status, body)."""
    res = client.post(f"{api.base_url}{TOKEN}/{method}", json=params, timeout=timeout)
    return res.status_code, res.json()


def result(api: BotApiStandIn, client: httpx.Client, method: str, **params: Any) -> Any:
    status, body = call(api, client, method, **params)
    assert status == 200 and body["ok"], body
    return body["result"]


# -- answers --------------------------------------------------------------------------------


def test_get_me_is_a_bot_user_and_any_token_is_accepted(api: BotApiStandIn, client: httpx.Client) -> None:
    me = result(api, client, "getMe")
    assert me["is_bot"] and me["username"] == BOT_USERNAME and me["id"] == 123456
    res = client.post(f"{api.base_url}999:other/getMe")
    assert res.json()["result"]["id"] == 999
    assert [c.token for c in api.calls("getMe")] == [TOKEN, "999:other"]


@pytest.mark.parametrize(
    "method",
    [
        "deleteWebhook",
        "setWebhook",
        "setMyCommands",
        "deleteMyCommands",
        "answerCallbackQuery",
        "answerInlineQuery",
        "sendChatAction",
        "setChatMenuButton",
        "someFutureMethod",
    ],
)
def test_plain_methods_answer_true(api: BotApiStandIn, client: httpx.Client, method: str) -> None:
    assert result(api, client, method, chat_id=1) is True
    assert api.calls(method)[0].params == {"chat_id": 1}


def test_send_message_answers_a_message_with_increasing_ids(api: BotApiStandIn, client: httpx.Client) -> None:
    first = result(api, client, "sendMessage", chat_id=42, text="سلام")
    second = result(api, client, "sendMessage", chat_id=42, text="دوباره")
    assert first["chat"]["id"] == 42 and first["text"] == "سلام" and first["from"]["is_bot"]
    assert isinstance(first["date"], int)
    assert second["message_id"] > first["message_id"]
    assert api.sent_texts() == ["سلام", "دوباره"]
    assert api.sent_texts(chat_id=7) == []


def test_form_bodies_are_read_like_telegram_reads_them(api: BotApiStandIn, client: httpx.Client) -> None:
    markup = {"inline_keyboard": [[{"text": "👍", "callback_data": "fb:1"}]]}
    res = client.post(
        f"{api.base_url}{TOKEN}/sendMessage",
        data={"chat_id": "42", "text": "123", "reply_markup": json.dumps(markup), "disable_notification": "true"},
    )
    assert res.json()["ok"]
    sent = api.calls("sendMessage")[0]
    assert sent.params == {"chat_id": 42, "text": "123", "reply_markup": markup, "disable_notification": True}
    assert sent.callback_data() == ["fb:1"]


def test_multipart_bodies_carry_files(api: BotApiStandIn, client: httpx.Client) -> None:
    res = client.post(
        f"{api.base_url}{TOKEN}/sendDocument",
        data={"chat_id": "5", "caption": "گزارش"},
        files={"document": ("log.txt", b"hello", "text/plain")},
    )
    assert res.json()["result"]["caption"] == "گزارش"
    sent = api.calls("sendDocument")[0]
    assert sent.params["document"]["filename"] == "log.txt"
    assert sent.files == {"document": b"hello"}


def test_html_is_checked_and_unescaped(api: BotApiStandIn, client: httpx.Client) -> None:
    ok = result(api, client, "sendMessage", chat_id=1, text="<b>۱۳۹۰</b> &lt;x&gt; &amp;", parse_mode="HTML")
    assert ok["text"] == "۱۳۹۰ <x> &"
    for bad in ("a < b", "<b>open", "<x>tag</x>", "<b><i>x</b></i>", "AT&T"):
        status, body = call(api, client, "sendMessage", chat_id=1, text=bad, parse_mode="HTML")
        assert status == 400 and "can't parse entities" in body["description"], bad
    status, body = call(api, client, "sendMessage", chat_id=1, text="a < b")
    assert status == 200


def test_message_limits_are_telegrams(api: BotApiStandIn, client: httpx.Client) -> None:
    assert (
        call(api, client, "sendMessage", chat_id=1, text="")[1]["description"] == "Bad Request: message text is empty"
    )
    assert (
        call(api, client, "sendMessage", chat_id=1, text="x" * 4097)[1]["description"]
        == "Bad Request: message is too long"
    )
    assert call(api, client, "sendMessage", chat_id=1, text="x" * 4096)[0] == 200
    long_data = {"inline_keyboard": [[{"text": "b", "callback_data": "ب" * 33}]]}
    status, body = call(api, client, "sendMessage", chat_id=1, text="x", reply_markup=long_data)
    assert status == 400 and body["description"] == "Bad Request: BUTTON_DATA_INVALID"


def test_edits_change_the_message_and_refuse_a_no_op(api: BotApiStandIn, client: httpx.Client) -> None:
    sent = result(api, client, "sendMessage", chat_id=3, text="one")
    edited = result(api, client, "editMessageText", chat_id=3, message_id=sent["message_id"], text="two")
    assert edited["text"] == "two" and edited["message_id"] == sent["message_id"] and "edit_date" in edited
    status, body = call(api, client, "editMessageText", chat_id=3, message_id=sent["message_id"], text="two")
    assert status == 400 and "message is not modified" in body["description"]
    markup = {"inline_keyboard": [[{"text": "x", "callback_data": "x"}]]}
    again = result(api, client, "editMessageReplyMarkup", chat_id=3, message_id=sent["message_id"], reply_markup=markup)
    assert again["reply_markup"] == markup and again["text"] == "two"
    status, body = call(api, client, "editMessageText", chat_id=3, message_id=999, text="x")
    assert status == 400 and body["description"] == "Bad Request: message to edit not found"


def test_get_file_serves_registered_bytes(api: BotApiStandIn, client: httpx.Client) -> None:
    update_id = api.push_document("جدول".encode(), "qa.yaml", user_id=9)
    update = result(api, client, "getUpdates")[0]
    assert update["update_id"] == update_id
    document = update["message"]["document"]
    assert document["file_name"] == "qa.yaml" and document["file_size"] == len("جدول".encode())
    f = result(api, client, "getFile", file_id=document["file_id"])
    res = client.get(f"{api.file_base_url}{TOKEN}/{f['file_path']}")
    assert res.status_code == 200 and res.content == "جدول".encode()
    assert client.get(f"{api.file_base_url}{TOKEN}/documents/nothing").status_code == 404
    assert call(api, client, "getFile", file_id="nope")[0] == 400


# -- the update queue -------------------------------------------------------------------------


def test_messages_look_like_telegram_updates(api: BotApiStandIn, client: httpx.Client) -> None:
    api.push_message("/reload now", user_id=5)
    api.push_message("سلام", user_id=6, chat_id=-100, chat_type="supergroup")
    first, second = result(api, client, "getUpdates")
    assert first["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 7}]
    assert first["message"]["chat"] == {"id": 5, "type": "private", "first_name": "Ali"}
    assert second["message"]["chat"]["type"] == "supergroup" and second["message"]["from"]["id"] == 6
    assert "entities" not in second["message"]


def test_callback_defaults_to_the_bots_last_message_in_the_chat(api: BotApiStandIn, client: httpx.Client) -> None:
    markup = {"inline_keyboard": [[{"text": "👍", "callback_data": "fb:up"}]]}
    sent = result(api, client, "sendMessage", chat_id=8, text="answer", reply_markup=markup)
    api.push_callback("fb:up", user_id=8)
    query = result(api, client, "getUpdates")[0]["callback_query"]
    assert query["data"] == "fb:up" and query["from"]["id"] == 8
    assert query["message"]["message_id"] == sent["message_id"]
    assert query["message"]["reply_markup"] == markup


def test_offset_confirms_and_unconfirmed_updates_are_redelivered(api: BotApiStandIn, client: httpx.Client) -> None:
    ids = [api.push_message(f"q{i}") for i in range(3)]
    assert [u["update_id"] for u in result(api, client, "getUpdates")] == ids
    # not confirmed: delivered again
    assert [u["update_id"] for u in result(api, client, "getUpdates")] == ids
    assert [u["update_id"] for u in result(api, client, "getUpdates", offset=ids[1])] == ids[1:]
    assert api.is_confirmed(ids[0]) and not api.is_confirmed(ids[1])
    assert api.pending_update_ids() == ids[1:]
    assert result(api, client, "getUpdates", offset=ids[2] + 1) == []
    assert api.pending_update_ids() == [] and api.is_confirmed(ids[2])


def test_limit_and_negative_offset(api: BotApiStandIn, client: httpx.Client) -> None:
    ids = [api.push_message(f"q{i}") for i in range(5)]
    assert [u["update_id"] for u in result(api, client, "getUpdates", limit=2)] == ids[:2]
    assert [u["update_id"] for u in result(api, client, "getUpdates", offset=-1)] == ids[-1:]
    assert api.pending_update_ids() == ids[-1:]


def test_delete_webhook_can_drop_pending_updates(api: BotApiStandIn, client: httpx.Client) -> None:
    api.push_message("old")
    result(api, client, "deleteWebhook")
    assert len(api.pending_update_ids()) == 1
    result(api, client, "deleteWebhook", drop_pending_updates=True)
    assert api.pending_update_ids() == []


def test_long_poll_returns_empty_when_the_timeout_passes(api: BotApiStandIn, client: httpx.Client) -> None:
    assert result(api, client, "getUpdates", timeout=0.2) == []


def test_long_poll_wakes_up_when_an_update_arrives(api: BotApiStandIn, client: httpx.Client) -> None:
    pushed: list[int] = []

    def push_when_polled() -> None:
        api.wait_polling()
        pushed.append(api.push_message("late"))

    waiting = threading.Thread(target=push_when_polled)
    waiting.start()
    try:
        # the poll asks for 60 s but the client gives up after 10: only an early wake-up passes
        updates = client.post(f"{api.base_url}{TOKEN}/getUpdates", json={"timeout": 60}, timeout=10).json()["result"]
    finally:
        waiting.join(timeout=10)
    assert [u["update_id"] for u in updates] == pushed


def test_several_long_polls_all_see_the_update(api: BotApiStandIn) -> None:
    got: list[Any] = []

    def poll() -> None:
        with httpx.Client(timeout=10) as c:
            got.append(c.post(f"{api.base_url}{TOKEN}/getUpdates", json={"timeout": 30}).json()["result"])

    threads = [threading.Thread(target=poll) for _ in range(3)]
    for t in threads:
        t.start()
    api.wait_polling(3)
    api.push_message("x")
    for t in threads:
        t.join(timeout=10)
    assert len(got) == 3 and all(len(r) == 1 for r in got)


# -- the record --------------------------------------------------------------------------------


def test_wait_for_blocks_until_a_matching_call(api: BotApiStandIn, client: httpx.Client) -> None:
    since = api.mark()
    timer = threading.Thread(target=lambda: result(api, httpx.Client(), "sendMessage", chat_id=1, text="ready"))
    timer.start()
    found = api.wait_for("sendMessage", lambda c: c.text == "ready", timeout=10, since=since)
    timer.join()
    assert found.chat_id == 1 and found.ok and found.seq >= since
    assert [c.seq for c in api.calls(since=since)] == [found.seq]
    with pytest.raises(TimeoutError):
        api.wait_for("sendMessage", since=api.mark(), timeout=0.2)


# -- faults --------------------------------------------------------------------------------------


def test_fail_next_fails_that_many_calls_then_recovers(api: BotApiStandIn, client: httpx.Client) -> None:
    api.fail_next("sendMessage", 2)
    statuses = [call(api, client, "sendMessage", chat_id=1, text="x")[0] for _ in range(3)]
    assert statuses == [500, 500, 200]
    assert result(api, client, "getMe")  # other methods were never affected
    assert [c.status for c in api.calls("sendMessage")] == [500, 500, 200]
    assert len(api.calls("sendMessage", ok_only=True)) == 1
    assert api.wait_for("sendMessage", timeout=1).status == 200  # failed calls are skipped by default
    assert api.wait_for("sendMessage", timeout=1, include_failed=True).status == 500


def test_wildcard_faults_hit_every_method_until_cleared(api: BotApiStandIn, client: httpx.Client) -> None:
    api.fail_next("*", None, status=502)
    assert call(api, client, "getMe")[0] == 502
    assert call(api, client, "getUpdates")[0] == 502
    api.clear_faults()
    assert call(api, client, "getMe")[0] == 200


def test_a_fault_set_during_a_long_poll_hits_that_poll(api: BotApiStandIn) -> None:
    got: list[httpx.Response] = []
    poller = threading.Thread(
        target=lambda: got.append(httpx.post(f"{api.base_url}{TOKEN}/getUpdates", json={"timeout": 60}, timeout=10))
    )
    poller.start()
    api.wait_polling()
    api.fail_next("getUpdates", 1, status=502)
    poller.join(timeout=10)
    assert got[0].status_code == 502
    api.push_message("after")
    assert len(httpx.post(f"{api.base_url}{TOKEN}/getUpdates", json={}).json()["result"]) == 1


def test_a_long_poll_the_client_gave_up_on_ends(api: BotApiStandIn, client: httpx.Client) -> None:
    with pytest.raises(httpx.ReadTimeout):
        client.post(f"{api.base_url}{TOKEN}/getUpdates", json={"timeout": 60}, timeout=0.3)
    abandoned = api.wait_for("getUpdates", lambda c: c.status == 0, timeout=10, include_failed=True)
    assert abandoned.params == {"timeout": 60}
    api.push_message("for the next poll")
    assert api.pending_update_ids() == [1]  # nothing was handed to the abandoned poll's client


def test_rate_limit_answers_429_with_retry_after(api: BotApiStandIn, client: httpx.Client) -> None:
    api.rate_limit_next("sendMessage", 1, retry_after=3)
    status, body = call(api, client, "sendMessage", chat_id=1, text="x")
    assert status == 429
    assert body == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 3",
        "parameters": {"retry_after": 3},
    }
    assert call(api, client, "sendMessage", chat_id=1, text="x")[0] == 200


def test_delay_makes_a_client_time_out(api: BotApiStandIn, client: httpx.Client) -> None:
    api.delay("sendMessage", 1)
    with pytest.raises(httpx.ReadTimeout):
        client.post(f"{api.base_url}{TOKEN}/sendMessage", json={"chat_id": 1, "text": "x"}, timeout=0.3)
    api.delay("sendMessage", 0)
    assert call(api, client, "sendMessage", chat_id=1, text="y")[0] == 200
    api.wait_for("sendMessage", lambda c: c.text == "x", timeout=10)  # the timed-out call still took effect


def test_a_counted_delay_hits_only_that_many_calls(api: BotApiStandIn, client: httpx.Client) -> None:
    api.delay("getMe", 5, count=1)
    with pytest.raises(httpx.ReadTimeout):
        client.post(f"{api.base_url}{TOKEN}/getMe", timeout=0.3)
    assert call(api, client, "getMe", timeout=2)[0] == 200


def test_going_down_refuses_and_resets_then_comes_back_on_the_same_port(api: BotApiStandIn) -> None:
    port = api.port
    outcome: list[BaseException | Any] = []

    def long_poll() -> None:
        try:
            with httpx.Client(timeout=10) as c:
                outcome.append(c.post(f"{api.base_url}{TOKEN}/getUpdates", json={"timeout": 30}).json())
        except httpx.HTTPError as exc:
            outcome.append(exc)

    poller = threading.Thread(target=long_poll)
    poller.start()
    api.wait_polling()
    api.go_down()
    poller.join(timeout=10)
    assert len(outcome) == 1 and isinstance(outcome[0], httpx.TransportError)  # reset, not answered
    assert not api.is_up
    api.push_message("kept")  # queued while the API is away
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"{api.base_url}{TOKEN}/getMe", timeout=2)

    api.come_back()
    assert api.port == port and api.is_up
    with httpx.Client(timeout=10) as c:
        updates = c.post(f"{api.base_url}{TOKEN}/getUpdates", json={}).json()["result"]
    assert [u["message"]["text"] for u in updates] == ["kept"]  # the queue survived


def test_stop_ends_open_long_polls_and_is_idempotent() -> None:
    api = BotApiStandIn().start()
    errors: list[BaseException] = []

    def long_poll() -> None:
        try:
            httpx.post(f"{api.base_url}{TOKEN}/getUpdates", json={"timeout": 60}, timeout=10)
        except httpx.HTTPError as exc:
            errors.append(exc)

    poller = threading.Thread(target=long_poll)
    poller.start()
    api.wait_polling()
    api.stop()
    api.stop()
    poller.join(timeout=10)
    assert not poller.is_alive() and len(errors) == 1


# -- a real client -----------------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_python_telegram_bot_talks_to_it(api: BotApiStandIn) -> None:
    bot = telegram.Bot(TOKEN, base_url=api.base_url, base_file_url=api.file_base_url)
    async with bot:
        assert bot.username == BOT_USERNAME
        api.push_message("وزارت کی تشکیل شد؟", user_id=77)
        api.push_document(b"entries: []\n", "qa.yaml", user_id=77)
        updates = await bot.get_updates(timeout=1)
        assert updates[0].message.text == "وزارت کی تشکیل شد؟" and updates[0].effective_user.id == 77
        keyboard = telegram.InlineKeyboardMarkup([[telegram.InlineKeyboardButton("👍", callback_data="fb:up")]])
        sent = await bot.send_message(77, "<b>۱۳۹۰</b>", parse_mode="HTML", reply_markup=keyboard)
        assert sent.text == "۱۳۹۰" and sent.chat_id == 77
        edited = await bot.edit_message_text("دیگر", chat_id=77, message_id=sent.message_id)
        assert isinstance(edited, telegram.Message) and edited.text == "دیگر"
        document = updates[1].message.document
        data = await (await bot.get_file(document.file_id)).download_as_bytearray()
        assert bytes(data) == b"entries: []\n"
        await bot.set_my_commands([("start", "شروع")], scope=telegram.BotCommandScopeChat(5))
        assert api.calls("setMyCommands")[0].params["scope"] == {"type": "chat", "chat_id": 5}
        api.rate_limit_next("sendMessage", 1, retry_after=2)
        with pytest.raises(telegram.error.RetryAfter):
            await bot.send_message(77, "x")
        await bot.get_updates(offset=updates[-1].update_id + 1, timeout=0)
    assert api.pending_update_ids() == []
