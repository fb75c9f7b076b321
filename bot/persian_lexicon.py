"""Persian language knowledge for the normaliser, read from ``bot/lang/fa/``.

``PersianLexicon`` turns the data files into the lookups the rules of
``bot.normalize`` need: letter folding, spoken → written forms, question words and
their classes, function words, synonym groups and affixes. It holds words only; what
to do with them is the normaliser's business.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from bot.language import LanguageData, load_language
from bot.layout import Keyboard

ZWNJ = "\u200c"
NONE = "NONE"  # a replacement that removes the letter


@dataclass(frozen=True, slots=True)
class PersianLexicon:
    """The Persian word lists and maps, in the forms the normaliser compares."""

    letters: dict[int, str]  # for str.translate
    colloquial: dict[str, str]
    question_phrases: tuple[tuple[str, str], ...]  # multi-word, longest first
    question_words: dict[str, str]
    passive: frozenset[str]
    function_words: frozenset[str]
    synonyms: tuple[tuple[str, ...], ...]
    suffixes: tuple[str, ...]
    plurals: tuple[str, ...]
    glue_after: frozenset[str]
    glue_before: frozenset[str]
    glued: frozenset[str]  # short words typed glued to a word of substance («خبرچیه»)
    verb_prefixes: tuple[str, ...]
    verb_endings: frozenset[str]  # personal endings: no suffix is stripped before one
    ezafe: tuple[str, ...]  # endings linking a noun to the next word, or making it indefinite
    degree: tuple[str, ...]  # endings of degree («ترین»): a ranking, not the plain word
    negation: tuple[str, ...]  # prefixes of «without», «not» («بی‌دردسر»): the topic is the rest …
    not_negated: frozenset[str]  # … unless the word is one of its own («بیکاری»: unemployment)
    not_spoken: frozenset[str]  # words of their own, never a spoken form with an ending («بدنه»)
    copula: tuple[str, ...]  # spoken endings, longest first
    in_text: frozenset[str]  # after a where-word, words that make it ask where in the text («کجا گفته»)
    tail: frozenset[str]  # last, after a question word or verb, words that only press («… چیان دیگه»)
    done_to_person: frozenset[str]  # nouns whose passive is done to a person: «کی مصاحبه شده» asks who
    compounds: frozenset[str]  # words people split with a space, joined («بینالمللی»)
    beyond: tuple[str, ...]  # words that ask for what an article seldom says (a date, an example)
    homophones: dict[str, str]  # a letter → the letters that sound like it («ص» → «ثس»)
    numbers: dict[str, int]  # number words → their value («نود» → 90)
    neighbours: dict[str, str]  # a letter → the letters of the keys beside its key («ی» → «سب»)

    @classmethod
    def from_data(cls, data: LanguageData) -> PersianLexicon:
        """Build the lookups from loaded language data."""
        letters = str.maketrans({k: "" if v == NONE else v for k, v in data.pairs("fa/letters.txt")})

        def fold(text: str) -> str:
            return " ".join(text.translate(letters).replace(ZWNJ, "").split())

        phrases: list[tuple[str, str]] = []
        words: dict[str, str] = {}
        for cls_name, items in data.sections("fa/question_words.txt").items():
            for item in items:
                key = fold(item)
                if " " in key:
                    phrases.append((key, cls_name))
                else:
                    words.setdefault(key, cls_name)
        phrases.sort(key=lambda p: -len(p[0]))
        affixes = data.sections("fa/affixes.txt")
        homophones = {
            letter: "".join(other for other in group if other != letter)
            for group in data.groups("fa/homophones.txt")
            for letter in group
        }
        return cls(
            letters=letters,
            colloquial={fold(k): fold(v) for k, v in data.pairs("fa/colloquial.txt")},
            question_phrases=tuple(phrases),
            question_words=words,
            passive=frozenset(fold(w) for w in data.items("fa/passive_verbs.txt")),
            function_words=frozenset(fold(w) for w in data.items("fa/function_words.txt")),
            synonyms=data.groups("fa/synonyms.txt"),
            suffixes=tuple(fold(s) for s in affixes["suffixes"]),
            plurals=tuple(fold(s) for s in affixes["plurals"]),
            glue_after=frozenset(fold(s) for s in affixes["glue_after"]),
            glue_before=frozenset(fold(s) for s in affixes["glue_before"]),
            glued=frozenset(fold(s) for s in affixes["glued"]),
            verb_prefixes=tuple(fold(s) for s in affixes["verb_prefixes"]),
            verb_endings=frozenset(fold(s) for s in affixes["verb_endings"]),
            negation=tuple(fold(s) for s in affixes["negation"]),
            not_negated=frozenset(fold(s) for s in affixes["not_negated"]),
            not_spoken=frozenset(fold(s) for s in affixes["not_spoken"]),
            ezafe=tuple(fold(s) for s in affixes["ezafe"]),
            degree=tuple(fold(s) for s in affixes["degree"]),
            beyond=tuple(data.items("fa/beyond.txt")),
            compounds=frozenset(fold(w).replace(" ", "") for w in data.items("fa/compounds.txt")),
            homophones=homophones,
            numbers={fold(k): int(v) for k, v in data.pairs("fa/numbers.txt")},
            neighbours={
                fold(letter): fold(beside)
                for letter, beside in Keyboard.from_data(data).neighbours().items()
                if fold(letter)
            },
            copula=tuple(sorted((fold(s) for s in data.items("fa/clauses.txt", "copula")), key=len, reverse=True)),
            in_text=frozenset(fold(w) for w in data.items("fa/clauses.txt", "in_text")),
            tail=frozenset(fold(w) for w in data.items("fa/clauses.txt", "tail")),
            done_to_person=frozenset(fold(w) for w in data.items("fa/clauses.txt", "done_to_person")),
        )


@lru_cache(maxsize=1)
def default_lexicon() -> PersianLexicon:
    """The lexicon of the package's own language data (read once, on first use)."""
    return PersianLexicon.from_data(load_language())
