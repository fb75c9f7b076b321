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
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

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
    "میده": "میدهد", "میدن": "میدهند", "میگه": "میگوید", "میگن": "میگویند",
    "داره": "دارد", "دارن": "دارند", "نداره": "ندارد",
    "اینا": "اینها", "اونا": "آنها", "اون": "آن", "اونها": "آنها",
    "وزارتخونه": "وزارتخانه", "وزارتخونهها": "وزارتخانهها", "وزارتخونه‌ها": "وزارتخانهها",
    "اس": "است",
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
    ("با کی", "who"), ("به کی", "who"), ("برای کی", "who"),
    ("چه مقدار", "howmuch"), ("چه تعداد", "howmuch"), ("چند تا", "howmuch"),
    ("به چه صورت", "how"), ("به چه شکل", "how"), ("چه جوری", "how"), ("چه طور", "how"), ("چه طوری", "how"),
    ("در کجا", "where"), ("چه جایی", "where"), ("از کجا", "whence"),
)
QUESTION_WORDS: dict[str, str] = {
    "کیست": "who", "کیستند": "who",
    "کی": "who_when",
    "چرا": "why", "علت": "why", "دلیل": "why", "چرایی": "why",
    "چگونه": "how",
    "کجا": "where",
    "چند": "howmuch", "چقدر": "howmuch",
    "چیست": "what", "چه": "what", "کدام": "what", "چیستند": "what", "کدامند": "what", "کدامها": "what",
    "کدامیک": "what", "چهها": "what",
    "ایا": "yesno",
}
# A passive verb after «کی» makes it «when», not «who».
_PASSIVE = frozenset({"شد", "شدند", "شده", "شدهاست", "شدهاند", "میشود", "میشوند", "میشد", "گردید", "انجام"})
# Classes that say what kind of fact is asked for; a mismatch with an entry counts against it.
STRONG_CLASSES = frozenset({"who", "when", "why", "where", "whence", "howmuch", "how"})

# Function words: kept (they help fuzzy phrase similarity) but weigh little in matching.
FUNCTION_WORDS = frozenset(
    """از به در با و که را رو این آن است هست هستند بود بودند شد شدند شده می میشود ها های ای ی
    برای تا یا هم نیز اما ولی چه ای اینها آنها انها او وی ما من تو شما ایشان اون اونها
    یک دو هر همه بر درباره مورد دارد دارند داشت داشته کرد کردند کرده کند کنند میکند میکنند
    گفت گفته توسط طی پیش پس خود خودش خودشان همین همان چیز چیزی بگو بگید بگویید بگین لطفا
    توضیح بده بدهید دهید میخواهم میخوام بخوام بدونم بدانم میدونی میدانید میدونید اطلاعات
    یعنی خب خوب اصلا اصلاً یه یک جور جوری اینقدر انقدر اینهمه آنقدر خیلی بسیار الان حالا
    دقیقا دقیقاً واقعا واقعاً مثلا مثلاً باید میتوان میشه بوده باشد باشند شود شوند نیست
    نیستند آیا اینکه آنکه وقتی کسی چیزهایی همچنین البته فقط دیگر دیگه بعد قبل اینجا آنجا
    سلام راجع راجب مربوط ربط درمورد بابت گزارش خبر متن مقاله مطلب مصاحبه‌ای اونجا ازش بهش
    باهاش باهاشون براش براشون توش رویش روش ازشون بهشون شون ش
    """.split()
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

    def __init__(self, lexicon: frozenset[str] = frozenset(), synonyms: dict[str, str] | None = None) -> None:
        """``lexicon``: the known canonical words (those of the article and the table).
        Two adjacent tokens that join into a known word are merged («بین المللی» →
        «بینالمللی»), and a suffix is stripped only when what remains is a known word,
        so names such as «فروزان» are never cut down. ``synonyms`` maps canonical words
        (or phrases) to the one the table uses («تأسیس» → «تشکیل»)."""
        self._stemmer = HazmStemmer()
        self.lexicon = lexicon
        self.synonyms = dict(synonyms or {})
        self._lexicon_list = sorted(w for w in lexicon if len(w) >= 6)
        self._synonym_phrases = sorted((k for k in self.synonyms if " " in k), key=len, reverse=True)
        self._terms = lru_cache(maxsize=16384)(self._terms_uncached)

    def with_lexicon(self, words: frozenset[str], synonyms: dict[str, str] | None = None) -> PersianNormalizer:
        """A normaliser that knows these words (and synonyms) as well."""
        return PersianNormalizer(self.lexicon | words, {**self.synonyms, **(synonyms or {})})

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

    def _split_run_on(self, word: str) -> list[str]:
        """«مصاحبهشونده» → «مصاحبه», «شونده» when only the two halves are known words."""
        if len(word) < 6 or word in self.lexicon or not self.lexicon or word.isascii():
            return [word]
        for i in range(2, len(word) - 1):
            if word[:i] in self.lexicon and word[i:] in self.lexicon and min(i, len(word) - i) >= 3:
                return [word[:i], word[i:]]
        return [word]

    def _unknown_verb(self, stem: str) -> bool:
        # A verb form the table never uses («میذارن», «نمیدونم») says how, not what:
        # it must not count as an unknown topic word.
        return bool(self.lexicon) and stem not in self.lexicon and stem.startswith(("می", "نمی", "بی"))

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
            ):
                hit = process.extractOne(joined, self._lexicon_list, scorer=Levenshtein.distance, score_cutoff=1)
                if hit:
                    out[-1] = hit[0]
                    continue
            out.append(word)
        return out

    def _misspelt_question_word(self, word: str) -> str | None:
        """«چیستت», «کیسن» → the class of the question word one typo away."""
        if len(word) < 4 or word in self.lexicon:
            return None
        for known, cls in QUESTION_WORDS.items():
            if len(known) >= 4 and Levenshtein.distance(word, known, score_cutoff=1) <= 1:
                return cls
        return None

    def _terms_uncached(self, text: str) -> _Analysis:
        words = self._canonical_words(text)
        # joining can make a new run of letters («ی.ی.ی» → «ییی»): squash it as well
        merged = [_REPEATS.sub(r"\1", w) for w in self._repair_splits(_merge_compounds(words, self.lexicon))]
        spoken = " ".join(self.synonyms.get(w, w) for w in (_colloquial(w) for w in merged))
        for phrase in self._synonym_phrases:
            if phrase in spoken:
                spoken = re.sub(rf"(?:^| ){re.escape(phrase)}(?= |$)", " " + self.synonyms[phrase], spoken).strip()
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
            cls = QUESTION_WORDS.get(word) or self._misspelt_question_word(word)
            if cls is not None:
                classes.add(cls)
                stems.append("؟" + cls)
                continue
            for piece in self._split_run_on(word):
                stem = self.stem(piece)
                stem = self.synonyms.get(stem, stem)
                stems.append(stem)
                if not _is_function_word(piece, stem) and not self._unknown_verb(stem):
                    content.append(stem)
        if "who_when" in classes and _PASSIVE & set(raw):
            # «کی تشکیل شد؟» asks when; «کی منتشر کرده؟» who
            classes.discard("who_when")
            classes.add("when")
            stems = ["؟when" if w == "؟who_when" else w for w in stems]
        if not content:  # «تو کی هستی», «خوبی؟», «چطوری؟»: the function words are what it says
            content = [w for w in stems if not w.startswith("؟")] or list(stems)
        terms = Terms(words=tuple(stems), content=tuple(content), classes=frozenset(classes), text=" ".join(raw))
        return _Analysis(words_raw=tuple(w for w in raw if not w.startswith("؟")), terms=terms)

    def _canonical_words(self, text: str) -> list[str]:
        hazm = _hazm_characters()
        text = hazm.unicodes_replacement(unicodedata.normalize("NFKC", text))  # ligatures, «﷼»
        text = "".join(ch if unicodedata.category(ch)[0] != "C" or ch in "\u200c\n\t" else " " for ch in text)
        text = _EZAFE_YE.sub("ه", hazm.remove_diacritics(text))
        text = _DROP.sub("", text).translate(_CHAR_MAP).lower()
        text = _REPEATS.sub(r"\1", text)
        text = _PUNCT.sub(" ", text)
        return [w.replace(ZWNJ, "") for w in _SPACES.split(text.replace(ZWNJ + " ", " ")) if w.replace(ZWNJ, "")]


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


def _is_function_word(word: str, stem: str) -> bool:
    """A function word, also with an indefinite or plural ending («ربطی», «چیزهایی»)."""
    if word in FUNCTION_WORDS or stem in FUNCTION_WORDS:
        return True
    for ending in ("ی", "ای", "هایی", "ها"):
        if word.endswith(ending) and word[: -len(ending)] in FUNCTION_WORDS:
            return True
    return False


def _colloquial(word: str) -> str:
    """The written form of a spoken word («کیه» → «کیست», «چیکارشونه» → «چه کار»)."""
    if word in COLLOQUIAL:
        return COLLOQUIAL[word]
    if word.startswith(("چیکار", "چکار")) and len(word) > 5:
        return "چه کار"
    return word


@dataclass(frozen=True, slots=True)
class _Analysis:
    words_raw: tuple[str, ...]
    terms: Terms


_SUFFIXES = (
    "هایشان", "هایی", "هایش", "های", "ها", "ترین", "تر", "یی", "ای", "ان", "ات", "ین",
    "یم", "ید", "ند", "ش", "م", "ی",
    # spoken plurals and possessives: «سازمانا», «دولتای», «کارش», «مشکلاتشون»
    "ا", "اشون", "شون", "شان", "مون", "تون", "اش",
    # spoken «است» glued on: «جزوشونه», «چیکارشه», «مهمه»
    "شونه", "شه", "ه", "ست",
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
                or prev == "بین" and word.startswith("الملل")  # «بین المللی» → «بینالمللی»
            ):
                out[-1] = joined
                continue
        out.append(word)
    return out
