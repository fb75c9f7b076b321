"""Golden transcripts of every kind of reply, through the local harness (the real PTB
Application, every Bot API call recorded) – so a reviewer reads exactly what users see,
and any change to it shows in the diff of ``tests/golden/*.txt``.

Regenerate after an intended change (e.g. the engine answers differently):

    UPDATE_GOLDEN=1 scripts/dev test tests/test_golden.py
"""

from __future__ import annotations

import difflib
import os
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from bot import paths
from bot.querylog import SqliteQueryLog as QueryLog  # the SQLite backend
from bot.telegram import callbacks, texts
from bot.telegram.harness import BOT_USERNAME, Calls, Harness
from transcript import Transcript

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = bool(os.environ.get("UPDATE_GOLDEN"))
ADMIN = 4242
USER = 1001

Scenario = Callable[[Harness, Transcript, Path], Awaitable[None]]
SCENARIOS: dict[str, tuple[str, Scenario]] = {}


def scenario(name: str, title: str) -> Callable[[Scenario], Scenario]:
    def add(run: Scenario) -> Scenario:
        SCENARIOS[name] = (title, run)
        return run

    return add


async def say(bot: Harness, t: Transcript, text: str, **kwargs: object) -> Calls:
    where = f" [{kwargs['chat_type']}]" if "chat_type" in kwargs else ""
    who = " [admin]" if kwargs.get("user_id") == ADMIN else ""
    t.sent(f"{text}{where}{who}")
    calls = await bot.send_text(text, **kwargs)
    t.calls(calls)
    return calls


async def press(bot: Harness, t: Transcript, calls: Calls, text: str) -> Calls:
    """Press the button with this text on the last keyboard."""
    button = next(b for b in calls.buttons if b.text == text)
    t.sent(f"[press] {button.text}")
    pressed = await bot.press(button.data or "")
    t.calls(pressed)
    return pressed


# -- the scenarios ------------------------------------------------------------------------------


@scenario("01_startup", "What the bot publishes when it starts: command menus and descriptions, Persian and English")
async def _startup(bot: Harness, t: Transcript, _: Path) -> None:
    t.calls(bot.startup_calls)


@scenario("02_start_help", "/start and /help")
async def _start(bot: Harness, t: Transcript, _: Path) -> None:
    await say(bot, t, "/start")
    await say(bot, t, "/help")
    await say(bot, t, "/help", user_id=ADMIN)


@scenario(
    "03_answer",
    "A single question: the short answer, the sentence that holds it, the source; the full paragraph on demand",
)
async def _answer(bot: Harness, t: Transcript, _: Path) -> None:
    calls = await say(bot, t, "وزارت کی تشکیل شد؟")
    await press(bot, t, calls, texts.FULL_PARAGRAPH)
    await say(bot, t, "فروزان کیه؟")
    await say(bot, t, "عنوان خبر چیست؟")


@scenario(
    "04_list_answers",
    "List answers: the items in bold, one per line; one item quoted with the words that introduce the list",
)
async def _lists(bot: Harness, t: Transcript, _: Path) -> None:
    await say(bot, t, "فرصت های تعامل با سازمانهای بین المللی چیست؟")
    await say(bot, t, "چالش ها چیست؟")
    await say(bot, t, "وزارت کار با کدام سازمانهای بین المللی همکاری می کند؟")
    await say(bot, t, "یونیسف چیه؟")


@scenario("05_two_answers", "Two questions in one message")
async def _two(bot: Harness, t: Transcript, _: Path) -> None:
    await say(bot, t, "فروزان کیست و وزارت کی تشکیل شد؟")
    await say(bot, t, "شکاف ایدئولوژیک یعنی چی؟ نفوذ قدرتای جهانی چی؟")


@scenario("06_did_you_mean", "Did you mean …? and «هیچ‌کدام»")
async def _did_you_mean(bot: Harness, t: Transcript, _: Path) -> None:
    calls = await say(bot, t, "وزارت")
    await press(bot, t, calls, texts.NOT_ANY)
    calls = await say(bot, t, "سازمان")
    pressed = [b for b in calls.buttons if (b.data or "").startswith("a:")]
    if pressed:
        await press(bot, t, calls, pressed[0].text)


@scenario("07_not_found", "Not in the article: an honest note and the nearest questions, shown once")
async def _not_found(bot: Harness, t: Transcript, _: Path) -> None:
    await say(bot, t, "وزارت بهداشت کی تشکیل شد؟")
    await say(bot, t, "قیمت دلار امروز چند است؟")
    await say(bot, t, "What is the price of bitcoin today?")


@scenario("08_small_talk", "Small talk, and a greeting beside a question")
async def _small_talk(bot: Harness, t: Transcript, _: Path) -> None:
    await say(bot, t, "سلام")
    await say(bot, t, "تو کی هستی؟")
    await say(bot, t, "سلام، فروزان کیه؟")
    await say(bot, t, "ممنون")
    await say(bot, t, "خداحافظ")


@scenario("09_other_scripts", "English, Finglish and a Persian question typed on an English keyboard")
async def _scripts(bot: Harness, t: Transcript, _: Path) -> None:
    await say(bot, t, "Why were the ministries merged?")
    await say(bot, t, "yunisef chie")
    await say(bot, t, "tv,chk ;dsj")


@scenario("10_buttons", "Pressing buttons: a related question (restated on top), feedback, the full paragraph")
async def _buttons(bot: Harness, t: Transcript, _: Path) -> None:
    calls = await say(bot, t, "سازمان بین المللی کار چیست؟")
    related = [b for b in calls.buttons if b.text.startswith(texts.RELATED_MARK)]
    pressed = await press(bot, t, calls, related[0].text)
    await press(bot, t, pressed, texts.FEEDBACK_UP)
    t.sent(f"[press] a button from an old table ({callbacks.answer('no_such_entry')})")
    t.calls(await bot.press(callbacks.answer("no_such_entry")))


@scenario("11_deep_link", "A deep link (t.me/<bot>?start=q_<entry>) and the share button")
async def _deep_link(bot: Harness, t: Transcript, _: Path) -> None:
    calls = await say(bot, t, f"/start {callbacks.start_payload('merger_reason')}")
    share = next(b for b in calls.buttons if b.switch_inline_query is not None)
    t.sent(f"[press] {share.text} → @{BOT_USERNAME} {share.switch_inline_query}")
    t.calls(await bot.inline(share.switch_inline_query or ""))
    await say(bot, t, "/start q_no_such_entry")


@scenario("12_questions", "/questions: the topics, then a topic's questions, ◀️ / ▶️ between topics")
async def _questions(bot: Harness, t: Transcript, _: Path) -> None:
    calls = await say(bot, t, "/questions")
    topic = await press(bot, t, calls, calls.buttons[1].text)
    following = await press(bot, t, topic, texts.NEXT)
    back = await press(bot, t, following, texts.PREVIOUS)
    await press(bot, t, back, texts.TOPICS)


@scenario("13_article", "/article")
async def _article(bot: Harness, t: Transcript, _: Path) -> None:
    await say(bot, t, "/article")


@scenario("14_groups_and_inline", "In a group (answers reply to the message that asked) and inline mode")
async def _groups(bot: Harness, t: Transcript, _: Path) -> None:
    await say(bot, t, "وزارت کی تشکیل شد؟", chat_type="supergroup")
    await say(bot, t, f"@{BOT_USERNAME} یونیسف چیه؟", chat_type="supergroup")
    await say(bot, t, "/ask منبع خبر چیست؟", chat_type="group")
    t.sent("[inline] @bot (empty)")
    t.calls(await bot.inline(""))


@scenario("15_admin", "Admin: /reload, an upload with errors, /stats; a user refused")
async def _admin(bot: Harness, t: Transcript, table: Path) -> None:
    await say(bot, t, "/reload", user_id=USER)
    await say(bot, t, "یونیسف چیه؟")
    await say(bot, t, "قیمت دلار چند است؟")
    await say(bot, t, "/reload", user_id=ADMIN)
    text = table.read_text(encoding="utf-8")
    changed = text.replace("      - ILO چیست؟\n", "      - ILO چیست؟\n      - آی ال او کجاست و چه می کند؟\n", 1)
    table.write_text(changed, encoding="utf-8")
    await say(bot, t, "/reload", user_id=ADMIN)
    broken = changed.replace("    label: یونیسف\n", "    label: یونیسف و صندوق جمعیت و سازمان ملل متحد و دیگران\n", 1)
    broken = broken.replace("    passage: p3.s2\n", "    passage: p33\n", 1)
    t.sent("[upload] mine.yaml (a label too long, an unknown passage) [admin]")
    t.calls(await bot.send_document(broken.encode("utf-8"), "mine.yaml", user_id=ADMIN))
    t.sent("[upload] notes.txt [admin]")
    t.calls(await bot.send_document(b"hello", "notes.txt", user_id=ADMIN))
    await say(bot, t, "/stats", user_id=ADMIN)


@scenario("16_errors", "Errors and odd input: a sticker, an unknown command, an empty /ask, a failing send")
async def _errors(bot: Harness, t: Transcript, _: Path) -> None:
    t.sent("[sticker]")
    t.calls(await bot.send_sticker())
    await say(bot, t, "/frobnicate")
    await say(bot, t, "/ask")
    await say(bot, t, f"@{BOT_USERNAME}", chat_type="group")
    bot.fail_next("sendMessage", "Bad Request: something odd")
    t.note("the Bot API refuses the next sendMessage once")
    await say(bot, t, "یونیسف چیه؟")


# -- the test -----------------------------------------------------------------------------------


async def render(name: str, tmp_path: Path) -> str:
    title, run = SCENARIOS[name]
    article, table = tmp_path / "article.txt", tmp_path / "qa.yaml"
    shutil.copy(paths.article_path(), article)
    shutil.copy(paths.table_path(), table)
    transcript = Transcript(title, masks=[(str(tmp_path) + "/", "")])
    querylog = QueryLog(tmp_path / "queries.sqlite3")
    async with Harness(article=article, table=table, querylog=querylog, admin_ids={ADMIN}, flood_limit=0) as bot:
        await run(bot, transcript, table)
    return transcript.text()


@pytest.mark.parametrize("name", sorted(SCENARIOS))
async def test_transcript_matches_the_golden_file(name: str, tmp_path: Path) -> None:
    got = await render(name, tmp_path)
    path = GOLDEN / f"{name}.txt"
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(got, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing; create it with: UPDATE_GOLDEN=1 scripts/dev test tests/test_golden.py"
    want = path.read_text(encoding="utf-8")
    if got != want:
        diff = "\n".join(difflib.unified_diff(want.splitlines(), got.splitlines(), str(path), "now", lineterm=""))
        pytest.fail(
            f"what users see changed ({path.name}); if intended, regenerate with\n"
            f"    UPDATE_GOLDEN=1 scripts/dev test tests/test_golden.py\n{diff}",
            pytrace=False,
        )


def test_every_golden_file_belongs_to_a_scenario() -> None:
    files = {p.stem for p in GOLDEN.glob("*.txt")}
    assert files == set(SCENARIOS), "remove the golden files of scenarios that no longer exist"
