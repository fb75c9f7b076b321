"""How the table's entries are shown: display spelling, quotes, labels and topics.

One ``Presentation`` per (article, table), built when the engine is built and kept for
as long as that engine serves: the article's display form (``bot.display``), the quote of
every entry (``bot.excerpt``), button labels (``bot.labels``) and the /questions topics.
Telegram-free; ``bot.render`` and the Telegram keyboards read from it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from bot.article import Article
from bot.display import DisplayArticle, display_article, locate
from bot.excerpt import Excerpt, Excerpter, ListSpans
from bot.labels import shorten
from bot.table import Entry, Table

OTHER_TOPIC = "سایر پرسش‌ها"


@dataclass(frozen=True, slots=True)
class Quote:
    """What an answer shows of the article."""

    excerpt: Excerpt  # the sentence(s) that hold the answer
    answer: tuple[int, int] | None  # the short answer's place in ``excerpt.source``
    short: str  # the short answer, display spelling
    items: tuple[str, ...]  # a list answer's items, display spelling
    paragraph_id: str  # the paragraph the passage belongs to («p3» for «p3.s1»)

    @property
    def adds_nothing(self) -> bool:
        """The quote is (almost) just the short answer: show it once, in the quote."""
        return not self.items and len(self.excerpt.text) - len(self.short) < 15


class Presentation:
    """Display forms of one table's entries over one article."""

    def __init__(self, article: Article, table: Table | None) -> None:
        self.article = article
        self.table = table
        self.display: DisplayArticle = display_article(article)
        facts = table.facts if table is not None else ()
        protected = [e.answer or "" for e in facts] + [i for e in facts for i in e.items]
        corpus = [self.display.passage(p.id) or "" for p in article.blocks]
        self.excerpter = Excerpter(self.display.lexicon, protected, corpus)
        self._quotes: dict[tuple[str, str | None, str | None, tuple[str, ...]], Quote] = {}
        self._lock = threading.Lock()

    # -- text --------------------------------------------------------------------------

    @property
    def title(self) -> str:
        """The article's title: one spelling everywhere."""
        return self.display.title

    def text(self, text: str) -> str:
        """Any table text (a phrasing, a label) with its half-spaces."""
        return self.display.text(text)

    def question(self, entry: Entry) -> str:
        """The entry's main question, as shown («❓ …», inline results)."""
        return self.text(entry.questions[0]) if entry.questions else entry.id

    def label(self, entry: Entry) -> str:
        """The entry's button label: its ``label``, or its question cut at a word boundary."""
        if entry.label:
            return self.text(entry.label)
        return shorten(self.question(entry))

    # -- quotes ------------------------------------------------------------------------

    def quote(self, entry: Entry) -> Quote | None:
        """The article's words that answer this entry (None for small talk)."""
        if not entry.passage or not entry.answer:
            return None
        key = (entry.id, entry.passage, entry.answer, entry.items)
        quote = self._quotes.get(key)
        if quote is None:
            quote = self._quote(entry)
            with self._lock:
                self._quotes[key] = quote
        return quote

    def _quote(self, entry: Entry) -> Quote:
        text = self.display.passage(entry.passage or "") or ""
        answer = locate(text, entry.answer or "")
        items = tuple(span for span in (locate(text, i) for i in entry.items) if span is not None)
        lists = []
        for other in self.table.facts if self.table is not None else ():
            if other.items and other.passage == entry.passage and other.id != entry.id:
                spans = tuple(s for s in (locate(text, i) for i in other.items) if s is not None)
                region = locate(text, other.answer or "")
                if spans and region:
                    lists.append(ListSpans(region, spans))
        excerpt = self.excerpter.excerpt(text, answer, items, lists)
        short = text[answer[0] : answer[1]] if answer else self.text(entry.answer or "")
        return Quote(excerpt, answer, short, tuple(text[s:e] for s, e in items), _paragraph(entry.passage or ""))

    def paragraph(self, entry: Entry) -> tuple[str, tuple[int, int] | None]:
        """The whole paragraph an entry's passage belongs to, and its short answer's place."""
        quote = self.quote(entry)
        pid = quote.paragraph_id if quote else entry.passage or ""
        text = self.display.passage(pid) or self.display.passage(entry.passage or "") or ""
        return text, locate(text, entry.answer or "")

    def has_more(self, entry: Entry) -> bool:
        """Whether the whole paragraph says more than the quote shows."""
        quote = self.quote(entry)
        if quote is None:
            return False
        paragraph, _ = self.paragraph(entry)
        return bool(paragraph) and len(quote.excerpt.text) < len(paragraph)

    # -- browsing ----------------------------------------------------------------------

    def topics(self) -> list[tuple[str, list[Entry]]]:
        """The /questions groups: the table's topics in order, each with its entries;
        entries without a topic last."""
        facts = list(self.table.facts) if self.table is not None else []
        order = list(self.table.topics) if self.table is not None else []
        for entry in facts:
            if entry.topic and entry.topic not in order:
                order.append(entry.topic)
        groups = [(name, [e for e in facts if e.topic == name]) for name in order]
        rest = [e for e in facts if not e.topic or e.topic not in order]
        if rest:
            groups.append((OTHER_TOPIC, rest))
        return [(self.text(name), entries) for name, entries in groups if entries]


def _paragraph(passage_id: str) -> str:
    return passage_id.split(".s", 1)[0]


_CACHE: OrderedDict[tuple[int, int], tuple[Article, Table | None, Presentation]] = OrderedDict()
_CACHE_LOCK = threading.Lock()


def presentation(article: Article, table: Table | None = None) -> Presentation:
    """The presentation of this article and table, built once (kept for the last few
    tables, so a reload builds the new one and the old engine keeps its own)."""
    key = (id(article), id(table))
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
        if hit is not None and hit[0] is article and hit[1] is table:
            _CACHE.move_to_end(key)
            return hit[2]
    built = Presentation(article, table)
    with _CACHE_LOCK:
        _CACHE[key] = (article, table, built)
        while len(_CACHE) > 8:
            _CACHE.popitem(last=False)
    return built
