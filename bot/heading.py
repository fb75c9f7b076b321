"""Questions about a part of the text by its heading: «اسم اون قسمت وسط خبر چیه؟»,
«بخش دوم گزارش با چه تیتری شروع میشه؟», "what is the second section called?".

Such a question holds words of two of three kinds: a part of the text (``[part]``:
«بخش», «قسمت»), its name (``[heading]``: «عنوان», «تیتر») and the part after the opening
one, which the first heading starts, or a heading inside the text (``[second]``: «دوم»,
«فرعی»); besides, it holds only words naming the text itself (``[meta]``) and the
heading's own words («اسم قسمتی که درباره فرصتها و چالشهاست»). When the article
has a single heading, the table's entry quoting it answers. The words live in
``bot/lang/*/clauses.txt``; this module holds the rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.normalize import CLASS_MARK, Terms

ASKING = frozenset({"what", "about", "yesno"})  # the kinds of question word such a question may hold
HEADING_SECTIONS = ("part", "heading", "second", "meta")  # the sections of ``clauses.txt`` holding its words


@dataclass(frozen=True, slots=True)
class HeadingQuestions:
    """Tells a question about a part of the text by its heading from other questions."""

    part: frozenset[str] = frozenset()  # words naming a part of a text («بخش», «قسمت», "section")
    heading: frozenset[str] = frozenset()  # words asking for its name («عنوان», «تیتر», "title")
    second: frozenset[str] = frozenset()  # words pointing past the opening part («دوم», «وسط», "second")
    meta: frozenset[str] = frozenset()  # words naming the text itself («خبر», «مصاحبه», "article")

    @classmethod
    def of(
        cls, part: Iterable[str], heading: Iterable[str], second: Iterable[str], meta: Iterable[str]
    ) -> HeadingQuestions:
        """From the analysed words of each list (stems, as ``Terms.words`` holds them)."""
        return cls(frozenset(part), frozenset(heading), frozenset(second), frozenset(meta))

    def asks(self, terms: Terms, own: frozenset[str]) -> bool:
        """Whether ``terms`` ask for the heading of a part of the text; ``own``: the
        heading's own words, which such a question may repeat to say which part it means."""
        if terms.classes - ASKING:
            return False  # «چند بخش داره؟», «کدوم بخش …؟» ask something else
        words = {w for w in terms.words if not w.startswith(CLASS_MARK)}
        if sum(bool(words & kind) for kind in (self.part, self.heading, self.second)) < 2:
            return False
        known = self.part | self.heading | self.second | self.meta | own
        return all(t in known for t in terms.content)
