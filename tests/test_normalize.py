"""Persian normalisation: what people type collapses to one spelling."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.language import load_language
from bot.layout import Keyboard
from bot.normalize import PersianNormalizer
from bot.persian_verbs import is_verb_form


@pytest.fixture(scope="module")
def plain() -> PersianNormalizer:
    return PersianNormalizer()


@pytest.fixture(scope="module", params=["plain", "engine"])
def norm(request, engine) -> PersianNormalizer:
    """Both the bare normaliser and the engine's (which knows the article's words)."""
    return PersianNormalizer() if request.param == "plain" else engine.persian


SAME = {
    "yeh": ["علي", "علی", "علىی"[:3]],
    "yeh with hamza": ["مسئول", "مسیول"],
    "kaf": ["كار", "کار"],
    "teh marbuta": ["جامعة", "جامعه"],
    "alef forms": ["أمور", "إمور", "امور"],
    "alef madda": ["آمار", "امار"],
    "waw with hamza": ["مسؤول", "مسوول"],
    "ezafe spellings": ["خانهٔ ما", "خانۀ ما", "خانه‌ی ما", "خانه ما"],
    "plural half-space": ["سازمانهای", "سازمان های", "سازمان‌های"],
    "compound half-space": ["بینالمللی", "بین المللی", "بین‌المللی"],
    "verb prefix": ["میشود", "می شود", "می‌شود"],
    "digits": ["۱۳۹۰", "١٣٩٠", "1390"],
    "diacritics": ["تَعاوُن", "تعاون"],
    "tatweel": ["وزارتـــخانه", "وزارتخانه"],
    "repeated letters": ["سلاااام", "سلام"],
    "punctuation": ["فروزان، کیست؟!", "فروزان کیست", "«فروزان» کیست?"],
    "chie": ["چیه", "چیست"],
    "kie": ["کیه", "کیست"],
    "kodoom": ["کدوم", "کدام"],
    "mikone": ["میکنه", "می‌کنه", "میکند"],
    "vezaratkhoone": ["وزارتخونه", "وزارتخانه"],
    "hastan": ["هستن", "هستند"],
    "invisible marks": ["\u200fفروزان\u200e", "\u202bفروزان\u202c", "فروزان"],
}


@pytest.mark.parametrize("case", sorted(SAME))
def test_variants_normalise_to_the_same_text(norm: PersianNormalizer, case: str) -> None:
    forms = {norm.normalize(text) for text in SAME[case]}
    assert len(forms) == 1, (case, forms)


def test_normalised_text_is_single_spaced_and_trimmed(plain: PersianNormalizer) -> None:
    assert plain.normalize("  فروزان \n\t کیست  ") == "فروزان کیست"


def test_question_words_are_kept_as_classes_not_dropped(plain: PersianNormalizer) -> None:
    assert plain.terms("وزارت در چه سالی تشکیل شد؟").classes == {"when"}
    assert plain.terms("چرا سه وزارتخانه ادغام شدند؟").classes == {"why"}
    assert plain.terms("فروزان کیه؟").classes == {"who"}
    assert plain.terms("سازمان کجاست").classes == {"where"}
    assert plain.terms("بودجه چقدر است").classes == {"howmuch"}  # an amount …
    assert plain.terms("چند تا وزارتخونه ادغام شدن").classes == {"howmany"}  # … is not a count
    assert plain.terms("این خبر را کی منتشر کرده").classes == {"who_when"}  # «کی»: who or when …
    assert plain.terms("وزارت کی تشکیل شد").classes == {"when"}  # … but with a passive verb, when
    assert plain.terms("فروزان با کی گفتگو کرد").classes == {"who"}  # … and after «با», who
    assert plain.terms("این اتحادیه چیکار میکنه؟").classes == {"do"}  # what it does …
    assert plain.terms("این آقا چیکاره‌ست؟").classes != {"do"}  # … is not what post he holds


@pytest.mark.parametrize("text", ["هر کدوم برای خودشون ساختمون داشتن", "هیچ‌کدوم نیومدن", "همه چی داشتن", "هرچی گفتن"])
def test_a_question_word_after_each_or_every_asks_nothing(engine, text: str) -> None:
    assert engine.persian.terms(text).classes == frozenset()


def test_a_personal_ending_is_not_stripped_from_inside_a_word(engine) -> None:
    assert engine.persian.stem("قدیمی") != "قد"  # not «قد» + «یم» + «ی»
    assert engine.persian.stem("مالیا") == "مالی"


def test_misspelt_question_word_is_still_a_question_word(engine) -> None:
    assert engine.persian.terms("وظیفه وزارت چیستت").classes == {"what"}


def test_stemming_keeps_names_and_strips_plurals(engine) -> None:
    terms = engine.persian.terms("فروزان درباره چالشهای سازمانها گفت")
    assert "فروزان" in terms.content  # a name is not cut down to «فروز»
    assert "چالش" in terms.content and "سازمان" in terms.content


def test_a_verb_ending_is_not_stripped_after_another_suffix(engine) -> None:
    # «کار» is a word of the article; «کارمند» (an employee) is not «کار» + «م» + «ند»
    assert "کارمند" in engine.persian.terms("چند کارمند دارد").content


def test_spoken_plural_and_glued_verb_reach_the_known_word(engine) -> None:
    assert "سازمان" in engine.persian.terms("سازمانای بین‌المللی").content
    assert "دولت" in engine.persian.terms("دولتا").content


def test_the_spoken_object_marker_glued_on_is_taken_off(engine) -> None:
    # «مطلبو», «مقاله‌رو» are «مطلب را», «مقاله را»; a known word ending in «و» keeps it
    stem = engine.persian.stem
    assert stem("مطلبو") == stem("مطلب") and stem("مقالهرو") == stem("مقاله")
    assert stem("سازمانو") == "سازمان" and stem("گفتگو") == "گفتگو"
    # … and on a spoken form: «اسمشو» is «اسمش را», «نام»
    assert engine.persian.terms("اسمشو بگو").content[0] == engine.persian.terms("اسمش").content[0]


def test_everyday_words_one_letter_from_an_article_word_are_no_topic(engine) -> None:
    # «سوال» is not «سال» (a year), «ببین» not «بین»: they weigh as function words
    content = engine.persian.terms("ببین یه سوال دارم، سازمانا موقع بحران چیکار کردن؟").content
    assert not {"سوال", "ببین", "موقع"} & set(content)
    # «مثال» is a letter from «مالی» (financial), «درست» from «قدرت»: neither may read as them
    assert not {"مثال", "درست"} & set(engine.persian.terms("یه مثال درست بزن از سازمانا").content)


def test_plain_words_older_people_use_are_read_as_the_concepts(engine) -> None:
    terms = engine.persian.terms
    assert terms("انجمنای دنیایی").content[0] == terms("نهادها").content[0]
    assert terms("دستگیری از بیچاره ها").content[0] == terms("حمایتگری").content[0]
    assert terms("زاد و ولد کردن").content == terms("تکثیر").content
    assert terms("ساخته شده").content == terms("تأسیس شده").content


def test_an_idiom_is_read_as_a_whole_not_by_a_word_of_another(engine) -> None:
    # «سر و کله زدن» is dealing with someone; «سر و کله پیدا کردن» is turning up
    terms = engine.persian.terms
    assert terms("سر و کله زدن با سازمانا").content[0] == terms("تعامل با سازمانها").content[0]
    assert terms("سر و کله پیدا کردن").content[0] == terms("ظهور").content[0]
    assert terms("مملکتا").content == terms("کشورها").content


def test_a_spoken_plural_stems_like_the_word_it_is_on(engine) -> None:
    # «کمک مالیا» is «کمک مالی», never «مال» (belonging) as in «این خبر مال کجاست»
    stem = engine.persian.stem
    assert stem("مالیا") == stem("مالی") != stem("مال")


def test_typo_split_compound_is_repaired(engine) -> None:
    assert engine.persian.terms("سازمان بین الملی").content == engine.persian.terms("سازمان بین‌المللی").content


def test_a_spoken_form_or_a_synonym_phrase_with_the_ezafe_is_still_read(engine) -> None:
    # «گفت و گو» and its spellings are one synonym group; the ezafe «ی» does not hide them
    plain = engine.persian.terms("گفت و گو با مدیر").content
    for text in ("گفتگوی با مدیر", "گفت و گوی با مدیر", "گفت‌وگوی با مدیر"):
        assert engine.persian.terms(text).content == plain, text


def test_a_plural_or_a_synonym_is_a_noun_not_a_verb_form(engine) -> None:
    # «نهادهای» could be read «نهاده‌ای» (a form of «نهادن»), «سودی» a form of «سودن»
    assert "نهاد" in engine.persian.terms("نهادهای بین‌المللی").content
    assert engine.persian.terms("چه سودی دارد").content == ("سودی",)


def test_a_word_starting_like_a_subjunctive_verb_is_still_a_topic(engine) -> None:
    # «بیاد» (a form of «آمدن») says how; «بیمه», «بیکاری» are what is asked about
    content = engine.persian.terms("بیمه بیکاری کی بیاد").content
    assert "بیمه" in content and "بیکاری" in content and "بیاد" not in content


def test_a_light_verbs_noun_is_no_topic(engine) -> None:
    # «انجام شده» says that something was done, as «شده» alone does
    assert engine.persian.terms("مصاحبه با کی انجام شده").content == engine.persian.terms("مصاحبه با کی شده").content


def test_a_run_on_pair_is_never_split_off_a_function_word(engine) -> None:
    # «پیشنهاد» is one word even when «پیش» and «نهاد» are both known
    assert "پیش" not in engine.persian.terms("چه پیشنهادی داده").words


def test_a_spoken_word_and_a_preposition_are_not_joined_as_a_split_compound(engine) -> None:
    assert engine.persian.tokens("این وزارتخونه از سال ۹۰") == ["این", "وزارتخانه", "از", "سال", "90"]


def test_synonyms_from_the_table_are_read_as_the_table_word(engine) -> None:
    assert engine.persian.terms("سال تأسیس وزارت").content == engine.persian.terms("سال تشکیل وزارت").content


def test_function_words_only_question_still_has_content(plain: PersianNormalizer) -> None:
    assert plain.terms("تو کی هستی؟").content  # small talk made only of function words


def test_long_input_is_cut_to_a_bounded_prefix(plain: PersianNormalizer) -> None:
    text = "سازمان " * 5000
    assert len(plain.normalize(text)) <= 1000


def test_story_words_weigh_nothing(engine: Engine) -> None:
    # «حتی», «امروز», «اگه», «بخش»: how and when a story is told, or which part of the text, not a topic
    for word in ("حتی", "امروز", "دیروز", "اگه", "لابد", "خودمون", "بخش", "پاراگراف"):
        assert engine.persian.is_function_word(word), word
    terms = engine.persian.terms("امروز حتی بخش آخرش رو خوندم، چالشا چی بودن؟")
    assert "چالش" in terms.content and not {"امروز", "حتی", "بخش"} & set(terms.content)


def test_a_bare_present_stem_reads_as_a_verb_only_when_asked_to() -> None:
    # «کنی» of «خلاصه کنی» is a verb after a word; alone it is too often a noun to count as one
    assert not is_verb_form("کنی") and is_verb_form("کنی", bare=True)
    assert is_verb_form("میکنی") and not is_verb_form("سمت", bare=True)


def test_a_question_phrase_is_read_before_synonyms_change_its_words(engine: Engine) -> None:
    # «عنوان» alone is the title («تیتر»); «به چه عنوان» asks in what capacity
    terms = engine.persian.terms("یونیسف به چه عنوان اومده")
    assert "what" in terms.classes and "تیتر" not in terms.content, terms
    assert "تیتر" in engine.persian.terms("عنوان خبر").content


def test_a_compound_adjective_written_apart_is_one_word() -> None:
    normalizer = PersianNormalizer()
    assert normalizer.tokens("اقشار آسیب پذیر") == normalizer.tokens("اقشار آسیب‌پذیر")


def test_a_passive_verb_inside_a_synonym_phrase_still_makes_ki_ask_when() -> None:
    normalizer = PersianNormalizer()
    # «تأسیس شده» becomes one synonym («تشکیل»), but its «شده» made «کی» ask when
    assert normalizer.terms("سازمان بین المللی کار کی تأسیس شده؟").classes == {"when"}
    assert normalizer.terms("کی منتشر کرده؟").classes == {"who_when"}


def test_a_typo_before_an_ending_reaches_the_known_word() -> None:
    # the rest of «کارخنه‌های» after its ending is one letter from the known «کارخانه»
    normalizer = PersianNormalizer(lexicon=frozenset({"کارخانه", "کارگر"}))
    assert normalizer.terms("کارخنه‌های شهر").content[0] == "کارخانه"
    # a short rest is left alone: four letters are too often one letter from another word
    assert normalizer.stem("کارهای") != "کارگر"
    # a known word is never «repaired»
    assert PersianNormalizer(lexicon=frozenset({"کارخانه", "کارخانهها"})).stem("کارخانهها") == "کارخانه"


def test_ka_typed_alone_is_ke() -> None:
    normalizer = PersianNormalizer()
    assert normalizer.tokens("فرصتایی ک گفته") == normalizer.tokens("فرصتایی که گفته")
    assert normalizer.tokens("میخواستم بدونم") == normalizer.tokens("میخواستم بدانم")


def test_a_spoken_verb_is_not_repaired_into_another_word(engine: Engine) -> None:
    # «میخوندن» (they were reading) is one letter from no word it means: it stays a verb
    assert "میخورد" not in engine.persian.terms("اینا رو میخوندن").words


def test_towards_is_not_a_post(engine: Engine) -> None:
    # «به سمت» (towards) is read as one word of direction, not as «سمت» (a post)
    assert "سمت" not in engine.persian.terms("کشورها به سمت همکاری رفتند").content
    assert "سمت" in engine.persian.terms("سمت این مدیر چیست").content


def test_a_plural_typed_with_the_wrong_h_is_still_the_plural(engine: Engine) -> None:
    # «سازمانحای» for «سازمانهای», glued or typed apart
    for typed, plain in (("سازمانحای جهانی", "سازمانهای جهانی"), ("کمک حای مالی", "کمک های مالی")):
        assert engine.persian.terms(typed).content == engine.persian.terms(plain).content, typed


def test_english_words_in_a_persian_message_are_read_as_their_persian_words(engine: Engine) -> None:
    assert engine.persian.terms("چالش های cooperation").content == engine.persian.terms("چالش های همکاری").content


def test_a_letter_sounding_like_another_makes_the_known_word() -> None:
    # «صنعط» for «صنعت», «زکر» for «ذکر»: one letter swapped for one that sounds like it (homophones.txt)
    normalizer = PersianNormalizer(lexicon=frozenset({"صنعت", "ذکر"}))
    assert normalizer.terms("صنعط کشور").content[0] == "صنعت"
    assert normalizer.terms("زکر شده").content[0] == "ذکر"
    # a known word, a word no swap makes known and a word two swaps make known are left alone
    assert normalizer.tokens("صنعت") == ["صنعت"]
    assert normalizer.tokens("چای") == ["چای"]
    assert PersianNormalizer(lexicon=frozenset({"سد", "صد"})).tokens("ثد") == ["ثد"]
    # … and so is one that a swap makes a function word with an ending («اسلاید» is no «اصلا» + «ید»)
    assert normalizer.tokens("اسلاید") == ["اسلاید"]


def test_small_numbers_typed_as_digits_are_the_words_the_text_writes() -> None:
    normalizer = PersianNormalizer()
    assert normalizer.tokens("۳ تا") == normalizer.tokens("سه تا") == normalizer.tokens("3 تا")
    assert normalizer.tokens("سال ۱۳۹۰") == ["سال", "1390"]


def test_a_plural_of_a_groups_word_is_that_word_not_a_shorter_one(engine: Engine) -> None:
    # «خارجیها» is the plural of «خارجی» (a word of a synonym group), not «خارج» + an ending
    group_word = engine.persian.synonyms["خارجی"]
    assert engine.persian.terms("خارجیها").content == (group_word,)
    assert engine.persian.terms("خارجیا").content == (group_word,)


def test_a_verb_with_a_personal_ending_is_no_topic_though_another_person_of_it_is_known() -> None:
    # «میتونی» is a known word (a table or a courtesy phrase may say it); «میتونیم» is still a verb
    normalizer = PersianNormalizer(lexicon=frozenset({"سازمان", "میتونی"}))
    assert normalizer.terms("سازمان میتونیم").content == ("سازمان",)
    assert normalizer.terms("سازمان میتونی").content == ("سازمان", "میتونی")


def test_nist_is_not_a_misspelt_kist(engine) -> None:
    # «نیست» (is not) is a function word one letter from «کیست» (who is): no question word
    assert not engine.persian.terms("اینطور نیست").classes


def test_a_plural_is_stripped_before_a_spoken_ending_would_be(engine) -> None:
    # «کارها» is «کار» + «ها» (works), not «کاره» + a spoken plural «ا» (which reads as a post)
    assert engine.persian.stem("کارها") == "کار"
    assert engine.persian.stem("سازمانهای") == "سازمان"


def test_a_finger_slip_of_the_last_letter_is_read_as_the_word(engine) -> None:
    # «ع» beside «ه» on the keyboard: «چیع» is «چیه»; a real word ending in «ع» stays
    assert engine.persian.terms("چالشا چیع").classes == {"what"}
    assert engine.persian.terms("موقع").words == ("موقع",)


def test_a_two_letter_spoken_word_is_not_read_out_of_a_longer_word(engine) -> None:
    # «توان» is a word of its own, not «تو» (in) with a spoken ending
    assert "در" not in engine.persian.terms("توان فنی").words


def test_a_where_word_with_a_verb_of_saying_asks_where_in_the_text(engine) -> None:
    assert engine.persian.terms("کجا اشاره کرده").classes == {"what"}
    assert engine.persian.terms("دفترش کجاست").classes == {"where"}


def test_a_question_word_glued_to_a_known_word_is_split_off(engine) -> None:
    # «مدیرکلکیه»: «مدیرکل» + «کیه», the spoken «کیست»
    terms = engine.persian.terms("مدیرکلکیه")
    assert terms.classes == {"who"} and "مدیرکل" in terms.content


def test_two_swapped_letters_in_a_split_compound_are_one_typo(engine: Engine) -> None:
    # «اللملی» for «المللی»: a transposition, joined back into the known compound
    assert engine.persian.tokens("سازمانای بین اللملی") == engine.persian.tokens("سازمانای بین‌المللی")


def test_spoken_and_compound_verbs_read_as_verbs(engine: Engine) -> None:
    # a spoken stem of colloquial.txt with a person ending («اومد» = «آمد»)
    assert engine.persian.is_verb("اومدم") and engine.persian.is_verb("آمدم")
    assert not engine.persian.is_verb("گروه")
    # a preverb before a verb form («بر» + «شمرده»), not a noun that begins like one
    assert is_verb_form("برشمرده") and is_verb_form("درآمده")
    assert not is_verb_form("برنامه") and not is_verb_form("درباره") and not is_verb_form("بازدید")


def test_a_negation_prefix_leaves_the_known_word(engine: Engine) -> None:
    persian = engine.persian
    assert persian.terms("بی‌دردسره").content == persian.terms("دردسر").content
    assert persian.terms("بیکاری").content != persian.terms("کاری").content


def test_number_words_read_as_the_number() -> None:
    persian = PersianNormalizer()
    assert persian.tokens("سال هزار و سیصد و نود") == persian.tokens("سال ۱۳۹۰") == ["سال", "1390"]
    assert persian.tokens("یک هزار و سیصد و هشتاد و نه") == ["1389"]
    assert persian.tokens("نود و یک") == ["91"]
    # a unit alone stays a word: «نه» is also «no», «یک» an article
    assert persian.tokens("نه، سه تا") == ["نه", "سه", "تا"]
    assert persian.tokens("یک سازمان") == ["یک", "سازمان"]


def test_a_year_said_in_words_meets_the_articles_digits(engine: Engine) -> None:
    said = engine.answer("وزارت تعاون سال هزار و سیصد و نود تشکیل شد؟")
    assert [p.entry.id for p in said.parts if p.entry] == ["ministry_founded"]


@pytest.mark.parametrize(
    ("slip", "meant"),
    [
        ("وزارتخوونه", "وزارتخونه"),  # a letter typed twice
        ("ارتابط", "ارتباط"),  # two neighbours swapped
        ("سازمنهای", "سازمانهای"),  # a letter left out
    ],
)
def test_a_slip_of_the_thumb_reads_as_the_known_word(engine, slip: str, meant: str) -> None:
    assert (
        engine.persian.terms(f"{slip} با کدوم نهادها").content
        == engine.persian.terms(f"{meant} با کدوم نهادها").content
    )


@pytest.mark.parametrize(("slip", "meant"), [("ارتبلط", "ارتباط"), ("سازماتها", "سازمانها")])
def test_a_key_beside_the_one_meant_reads_as_the_known_word(engine, slip: str, meant: str) -> None:
    # «ل» is beside «ا», «ت» beside «ن» on the Persian keyboard
    assert (
        engine.persian.terms(f"{slip} با کدوم نهادها").content
        == engine.persian.terms(f"{meant} با کدوم نهادها").content
    )


def test_a_spoken_verb_is_no_slip_of_a_key(engine) -> None:
    # «میدم» (I give) is one key from «میدن» (they give): a verb is left as typed
    assert engine.persian.tokens("میدم") == ["میدم"]


def test_the_keys_beside_a_letter_come_from_the_layout() -> None:
    beside = Keyboard.from_data(load_language()).neighbours()
    assert set(beside["ی"]) == {"س", "ب"}  # keys s, d, f
    assert set(beside["ض"]) == {"ص"}  # q: the first key of its row
    assert "ه" in beside["خ"] and "خ" in beside["ه"]


def test_why_a_name_is_mentioned_asks_what_the_text_says_of_it(engine) -> None:
    # «چرا اسمش اومده» after a name asks in what connection the text names it, not a reason
    persian = engine.persian
    mentioned = persian.terms("صندوق جمعیت چرا تو این گزارش نامش آمده")
    assert mentioned.classes == {"what"} and "نام" not in mentioned.content
    assert persian.terms("چرا وزارتخانه‌ها ادغام شدند").classes == {"why"}
    # with nothing named before it there is nothing to say anything of
    assert persian.terms("اسمش برای چی اومده").classes == {"why"}


def test_dari_and_formal_forms_read_as_the_common_ones(engine) -> None:
    persian = engine.persian
    assert persian.terms("یا نی").words == persian.terms("یا نه").words  # Dari «no»
    assert persian.terms("تشکیل گردید").words == persian.terms("تشکیل شد").words
    # the written «اند» typed apart after a question word is its copula
    assert persian.terms("همکاران کدام‌ها اند").classes == {"what"}


@pytest.mark.parametrize("word", ["بدنه", "روس", "بدهی", "میانه"])
def test_a_word_of_its_own_is_no_spoken_form_with_an_ending(engine, word: str) -> None:
    # «بدنه» is not «بدن» (= «بدهند») + «ه», «روس» not «رو» + «س»: [not_spoken] of affixes.txt
    assert engine.persian.tokens(word) == [word]
    # … while a spoken form with a glued ending is still read: «کیه» = «کی» + «ه» (who is)
    assert engine.persian.terms("کیه").classes == {"who"}


def test_the_spoken_copula_after_a_final_he_reads_as_the_word(engine) -> None:
    # «وزارتخونس» = «وزارتخونه» + «س» (است): the «ه» is swallowed by the spoken copula
    persian = engine.persian
    assert persian.terms("کدوم وزارتخونس").content == persian.terms("کدوم وزارتخونه است").content
    assert persian.terms("یارو کیه").words == persian.terms("آقا کیه").words


def test_a_common_word_before_an_ending_is_no_typo(engine) -> None:
    # «استادمون» is «استاد» + «مون», not «افتاد» (one letter away, a word of the article)
    assert engine.persian.tokens("استادمون") == ["استادمون"]
    # a rare or spoken spelling before an ending is still repaired: «سازمنای» → «سازمان»
    assert engine.persian.stem("سازمنای") == "سازمان"


def test_a_synonym_phrase_typed_with_half_spaces_is_still_the_phrase(engine) -> None:
    # «مصاحبه‌کننده» loses its half-space and is one word: the phrase «مصاحبه کننده» joined
    persian = engine.persian
    assert persian.terms("مصاحبه‌کننده کیست").words == persian.terms("مصاحبه کننده کیست").words
    assert persian.terms("مصاحبه‌کننده؟").words == persian.terms("خبرنگار").words


def test_a_pressing_word_last_after_the_question_word_goes(engine) -> None:
    # «… چیان دیگه؟»: what are they, then? — not «other challenges»
    persian = engine.persian
    assert persian.terms("چالشاش چیان دیگه").content == persian.terms("چالشاش چیان").content
    assert persian.terms("فرصتا چیا بودن دیه").content == persian.terms("فرصتا چیا بودن").content
    # after a noun it keeps its meaning
    assert persian.terms("سازمانای دیگه").content != persian.terms("سازمانا").content


def test_who_was_interviewed_asks_who_not_when(engine) -> None:
    # «مصاحبه شده»: a passive done to a person, its noun right before it ([done_to_person])
    persian = engine.persian
    assert persian.terms("کی تو این گزارش مصاحبه شده").classes == {"who_when"}
    # the interview itself done at some time: when
    assert persian.terms("این مصاحبه کی انجام شده").classes == {"when"}
    assert persian.terms("وزارتخانه کی تشکیل شد").classes == {"when"}


def test_one_letter_words_of_chat(engine) -> None:
    persian = engine.persian
    assert persian.terms("چ فرصتایی داره").classes == {"what"}
    assert persian.terms("ب چ سازمانایی وصله").words[:2] == persian.terms("به چه سازمانایی وصله").words[:2]


def test_the_administrative_register_reads_as_plain_persian(engine) -> None:
    persian = engine.persian
    # the aforementioned, regarding, from the viewpoint of: none of them is the topic
    assert persian.terms("سازمان‌های مذکور کدامند").content == persian.terms("سازمان‌ها کدامند").content
    assert persian.terms("درخصوص چالش‌ها چه گفته شده").content == ("چالش",)
    assert persian.terms("علل تکثیر از منظر ایشان چیست").classes >= {"why"}
    # a past participle written joined names no topic: «ذکرشده», «مطرح‌شده»
    assert persian.terms("نخستین فرصت ذکرشده کدام است").content == ("فرصت",)
    assert persian.terms("آخرین چالش مطرح‌شده چیست").content == ("چالش",)
    # the person already named is who, as «ایشان»: only the post is asked
    assert persian.terms("سمت نامبرده چیست").content == persian.terms("سمت ایشان چیست").content


@pytest.mark.parametrize(
    ("word", "read"), [("ببخشید", "ببخشید"), ("میکنید", "میکنید"), ("آینده", "اینده"), ("قربون", "قربون")]
)
def test_a_word_of_the_language_or_a_verb_is_no_slip(engine, word: str, read: str) -> None:
    # not «بخشید» with a letter typed twice, nor «اینقده» missing one: «آینده» is in hazm's list
    assert engine.persian.tokens(word) == [read]


@pytest.mark.parametrize(
    ("joined", "apart"),
    [
        ("منبع خبرچیه", "منبع خبر چیه"),
        ("برایوزارتخونه", "برای وزارتخونه"),
        ("اینسازمانا چی میگن", "این سازمانا چی میگن"),
    ],
)
def test_a_short_word_typed_glued_to_its_neighbour_is_read_apart(engine, joined: str, apart: str) -> None:
    assert engine.persian.terms(joined).words == engine.persian.terms(apart).words


@pytest.mark.parametrize("word", ["کارخانه", "دانشگاه", "بنابراین"])
def test_a_word_of_hazms_list_is_never_split_into_two(engine, word: str) -> None:
    assert len(engine.persian.tokens(word)) == 1
