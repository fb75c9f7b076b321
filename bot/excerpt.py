"""Choosing the words of the article that hold an answer.

An answer quotes the sentence that holds its short answer, not the whole paragraph. The
interview's sentences are long (one sentence of 580 characters lists five
opportunities), so a long sentence is cut further, at the places Persian prose itself
pauses:

* **clauses** – after the speaker's «… اظهار کرد:», and after a verb followed by «و»,
  «که», «اما», «تا» or «ولی» («… تشکیل شد | و از آن زمان …»); verbs are recognised with
  hazm's verb roots («شد», «نکرده», «می‌شود», «داشته است»);
* **list joints** – «،» and «و» inside a clause, used only when a clause is still too long,
  and never inside a span the table names (a short answer or a list item: «وزارت تعاون،
  کار و رفاه اجتماعی» is one name, not three).

What is left out is marked with «…», so the quote is always the article's own words, in
the article's order. A list answer (``items`` in the table) quotes the sentence around
the list and gives the items themselves, in bold, one per line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.display import ZWNJ, Lexicon, locate, strip_zwnj

ELLIPSIS = "…"
SENTENCE_MAX = 200  # a sentence up to this long is quoted whole
CLAUSE_MAX = 210  # a clause up to this long is quoted whole
CORE_MAX = 110  # around the answer inside a longer clause
HEAD_MAX = 80  # the start of the clause (its subject), kept when it fits
TAIL_MAX = 60  # the end of the clause (its verb), kept when it fits
BUDGET = 260  # the whole quote, at most
MIN_GAP = 12  # pieces closer than this are joined rather than elided
SHORT_CLAUSE = 70  # a clause shorter than this is quoted with its neighbour

_SENTENCE = re.compile(r"(?<=[.!?؟])\s+")
_TOKEN = re.compile(rf"[^\s،,:؛.!?؟«»()]+(?:{ZWNJ}[^\s،,:؛.!?؟«»()]+)*")
_CONNECTIVES = frozenset({"و", "که", "اما", "تا", "ولی"})
_COPULAS = frozenset({"است", "هست", "نیست", "اند", "ست"})
_ENDINGS = ("", "م", "ی", "د", "یم", "ید", "ند", "ه")  # person endings, and «ه» of the participle
_NEGATION = ("ن", "")
_ASPECT = ("می", "نمی", "")


@dataclass(frozen=True, slots=True)
class Excerpt:
    """A quote: spans of one passage's display text, in order, joined by «…»."""

    source: str  # the passage's display text
    spans: tuple[tuple[int, int], ...]
    items: tuple[tuple[int, int], ...] = ()  # a list answer's items, shown apart in bold

    @property
    def text(self) -> str:
        """The quote as shown, «…» where words are left out."""
        return self.render(lambda s: s)

    def render(
        self,
        esc: Callable[[str], str],
        bold: Callable[[str], str] | None = None,
        mark: tuple[int, int] | None = None,
    ) -> str:
        """The quote with ``esc`` applied to the words; ``bold`` wraps ``mark`` (a span of
        the source) where it is quoted."""
        out: list[str] = []
        for n, (start, end) in enumerate(self.spans):
            lead = start > 0 and not _starts_sentence(self.source, start)
            if n > 0 or lead:
                out.append(ELLIPSIS + " " if n == 0 else " " + ELLIPSIS + " ")
            out.append(_marked(self.source, start, end, esc, bold, mark))
        last = self.spans[-1][1] if self.spans else 0
        if self.spans and last < len(self.source) and not _ends_sentence(self.source, last):
            out.append(" " + ELLIPSIS)
        return "".join(out)


class Excerpter:
    """Finds clauses and list joints in the article's display text."""

    def __init__(self, lexicon: Lexicon, protected: Sequence[str] = (), corpus: Sequence[str] = ()) -> None:
        """``protected``: phrases never cut inside (the table's short answers and list
        items); ``corpus``: the article's text, whose repeated multi-word names («وزارت
        تعاون، کار و رفاه اجتماعی») are protected too."""
        self.lexicon = lexicon
        self.roots = lexicon.roots
        names = repeated_names(corpus)
        self.protected = tuple(dict.fromkeys(strip_zwnj(p) for p in (*protected, *names) if p))

    # -- public ----------------------------------------------------------------------

    def excerpt(
        self,
        text: str,
        answer: tuple[int, int] | None,
        items: Sequence[tuple[int, int]] = (),
        lists: Sequence[ListSpans] = (),
    ) -> Excerpt:
        """The quote of ``text`` (a passage's display text) that holds ``answer``.

        ``items``: the answer is a list with these items (shown apart, in bold). ``lists``:
        the passage's lists (other entries' list answers); an answer in the sentence of a
        list is quoted with the words that introduce it («… از جمله آن‌ها می‌توان به …»),
        the other items left out."""
        if answer is None or not text:
            return Excerpt(text, ((0, len(text)),) if text else ())
        chosen = self._choose(text, answer, items, lists)
        if chosen.items or any(s <= answer[0] and answer[1] <= e for s, e in chosen.spans):
            return chosen
        # an answer that starts or ends on a joint («و …»): widen the quote to hold all of it
        spans = _merge(text, [*chosen.spans, answer], gap=0)
        return Excerpt(text, tuple(spans), chosen.items)

    def _choose(
        self, text: str, answer: tuple[int, int], items: Sequence[tuple[int, int]], lists: Sequence[ListSpans]
    ) -> Excerpt:
        if items:
            return self._around_list(text, ListSpans(answer, tuple(items)), focus=None)
        for listed in lists:
            region = listed.region
            sentence = _enclosing(_sentences(text), *region)
            if not (sentence[0] <= answer[0] and answer[1] <= sentence[1]):
                continue
            hits = [it for it in listed.items if it[0] < answer[1] and answer[0] < it[1]]
            if len(hits) > 1:
                continue  # the answer is (most of) the list itself
            focus = (min(hits[0][0], answer[0]), max(hits[0][1], answer[1])) if hits else answer
            return self._around_list(text, listed, focus=focus)
        start, end = answer
        sentence = _enclosing(_sentences(text), start, end)
        if sentence[1] - sentence[0] <= SENTENCE_MAX:
            return Excerpt(text, (sentence,))
        clauses = self.clauses(text, sentence)
        clause = _enclosing(clauses, start, end)
        if clause[1] - clause[0] <= CLAUSE_MAX:
            return Excerpt(text, (self._fuller(text, clauses, clause),))
        return Excerpt(text, self._inside(text, clause, answer))

    def clauses(self, text: str, sentence: tuple[int, int]) -> list[tuple[int, int]]:
        """The sentence cut after the speaker («… گفت:») and after each verb that a
        connective follows; connectives themselves open no quote."""
        s0, s1 = sentence
        cuts: list[tuple[int, int]] = []  # (end of a clause, start of the next)
        tokens = [(m.start() + s0, m.end() + s0, m.group()) for m in _TOKEN.finditer(text[s0:s1])]
        for i, (_, end, word) in enumerate(tokens):
            after = text[end : end + 2]
            if after.startswith(":"):
                nxt = tokens[i + 1][0] if i + 1 < len(tokens) else s1
                cuts.append((end + 1, nxt))
                continue
            if i + 1 < len(tokens) and self.is_verb(word) and tokens[i + 1][2] in _CONNECTIVES:
                if i + 2 < len(tokens) and self.lexicon.known(strip_zwnj(word + tokens[i + 1][2] + tokens[i + 2][2])):
                    continue  # «گفت و گو» is one word written apart, not a verb and «و»
                nxt = tokens[i + 2][0] if i + 2 < len(tokens) else s1
                cuts.append((end, nxt))
        out = []
        begin = s0
        for end, nxt in cuts:
            if end > begin:
                out.append((begin, end))
            begin = nxt
        if begin < s1:
            out.append((begin, s1))
        return out

    def is_verb(self, word: str) -> bool:
        """A finite verb or a participle, by hazm's verb roots («شد», «نکرده», «می‌شود»)."""
        w = strip_zwnj(word)
        if w in _COPULAS:
            return True
        for aspect in _ASPECT:
            if not w.startswith(aspect):
                continue
            body = w[len(aspect) :]
            for neg in _NEGATION if not aspect else ("",):
                if not body.startswith(neg):
                    continue
                core = body[len(neg) :]
                for ending in _ENDINGS:
                    if ending and not core.endswith(ending):
                        continue
                    root = core[: len(core) - len(ending)] if ending else core
                    if root in self.roots and (aspect or ending or neg or _past(root)):
                        return True
        return False

    def joints(self, text: str, span: tuple[int, int]) -> list[int]:
        """Where a long clause may be cut: after «،» and before «و», outside named spans."""
        s0, s1 = span
        shielded = self._shielded(text, span)
        out = set()
        for m in re.finditer(r"،\s*|\s+و\s+", text[s0:s1]):
            a, b = m.start() + s0, m.end() + s0
            if any(x < a < y or x < b - 1 < y for x, y in shielded):
                continue
            out.add(a)
            out.add(b)
        return sorted(out)

    # -- internals ---------------------------------------------------------------------

    def _shielded(self, text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
        out = []
        for phrase in self.protected:
            pos = span[0]
            while (found := locate(text, phrase, pos)) is not None and found[0] < span[1]:
                out.append(found)
                pos = found[0] + 1
        return out

    def _fuller(self, text: str, clauses: list[tuple[int, int]], clause: tuple[int, int]) -> tuple[int, int]:
        """A short clause with its neighbour, so the quote says who does what: «این
        سازمان‌ها … بودند | اما در اثرگذاری … عمل نکرده». Never across the speaker's
        «… افزود:»."""
        if clause[1] - clause[0] >= SHORT_CLAUSE or _speaker(text, clause):
            return clause
        i = clauses.index(clause) if clause in clauses else -1
        if i < 0:
            return clause
        for j in (i - 1, i + 1):
            if 0 <= j < len(clauses) and not _speaker(text, clauses[j]):
                wider = (min(clause[0], clauses[j][0]), max(clause[1], clauses[j][1]))
                if wider[1] - wider[0] <= CLAUSE_MAX:
                    return wider
        return clause

    def _inside(self, text: str, clause: tuple[int, int], answer: tuple[int, int]) -> tuple[tuple[int, int], ...]:
        """A long clause: its head, the words around the answer, its tail."""
        c0, c1 = clause
        a0, a1 = answer
        cuts = self.joints(text, clause)
        left = [c for c in cuts if c <= a0]
        right = [c for c in cuts if c >= a1]
        core = (max(left, default=c0), min(right, default=c1))
        while True:  # grow by whole segments while it fits: to the right (towards the verb), then left
            grown = False
            nxt = next((c for c in right if c > core[1]), c1)
            if nxt > core[1] and nxt - core[0] <= CORE_MAX:
                core, grown = (core[0], nxt), True
            prv = next((c for c in reversed(left) if c < core[0]), c0)
            if prv < core[0] and core[1] - prv <= CORE_MAX:
                core, grown = (prv, core[1]), True
            if not grown:
                break
        core = (_trim_start(text, core[0]), _trim_end(text, core[1]))
        spans = [core]
        head_end = next((c for c in cuts if c > c0 and text[c - 1] not in " "), None)
        head = (c0, _trim_end(text, head_end)) if head_end is not None else None
        if head and core[0] > c0 and head[1] - head[0] <= HEAD_MAX:
            spans.insert(0, head)
        tail_start = max((c for c in cuts if c < c1), default=None)
        tail = (_trim_start(text, tail_start), c1) if tail_start is not None else None
        if tail and core[1] < c1 and tail[1] - tail[0] <= TAIL_MAX:
            spans.append(tail)
        spans = _merge(text, spans)
        while _length(spans) > BUDGET and len(spans) > 1:
            # drop the piece farther from the answer: the tail first, then the head
            spans = spans[:-1] if spans[-1] != core and spans[-1][0] >= core[1] else spans[1:]
        return tuple(spans)

    def _around_list(self, text: str, listed: ListSpans, focus: tuple[int, int] | None) -> Excerpt:
        """The words that introduce a list and those that close it; between them the
        words asked about (``focus``), or – for the list itself – nothing: its items are
        shown apart, in bold."""
        first, last = listed.region
        sentence = _enclosing(_sentences(text), first, last)
        clauses = self.clauses(text, sentence)
        lead_clause = _enclosing(clauses, first, first + 1)
        spans = []
        lead = (lead_clause[0], _trim_end(text, first))
        if lead[1] > lead[0]:
            spans.append(lead)
        if lead_clause[0] > sentence[0] and _length(spans) <= HEAD_MAX:
            # «… شده است | که از جمله آن‌ها می‌توان به …»: the clause before says what the list is of
            before = max((c for c in clauses if c[1] <= lead_clause[0]), default=None)
            if before is not None and not _speaker(text, before):
                spans.insert(0, before)
        if focus is not None:
            spans.append((_trim_start(text, focus[0]) if focus[0] > first else focus[0], focus[1]))
        tail_clause = _enclosing(clauses, last - 1, last)
        if last < tail_clause[1]:
            tail = (_trim_start(text, last), tail_clause[1])
            if 0 < tail[1] - tail[0] <= TAIL_MAX:
                spans.append(tail)
        spans = _merge(text, spans)
        anchor = focus or lead
        while _length(spans) > BUDGET and len(spans) > 1:
            # drop what is farthest from the words asked about: the tail, then the lead's first clause
            tail_end = spans[-1]
            spans = spans[:-1] if not _overlaps(tail_end, anchor) else spans[1:]
        return Excerpt(text, tuple(spans), listed.items if focus is None else ())


@dataclass(frozen=True, slots=True)
class ListSpans:
    """A list in a passage: the whole list answer and its items (display positions)."""

    answer: tuple[int, int]
    items: tuple[tuple[int, int], ...]

    @property
    def region(self) -> tuple[int, int]:
        starts = [self.answer[0], *(s for s, _ in self.items)]
        ends = [self.answer[1], *(e for _, e in self.items)]
        return min(starts), max(ends)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def repeated_names(corpus: Sequence[str], longest: int = 7) -> list[str]:
    """Multi-word names the article repeats with «،» or «و» inside them («وزارت تعاون، کار
    و رفاه اجتماعی», «دانش و فناوری»): a list joint inside one is no place to cut."""
    counts: dict[tuple[str, ...], int] = {}
    for text in corpus:
        words = text.split()
        for n in range(3, longest + 1):
            for i in range(len(words) - n + 1):
                gram = tuple(words[i : i + n])
                inner = gram[1:-1]
                if gram[0] == "و" or gram[-1] == "و" or gram[-1].endswith("،"):
                    continue
                if "و" in inner or any(w.endswith("،") for w in gram[:-1]):
                    counts[gram] = counts.get(gram, 0) + 1
    repeated = [g for g, c in counts.items() if c >= 2]
    # keep the longest: a shorter name inside a longer repeated one adds nothing
    out = [g for g in repeated if not any(len(h) > len(g) and _contains(h, g) for h in repeated)]
    return [" ".join(g).rstrip("،.:") for g in out]


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


# -- helpers -------------------------------------------------------------------------------


def _past(root: str) -> bool:
    # A bare root is a verb only as a past stem ending in «د»/«ت» («شد», «گفت», «کرد»).
    return root.endswith(("د", "ت"))


def _speaker(text: str, span: tuple[int, int]) -> bool:
    """The clause that introduces a quote: «… اظهار کرد:»."""
    return text[span[0] : span[1]].rstrip().endswith(":")


def _sentences(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for m in _SENTENCE.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text.rstrip())))
    return [s for s in out if s[1] > s[0]]


def _enclosing(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The smallest run of consecutive spans covering [start, end)."""
    if not spans:
        return (start, end)
    first = next((i for i, (_, e) in enumerate(spans) if e > start), len(spans) - 1)
    last = next((i for i, (_, e) in enumerate(spans) if e >= end), len(spans) - 1)
    return (min(spans[first][0], start), max(spans[last][1], end))


def _starts_sentence(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in ".!?؟"


def _ends_sentence(text: str, pos: int) -> bool:
    return text[pos - 1 : pos] in (".", "!", "?", "؟") or not text[pos:].strip()


def _trim_end(text: str, pos: int) -> int:
    """Back over spaces, joints and the article's own «…» («… یونیسف و …»)."""
    while True:
        before = pos
        while pos > 0 and text[pos - 1] in " ،,:؛" + ELLIPSIS:
            pos -= 1
        if text[max(0, pos - 2) : pos] == " و":
            pos -= 2
        if pos == before:
            return pos


def _trim_start(text: str, pos: int) -> int:
    while True:
        before = pos
        while pos < len(text) and text[pos] in " ،,:؛" + ELLIPSIS:
            pos += 1
        if text[pos : pos + 2] == "و ":
            pos += 2
        if pos == before:
            return pos


def _merge(text: str, spans: list[tuple[int, int]], gap: int = MIN_GAP) -> list[tuple[int, int]]:
    """Spans in order, those closer than ``gap`` (or overlapping) joined."""
    out: list[tuple[int, int]] = []
    for s in sorted(spans):
        if out and s[0] - out[-1][1] <= gap:
            out[-1] = (out[-1][0], max(out[-1][1], s[1]))
        else:
            out.append(s)
    return out


def _length(spans: Sequence[tuple[int, int]]) -> int:
    return sum(e - s for s, e in spans) + 3 * max(len(spans) - 1, 0)


def _marked(
    text: str,
    start: int,
    end: int,
    esc: Callable[[str], str],
    bold: Callable[[str], str] | None,
    mark: tuple[int, int] | None,
) -> str:
    if bold is None or mark is None or mark[1] <= start or mark[0] >= end:
        return esc(text[start:end])
    m0, m1 = max(mark[0], start), min(mark[1], end)
    return esc(text[start:m0]) + bold(esc(text[m0:m1])) + esc(text[m1:end])
