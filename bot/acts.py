"""Message understanding before matching: what a message does, clause by clause.

People wrap a question in courtesy («سلام وقت بخیر، میشه بگید … ؟ ممنون»), introduce
themselves («من دانشجوی … هستم»), give background, and sometimes ask two things. A
message is cut at sentence punctuation into sentences and at commas and clause words
(``breaks`` in ``bot/lang/fa/clauses.txt``) into pieces; courtesy phrases are taken off
the edges of every piece (longest first); what is left of each piece is an introduction,
a question, or background. The pieces of one sentence that ask, with the short pieces
beside them («شرکت نفت، گاز و …»), make one question; long pieces that ask nothing
are background (``context``), which the matcher weighs less. A message that asks
nothing in words («ادغام شرکت‌ها») is all question.

The rules are here; the phrases are data (``CourtesyLexicon``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Literal, cast

from bot.language import ACT_KINDS, LanguageData
from bot.layout import Keyboard, latin_share
from bot.normalize import OBJECT_MARKERS
from bot.persian_verbs import is_verb_form

ActKind = Literal[
    "greeting", "thanks", "goodbye", "apology", "wellbeing", "filler", "request", "intro", "question", "context"
]
COURTESY_KINDS = frozenset(ACT_KINDS)
SHORT_PIECE = 4  # a piece of this many words or fewer, beside a question, belongs to it
TAG_WORDS = 2  # a question of this many words or fewer after another («… ؟ کدوما؟») adds to it
INTENSIFIED = ("thanks", "apology")  # the act kinds a word such as «خیلی» makes stronger
WRONG_LAYOUT = (
    "greeting",
    "wellbeing",
    "thanks",
    "goodbye",
    "apology",
)  # kinds also read as typed on an English keyboard
LAYOUT_LETTERS = 4  # letters a phrase needs before its wrong-layout form is no real Latin word
INTRO_WORDS = 8  # an introduction run into the question ends within this many words
FOR_OWN_WORDS = 3  # an opening «برای …» naming the asker's own work names it within this many words
OWN_ENDINGS = ("م", "مون", "مان")  # a first-person possessive ending: «کلاسم», «گروهیمون»
PURPOSE_WORDS = 6  # a last clause saying what the answer is for has at most this many words after its opener
FOLLOW_UP_WORDS = 6  # … and so does one this short without a question word («… چطور؟ تو لیست هست؟»)

_SENTENCE_END = re.compile(r"[.!?؟؛;:\n…]+")
# commas part a sentence into pieces, and so do emoji between words («… بخونم 🙈 خود این …»)
PIECE_END = re.compile("[،,\U0001f300-\U0001faff\u2600-\u27bf\u200d\ufe0f]+")
# In Latin letters «,» «;» «.» may be «و» «ک» «.» typed on an English keyboard: not breaks.
_LATIN_SENTENCE_END = re.compile(r"[!?\n]+|\.(?=\s|$)")
_LATIN_PIECE_END = re.compile(r"(?!)")
_ASKS_MARK = re.compile(r"[?؟]")
_ENUMERATOR = re.compile(r"(?:^|(?<=\s))[0-9۰-۹]{1,2}\s?[)\-–](?=\s)")  # «۱)», "2-": a numbered question


@dataclass(frozen=True, slots=True)
class Act:
    """One thing a message does, with its words as typed."""

    kind: ActKind
    text: str


@dataclass(frozen=True, slots=True)
class MessageActs:
    """A message read as acts, in order."""

    acts: tuple[Act, ...]

    @property
    def questions(self) -> tuple[str, ...]:
        """The questions asked, each as typed."""
        return tuple(a.text for a in self.acts if a.kind == "question")

    @property
    def context(self) -> str:
        """The background given around the questions, joined."""
        return " ، ".join(a.text for a in self.acts if a.kind == "context")

    @property
    def afterthought(self) -> str:
        """The background given after the last question («… ؟ قبل از ادغام منظورمه»)."""
        last = max((i for i, a in enumerate(self.acts) if a.kind == "question"), default=len(self.acts))
        return " ، ".join(a.text for a in self.acts[last + 1 :] if a.kind == "context")

    @property
    def courtesy(self) -> tuple[Act, ...]:
        """The courtesy acts (greeting, thanks, goodbye, apology, wellbeing, filler, request)."""
        return tuple(a for a in self.acts if a.kind in COURTESY_KINDS)

    @property
    def greeted(self) -> bool:
        return any(a.kind == "greeting" for a in self.acts)

    @property
    def chat_only(self) -> bool:
        """Nothing but courtesy and introductions: no question, no background."""
        return not any(a.kind in ("question", "context") for a in self.acts)


@dataclass(frozen=True, slots=True)
class CourtesyLexicon:
    """Courtesy phrases by act kind, and the clause words, as normalised token tuples."""

    phrases: dict[tuple[str, ...], str]  # tokens → act kind
    longest: int
    canonical: dict[str, str]  # act kind → its first phrase («ممنون» for thanks), to reply in kind
    breaks: frozenset[str]
    focus: frozenset[tuple[str, ...]]  # where a long message turns to its question («خلاصه»), like a break …
    meta: frozenset[str]  # … unless a word naming the text follows («خلاصه این خبر»: its gist)
    determiners: frozenset[str]  # … or one of these comes before it («یه خلاصه بده»: a noun)
    intro_start: frozenset[str]
    intro_end: frozenset[str]
    attribution: tuple[tuple[str, ...], ...] = ()  # how a piece that only says whose words (or what not) opens
    anaphora: tuple[tuple[str, ...], ...] = ()  # phrases pointing back at the background («در این مورد»)
    excuse: tuple[tuple[str, ...], ...] = ()  # after an apology, what opens its reason («ببخشید که …»)
    thanks_for: tuple[tuple[str, ...], ...] = ()  # after thanks, what opens what it is for («مرسی از …»)
    purpose: tuple[tuple[str, ...], ...] = ()  # what opens a last clause saying what the answer is for
    or_not: tuple[tuple[str, ...], ...] = ()  # «یا نه» ending a message that asks without a question mark
    for_own: frozenset[str] = frozenset()  # what opens a first clause naming the asker's own work it is for
    also: frozenset[str] = frozenset()  # words asking for one more thing («هم»), also as an ending («تیترشم»)
    first_words: frozenset[str] = field(default=frozenset())  # the first token of some phrase
    last_words: frozenset[str] = field(default=frozenset())  # the last token of some phrase

    @classmethod
    def from_data(
        cls,
        data: LanguageData,
        tokens: Callable[[str], list[str]],
        files: Sequence[str] = ("fa/courtesy.txt", "en/courtesy.txt"),
    ) -> CourtesyLexicon:
        """Read the courtesy files; ``tokens`` normalises a phrase the way questions are."""
        phrases: dict[tuple[str, ...], str] = {}
        canonical: dict[str, str] = {}
        for name in files:
            for kind, items in data.sections(name).items():
                if items:
                    canonical.setdefault(kind, items[0])
                for item in items:
                    # as a whole («بی زحمت» → «بیزحمت») and word by word, as a message is read
                    whole = tuple(tokens(item))
                    split = tuple(t for w in item.split() for t in tokens(w)) if " " in item else whole
                    for key in (whole, split):
                        if key:
                            phrases.setdefault(key, kind)
        clauses = data.sections("fa/clauses.txt")

        def words(section: str) -> frozenset[str]:
            return frozenset(t for item in clauses[section] for t in tokens(item))

        def sequences(section: str) -> tuple[tuple[str, ...], ...]:
            """The section's items as token sequences, in order, none empty."""
            return tuple(t for t in (tuple(tokens(item)) for item in clauses[section]) if t)

        # «sghl», «lvsd»: a greeting or thanks typed with the keyboard left on English reads as
        # the keys of its Persian letters (keyboard.txt), and is the same courtesy
        keyboard = Keyboard.from_data(data)
        for kind in WRONG_LAYOUT:
            for item in data.sections("fa/courtesy.txt").get(kind, ()):
                # one word each («ممنونم»): what is typed by mistake is short, and start-up stays quick
                if len(item) < LAYOUT_LETTERS or " " in item or item.isascii():
                    continue
                typed = keyboard.to_latin(item)
                key = tuple(tokens(typed)) if typed else ()
                if key:
                    phrases.setdefault(key, kind)
        # «خیلی سپاسگزارم», «واقعا ببخشید»: thanks and apologies with a word making them stronger
        stronger = sequences("intensifiers")
        after = sequences("intensifiers_after")  # … or after it: «تشکر بسیار زیاد», «ممنون خیلی زیاد»
        for key, kind in list(phrases.items()):
            if kind in INTENSIFIED:
                for before in stronger:
                    phrases.setdefault(before + key, kind)
                for more in after:
                    phrases.setdefault(key + more, kind)

        return cls(
            phrases=phrases,
            longest=max((len(k) for k in phrases), default=1),
            canonical=canonical,
            breaks=words("breaks"),
            focus=frozenset(sequences("focus")),
            meta=words("meta") | words("people"),
            determiners=words("determiners"),
            also=frozenset(clauses["also"]),
            intro_start=words("intro_start"),
            intro_end=frozenset(" ".join(tokens(item)) for item in clauses["intro_end"]),
            attribution=sequences("attribution") + sequences("exclusions"),
            anaphora=sequences("anaphora"),
            excuse=sequences("excuse"),
            thanks_for=sequences("thanks_for"),
            purpose=sequences("purpose"),
            for_own=words("for_own"),
            or_not=sequences("or_not"),
            first_words=frozenset(k[0] for k in phrases),
            last_words=frozenset(k[-1] for k in phrases),
        )


@dataclass(slots=True)
class _Piece:
    words: list[str]  # as typed
    tokens: list[list[str]]  # normalised tokens of each typed word
    asked: bool = False  # a question mark, or a request phrase taken off it
    purpose: bool = False  # what the asker wants the answer for («… که بتونم ارجاع بدم»)
    acts: list[Act] = field(default_factory=list)  # courtesy taken off its start
    tail: list[Act] = field(default_factory=list)  # courtesy taken off its end

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def flat(self) -> list[str]:
        return [t for ts in self.tokens for t in ts]


class ActReader:
    """Reads a message into acts with one method, ``read``."""

    def __init__(
        self,
        lexicon: CourtesyLexicon,
        tokens: Callable[[str], list[str]],
        asks: Callable[[str], bool],
        says: Callable[[str], bool] = lambda _: True,
        states: Callable[[str], bool] = lambda _: False,
        topic: Callable[[str], bool] = lambda _: True,
        wh: Callable[[str], bool] | None = None,
        bound: Callable[[str, str], bool] = lambda _a, _b: False,
        verb: Callable[[str], bool] = lambda _: False,
    ) -> None:
        """``tokens`` normalises text into words; ``asks`` tells whether a piece of text
        holds a question word; ``says`` whether it holds any word that carries meaning
        (a piece of function words only, «باشه», «ازت», is left over from courtesy);
        ``states`` whether it holds a verb: a short piece with a verb beside a question is a
        statement of its own («باز نشد»), one without is part of the question («شرکت نفت، …»);
        ``topic`` whether it holds a word other than function and question words («یعنی چی»
        has none); ``wh`` whether it holds a question word other than «آیا» (default: ``asks``);
        ``bound`` whether the end of a piece makes one phrase with the words before it («به
        وجود» + «اومده»), so it is not courtesy taken off that end; ``verb`` whether a word
        is a bare present stem («کنی» of «خلاصه کنی»), which makes a verb with the word before."""
        self.lexicon = lexicon
        self._tokens = lru_cache(maxsize=8192)(lambda word: tuple(tokens(word)))
        self._asks = asks
        self._says = says
        self._states = states
        self._topic = topic
        self._wh = wh or asks
        self._bound = bound
        self._verb = verb
        # after an apology or thanks, what opens its reason
        self._reasons = {"apology": lexicon.excuse, "thanks": lexicon.thanks_for}
        # phrases pointing back, by their first word; the last word may carry the spoken object
        # marker («این موضوعو»)
        self._anaphora: dict[str, list[tuple[str, ...]]] = {}
        for phrase in lexicon.anaphora:
            for form in (phrase, *((*phrase[:-1], phrase[-1] + m) for m in OBJECT_MARKERS)):
                self._anaphora.setdefault(form[0], []).append(form)

    def read(self, text: str) -> MessageActs:
        """The acts of ``text``, in order."""
        latin = latin_share(text) > 0.5
        sentences = [self._pieces(s, end, latin) for s, end in _sentences(text, latin)]
        # «… با این سازمان همکاری داره یا نه»: a message ending in «or not» asks, as a question mark would
        last = sentences[-1][-1] if sentences and sentences[-1] else None
        if last is not None and last.words and any(tuple(last.flat[-len(t) :]) == t for t in self.lexicon.or_not):
            last.asked = True
        modes = [self._mode(pieces) for pieces in sentences]
        anyone_asks = "asks" in modes or "all" in modes
        acts: list[Act] = []
        for pieces, mode in zip(sentences, modes, strict=True):
            acts.extend(self._sentence_acts(pieces, mode if mode != "background" or anyone_asks else "all"))
        if len(_ENUMERATOR.findall(text)) >= 2:
            # «۱) … ۲) …»: numbered questions are each a question of its own, however short
            return MessageActs(tuple(_merge_neighbours(acts)))
        return MessageActs(tuple(self._attach_tags(_merge_neighbours(acts))))

    # -- internals ---------------------------------------------------------------------

    def _attach_tags(self, acts: list[Act]) -> list[Act]:
        """A question that only follows up is part of what comes before it, not a question
        of its own: after a question, one of ``TAG_WORDS`` words («… ارتباط دارن؟ کدوما؟»,
        «… از چه جنسی بودن؟ سیاسی؟») or of ``FOLLOW_UP_WORDS`` without a question word
        («… چطور؟ تو لیست هست؟»); after background, one without a topic word of its own
        («اون تیکه … رو نفهمیدم، یعنی چی؟») or pointing back at it («… نظرش در این مورد چیه؟»)."""
        out: list[Act] = []
        for k, act in enumerate(acts):
            # «… چیه؟ تیترشم بگید»: a request after it, for one more thing, makes it a question of its own
            asked = k + 1 < len(acts) and acts[k + 1].kind == "request" and self._also(act.text)
            # courtesy between them («واقعا», «دقیقا») does not part them
            at = next((i for i in range(len(out) - 1, -1, -1) if out[i].kind not in COURTESY_KINDS), None)
            prev = out[at] if at is not None else None
            if act.kind == "question" and at is not None and prev is not None:
                topical = self._topic(act.text)
                # «… ؟ راهبری جهانی هم جزو فرصت‌ها بود؟»: one more thing asked with a topic of its
                # own («هم») is a question of its own, not a follow-up
                also = topical and len(act.text.split()) > TAG_WORDS and self._also(act.text)
                short = len(act.text.split()) <= TAG_WORDS or (
                    len(act.text.split()) <= FOLLOW_UP_WORDS and not self._wh(act.text) and not also
                )
                if (short and prev.kind == "question" and not asked) or (
                    prev.kind == "context" and (not topical or self.points_back(act.text))
                ):
                    # a tag with a topic («سیاسی؟») stays a piece the matcher may split off; a
                    # question pointing back is one with the background it points at
                    joint = " ، " if topical and prev.kind == "question" else " "
                    out[at] = Act("question", f"{prev.text}{joint}{act.text}")
                    continue
            out.append(act)
        return out

    def _also(self, text: str) -> bool:
        """Whether ``text`` asks for one more thing: an «also» word (``[also]``), or a word
        ending in one («تیترشم»)."""
        also = self.lexicon.also
        return any(w in also or any(w.endswith(a) and len(w) > len(a) + 1 for a in also) for w in text.split())

    def _pieces(self, sentence: str, end: str, latin: bool) -> list[_Piece]:
        pieces: list[_Piece] = []
        raw_pieces = [p for p in (_LATIN_PIECE_END if latin else PIECE_END).split(sentence) if p.strip()]
        for n, raw in enumerate(raw_pieces):
            before: _Piece | None = None
            clauses = self._split_at_breaks(raw.split())
            parts = [
                (part, purpose, c == len(clauses) - 1)
                for c, clause in enumerate(clauses)
                for part, purpose in self._purposes(self._split_at_inner_courtesy(clause))
            ]
            for part, purpose, last_clause in parts:
                piece = _Piece(part, [list(self._tokens(w)) for w in part], purpose=purpose)
                # the question mark is the last clause's, not the story's before «حالا»
                last = n == len(raw_pieces) - 1 and last_clause
                piece.asked = bool(_ASKS_MARK.search(end)) and last and not purpose
                self._strip(piece)
                if before is not None and not before.words and before.acts and not piece.acts:
                    # «با تشکر از زحمات شما»: cut after the courtesy phrase, its reason follows it
                    self._take_reason(before, piece)
                pieces.extend(self._split_off_intro(piece))
                before = piece
        if pieces and _ASKS_MARK.search(end):
            pieces[-1].asked = True
        return pieces

    def points_back(self, text: str) -> bool:
        """Whether ``text`` holds a phrase pointing back at the background («در این مورد»)."""
        words = self._flat(text)
        return any(self._anaphora_at(words, i) for i in range(len(words)))

    def without_anaphora(self, text: str) -> str:
        """``text`` (its canonical tokens) without its phrases pointing back at the background
        («به این موضوع چی گفته» → «به چه گفته»)."""
        words = self._flat(text)
        i, kept = 0, []
        while i < len(words):
            found = self._anaphora_at(words, i)
            if found:
                i += len(found)
            else:
                kept.append(words[i])
                i += 1
        return " ".join(kept)

    def _flat(self, text: str) -> tuple[str, ...]:
        return tuple(t for w in text.split() for t in self._tokens(w))

    def _anaphora_at(self, words: tuple[str, ...], i: int) -> tuple[str, ...] | None:
        """The phrase pointing back that starts at ``words[i]``, if any."""
        return next((a for a in self._anaphora.get(words[i], ()) if words[i : i + len(a)] == a), None)

    def _split_off_intro(self, piece: _Piece) -> list[_Piece]:
        """«من معلمم و مدرسه … کی ساخته شد»: an introduction run into the question, with
        no comma between them, ends at its first verb of the first person («هستم»), else
        at its first word ending in «م»; the rest (without a leading «و») is the question."""
        flat = piece.flat
        if len(piece.words) < 3 or not flat or flat[0] not in self.lexicon.intro_start:
            return [piece]
        if not (piece.asked or self._asks(piece.text)):
            return [piece]
        # «من معلم مطالعات اجتماعی هستم و …»: a first-person verb ends it, else a word in «…م»
        ends = [
            i
            for i in range(1, min(len(piece.words), INTRO_WORDS))
            if " ".join(piece.tokens[i]) in self.lexicon.intro_end
        ]
        if ends and ends[0] == len(piece.words) - 1:
            return [piece]  # the verb ends the piece: nothing after it to be the question
        span = range(1, min(len(piece.words) - 1, INTRO_WORDS))
        for i in ends[:1] or span:
            word = " ".join(piece.tokens[i])
            if not (word.endswith("م") or word in self.lexicon.intro_end):
                continue
            rest = list(piece.words[i + 1 :])
            while rest and self._tokens(rest[0]) == ("و",):
                rest = rest[1:]
            if not rest or self._asks(" ".join(piece.words[: i + 1])):
                return [piece]
            intro = _Piece(piece.words[: i + 1], piece.tokens[: i + 1])
            intro.acts = piece.acts
            question = _Piece(rest, [list(self._tokens(w)) for w in rest])
            question.asked, question.tail = piece.asked, piece.tail
            return [intro, question]
        return [piece]

    def _purposes(self, parts: list[list[str]]) -> list[tuple[list[str], bool]]:
        """Each part, with a last clause saying what the answer is for («… که بتونم ارجاع بدم»:
        [purpose] words, then at most ``PURPOSE_WORDS`` words ending in a first-person verb of
        wish or intent, «ب…م», or a negated verb, «… که تکراری نشه») cut off it as a piece of its own:
        (words, whether a purpose)."""
        out: list[tuple[list[str], bool]] = []
        for words in parts:
            tokens = [self._tokens(w) for w in words]
            flat = [t for ts in tokens for t in ts]
            last = flat[-1] if flat else ""
            cut = None
            wish = last.startswith("ب") and last.endswith("م")
            # «… که تکراری نشه», «… تا اشتباه نکنم»: what the answer is to keep from happening
            keep_from = last.startswith("ن") and self._states(last)
            if len(last) >= 3 and (wish or keep_from) and self._says(last):
                for i in range(max(1, len(words) - PURPOSE_WORDS - 1), len(words) - 1):
                    rest = tuple(t for ts in tokens[i:] for t in ts)
                    if any(rest[: len(p)] == p and len(rest) > len(p) for p in self.lexicon.purpose):
                        cut = i
                        break
            out.extend([(words[:cut], False), (words[cut:], True)] if cut else [(words, False)])
        return out

    def _split_at_breaks(self, words: list[str]) -> list[list[str]]:
        """Cut a piece into clauses at clause words («ولی», «حالا») and focus phrases
        («خلاصه»), which are dropped."""
        out: list[list[str]] = [[]]
        skip = 0
        for i, word in enumerate(words):
            if skip:
                skip -= 1
                continue
            toks = self._tokens(word)
            if len(toks) == 1 and toks[0] in self.lexicon.breaks and not self._joins(out[-1], word):
                out.append([])
                continue
            focus = self._focus(words, i)
            if focus:
                out.append([])
                skip = focus - 1
                continue
            out[-1].append(word)
        return [p for p in out if p]

    def _focus(self, words: list[str], i: int) -> int:
        """How many words a focus phrase («خلاصه») starting at ``words[i]`` covers; 0 when
        there is none, when a determiner comes before it («یه خلاصه»), when it ends the piece,
        when a bare verb stem follows («خلاصه کن») or when a word naming the text follows
        within two words («خلاصه این خبر چیه»: the question asks for the gist)."""
        if not self.lexicon.focus or (i > 0 and set(self._tokens(words[i - 1])) & self.lexicon.determiners):
            return 0
        if words[i].isascii():  # "summary" is read as «خلاصه», but in English it is no turn of a story
            return 0
        seq: tuple[str, ...] = ()
        found = 0
        for n, word in enumerate(words[i : i + 3], 1):
            seq += self._tokens(word)
            if seq in self.lexicon.focus:
                found = n
        if not found:
            return 0
        after = [t for w in words[i + found : i + found + 2] for t in self._tokens(w)]
        if not after or any(t in self.lexicon.meta for t in after) or self._verb(words[i + found]):
            return 0  # «خلاصه کن»: a verb made with it, not a turn to the question
        return found

    def _joins(self, before: list[str], word: str) -> bool:
        """Whether ``word`` makes one word with the one before it («تا حالا»)."""
        # a word of no token («😂») joins nothing
        return bool(before) and bool(self._tokens(before[-1])) and len(self._tokens(f"{before[-1]} {word}")) == 1

    def _split_at_inner_courtesy(self, words: list[str]) -> list[list[str]]:
        tokens = [list(self._tokens(w)) for w in words]
        cuts = [0]
        i = 0
        while i < len(words):
            end = self._phrase_end(tokens, i)
            if end is None:
                i += 1
                continue
            # «… نام برده شده‌اند»: the verb the phrase runs into is part of it, not a piece of its own
            end = _through_verbs(tokens, end, min(len(words), i + self.lexicon.longest + 2), self.lexicon.phrases)
            if i > cuts[-1] and self._bound(" ".join(words[cuts[-1] : i]), " ".join(words[i:end])):
                i += 1  # «… کجا گفته شده»: read with the words before it, the phrase is part of the question
                continue
            if i > 0 and i > cuts[-1]:
                cuts.append(i)
            if end < len(words):
                cuts.append(end)
            i = end
        cuts.append(len(words))
        pieces = [words[a:b] for a, b in pairwise(cuts) if b > a]
        # «… هستم و میخواستم بدونم …»: the «و» before a courtesy phrase joins nothing
        return [p[:-1] if len(p) > 1 and self._tokens(p[-1]) == ("و",) else p for p in pieces]

    def _phrase_end(self, tokens: list[list[str]], start: int) -> int | None:
        """Where the longest courtesy phrase of two words or more starting at ``start`` ends."""
        if not tokens[start] or tokens[start][0] not in self.lexicon.first_words:
            return None
        seq: list[str] = []
        end = None
        for j in range(start, len(tokens)):
            seq += tokens[j]
            if len(seq) > self.lexicon.longest:
                break
            if len(seq) >= 2 and tuple(seq) in self.lexicon.phrases:
                end = j + 1
        return end

    def _mode(self, pieces: list[_Piece]) -> str:
        """How a sentence reads: "asks" (a piece with words asks), "all" (it asked, but
        the asking words were courtesy: the rest is the question) or "background"."""
        if any(p.words and (p.asked or self._asks(p.text)) for p in pieces):
            return "asks"
        if any(p.asked for p in pieces) and any(p.words for p in pieces):
            return "all"
        return "background"

    def _strip(self, piece: _Piece) -> None:
        """Take courtesy phrases off both edges of a piece («و» between them goes too)."""
        marked = piece.asked
        while piece.words:
            if piece.tokens[0] == ["و"] and (piece.acts or (len(piece.words) > 1 and self._opens_courtesy(piece))):
                del piece.words[0], piece.tokens[0]  # «… ، و ببخشید که …»: the «و» joins the courtesy
                continue
            kind, n = self._match(piece, from_start=True)
            if kind is None:
                kind, n = "filler", self._for_own(piece)
            if not n:
                break
            taken = piece.words[:n]
            del piece.words[:n], piece.tokens[:n]
            piece.acts.append(Act(cast(ActKind, kind), " ".join(taken)))
            piece.asked |= kind == "request"
        if piece.acts:
            # «ببخشید که دیروقت پیام میدم، …», «مرسی از وقتی که گذاشتی»: what it is for is courtesy too;
            # a request before the apology («بگید و ببخشید که طولانی شد») asked for what came before it
            self._take_reason(piece, piece, asked=marked)
        while piece.words:
            if piece.tail and piece.tokens[-1] == ["و"]:
                del piece.words[-1], piece.tokens[-1]
                continue
            kind, n = self._match(piece, from_start=False)
            if kind is None or self._bound(" ".join(piece.words[:-n]), " ".join(piece.words[-n:])):
                break
            taken = piece.words[-n:]
            del piece.words[-n:], piece.tokens[-n:]
            piece.tail.insert(0, Act(cast(ActKind, kind), " ".join(taken)))
            piece.asked |= kind == "request"

    def _for_own(self, piece: _Piece) -> int:
        """«برای پروژه گروهیمون، …»: the typed words of an opening that says what the asker
        wants the answer for, up to a word of their own (a first-person possessive ending),
        with no question word or verb before it; 0 when none."""
        if len(piece.tokens[0]) != 1 or piece.tokens[0][0] not in self.lexicon.for_own:
            return 0
        for i, word in enumerate(piece.words[1 : FOR_OWN_WORDS + 1], 1):
            if self._asks(word) or self._states(word):
                return 0
            if word.endswith(OWN_ENDINGS) and len(word) >= 2:
                return i + 1
        return 0

    def _opens_courtesy(self, piece: _Piece) -> bool:
        """Whether a courtesy phrase starts at the piece's second word."""
        rest = _Piece(piece.words[1:], piece.tokens[1:])
        return self._match(rest, from_start=True)[0] is not None

    def _take_reason(self, courtesy: _Piece, piece: _Piece, asked: bool | None = None) -> None:
        """The words of ``piece`` join the last courtesy act of ``courtesy`` when they are
        its reason (``_gives_reason``); ``asked``: whether a question mark ended them
        (default: ``piece.asked``)."""
        last = courtesy.acts[-1]
        if self._gives_reason(piece, self._reasons.get(last.kind, ()), piece.asked if asked is None else asked):
            courtesy.acts[-1] = Act(last.kind, f"{last.text} {piece.text}")
            piece.words.clear()
            piece.tokens.clear()

    def _gives_reason(self, piece: _Piece, openers: tuple[tuple[str, ...], ...], asked: bool) -> bool:
        """Whether what is left of a piece after an apology or thanks is its reason: it opens
        with one of ``openers`` (``excuse``, ``thanks_for``) and asks nothing, and ``asked``
        (a question mark ended it) is false."""
        flat = tuple(piece.flat)
        opens = any(flat[: len(e)] == e and len(flat) > len(e) for e in openers)
        return opens and not asked and not self._asks(piece.text)

    def _match(self, piece: _Piece, from_start: bool) -> tuple[str | None, int]:
        """The longest courtesy phrase at one edge: (kind, typed words it covers)."""
        lex = self.lexicon
        edge = piece.tokens[0 if from_start else -1]
        if not edge or (edge[0] not in lex.first_words if from_start else edge[-1] not in lex.last_words):
            return None, 0
        order = range(len(piece.words)) if from_start else range(len(piece.words) - 1, -1, -1)
        seq: list[str] = []
        best: tuple[str | None, int] = (None, 0)
        for count, i in enumerate(order, 1):
            toks = piece.tokens[i]
            seq = seq + toks if from_start else toks + seq
            if len(seq) > lex.longest:
                break
            kind = lex.phrases.get(tuple(seq))
            if kind is not None:
                best = (kind, count)
        kind, n = best
        if from_start and kind is not None:
            # «نام برده شده‌اند»: its verb is part of it
            n = _through_verbs(piece.tokens, n, len(piece.words), lex.phrases)
        return kind, n

    def _attribution(self, piece: _Piece) -> bool:
        """«به گفته این مدیرکل»: a piece that only says whose words the question is about."""
        flat = tuple(piece.flat)
        short = len(piece.words) <= SHORT_PIECE + 1  # «به گفته این مدیرکل»; a long piece is the question itself
        return short and bool(flat) and any(flat[: len(a)] == a for a in self.lexicon.attribution)

    def _introduces(self, piece: _Piece) -> Literal["intro", "story"] | None:
        """«من دانشجوام»: a piece that opens like an introduction, asks nothing and ends in the
        first person is an introduction; one that goes on after its first-person verb («من
        دبیر بازنشسته هستم و چشمم ضعیف است») is the asker's story, background to the question."""
        flat = piece.flat
        if not flat or flat[0] not in self.lexicon.intro_start or self._asks(piece.text):
            return None
        text = f" {' '.join(flat)} "
        if any(text.endswith(f" {e} ") for e in self.lexicon.intro_end):
            return "intro"  # «من معلم هستم، … ؟»: the question mark ending the sentence is not this piece's
        if piece.asked:
            return None
        named = 2 <= len(flat) <= INTRO_WORDS and flat[1].endswith("م") and not self._states(piece.text)
        if flat[-1].endswith("م") or named:
            return "intro"  # «من سارام، …», «من سارام دانشجوی علوم سیاسی، …»
        return "story" if any(f" {e} " in text for e in self.lexicon.intro_end) else None

    def _sentence_acts(self, pieces: list[_Piece], mode: str) -> list[Act]:
        """Courtesy, introductions and the sentence's question or background, in order.
        ``mode``: "asks" (asking pieces and the short ones beside them are the question,
        long others background), "all" (every piece is the question) or "background"."""
        acts: list[Act] = []
        core: list[_Piece] = []
        background: list[_Piece] = []
        at: dict[str, int] = {}  # where the question and the background go among the acts
        for piece in pieces:
            acts.extend(piece.acts)
            if piece.words and piece.purpose:
                at.setdefault("context", len(acts))
                background.append(piece)
            elif piece.words:
                if not self._asks(piece.text) and (not self._says(piece.text) or self._attribution(piece)):
                    acts.append(Act("filler", piece.text))
                elif (introduces := self._introduces(piece)) == "intro":
                    acts.append(Act("intro", piece.text))
                elif introduces is None and (
                    mode == "all"
                    or (
                        mode == "asks"
                        and (
                            piece.asked
                            or self._asks(piece.text)
                            or (len(piece.words) <= SHORT_PIECE and not self._states(piece.text))
                        )
                    )
                ):
                    at.setdefault("question", len(acts))
                    core.append(piece)
                else:
                    at.setdefault("context", len(acts))
                    background.append(piece)
            acts.extend(piece.tail)
        inserts = []
        if background:
            inserts.append((at["context"], 0, Act("context", " ، ".join(p.text for p in background))))
        if core:
            inserts.append((at["question"], 1, Act("question", " ، ".join(p.text for p in core))))
        for index, _, act in sorted(inserts, key=lambda x: (-x[0], -x[1])):
            acts.insert(index, act)
        return acts


def _sentences(text: str, latin: bool) -> list[tuple[str, str]]:
    """(sentence, the punctuation that ended it) pairs; a numbered item («۱) …», "2- …")
    starts a sentence of its own."""
    head, *items = _ENUMERATOR.split(text)
    if items:  # each numbered item asks: it ends as a question
        text = head + "\n" + "".join(i.rstrip() + ("" if _ASKS_MARK.search(i[-2:]) else "؟") + "\n" for i in items)
    out: list[tuple[str, str]] = []
    pos = 0
    for m in (_LATIN_SENTENCE_END if latin else _SENTENCE_END).finditer(text):
        out.append((text[pos : m.start()], m.group()))
        pos = m.end()
    out.append((text[pos:], ""))
    return [(s, e) for s, e in out if s.strip()]


def _through_verbs(tokens: Sequence[Sequence[str]], end: int, stop: int, phrases: Mapping[tuple[str, ...], str]) -> int:
    """``end`` moved past the typed words after it whose tokens are all conjugated verbs
    («… نام برده شده‌اند»: the verb a courtesy phrase runs into), no further than ``stop``;
    a verb that is a courtesy phrase of its own («سلام ببخشید») starts the next act instead."""
    while (
        end < stop and tokens[end] and all(is_verb_form(t) for t in tokens[end]) and tuple(tokens[end]) not in phrases
    ):
        end += 1
    return end


def _merge_neighbours(acts: list[Act]) -> list[Act]:
    """Background pieces next to each other become one act."""
    out: list[Act] = []
    for act in acts:
        if out and act.kind == "context" and out[-1].kind == "context":
            out[-1] = Act("context", f"{out[-1].text} ، {act.text}")
        else:
            out.append(act)
    return out
