"""Persian text normalisation for matching, built on hazm.

``PersianNormalizer.normalize`` turns what people really type into one canonical
spelling: Arabic letters and digits, half-spaces, diacritics, tatweel, repeated
letters, punctuation and common colloquial forms all collapse to the same text.
``PersianNormalizer.terms`` goes one step further and returns the canonical terms
the matcher compares: stems of content words, question-word classes (which carry
meaning and are never dropped) and function words marked as such.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from hazm import Normalizer as HazmNormalizer
from hazm import Stemmer as HazmStemmer

ZWNJ = "\u200c"
MAX_CHARS = 1000  # longer input is matched on this prefix only

_CHAR_MAP = str.maketrans(
    {
        "ي": "ی", "ى": "ی", "ئ": "ی", "ۍ": "ی", "ې": "ی", "ے": "ی",
        "ك": "ک", "ڪ": "ک",
        "ة": "ه", "ۀ": "ه", "ہ": "ه", "ە": "ه", "ھ": "ه",
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
        "ؤ": "و", "ۄ": "و",
        "ء": "",
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        "ـ": "",  # tatweel
        "\u0654": "", "\u0655": "",  # hamza above/below (ezafe «هٔ»)
    }
)
# Diacritics (harakat, superscript alef, Quranic marks) and invisible format characters
# other than the half-space, which carries word structure and is handled separately.
_DROP = re.compile(r"[\u064B-\u065F\u0670\u06D6-\u06ED\u200b\u200d-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]")
_PUNCT = re.compile(r"[^\w\s\u200c]|_")
_EZAFE_YE = re.compile(r"ه\u200cی(?=\s|$)")  # «خانه‌ی» → «خانه», the third ezafe spelling
_REPEATS = re.compile(r"(.)\1{2,}")
_SPACES = re.compile(r"\s+")

# Colloquial and variant spellings → formal written form (after letter normalisation,
# half-spaces removed).
COLLOQUIAL: dict[str, str] = {
    "چیه": "چیست", "چیا": "چه", "چی": "چه", "چیو": "چه", "چیکار": "چه کار", "چکار": "چه کار",
    "کیه": "کیست", "کیا": "چه کسانی", "کیان": "کیستند",
    "کدوم": "کدام", "کدوما": "کدام", "کدومه": "کدام است", "کدوماش": "کدام",
    "چجوری": "چگونه", "چطوری": "چگونه", "چطور": "چگونه", "چهجوری": "چگونه", "چهطور": "چگونه", "چطوره": "چگونه است",
    "کجاست": "کجا است", "کجان": "کجا هستند", "کجاس": "کجا است",
    "چقد": "چقدر", "چقده": "چقدر است",
    "واسه": "برای", "واسهی": "برای", "واسش": "برایش", "بخاطر": "به خاطر",
    "هستن": "هستند", "بودن": "بودند", "شدن": "شدند", "کردن": "کردند",
    "میکنه": "میکند", "میکنن": "میکنند", "میشه": "میشود", "میشن": "میشوند",
    "میده": "میدهد", "میدن": "میدهند", "میگه": "میگوید", "میگن": "میگویند", "گفته": "گفته",
    "داره": "دارد", "دارن": "دارند", "نداره": "ندارد", "شده": "شده", "چیز": "چیز",
    "اینا": "اینها", "اونا": "آنها", "اون": "آن", "اونها": "آنها", "این": "این",
    "وزارتخونه": "وزارتخانه", "وزارتخونهها": "وزارتخانهها", "وزارتخونه‌ها": "وزارتخانهها",
    "اس": "است", "ــه": "است",
    "بین‌الملل": "بینالملل", "بینالمللیه": "بینالمللی",
    "تاسیس": "تأسیس", "تاثیر": "تأثیر", "تامین": "تأمین",
    "مسئولیت": "مسولیت", "مسوولیت": "مسولیت", "مسئول": "مسول", "مسوول": "مسول",
    "ایدیولوژیک": "ایدئولوژیک", "ایدولوژیک": "ایدئولوژیک",
}
COLLOQUIAL = {k.translate(_CHAR_MAP).replace(ZWNJ, ""): v.translate(_CHAR_MAP).replace(ZWNJ, "") for k, v in COLLOQUIAL.items()}

# Question words map to classes; multi-word forms are matched first.
QUESTION_PHRASES: tuple[tuple[str, str], ...] = (
    ("به چه دلیل", "why"), ("به چه علت", "why"), ("به چه خاطر", "why"), ("برای چه", "why"), ("از چه رو", "why"),
    ("چه سالی", "when"), ("چه زمانی", "when"), ("چه وقتی", "when"), ("چه وقت", "when"), ("چه تاریخی", "when"),
    ("کدام سال", "when"), ("چه سال", "when"), ("از کی", "when"), ("سال چند", "when"),
    ("چه کسی", "who"), ("چه کسانی", "who"), ("چه فردی", "who"), ("چه شخصی", "who"),
    ("چه مقدار", "howmuch"), ("چه تعداد", "howmuch"), ("چند تا", "howmuch"),
    ("به چه صورت", "how"), ("به چه شکل", "how"), ("چه جوری", "how"), ("چه طور", "how"), ("چه طوری", "how"),
    ("در کجا", "where"), ("چه جایی", "where"),
)
QUESTION_WORDS: dict[str, str] = {
    "کیست": "who", "کیستند": "who",
    "کی": "who_when",
    "چرا": "why", "علت": "why", "دلیل": "why", "چرایی": "why",
    "چگونه": "how",
    "کجا": "where",
    "چند": "howmuch", "چقدر": "howmuch",
    "چیست": "what", "چه": "what", "کدام": "what", "چیستند": "what", "کدامند": "what",
    "ایا": "yesno",
}
# Classes that say what kind of fact is asked for; a mismatch with an entry counts against it.
STRONG_CLASSES = frozenset({"who", "when", "why", "where", "howmuch", "how"})

# Function words: kept (they help fuzzy phrase similarity) but weigh little in matching.
FUNCTION_WORDS = frozenset(
    """از به در با و که را این آن است هست هستند بود بودند شد شدند شده می میشود را ها های ای ی
    برای تا یا هم نیز اما ولی را رو رو چه ای اینها آنها انها او وی ما من تو شما ایشان اون
    یک دو سه هر همه بر بین درباره مورد دارد دارند کرد کردند کند کنند میکند میکنند گفت گفته
    مورد توسط طی پیش پس خود خودش همین همان چیز کار_ را بگو بگید بگویید لطفا لطفاً توضیح
    بده بدهید دهید میخواهم میخوام بدونم بدانم اطلاعات میدونی میدانید یعنی خب خوب اصلا
    """.split()
) - {"کار_"}

_HAZM_SPACING = HazmNormalizer(
    correct_spacing=True,
    remove_diacritics=True,
    remove_specials_chars=True,
    decrease_repeated_chars=True,
    persian_style=False,
    persian_numbers=False,
    unicodes_replacement=True,
    seperate_mi=True,
)


@dataclass(frozen=True, slots=True)
class Terms:
    """The matchable content of one text."""

    words: tuple[str, ...]  # canonical stems of every word, in order (function words included)
    content: tuple[str, ...]  # stems of the words that carry meaning, in order
    classes: frozenset[str]  # question-word classes found ("who", "when", "why", …)
    text: str  # the normalised text, words joined by single spaces


class PersianNormalizer:
    """Canonicalises Persian text the way users really type it."""

    def __init__(self, lexicon: frozenset[str] = frozenset()) -> None:
        """``lexicon``: the known canonical words (those of the article and the table).
        Two adjacent tokens that join into a known word are merged («بین المللی» →
        «بینالمللی»), and a suffix is stripped only when what remains is a known word,
        so names such as «فروزان» are never cut down."""
        self._stemmer = HazmStemmer()
        self.lexicon = lexicon
        self._terms = lru_cache(maxsize=16384)(self._terms_uncached)

    def with_lexicon(self, words: frozenset[str]) -> PersianNormalizer:
        """A normaliser that knows these words as well."""
        return PersianNormalizer(self.lexicon | words)

    def normalize(self, text: str) -> str:
        """Return the canonical spelling of ``text``: one line, single spaces, no
        half-spaces inside words, formal forms of colloquial words."""
        return " ".join(self.tokens(text))

    def tokens(self, text: str) -> list[str]:
        """Canonical word tokens of ``text`` (no stemming)."""
        return list(self._terms(text[:MAX_CHARS]).words_raw)

    def terms(self, text: str) -> Terms:
        """The matchable terms of ``text`` (only its first ``MAX_CHARS`` characters)."""
        return self._terms(text[:MAX_CHARS]).terms

    def stem(self, word: str) -> str:
        """Stem one canonical word: the shortest known word left after stripping a
        suffix (hazm's stem among the candidates); plural suffixes always go."""
        if len(word) < 4 or word.isdigit() or word.isascii():
            return word
        candidates = [word[: -len(s)] for s in _SUFFIXES if word.endswith(s) and len(word) - len(s) >= 2]
        candidates.append(self._stemmer.stem(word))
        known = [c for c in candidates if c in self.lexicon and len(c) >= 2]
        if known:
            return min(known, key=len)
        for plural in ("هایی", "های", "ها"):
            if word.endswith(plural) and len(word) - len(plural) >= 2:
                return word[: -len(plural)]
        return word

    # -- internals -------------------------------------------------------------------

    def _terms_uncached(self, text: str) -> _Analysis:
        words = self._canonical_words(text)
        merged = _merge_compounds(words, self.lexicon)
        spoken = " ".join(COLLOQUIAL.get(w, w) for w in merged)
        classes: set[str] = set()
        for phrase, cls in QUESTION_PHRASES:
            if phrase in spoken and re.search(rf"(?:^| ){re.escape(phrase)}(?: |$)", spoken):
                classes.add(cls)
                spoken = re.sub(rf"(?:^| ){re.escape(phrase)}(?= |$)", f" ؟{cls}", spoken)
        raw: list[str] = []
        stems: list[str] = []
        content: list[str] = []
        for word in spoken.split():
            if word.startswith("؟"):
                raw.append(word)
                stems.append(word)
                continue
            raw.append(word)
            cls = QUESTION_WORDS.get(word)
            if cls is not None:
                classes.add(cls)
                stems.append("؟" + cls)
                continue
            stem = self.stem(word)
            stems.append(stem)
            if word not in FUNCTION_WORDS and stem not in FUNCTION_WORDS:
                content.append(stem)
        terms = Terms(words=tuple(stems), content=tuple(content), classes=frozenset(classes), text=" ".join(raw))
        return _Analysis(words_raw=tuple(w for w in raw if not w.startswith("؟")) or (), terms=terms)

    def _canonical_words(self, text: str) -> list[str]:
        text = unicodedata.normalize("NFKC", text)
        text = "".join(ch if unicodedata.category(ch)[0] != "C" or ch in "\u200c\n\t" else " " for ch in text)
        text = _DROP.sub("", text).translate(_CHAR_MAP).lower()
        text = _REPEATS.sub(r"\1", text)
        text = _PUNCT.sub(" ", text)
        try:
            text = _EZAFE_YE.sub("ه", _HAZM_SPACING.normalize(text))
        except Exception:  # hazm's regexes are not ours to vouch for; never let them break a reply
            pass
        text = text.translate(_CHAR_MAP)
        return [w.replace(ZWNJ, "") for w in _SPACES.split(text.replace(ZWNJ + " ", " ")) if w.replace(ZWNJ, "")]


@dataclass(frozen=True, slots=True)
class _Analysis:
    words_raw: tuple[str, ...]
    terms: Terms


_SUFFIXES = (
    "هایشان", "هایی", "هایش", "های", "ها", "ترین", "تر", "یی", "ای", "ان", "ات", "ین",
    "یم", "ید", "ند", "ش", "م", "ی",
)
_AFFIXES_AFTER = frozenset({"ها", "های", "هایی", "هایم", "هایش", "ای", "ی", "ام", "اش", "تر", "ترین", "اند", "ایم", "هاست", "هایشان"})
_AFFIXES_BEFORE = frozenset({"می", "نمی", "بی"})


def _merge_compounds(words: list[str], compounds: frozenset[str]) -> list[str]:
    """Join words that people split with a space: affixes (می، ها، های…) and known compounds."""
    out: list[str] = []
    for word in words:
        if out:
            prev = out[-1]
            joined = prev + word
            if (
                word in _AFFIXES_AFTER
                and not prev.isdigit()
                and not prev.isascii()
                or prev in _AFFIXES_BEFORE
                and not word.isascii()
                or joined in compounds
            ):
                out[-1] = joined
                continue
        out.append(word)
    return out
