"""Questions about the beginning or the end of the text: «آخر خبر چی گفته؟», «پاراگراف اول
چی میگه؟», «اولش چی گفت؟».

Such a question names where in the text («اول», «آخر»: ``[text_start]``, ``[text_end]``;
or «اولین», «آخرین» of a part word: ``[first]``, ``[last]`` beside ``[part]``) and
otherwise only the text, its parts or its speaker (the words of a question about the whole
text, ``bot.whole``); the first or the last paragraph answers it. The words live in
``bot/lang/fa/clauses.txt``; this module holds the rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from bot.normalize import Terms
from bot.whole import ASKING

End = Literal["first", "last"]
END_SECTIONS = ("text_start", "text_end", "first", "last", "part")  # the sections of ``clauses.txt``, in ``of``'s order


@dataclass(frozen=True, slots=True)
class EndQuestions:
    """Tells a question about the beginning or the end of the text."""

    start: frozenset[str] = frozenset()  # «اول», «ابتدا»: the beginning, alone
    end: frozenset[str] = frozenset()  # «آخر», «پایان»: the end, alone
    first: frozenset[str] = frozenset()  # «اولین»: the first, of a part
    last: frozenset[str] = frozenset()  # «آخرین»: the last, of a part
    part: frozenset[str] = frozenset()  # «بخش», «پاراگراف»
    allowed: frozenset[str] = frozenset()  # all the words such a question may hold, these lists' too
    anchors: frozenset[str] = frozenset()  # … of which it holds one: the text, its speaker, saying, a part

    @classmethod
    def of(
        cls,
        lists: Sequence[Iterable[str]],
        allowed: Iterable[str] = (),
        anchors: Iterable[str] = (),
    ) -> EndQuestions:
        """From the analysed words of each of ``END_SECTIONS`` (stems, as ``Terms.words``
        holds them); ``allowed``: the other words such a question may hold (the text's
        names, its speakers, words of a question about the whole text); ``anchors``: those
        of them it must hold one of, unless it names a part (the text, its speaker, a verb of
        saying): «آخرش چی شد؟» asks what happened in the end, not what the text ends with."""
        start, end, first, last, part = (frozenset(words) for words in lists)
        markers = start | end | first | last | part
        return cls(start, end, first, last, part, frozenset(allowed) | markers, frozenset(anchors) | part)

    def asks(self, terms: Terms) -> End | None:
        """ "first" or "last" when ``terms`` ask what the beginning or the end of the text
        says; None otherwise."""
        if not terms.classes & ASKING or terms.classes - ASKING - {"yesno"}:
            return None
        words = set(terms.words)
        if not words & self.anchors:
            return None
        ends: set[End] = set()
        if words & self.start:
            ends.add("first")
        if words & self.end:
            ends.add("last")
        if words & self.part:
            ends |= {"first"} if words & self.first else set()
            ends |= {"last"} if words & self.last else set()
        if len(ends) != 1:
            return None
        if any(w not in self.allowed for w in terms.content):
            return None  # «آخرین فرصت چیه؟»: a topic of its own, the last of a list (``Engine._in_order``)
        return ends.pop()
