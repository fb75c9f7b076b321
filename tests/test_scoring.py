"""The score of an entry: one function over its evidence, and the index on tiny hand-made tables."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.matcher import Candidate, Document, Evidence, TermIndex, Thresholds, decide, score_entry
from bot.normalize import Terms

TH = Thresholds()


def terms(*words: str, classes: tuple[str, ...] = ()) -> Terms:
    return Terms(words=words, content=words, classes=frozenset(classes), text=" ".join(words))


def test_full_evidence_scores_the_sum_of_the_weights() -> None:
    full = Evidence(coverage=1, said=1, phrase=1, passage=1)
    total = TH.coverage_weight + TH.passage_weight + TH.phrasing_weight + TH.phrase_weight
    assert score_entry(full, TH) == pytest.approx(100 * total)
    assert total == pytest.approx(1.0)  # so scores stay on a 0..100 scale


def test_each_share_adds_its_own_weight() -> None:
    for field, weight in (
        ("coverage", TH.coverage_weight),
        ("passage", TH.passage_weight),
        ("said", TH.phrasing_weight),
        ("phrase", TH.phrase_weight),
    ):
        assert score_entry(Evidence(**{field: 1.0}), TH) == pytest.approx(100 * weight), field


def test_unknown_words_discount_only_the_echo_of_the_phrasings() -> None:
    ev = Evidence(coverage=0.5, said=1, phrase=1, passage=0.5, unknown=0.5)
    expected = 100 * (
        TH.coverage_weight * 0.5 + TH.passage_weight * 0.5 + (TH.phrasing_weight + TH.phrase_weight) * 0.5
    )
    assert score_entry(ev, TH) == pytest.approx(expected)


def test_a_question_word_the_entry_never_has_costs_the_class_penalty() -> None:
    ev = Evidence(coverage=0.8, said=0.8, phrase=0.8, passage=0.8)
    assert score_entry(ev._replace(mismatch=True), TH) == pytest.approx(score_entry(ev, TH) * TH.class_penalty)


def test_an_exact_phrasing_scores_100_whatever_else() -> None:
    assert score_entry(Evidence(exact=True, mismatch=True, unknown=1.0), TH) == 100.0


def test_every_constant_of_the_score_is_a_threshold() -> None:
    other = replace(TH, coverage_weight=0.1, passage_weight=0.2, phrasing_weight=0.3, phrase_weight=0.4)
    ev = Evidence(coverage=1, passage=1, said=1, phrase=1)
    assert score_entry(ev, other) == pytest.approx(100.0)
    assert score_entry(Evidence(coverage=1), other) == pytest.approx(10.0)


# -- a tiny table: three entries, two passages -------------------------------------------


def tiny() -> TermIndex:
    docs = (
        Document("year", "p1", (terms("وزارت", "تشکیل", classes=("when",)),), passage=("وزارت", "تشکیل", "1390")),
        Document("merger", "p1", (terms("وزارت", "ادغام", classes=("what",)),), passage=("وزارت", "تشکیل", "1390")),
        Document("unicef", "p2", (terms("یونیسف", classes=("what",)),), passage=("یونیسف", "همکاری")),
    )
    return TermIndex(docs, TH)


def test_the_rarer_word_decides_between_entries() -> None:
    ranked = tiny().rank(terms("یونیسف", "وزارت"))
    assert ranked[0].entry == "unicef"


def test_the_question_word_picks_the_entry_within_a_passage() -> None:
    ranked = tiny().rank(terms("وزارت", "تشکیل", classes=("when",)))
    assert ranked[0].entry == "year" and not ranked[0].mismatch
    merger = next(c for c in ranked if c.entry == "merger")
    assert merger.mismatch and merger.score < merger.raw


def test_a_word_found_nowhere_pulls_the_score_down() -> None:
    index = tiny()
    known = index.rank(terms("یونیسف"))[0].score
    with_unknown = index.rank(terms("یونیسف", "بودجه"))[0].score
    assert with_unknown < known
    assert index.match(terms("بودجه", "بهداشت")).outcome == "none"


def test_a_year_written_with_two_digits_reaches_the_four_digit_year() -> None:
    docs = (
        Document("year", "p1", (terms("وزارت", "تشکیل", "1390", classes=("when",)),)),
        Document("unicef", "p2", (terms("یونیسف", classes=("what",)),)),
    )
    index = TermIndex(docs, TH)
    short = index.rank(terms("وزارت", "90"))[0]
    assert short.entry == "year"
    # a two-digit number no year of the table ends with stays a word found nowhere
    assert index.rank(terms("وزارت", "85"))[0].score < short.score


def test_a_phrasing_word_for_word_is_exact() -> None:
    top = tiny().rank(terms("وزارت", "ادغام", classes=("what",)))[0]
    assert top.entry == "merger" and top.exact and top.score == 100.0


def test_a_list_answers_how_many_it_holds_but_not_how_much() -> None:
    docs = (
        Document("bodies", "p1", (terms("نهاد", "همکاری", classes=("what",)),), answers=frozenset({"howmany"})),
        Document("budget", "p2", (terms("بودجه", "نهاد", classes=("what",)),)),
    )
    index = TermIndex(docs, TH)
    count = index.rank(terms("نهاد", "همکاری", "وزارت", classes=("howmany",)))
    assert count[0].entry == "bodies" and not count[0].mismatch
    amount = index.rank(terms("نهاد", "همکاری", "وزارت", classes=("howmuch",)))
    assert amount[0].entry == "bodies" and amount[0].mismatch  # «چقدر» asks an amount, which a list does not give


def test_background_words_weigh_less_than_the_question() -> None:
    index = tiny()
    asked = index.rank(terms("ادغام"), terms("یونیسف"))
    assert asked[0].entry == "merger"
    leaning = index.rank(terms("چیست"), terms("یونیسف"), context_weight=1.0)
    assert leaning[0].entry == "unicef"


def test_decide_on_a_tiny_ranking_uses_the_thresholds() -> None:
    ranked = tiny().rank(terms("یونیسف", "همکاری", classes=("what",)))
    lenient = replace(TH, answer=ranked[0].score - 1, suggest=1.0)
    result = decide(ranked, lenient)
    assert result.outcome == "answer" and result.entry == "unicef"
    stricter = replace(lenient, answer=ranked[0].score + 1, answer_alone=ranked[0].score + 1)
    assert decide(ranked, stricter).outcome == "suggest"
    strict = replace(stricter, suggest=101.0)
    assert decide(ranked, strict).outcome == "none"


def test_a_lower_score_with_no_rival_near_it_is_an_answer() -> None:
    alone = [Candidate("a", TH.answer_alone + 1, "p1"), Candidate("b", TH.answer_alone + 1 - TH.alone_lead - 1, "p2")]
    crowded = [Candidate("a", TH.answer_alone + 1, "p1"), Candidate("b", TH.answer_alone - 2, "p2")]
    assert TH.answer_alone < TH.answer
    assert decide(alone, TH).outcome == "answer"
    assert decide(crowded, TH).outcome == "suggest"


def test_a_question_clearly_about_an_entry_that_never_answers_its_kind_is_declined() -> None:
    # «این سازمان کجاست؟»: the organisation's entry leads before the question-word check,
    # so another entry winning only on the penalty would be a wrong quote …
    about = Candidate("org", 80 * TH.class_penalty, "p1", raw=80, mismatch=True)
    other = Candidate("place", 60, "p2", raw=60)
    assert decide([other, about], TH).outcome == "none"
    # … but an entry only a little ahead of the winner before the check is no such subject
    near = Candidate(
        "org", (60 + TH.subject_lead - 1) * TH.class_penalty, "p1", raw=60 + TH.subject_lead - 1, mismatch=True
    )
    assert decide([other, near], TH).outcome == "answer"
    # … nor is one ahead of a winner that answers surely («چرا دولتا این همه سازمان درست کردن» asks why, not who)
    sure = Candidate("why", TH.whole_keeps + 2, "p2", raw=TH.whole_keeps + 2)
    who = Candidate("who", 96 * TH.class_penalty, "p1", raw=96, mismatch=True)
    assert decide([sure, who], TH).entry == "why"


def test_a_winner_without_the_margin_is_an_answer_when_the_question_echoes_only_its_phrasing() -> None:
    top = Candidate("partners", 97, "p3", phrase=TH.close_phrase + 3)
    echoing_rival = Candidate("opportunities", 97 - TH.margin / 2, "p4", phrase=TH.close_phrase + 1)
    distant_rival = Candidate("opportunities", 96, "p4", phrase=TH.close_phrase + 3 - TH.echo_lead - 1)
    assert decide([top, echoing_rival], TH).outcome == "suggest"
    assert decide([top, distant_rival], TH).outcome == "answer"


def test_an_entry_stating_the_same_fact_from_another_passage_is_no_rival() -> None:
    ranked = [
        Candidate("aid", 80, "p4"),
        Candidate("aid_again", 80 - TH.margin / 2, "p5"),
        Candidate("other", 40, "p6"),
    ]
    assert decide(ranked, TH).outcome == "suggest"
    assert decide(ranked, TH, alike={"aid": frozenset({"aid_again"})}).outcome == "answer"
    # nor the entry the question is «clearly about» when it only states the same fact
    about = Candidate("aid_again", 90 * TH.class_penalty, "p5", raw=90, mismatch=True)
    top = Candidate("aid", 70, "p4", raw=70)
    assert decide([top, about], TH).outcome == "none"
    assert decide([top, about], TH, alike={"aid": frozenset({"aid_again"})}).outcome == "answer"


def test_background_makes_a_vague_query_clear() -> None:
    index = tiny()
    lenient = replace(TH, answer=1.0, answer_alone=1.0, suggest=0.5, margin=0.0, alone_lead=0.0)
    vague = terms("وزارت")  # a word of both passages tells little apart …
    strict = replace(lenient, min_information=index.information(vague) + 0.01, close_phrase=101.0)
    assert replace(index, thresholds=strict).match(vague).outcome != "answer"
    # … but read with a background naming the rarer word, the question is clear
    leaning = replace(index, thresholds=strict).match(vague, terms("یونیسف"), context_weight=1.0)
    assert leaning.outcome == "answer"


def test_a_piece_tried_again_in_one_message_reuses_its_result() -> None:
    index = tiny()
    query, context = terms("وزارت", "تشکیل", classes=("when",)), terms("یونیسف")
    first = index.match(query)
    assert index.match(query) is first  # tried again (alone, then with background): not ranked twice
    with_context = index.match(query, context)
    assert with_context is not first and with_context == tiny().match(query, context)
    assert index.match(query, context, 1.0) == tiny().match(query, context, 1.0)
