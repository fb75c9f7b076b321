"""The answer engine: article + table + normalisers + indexes → an ``Answer``.

Data flows one way: text → normalise → match → ``Answer``. Nothing here knows about
Telegram; ``bot.render`` turns an ``Answer`` into text and the handlers send it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path
from typing import Literal

from bot.acts import PIECE_END, TAG_WORDS, ActReader, CourtesyLexicon, MessageActs
from bot.article import Article, Passage, load_article
from bot.display import lexicon as display_lexicon
from bot.ends import END_SECTIONS, EndQuestions
from bot.english import EnglishAnalyzer, EnglishLexicon
from bot.finglish import FinglishAnalyzer, FinglishLexicon, latin_skeleton, persian_skeleton, synonym_skeletons
from bot.heading import HEADING_SECTIONS, HeadingQuestions
from bot.language import LanguageData, LanguageError, load_language
from bot.layout import Keyboard, latin_share
from bot.matcher import Document, MatchResult, TermIndex, Thresholds
from bot.normalize import CLASS_MARK, MAX_CHARS, PersianNormalizer, Terms
from bot.persian_lexicon import PersianLexicon
from bot.persian_verbs import is_verb_form
from bot.presentation import Presentation, presentation
from bot.related import nearest as nearest_entries
from bot.related import related as related_entries
from bot.table import Entry, Problem, Table, load_table
from bot.whole import WHOLE_SECTIONS, WholeQuestions

PartKind = Literal["answer", "suggest", "none", "smalltalk"]
Reading = Literal["fa", "en", "finglish", "layout"]

_HARD_BREAK = re.compile(r"[؟?!\n؛;]+|\.(?:\s|$)")
_SOFT_BREAK = re.compile(r"\s+و\s+|\s*[،,]\s*|\s+and\s+|\s+also\s+", re.IGNORECASE)
# In Latin letters «,» and «;» may be «و» and «ک» typed on an English keyboard: not breaks.
_LATIN_HARD_BREAK = re.compile(r"[?!\n]+|\.(?:\s|$)")
_LATIN_SOFT_BREAK = re.compile(r"\s+and\s+|\s+also\s+", re.IGNORECASE)
MAX_PARTS = 4
SHORT_AFTERTHOUGHT = 6  # words: background this short narrows the question rather than setting a scene
LONG_QUESTION = 14  # words: a question this long without a comma may be a story that asks at its end …
TAIL_TRIES = 4  # … tried from this many of its last joining words at most (a huge message costs no more)
SUBJECT_WORDS = 3  # … or from this many words at most before one of its last question words
QUESTION_MARKS = re.compile(r"[؟?]")  # where a message's sentences end, for a last sentence of its own
CLAIM_WORDS = 3  # words: a claim reported («یکی میگفت …») shorter than this is not read as the question
# a run of words with no Persian letter, spaces between them (a line break ends it); Persian
# punctuation may end it as a space does («]di؟»)
_LATIN_RUN = re.compile(r"(?<![^\s،؛؟])[^\s\u0600-\u06ff]+(?:[ \t]+[^\s\u0600-\u06ff]+)*(?![^\s،؛؟])")
_PERSIAN_WORD = re.compile(r"[\u0621-\u064a\u067e-\u06cc]{3,}")  # three Persian letters or more, no punctuation
_PERSIAN_LETTER = re.compile(r"[\u0600-\u06ff]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
MIXED_WORDS = 2  # Persian words that make a message in Latin letters a Persian one with English words too
PART_RANK = {"answer": 3, "smalltalk": 3, "suggest": 2, "none": 1}  # which reading of a message wins
LEANING_QUESTION = 3  # words: a question this short after another is read with that one as its background
FOLLOW_UP_PIECE = 4  # words: a piece this short beside a clearer answer may only follow it up …
RAMBLING_WORDS = 25  # … as may any piece of a message longer than this
UNANSWERED_KINDS = frozenset({"when", "howmuch"})  # asked of an entry that never answers them, a wrong quote
RELATIVE_HEAD = 2  # words: a question without its relative clause is compared when this much of it is left
HOLDER_GAP = 3  # words: how far after a post a word asking another time may stand («مدیرکل امور بین‌الملل قبلی»)
WITH_GAP = 5  # words: how far back a light verb's preposition may stand («با کدوم نهادای خارجی کار میکنن»)
EXAMPLE_WORDS = 4  # «مثلا چه طرحی؟»: a follow-up this short asks for an example, not a question of its own
LIST_ANSWERS = frozenset({"howmany"})  # question kinds an entry whose answer is a list answers («چند تا؟»)

# a light verb's first word → ((the preposition before it, the verb's words), what they mean together)
LightVerbs = dict[str, tuple[tuple[tuple[str, ...], str], ...]]


@dataclass(frozen=True, slots=True)
class Part:
    """The reply to one question inside a message."""

    question: str
    kind: PartKind
    score: float
    entry: Entry | None = None  # the answering entry, or the small-talk entry
    passage: Passage | None = None
    suggestions: tuple[Entry, ...] = ()
    reading: Reading = "fa"
    read_as: str | None = None  # how the question was read, when it was typed in Latin letters


@dataclass(frozen=True, slots=True)
class Answer:
    """The engine's whole reply to one message."""

    question: str
    parts: tuple[Part, ...]
    courtesy: str | None = None  # "greeting" when the message greeted beside its questions: greet back in one line

    @property
    def found(self) -> bool:
        """True exactly when the reply answers from the article."""
        return any(p.kind == "answer" for p in self.parts)

    @property
    def kind(self) -> PartKind:
        kinds = [p.kind for p in self.parts]
        for k in ("answer", "suggest", "smalltalk"):
            if k in kinds:
                return k
        return "none"

    @property
    def entry(self) -> str | None:
        """The first answering (or small-talk) entry id."""
        return next((p.entry.id for p in self.parts if p.entry is not None), None)

    @property
    def entries(self) -> tuple[str, ...]:
        return tuple(p.entry.id for p in self.parts if p.entry is not None)

    @property
    def score(self) -> float:
        return max((p.score for p in self.parts), default=0.0)

    @property
    def suggestions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.id for p in self.parts for e in p.suggestions))


@dataclass(frozen=True, slots=True)
class Engine:
    """Answers questions about one article from one validated table."""

    article: Article
    table: Table
    thresholds: Thresholds
    persian: PersianNormalizer
    english: EnglishAnalyzer
    finglish: FinglishAnalyzer
    fa_index: TermIndex
    en_index: TermIndex
    fl_index: TermIndex
    fact_words: frozenset[str]  # the words of the facts' phrasings, short answers and passages
    fact_texts: tuple[str, ...]  # the facts' phrasings and the article's passages as written words, « »-framed
    fl_synonyms: dict[str, str]  # the skeleton of a synonym → that of its group's first word (``bot.finglish``)
    not_said_fa: TermIndex  # the table's questions the article does not answer (``not_said``)
    not_said_en: TermIndex
    acts: ActReader
    keyboard: Keyboard
    # names the table writes in Latin letters («nato»), by the Persian letters of the same keys («دشفخ»)
    latin_names: dict[str, str]
    beyond: dict[str, tuple[tuple[str, ...], ...]]  # phrases asking for what an article seldom says, by first token
    article_words: frozenset[str]  # the article's own words and their stems (not the table's phrasings)
    pairs: frozenset[tuple[str, str]]  # «A و B» the article's facts join (the words around «و»)
    whole: dict[Reading, WholeQuestions]  # questions about the article as a whole, by how the text is read
    whole_entry: Entry | None  # the table's entry saying what the article as a whole is about (``whole: true``)
    heading: dict[Reading, HeadingQuestions]  # questions asking the heading of a part of the text
    heading_entry: Entry | None  # the table's entry quoting the article's heading, when it has one only
    heading_words: frozenset[str]  # that heading's own words (a question may name the part by them)
    ends: EndQuestions  # questions about the beginning or the end of the text («آخر خبر چی گفته؟»)
    end_entries: dict[str, Entry]  # "first" / "last" → the fact entry telling what the first / last paragraph says
    joiners: frozenset[str]  # words joining the clauses of a run-on message («و», «که»)
    restated: dict[str, frozenset[str]]  # per fact entry, the entries stating its fact from another passage
    speakers: frozenset[str]  # the words naming whoever speaks in the article (the table's ``speakers``)
    speech: tuple[tuple[str, ...], ...]  # saying verbs («گفته», «اشاره کرده»), as canonical words
    asks_example: frozenset[tuple[str, ...]]  # short follow-ups asking for an example («مثال زده؟»)
    reported: tuple[tuple[str, ...], ...]  # words reporting what someone else said («میگفت», «شنیدم»)
    attribution: tuple[tuple[str, ...], ...]  # whose view a question asks in («به نظر», «از دید»)
    exclusions: tuple[tuple[str, ...], ...]  # what a question leaves out («به جز», «غیر از», «فقط … یا»)
    ordinals: dict[str, str]  # a word asking for the first or the last of a list → "first" or "last"
    choice: frozenset[str]  # words offering a choice («یا»)
    text_words: frozenset[str]  # the words naming the text itself («خبر», «مصاحبه»; ``[meta]``)
    people: frozenset[str]  # words naming the people an article quotes («مسئول», «مصاحبه شونده»), its speakers too
    kinds: dict[str, str]  # a word naming one thing of a kind (a post, a news agency) → its kind
    # what a question about a claim may name besides function words: who is right («راست»), the
    # article's people, posts («مدیرکل») and the text itself
    verdict: frozenset[str]
    which: frozenset[str]  # words asking which members of a plural («کدام»)
    specific: frozenset[str]  # words asking for the very ones («دقیقا», «مثلا»)
    exact_count: tuple[tuple[str, ...], ...]  # words asking a count for its figure («دقیقا», «در مجموع», «عددش»)
    others: frozenset[str]  # words asking for others besides those named («دیگر»)
    role: frozenset[str]  # the post a spoken «چیکاره» asks («سمتی»), of a person or of a thing
    place: frozenset[str]  # «در»: what follows it is where someone holds a post, not who holds it
    other_holder: frozenset[str]  # after a post, words asking who held it at another time («قبلی»)
    succession: tuple[tuple[str, ...], ...]  # before a person, words asking who came before or after («بعد از»)
    with_verbs: LightVerbs  # a light verb's first word → ((its preposition, its words), what they mean)
    answer_kinds: dict[str, frozenset[str]]  # per fact entry, the kinds its short answer names
    _entries: dict[str, Entry] = field(repr=False)

    @classmethod
    def build(
        cls, article: Article, table: Table, thresholds: Thresholds | None = None, language: LanguageData | None = None
    ) -> Engine:
        """Index a validated table (raises ValueError if it has errors); ``language``:
        the language data (default: the package's ``bot/lang``)."""
        if not table.ok:
            raise ValueError("the table has errors:\n" + "\n".join(map(str, table.errors)))
        th = thresholds or Thresholds()
        data = language or load_language()
        rule_words = [w for s in (*WHOLE_SECTIONS, *HEADING_SECTIONS) for w in data.items("fa/clauses.txt", s)]
        persian = build_normalizer(article, table, PersianLexicon.from_data(data), rule_words)
        english = EnglishAnalyzer(EnglishLexicon.from_data(data))
        finglish = FinglishAnalyzer(FinglishLexicon.from_data(data))
        fa_docs, en_docs, fl_docs = [], [], []
        passage_terms: dict[str, tuple[str, ...]] = {}
        alike = restated_facts(table)
        fact_words: set[str] = set()  # the words the facts are asked and answered in (not small talk's «روز بخیر»)
        for entry in table.entries:
            group = entry.passage or f"smalltalk:{entry.id}"
            fa = [persian.terms(q) for q in entry.questions]
            support: tuple[tuple[str, float], ...] = ()
            if entry.passage and entry.answer:
                if entry.passage not in passage_terms:
                    quoted = article.passage(entry.passage)
                    assert quoted is not None  # a validated table quotes only passages of its article
                    passage_terms[entry.passage] = persian.terms(quoted.text).content
                answer_terms = persian.terms(entry.answer).content
                # a long answer (a whole list) says no more about the entry than its passage does
                answer_credit = th.answer_credit if len(answer_terms) <= th.answer_words else th.passage_credit
                support = tuple((t, th.passage_credit) for t in passage_terms[entry.passage]) + tuple(
                    (t, answer_credit) for t in answer_terms
                )
            passage_words = passage_terms.get(entry.passage, ()) if entry.passage else ()
            same = alike.get(entry.id, frozenset())
            answers = LIST_ANSWERS if entry.items else frozenset()  # a list tells how many it holds
            fa_docs.append(Document(entry.id, group, tuple(fa), support, passage_words, same, answers))
            if entry.passage:
                fact_words.update(t for terms in fa for t in terms.content)
                fact_words.update(t for t, _ in support)
            en_docs.append(
                Document(entry.id, group, tuple(english.terms(q) for q in entry.english), alike=same, answers=answers)
            )
            fl_docs.append(
                Document(entry.id, group, tuple(finglish.from_persian(t) for t in fa), alike=same, answers=answers)
            )
        # questions the article does not answer: an index of their own, so their words
        # stay unknown to the entries' index («بهداشت» must not become a known word)
        ns_fa = [Document(n.id, n.id, tuple(persian.terms(q) for q in n.questions)) for n in table.not_said]
        ns_en = [Document(n.id, n.id, tuple(english.terms(q) for q in n.english)) for n in table.not_said if n.english]
        presentation(article, table)  # the display form and quotes are ready before the first reply
        return cls(
            article=article,
            table=table,
            thresholds=th,
            persian=persian,
            english=english,
            finglish=finglish,
            fa_index=TermIndex(tuple(fa_docs), th),
            en_index=TermIndex(tuple(en_docs), th),
            fl_index=(fl_index := TermIndex(tuple(fl_docs), th, fuzzy_cutoff=75.0)),
            fact_words=frozenset(fact_words),
            fact_texts=tuple(
                f" {' '.join(persian.tokens(text))} "
                for text in (
                    *(q for e in table.entries if e.passage for q in (*e.questions, e.answer or "")),
                    *(p.text for p in article.passages),
                )
            ),
            fl_synonyms=synonym_skeletons(persian.synonyms, fl_index.vocabulary),
            not_said_fa=TermIndex(tuple(ns_fa), th),
            not_said_en=TermIndex(tuple(ns_en), th),
            acts=build_act_reader(persian, english, data),
            keyboard=(keyboard := Keyboard.from_data(data)),
            latin_names=latin_names(persian, keyboard),
            beyond=beyond_phrases(persian),
            article_words=article_words(article, persian),
            pairs=joined_pairs(article, table, persian),
            whole=(
                whole := {
                    r: WholeQuestions.of(*lists)
                    for r, lists in reading_words(data, persian, english, finglish, WHOLE_SECTIONS)
                }
            ),
            whole_entry=next((e for e in table.facts if e.whole), None),
            heading={
                r: HeadingQuestions.of(*lists)
                for r, lists in reading_words(data, persian, english, finglish, HEADING_SECTIONS)
            },
            heading_entry=(heading := heading_fact(article, table)),
            heading_words=heading_words(article, heading, persian),
            end_entries=end_facts(article, table),
            joiners=clause_words(data, "joiners", persian.tokens),
            restated=alike,
            speakers=(speakers := frozenset(t for name in table.speakers for t in persian.terms(name).content)),
            asks_example=frozenset(clause_phrases(data, "asks_example", persian.tokens)),
            reported=clause_phrases(data, "reported", persian.tokens),
            attribution=clause_phrases(data, "attribution", lambda i: persian.terms(i).words),
            exclusions=clause_phrases(data, "exclusions", lambda i: persian.terms(i).words)
            + clause_phrases(data, "only", lambda i: persian.terms(i).words),
            choice=clause_words(data, "choice", persian.tokens),
            ordinals={w: end for end in ("first", "last") for w in clause_words(data, end, persian.tokens)},
            people=(people := speakers | clause_words(data, "people", lambda i: persian.terms(i).content)),
            text_words=clause_words(data, "meta", lambda i: persian.terms(i).content),
            kinds=(kinds := kind_words(data, persian)),
            verdict=clause_words(data, "verdict", lambda i: persian.terms(i).words)
            | people
            | {w for w, kind in kinds.items() if kind == "posts"}
            | whole["fa"].meta,
            which=clause_words(data, "which", persian.tokens),
            specific=clause_words(data, "specific", persian.tokens),
            exact_count=clause_phrases(data, "exact_count", lambda i: persian.terms(i).words),
            others=clause_words(data, "others", lambda i: persian.terms(i).words),
            role=clause_words(data, "role", lambda i: persian.terms(i).content),
            place=clause_words(data, "place", lambda i: persian.terms(i).words),
            other_holder=clause_words(data, "other_holder", lambda i: persian.terms(i).words),
            succession=clause_phrases(data, "succession", lambda i: persian.terms(i).words),
            with_verbs=with_verbs(data, persian),
            answer_kinds={
                e.id: frozenset(kinds[w] for w in persian.terms(e.answer).content if w in kinds)
                for e in table.facts
                if e.answer
            },
            speech=(speech := clause_phrases(data, "speech", lambda i: persian.terms(i).words)),
            ends=EndQuestions.of(
                [
                    [w for item in data.items("fa/clauses.txt", s) for w in persian.terms(item).words]
                    for s in END_SECTIONS
                ],
                allowed=whole["fa"].meta | whole["fa"].gist | whole["fa"].whole | people,
                anchors=whole["fa"].meta | people | {w for phrase in speech for w in phrase},
            ),
            _entries={e.id: e for e in table.entries},
        )

    # -- public API ------------------------------------------------------------------

    def answer(self, text: str) -> Answer:
        """Answer a message; never raises, whatever the text.

        The message is first read as acts (``bot.acts``): courtesy and introductions are
        set aside, every question is answered with the background around it weighing
        less, and a greeting beside a question is noted so the reply can greet back."""
        text = self._names_on_persian_keys(self._mixed_layout(text[:MAX_CHARS] if isinstance(text, str) else ""))
        memo: dict[tuple[str, str], Part] = {}

        def one(piece: str, context: str = "") -> Part:  # each piece is matched once per message
            key = (piece, context)
            if key not in memo:
                memo[key] = self._one(piece, context)
            return memo[key]

        acts = self.acts.read(text)
        if acts.chat_only:
            return Answer(text, (self._chat(text, acts, one),))
        parts: list[Part] = []
        previous = ""
        # «… همچین چیزی گفته؟»: the message points back at a claim its background made
        claimed = bool(acts.context) and self.acts.points_back(text)
        for question in acts.questions or (acts.context,):
            context = acts.context if acts.questions else ""
            if previous and len(question.split()) <= LEANING_QUESTION:
                # «… شرکت ملی اسمش اومده؟ در چه رابطه‌ای؟»: a short question after another asks about its topic
                context = " ، ".join(c for c in (context, previous) if c)
            got = self._question(question, context, one)
            if claimed and self._asks_verdict(question):
                # «… یکی میگفت اینا ابزار دست قدرتای بزرگن؛ این آقا هم همچین چیزی گفته؟»:
                # what the background claims is the question, not the person it is asked of
                claim = self._background_claim(acts.context, one)
                got = [claim] if claim is not None else got
            parts.extend(got)
            previous = question
        if acts.questions and self._clarifies_beyond(acts.afterthought):
            # «… چه سالی تأسیس شد؟ قبل از ادغام منظورمه»: a short afterthought narrows the question
            parts = [Part(p.question, "none", p.score) if p.kind == "answer" else p for p in parts]
        if acts.questions and self._example_asked_after(text):
            # «کدوم نهادها کنترل میشن؟ اسم برده؟»: as «مثال زده؟» in the question, a list answers, nothing else
            parts = [
                Part(p.question, "none", p.score)
                if p.kind == "answer" and p.entry is not None and not _lists(p.entry)
                else p
                for p in parts
            ]
        if acts.questions and acts.context and all(p.kind == "none" for p in parts):
            # «اون میگه این سازمانا با همه یکسانن، من میگم نه؛ مدیرکل چی گفته؟ کی راست میگه؟»: questions
            # with no topic of their own ask about the claim someone made in the background
            claim = self._disputed_claim(acts.questions, acts.context, one)
            if claim is not None:
                parts = [claim]
        # «دقیقا کدوم دستاوردها معرفی شدن؟»: the very members of what the article names only as a whole
        parts = [self._unless_members_asked(p, text) for p in parts]
        # «دقیقا چند تا سازمان … ؟ عددشو میخوام»: a figure the passage never gives
        parts = [self._unless_figure_asked(p, text) for p in parts]
        parts = self._without_stray_whole(_dedupe(parts, self.restated))
        if len(parts) > 1:
            found = [p for p in parts if p.kind in ("answer", "suggest")]
            talk = [p for p in parts if p.kind == "smalltalk"]
            # small talk beside a real question adds nothing; beside nothing found, it is the reply
            parts = found or talk[:1] or parts
        parts = self._without_weak_beside_sure(parts, text)
        courtesy = "greeting" if acts.greeted and any(p.kind != "smalltalk" for p in parts) else None
        return Answer(text, tuple(parts[:MAX_PARTS]), courtesy)

    def _without_weak_beside_sure(self, parts: list[Part], text: str) -> list[Part]:
        """Beside a clearer answer, an answer below ``Thresholds.weak_beside`` and
        ``Thresholds.weak_lead`` behind the best is dropped when its piece is a short
        follow-up («اختلاف اصلی چیه؟ بین کیا؟») or a piece of a long rambling message:
        such a piece leans on the other question or is background, seldom a question of its own."""
        answers = [p.score for p in parts if p.kind == "answer"]
        if len(answers) < 2:
            return parts
        th = self.thresholds
        rambling = len(text.split()) > RAMBLING_WORDS

        def weak(p: Part) -> bool:
            short = len(p.question.split()) <= FOLLOW_UP_PIECE
            return p.score < th.weak_beside and p.score < max(answers) - th.weak_lead and (short or rambling)

        return [p for p in parts if p.kind != "answer" or not weak(p)]

    def _without_stray_whole(self, parts: list[Part]) -> list[Part]:
        """Beside answers to other questions, the article as a whole is an answer only to a
        piece that asks about it («این خبر درباره چیه») or came to it surely: a piece of
        background that only came nearest to it («این خبر در این باره چی میگه») adds nothing."""
        if self.whole_entry is None or sum(p.kind == "answer" for p in parts) < 2:
            return parts

        def stray(i: int, p: Part) -> bool:
            if p.entry is not self.whole_entry or p.kind != "answer" or p.reading != "fa":
                return False
            terms = self.persian.terms(p.question)
            # «… چرا بعضی کشورا ضرر دیدن؟ خبر چی میگه؟»: what the text says of the question before it
            if any(q.kind == "answer" for q in parts[:i]) and _says(self.persian.words(p.question), self.speech):
                return True
            return p.score < self.thresholds.whole_keeps and not self.whole["fa"].asks(terms, alone=True)

        return [p for i, p in enumerate(parts) if not stray(i, p)]

    def _question(self, text: str, context: str, one: Callable[[str, str], Part]) -> list[Part]:
        """The parts answering one question act: itself, or the questions it joins.

        A question act is split at «و», «،», "and" only where every piece asks a question
        of its own («مدیر کیست و شرکت کی تأسیس شد»), or where one predicate is shared
        by several subjects («فرصتها و چالشها چیست») and every piece is answered from a
        passage of its own; otherwise «دانش و فناوری» stays one question."""
        latin = latin_share(text) > 0.5
        # «… و آیا …»: a yes/no word right after «و» opens a question of its own (after a comma
        # it may close a story: «… ، آیا این مقام به … اشاره کرده؟»)
        yesno = f"{CLASS_MARK}yesno"
        words = self.persian.terms(text).words if not latin else ()
        opens_yesno = any(a == "و" and b == yesno for a, b in pairwise(words))

        def asks(piece: str) -> bool:
            if latin:
                return bool(self.english.terms(piece).classes)
            terms = self.persian.terms(piece)
            return bool(terms.classes - {"yesno"}) or (opens_yesno and terms.words[:1] == (yesno,))

        if not latin and self._guesses_beyond(text):
            return [Part(text, "none", 0.0)]
        if not latin and self._asks_example(text):
            # «… کدوم بحران‌ها رو کنترل کردن؟ مثال زده؟»: declined unless a list (the article's examples) answers
            asked = one(" ".join(comma_pieces(text)[:-1]), context)
            listed = asked.kind == "answer" and asked.entry is not None and _lists(asked.entry)
            return [asked] if listed else [Part(text, "none", 0.0)]
        whole = one(text, context)
        pieces = split_questions(text, asks, latin, self._joined)
        several = len(pieces) > 1 and all(asks(p) for p in pieces)  # «تیتر چیه و چالش دوم کدومه؟»: two questions
        if not latin and not several and self._asks_heading(self.persian.terms(text), "fa"):
            return [whole]  # «اسم قسمتی که درباره فرصتها و چالشهاست چیه؟»: one question, whatever «و» joins
        # «مدیرش رو کجا معرفی کرده، چی گفته؟»: a piece with no topic of its own asks about the one before it
        if several and (latin or all(map(self._topical, pieces))):
            parts = _dedupe([one(p, context) for p in pieces], self.restated)
            if sum(p.kind in ("answer", "smalltalk") for p in parts) >= 2:
                return parts
        sure = whole.kind == "answer" and whole.score >= self.thresholds.whole_keeps
        split = [] if sure else split_questions(text, lambda _: True, latin, self._joined)
        if whole.kind == "none" and not latin and self._beyond_asked(text, split, asks):
            return [whole]  # «بودجه شرکت، کارخانه و دفتر چقدر است؟»: one question, beyond the text
        pieces = split
        if len(pieces) > 1 and not latin and self._gapped(pieces[-2], pieces[-1]):
            pieces = []  # «… برای بعضی فرصت بودن و برای بعضی چالش»: one question, its verb left out
        if len(pieces) > 1 and (latin or all(map(self._topical, pieces))):
            parts = self._without_guesses(_dedupe([one(p, context) for p in pieces], self.restated))
            passages = {p.passage.id for p in parts if p.passage}
            # each piece must be answered surely: «نشان دادن توانایی‌ها و کارهای موفق … جزو کدام
            # دسته آمده؟» and «بعد از یکی شدن، این شرکت چه جایگاهی … پیدا کرد؟» are one question
            if (
                all(p.kind in ("answer", "smalltalk") and p.score >= self.thresholds.shared_part for p in parts)
                and len(passages) >= 2
                and (whole.kind != "answer" or whole.passage is None or whole.passage.id in passages)
            ):
                return parts
        if whole.kind != "answer" and not latin:
            # «اینترنتم افتضاحه، کلا چه فرصتهایی … گفته»: of the pieces between commas (else
            # at «و» too: «… چرا زیاد شدن و هر روز یکی تازه میبینیم، توضیحشو داده؟»), the one that
            # asks is the question and the others are background to it
            commas = comma_pieces(text)
            for clauses in (commas, split):  # (``split`` is there: an unanswered question is never sure)
                alone = self._asking_piece(clauses, context, asks, one)
                if alone is not None:
                    return [alone]
            # a long message that asks along the way («… نفهمیدم کی عوض شد، این خبر میگه از چه سالی؟»)
            # ends with what it wants to know: its last asking piece, the rest background
            for clauses in (commas, split):
                alone = self._asking_piece(clauses, context, asks, one, last=True)
                if alone is not None:
                    return [alone]
            tail = self._asking_tail(text, context, asks, one)
            if tail is not None:
                return [tail]
            claim = self._reported_claim(text, context, one)
            if claim is not None:
                return [claim]
            # «… اون میگه …، من میگم نه، طبق حرف مدیرکل کدوممون درست میگیم؟»: the claim is asked about
            pieces = comma_pieces(text)
            if len(pieces) > 1 and self._asks_verdict(pieces[-1]):
                rest = " ، ".join(pieces[:-1])
                claim = self._disputed_claim(pieces[-1:], rest, one)
                if claim is not None:
                    return [claim]
        return [whole]

    def _asking_tail(
        self, text: str, context: str, asks: Callable[[str], bool], one: Callable[[str, str], Part]
    ) -> Part | None:
        """A long run-on message («… و همیشه میپرسید که این شرکت از یکی شدن کدوم شرکتا درست شده») asks
        at its end: the shortest last stretch after a joining word («و», «که») that asks and
        is answered, read with what comes before it as its background."""
        words = text.split()
        if len(words) < LONG_QUESTION:
            return None
        tries = 0
        for i in range(len(words) - TAG_WORDS - 1, 0, -1):
            joiner = self.persian.tokens(words[i - 1])
            if len(joiner) != 1 or joiner[0] not in self.joiners:
                continue
            tries += 1
            if tries > TAIL_TRIES:
                break
            tail = " ".join(words[i:])
            if not asks(tail):
                continue
            part = one(tail, " ، ".join(c for c in (context, " ".join(words[: i - 1])) if c))
            if part.kind == "answer":
                return part
        # no joining word before its question: the stretch from a few words before its last
        # question word, answered surely («… خوندم نفهمیدم چرا اینا هی زیاد شدن دلیلش چی بوده»)
        marks = [i for i, w in enumerate(words) if self.persian.terms(w).classes - {"yesno"}]
        for at in reversed(marks[-TAIL_TRIES:]):
            for start in range(at, max(at - SUBJECT_WORDS, 0) - 1, -1):
                tail = " ".join(words[start:])
                part = one(tail, " ، ".join(c for c in (context, " ".join(words[:start])) if c))
                if part.kind == "answer" and part.score >= self.thresholds.whole_keeps:
                    return part
        return None

    def _disputed_claim(self, questions: Sequence[str], context: str, one: Callable[[str, str], Part]) -> Part | None:
        """The answer to a claim reported in the background (``[reported]``: «اون میگه …») when
        the message's questions name no topic of their own («مدیرکل چی گفته؟», «کی راست میگه؟»),
        else None."""
        if not all(map(self._asks_verdict, questions)):
            return None
        return self._reported_claim(context, "", one)

    def _background_claim(self, context: str, one: Callable[[str, str], Part]) -> Part | None:
        """The answer to what the background claims: after its last word reporting speech
        (``[reported]``), else the background as a whole, else its best answered piece
        between commas («من یه جا خوندم که …، سر کلاس هم استاد یه چیزی شبیه این میگفت»);
        None unless answered."""
        claim = self._reported_claim(context, "", one)
        if claim is not None:
            return claim
        answered = [
            part
            for piece in (context, *comma_pieces(context))
            if len(piece.split()) >= CLAIM_WORDS and (part := one(piece, "")).kind == "answer"
        ]
        return max(answered, key=lambda p: p.score, default=None)

    def _asks_verdict(self, text: str) -> bool:
        """Whether a Persian question names nothing but the article's people, the text itself
        and who is right («این آقای مدیرکل در این مورد چی گفته؟ کدوممون برنده‌ایم؟»)."""
        if latin_share(text) > 0.5:
            return False
        persian = self.persian
        terms = persian.terms(self.acts.without_anaphora(text))
        return not any(
            not w.startswith(CLASS_MARK)
            and not persian.is_function_word(w)
            and not any(f in self.verdict for f in persian.forms(w))
            for w in terms.content
        )

    def _reported_claim(self, text: str, context: str, one: Callable[[str, str], Part]) -> Part | None:
        """«شوهرم میگه این شرکتا رو چند تا دولت با هم ساختن … راست میگه؟»: a message
        asking nothing but whether what someone said is so asks about what follows the
        words reporting it (``[reported]``), the rest background; the last report that is
        answered, else None."""
        if self.persian.terms(text).classes - {"yesno"} or not self.reported:
            return None
        tokens = self.persian.tokens(text)
        for i in range(len(tokens) - 1, -1, -1):
            n = next((len(r) for r in self.reported if tuple(tokens[i : i + len(r)]) == r), 0)
            if not n or len(tokens) - i - n < CLAIM_WORDS:
                continue
            before = " ".join(tokens[:i])
            part = one(" ".join(tokens[i + n :]), " ، ".join(c for c in (context, before) if c))
            if part.kind == "answer":
                return part
        return None

    def _asking_piece(
        self,
        clauses: list[str],
        context: str,
        asks: Callable[[str], bool],
        one: Callable[[str, str], Part],
        last: bool = False,
    ) -> Part | None:
        """The answer to the one piece that asks, read with the other pieces as its background;
        None unless exactly one asks (with ``last``: the last of several that ask) and it is
        answered. A short piece without a verb («آمریکا؟» after «کدوم قدرتا؟») narrows the
        question instead of being background."""
        asking = [c for c in clauses if asks(c)]
        if last and len(asking) > 1:
            asking = asking[-1:]
        elif last:
            return None
        others = [c for c in clauses if c not in asking]
        if not others or len(asking) != 1:
            return None
        # a remark with a verb («توضیحشو داده») is background of its own
        if not all(len(c.split()) > TAG_WORDS or holds_verb(self.persian, c) for c in others):
            return None
        rest = " ، ".join(c for c in (context, *clauses) if c and c != asking[0])
        alone = one(asking[0], rest)
        return alone if alone.kind == "answer" else None

    def _beyond_asked(self, text: str, pieces: list[str], asks: Callable[[str], bool]) -> bool:
        """Whether a question asks beyond the text (``_asks_beyond``) in what it asks, not
        only in its background: «بابام میگفت قبلا سه تا شرکت بودن … کدوما بودن؟» tells
        of a before and asks what the article says. Background is a piece (between commas
        and «و», ``pieces``) that asks nothing and is a remark of its own: a verb, more than a
        short request («یه نمونه بگو»), and no short question after it to lean on it («… اسمش چیه»)."""
        if not self._asks_beyond(self.persian.terms(text)):
            return False
        # a piece pointing back at the others («این آقا هم همچین حرفی زده؟») is what asks
        asks_here = [asks(p) or self.acts.points_back(p) for p in pieces]
        if len(pieces) < 2 or not any(asks_here):
            return True

        def background(i: int) -> bool:
            piece, after = pieces[i], pieces[i + 1 : i + 2]
            return (
                not asks_here[i]
                and len(piece.split()) > TAG_WORDS + 1
                and holds_verb(self.persian, piece)
                and not (after and asks(after[0]) and len(after[0].split()) <= TAG_WORDS)
            )

        holding = [i for i, p in enumerate(pieces) if self._asks_beyond(self.persian.terms(p))]
        return not holding or not all(map(background, holding))

    def _topical(self, text: str) -> bool:
        """Whether a Persian piece names a topic of its own («چی گفته», «به چه عنوان», «در این مورد چی گفته» name none;
        nor does the bare name of the speaker left after «طبق گفته»: «… ، کریمی»)."""
        terms = self.persian.terms(text)
        if not terms.classes and terms.content and set(terms.content) <= self.people:
            return False
        return names_topic(self.persian, self.acts.without_anaphora(text))

    def _guesses_beyond(self, text: str) -> bool:
        """Whether a question ends in a guess at what it asks naming what the article and its
        table never do («… تو چه شهرهایی شعبه داره؟ مثلا تبریز؟»): a short last piece with
        no question word and no verb, holding a word found nowhere. The article does not say
        it; no passage is quoted."""
        pieces = comma_pieces(text)
        if len(pieces) < 2 or len(pieces[-1].split()) > TAG_WORDS + 1 or holds_verb(self.persian, pieces[-1]):
            return False
        terms = self.persian.terms(pieces[-1])
        topic = [w for w in terms.content if not self.persian.is_function_word(w)]
        if terms.classes or not topic or len(topic) < len(set(terms.content)):
            return False
        unknown = [not (self.fa_index.known(w) or w in self.article_words) for w in topic]
        # «… یکسان یا جورواجور؟»: a choice naming something the article says is no guess beyond it
        if not all(unknown) and set(self.persian.tokens(pieces[-1])) & self.choice:
            return False
        return any(unknown)

    def _example_asked_after(self, text: str) -> bool:
        """Whether a message's last sentence asks whether the article names examples of what
        the one before asks which of («کدوم نهادها کنترل میشن؟ اسم برده؟»); within a
        sentence («شرکت نفت اسم برده؟», «کدوما رو اسم برده؟») it only asks which were named."""
        sentences = [s for s in QUESTION_MARKS.split(text) if self.persian.tokens(s)]
        if len(sentences) < 2 or not (self._is_example_asked(sentences[-1]) or self._for_instance(sentences[-1])):
            return False
        return bool(self.persian.terms(sentences[-2]).classes - {"yesno"})

    def _asks_example(self, text: str) -> bool:
        """Whether a question ends with a short piece of its own asking for an example
        («… کدوم بحران‌ها رو کنترل کردن؟ مثال زده؟»)."""
        pieces = comma_pieces(text)
        return len(pieces) >= 2 and self._is_example_asked(pieces[-1])

    def _for_instance(self, piece: str) -> bool:
        """«… ؟ مثلا چه طرحی؟»: a short question opening with a word asking for the very ones
        (``specific``) asks for an example of what the question before it asks."""
        tokens = self.persian.tokens(piece)
        return (
            2 <= len(tokens) <= EXAMPLE_WORDS
            and tokens[0] in self.specific
            and bool(self.persian.terms(piece).classes - {"yesno"})
        )

    def _is_example_asked(self, piece: str) -> bool:
        """Whether ``piece`` is one of ``asks_example``, a word asking for the very ones
        («مشخص», «مشخصی») left out: «مثال مشخصی زده؟» is «مثال زده؟»."""
        tokens = self.persian.tokens(piece)
        endings = ("", *self.persian.language.ezafe)  # «مشخصی»: the indefinite ending on it
        plain = tuple(
            t for t in tokens if not any(t.endswith(e) and t[: len(t) - len(e)] in self.specific for e in endings)
        )
        return tuple(tokens) in self.asks_example or (bool(plain) and plain in self.asks_example)

    def _gapped(self, left: str, right: str) -> bool:
        """Whether ``right`` repeats the frame of ``left`` with its verb left out: it opens
        with a function word ``left`` has too, and holds no verb and no question word."""
        tokens = self.persian.tokens(right)
        if not tokens or not self.persian.is_function_word(tokens[0]) or tokens[0] not in self.persian.tokens(left):
            return False
        return not self.persian.terms(right).classes and not holds_verb(self.persian, right)

    def _without_guesses(self, parts: list[Part]) -> list[Part]:
        """Drop a short piece whose words the passage of another part already holds: a guess
        at that answer («خبر مال کجاست؟ مهر؟»), not a question of its own."""
        if len(parts) < 2:
            return parts
        kept: list[Part] = []
        for part in parts:
            if part.passage is None or len(part.question.split()) > TAG_WORDS:
                kept.append(part)
                continue
            words = set(self.persian.terms(part.question).content)
            others = {p.passage.id: p.passage for p in parts if p is not part and p.passage is not None}
            holders = [o for o in others.values() if words and words <= set(self.persian.terms(o.text).content)]
            if not holders or any(h.id == part.passage.id for h in holders):
                kept.append(part)
        return kept

    def _chat(self, text: str, acts: MessageActs, one: Callable[[str, str], Part]) -> Part:
        """A message of courtesy only: the small-talk entry it matches (the whole message,
        else one of its acts, else the first phrase of an act's kind: «mersi» is thanks),
        else the first small-talk entry as an invitation to ask."""
        canonical = self.acts.lexicon.canonical
        kinds = (canonical[a.kind] for a in acts.acts if a.kind in canonical)
        for piece in (text, *(a.text for a in acts.acts), *kinds):
            part = one(piece, "")
            if part.kind == "smalltalk":
                return replace(part, question=text)
        talk = next((e for e in self.table.entries if e.is_smalltalk), None)
        if talk is None:
            return Part(text, "none", 0.0)
        return Part(text, "smalltalk", 0.0, talk)

    def entry(self, entry_id: str) -> Entry | None:
        """The entry with this id."""
        return self._entries.get(entry_id)

    def answer_entry(self, entry_id: str) -> Answer | None:
        """The reply for a known entry (a pressed button), as if it had been asked."""
        entry = self._entries.get(entry_id)
        if entry is None:
            return None
        return Answer(entry.questions[0], (self._part(entry.questions[0], "answer", 100.0, entry),))

    def related(self, entry_id: str, limit: int = 3) -> list[Entry]:
        """Fact entries to offer after ``entry_id``: different from it and from each other
        (one per passage; its topic first, then another), see ``bot.related``."""
        facts = list(self.table.facts)
        me = self._entries.get(entry_id)
        if me is None or me.is_smalltalk:
            return facts[:limit]
        return related_entries(me, facts, self.article, limit)

    def nearest(self, text: str, limit: int = 3) -> list[Entry]:
        """The fact entries nearest to a question the engine declined (words in common,
        then the same topic), from the candidates its match ranks; [] when none is near."""
        text = text[:MAX_CHARS] if isinstance(text, str) else ""
        text = next(iter(self.acts.read(text).questions), text)  # the question, not its courtesy
        if latin_share(text) > 0.5:
            ranked = self.en_index.rank(self.english.terms(text))
        else:
            ranked = self.fa_index.rank(self.persian.terms(text))
        return nearest_entries(ranked, self._entries, self.table.facts, limit)

    @property
    def presentation(self) -> Presentation:
        """How this engine's entries are shown (display spelling, quotes, labels, topics)."""
        return presentation(self.article, self.table)

    def examples(self, limit: int = 4) -> list[Entry]:
        """A spread of fact entries across the article, for /start and 'not found' replies:
        the first question of each topic while there are topics, then evenly spread."""
        facts = list(self.table.facts)
        if len(facts) <= limit:
            return facts
        picked = [entries[0] for _, entries in self.presentation.topics() if entries][:limit]
        step = len(facts) / limit
        for i in range(limit):
            if len(picked) >= limit:
                break
            if facts[int(i * step)] not in picked:
                picked.append(facts[int(i * step)])
        return picked

    # -- internals ---------------------------------------------------------------------

    def _one(self, text: str, context: str = "") -> Part:
        if latin_share(text) <= 0.5:
            return self._persian(text, context)
        latin = self._latin(text)
        if sum(any("\u0600" <= ch <= "\u06ff" for ch in w) for w in text.split()) < MIXED_WORDS:
            return latin
        # «چالشای cooperation با international orgs چیه»: Persian with English words in it, read both ways
        return max((latin, self._persian(text, context)), key=lambda p: (PART_RANK[p.kind], p.score))

    def _persian(self, text: str, context: str = "") -> Part:
        query = self._gist_of_part(
            self._without_excluded(self._past_speaker(self._role_of_thing(self._terms_with(text))))
        )
        claim = self._claim(text, query)
        if claim is not None:
            return claim
        if self._asks_beyond(query) or self._counts_others(query) or self._asks_other_holder(text):
            return Part(text, "none", 0.0)
        return self._unless_counting_else(self._persian_read(text, query, context), query)

    def _terms_with(self, text: str) -> Terms:
        """The terms of a question, a light verb joined to the preposition before it read as
        one verb (``fa/light_verbs.txt``: «با کدوم سازمانا کار میکنن» is «همکاری»)."""
        if not self.with_verbs:
            return self.persian.terms(text)
        tokens = self.persian.tokens(text)
        for i, token in enumerate(tokens):
            for phrase, meaning in self.with_verbs.get(token, ()):
                preposition, verb = phrase[0], phrase[1:]
                if preposition in tokens[max(i - WITH_GAP, 0) : i] and tuple(tokens[i : i + len(verb)]) == verb:
                    return self.persian.terms(" ".join([*tokens[:i], meaning, *tokens[i + len(verb) :]]))
        return self.persian.terms(text)

    def _unless_counting_else(self, part: Part, query: Terms) -> Part:
        """«… چند تا معاونت داره؟», «چند نفر بودن؟»: a count of a thing the answering entry never
        names (neither its phrasings, its answer nor its passage) is not the count the article gives."""
        if part.kind != "answer" or part.entry is None or "howmany" not in query.classes:
            return part
        words = list(query.words)
        mark = f"{CLASS_MARK}howmany"
        if mark not in words:
            return part
        at = words.index(mark)
        # the thing counted follows «چند» («چند تا معاونت»), or comes before it («سکه امروز چند؟»)
        after = [w for w in words[at + 1 :] if w in query.content]
        before = [w for w in words[:at] if w in query.content]
        counted = after[0] if after else (before[-1] if before else None)
        if counted is None:
            return part
        entry = part.entry
        texts = (*entry.questions, entry.answer or "", part.passage.text if part.passage else "")
        named = {t for q in texts for t in self.persian.terms(q).content}
        return part if counted in named else Part(part.question, "none", part.score)

    def _persian_read(self, text: str, query: Terms, context: str) -> Part:
        if not context or latin_share(context) > 0.5:
            result = self._in_order(_unless_unanswered_kind(self.fa_index.match(query), query), query)
            part = self._from(text, self._unless_not_said(result, query, self.not_said_fa), "fa")
            return self._about_text(part, query, alone=True)
        background = self.persian.terms(context)
        result = self.fa_index.match(query, background)
        # how the answer read the question: with which background, at which weight (None: the default)
        read_with: tuple[Terms | None, float | None] = (background, None)
        if result.outcome != "answer" or result.score < self.thresholds.whole_keeps:
            # background that only blurs a question clear on its own (its words near other entries) is set aside
            alone = self.fa_index.match(query)
            if (
                alone.outcome == "answer"
                and alone.score >= self.thresholds.whole_keeps
                and (
                    result.outcome != "answer"
                    or result.entry == alone.entry
                    # background that drew a weak answer elsewhere («… 🙈 مدیرکله چه مشکلاتی گفته بود؟»)
                    or alone.score >= result.score + self.thresholds.alone_over_background
                    # … or the gist of the whole text the question alone says nothing of: the
                    # asker's task («… یه خلاصه از این مصاحبه بنویسیم … فقط بگو چالشاش چی بودن»)
                    or (
                        self.whole_entry is not None
                        and result.entry == self.whole_entry.id
                        and _score_of(alone, result.entry) < self.thresholds.suggest
                    )
                )
            ):
                result, read_with = alone, (None, None)
        # «… مدیرکل چی گفته؟», «… کدوم سازمانا بودن؟»: a question that leans on its
        # background for its topic; read with the background in full when that is clearly better
        # «… میگفتن بحران‌ها رو مهار کردن. متن این موضوعو گفته؟»: a question pointing back at what
        # its background told is about that, however sure it reads alone
        pointing = self.acts.points_back(text)
        if pointing or result.outcome != "answer" or result.score < self.thresholds.whole_keeps:  # a sure answer stands
            leaning = self.fa_index.match(query, background, self.thresholds.leaning_context_weight)
            if leaning.outcome == "answer" and (
                pointing or result.outcome != "answer" or leaning.score >= result.score + self.thresholds.leaning_lead
            ):
                result, read_with = leaning, (background, self.thresholds.leaning_context_weight)
        result = self._in_order(_unless_unanswered_kind(result, query), query)
        # what the table lists as not said is compared with the question read as it was answered
        said = self._unless_not_said(result, query, self.not_said_fa, *read_with)
        if read_with[0] is not None and names_topic(self.persian, text, self.whole["fa"].meta):
            # a question with a topic of its own («… ، تاریخش چیه») is compared on its own too
            said = self._unless_not_said(said, query, self.not_said_fa)
        part = self._from(text, said, "fa")
        return self._about_text(part, query, alone=False)

    def _unless_figure_asked(self, part: Part, message: str) -> Part:
        """Declined when a count is asked for its very figure («دقیقا چند تا …؟», «در مجموع
        چند …؟», «… ؟ عددشو میخوام») and neither the answer nor its passage holds a number:
        a list the article gives as examples («از جمله …») is no total."""
        if part.kind != "answer" or part.entry is None or part.reading != "fa" or not self.exact_count:
            return part
        # the count in the question answered, its figure asked anywhere in the message
        if "howmany" not in self.persian.terms(part.question).classes:
            return part
        if not _says(self.persian.terms(message).words, self.exact_count):
            return part
        numbers = self.persian.language.numbers
        given = " ".join((part.entry.answer or "", part.passage.text if part.passage else ""))
        if any(w.isdigit() or w in numbers for w in self.persian.tokens(given)):
            return part
        return Part(part.question, "none", part.score)

    def _unless_members_asked(self, part: Part, message: str) -> Part:
        """Declined when the question asks for the very members of a plural («دقیقا کدوم
        دستاوردهای ایران معرفی شدن؟», «کدوم بحرانا رو کنترل کردن؟ مثلا …») that the answer only
        names as a whole: an answer that is no list yet holds the word. The article does not
        say which."""
        if part.kind != "answer" or part.entry is None or part.reading != "fa" or _lists(part.entry):
            return part
        tokens = self.persian.tokens(part.question)
        if self.which.isdisjoint(tokens) or self.specific.isdisjoint(self.persian.tokens(message)):
            return part
        named = set(self.persian.terms(part.entry.answer or "").content)
        listed = self._listed_in(part.entry.passage)
        singular = self.persian.without_plural
        for i, word in enumerate(tokens):
            if word not in self.which:
                continue
            noun = singular(tokens[i + 1]) if i + 1 < len(tokens) else None
            if noun is None:  # «بحران‌هایی که کنترل کردن کدوما بودن؟»: the plural before it
                noun = next((n for t in reversed(tokens[:i]) if (n := singular(t)) is not None), None)
            asked = set(self.persian.terms(noun).content) if noun else set()
            if asked & named and not asked & listed:
                return Part(part.question, "none", part.score)
        return part

    def _listed_in(self, passage: str | None) -> set[str]:
        """The words heading the items of the lists a passage's entries answer with
        («اتحادیه» of «…، اتحادیه بین المللی تعاون، …»): the kinds of thing it names one by one."""
        heads: set[str] = set()
        for entry in self.table.entries:
            if entry.passage == passage and entry.answer and _lists(entry):
                for item in re.split(r"[،,]| و ", entry.answer):
                    content = self.persian.terms(item).content
                    heads.update(content[:1])
        return heads

    def _about_text(self, part: Part, terms: Terms, alone: bool) -> Part:
        """The entry answering a question about the text itself: what its first or last
        paragraph says (``bot.ends``), the heading of a part of it (``bot.heading``) or the
        text as a whole (``bot.whole``); else ``part``."""
        if part.reading in ("fa", "layout") and (end := self._asks_an_end(terms)) is not None:
            score = max(part.score, self.thresholds.answer)
            return self._part(part.question, "answer", score, self.end_entries[end], part.reading, part.read_as)
        entry = self.heading_entry
        answered = part.entry is entry and part.kind == "answer"
        if entry is not None and not answered and self._asks_heading(terms, part.reading):
            score = max(part.score, self.thresholds.answer)
            return self._part(part.question, "answer", score, entry, part.reading, part.read_as)
        return self._about_whole(part, terms, alone)

    def _asks_an_end(self, terms: Terms) -> str | None:
        """ "first" or "last" when ``terms`` ask what the beginning or the end of the text
        says and the table has a fact for that paragraph; else None."""
        if not self.end_entries:
            return None
        end = self.ends.asks(terms)
        return end if end in self.end_entries else None

    def _asks_heading(self, terms: Terms, reading: Reading) -> bool:
        """Whether ``terms`` ask for the heading of a part of the text (``bot.heading``)."""
        if self.heading_entry is None:
            return False
        own = self.heading_words if reading in ("fa", "layout") else frozenset()
        return self.heading[reading].asks(terms, own)

    def _about_whole(self, part: Part, terms: Terms, alone: bool) -> Part:
        """The table's ``whole`` entry for a question about the article as a whole
        («کلا این خبر درباره چیه؟», ``bot.whole``), whatever entry its words came nearest."""
        entry = self.whole_entry
        if entry is None or (part.entry is entry and part.kind == "answer"):
            return part
        if not any(not self.persian.is_function_word(w) for w in terms.content):
            terms = replace(terms, content=())  # «این آقا کلا چی گفته؟»: only function words, which name no topic
        if not self.whole[part.reading].asks(terms, alone):
            return part
        if part.kind == "answer" and part.entry is not None and self.answer_kinds.get(part.entry.id):
            return part  # «اون آقا مسئول چه بخشیه؟»: his post, which the answer names, not the whole text
        if not alone and self.acts.points_back(part.question):
            return part  # «همین خبر بود، در این مورد چی گفته؟»: about what the background tells of
        score = max(part.score, self.thresholds.answer)
        return self._part(part.question, "answer", score, entry, part.reading, part.read_as)

    def _claim(self, text: str, query: Terms) -> Part | None:
        """«کریمی وزیره؟», «این خبر از ایسناست؟»: a yes/no question whose one word found
        nowhere, or else whose only words of a kind, name a thing of a kind
        (``bot/lang/fa/kinds.txt``: «کریمی مدیرکله؟», «خبر از مهره؟») claims something the
        article settles when, without that word, the question is answered by a fact of the
        same kind (his post, the source): that fact is the answer. None otherwise."""
        if query.classes - {"yesno"} or not self.kinds:
            return None
        unknown = [w for w in query.content if not self.fa_index.known(w)]
        if unknown:
            kind = self._kind(unknown[0]) if len(unknown) == 1 else None
        else:  # «کریمی مدیرکل امور بینالملله؟», «خبر از مهره؟»: a thing of a kind the article names
            kinds = {k for w in query.content if (k := self._kind(w)) is not None}
            kind = kinds.pop() if len(kinds) == 1 else None
        if kind is None:
            return None
        rest = " ".join(w for w in text.split() if self._kind(self.persian.terms(w).text) != kind)
        terms = self.persian.terms(rest)
        if not terms.content or self._asks_beyond(terms):
            return None
        result = self.fa_index.match(terms)
        # the best of the nearest facts that is of that kind («این مصاحبه با ایرنا بوده؟»: the
        # interview's own facts come first, the source of it among them)
        best = next((c for c in result.candidates if kind in self.answer_kinds.get(c.entry, ())), None)
        if result.outcome == "none" or best is None or best.score < self.thresholds.answer_alone:
            return None
        ranked = (best, *(c for c in result.candidates if c is not best))
        return self._from(text, MatchResult("answer", best.score, ranked), "fa")

    def _kind(self, word: str) -> str | None:
        """The kind of a word, also with a spoken or written ending («وزیره», «ایسناست»)."""
        for form in (*self.persian.forms(word), *self.persian.without_copula(word)):
            if form in self.kinds:
                return self.kinds[form]
        return None

    def _role_of_thing(self, query: Terms) -> Terms:
        """«این اتحادیه اینجا چیکارس؟»: the post a spoken «چیکاره» asks (``[role]``), of a thing no
        person named before it (every such word known, none a person's or a post's, no saying
        verb), asks what the thing does there: the post word leaves the question's content."""
        words = query.words
        asked = next((i for i, w in enumerate(words) if w in self.role), None)
        if asked is None or any(w in self.people or self._kind(w) == "posts" for w in words):
            return query
        # the thing is named before the post asked of it, not as a place («چیکارس تو اداره»,
        # «تو اداره چیکارست»: someone's post there)
        things = [
            w
            for i, w in enumerate(words[:asked])
            if w in query.content and w not in self.text_words and (i == 0 or words[i - 1] not in self.place)
        ]
        if not things or _says(words, self.speech):
            return query  # «طرف مصاحبه چه سمتی داشت؟», «کسی که تو خبر حرف میزنه چیکارست؟»: a person
        if not all(self.fa_index.known(w) for w in things):
            return query
        return replace(query, content=tuple(w for w in query.content if w not in self.role))

    def _past_speaker(self, query: Terms) -> Terms:
        """«کریمی درباره مشکلات چی گفته؟», «به نظر این مسئول مشکل اصلی چیه؟»: in an interview
        everything is said by its speaker, so a question asking what they said about a topic,
        or what it is in their view, is about the topic; their name or the words naming them
        (``[people]``) and the attribution leave the question's content (kept when nothing
        else known is asked). So does the speaker's name in bare keywords with a topic
        («کریمی + چالش»), and the text's own name when it is said to say something of a
        topic («این خبر میگه چه مشکلاتی …»)."""
        words = query.words
        # «به نظر کریمی», «از دید این مسئول»: an attribution with whom it names right after it
        attributed = (
            [
                (i, n)
                for i, n in _phrases_at(words, self.attribution)
                if self.people.intersection(words[i + n : i + n + 2])
            ]
            if self.people.intersection(words)
            else []
        )
        if attributed:
            gone = {w for i, n in attributed for w in words[i : i + n]} | self.people
        elif any(w in self.speakers for w in query.content) and (
            _says(words, self.speech)
            # «کریمی + چالش»: keywords naming him with a topic ask the topic (with his post, about him)
            or (_keywords(query) and not any(self._kind(w) for w in query.content))
        ):
            gone = set(self.speakers)
        elif any(w in self.people for w in query.content) and _says(words, self.speech):
            gone = set(self.people)  # «مصاحبه‌شونده درباره اثر این سازمان‌ها چه گفته؟»: the words naming him too
        elif (
            any(w in self.text_words for w in query.content)
            and _says(words, self.speech)
            and not self.heading["fa"].heading.intersection(words)  # «سرخط خبر» names the headline
        ):
            gone = set(self.text_words)  # «این خبر میگه چه مشکلاتی …»: what the text says of a topic
        else:
            return query
        rest = tuple(w for w in query.content if w not in gone)
        if not any(self.fa_index.known(w) for w in rest):
            return query
        if query.classes == {"how"} and _says(words, self.speech):
            # «… چالش‌ها را چگونه ارزیابی کرده؟»: how he judged a topic is what he said of it
            how, what = f"{CLASS_MARK}how", f"{CLASS_MARK}what"
            marked = tuple(what if w == how else w for w in query.words)
            return replace(query, content=rest, classes=frozenset({"what"}), words=marked)
        return replace(query, content=rest)

    def _in_order(self, result: MatchResult, query: Terms) -> MatchResult:
        """«اولین فرصتی که گفت چی بود؟»: a question asking for the first (or the last) of a
        list is answered, of the list entries near it (at least ``Thresholds.answer``), by the
        one whose passage the article gives first (or last): the order tells two close lists apart."""
        ends = {self.ordinals[w] for w in self.persian.tokens(query.text) if w in self.ordinals}
        if result.outcome == "none" or len(ends) != 1:
            return result
        order = {p.id: i for i, p in enumerate(self.article.passages)}
        lists = [
            c
            for c in result.candidates
            if c.score >= self.thresholds.answer and (e := self._entries.get(c.entry)) is not None and e.items
        ]
        if len(lists) < 2:
            return result
        pick = (min if ends == {"first"} else max)(
            lists, key=lambda c: order.get(self._entries[c.entry].passage or "", 0)
        )
        if pick is result.candidates[0] and result.outcome == "answer":
            return result
        rest = tuple(c for c in result.candidates if c is not pick)
        return MatchResult("answer", result.score, (pick, *rest))

    def _gist_of_part(self, query: Terms) -> Terms:
        """«یه خلاصه از بخش فرصت‌ها بدید»: the gist of a part named by its topic is about that
        topic, so the gist words (``[gist]``, ``[whole]``: «خلاصه», «کوتاه») leave the content
        when a part word (``[part]``) and a known topic word are there too."""
        whole, part = self.whole["fa"], self.heading["fa"].part
        if not (whole.gist & set(query.content)) or not (part & set(query.words)):
            return query
        rest = tuple(w for w in query.content if w not in whole.gist and w not in whole.whole and w not in part)
        known = [w for w in rest if w not in whole.meta and self.fa_index.known(w)]
        return replace(query, content=rest) if known else query

    def _without_excluded(self, query: Terms) -> Terms:
        """«غیر از فرصت‌ها به چالش‌ها هم اشاره کرده؟»: the words an exclusion (``[exclusions]``)
        names right after it, up to a function word, are left out of what is asked (kept
        when nothing else known is asked)."""
        words = query.words
        gone: list[str] = []
        for i, n in _phrases_at(words, self.exclusions):
            for w in words[i + n :]:
                if w.startswith(CLASS_MARK) or self.persian.is_function_word(w):
                    break
                gone.append(w)
        if not gone:
            return query
        rest = list(query.content)
        for w in gone:
            if w in rest:
                rest.remove(w)
        if not any(self.fa_index.known(w) for w in rest):
            return query
        return replace(query, content=tuple(rest))

    def _unless_not_said(
        self,
        result: MatchResult,
        query: Terms,
        not_said: TermIndex,
        background: Terms | None = None,
        weight: float | None = None,
    ) -> MatchResult:
        """Declined when the question, or the question without a relative clause describing
        what it asks about, is at least as close to one the table lists as not answered by
        the article (``not_said``) as to the entry that would answer it; the question is
        read with ``background`` at ``weight``, as the answer read it. Bare
        keywords answered surely («صادرات چای عراق»: no question word, no verb) name
        what they ask about and ask nothing a not-said question adds: they are not compared."""
        if result.outcome != "answer" or not not_said.documents:
            return result
        if _keywords(query) and result.score >= self.thresholds.whole_keeps:
            return result
        # «اسم خبرنگار روزنامه که با مدیرکل حرف زده چیه؟»: what the question asks about, without the clause
        # describing it, may be what the table lists as not said
        for asked in (query, _without_relative_clause(query)):
            if asked is None:
                continue
            near = not_said.match(asked, background, weight)
            if near.outcome == "answer" and near.score >= result.score:
                return MatchResult("none", result.score, result.candidates)
        return result

    def _joined(self, left: str, right: str) -> bool:
        """Whether the last word of ``left`` and the first of ``right`` are a pair the
        article's facts join with «و» («دانش و فناوری»): one thing, not two questions."""
        a, b = self.persian.tokens(left)[-1:], self.persian.tokens(right)[:1]
        return bool(a and b) and (a[0], b[0]) in self.pairs

    def _clarifies_beyond(self, context: str) -> bool:
        """Whether short background (an afterthought of a few words) asks beyond the text;
        one reporting what someone said («… پسرعموم میگفت معاونه») is a claim the answer
        settles, not a narrower question."""
        if not context or len(context.split()) > SHORT_AFTERTHOUGHT:
            return False
        if _says(self.persian.tokens(context), self.reported):
            return False
        return self._asks_beyond(self.persian.terms(context))

    def _counts_others(self, query: Terms) -> bool:
        """«چند تا شعبه دیگه هم باز کردن؟»: how many others (``[others]``) besides those the
        article counts, which it never says."""
        return "howmany" in query.classes and not self.others.isdisjoint(query.words)

    def _asks_other_holder(self, text: str) -> bool:
        """«مدیرکل قبلی امور بین‌الملل کی بود؟», «بعد از آقای کریمی کی اومد؟»: a post asked of
        another time (a word of ``[other_holder]`` at most ``HOLDER_GAP`` words after it), or
        whoever came before or after a person the article names (``[succession]`` right
        before them), is someone the article never names."""
        words = self.persian.terms(text).words
        if not self.other_holder.isdisjoint(words):
            for i, word in enumerate(words):
                if self._kind(word) == "posts" and not self.other_holder.isdisjoint(words[i + 1 : i + 1 + HOLDER_GAP]):
                    return True
        return any(i + n < len(words) and words[i + n] in self.people for i, n in _phrases_at(words, self.succession))

    def _asks_beyond(self, query: Terms) -> bool:
        """Whether the question asks for a date, an example, a figure, a before, which
        countries … (the phrases of ``bot/lang/fa/beyond.txt``, word after word) when no
        word of the phrase but question and function words is ever used by the article
        (nor by its table's facts: small talk's «روز بخیر» does not make «چه روزی» a word
        of the article), as written or, but for a word of degree, by its stem. A phrase that
        holds a function or question word besides («سال بعد», «بیشتر از همه») counts as used
        only where the article or a fact's phrasing has it whole, word after word, unless it
        asks which («کدوم کشور»: one of what the article names)."""
        if not self.beyond:
            return False
        persian = self.persian
        forms = [set(persian.forms(w)) for w in persian.tokens(query.text)]
        vocabulary = self.fact_words
        degree = persian.language.degree
        for i, here in enumerate(forms):
            for phrase in {p for f in here for p in self.beyond.get(f, ())}:
                n = len(phrase)
                if i + n > len(forms) or not all(phrase[j] in forms[i + j] for j in range(1, n)):
                    continue
                content = [
                    t for t in phrase if not persian.is_function_word(t) and t not in persian.language.question_words
                ] or list(phrase)
                known = (vocabulary, self.article_words)
                if n > 1 and len(content) < n and self.which.isdisjoint(phrase):
                    # «چه نتیجه‌ای داده»: a phrase of a question word and a word is used only as a whole
                    # (not «کدوم کشور», which picks one of what the article names)
                    if not any(f" {' '.join(phrase)} " in text for text in self.fact_texts):
                        return True
                    continue
                # «بیشترین» asks for a ranking even where «بیشتر» is used: a degree is not stemmed away
                if not any(
                    t in words or (persian.stem(t) in words and not t.endswith(degree))
                    for t in content
                    for words in known
                ):
                    return True
        return False

    def _mixed_layout(self, text: str) -> str:
        """«سلام کارخونه ]x,vd nvsj an؟»: in a message with Persian words, a run of words
        typed with the keyboard left on English reads as the Persian of the same keys when
        every word of it is then one the article or the table knows (English words, names
        and Finglish stay as typed)."""
        if not _PERSIAN_LETTER.search(text) or not _LATIN_LETTER.search(text):
            return text

        def read(run: re.Match[str]) -> str:
            typed = run.group(0)
            if not _LATIN_LETTER.search(typed) or self.english.looks_english(typed):
                return typed
            # «NATO», «WHO»: capitals are typed on purpose, and a word the English table knows is English
            if any(sum(ch.isupper() for ch in w) >= 2 for w in typed.split()):
                return typed
            if any(self.en_index.known(w) for w in self.english.terms(typed).content):
                return typed
            persian = self.keyboard.to_persian(typed)
            words = self.persian.terms(persian).content
            known = [w.startswith(CLASS_MARK) or self.fa_index.known(w) for w in words]
            return persian if known and all(known) else typed

        return _LATIN_RUN.sub(read, text)

    def _names_on_persian_keys(self, text: str) -> str:
        """«دشفخ»: a word in Persian letters that no dictionary knows, whose keys spell a name
        the table writes in Latin letters («nato»), was typed with the keyboard left on Persian."""
        if not self.latin_names:
            return text

        def read(word: re.Match[str]) -> str:
            typed = word.group(0)
            name = self.latin_names.get(typed)
            return typed if name is None or self.persian.knows(typed) else name

        return _PERSIAN_WORD.sub(read, text)

    def _latin(self, text: str) -> Part:
        """Latin letters: English, Finglish, or Persian typed on an English keyboard."""
        if sum(ch.isalpha() for ch in text) < 2:  # «b», «<i>»: nothing to read
            return Part(text, "none", 0.0, reading="en")
        en_terms = self.english.terms(text)
        en = self._from(text, self._unless_not_said(self.en_index.match(en_terms), en_terms, self.not_said_en), "en")
        en = self._about_text(en, en_terms, alone=True)
        candidates = [en]
        persian = self.keyboard.to_persian(text)
        fa_terms = self.persian.terms(persian)
        if fa_terms.content and self._known_share(fa_terms.content) >= 0.6:
            read_as = self.persian.normalize(persian)
            layout = self._unless_not_said(self.fa_index.match(fa_terms), fa_terms, self.not_said_fa)
            candidates.append(self._about_text(self._from(text, layout, "layout", read_as=read_as), fa_terms, True))
        fl_terms = self.finglish.terms(text)
        # English text is read as Finglish only when it holds a Finglish question word
        # («pasta» is «پست» as a skeleton)
        if not self.english.looks_english(text) or (en.kind != "answer" and fl_terms.classes):
            fl_terms = self.finglish.join_known(fl_terms, self.fl_index.vocabulary)
            fl_terms = self.finglish.read_synonyms(fl_terms, self.fl_synonyms)
            candidates.append(
                self._about_text(self._from(text, self.fl_index.match(fl_terms), "finglish"), fl_terms, True)
            )
        return max(candidates, key=lambda p: (PART_RANK[p.kind], p.score))

    def _known_share(self, terms: tuple[str, ...]) -> float:
        return sum(1 for t in terms if self.fa_index.known(t)) / len(terms)

    def _from(self, text: str, result: MatchResult, reading: Reading, read_as: str | None = None) -> Part:
        if result.outcome == "answer":
            assert result.entry is not None  # an answer always names its entry
            entry = self._entries[result.entry]
            best = result.best
            if entry.is_smalltalk and best is not None and not best.exact and best.phrase < self.thresholds.talk_phrase:
                # small talk is said in set phrases: a question sharing a word or two with one
                # (a greeting's «رفیق» or «خیر» in a question about something else) is not small talk
                return Part(text, "none", result.score, reading=reading, read_as=read_as)
            kind: PartKind = "smalltalk" if entry.is_smalltalk else "answer"
            return self._part(text, kind, result.score, entry, reading, read_as)
        if result.outcome == "suggest":
            found = (self._entries.get(i) for i in result.suggestions)
            picks = tuple(e for e in found if e is not None and not e.is_smalltalk)
            if picks:
                return Part(text, "suggest", result.score, suggestions=picks, reading=reading, read_as=read_as)
        return Part(text, "none", result.score, reading=reading, read_as=read_as)

    def _part(
        self, text: str, kind: PartKind, score: float, entry: Entry, reading: Reading = "fa", read_as: str | None = None
    ) -> Part:
        passage = self.article.passage(entry.passage) if entry.passage else None
        return Part(text, kind, score, entry, passage, reading=reading, read_as=read_as)


def build_normalizer(
    article: Article, table: Table, language: PersianLexicon | None = None, also: Iterable[str] = ()
) -> PersianNormalizer:
    """A normaliser that knows every word of the article and the table (and ``also``:
    words the rules look for, such as those of questions about the whole text)."""
    hazm = display_lexicon()
    base = PersianNormalizer(language=language, dictionary=hazm.known_folded, frequent=hazm.frequent)
    words: set[str] = set()
    texts = [*(p.text for p in article.passages), *also]
    for said in table.not_said:
        texts.extend(said.questions)
    for entry in table.entries:
        texts.extend(entry.questions)
        if entry.answer:
            texts.append(entry.answer)
    groups = (*base.language.synonyms, *table.synonyms)  # the language's, then the article's own
    for group in groups:
        texts.extend(group)
    for text in texts:
        words.update(base.words(text))
    known = base.with_lexicon(frozenset(words))
    synonyms: dict[str, str] = {}
    for group in groups:
        canon = known.normalize(group[0])
        for word in group[1:]:
            key = known.normalize(word)
            if key and key != canon:
                synonyms[key] = canon
    return known.with_lexicon(frozenset(), synonyms)


def restated_facts(table: Table) -> dict[str, frozenset[str]]:
    """Per fact entry, the entries that state its fact from another passage ('restates'
    in the table, read both ways)."""
    pairs: dict[str, set[str]] = defaultdict(set)
    for entry in table.facts:
        if entry.restates:
            pairs[entry.id].add(entry.restates)
            pairs[entry.restates].add(entry.id)
    return {k: frozenset(v) for k, v in pairs.items()}


def joined_pairs(article: Article, table: Table, persian: PersianNormalizer) -> frozenset[tuple[str, str]]:
    """The words on either side of «و» in the short answers of the table's facts (those
    quoting the body of the article, not its title or headings, which join topics)."""
    pairs: set[tuple[str, str]] = set()
    for entry in table.facts:
        passage = article.passage(entry.passage) if entry.passage else None
        if passage is None or passage.kind not in ("paragraph", "sentence") or not entry.answer:
            continue
        words = persian.tokens(entry.answer)
        pairs.update((words[i - 1], words[i + 1]) for i in range(1, len(words) - 1) if words[i] == "و")
    return frozenset(pairs)


def reading_words(
    data: LanguageData,
    persian: PersianNormalizer,
    english: EnglishAnalyzer,
    finglish: FinglishAnalyzer,
    sections: Sequence[str],
) -> list[tuple[Reading, list[list[str]]]]:
    """The words of some ``clauses.txt`` sections, per reading, analysed as each reading
    analyses a question: Persian stems, their Finglish skeletons (but those of Finglish
    function words: «بعدی» and «bood» are both «bd»), English."""
    items = [data.items("fa/clauses.txt", section) for section in sections]
    fa = [[w for item in section for w in persian.terms(item).words] for section in items]
    en = [
        [w for item in data.items("en/clauses.txt", section) for w in english.terms(item).words] for section in sections
    ]
    # Finglish is read as written: the skeletons of the items as spelled, and of their stems
    spelled = [[w for item in section for w in item.split()] for section in items]
    lexicon = finglish.lexicon
    said = {latin_skeleton(w, lexicon) for w in lexicon.function_words}
    fl = [
        [s for w in (*stems, *raw) if (s := persian_skeleton(w)) not in said]
        for stems, raw in zip(fa, spelled, strict=True)
    ]
    return [("fa", fa), ("layout", fa), ("finglish", fl), ("en", en)]


def end_facts(article: Article, table: Table) -> dict[str, Entry]:
    """Per end of the text ("first", "last"), the fact entry that tells what its first or
    last paragraph says: of the facts quoting that paragraph or a sentence of it, the one
    with the longest short answer (the fullest account of it), when there is one."""
    paragraphs = [p.id for p in article.blocks if p.kind == "paragraph"]
    found: dict[str, Entry] = {}
    for end, block in (("first", paragraphs[:1]), ("last", paragraphs[-1:])):
        ids = article.within(block[0]) if block else frozenset()
        facts = [e for e in table.facts if e.passage in ids and e.answer]
        if facts:
            found[end] = max(facts, key=lambda e: len(e.answer or ""))
    return found


def heading_fact(article: Article, table: Table) -> Entry | None:
    """The fact entry quoting the article's heading, when the article has exactly one
    (with several, a question about "the second part" could mean any of them)."""
    headings = [p.id for p in article.blocks if p.kind == "heading"]
    if len(headings) != 1:
        return None
    return next((e for e in table.facts if e.passage == headings[0]), None)


def heading_words(article: Article, entry: Entry | None, persian: PersianNormalizer) -> frozenset[str]:
    """The content words of the heading ``entry`` quotes (none without one)."""
    quoted = article.passage(entry.passage) if entry is not None and entry.passage else None
    return frozenset(persian.terms(quoted.text).content) if quoted is not None else frozenset()


def names_topic(persian: PersianNormalizer, text: str, besides: frozenset[str] = frozenset()) -> bool:
    """Whether ``text`` holds a word other than question words, function words and ``besides``."""
    return any(
        not w.startswith(CLASS_MARK) and not persian.is_function_word(w) and w not in besides
        for w in persian.terms(text).words
    )


def holds_verb(persian: PersianNormalizer, text: str) -> bool:
    """Whether ``text`` holds a conjugated verb («باز نشد», «توضیحشو داده»)."""
    return any(persian.is_verb(t) for t in persian.tokens(text))


def build_act_reader(persian: PersianNormalizer, english: EnglishAnalyzer, language: LanguageData) -> ActReader:
    """The act reader: courtesy phrases normalised like questions; a piece asks when it
    holds a question word (Persian, or English for Latin text)."""

    def asks(piece: str) -> bool:
        if latin_share(piece) > 0.5:
            return bool(english.terms(piece).classes)
        return bool(persian.terms(piece).classes)

    def says(piece: str) -> bool:
        if latin_share(piece) > 0.5:
            return bool(english.terms(piece).content)
        return any(not persian.is_function_word(w) for w in persian.tokens(piece))

    def states(piece: str) -> bool:
        return latin_share(piece) <= 0.5 and holds_verb(persian, piece)

    # words naming the article itself («این خبر», «تو متن») or its speaker give a question no topic of its own
    meta = frozenset(
        w for s in ("meta", "people") for item in language.items("fa/clauses.txt", s) for w in persian.terms(item).words
    )

    speech = clause_phrases(language, "speech", persian.words)  # as written: «چی میگه» keeps its verb

    def topic(piece: str) -> bool:
        if latin_share(piece) > 0.5:
            return bool(english.terms(piece).content)
        if names_topic(persian, piece, meta):
            return True
        # «… ، این متن درباره چیه؟»: what the text itself is about is a topic of its own
        # («… ، این خبر چی میگه؟» asks what it says of the background: a saying verb)
        terms = persian.terms(piece)
        return "about" in terms.classes and not meta.isdisjoint(terms.words) and not _says(persian.words(piece), speech)

    def wh(piece: str) -> bool:
        if latin_share(piece) > 0.5:
            return bool(english.terms(piece).classes)
        return bool(persian.terms(piece).classes - {"yesno"})

    def bound(left: str, right: str) -> bool:
        # «… به وجود» + «اومده» read together is one phrase («تشکیل»): the words of the left
        # part alone are not where the words of both begin
        if not left or latin_share(left) > 0.5:
            return False
        alone = persian.terms(left).words
        return persian.terms(f"{left} {right}").words[: len(alone)] != alone

    lexicon = CourtesyLexicon.from_data(language, persian.tokens)

    def verb(word: str) -> bool:  # «کنی» of «خلاصه کنی»: a verb only as a bare present stem
        return any(is_verb_form(t, bare=True) and not is_verb_form(t) for t in persian.tokens(word))

    return ActReader(lexicon, persian.tokens, asks, says, states, topic, wh, bound, verb)


def split_questions(
    text: str, asks: Callable[[str], bool], latin: bool = False, joined: Callable[[str, str], bool] = lambda a, b: False
) -> list[str]:
    """Split a message into the questions it asks, in order.

    Hard breaks (؟ ? ! ; newline) always split; «و», «،» and "and" split only when
    the piece before them is a question of its own («مدیر کیست و …»), so «فرصتها و
    چالشها چیست» stays whole; never inside a pair the article itself joins
    (``joined(left, right)``: «دانش و فناوری»)."""
    hard, soft = (_LATIN_HARD_BREAK, _LATIN_SOFT_BREAK) if latin else (_HARD_BREAK, _SOFT_BREAK)
    pieces = [p.strip() for p in hard.split(text) if p and p.strip()]
    out: list[str] = []
    for piece in pieces:
        start = 0
        for m in soft.finditer(piece):
            left = piece[start : m.start()].strip()
            if left and asks(left) and not joined(left, piece[m.end() :]):
                out.append(left)
                start = m.end()
        rest = piece[start:].strip()
        if rest:
            out.append(rest)
    return out[:MAX_PARTS] if len(out) > 1 else [text]


def comma_pieces(text: str) -> list[str]:
    """The pieces of a text between commas and other piece ends, stripped, none empty."""
    return [p.strip() for p in PIECE_END.split(text) if p.strip()]


def _dedupe(parts: list[Part], restated: Mapping[str, frozenset[str]]) -> list[Part]:
    """One part per fact: two questions answered by one entry, or by two entries stating
    one fact from two passages (``restated``), are one answer. Two entries of one passage
    stay two parts (the reply quotes the passage once, both answers bold)."""
    seen: set[str] = set()
    out = []
    for p in parts:
        key = p.entry.id if p.entry else f"{p.kind}:{p.question}"
        if key not in seen and not (p.entry and restated.get(p.entry.id, frozenset()) & seen):
            seen.add(key)
            out.append(p)
    return out


def beyond_phrases(persian: PersianNormalizer) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The phrases of ``beyond.txt`` as written tokens, by their first token."""
    out: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for item in persian.language.beyond:
        tokens = tuple(persian.tokens(item))
        if tokens:
            out[tokens[0]].append(tokens)
    return {k: tuple(v) for k, v in out.items()}


def article_words(article: Article, persian: PersianNormalizer) -> frozenset[str]:
    """The article's own words (title, body, source) and their stems."""
    words = {w for p in article.passages for w in persian.tokens(p.text)}
    return frozenset(words | {persian.stem(w) for w in words})


def _unless_unanswered_kind(result: MatchResult, query: Terms) -> MatchResult:
    """Declined when the question asks when or how much and the answer never answers that
    kind of question («… از چه سالی زیاد شدن؟»): the article dates or counts nothing of it."""
    best = result.best
    if result.outcome != "answer" or best is None or best.exact or not best.mismatch:
        return result
    return MatchResult("none", result.score, result.candidates) if query.classes & UNANSWERED_KINDS else result


def _lists(entry: Entry) -> bool:
    """Whether an entry's answer is a list (its ``items``, or several parts between commas)."""
    answer = entry.answer or ""
    return bool(entry.items) or "،" in answer or "," in answer


def with_verbs(data: LanguageData, persian: PersianNormalizer) -> LightVerbs:
    """The light verbs of ``fa/light_verbs.txt`` («با … کار میکنند = همکاری»), by their first word:
    (the preposition and the verb's words, what they mean together)."""
    found: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for left, meaning in data.pairs("fa/light_verbs.txt"):
        preposition, _, verb = left.partition("…")
        words = (*persian.tokens(preposition), *persian.tokens(verb))
        if len(words) >= 2 and meaning.strip():
            found[words[1]].append((words, meaning.strip()))
    return {k: tuple(v) for k, v in found.items()}


def kind_words(data: LanguageData, persian: PersianNormalizer) -> dict[str, str]:
    """The words of ``kinds.txt`` (as the matcher reads them) and their kinds."""
    words = (
        (persian.terms(item).text, kind) for kind, items in data.sections("fa/kinds.txt").items() for item in items
    )
    return {word: kind for word, kind in words if word}


def _score_of(result: MatchResult, entry: str | None) -> float:
    """The score ``result`` gave ``entry`` (0 when it is not among its candidates)."""
    return next((c.score for c in result.candidates if c.entry == entry), 0.0)


def clause_words(data: LanguageData, section: str, read: Callable[[str], Sequence[str]]) -> frozenset[str]:
    """The words of a ``fa/clauses.txt`` section's items, as ``read`` gives them."""
    return frozenset(w for i in data.items("fa/clauses.txt", section) for w in read(i))


def clause_phrases(
    data: LanguageData, section: str, read: Callable[[str], Sequence[str]]
) -> tuple[tuple[str, ...], ...]:
    """The items of a ``fa/clauses.txt`` section as ``read`` gives their words, in order,
    each once, none empty."""
    return tuple(dict.fromkeys(t for t in (tuple(read(i)) for i in data.items("fa/clauses.txt", section)) if t))


def latin_names(persian: PersianNormalizer, keyboard: Keyboard) -> dict[str, str]:
    """The names the table's synonyms write in Latin letters («nato»), by the Persian letters
    the same keys type («دشفخ»)."""
    return {
        keyboard.to_persian(name): name
        for name in persian.synonyms
        if name.isascii() and name.isalpha() and len(name) >= 3
    }


def _without_relative_clause(query: Terms) -> Terms | None:
    """«اسم خبرنگار روزنامه که مصاحبه رو گرفته چیه؟» → «اسم خبرنگار روزنامه … چیه»: the question without the
    relative clause («که» up to its verb) describing what it asks about; None without one."""
    words = list(query.words)
    if "که" not in words:
        return None
    at = words.index("که")
    end = next((i for i in range(at + 1, len(words)) if words[i].startswith(CLASS_MARK)), None)
    if end is None or at == 0 or not any(is_verb_form(w) for w in words[at + 1 : end]):
        return None
    clause = set(words[at:end])
    head = [w for w in query.content if w not in clause]
    # a head of one word («کسی که …») names too little to be compared on its own
    if len(head) < RELATIVE_HEAD or len(head) == len(query.content):
        return None
    return replace(query, words=tuple(words[:at] + words[end:]), content=tuple(head))


def _phrases_at(words: Sequence[str], phrases: Iterable[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Where ``phrases`` stand in ``words``, word for word: (start, length) of each."""
    return [
        (i, len(p))
        for p in phrases
        for i in range(len(words) - len(p) + 1)
        if words[i] == p[0] and tuple(words[i : i + len(p)]) == p
    ]


def _keywords(query: Terms) -> bool:
    """Whether a question is bare keywords: no question word and no verb («کریمی + چالش»)."""
    return not query.classes and not any(is_verb_form(w) for w in query.words)


def _says(words: Sequence[str], phrases: Iterable[tuple[str, ...]]) -> bool:
    """Whether ``words`` hold one of ``phrases`` (saying or reporting words), word for word."""
    return bool(_phrases_at(words, phrases))


def load_engine(
    article_path: Path, table_path: Path, thresholds: Thresholds | None = None, language_root: Path | None = None
) -> tuple[Engine | None, list[Problem]]:
    """Load, validate and index; on any error return (None, problems). ``language_root``:
    another language-data folder than the package's ``bot/lang``."""
    try:
        language = load_language(str(language_root) if language_root else None)
    except LanguageError as exc:
        return None, list(exc.problems)
    try:
        article = load_article(article_path)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        return None, [Problem(str(article_path), 0, f"cannot read the article: {exc}")]
    normalizer = PersianNormalizer(language=PersianLexicon.from_data(language))
    table = load_table(table_path, article, normalizer.normalize)
    if not table.ok:
        return None, list(table.problems)
    return Engine.build(article, table, thresholds, language), list(table.problems)
