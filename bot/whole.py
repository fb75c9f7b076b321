"""Questions about the text as a whole: «خلاصه‌ی خبر چیه؟», «کلا این مصاحبه درباره چیه؟»,
"what is this article about?".

Such a question names only the text itself or its speaker (``[meta]``, ``[people]``),
asks for its gist (``[gist]``) or uses words any such question may hold (``[whole]``:
«کل», «اصلی», a verb of saying); it has no topic of its own, so no entry's words single one out, and the
table's ``whole`` entry (what the article is about) answers it. The words live in
``bot/lang/*/clauses.txt``; this module holds the rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.normalize import CLASS_MARK, Terms

ASKING = frozenset({"what", "about"})  # the kinds of question word such a question may hold
WHOLE_SECTIONS = (
    "meta",
    "people",
    "gist",
    "whole",
)  # the sections of ``clauses.txt`` holding its words, in ``of``'s order


@dataclass(frozen=True, slots=True)
class WholeQuestions:
    """Tells a question about the whole text from one about a part of it."""

    meta: frozenset[str] = frozenset()  # words naming the text or the people it quotes
    gist: frozenset[str] = frozenset()  # words that alone ask for the gist («خلاصه», "summary")
    whole: frozenset[str] = frozenset()  # words such a question may hold («کل», «گفت», "about")

    @classmethod
    def of(
        cls, meta: Iterable[str], people: Iterable[str], gist: Iterable[str], whole: Iterable[str]
    ) -> WholeQuestions:
        """From the analysed words of each list (stems, as ``Terms.words`` holds them)."""
        return cls(frozenset(meta) | frozenset(people), frozenset(gist), frozenset(whole))

    def asks(self, terms: Terms, alone: bool = True) -> bool:
        """Whether ``terms`` ask about the whole text. ``alone``: the question has no
        background; a bare «چی گفته؟» after background is about the background."""
        if any(t not in self.meta and t not in self.gist and t not in self.whole for t in terms.content):
            return False
        words = [w for w in terms.words if not w.startswith(CLASS_MARK) and not w.startswith("?")]
        extra = terms.classes - ASKING - {"yesno"}
        if extra:
            return False
        if any(w in self.gist for w in words):
            return True
        if not terms.classes & ASKING:
            return False
        if any(w in self.meta for w in words):
            return True
        # «چی گفته؟», «کلا چیه؟» name no text: about the whole only when nothing comes before
        return alone and any(w in self.whole for w in words)
