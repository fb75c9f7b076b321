"""The display form: the article (and table text) as a reader should see it.

The seed is kept verbatim for matching, but it was published without half-spaces
(ZWNJ): «سازمانهای», «بینالملل», «میشود», «حوزههای», «کوچکسازی». Beside the bot's own
correct prose those look like typos, so everything shown is first passed through
``Lexicon.word``, which restores the standard half-space **only by inserting ZWNJ**
inside a word, never by moving a letter or a space. Removing every ZWNJ from the
display form therefore gives back the seed text exactly (the invariant the tests check).

The decisions come from hazm's data, not from a hand-made list:

* hazm's word list (``hazm/data/words.dat``, ~190 000 words with frequencies): a word
  it spells with a half-space («بین‌الملل», «می‌توان», «کوچک‌سازی») is used when the
  joined spelling is unknown or less frequent; a known joined word («همچنین») stays;
* hazm's suffixes (``hazm.constants.SUFFIXES``: «ها», «های», «هایی», «تر», «ترین»,
  «گری» …) split a word that is a known stem plus the suffix («سازمان‌های»,
  «حوزه‌های», «حمایت‌گری»); a suffix after a letter that never joins («نهادهای») needs
  no half-space, so none is added;
* hazm's verb list (``hazm.utils.verbs_list``): «می»/«نمی» before a present or past
  root with a personal ending is a verb prefix («می‌شود»);
* the article's own vocabulary: a word the article (or the table) already writes
  with a half-space counts as known.

Loading the word list takes ~0.15 s, once per process; the article's display form is
built once per article (``display_article`` is cached), not per reply or reload.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache

from bot.article import Article

ZWNJ = "\u200c"
_FA_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
# A word: Arabic-script letters, possibly already joined by half-spaces.
_LETTER = r"[\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u0622\u0623\u0624\u0626]"
WORD = re.compile(rf"{_LETTER}+(?:{ZWNJ}{_LETTER}+)*")
# Letters that never join the next one: a half-space after them changes nothing on screen.
NON_JOINING = frozenset("اآأإدذرزژوؤءة")
_VERB_PREFIXES = ("نمی", "می")
_PERSON_ENDINGS = ("", "م", "ی", "د", "یم", "ید", "ند")
_SUFFIX_AFTER_HE = ("ای", "اش", "ام", "ات", "اند")  # «زمینه‌ای», «خانه‌اش»: only after a final «ه»


def fa_digits(text: str) -> str:
    """Latin digits as Persian digits, for the bot's own Persian texts."""
    return text.translate(_FA_DIGITS)


def strip_zwnj(text: str) -> str:
    return text.replace(ZWNJ, "")


FREQUENT = 100_000  # hazm's corpus count of a common word (its list holds rare and spoken spellings too)
_UNFOLDED = {"ا": ("آ",), "ی": ("ئ",)}  # a folded letter → the letters it may have been


@dataclass(slots=True)
class Lexicon:
    """What hazm knows about spelling: plain words, half-spaced words, suffixes, verbs."""

    plain: AbstractSet[str]  # words hazm writes without a half-space
    common: dict[str, int]  # the plain words hazm has seen in its corpus, with their frequency
    spaced: dict[str, tuple[str, int]]  # joined spelling → (hazm's half-spaced spelling, its frequency)
    suffixes: tuple[str, ...]  # split off with a half-space, longest first
    roots: frozenset[str]  # verb roots (present and past)
    _cache: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_hazm(cls) -> Lexicon:
        """Read hazm's word list, suffixes and verb roots."""
        from hazm.constants import SUFFIXES
        from hazm.utils import default_words, verbs_list

        plain: set[str] = set()
        common: dict[str, int] = {}
        spaced: dict[str, tuple[str, int]] = {}
        with open(default_words, encoding="utf-8") as fh:
            for line in fh:  # «word<TAB>count<TAB>tags», read as a stream: no second copy in memory
                word, _, rest = line.partition("\t")
                count = rest.partition("\t")[0]
                if ZWNJ in word:
                    if word.startswith(ZWNJ) or word.endswith(ZWNJ):
                        continue  # a stray mark in the list, not a spelling
                    n = int(count) if count.isdigit() else 0
                    key = strip_zwnj(word)
                    if n >= spaced.get(key, ("", -1))[1]:
                        spaced[key] = (word, n)
                else:
                    plain.add(word)
                    if count != "0" and count.isdigit():
                        common[word] = int(count)
        roots: set[str] = set()
        for verb in verbs_list():
            roots.update(r for r in verb.split("#") if r)
        # The suffixes hazm's own spacing rules write apart: the plural, comparative and «-گر» families.
        split = sorted((s for s in SUFFIXES if s.startswith(("ها", "تر", "گر"))), key=len, reverse=True)
        return cls(
            plain=plain,  # a set, read only: no frozen copy of 180 000 words
            common=common,
            spaced=spaced,
            suffixes=tuple(split),
            roots=frozenset(roots),
        )

    def with_vocabulary(self, texts: Iterable[str]) -> Lexicon:
        """The lexicon plus the half-spaced words these texts already use («فرصت‌ها»)."""
        spaced = dict(self.spaced)
        for text in texts:
            for word in WORD.findall(text):
                if ZWNJ in word:
                    spaced.setdefault(strip_zwnj(word), (word, 1))
        return Lexicon(self.plain, self.common, spaced, self.suffixes, self.roots)

    def known(self, word: str) -> bool:
        return word in self.plain or word in self.spaced

    def frequent(self, word: str) -> bool:
        """Whether hazm's corpus holds ``word`` often (``FREQUENT`` times or more): a common word
        of the language («استاد»), not a rare or spoken spelling («جداگونه»)."""
        return self.common.get(word, 0) >= FREQUENT

    def known_folded(self, word: str) -> bool:
        """Whether ``word``, its letters folded as questions are («آینده» → «اینده», «مسئول» →
        «مسیول»), is a word of hazm's list: as it is, or with one «ا» read «آ» or one «ی» read «ئ»."""
        if self.known(word):
            return True
        return any(
            self.known(f"{word[:i]}{full}{word[i + 1 :]}")
            for i, letter in enumerate(word)
            for full in _UNFOLDED.get(letter, ())
        )

    def is_word(self, word: str) -> bool:
        """Whether ``word`` (half-spaces removed) is a whole word: known to hazm, a known
        stem with a suffix or an ezafe «ی» («دستاوردها», «گفت‌وگوی»), or a verb form."""
        if self.known(word):
            return True
        for prefix in _VERB_PREFIXES:
            if word.startswith(prefix) and self._verb_form(word[len(prefix) :]):
                return True
        if self._verb_form(word) or self._verb_form(word.removeprefix("ن")):
            return True
        for suffix in (*self.suffixes, *_SUFFIX_AFTER_HE, "ی", "یی", "ست", "ان", "ات", "گان"):
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and len(stem) >= 2 and self.known(stem):
                return True
        return False

    def word(self, word: str) -> str:
        """The display spelling of one word: the same letters, half-spaces inserted."""
        if ZWNJ in word or len(word) < 3:
            return word
        cached = self._cache.get(word)
        if cached is None:
            cached = self._word(word)
            if len(self._cache) < 50_000:
                self._cache[word] = cached
        return cached

    def _word(self, word: str) -> str:
        alt = self.spaced.get(word)
        if word in self.common:  # a word hazm has seen written this way stays, unless it saw the other more
            return alt[0] if alt and alt[1] > self.common[word] else word
        if alt:
            return alt[0]
        # «آنهاست»: a known word and the copula «ست» – the word's own spelling
        if word.endswith("ست") and self.known(word[:-2]):
            return self.word(word[:-2]) + "ست"
        for prefix in _VERB_PREFIXES:
            rest = word[len(prefix) :]
            if word.startswith(prefix) and len(rest) >= 2 and self._verb_form(rest):
                return prefix + ZWNJ + rest
        for suffix in self.suffixes:
            stem = word[: -len(suffix)]
            if not word.endswith(suffix) or not self.known(stem):
                continue
            # «ها» after any known stem («شب‌ها»); «تر», «گر» only after a longer, common one
            # («حمایت‌گری»), as short stems make false splits («مستر», «بنگر»)
            if len(stem) >= 2 if suffix.startswith("ها") else (len(stem) >= 4 and stem in self.common):
                return _join(self.word(stem), suffix)
        for suffix in _SUFFIX_AFTER_HE:
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and stem.endswith("ه") and len(stem) >= 3 and self.known(stem):
                return _join(self.word(stem), suffix)
        return word

    def _verb_form(self, rest: str) -> bool:
        """A root with a personal ending: «شود», «توان», «گفتند»."""
        return any(rest.endswith(end) and rest[: len(rest) - len(end)] in self.roots for end in _PERSON_ENDINGS)

    def text(self, text: str) -> str:
        """Every word of ``text`` in its display spelling (only half-spaces are added)."""
        return WORD.sub(lambda m: self.word(m.group()), text)

    def changes(self, text: str) -> list[tuple[str, str]]:
        """The words of ``text`` the display form would write differently (seed → display)."""
        return [(w, self.word(w)) for w in WORD.findall(text) if self.word(w) != w]


def _join(stem: str, suffix: str) -> str:
    return stem + ("" if stem[-1] in NON_JOINING else ZWNJ) + suffix


_LEXICON: Lexicon | None = None
_LOCK = threading.Lock()


def lexicon() -> Lexicon:
    """hazm's lexicon, read once per process."""
    global _LEXICON
    if _LEXICON is None:
        with _LOCK:
            if _LEXICON is None:
                _LEXICON = Lexicon.from_hazm()
    return _LEXICON


@dataclass(frozen=True, slots=True)
class DisplayArticle:
    """The article's passages in display spelling, and the lexicon that spelled them."""

    article: Article
    lexicon: Lexicon
    passages: dict[str, str]  # passage id → display text

    @property
    def title(self) -> str:
        return self.passages.get("title", self.article.title)

    def passage(self, passage_id: str) -> str | None:
        return self.passages.get(passage_id)

    def text(self, text: str) -> str:
        """Any text (a table phrasing, a label) in display spelling."""
        return self.lexicon.text(text)


@lru_cache(maxsize=8)
def display_article(article: Article) -> DisplayArticle:
    """The article in display spelling; built once per article (the cache key is its
    content), so a reload with the same article costs nothing."""
    lex = lexicon().with_vocabulary(p.text for p in article.passages)
    passages = {p.id: lex.text(p.text) for p in article.passages}
    return DisplayArticle(article, lex, passages)


def locate(display: str, seed: str, start: int = 0) -> tuple[int, int] | None:
    """Where the seed text ``seed`` lies in ``display`` (which may add half-spaces
    inside it): (start, end) in ``display``, or None."""
    if not seed:
        return None
    pattern = f"{ZWNJ}?".join(re.escape(c) for c in strip_zwnj(seed))
    m = re.compile(pattern).search(display, start)
    return (m.start(), m.end()) if m else None
