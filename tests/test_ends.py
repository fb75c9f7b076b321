"""Questions about the beginning or the end of the text (bot/ends.py), through the engine."""

from __future__ import annotations

import pytest

from bot.engine import Engine


@pytest.mark.parametrize(
    ("question", "passage"),
    [
        ("آخر خبر چی گفته؟", "p6"),
        ("آخرش چی گفت؟", "p6"),
        ("پاراگراف آخر چی میگه؟", "p6"),
        ("اولش چی گفته؟", "p1"),
        ("قسمت اول مصاحبه درباره چیه؟", "p1"),
        ("اولین بخش خبر درباره چیه؟", "p1"),
    ],
)
def test_the_beginning_or_the_end_of_the_text_is_its_first_or_last_paragraph(
    engine: Engine, question: str, passage: str
) -> None:
    answer = engine.answer(question)
    quoted = answer.parts[0].passage
    assert answer.kind == "answer" and quoted is not None and quoted.id == passage, (question, answer.entries)


def test_an_end_beside_a_topic_or_without_the_text_is_no_question_about_the_text(engine: Engine) -> None:
    # «آخرین فرصت»: the last of a list; «آخرش چی شد»: what happened in the end
    last_item = engine.answer("آخرین فرصت چیه؟").parts[0].passage
    assert last_item is not None and last_item.id == "p5"
    assert not engine.answer("آخرش چی شد؟").found
    # the whole text is still the whole text
    assert engine.answer("کلا این خبر درباره چیه؟").entries == ("interview_topic",)


def test_the_fact_for_an_end_is_the_fullest_one_quoting_that_paragraph(engine: Engine) -> None:
    first, last = engine.end_entries["first"], engine.end_entries["last"]
    assert first.passage == "p1" and last.passage == "p6"
    quoting_last = [e for e in engine.table.facts if e.passage == "p6" and e.answer]
    assert len(last.answer or "") == max(len(e.answer or "") for e in quoting_last)
