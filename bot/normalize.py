"""Persian text normalisation for matching, built on hazm.

``PersianNormalizer.normalize`` turns what people really type into one canonical
spelling: Arabic letters and digits, half-spaces, diacritics, tatweel, repeated
letters, punctuation and common colloquial forms all collapse to the same text.
``PersianNormalizer.terms`` goes one step further and returns the canonical terms
the matcher compares: stems of content words, question-word classes (which carry
meaning and are never dropped) and function words marked as such.

The words (spoken forms, question words, function words, affixes, synonyms) come from
``bot/lang/fa/`` through ``PersianLexicon``; this module holds the rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from hazm import Normalizer as HazmNormalizer
from hazm import Stemmer as HazmStemmer
from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from bot.persian_lexicon import ZWNJ, PersianLexicon, default_lexicon
from bot.persian_verbs import is_verb_form

MAX_CHARS = 1000  # longer input is matched on this prefix only

# Diacritics (harakat, superscript alef, Quranic marks) and invisible format characters
# other than the half-space, which carries word structure and is handled separately.
_DROP = re.compile(r"[\u064B-\u065F\u0670\u06D6-\u06ED\u200b\u200d-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]")
_PUNCT = re.compile(r"[^\w\s\u200c]|_")
_EZAFE_YE = re.compile(r"ه\u200cی(?=\s|$)")  # «خانه‌ی» → «خانه», the third ezafe spelling
_REPEATS = re.compile(r"(.)\1{2,}")
_SPACES = re.compile(r"\s+")

# Classes that say what kind of fact is asked for; a mismatch with an entry counts against it.
STRONG_CLASSES = frozenset({"who", "when", "why", "where", "whence", "howmany", "howmuch", "how", "do", "about"})
JOINED_PART = 3  # letters of the word of substance in two words typed without a space
MISSING_BASE = 5  # letters: a word this long missing one letter of a known word is read as that word
PERSIAN_LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
SWAP_BASE = 4  # letters: a word this long with two neighbours swapped is read as the known word
HOMOPHONE_BASE = 3  # letters: a shorter word is too often another word
OBJECT_MARKERS = ("رو", "و")  # the spoken «را» glued on («اسمشو», «مقاله‌رو»)
NEGATED_BASE = 3  # letters: a shorter word after «بی» or «نا» is too often part of another word
TWENTY, THOUSAND = 20, 1000  # number words: a run is a number from twenty; «هزار» multiplies
TYPO_BASE = 5  # letters: a shorter rest of a word is too often one letter from another word
SPOKEN_PERSONS = ("م", "یم", "ی", "ین", "ید", "ن")  # person endings a spoken verb stem takes («اومدم», «خوندین»)
CLASS_MARK = "؟"  # a question class among the words: «؟who»


@dataclass(frozen=True, slots=True)
class Terms:
    """The matchable content of one text."""

    words: tuple[str, ...]  # canonical stems of every word, in order (function words included)
    content: tuple[str, ...]  # stems of the words that carry meaning, in order
    classes: frozenset[str]  # question-word classes found ("who", "when", "why", …)
    text: str  # the normalised text, words joined by single spaces


class PersianNormalizer:
    """Canonicalises Persian text the way users really type it."""

    def __init__(
        self,
        lexicon: frozenset[str] = frozenset(),
        synonyms: dict[str, str] | None = None,
        language: PersianLexicon | None = None,
        dictionary: Callable[[str], bool] | None = None,
        frequent: Callable[[str], bool] | None = None,
    ) -> None:
        """``lexicon``: the known canonical words (those of the article and the table).
        Two adjacent tokens that join into a known word are merged («بین المللی» →
        «بینالمللی»), and a suffix is stripped only when what remains is a known word,
        so names are never cut down. ``synonyms`` maps canonical words (or phrases) to
        one of their group («تأسیس» → «تشکیل»). ``language``: the word lists (default:
        the package's ``bot/lang/fa``). ``dictionary``: whether a word is a word of the
        language (hazm's word list): such a word is never read as two typed without a space.
        ``frequent``: whether a word is a common one of the language: such a word before an
        ending is never a typo of another («استادمون» is not «افتاد» + «مون»)."""
        self.language = language or default_lexicon()
        self._stemmer = HazmStemmer()
        self.lexicon = lexicon
        self.dictionary = dictionary
        self.frequent = frequent
        self.synonyms = dict(synonyms or {})
        # a phrase typed with half-spaces is one word once they are gone: «مصاحبه‌کننده»
        for phrase, word in list(self.synonyms.items()):
            if " " in phrase:
                self.synonyms.setdefault(phrase.replace(" ", ""), word)
        self._compounds = lexicon | self.language.compounds
        self._lexicon_list = sorted(w for w in lexicon if len(w) >= 6)
        self._typo_targets = sorted(w for w in lexicon if len(w) >= TYPO_BASE)
        self._phrases_by_first: dict[str, list[str]] = {}  # a synonym phrase by its first word
        for phrase in (k for k in self.synonyms if " " in k):
            self._phrases_by_first.setdefault(phrase.split()[0], []).append(phrase)
        self._synonym_words = frozenset(self.synonyms) | frozenset(self.synonyms.values())
        # a noun's plural or linking ending («ها», «ی»), longest first
        self._noun_endings = tuple(sorted({*self.language.plurals, *self.language.ezafe}, key=len, reverse=True))
        self._ending_pattern = f"(?:{'|'.join(map(re.escape, self._noun_endings))})?" if self._noun_endings else ""
        self._question_words = [(w, c) for w, c in self.language.question_words.items() if len(w) >= 4]
        # the words of question phrases («طور» of «چه طور»): no misspelling of another word
        self._phrase_words = frozenset(w for phrase, _ in self.language.question_phrases for w in phrase.split())
        # the suffixes by their last letter, in the file's order: a word is compared only with those it may end in
        self._suffixes_by_last: dict[str, list[str]] = {}
        for suffix in self.language.suffixes:
            self._suffixes_by_last.setdefault(suffix[-1:], []).append(suffix)
        self._function: dict[str, bool] = {}
        self._terms = lru_cache(maxsize=16384)(self._terms_uncached)
        self._stems: dict[str, str] = {}
        self._sounds: dict[str, str] = {}  # word → the word a homophone letter makes of it
        self._joined: dict[str, list[str]] = {}  # word → the two words typed without a space, or itself
        self._glued_ends = tuple(self.language.glued)  # for a quick look before splitting a word
        self._whole: frozenset[str] | None = None  # the words known as they stand (``_known_whole``)
        self._missing: dict[str, frozenset[str]] | None = None  # a known word less one letter → the words
        self._verbs: dict[str, bool] = {}  # word → read as a verb form (its stem is a function of it)

    def with_lexicon(self, words: frozenset[str], synonyms: dict[str, str] | None = None) -> PersianNormalizer:
        """A normaliser that knows these words (and synonyms) as well."""
        synonyms = {**self.synonyms, **(synonyms or {})}
        return PersianNormalizer(self.lexicon | words, synonyms, self.language, self.dictionary, self.frequent)

    def normalize(self, text: str) -> str:
        """Return the canonical spelling of ``text``: one line, single spaces, no
        half-spaces inside words, formal forms of colloquial words."""
        return " ".join(self.tokens(text))

    def tokens(self, text: str) -> list[str]:
        """Canonical word tokens of ``text`` (no stemming)."""
        return list(self._terms(text[:MAX_CHARS]).words_raw)

    def words(self, text: str) -> list[str]:
        """The written forms of the words of ``text``, unstemmed and without synonyms:
        cheaper than ``tokens`` when only the vocabulary is wanted."""
        merged = self._repair_splits(self._merge_compounds(self._canonical_words(text[:MAX_CHARS])))
        return " ".join(self._colloquial(_REPEATS.sub(r"\1", w)) for w in merged).split()

    def terms(self, text: str) -> Terms:
        """The matchable terms of ``text`` (only its first ``MAX_CHARS`` characters)."""
        return self._terms(text[:MAX_CHARS]).terms

    def is_verb(self, word: str) -> bool:
        """A conjugated verb, written («آمدم») or spoken: a person ending on a spoken stem
        that ``colloquial.txt`` writes as a verb («اومدم» = «اومد» + «م», «اومد» = «آمد»)."""
        if is_verb_form(word):
            return True
        spoken = self.language.colloquial
        for ending in SPOKEN_PERSONS:
            stem = word[: -len(ending)]
            if not (word.endswith(ending) and stem in spoken):
                continue
            written = spoken[stem].replace(" ", "")
            # the folded letters lost the madda hazm's stems have («امد» is «آمد»)
            if is_verb_form(written + ending) or (written[:1] == "ا" and is_verb_form(f"آ{written[1:]}{ending}")):
                return True
        return False

    def knows(self, word: str) -> bool:
        """Whether ``word`` as typed (its letters folded, no slip repaired) is a word of the
        lexicon, the language, the ``dictionary`` or a verb."""
        return self._of_language("".join(self._canonical_words(word)))

    def _of_language(self, word: str) -> bool:
        """A word of the lexicon, the language, the ``dictionary`` or a verb (``word`` canonical)."""
        return self._known(word) or bool(self.dictionary and self.dictionary(word)) or self.is_verb(word)

    def is_function_word(self, word: str) -> bool:
        """A function word, also with an indefinite or plural ending («ربطی», «چیزهایی»)."""
        found = self._function.get(word)
        if found is None:
            fw = self.language.function_words
            found = word in fw or any(word.endswith(e) and word[: -len(e)] in fw for e in ("ی", "ای", "هایی", "ها"))
            if len(self._function) > 50_000:  # bounded like the stems
                self._function.clear()
            self._function[word] = found
        return found

    def stem(self, word: str) -> str:
        """Stem one canonical word (remembered: the same words come back all the time)."""
        found = self._stems.get(word)
        if found is None:
            if len(self._stems) > 50_000:  # bounded: arbitrary input must not grow it forever
                self._stems.clear()
            found = self._stems[word] = self._stem(word)
        return found

    def _stem(self, word: str) -> str:
        """Stem one canonical word: the shortest known word left after stripping one or
        two suffixes («مشکلاتش» → «مشکل»; hazm's stem among the candidates); a known word
        is not cut below four letters but by a plural («سازمان» stays); plural suffixes
        always go. A word no suffix makes known that is a negation before a known word
        («بیدردسره», ``[negation]`` of affixes.txt) stems to that word."""
        if len(word) < 4 or word.isdigit() or word.isascii():
            return word
        for plural in self.language.plurals:  # «کارها» is «کار» + «ها», not «کاره» + a spoken «ا»
            rest = word[: -len(plural)]
            if word.endswith(plural) and len(rest) >= 3 and (rest in self.lexicon or rest in self.synonyms):
                return rest if rest in self.synonyms else self.stem(rest)
        candidates = self._strip_suffixes(word)
        # a verb's personal ending comes last, with nothing stripped before it: «کارمند» is not «کار» + «م» + «ند»
        endings = self.language.verb_endings
        again = [c for c in candidates if len(c) >= 4 and not any(word == c + e for e in endings)]
        # what is left after one suffix, when it is a known word, is cut no lower than a known
        # word itself: «مالیا» → «مالی» as «مالی» stays «مالی» (not «مال», as in «مال کجاست»)
        # … and a personal ending is never stripped from inside a word: «قدیمی» is not «قد» + «یم» + «ی»
        candidates += [
            c2
            for c in again
            for c2 in self._strip_suffixes(c)
            if (len(c2) >= 4 or c not in self.lexicon) and not any(c == c2 + e for e in endings)
        ]
        candidates.append(self._stemmer.stem(word))
        floor = 4 if word in self.lexicon else 2
        # a word of a synonym group is known too («خارجیه» → «خارجی», which means «بینالمللی»)
        known = [c for c in candidates if (c in self.lexicon or c in self.synonyms) and len(c) >= floor]
        # … and a word of a group before a shorter one of none: «خارجیها» is «خارجی», not «خارج»
        known = [c for c in known if c in self.synonyms] or known
        if known:
            return min(known, key=len)
        # «بیدردسره»: a negation before a known word is about that word
        forms = (word, *candidates)
        for c in () if self.language.not_negated.intersection(forms) else forms:
            for prefix in self.language.negation:
                rest = c[len(prefix) :]
                if c.startswith(prefix) and len(rest) >= NEGATED_BASE and self._known(rest, function=False):
                    return self.stem(rest)
        repaired = self._repair_ending_typo(word)
        if repaired is not None:
            return repaired
        return self.without_plural(word) or word

    def without_plural(self, word: str) -> str | None:
        """``word`` with its plural ending taken off («بحرانها» → «بحران»), leaving two letters or
        more; None when it has none."""
        for plural in self.language.plurals:
            if word.endswith(plural) and len(word) - len(plural) >= 2:
                return word[: -len(plural)]
        return None

    def _repair_ending_typo(self, word: str) -> str | None:
        """«سازمنای» → «سازمان»: a word with an ending whose rest (of ``TYPO_BASE`` letters or
        more) is one typo from a known word (the matcher's fuzzy look-up sees the whole word,
        ending and all, and misses it). None for a known word, a verb form or when no such rest
        is found."""
        if word in self.lexicon or not self._typo_targets or word.startswith(self.language.verb_prefixes):
            return None  # «میخوندن» is a spoken verb, not a typo of «میخورد»
        for rest in self._strip_suffixes(word):
            if self.frequent is not None and self.frequent(rest):
                continue  # «استادمون»: a common word with an ending is no typo («افتاد»)
            if len(rest) >= TYPO_BASE and not self.is_function_word(rest):
                hit = process.extractOne(rest, self._typo_targets, scorer=OSA.distance, score_cutoff=1)
                if hit:
                    return str(hit[0])
        return None

    def forms(self, word: str) -> tuple[str, ...]:
        """A word as typed, its stem, and the word without one ending, known or not
        («راهکاری», «حلش»): the forms a word list is looked up by."""
        return (word, self.stem(word), *self._strip_suffixes(word))

    def without_copula(self, word: str) -> list[str]:
        """``word`` with one spoken ending of «است» or «هستند» taken off («وزیره» → «وزیر»,
        «ایسناست» → «ایسنا»), known or not."""
        return [word[: -len(e)] for e in self.language.copula if e and word.endswith(e) and len(word) - len(e) >= 2]

    def _strip_suffixes(self, word: str) -> list[str]:
        return [
            word[: -len(s)]
            for s in self._suffixes_by_last.get(word[-1:], ())
            if word.endswith(s) and len(word) - len(s) >= 2
        ]

    # -- internals -------------------------------------------------------------------

    def _colloquial(self, word: str) -> str:
        """The written form of a spoken word («کیه» → «کیست»); a glued spoken ending is
        split off first when the rest is a known spoken form («کدومن» → «کدام») or a question
        word («کدامهااند» → «کدامها»)."""
        spoken = self.language.colloquial
        if word in spoken:
            return spoken[word]
        lang = self.language
        if (
            word in self.lexicon
            or word in lang.question_words
            or word in lang.function_words
            or word in lang.not_spoken
        ):
            return word
        for rest in self.without_copula(word):
            # a two-letter word with a two-letter ending is more likely a word of its own: «توان» is no «تو» + «ان»
            if rest in spoken and not (len(rest) == 2 and len(word) >= 4):
                return spoken[rest]
            if rest in lang.question_words and len(rest) >= 3:
                return rest
            # «خونس», «مقالس»: the spoken «است» after a final «ه», which it swallows
            whole = rest + "ه"
            if word.endswith("س") and len(rest) >= 4 and (whole in spoken or whole in self.lexicon):
                return spoken.get(whole, whole)
        # «گفتگوی ما», «اسمشو»: the ezafe, a plural or the object marker on a spoken form
        for ending in (*self._noun_endings, *OBJECT_MARKERS):
            rest = word[: -len(ending)]
            if word.endswith(ending) and len(rest) >= 3 and rest in spoken:
                return spoken[rest]
        return word

    def _known(self, word: str, function: bool = True) -> bool:
        """A word of the lexicon, a synonym, a spoken form, a function (unless not
        ``function``) or question word, or one of those with one ending."""
        lang = self.language
        functions = lang.function_words if function else frozenset()
        return (
            any(
                w in self.lexicon or w in self.synonyms or w in lang.colloquial or w in functions
                for w in (word, *self._strip_suffixes(word))
            )
            or word in lang.question_words
        )

    def _split_joined(self, word: str) -> list[str]:
        """«خبرچیه» → «خبر», «چیه»; «برایکارخونه» → «برای», «کارخونه»: a word found nowhere,
        not even in the ``dictionary``, and no verb, that is a word of substance (``JOINED_PART``
        letters or more) and one of the short words people type glued to it (``[glued]`` of
        affixes.txt) without the space between them; else ``[word]``."""
        found = self._joined.get(word)
        if found is None:
            found = [word]
            glued = self.language.glued
            if (
                glued
                and (word.startswith(self._glued_ends) or word.endswith(self._glued_ends))
                and self.dictionary is not None
                and len(word) >= JOINED_PART + 2
                and self.lexicon
                and not word.isascii()
                and not self._known(word)
                # «بهزیستیه»: a word of the language with an ending is one word too
                and not any(map(self.dictionary, (word, *self._strip_suffixes(word), *self.without_copula(word))))
                and not self.is_verb(word)
            ):
                splits = [
                    (word[:i], word[i:])
                    for i in range(2, len(word) - 1)
                    if (word[:i] in glued and self._substance(word[i:]))
                    or (word[i:] in glued and self._substance(word[:i]))
                ]
                if splits:  # the longest word of substance
                    found = list(max(splits, key=lambda s: max(map(len, s))))
            if len(self._joined) > 50_000:  # bounded like the stems
                self._joined.clear()
            self._joined[word] = found
        return found

    def _substance(self, word: str) -> bool:
        """A known word of ``JOINED_PART`` letters or more (an ending allowed) that is no
        function word and no verb."""
        return (
            len(word) >= JOINED_PART
            and self._known(word, function=False)
            and not self.is_function_word(word)
            and not self.is_verb(word)
        )

    def _known_whole(self, word: str) -> bool:
        """A word of the lexicon, a synonym, a spoken form or a function word as it stands: no
        ending taken off («نهادهایه» of «نهادهاییه» is no word)."""
        return word in self._whole_words()

    def _whole_words(self) -> frozenset[str]:
        if self._whole is None:  # built on first need: most normalisers never meet a slip
            lang = self.language
            self._whole = frozenset().union(self.lexicon, self.synonyms, lang.colloquial, lang.function_words)
        return self._whole

    def _slip(self, word: str) -> str | None:
        """The one whole known word a slip of the thumb made ``word`` of: a letter typed twice,
        two neighbours swapped («ارتابط») or, in a longer word that is no spoken verb, a letter
        left out inside it («سازمنها»); None when there is none or more than one."""
        doubled = {
            alt
            for i in range(1, len(word))
            if word[i] == word[i - 1] and self._known_whole(alt := word[:i] + word[i + 1 :])
        }
        if len(doubled) == 1:
            return doubled.pop()
        swapped = (
            {
                alt
                for i in range(1, len(word))
                if word[i] != word[i - 1]
                and self._known_whole(alt := word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :])
            }
            if len(word) >= SWAP_BASE
            else set()
        )
        if len(swapped) == 1:
            return swapped.pop()
        # a spoken verb («میاره») is often a letter shorter than a written one
        if swapped or len(word) < MISSING_BASE or word.startswith(self.language.verb_prefixes):
            return None
        missing = self._missing_one().get(word, frozenset())
        return next(iter(missing)) if len(missing) == 1 else None

    def _missing_one(self) -> dict[str, frozenset[str]]:
        """Each whole known word with one letter inside it left out → the words it may be."""
        if self._missing is None:
            self._missing = _missing_one_index(self._whole_words())
        return self._missing

    def _homophone(self, word: str) -> str:
        """«تاصیر» → «تاثیر»: a word found nowhere that one letter swapped for a letter
        sounding like it (homophones.txt) makes into one known word, or a slip of the thumb
        (``_slip``: «کارخوونه» → «کارخونه») or of a key beside the one meant (the keyboard's
        neighbours: «ارتبلط» → «ارتباط»); else ``word``."""
        found = self._sounds.get(word)
        if found is None:
            found = word
            swaps = self.language.homophones
            unknown = bool(self.lexicon) and not word.isascii() and word not in self._phrase_words
            # a word of the language or a verb («ببخشید», «میکنید») is no slip of the thumb
            unknown = unknown and len(word) >= HOMOPHONE_BASE and not self._of_language(word)
            slipped = self._slip(word) if unknown else None
            if slipped is not None:
                found = slipped
            elif unknown:
                hits = self._one_letter_for(word, swaps)
                if not hits and not word.startswith(self.language.verb_prefixes):
                    # a finger that slipped to the key beside the one it meant («اومذه»); a spoken
                    # verb («میدم») is too near another one
                    hits = self._one_letter_for(word, self.language.neighbours)
                if len(hits) == 1:
                    found = hits.pop()
            if len(self._sounds) > 50_000:  # bounded like the stems
                self._sounds.clear()
            self._sounds[word] = found
        return found

    def _one_letter_for(self, word: str, others: dict[str, str]) -> set[str]:
        """The known words (an ending allowed) that one letter of ``word`` swapped for one of
        ``others[letter]`` makes; a function word with an ending («اصلا» + «ید») is too weak a
        sign of a misspelling to count."""
        return {
            alt
            for i, letter in enumerate(word)
            for other in others.get(letter, "")
            if self._known(alt := f"{word[:i]}{other}{word[i + 1 :]}", function=False)
        }

    def _phrase_pattern(self, phrase: str) -> re.Pattern[str]:
        return _phrase_regex(phrase, self._ending_pattern)

    def _split_run_on(self, word: str) -> list[str]:
        """«مصاحبهشونده» → «مصاحبه», «شونده» when only the two halves are known words."""
        if len(word) < 6 or word in self.lexicon or not self.lexicon or word.isascii():
            return [word]
        for i in range(2, len(word) - 1):
            head, tail = word[:i], word[i:]
            if (
                head in self.lexicon
                and tail in self.lexicon
                and min(i, len(word) - i) >= 3
                # «پیشنهاد» is one word, not «پیش» + «نهاد»: a run-on pair is two words of substance
                and not (self.is_function_word(head) or self.is_function_word(tail))
            ):
                return [head, tail]
        # «مدیرکلکیه»: a known word of four letters or more with a spoken question word glued on
        for i in range(len(word) - 2, 3, -1):
            head, tail = word[:i], word[i:]
            if head in self.lexicon and not self.is_function_word(head) and self._question_class(tail):
                return [head, tail]
        return [word]

    def _question_class(self, word: str) -> str | None:
        """The class of a question word, written or spoken («کیه» → who); None for any other word."""
        lang = self.language
        return lang.question_words.get(word) or lang.question_words.get(lang.colloquial.get(word, ""))

    def _unknown_verb(self, word: str, stem: str) -> bool:
        # A verb form the table never uses («میذارن», «نمیدونم», «قرار گرفتند») says how,
        # not what: it must not count as an unknown topic word.
        if not self.lexicon:
            return False
        found = self._verbs.get(word)
        if found is None:
            if len(self._verbs) > 50_000:  # bounded like the stems
                self._verbs.clear()
            found = self._verbs[word] = self._reads_as_verb(word, stem)
        return found

    def _reads_as_verb(self, word: str, stem: str) -> bool:
        # a verb takes no plural: «کشتهای» is «کشت» + «های», not «کشته» + «ای»
        if any(word.endswith(p) and word[: -len(p)] in self.lexicon for p in self.language.plurals):
            return False
        # a word of a synonym group is a noun, not a verb form it looks like («سود» + «ی», not «سودن»)
        if any(w in self._synonym_words for w in (word, stem, *self._strip_suffixes(word))):
            return False
        if is_verb_form(word) or (stem not in self.lexicon and stem.startswith(self.language.verb_prefixes)):
            return True
        # «میتونیم», «میدیم»: a verb prefix and a personal ending, though a spoken form of the
        # table's («میتونی») is known: a verb, unless the word itself is
        return (
            word not in self.lexicon
            and word.startswith(self.language.verb_prefixes)
            and any(word.endswith(e) for e in self.language.verb_endings)
        )

    def _repair_splits(self, words: list[str]) -> list[str]:
        """Join a typo'd compound split by a space («بین الملی» → «بینالمللی»): two
        neighbours, one of them unknown, that join into a known word but for one typo."""
        if len(words) < 2 or not self.lexicon:
            return words
        out = [words[0]]
        for word in words[1:]:
            prev = out[-1]
            joined = prev + word
            if (
                len(joined) >= 8
                and not (prev in self.lexicon and word in self.lexicon)
                and not prev.isascii()
                and not word.isascii()
                # «خونه از» is a spoken word and a preposition, not «خونهای» split by a typo
                and not any(w in self.language.colloquial or self.is_function_word(w) for w in (prev, word))
            ):
                hit = process.extractOne(joined, self._lexicon_list, scorer=OSA.distance, score_cutoff=1)
                if hit:
                    out[-1] = hit[0]
                    continue
            out.append(word)
        return out

    def _misspelt_question_word(self, word: str) -> str | None:
        """«چیستت», «کیسن» → the class of the question word one typo away."""
        if len(word) < 4 or word in self.lexicon or word in self.language.function_words:
            return None  # «نیست» is not «کیست»
        for known, cls in self._question_words:
            if Levenshtein.distance(word, known, score_cutoff=1) <= 1:
                return cls
        return None

    def _merge_compounds(self, words: list[str]) -> list[str]:
        """Join words that people split with a space: affixes (می، ها، های…) and known compounds."""
        lang = self.language
        out: list[str] = []
        for word in words:
            if out:
                prev = out[-1]
                joined = prev + word
                if (
                    (word in lang.glue_after and not prev.isdigit() and not prev.isascii())
                    or (prev in lang.glue_before and not word.isascii())
                    or joined in self._compounds
                ):
                    out[-1] = joined
                    continue
            out.append(word)
        return out

    def _terms_uncached(self, text: str) -> _Analysis:
        lang = self.language
        words = self._canonical_words(text)
        # joining can make a new run of letters («ی.ی.ی» → «ییی»): squash it as well
        merged = [_REPEATS.sub(r"\1", w) for w in self._repair_splits(self._merge_compounds(words))]
        # spoken forms written out can join into a known compound: «یه جور» → «یک جور» → «یکجور»
        merged = [piece for w in merged for piece in self._split_joined(self._homophone(w))]
        spoken = " ".join(self._merge_compounds(" ".join(self._colloquial(w) for w in merged).split()))
        # question phrases before synonyms change their words («به چه عنوان» is not «تیتر»), and
        # again after them (a synonym's written form may make one)
        classes: set[str] = set()
        spoken = self._mark_question_phrases(spoken, classes)
        written = set(spoken.split())  # before a synonym phrase swallows a verb («تأسیس شده» → «تشکیل»)
        # synonym phrases first, longest first: «اثر گذاشتن» before «اثر»; the last word of a
        # phrase may carry the ezafe or a plural («گفت و گوی»)
        present = {p for w in set(spoken.split()) for p in self._phrases_by_first.get(w, ())}
        for phrase in sorted(present, key=len, reverse=True):
            if phrase in spoken:
                spoken = self._phrase_pattern(phrase).sub(" " + self.synonyms[phrase], spoken).strip()
        spoken = self._mark_question_phrases(" ".join(self.synonyms.get(w, w) for w in spoken.split()), classes)
        raw: list[str] = []
        stems: list[str] = []
        content: list[str] = []
        for word in spoken.split():
            raw.append(word)
            if word.startswith(CLASS_MARK):
                stems.append(word)
                continue
            word_class = lang.question_words.get(word) or self._misspelt_question_word(word)
            if word_class is not None:
                classes.add(word_class)
                stems.append(CLASS_MARK + word_class)
                continue
            for piece in self._split_run_on(word):
                if piece != word and (piece_class := self._question_class(piece)) is not None:
                    classes.add(piece_class)
                    stems.append(CLASS_MARK + piece_class)
                    continue
                stem = self.stem(piece)
                stem = self.synonyms.get(stem, stem)
                stems.append(stem)
                if not (self.is_function_word(piece) or self.is_function_word(stem)) and not self._unknown_verb(
                    piece, stem
                ):
                    content.append(stem)
        # a verb done to a person, its noun right before the passive («مصاحبه شده»), keeps «کی» who
        to_person = any(a in lang.done_to_person and b in lang.passive for a, b in pairwise(raw))
        if "who_when" in classes and lang.passive & (written | set(raw)) and not to_person:
            # «کی تشکیل شد؟» asks when; «کی منتشر کرده؟» who, and so does «کی مصاحبه شده؟»
            classes.discard("who_when")
            classes.add("when")
            stems = [f"{CLASS_MARK}when" if w == f"{CLASS_MARK}who_when" else w for w in stems]
        stems, raw, content = self._without_tail(stems, raw, content)
        stems, said = self._where_in_text(stems, classes)
        stems, mentioned = self._why_mentioned(stems, classes)
        said |= mentioned
        if said:
            content = [w for w in content if w not in said]
        if not content:  # «تو کی هستی», «خوبی؟», «چطوری؟»: the function words are what it says
            content = [w for w in stems if not w.startswith(CLASS_MARK)] or list(stems)
        terms = Terms(words=tuple(stems), content=tuple(content), classes=frozenset(classes), text=" ".join(raw))
        return _Analysis(words_raw=tuple(w for w in raw if not w.startswith(CLASS_MARK)), terms=terms)

    def _without_tail(
        self, stems: list[str], raw: list[str], content: list[str]
    ) -> tuple[list[str], list[str], list[str]]:
        """«چالشاش چیان دیگه؟»: a last word of ``[tail]`` right after a question word or a verb
        only presses for the answer and goes; after a noun («سازمانای دیگه») it stays."""
        if len(stems) < 2 or len(raw) < 2 or raw[-1] not in self.language.tail:
            return stems, raw, content
        before = raw[-2]
        if not (stems[-2].startswith(CLASS_MARK) or self.is_verb(before)):
            return stems, raw, content
        last = stems[-1]
        kept = content[:-1] if content and content[-1] == last else content
        return stems[:-1], raw[:-1], kept

    def _where_in_text(self, stems: list[str], classes: set[str]) -> tuple[list[str], set[str]]:
        """«… کجا گفته شده؟», «اسمش کجای خبره؟»: a where-word followed right away by a word of
        saying or naming the text asks where in the text, which is no place: it is read as
        asking what is said, and the word after it, which names no topic, goes (``classes`` is
        updated in place). The stems, and the words gone."""
        mark = f"{CLASS_MARK}where"
        if "where" not in classes:
            return stems, set()
        said = self.language.in_text
        out: list[str] = []
        gone: set[str] = set()
        skip = False
        for i, word in enumerate(stems):
            if skip:
                skip = False
                continue
            if word == mark and i + 1 < len(stems) and stems[i + 1] in said:
                out.append(f"{CLASS_MARK}what")
                gone.add(stems[i + 1])
                skip = True
                continue
            out.append(word)
        if gone and mark not in out:
            classes.discard("where")
            classes.add("what")
        return out, gone

    def _why_mentioned(self, stems: list[str], classes: set[str]) -> tuple[list[str], set[str]]:
        """«سازمان ملل چرا اسمش اومده؟», «… چرا در خبر آمده؟»: a why-word after what it asks about,
        followed only by words of saying or naming the text (``[in_text]``) and function words,
        asks what the text says of it, not a reason: it is read as asking what, and those words go
        (``classes`` is updated in place). The stems, and the words gone."""
        mark = f"{CLASS_MARK}why"
        if "why" not in classes or stems.count(mark) != 1:
            return stems, set()
        at = stems.index(mark)
        rest = stems[at + 1 :]
        said = self.language.in_text
        if not any(w in said for w in rest) or not all(w in said or self.is_function_word(w) for w in rest):
            return stems, set()
        # «اسمش واسه چی اومده»: with nothing named before it, it names nothing to say anything of
        if not any(w not in said and not w.startswith(CLASS_MARK) and not self.is_function_word(w) for w in stems[:at]):
            return stems, set()
        classes.discard("why")
        classes.add("what")
        gone = {w for w in rest if w in said}
        return [*stems[:at], f"{CLASS_MARK}what", *(w for w in rest if w not in said)], gone

    def _mark_question_phrases(self, spoken: str, classes: set[str]) -> str:
        """``spoken`` with each question phrase («چه سالی») replaced by its class mark, the
        classes found added to ``classes``."""
        for phrase, cls in self.language.question_phrases:
            if phrase in spoken and re.search(rf"(?:^| ){re.escape(phrase)}(?: |$)", spoken):
                classes.add(cls)
                spoken = re.sub(rf"(?:^| ){re.escape(phrase)}(?= |$)", f" {CLASS_MARK}{cls}", spoken).strip()
        return spoken

    def _numbers(self, words: list[str]) -> list[str]:
        """«هزار و سیصد و نود» → «1390»: a run of number words (``numbers.txt``) joined by «و»
        (or a unit right before «هزار») read as one number, when it holds a word of twenty or
        more; a unit alone stays a word («نه» is also «no», «یک» an article)."""
        numbers = self.language.numbers
        if not numbers or numbers.keys().isdisjoint(words):
            return words
        out: list[str] = []
        i = 0
        while i < len(words):
            if words[i] not in numbers:
                out.append(words[i])
                i += 1
                continue
            run, j = [numbers[words[i]]], i + 1
            while j < len(words):
                if words[j] == "و" and j + 1 < len(words) and words[j + 1] in numbers:
                    run.append(numbers[words[j + 1]])
                    j += 2
                elif numbers.get(words[j], 0) >= THOUSAND and run[-1] < THOUSAND:
                    run.append(numbers[words[j]])
                    j += 1
                else:
                    break
            if max(run) < TWENTY:
                out.append(words[i])
                i += 1
                continue
            total = current = 0
            for value in run:
                if value >= THOUSAND:
                    total += (current or 1) * value
                    current = 0
                else:
                    current += value
            out.append(str(total + current))
            i = j
        return out

    def _canonical_words(self, text: str) -> list[str]:
        """The words of ``text`` in canonical letters and digits, number words read as numbers."""
        hazm = _hazm_characters()
        text = hazm.unicodes_replacement(unicodedata.normalize("NFKC", text))  # ligatures, «﷼»
        if not text.replace(ZWNJ, "").replace("\n", "").replace("\t", "").isprintable():
            # a control or format character (not the half-space) is a space; printable text has none
            text = "".join(ch if unicodedata.category(ch)[0] != "C" or ch in "\u200c\n\t" else " " for ch in text)
        text = _EZAFE_YE.sub("ه", hazm.remove_diacritics(text))
        text = _DROP.sub("", text).translate(self.language.letters).lower()
        text = _REPEATS.sub(r"\1", text)
        text = _PUNCT.sub(" ", text)
        return self._numbers(
            [w.replace(ZWNJ, "") for w in _SPACES.split(text.replace(ZWNJ + " ", " ")) if w.replace(ZWNJ, "")]
        )


@lru_cache(maxsize=8192)  # more phrases than re's own cache holds, shared by every normaliser
def _phrase_regex(phrase: str, endings: str) -> re.Pattern[str]:
    """A synonym phrase as a whole-word pattern whose last word may carry one of ``endings``."""
    return re.compile(rf"(?:^| ){re.escape(phrase)}{endings}(?= |$)")


@lru_cache(maxsize=1)
def _hazm_characters() -> HazmNormalizer:
    """hazm's character-level normaliser. Its spacing correction is left off on purpose:
    building it loads hazm's word lists (about a second of start-up), and the spacing it
    fixes is joined here from the article's own vocabulary instead (``_merge_compounds``)."""
    return HazmNormalizer(
        correct_spacing=False,
        seperate_mi=False,
        decrease_repeated_chars=False,
        persian_style=False,
        persian_numbers=False,
    )


@dataclass(frozen=True, slots=True)
class _Analysis:
    words_raw: tuple[str, ...]
    terms: Terms


@lru_cache(maxsize=2)
def _missing_one_index(words: frozenset[str]) -> dict[str, frozenset[str]]:
    """``words`` with one letter inside each left out → the words it may be (a letter more at a
    word's end is an ending, not a slip). Cached: a reload of an unchanged table reuses it."""
    index: dict[str, set[str]] = {}
    for known in words:
        if len(known) > MISSING_BASE:
            for i in range(1, len(known) - 1):
                if known[i] in PERSIAN_LETTERS:
                    index.setdefault(known[:i] + known[i + 1 :], set()).add(known)
    return {k: frozenset(v) for k, v in index.items()}
