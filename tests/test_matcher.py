"""Matcher outcomes through the engine's public interface: paraphrases, near misses, off-topic."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.finglish import latin_skeleton
from bot.matcher import Candidate, Thresholds, decide
from bot.render import render_html, render_plain

# Paraphrases written for these tests, not phrasings from the table.
ANSWERED = [
    ("وزارت تعاون، کار و رفاه اجتماعی چه سالی به وجود آمد؟", "p3.s1"),
    ("علت یکی شدن سه وزارتخانه چی بود", "p3.s1"),
    ("یونیسف", "p3.s2"),
    ("يونيسف چيه؟", "p3.s2"),
    ("فروزن کیه", "p2"),
    ("شکاف ایدیولوژیک", "p6"),
    ("دولتا سازمانای فراملی رو تو چه زمینه‌هایی زیاد کردن", "p1"),
    ("کمک‌های مالی سازمان‌های بین‌المللی", "p5"),  # the article's own words are in p5; p4 has «همیاریهای مالی»
    ("راهبری جهانی", "p5"),
    # the one piece that asks, with a remark at «و» and a short aside after it as its background
    ("راستی چرا سازمان‌های فراملی این‌قدر زیاد شدن و هر روز یکی تازه میبینیم، توضیحشو داده؟", "p1"),
    ("خلاصه بگو کلا چی گفته", "p1"),  # a question about the whole text (bot/whole.py)
    ("what is this text about", "p1"),
    # words from bot/lang/fa: children, an old ministry, the person interviewed, «به دنیا اومد»
    ("سازمانی که برای بچه‌های دنیا کار میکنه هم جزو همکاراست؟", "p3.s2"),
    ("وزارتخونه از ادغام چند تا وزارت قدیمی درست شد؟", "p3.s1"),
    ("مصاحبه‌شونده چه‌کاره‌ست؟", "p2"),
    ("آقایی که باهاش حرف زدن مسئول کدوم قسمت وزارتخونه‌ست؟", "p2"),
    ("این وزارتخونه کی به دنیا اومد؟", "p3.s1"),
]
DECLINED = [
    "معاون وزیر کار کیست؟",
    "وزارت بهداشت کی تشکیل شد؟",
    "فروزان چند سال دارد؟",
    "قیمت دلار امروز چند است",
    "بودجه یونیسف چقدر است؟",
    "سازمان بین المللی کار کجاست؟",
    # a month, how many times, a currency (bot/lang/fa/beyond.txt)
    "ادغام وزارتخونه‌ها تو کدوم ماه انجام شد؟",
    "وزارت کار سالی چند بار با یونیسف جلسه داره؟",
    "کمک‌های مالی به چه ارزی داده میشه؟",
    "asdkjh qwe",
    "",
    "؟؟؟",
]


@pytest.mark.parametrize(("question", "passage"), ANSWERED)
def test_paraphrases_are_answered_with_the_right_passage(engine: Engine, question: str, passage: str) -> None:
    answer = engine.answer(question)
    assert answer.found, (question, answer.kind, answer.suggestions)
    assert answer.parts[0].passage.id == passage


@pytest.mark.parametrize("question", DECLINED)
def test_questions_the_article_does_not_answer_are_declined(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert not answer.found, (question, answer.entries, answer.score)


def test_small_talk_gets_its_own_reply_never_a_passage(engine: Engine) -> None:
    for text, entry in (("سلام", "hello"), ("مرسی", "thanks"), ("خداحافظ", "bye"), ("تو کی هستی؟", "about_bot")):
        answer = engine.answer(text)
        assert answer.kind == "smalltalk" and answer.entry == entry and not answer.found, text
        assert answer.parts[0].passage is None


def test_ambiguous_keyword_offers_suggestions(engine: Engine) -> None:
    answer = engine.answer("وزارت")
    assert answer.kind == "suggest" and not answer.found
    assert 2 <= len(answer.suggestions) <= 3


def test_reply_quotes_the_article_and_highlights_the_short_answer(engine: Engine) -> None:
    answer = engine.answer("وزارت کی تشکیل شد؟")
    html = render_html(answer, engine.article)
    plain = render_plain(answer, engine.article)
    assert html.startswith("<b>۱۳۹۰</b>\n")  # the short answer first
    assert "از سال ۱۳۹۰ در راستای طرح کوچک‌سازی دولت" in plain  # its sentence, half-spaces restored
    assert "منبع: خبرگزاری مهر" in plain and "<b>" not in plain


def test_not_found_reply_is_honest_and_offers_questions(engine: Engine) -> None:
    answer = engine.answer("وزارت بهداشت کی تشکیل شد؟")
    text = render_plain(answer, engine.article, engine.examples(3))
    assert "نیامده" in text and text.count("•") == 3


def test_score_is_on_a_0_to_100_scale(engine: Engine) -> None:
    for q in ("یونیسف", "قیمت طلا", "سلام", "x" * 5000):
        assert 0.0 <= engine.answer(q).score <= 100.0


def test_huge_and_odd_input_never_raises(engine: Engine) -> None:
    for text in ("سازمان " * 3000, "\x00\x01\u202e\u200b😀" * 500, "ك" * 4096, "\ud800" if False else "\U0001f600"):
        engine.answer(text)


def test_decide_three_outcomes_with_thresholds_in_one_place() -> None:
    th = Thresholds()
    clear = [Candidate("a", 90, "p1"), Candidate("b", 60, "p2")]
    close = [Candidate("a", th.answer + 1, "p1"), Candidate("b", th.answer + 1 - th.margin / 2, "p2")]
    low = [Candidate("a", th.suggest - 1, "p1")]
    same_passage = [Candidate("a", 90, "p1"), Candidate("b", 89, "p1"), Candidate("c", 50, "p2")]
    assert decide(clear, th).outcome == "answer"
    assert decide(close, th).outcome == "suggest" and decide(close, th).suggestions == ("a", "b")
    assert decide(low, th).outcome == "none"
    assert decide(same_passage, th).entry == "a"  # runners-up quoting the same passage are no rival
    assert decide([], th).outcome == "none"


def test_several_questions_in_one_message_are_answered_in_order(engine: Engine) -> None:
    answer = engine.answer("فروزان کیست و وزارت کی تشکیل شد؟")
    assert [p.passage.id for p in answer.parts if p.passage] == ["p2", "p3.s1"]


def test_wrong_keyboard_layout_is_read_as_persian(engine: Engine) -> None:
    answer = engine.answer("tv,chk ;dsj")  # «فروزان کیست» typed on an English layout
    assert answer.found and answer.parts[0].reading == "layout"
    assert answer.parts[0].read_as == "فروزان کیست"
    assert "این‌طور خواندم" in render_plain(answer, engine.article)


def test_finglish_is_matched_through_skeletons(engine: Engine) -> None:
    cases = (
        ("edgham se vezarat", "p3.s1"),
        ("shekaf ideolozhik chie", "p6"),
        ("yunisef", "p3.s2"),
        ("yunicef chie", "p3.s2"),  # a soft c
        ("chalesha chia hastan", "p6"),  # «-ha» glued to «sh»
        ("vezarat sal chand tashkil shod", "p3.s1"),  # «sal chand»: which year (two words), not how many
    )
    for text, passage in cases:
        answer = engine.answer(text)
        assert answer.found and answer.parts[0].passage.id == passage, text
        assert answer.parts[0].reading == "finglish"


def test_english_questions_get_the_persian_passage_with_an_english_lead(engine: Engine) -> None:
    answer = engine.answer("Why were the ministries merged?")
    assert answer.found and answer.parts[0].passage.id == "p3.s1" and answer.parts[0].reading == "en"
    assert render_plain(answer, engine.article).split("\n")[1] == "From the article (in Persian):"
    assert not engine.answer("What is the price of bitcoin today?").found


def test_english_counts_and_amounts_are_told_apart(engine: Engine) -> None:
    assert engine.english.terms("how many challenges").classes == {"howmany"}
    assert engine.english.terms("how much money").classes == {"howmuch"}
    answer = engine.answer("Who was interviewed in this article?")  # "interview" is what it asks about
    assert answer.found and answer.parts[0].passage.id == "p1"


def test_finglish_reads_a_synonym_as_its_group(engine: Engine) -> None:
    # «moshkelat» is «مشکلات», read as «چالش» like the Persian word: the challenges, not the partners
    answer = engine.answer("moshkelate hamkari ba in sazmana chie")
    assert answer.parts[0].reading == "finglish" and answer.entries == ("challenges",)
    assert (
        engine.fl_synonyms[latin_skeleton("moshkelat")]
        == engine.finglish.from_persian(engine.persian.terms("چالش")).content[0]
    )


def test_finglish_joins_a_compound_split_by_a_space(engine: Engine) -> None:
    split = engine.finglish.join_known(engine.finglish.terms("modir kol omoor"), engine.fl_index.vocabulary)
    assert split.content[0] == engine.finglish.from_persian(engine.persian.terms("مدیرکل")).content[0]


@pytest.mark.parametrize("text", ["b", "<b>", "x", "<i>"])
def test_a_lone_latin_letter_is_not_a_goodbye(engine: Engine, text: str) -> None:
    # «b» is the consonant skeleton of «bye»: one letter must not read as a goodbye or thanks;
    # at most the bot invites a question
    answer = engine.answer(text)
    assert not answer.found and answer.entry in (None, "hello"), (text, answer.entries)


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("خدا عمرتون بده", "thanks"),
        ("دست مریزاد، زنده باشید", "thanks"),
        ("ممنون مادر جان", "thanks"),
        ("مانده نباشید", "hello"),
        ("در پناه خدا", "bye"),
        ("ok fahmidam mersi", "thanks"),
        ("دیگه سوالی ندارم، یاعلی", "bye"),
        ("چه ربات باهوشی، مرسی گلم", "thanks"),
        ("خیلی مفید بود ممنون", "thanks"),
        ("بسیار شکریه", "thanks"),
        ("مرسی خیلی زیاد", "thanks"),
        ("ممنون فراوان", "thanks"),
        ("ایشالا همیشه سلامت باشی، خیلی زحمت کشیدی", "thanks"),
        ("خدا به همراهت", "bye"),
        ("рахмат، خیر ببینی", "thanks"),
        ("салом", "hello"),
        ("صحت تان خوب است؟", "how_are_you"),
    ],
)
def test_blessings_and_afghan_courtesy_get_the_reply_of_their_kind(engine: Engine, text: str, entry: str) -> None:
    answer = engine.answer(text)
    assert answer.kind == "smalltalk" and answer.entry == entry, (text, answer.entries)


@pytest.mark.parametrize(("text", "entry"), [("sghl", "hello"), ("lvsd", "thanks"), ("llk,k", "thanks")])
def test_courtesy_typed_with_the_keyboard_left_on_english_is_courtesy(engine: Engine, text: str, entry: str) -> None:
    # «sghl» is «سلام» typed on the same keys of an English layout (keyboard.txt)
    answer = engine.answer(text)
    assert answer.kind == "smalltalk" and answer.entry == entry, (text, answer.entries)
    mixed = engine.answer("sghl 😅 ببخشید کیبوردم انگلیسی بود، سلام")
    assert mixed.kind == "smalltalk"


def test_an_elder_asking_again_and_simply_is_asking_the_question(engine: Engine) -> None:
    # «ننه جان», «بگو ببینم منم بدونم», «دوباره بگو»: how an elder asks, around the question
    answer = engine.answer("ننه جان این وزارت کار با سازمانای خارجی کار میکنه چه فایده ای داره بگو ببینم منم بدونم")
    assert answer.kind == "answer" and answer.parts[0].passage.id in ("p4", "p5"), answer.entries
    assert engine.english.terms("recieve help").content == engine.english.terms("receive help").content
    assert engine.answer("what are the benefits, please explain simply").found


def test_whose_words_a_question_passes_on_is_no_address(engine: Engine) -> None:
    # «خواهرم گفته بود …»: my sister said it, the question follows
    answer = engine.answer(
        "سلام. مرسی که جواب میدید. خواهرم تو کلاس گفته بود سه تا وزارتخونه رو با هم یکی کردن، کدوما بودن؟"
    )
    assert [p.passage.id for p in answer.parts if p.passage] == ["p3.s1"]


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("mersi", "thanks"),
        ("khodafez", "bye"),
        ("hi", "hello"),
        # Tajik courtesy in Latin letters
        ("salom", "hello"),
        ("rahmat", "thanks"),
        ("to pagoh", "bye"),
        ("chi khel?", "how_are_you"),
    ],
)
def test_courtesy_in_latin_letters_gets_the_reply_of_its_kind(engine: Engine, text: str, entry: str) -> None:
    answer = engine.answer(text)
    assert answer.kind == "smalltalk" and answer.entry == entry


@pytest.mark.parametrize(
    "question",
    [
        "وزارت رفاه قبل از ادغام کی تأسیس شده بود؟",
        "فروزان برای سال آینده چه برنامه‌ای دارد؟",
        "یه مثال بزن از دستاوردای ایران",
        "این قدرت‌های جهانی دقیقا چه کشورهایی هستند؟",  # the article never speaks of a country
        # a post held at another time, whoever came before or after its holder
        "مدیرکل پیشین امور بین الملل چه کسی بوده؟",
        "مدیرکل امور بین الملل قبلی کی بود",
        "وزیر بعدی کار کی خواهد بود",
        "جانشین آقای فروزان کیست",
        # a remedy for a challenge the article names
        "برای رفع این چالشها چه کاری میکنن؟",
        "برای مقابله با نفوذ قدرت های جهانی چه کردند؟",
    ],
)
def test_a_question_asking_beyond_the_text_is_declined(engine: Engine, question: str) -> None:
    # a before, a future, an example: words the article never uses (bot/lang/fa/beyond.txt)
    assert not engine.answer(question).found


def test_a_former_body_or_a_time_after_a_merger_is_still_asked(engine: Engine) -> None:
    # «سابق», «بعد از» ask another time only of a post or of a person
    assert engine.answer("وزارت تعاون سابق با چه وزارتخانه هایی یکی شد").entries == ("ministry_merger",)
    assert engine.answer("بعد از ادغام مسئول چه کارهایی شد این وزارتخونه").entries == ("ministry_role",)
    assert engine.answer("مدیرکل امور بین الملل کیه").entries == ("interviewee_name",)


def test_a_relative_clause_does_not_hide_what_is_asked(engine: Engine) -> None:
    # the reporter is described by what he did; his name is what the table lists as not said
    assert not engine.answer("اسم خبرنگار خبرگزاری که این گفتگو رو انجام داده چی بوده").found
    # a head of one word («کسی») is not compared on its own
    assert engine.answer("اسم کسی که گفتگو کرده چیه؟").entries == ("interviewee_name",)


def test_a_latin_name_typed_on_persian_keys_is_the_name(engine: Engine) -> None:
    # «همخ» is «ilo» typed with the keyboard left on Persian
    assert engine.answer("وزارت با همخ همکاری داره؟").entries == ("ilo",)
    assert engine.answer("وزارت با ilo همکاری داره؟").entries == ("ilo",)


def test_keys_typed_on_english_may_end_at_a_persian_question_mark(engine: Engine) -> None:
    # «]di» is «چی» typed on the English layout, right before «؟»
    assert engine.answer("سلام، چالشهای همکاری با سازمانهای بین المللی ]di؟").entries == ("challenges",)


def test_dari_please_and_an_english_whats_leave_the_question(engine: Engine) -> None:
    assert engine.answer("مهربانی کنید، وزارتخانه کی تشکیل شد؟").entries == ("ministry_founded",)
    assert engine.answer("whats the subheading of this report").entries == ("subheading",)


def test_chat_shorthand_and_what_one_gains(engine: Engine) -> None:
    # «r» is «are», «lol» and «tbh» courtesy; «گیرشون میاد» asks what they gain
    assert engine.answer("what r the challenges lol").entries == ("challenges",)
    assert engine.answer("tbh what r the opportunities?").entries == ("opportunities",)
    assert engine.answer("چی گیرشون میاد؟").entries == ("opportunities",)


def test_the_words_of_a_beyond_phrase_must_come_together(engine: Engine) -> None:
    # «کدام … کشور» far apart is not «کدام کشور»: the question asks which bodies
    answer = engine.answer("کدام سازمان‌های بین‌المللی با وزارت کار کشور همکاری دارند؟")
    assert answer.kind in ("answer", "suggest")
    assert "international_partners" in (*answer.entries, *answer.suggestions)


def test_a_last_sentence_asking_whether_names_are_given_asks_for_examples(engine: Engine) -> None:
    # after a question asking which, «اسم برده؟» asks for names the article does not give …
    assert not engine.answer("کدام نهادهای داخلی زیر کنترل این سازمان‌ها رفته‌اند؟ اسم برده؟").found
    assert not engine.answer("کدام بحران‌ها را سازمان‌های بین‌المللی کنترل کردند؟ مثال داده؟").found
    # … while within a sentence, or after a name, it asks which were named
    assert engine.answer("کدوم نهادای سازمان ملل رو اسم برده؟").entries == ("un_agencies",)
    assert engine.answer("یونیسف اسم برده؟").found


def test_giving_examples_is_not_asking_for_one(engine: Engine) -> None:
    answer = engine.answer("برای رشد سازمان‌های فراملی چه حوزه‌هایی رو مثال زده؟")
    assert answer.found and answer.parts[0].passage.id == "p1"


def test_a_yes_no_question_joined_by_and_is_a_question_of_its_own(engine: Engine) -> None:
    # «… و آیا …»: a second question, asking yes or no
    answer = engine.answer("وزارتخونه کی تشکیل شد و آیا با یونیسف هم کار میکنه؟")
    assert set(answer.entries) == {"ministry_founded", "unicef"}


def test_a_pair_the_article_joins_is_not_cut_into_two_questions(engine: Engine) -> None:
    answer = engine.answer("شبکه جهانی دانش و فناوری مربوط به کدوم حوزه‌هاست؟")
    assert [p.passage.id for p in answer.parts if p.passage] == ["p4"]
    both = engine.answer("فرصت‌ها و چالش‌ها چیه؟")  # two subjects of one predicate: both answered
    assert [p.passage.id for p in both.parts if p.passage] == ["p4", "p6"]


def test_a_short_afterthought_that_asks_beyond_the_text_declines_the_question(engine: Engine) -> None:
    assert engine.answer("وزارت کار چه سالی تاسیس شد؟").found
    assert not engine.answer("وزارت کار چه سالی تاسیس شد؟ قبل از ادغام منظورمه").found


def test_two_short_questions_in_a_row_are_both_answered(engine: Engine) -> None:
    answer = engine.answer("فروزان کیه؟ منبع خبر؟")
    assert [p.passage.id for p in answer.parts if p.passage] == ["p2", "source"]


def test_numbered_questions_are_each_answered(engine: Engine) -> None:
    answer = engine.answer("سلام، سه تا سوال: ۱) منبع خبر ۲) سال تشکیل وزارتخونه ۳) چالشا")
    assert [p.passage.id for p in answer.parts if p.passage] == ["source", "p3.s1", "p6"]
    # a short numbered item after a question is one of its own, not a follow-up of it
    acts = engine.acts.read("دو پرسش: ۱) علت تکثیر سازمان‌ها ۲) نحوه اثرگذاری آنها بر دولت‌ها")
    assert len(acts.questions) == 2


def test_a_guess_at_the_answer_is_not_a_question_of_its_own(engine: Engine) -> None:
    # «مهر؟» guesses what the source passage says; it is not asked about the interview
    answer = engine.answer("منبع این خبر چیه؟ مهر؟")
    assert [p.passage.id for p in answer.parts if p.passage] == ["source"]


def test_a_gapped_second_half_is_not_a_question_of_its_own(engine: Engine) -> None:
    # «… برای بعضی دولت‌ها فرصت بودن و برای بعضی چالش»: the verb of the first half is left out
    answer = engine.answer("چرا این سازمان‌ها برای یه عده از دولت‌ها فرصت شدن و برای یه عده چالش؟")
    assert [p.passage.id for p in answer.parts if p.passage] == ["p2"]
    both = engine.answer("فرصت‌ها و چالش‌ها چیه؟")  # two subjects of one predicate: still both
    assert [p.passage.id for p in both.parts if p.passage] == ["p4", "p6"]


def test_a_long_message_that_asks_along_the_way_is_answered_from_its_last_question(engine: Engine) -> None:
    # «چند تا …» inside the story asks nothing of the article: the last piece that asks is the question
    text = (
        "دیروز با دوستم بحث میکردیم چند تا سازمان بین‌المللی هست که ایران عضوشه، اون یه چیزی میگفت من یه "
        "چیز دیگه، تو این خبر وزارتخونه با کدوم سازمانای جهانی همکاری داره؟"
    )
    answer = engine.answer(text)
    assert answer.found and [p.passage.id for p in answer.parts if p.passage] == ["p3.s2"], answer.entries


def test_background_does_not_blur_a_question_clear_on_its_own(engine: Engine) -> None:
    question = "وزارتخونه با کدوم سازمانای جهانی همکاری داره"
    assert engine.answer(question).found
    background = "دیروز با دوستم بحث میکردیم چند تا سازمان بین‌المللی هست که ایران عضوشه"
    assert engine.answer(f"{background}. {question}؟").found


def test_a_guess_naming_what_the_article_never_does_declines_the_question(engine: Engine) -> None:
    assert engine.answer("سازمانای بین‌المللی چه بحران‌هایی رو کنترل کردن؟").found
    for text in (
        "سازمانای بین‌المللی چه بحران‌هایی رو کنترل کردن؟ مثلا زلزله ترکیه؟",
        "کدوم قدرتای جهانی این سازمانا رو کنترل میکنن؟ روسیه؟",
    ):
        assert not engine.answer(text).found, text
    # a guess the article's words answer is no such guess
    assert engine.answer("وزارتخونه با کدوم سازمانا کار میکنه؟ یونیسف؟").found


def test_a_question_sharing_a_word_with_small_talk_is_not_small_talk(engine: Engine) -> None:
    # «رفیق» and «خیر» belong to greetings; the question is about the ministry's gains
    answer = engine.answer("وزارتخونه از رفاقت با نهادهای جهانی چه خیری دیده؟ رفیق")
    assert answer.kind != "smalltalk", answer.entries
    assert engine.answer("صبح بخیر رفیق").kind == "smalltalk"


def test_a_run_on_story_is_answered_from_the_question_it_ends_with(engine: Engine) -> None:
    # no comma: the last stretch after «که» asks, the story before it is its background
    text = (
        "همسایه ما کارمند اداره کار بود و همیشه تعریف میکرد اون موقعها هر اداره برای خودش رئیس داشت "
        "و حالا یادم نیست که این وزارتخونه با یکی شدن کدوم وزارتخونه ها درست شد"
    )
    answer = engine.answer(text)
    assert answer.found and answer.parts[0].passage.id == "p3.s1", answer.entries


def test_a_piece_naming_no_topic_of_its_own_is_not_a_question_of_its_own(engine: Engine) -> None:
    # «چی گفته», «به چه عنوان»: they ask about the subject before them, not about the interview
    for text, passage in (
        ("شکاف ایدئولوژیک رو کجا گفته، چی گفته؟", "p6"),
        ("یونیسف تو کدوم قسمت اومده؟ به چه عنوان؟", "p3.s2"),
    ):
        answer = engine.answer(text)
        assert [p.passage.id for p in answer.parts if p.passage] == [passage], (text, answer.entries)


def test_a_beyond_phrase_is_found_with_an_ending_on_its_words(engine: Engine) -> None:
    # «راه حلش»: the phrase «راه حل» with a possessive ending still asks beyond the text
    assert engine.answer("چالش‌های وزارتخونه چی بودن؟").found
    assert not engine.answer("برای چالش‌های وزارتخونه راه حلش چیه؟").found


def test_the_reporters_name_is_not_the_interviewees(engine: Engine) -> None:
    # the article names the speaker, not the reporter: his name is declined, who he is answered
    assert not engine.answer("اسم خبرنگاری که مصاحبه کرده چیه").found
    assert engine.answer("خبرنگار مهر کی بود").entries == ("interviewer",)


def test_small_talk_words_do_not_make_a_beyond_word_one_of_the_article(engine: Engine) -> None:
    # «روز بخیر» is the table's small talk; «چه روزی» still asks a day the article never gives
    assert "روز" not in engine.fact_words
    assert not engine.answer("این خبر مال چه روزیه؟").found


def test_a_ranking_asks_beyond_the_text_though_the_plain_word_is_used(engine: Engine) -> None:
    # the table says «بیشتر» (mostly); «بیشترین» asks which one most, which the article never ranks
    assert engine.answer("کمکای مالی سازمانا بیشتر برای چه حوزه‌ایه؟").found
    assert engine.answer("کمکای مالی سازمانای بین المللی بیشتر برا چیه").found
    assert not engine.answer("کدوم سازمان بیشترین کمک مالی رو کرده؟").found
    assert not engine.answer("بزرگترین کمک مالی سازمانا به کدوم حوزه بوده؟").found


@pytest.mark.parametrize(
    ("question", "passage"),
    [
        ("این وزارت چه وقت جوړ شد؟", "p3.s1"),
        ("آیا این سازمان‌ها بالای همه دولت‌ها یک رقم تاثیر دارند؟", "p2"),
        ("این وزارت از یکجا شدن کدام وزارت‌ها جوړ شده؟", "p3.s1"),
        ("تکنالوژی و معلومات از این سازمان‌ها چی قسم به وزارت میرسه؟", "p4"),
        ("ассалому алейкум، این وزارت مسئول کدام حوزه‌ها است؟ спасибо", "p3.s1"),
        ("شکاف فکری میان موسسات جهانی و ادارات داخلی را چی رقم توضیح داده؟", "p6"),
    ],
)
def test_afghan_persian_is_read_as_persian(engine: Engine, question: str, passage: str) -> None:
    answer = engine.answer(question)
    assert answer.kind == "answer" and answer.parts[0].passage.id == passage, (question, answer.entries)


def test_between_whom_asks_for_the_two_sides(engine: Engine) -> None:
    # «بین کیا»: the sides of a gap are bodies, not persons; it is no «who» question
    answer = engine.answer("اون شکاف فکری که گفته بین کیا هست؟")
    assert [p.passage.id for p in answer.parts if p.passage] == ["p6"]


def test_before_i_read_is_not_asking_for_a_before(engine: Engine) -> None:
    # «قبل از اینکه …» joins a clause; «قبل از ادغام» asks for what the article does not say
    assert engine.answer("قبل از اینکه کل خبر رو بخونم بگید منبعش چیه").found
    assert not engine.answer("قبل از ادغام، وزارت تعاون کی تاسیس شده بود؟").found
