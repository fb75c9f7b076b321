"""Which parts a message gets: the speaker's name, short years, facts stated twice, background.

Messages written for these tests, not phrasings of the table nor messages of a question set.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.engine import Engine
from packs import answered, engine_from_pack

# An invented article (a fixture written for this test) that states one fact twice: the
# export to Iraq (p1) is again the growers' main opportunity (p3), marked with ``restates``.
TEA_ARTICLE = """برداشت چای لاهیجان رکورد زد

برداشت چای لاهیجان رکورد زد

رضا احمدی رئیس اتحادیه چایکاران گیلان در گفت و گو با خبرنگار پایگاه خبری نمونه گفت: برداشت چای امسال به ده هزار تن رسید و صادرات چای به عراق آغاز شد.

وی افزود: کمبود کارگر فصلی بزرگترین مشکل باغداران است و دستمزدها هر سال بالاتر می رود.

احمدی در پایان گفت: فروش چای به عراق مهمترین فرصت چایکاران در سال های آینده است.

منبع : پایگاه خبری نمونه
"""
TEA_TABLE = """entries:
  - id: export
    passage: p1
    answer: "صادرات چای به عراق"
    label: صادرات چای
    questions:
      - چای به کدام کشور صادر می شود؟
      - صادرات چای به کجا آغاز شد؟
  - id: opportunity
    passage: p3
    restates: export
    answer: "فروش چای به عراق"
    label: فرصت چایکاران
    questions:
      - مهمترین فرصت چایکاران چیست؟
      - آینده چایکاران در چیست؟
  - id: post
    passage: p1
    answer: "رئیس اتحادیه چایکاران گیلان"
    label: سمت رضا احمدی
    questions:
      - رضا احمدی چه سمتی دارد؟
  - id: problem
    passage: p2
    answer: "کمبود کارگر فصلی"
    label: مشکل باغداران
    questions:
      - بزرگترین مشکل باغداران چیست؟
"""


@pytest.fixture(scope="module")
def tea(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_from_pack(tmp_path_factory.mktemp("tea"), TEA_ARTICLE, TEA_TABLE)


def test_a_fact_the_article_states_twice_is_one_answer(tea: Engine) -> None:
    assert answered(tea, "صادرات چای به کجاست؟ مهمترین فرصت چایکارا چیه؟") == ["export"]
    # two different facts stay two answers
    assert answered(tea, "صادرات چای به کجاست؟ بزرگترین مشکل باغدارا چیه؟") == ["export", "problem"]


@pytest.mark.parametrize(
    "question",
    [
        "فروزان چه چالشی رو مطرح کرده؟",
        "حامد فروزان درباره چالش‌ها چی گفته؟",
        # a word naming him ([people]) rather than his name
        "مصاحبه‌شونده درباره چالش‌های همکاری چه گفته است؟",
    ],
)
def test_what_the_speaker_said_about_a_topic_is_about_the_topic(engine: Engine, question: str) -> None:
    assert answered(engine, question) == ["challenges"]


def test_how_the_speaker_judged_a_topic_is_about_the_topic(engine: Engine) -> None:
    # «ارزیابی کرده» is a verb of [speech]: the word naming him leaves the question
    question = "مصاحبه‌شونده اثر این سازمان‌ها بر دولت‌ها را چگونه ارزیابی کرده است؟"
    assert answered(engine, question) == ["uneven_effect"]
    # … and how he judged or described it is what he said of it, whatever it is
    assert answered(engine, "مصاحبه‌شونده چالش‌های همکاری را چگونه ارزیابی کرده است؟") == ["challenges"]


def test_a_question_about_the_speaker_stays_about_the_speaker(engine: Engine) -> None:
    assert answered(engine, "فروزان چه سمتی داره؟") == ["forouzan_who"]
    # nothing else known is asked: the name stays what the question is about
    assert answered(engine, "فروزان چی گفته؟") == ["forouzan_who"]


def test_a_year_written_short_is_the_article_s_year(engine: Engine) -> None:
    assert answered(engine, "وزارتخونه سال ۹۰ تشکیل شد؟") == ["ministry_founded"]


@pytest.mark.parametrize(
    ("message", "entry"),
    [
        ("چرا سازمان‌های فراملی اینقدر زیاد شدن؟ این گزارش در این باره چی میگه", "spread_reasons"),
        (
            "یه سوال، اگه این سازمان‌ها رو دولت‌ها با هم ساختن چرا برای بعضیا فرصت شدن و برای بعضیا چالش؟ "
            "این خبر در این باره چی میگه",
            "uneven_effect",
        ),
    ],
)
def test_background_about_the_text_adds_no_whole_article_answer(engine: Engine, message: str, entry: str) -> None:
    assert answered(engine, message) == [entry]


def test_a_question_about_the_whole_text_beside_another_keeps_both(engine: Engine) -> None:
    entries = answered(engine, "این خبر درباره چیه و با کی مصاحبه شده؟")
    assert entries[0] == "interview_topic" and len(entries) == 2


@pytest.mark.parametrize("question", ["احمدی وزیره؟", "آیا رضا احمدی سخنگوی اتحادیه است؟"])
def test_a_yes_no_claim_of_another_post_is_settled_by_the_post_the_article_gives(tea: Engine, question: str) -> None:
    assert answered(tea, question) == ["post"]


@pytest.mark.parametrize("question", ["احمدی متاهله؟", "وزیر کشاورزی کیه؟", "احمدی قبلا معاون وزیر بوده؟"])
def test_a_claim_of_no_kind_or_a_question_of_who_is_still_declined(tea: Engine, question: str) -> None:
    assert not tea.answer(question).found, question


def test_an_example_asked_after_a_question_is_given_only_by_a_list(engine: Engine) -> None:
    # «مثال زده؟» as a piece of its own: the article lists fields, but names no crisis
    assert not engine.answer("کدوم بحران‌ها رو کنترل کردن؟ مثال زده؟").found
    assert answered(engine, "سازمانای بین‌المللی تو چه حوزه‌هایی زیاد شدن؟ مثال زده؟") == ["spread_fields"]
    # a word asking for the very ones changes nothing: «مثال مشخصی آورده؟» is «مثال آورده؟»
    assert not engine.answer("کدوم بحران‌ها رو کنترل کردن؟ مثال مشخصی آورده؟").found
    assert answered(engine, "سازمانای بین‌المللی تو چه حوزه‌هایی زیاد شدن؟ مثال مشخصی زده؟") == ["spread_fields"]
    # so does a short follow-up opening with «مثلا»: which project, for instance?
    assert not engine.answer("کدوم دستاوردهای ایران رو تو دنیا معرفی کردن؟ مثلا چه طرحی؟").found
    assert answered(engine, "سازمانای بین‌المللی تو چه حوزه‌هایی زیاد شدن؟ مثلا چه حوزه‌ای؟") == ["spread_fields"]
    # inside a question it only asks which were named
    named = engine.answer("از کارگزاری‌های سازمان ملل کدوما رو مثال زده؟").parts[0]
    assert named.passage is not None and named.passage.id == "p3.s2"


def test_when_or_how_much_asked_of_a_fact_that_never_answers_it_is_declined(tea: Engine) -> None:
    # the export's entry says where, never when: quoting it would answer another question
    assert answered(tea, "صادرات چای به کجا آغاز شد؟") == ["export"]
    assert answered(tea, "صادرات چای از چه سالی آغاز شد؟") == []
    assert answered(tea, "کمبود کارگر فصلی چقدره؟") == []


def test_a_before_told_in_the_background_does_not_decline_the_question(tea: Engine) -> None:
    # «قبلا» (beyond.txt) in a remark of the asker's own, not in what is asked: the question is answered
    story = "پدرم میگفت قبلا چای رو فقط تو بازار داخلی میفروختن و الان فرق کرده، صادرات چای به کجا آغاز شد؟"
    assert answered(tea, story) == ["export"]
    # … but asked, it is beyond the text
    assert answered(tea, "صادرات چای قبلا به کجا بود؟") == []


def test_subjects_sharing_a_predicate_must_each_be_answered_surely(engine: Engine) -> None:
    # «امکان حضور و اثرگذاری …» is one subject: «امکان حضور» alone is answered only weakly
    question = "امکان حضور و اثرگذاری در مدیریت جهانی چه فایده‌ای داره؟"
    # (a weak answer beside a sure one is kept too, so that only this rule is seen)
    loose = Engine.build(engine.article, engine.table, replace(engine.thresholds, shared_part=0.0, weak_beside=0.0))
    assert len(answered(loose, question)) == 2
    assert answered(engine, question) == ["opp_management"]
    # subjects each answered surely are still two answers
    assert answered(engine, "فرصت‌ها و چالش‌ها چیست؟") == ["opportunities", "challenges"]


def test_what_the_table_lists_as_not_said_is_compared_as_the_question_was_read(engine: Engine) -> None:
    # a tag question («… اسم کشورا رو گفته؟») read with its background asks for the countries:
    # the table lists that as not said, so the powers' passage is not quoted
    assert answered(engine, "قدرتهای جهانی که روی این سازمانها نفوذ دارن کدومن؟ اسم کشورها رو گفته؟") == []


def test_a_follow_up_answered_weakly_beside_a_sure_answer_adds_nothing(engine: Engine) -> None:
    # «بین چی و چی؟» leans on the question before it: its own weak answer would be a wrong passage
    question = "منظور از شکاف ایدئولوژیک چیه؟ بین چی و چی؟"
    keep_all = Engine.build(engine.article, engine.table, replace(engine.thresholds, weak_beside=0.0))
    assert len(answered(keep_all, question)) == 2
    assert answered(engine, question) == ["challenge_ideological"]
    # two questions each answered surely stay two answers
    assert answered(engine, "منبع خبر چیه؟ شکاف ایدئولوژیک بین چیه؟") == ["source", "challenge_ideological"]


def test_bare_keywords_answered_surely_are_not_taken_for_what_the_article_does_not_say(engine: Engine) -> None:
    # the table lists what the bodies do as not said; naming them asks nothing of that kind
    assert answered(engine, "یونیسف، صندوق جمعیت") == ["unfpa"]
    never_compared = Engine.build(engine.article, engine.table, replace(engine.thresholds, whole_keeps=101.0))
    assert answered(never_compared, "یونیسف، صندوق جمعیت") == []
    # … while asking it is still declined
    assert answered(engine, "یونیسف چه کاری انجام میده؟") == []


def test_a_claim_someone_made_is_what_a_did_they_say_so_question_asks(engine: Engine) -> None:
    # «خواهرم میگه …، راست میگه؟»: the words after the report are the question, the rest background
    story = (
        "من سالها پیش تو یه شهر کوچیک زندگی میکردم و هیچ خبری از این حرفا نبود، ولی خواهرم میگه "
        "این سازمانا برای هر کشوری یه جور فرصت و یه جور چالش درست کردن، راست میگه؟"
    )
    assert answered(engine, story) == ["uneven_effect"]


def test_a_short_question_after_another_asks_about_its_topic(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    # «در چه رابطه‌ای؟» alone is near the passage on relations; after «صندوق جمعیت …؟» it asks about that body
    message = "صندوق جمعیت هم تو متن اومده؟ در چه رابطه‌ای؟"
    assert answered(engine, message) == ["unfpa"]
    monkeypatch.setattr("bot.engine.LEANING_QUESTION", 0)
    assert len(answered(engine, message)) == 2


def test_a_persian_message_with_english_words_is_read_as_persian_too(engine: Engine) -> None:
    # more Latin letters than Persian ones, yet a Persian question
    assert answered(engine, "چالش های cooperation با international orgs چیه؟") == ["challenges"]
    assert answered(engine, "benefits همکاری با سازمانای بین المللی چیه؟") == ["opportunities"]
    assert answered(engine, "main idea این مصاحبه چیه") == ["interview_topic"]
    # "summary" is read as «خلاصه», yet in English it asks for the gist, not a turn of a story
    assert answered(engine, "summary of this article please") == ["interview_topic"]
    assert answered(engine, "role قدرتای بزرگ تو این سازمانا چیه") == ["challenge_powers"]
    # English and Finglish alone are read as before
    assert answered(engine, "what are the challenges") == ["challenges"]
    assert answered(engine, "chalesh ha chie") == ["challenges"]


@pytest.mark.parametrize(
    "question", ["به نظر فروزان چالش اصلی چیه؟", "از نظر این مسئول مشکل اصلی ارتباط با سازمانا چیه؟"]
)
def test_what_it_is_in_the_speaker_s_view_is_about_the_topic(engine: Engine, question: str) -> None:
    # «به نظر …», «از نظر این مسئول …»: whose view is asked, not who they are or what the whole text is about
    assert answered(engine, question) == ["challenges"]


def test_what_an_exclusion_names_is_not_what_is_asked(engine: Engine) -> None:
    # «غیر از فرصتها …»: the opportunities are left out; the challenges are asked
    assert answered(engine, "غیر از فرصتها به چالشها هم اشاره کرده؟ چیا بودن؟") == ["challenges"]


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("اولین فرصتی که نام برد چی بود؟", "opportunities"),
        ("آخرین ظرفیتی که بهش اشاره کرده کدومه؟", "other_capacities"),
    ],
)
def test_the_first_or_the_last_of_a_list_is_the_list_the_article_gives_first_or_last(
    engine: Engine, question: str, entry: str
) -> None:
    assert answered(engine, question) == [entry]


def test_an_afterthought_reporting_a_claim_does_not_narrow_the_question(engine: Engine) -> None:
    # «… پسر عموم میگفت معاون وزیره»: a claim the answer (his post) settles, not a question about deputies
    message = "این آقای فروزان دقیقا چه سمتی داره؟ پسر عموم میگفت معاون وزیره"
    assert answered(engine, message) == ["forouzan_who"]


def test_what_only_names_beside_another_topic_is_not_what_is_asked(engine: Engine) -> None:
    # «فقط فرصت بوده یا چالش هم داشته؟»: the asker knows of the opportunities; the challenges are asked
    assert answered(engine, "ارتباط با سازمانای بین‌المللی فقط فرصت بوده یا چالش هم داشته؟") == ["challenges"]
    # alone, what «only» names is the question
    assert answered(engine, "فقط فرصتا رو بگو") == ["opportunities"]


def test_a_question_about_the_speaker_s_post_is_not_about_the_whole_text(engine: Engine) -> None:
    # only words naming the interview and its speaker, yet it asks his post, which an answer names
    assert answered(engine, "اون آقاهه که مصاحبه کرده مسئول چه بخشیه؟") == ["forouzan_who"]


def test_a_choice_naming_what_the_article_says_is_no_guess_beyond_it(engine: Engine) -> None:
    # «… یکسان یا جورواجور؟» offers the article's own word: answered, not declined as a guess
    assert answered(engine, "این مجامع جهانی چه جوری روی کشورای مختلف اثر گذاشتن، یکسان یا جورواجور؟") == [
        "uneven_effect"
    ]


def test_the_gist_of_a_part_named_by_its_topic_is_about_that_topic(engine: Engine) -> None:
    assert answered(engine, "ببخشید، میشه لطفاً یه خلاصه کوتاه از بخش فرصت‌ها بدید؟ مرسی") == ["opportunities"]
    # the gist of the whole text is still the whole text
    assert answered(engine, "خلاصه این خبر چیه؟") == ["interview_topic"]


def test_a_question_sure_alone_is_not_blurred_by_a_background_drawing_a_weak_answer(engine: Engine) -> None:
    message = (
        "داداش من یه سوپرمارکت کوچیک دارم، بچه ها تو گروه محل بحث میکردن که سازمانای خارجی کارشون فقط دخالته، "
        "یکی میگفت نه کمک میکنن. وقت نکردم کامل بخونم 🙈 خود این مدیرکله چه مشکلاتی رو از طرف این سازمانا گفته بود؟"
    )
    assert answered(engine, message) == ["challenges"]


def test_a_long_run_on_without_joining_words_asks_from_just_before_its_last_question_word(engine: Engine) -> None:
    # no comma and no «و» or «که» before the question: the stretch from a few words before its
    # question word to the end, answered surely, is the question; the story before is background
    message = (
        "سلام خوبی انشالله ما اینجا همه خوبیم فقط امسال بارون کم بود خلاصه نوه ام که شهر درس میخونه این خبرو"
        " فرستاده گفت بخون من خوندم اولش نوشته بود سازمانای جهانی زیاد شدن نفهمیدم چرا اینا هی زیاد شدن دلیلش چی بوده"
    )
    assert answered(engine, message) == ["spread_reasons"]


def test_the_speaker_named_after_according_to_is_no_question_of_its_own(engine: Engine) -> None:
    # «طبق گفته» is taken off as courtesy; the name left after it is whose words, not a second question
    assert answered(engine, "قدرتهای جهانی چه نقشی در سازمانهای بین المللی دارن طبق گفته فروزان") == [
        "challenge_powers"
    ]
    assert answered(engine, "فروزان کیه؟ منبع خبر؟") == ["forouzan_who", "source"]


def test_who_is_right_about_a_claim_in_the_background_asks_about_the_claim(engine: Engine) -> None:
    # a dispute told first, then questions naming no topic of their own: the claim is asked about
    message = (
        "تو دفتر با یکی از همکارا حرفمون شد، اون میگه سازمانای بین‌المللی با همه دولتا یکجور تا میکنن، "
        "من میگم اینطور نیست. این آقای مدیرکل چی گفته؟ حق با کیه؟"
    )
    assert answered(engine, message) == ["uneven_effect"]
    # the same in one run-on question: its last piece asks who is right
    assert answered(
        engine,
        "خواهرم میگه سازمانای بین‌المللی روی همه دولتا یکسان اثر میذارن و من میگم نه، طبق حرف مدیرکل کدوممون درست میگیم؟",
    ) == ["uneven_effect"]
    # a question with a topic of its own is not about the claim
    assert answered(engine, "خواهرم میگه سازمانای بین‌المللی با همه دولتا یکجور تا میکنن. بودجه وزارتخونه چقدره؟") == []


def test_asked_whether_the_speaker_said_the_same_the_background_claim_is_the_question(engine: Engine) -> None:
    # the question names only the speaker and points back («همچین چیزی»): the claim before it is asked about
    message = (
        "تو یه کتاب خوندم که قدرتای بزرگ دنیا این سازمانای بین‌المللی رو کنترل میکنن، "
        "استادمون هم یه چیزی تو همین مایه ها میگفت. میخوام ببینم آقای فروزان هم همچین چیزی گفته؟"
    )
    assert answered(engine, message) == ["challenge_powers"]


def test_the_very_members_of_what_the_article_names_only_as_a_whole_are_not_said(engine: Engine) -> None:
    # the crises are named only as a whole: which ones exactly, the article does not say
    assert answered(engine, "دقیقا کدوم بحران‌ها با کمک این سازمانا مهار شد؟") == []
    # the unions are named one by one (a list of its passage): which ones is answered
    assert answered(engine, "دقیقا کدوم اتحادیه‌ها با وزارتخونه همکاری دارن؟") != []
    # without asking for the very ones, the question about the crises is answered
    assert answered(engine, "سازمانای بین‌المللی تو مهار بحران‌ها چه نقشی داشتن؟") == ["spread_reasons"]


def test_a_count_is_answered_only_of_what_the_article_counts(engine: Engine) -> None:
    # the merger names three ministries: how many ministries is answered
    assert answered(engine, "این وزارت حاصل یکی شدن چند وزارتخونه بود؟") == ["ministry_merger"]
    # how many others, or how many of a thing the answer never names, the article does not say
    assert answered(engine, "جز این سه تا، چند وزارتخونه دیگه هم با هم یکی شدن؟") == []
    assert answered(engine, "وزارتخونه بعد از ادغام چند تا کارمند داره؟") == []


def test_a_light_verb_is_read_with_the_preposition_before_it(engine: Engine) -> None:
    # «با … کار کردن» is working together (fa/light_verbs.txt), the partner words apart from the verb
    assert answered(engine, "این وزارتخونه با کدوم مجامع جهانی کار کرده؟") == ["international_partners"]
    assert answered(engine, "نهادهایی که وزارتخونه باهاشون کار میکنه کدوما هستن؟") == ["international_partners"]


def test_a_claim_of_a_kind_is_settled_by_the_nearest_fact_of_that_kind(engine: Engine) -> None:
    # another agency or post claimed: the fact of that kind among the nearest ones answers
    assert answered(engine, "این گزارش کار خبرگزاری تسنیمه؟") == ["source"]
    assert answered(engine, "مصاحبه رو سخنگوی وزارتخونه انجام داده؟") == ["forouzan_who"]


def test_where_in_the_text_something_is_said_asks_what_is_said(engine: Engine) -> None:
    # a where-word with a verb of saying right after it asks for the passage, not a place
    assert answered(engine, "بعد اقتصادی چالش‌ها کجا گفته شده؟") == ["transnational_challenges"]
    assert answered(engine, "صندوق کودکان سازمان ملل کجای متن اومده؟") == ["unicef"]
    # a where-word naming no saying asks for a place: the article gives none
    assert answered(engine, "دفتر مرکزی این اتحادیه کجاست؟") == []


def test_a_thing_asked_what_it_is_there_is_no_person_asked_his_post(engine: Engine) -> None:
    # the spoken «چیکاره» reads «چه سمتی»: of a body it asks what the body does there
    assert answered(engine, "صندوق جمعیت این وسط چیکارس؟") == ["unfpa"]
    # of the speaker, or of someone holding a post in a place, it asks his post
    assert answered(engine, "آقای فروزان چیکارست؟") == ["forouzan_who"]
    assert answered(engine, "تو وزارتخونه چیکارست؟") == ["forouzan_who"]


def test_the_members_of_a_plural_named_before_which_are_not_said(engine: Engine) -> None:
    # «کدوما» after the plural it asks of: the crises are named only as a whole
    assert answered(engine, "بحران‌هایی که این نهادها مهار کردن مشخصا کدوما بودن؟") == []
    # the bodies are listed one by one: which ones is answered
    assert answered(engine, "سازمان‌هایی که وزارتخونه باهاشون همکاری داره دقیقا کدوما هستن؟") != []


def test_a_yes_no_claim_naming_a_post_or_an_agency_is_settled_by_the_fact_of_that_kind(engine: Engine) -> None:
    # every word known: the post the article gives him, the agency it names, answer
    assert answered(engine, "آقای فروزان مدیرکل امور بین‌المللیه؟") == ["forouzan_who"]
    assert answered(engine, "این گزارش کار مهره؟") == ["source"]


def test_two_questions_are_answered_even_when_together_they_name_a_part_and_its_heading(engine: Engine) -> None:
    # «تیتر» and «دوم» in two questions do not ask for the heading of the second part
    assert answered(engine, "عنوان خبر چیه و دومین فرصت چیه؟") == ["title", "opportunities"]
    # in one question they do
    assert answered(engine, "عنوان قسمت دوم خبر چیه؟") == ["subheading"]


def test_what_the_text_says_after_a_question_asks_about_that_question(engine: Engine) -> None:
    # «متن چی میگه؟» after a question is no question about the whole text
    assert answered(engine, "چرا سازمانای جهانی روی همه دولتا یکجور اثر نذاشتن؟ متن چی میگه؟") == ["uneven_effect"]
    # what the text says of a topic is about the topic
    assert answered(engine, "این مطلب میگه چه گرفتاریایی با سازمانای خارجی هست؟") == ["challenges"]


def test_a_summary_asked_as_an_instruction_is_about_the_whole_text(engine: Engine) -> None:
    assert answered(engine, "خلاصه کن") == ["interview_topic"]
    assert answered(engine, "کل مطلبو تو دو جمله خلاصه کن") == ["interview_topic"]
    assert answered(engine, "این آقا کلا چی گفته؟") == ["interview_topic"]
    # an instruction around a question is courtesy: the question is answered
    assert answered(engine, "چالش‌های کار با سازمانای جهانی رو لیست کن") == ["challenges"]
    assert answered(engine, "یه توضیح کوتاه بده درباره اینکه این وزارتخونه چطور درست شد") != []


def test_keywords_naming_the_speaker_with_a_topic_ask_the_topic(engine: Engine) -> None:
    assert answered(engine, "فروزان + ادغام") == ["ministry_merger"]
    # his name alone, or with a post, is about him
    assert answered(engine, "حامد فروزان") == ["forouzan_who"]


def test_a_short_story_with_a_spoken_verb_is_background_to_a_question_about_the_text(engine: Engine) -> None:
    # «اومدم» is a verb (a spoken stem): the piece is the asker's story, not part of the question
    acts = engine.acts.read("سلام، من تازه اومدم تو این کانال، این مطلب دقیقا درباره چیه؟")
    assert [a.kind for a in acts.acts] == ["greeting", "context", "question"], acts
    assert answered(engine, "سلام، من تازه اومدم تو این کانال، این مطلب دقیقا درباره چیه؟") == ["interview_topic"]
    # what the text says of the background is still asked with it
    said = engine.acts.read("یکی میگفت این سه وزارتخونه یکی شدن، این خبر چی میگه؟")
    assert [a.kind for a in said.acts] == ["question"], said


def test_a_negated_word_is_about_the_word(engine: Engine) -> None:
    # «بی‌دردسر» asks whether there is trouble: the challenges answer it
    assert answered(engine, "کار کردن با نهادهای جهانی کاملا بی دردسره؟") == ["challenges"]
    # … but a word of its own that opens like a negation is not cut («بیکاری» is no «کار»)
    assert answered(engine, "مدیرکل درباره بیمه بیکاری چیزی گفته؟") == []


def test_a_university_a_platform_or_an_hour_the_article_never_names_is_beyond_it(engine: Engine) -> None:
    assert answered(engine, "شبکه جهانی دانش و فناوری روی کدوم سامانه‌ست؟") == []
    assert answered(engine, "فروزان فارغ‌التحصیل کدوم دانشگاهه؟") == []
    assert answered(engine, "این گفتگو ساعت چند روی خروجی مهر رفت؟") == []
    # without them, the same questions are answered
    assert answered(engine, "شبکه جهانی دانش و فناوری چیه؟") != []
    assert answered(engine, "این مصاحبه رو کدوم خبرگزاری منتشر کرد؟") == ["source"]


def test_which_one_of_a_kind_the_text_is_about_asks_its_topic(engine: Engine) -> None:
    # «درباره کدوم …» asks what the text is about, as «درباره چیه» does
    assert answered(engine, "این مصاحبه درباره کدوم سازمانه؟") == ["interview_topic"]


def test_a_domain_named_with_issues_before_it_is_the_domain(engine: Engine) -> None:
    # «مسائل زیست‌محیطی» is the environmental dimension the article names, not its «مسائل داخلی»
    assert answered(engine, "درباره مسائل زیست محیطی هم چیزی تو متن هست؟") == ["transnational_challenges"]


def test_a_phrase_beyond_the_text_counts_as_used_only_whole(engine: Engine) -> None:
    # «بعد» and «بیشتر» are words of the table, «سال بعد» and «بیشتر از همه» are not
    assert answered(engine, "برنامه وزارتخونه برای سال بعد چیه؟") == []
    assert answered(engine, "کدوم سازمان بیشتر از همه به ایران کمک کرده؟") == []
    # … but a «which» picks one of what the article names: Iran's achievements
    assert answered(engine, "دستاوردهای کدوم کشور قراره معرفی بشه؟") == ["opp_showcase"]


def test_a_count_asked_for_its_figure_is_declined_where_the_passage_gives_none(engine: Engine) -> None:
    # the article names bodies «از جمله …»: no total
    assert answered(engine, "در مجموع چند سازمان جهانی طرف همکاری این وزارتخونه‌ان؟") == []
    assert answered(engine, "این وزارت با چند نهاد بین المللی رابطه داره؟ عددشو بگو") == []
    # … but it does say how many ministries were merged
    assert answered(engine, "دقیقا چند وزارتخونه با هم یکی شدن؟") != []
    # and «چند وقت پیش» in a story before the question counts nothing
    assert answered(engine, "چند وقت پیش یه همایش رفتم. دقیقا درباره معرفی تجربیات موفق وزارتخونه چی گفته؟") != []


def test_naming_the_very_members_of_what_the_article_names_as_a_whole_is_declined(engine: Engine) -> None:
    assert answered(engine, "دستاوردهای ایران که قراره به جهان معرفی بشه کدوما هستن؟ اسم ببر") == []
    assert answered(engine, "دستاوردهای ایران به دنیا معرفی میشه؟") != []


def test_words_typed_with_the_keyboard_left_on_english_inside_a_persian_message_are_read(engine: Engine) -> None:
    # «چطوری درست شد» typed on the English layout after two Persian words
    assert answered(engine, "سلام وزارتخونه ]x,vd nvsj an") != []
    assert answered(engine, "سلام وزارتخونه ]x,vd nvsj an") == answered(engine, "سلام وزارتخونه چطوری درست شد")
    # names in capitals and English words stay as typed
    assert answered(engine, "اسم ISSA تو این گزارش اومده؟") == ["issa"]
    assert answered(engine, "اینو explain کن: شکاف ایدئولوژیک") == ["challenge_ideological"]


def test_an_english_question_ending_where_it_was_read_is_answered_by_its_topic(engine: Engine) -> None:
    assert answered(engine, "which challenges are mentioned in the article?") == ["challenges"]


def test_a_summary_the_asker_must_write_does_not_take_over_a_clear_question(engine: Engine) -> None:
    # the background names the asker's task, the gist of the interview; the question asks the challenges
    story = "ببین معلم اجتماعیمون گفته یه خلاصه از این مصاحبه بنویسیم و فردا تحویل بدیم. فقط بگو چالشاش چی بودن"
    assert answered(engine, story) == ["challenges"]
    # a background that names the topic of a question without one still gives it
    assert answered(engine, "یه خلاصه از این مصاحبه میخوام بنویسم. کلا درباره چیه؟") == ["interview_topic"]
