"""Accuracy floors: a change that loses answers on any question set fails here.

Each floor sits a little under the set's figure when it was last raised (see the README's
evaluation section); raise a floor when the figure rises, never lower one to let a change in
silently: a floor is lowered only in the commit of a change whose gains and losses over every
set (the blind ones included) it states, as the sixth's out-of-scope floor was for «انجام» and
the eighth's in-scope floor for the sure answers each piece of a split question needs
(``Thresholds.shared_part``: +16 over the development sets, two of the eighth's lost), and the
twenty-fifth's out-of-scope floor when «الهی پیر شی», a whole message of that set, left the courtesy
list (one of its small-talk messages lost, nothing else changed), and the twenty-third's when «صدای منو
دارین», nearly a whole message of that set, left it too (its one small-talk message lost, nothing else),
and the fifteenth's when slips of the thumb (a letter typed twice, two neighbours swapped, one left out)
came to be read as the word meant: its near miss «… قرار گرفتت؟ اسم ببر» had been declined only because
its verb was unreadable (−2 out of scope over the development sets, that one and the seventeenth's «نفوز»;
+2 in scope on a blind set written with typos; on messages of four development sets given one slip each,
answered as before 80% → 96% with two letters swapped, 85% → 97% with a letter twice, 89% → 93% with one
left out).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import Engine
from bot.evaluation import evaluate, load_cases

ROOT = Path(__file__).resolve().parent.parent

# set: (in-scope floor %, out-of-scope floor %)
FLOORS = {
    "data/devset.tsv": (99.0, 98.5),
    "tests/data/holdout.tsv": (98.0, 97.0),
    "tests/data/realistic.tsv": (95.5, 98.0),
    # blind out 96.0 → 95.0: the merger now answers how many ministries, and a near miss counting «طرح» (a word of its passage) with it
    "tests/data/blind.tsv": (96.5, 96.0),
    "tests/data/third.tsv": (96.0, 96.5),
    "tests/data/fourth.tsv": (95.0, 95.0),
    "tests/data/fifth.tsv": (93.0, 94.5),
    "tests/data/sixth.tsv": (92.5, 94.0),
    "tests/data/seventh.tsv": (94.5, 94.0),
    # eighth out 95.5 → 94.0: a synonym phrase typed with half-spaces is the phrase («مصاحبه‌کننده»), +4/−1
    # over the development sets (the blind ones unchanged); the near miss lost, «… ادغام‌شده باقی موندن؟»,
    # is now answered with the merger
    "tests/data/eighth.tsv": (90.0, 94.0),
    "tests/data/ninth.tsv": (95.0, 95.5),
    # tenth 87.5 → 86.5: «how did they do in crises» phrased in the table costs two of its «how did they affect each government» (+4 elsewhere)
    "tests/data/tenth.tsv": (88.0, 96.0),
    # eleventh out 93.5 → 92.5: «این خبر میگه …» asking what the text says of a topic is about the topic
    # (+4 in scope, −1 out of scope over the development sets, the blind ones unchanged); the near miss
    # lost asks, after «این خبر گفته», how to find work through the ILO
    # … and 94.5 → 93.5: «شامل» (includes) a function word, +3/−1 over the development sets (the blind ones
    # unchanged); the near miss lost asks which programmes social support includes, «مثل یارانه و مستمری»
    "tests/data/eleventh.tsv": (95.0, 93.5),
    "tests/data/twelfth.tsv": (93.5, 94.5),
    "tests/data/thirteenth.tsv": (92.5, 91.5),
    "tests/data/fourteenth.tsv": (90.5, 96.5),
    "tests/data/fifteenth.tsv": (90.5, 94.0),
    "tests/data/sixteenth.tsv": (89.5, 99.0),
    "tests/data/seventeenth.tsv": (89.5, 95.5),
    "tests/data/eighteenth.tsv": (90.0, 93.5),
    "tests/data/nineteenth.tsv": (87.5, 93.0),
    "tests/data/twentieth.tsv": (89.5, 93.5),
    "tests/data/twentyfirst.tsv": (85.0, 99.0),
    "tests/data/twentysecond.tsv": (91.5, 96.5),
    "tests/data/twentythird.tsv": (94.0, 91.5),
    "tests/data/twentyfourth.tsv": (92.0, 94.0),
    "tests/data/twentyfifth.tsv": (85.5, 94.0),
    "tests/data/twentysixth.tsv": (91.0, 91.5),
    "tests/data/twentyseventh.tsv": (92.5, 99.5),
    "tests/data/twentyeighth.tsv": (89.0, 94.0),
    "tests/data/twentyninth.tsv": (90.5, 96.5),
    "tests/data/thirtieth.tsv": (91.0, 96.5),
    "tests/data/thirtyfirst.tsv": (91.0, 92.5),
    "tests/data/thirtysecond.tsv": (89.0, 92.5),
    "tests/data/thirtythird.tsv": (93.5, 95.5),
    "tests/data/thirtyfourth.tsv": (91.0, 95.5),
    "tests/data/thirtyfifth.tsv": (88.0, 93.0),
    "tests/data/thirtysixth.tsv": (89.0, 90.0),
    "tests/data/thirtyseventh.tsv": (90.0, 91.5),
    "tests/data/thirtyeighth.tsv": (84.5, 95.5),
}
# categories that must each stay at or above 80% on the sets that have them
CATEGORY_FLOOR = 80.0
CATEGORIES = ("finglish", "layout", "english", "multi")


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_no_question_set_falls_below_its_floor(engine: Engine, name: str) -> None:
    report = evaluate(engine, load_cases(ROOT / name), name)
    (ir, it), (orr, ot) = report.in_scope, report.out_of_scope
    in_floor, out_floor = FLOORS[name]
    assert 100 * ir / it >= in_floor, f"{name}: in scope {ir}/{it} fell below {in_floor}%"
    assert 100 * orr / ot >= out_floor, f"{name}: out of scope {orr}/{ot} fell below {out_floor}%"
    for category in CATEGORIES:
        if category in report.categories and name in ("data/devset.tsv", "tests/data/holdout.tsv"):
            assert report.share(category) >= CATEGORY_FLOOR, f"{name}: {category} at {report.share(category):.1f}%"


def test_a_category_mixing_both_kinds_counts_each_question_in_its_own_figure(engine: Engine, tmp_path: Path) -> None:
    qset = tmp_path / "mixed.tsv"
    qset.write_text(
        "category\texpected\tquestion\n"
        "english\tp3.s1\tWhen was the ministry formed?\n"
        "english\t-\tWhat is the price of gold in London?\n"
        "english\tp3.s1\tWhich ministries were merged?\n",
        encoding="utf-8",
    )
    report = evaluate(engine, load_cases(qset), "mixed")
    assert report.in_scope[1] == 2 and report.out_of_scope[1] == 1
    assert report.categories["english"].total == 2 and report.categories["english-out"].total == 1
