"""Reading a message as acts before matching: courtesy, introductions, background, questions."""

from __future__ import annotations

import pytest

from bot.engine import Engine


def kinds(engine: Engine, text: str) -> list[tuple[str, str]]:
    return [(a.kind, a.text) for a in engine.acts.read(text).acts]


def test_greeting_question_and_thanks_are_three_acts(engine: Engine) -> None:
    acts = engine.acts.read(
        "درود، وقتتون بخیر. یه سوال داشتم: وزارت کار با کدوم نهادهای جهانی کار میکنه؟ مرسی از وقتی که میذارید"
    )
    assert acts.questions == ("وزارت کار با کدوم نهادهای جهانی کار میکنه",)
    assert acts.greeted
    assert [a.kind for a in acts.courtesy] == ["greeting", "greeting", "filler", "thanks"]


def test_courtesy_without_punctuation_still_leaves_the_question(engine: Engine) -> None:
    acts = engine.acts.read("درود روزتون بخیر لطفا بگید حامد فروزان چه پستی داره مرسی")
    assert acts.questions == ("حامد فروزان چه پستی داره",)
    assert acts.greeted and not acts.chat_only


def test_a_self_introduction_is_not_the_question(engine: Engine) -> None:
    acts = engine.acts.read("سلام من دانشجوی علوم سیاسی هستم میخواستم بدونم وزارت کار کی تشکیل شد ممنون")
    assert ("intro", "من دانشجوی علوم سیاسی هستم") in [(a.kind, a.text) for a in acts.acts]
    assert acts.questions == ("وزارت کار کی تشکیل شد",)


def test_an_introduction_run_into_the_question_is_not_part_of_it(engine: Engine) -> None:
    for text in ("سلام من کارمند بانکم و وزارت تعاون کی تشکیل شد؟", "من دانشجوی ارشدم ادغام وزارتخونه‌ها کی بود؟"):
        acts = engine.acts.read(text)
        assert [a.kind for a in acts.acts if a.kind in ("intro", "question")] == ["intro", "question"], text
        assert not acts.questions[0].startswith("من"), acts.questions


def test_two_sentences_are_two_questions(engine: Engine) -> None:
    acts = engine.acts.read("فروزان کیه؟ وزارتخونه کی تشکیل شد؟")
    assert acts.questions == ("فروزان کیه", "وزارتخونه کی تشکیل شد")


def test_one_question_with_and_stays_one(engine: Engine) -> None:
    acts = engine.acts.read("سلام، فرصت‌ها و چالش‌های تعامل با سازمان‌های بین‌المللی چیست؟")
    assert acts.questions == ("فرصت‌ها و چالش‌های تعامل با سازمان‌های بین‌المللی چیست",)
    assert kinds(engine, "وزارت تعاون، کار و رفاه اجتماعی کی تشکیل شد؟") == [
        ("question", "وزارت تعاون ، کار و رفاه اجتماعی کی تشکیل شد")
    ]


def test_a_short_question_after_another_adds_to_it(engine: Engine) -> None:
    # «کدوما؟», «درسته؟»: no topic of their own, so no question of their own
    assert engine.acts.read("وزارتخونه با سازمان ملل هم کار میکنه؟ کدوماش؟").questions == (
        "وزارتخونه با سازمان ملل هم کار میکنه کدوماش",
    )
    # «درسته؟» (a function word: a confirmation) adds no words at all
    assert engine.acts.read("سه تا وزارتخونه یکی شدن دیگه؟ درسته؟").questions == ("سه تا وزارتخونه یکی شدن دیگه",)
    # a guess beside a question («آلمان؟») stays a piece of it, which the matcher may split off
    assert engine.acts.read("کدوم دولتا اینکارو کردن؟ آلمان؟").questions == ("کدوم دولتا اینکارو کردن ، آلمان",)
    # after background, a question without a topic asks about the background
    assert engine.acts.read("این بخش تعاون رو متوجه نشدم، منظور چیه؟").questions == (
        "این بخش تعاون رو متوجه نشدم منظور چیه",
    )
    # courtesy between them does not part them
    assert engine.acts.read("وزارتخونه با سازمان ملل هم کار میکنه؟ دقیقا کدوماش؟").questions == (
        "وزارتخونه با سازمان ملل هم کار میکنه کدوماش",
    )
    # so does a short one without a question word: it asks about the one before
    assert engine.acts.read("آلمان چطور؟ اونم جزو همینا هست؟").questions == ("آلمان چطور ، اونم جزو همینا هست",)
    # a question that only names the article asks about the background before it
    assert engine.acts.read("یکی میگفت وزارتخونه قراره ادغام بشه. این خبر همچین چیزی داره؟").questions == (
        "یکی میگفت وزارتخونه قراره ادغام بشه این خبر همچین چیزی داره",
    )
    # … and so does one pointing back at it («در این مورد»)
    assert engine.acts.read("همکارم میگه بیمه‌ها همه یکی میشن. نظر مدیرکل در این مورد چیه؟").questions == (
        "همکارم میگه بیمه‌ها همه یکی میشن نظر مدیرکل در این مورد چیه",
    )
    # two questions of their own stay two
    assert len(engine.acts.read("فروزان کیه؟ وزارتخونه کی تشکیل شد؟").questions) == 2


def test_a_hedge_and_a_vocative_are_courtesy(engine: Engine) -> None:
    acts = engine.acts.read("دستت درد نکنه عزیز، ولی مطمئن نیستم، چند تا چالش گفته؟")
    assert acts.questions == ("چند تا چالش گفته",)
    assert ("filler", "مطمئن نیستم") in [(a.kind, a.text) for a in acts.acts]
    assert engine.acts.read("دستت درد نکنه عزیز، عالی بود").chat_only


def test_a_formal_request_wraps_the_question(engine: Engine) -> None:
    text = "عرض سلام و ادب، در صورت امکان منبع این خبر را اعلام فرمایید."
    acts = engine.acts.read(text)
    assert [(a.kind, a.text) for a in acts.acts] == [
        ("greeting", "عرض سلام و ادب"),
        ("filler", "در صورت امکان"),
        ("question", "منبع این خبر را"),
        ("request", "اعلام فرمایید"),
    ]
    answer = engine.answer(text)
    assert answer.found and answer.courtesy == "greeting" and answer.parts[0].passage.id == "source"


def test_the_administrative_register_wraps_the_question_too(engine: Engine) -> None:
    acts = engine.acts.read("با سلام، خواهشمند است عنایت فرمایید وزارتخانه در چه سالی تشکیل شد؟")
    assert acts.questions == ("وزارتخانه در چه سالی تشکیل شد",)
    assert [a.kind for a in acts.acts][:3] == ["greeting", "request", "request"]


def test_formal_openings_and_the_numbering_of_points_are_courtesy(engine: Engine) -> None:
    acts = engine.acts.read("ضمن تشکر، لطفاً بفرمایید فرصت‌های همکاری کدام است و چالش‌های آن چیست؟")
    assert acts.questions == ("فرصت\u200cهای همکاری کدام است و چالش\u200cهای آن چیست",)
    two = engine.acts.read("اولاً وزارتخانه چه زمانی تشکیل شد؟ ثانیاً با کدام سازمان‌ها همکاری دارد؟")
    assert two.questions == ("وزارتخانه چه زمانی تشکیل شد", "با کدام سازمان\u200cها همکاری دارد")


def test_the_courtesy_of_an_official_letter_wraps_the_question(engine: Engine) -> None:
    acts = engine.acts.read("موجب امتنان خواهد بود اگر بفرمایید چالش‌های همکاری چیست.")
    assert acts.questions == ("چالش\u200cهای همکاری چیست",)
    assert engine.acts.read("سپاس از پاسخگویی شما. در پناه حق.").chat_only
    acts = engine.acts.read("احتراماً، خواهشمند است منبع این گزارش را اعلام فرمایید.")
    assert acts.acts[0].kind == "greeting" and acts.questions == ("منبع این گزارش را",)


def test_a_formal_request_to_quote_or_present_is_courtesy(engine: Engine) -> None:
    assert engine.acts.read("عین عبارت مربوط به ادغام را نقل کنید.").questions == ("عین عبارت مربوط به ادغام را",)
    assert engine.acts.read("خلاصه‌ای از گفت‌وگو ارائه دهید.").questions == ("خلاصه\u200cای از گفت\u200cوگو",)


def test_young_peoples_greetings_thanks_and_address_are_courtesy(engine: Engine) -> None:
    acts = engine.acts.read("سلوم داش چالشاش چیه؟")
    assert acts.questions == ("چالشاش چیه",) and acts.acts[0].kind == "greeting"
    assert engine.acts.read("مرس داداش 🙏 حالا بگو با کیا کار میکنن").questions == ("با کیا کار میکنن",)
    assert engine.acts.read("dadash forsatash chia bood?").questions == ("forsatash chia bood",)


def test_asking_anyone_and_curiosity_are_courtesy(engine: Engine) -> None:
    acts = engine.acts.read("کنجکاوم، یکی میتونه بگه منبع خبر چیه؟")
    assert acts.questions == ("منبع خبر چیه",)
    assert [a.kind for a in acts.courtesy] == ["filler", "request"]


def test_each_of_them_in_a_story_does_not_make_it_a_question(engine: Engine) -> None:
    acts = engine.acts.read(
        "یادمه اون موقع وزارتخونه‌ها جدا بودن هر کدوم برای خودشون همه چی داشتن "
        "حالا میخواستم ببینم کدوم وزارتخونه ها با هم یکی شدن"
    )
    assert acts.questions == ("کدوم وزارتخونه ها با هم یکی شدن",)


def test_long_background_is_set_apart_from_the_question(engine: Engine) -> None:
    acts = engine.acts.read(
        "سلام، برای یه گزارش دانشگاهی دارم درباره همکاری‌های بین‌المللی مطلب جمع میکنم و دوستم این مصاحبه "
        "رو برام فرستاده، حالا نمیدونم این آقای فروزان دقیقا چکاره‌ست، میشه بگی؟"
    )
    assert acts.questions == ("این آقای فروزان دقیقا چکاره‌ست",)
    assert "گزارش دانشگاهی" in acts.context


@pytest.mark.parametrize(
    "text",
    [
        "سلام",
        "مرسی خداحافظ",
        "سلام علیکم، وقتتون بخیر باشه",
        "مرسی ازت، دمت گرم 🙏",
        "سلام خوبی؟ چه خبرا؟",
        "اهان فهمیدم",
        "ایول",
        "nice",
        "عالی 👌",
        "صدامو داری؟",
        "سلام، من عضو جدیدم",
        "ببخشید اذیتت کردم",
    ],
)
def test_courtesy_only_is_chat(engine: Engine, text: str) -> None:
    assert engine.acts.read(text).chat_only
    answer = engine.answer(text)
    assert answer.kind == "smalltalk" and not answer.found


def test_bare_keywords_are_a_question(engine: Engine) -> None:
    assert engine.acts.read("ادغام وزارتخانه ها").questions == ("ادغام وزارتخانه ها",)


def test_a_greeting_beside_a_question_is_answered_and_greeted_back_once(engine: Engine) -> None:
    answer = engine.answer("سلام! ببخشید مزاحم میشم، وزارت کار کی تشکیل شد؟ خیلی ممنون")
    assert answer.found and answer.courtesy == "greeting"
    assert [p.passage.id for p in answer.parts if p.passage] == ["p3.s1"]
    assert all(p.kind != "smalltalk" for p in answer.parts)


def test_latin_commas_are_not_clause_breaks(engine: Engine) -> None:
    # «,» is «و» on the Persian keyboard: a layout-typed question must stay whole
    assert engine.acts.read(",chvj juh,k ;d ja;dg an?").questions == (",chvj juh,k ;d ja;dg an",)


def test_the_reason_given_for_an_apology_is_courtesy_too(engine: Engine) -> None:
    acts = engine.acts.read("شرمنده اگه سوالم خیلی ابتداییه، وزارت رفاه کی تشکیل شد؟")
    assert acts.questions == ("وزارت رفاه کی تشکیل شد",)
    assert [a.kind for a in acts.courtesy] == ["apology"]
    # a reason that asks is the question itself
    assert engine.acts.read("ببخشید که میپرسم وزارت رفاه کی تشکیل شد؟").questions


def test_a_word_that_ends_a_phrase_of_the_question_is_not_courtesy(engine: Engine) -> None:
    # «اومده» alone after a question is courtesy-like («… تو متن اومده»), but «به وجود اومده» is one phrase
    assert engine.acts.read("وزارت رفاه کی به وجود اومده؟").questions == ("وزارت رفاه کی به وجود اومده",)
    assert engine.acts.read("اسم یونیسف تو متن اومده؟").questions == ("اسم یونیسف",)


def test_in_short_turns_a_story_to_its_question(engine: Engine) -> None:
    text = "دخترم دانش‌آموزه و سر کلاس حرفش شد و معلمشون یه چیزایی گفت که یادم نمیاد خلاصه سمت این آقای فروزان چیه؟"
    # the story and the question are two clauses: the one that asks is the question, the story its background
    acts = engine.acts.read(text)
    assert acts.questions == ("سمت این آقای فروزان چیه",)
    assert acts.context.startswith("دخترم دانش")
    answer = engine.answer(text)
    assert answer.found and answer.parts[0].passage.id in ("p2", "p6"), answer.entries
    # … but not where it names the text's gist, or makes a verb with what follows
    assert engine.acts.read("خلاصه این خبر چیه؟").questions == ("خلاصه این خبر چیه",)
    assert engine.acts.read("خلاصه خبرو تو یه جمله بگو").questions == ("خلاصه خبرو",)
    assert engine.acts.read("لطفا کل مطلب رو خلاصه کن").questions[0].endswith("خلاصه کن")
    assert engine.answer("خلاصه کن کل مطلب رو").found


def test_what_thanks_are_for_is_thanks_too(engine: Engine) -> None:
    # «مرسی از …»: the rest of the piece says what the thanks are for, unless it asks
    assert engine.acts.read("مرسی از وقتی که برام گذاشتی ❤️").chat_only
    assert engine.answer("ممنون بابت راهنماییت").kind == "smalltalk"
    acts = engine.acts.read("ممنون از جوابت، حالا بگو منبع خبر چیه؟")
    assert acts.questions == ("منبع خبر چیه",)
    # a courtesy phrase of two words is cut off its piece first: what follows is still its reason
    acts = engine.acts.read("با سپاس از پاسخگویی شما، منبع این خبر کدام است؟")
    assert acts.questions == ("منبع این خبر کدام است",)
    assert [a.kind for a in acts.courtesy] == ["thanks"]


def test_a_stronger_thanks_or_apology_is_still_courtesy(engine: Engine) -> None:
    # «خیلی», «واقعا» before any thanks or apology of the list (clauses.txt [intensifiers])
    assert engine.acts.read("بسیار سپاسگزارم از پاسخ‌های دقیقتون").chat_only
    acts = engine.acts.read("واقعا ببخشید که دیر وقته، منبع خبر چیه؟")
    assert acts.questions == ("منبع خبر چیه",)
    assert [a.kind for a in acts.courtesy] == ["apology"]


def test_an_introduction_ends_at_its_verb_not_at_a_noun_in_m(engine: Engine) -> None:
    # «معلم» ends in «م» but is not the first person: the introduction runs to «هستم»
    acts = engine.acts.read("من معلم ادبیات دبیرستان هستم و باید بدانم وزارت کار کی تشکیل شد؟")
    assert ("intro", "من معلم ادبیات دبیرستان هستم") in [(a.kind, a.text) for a in acts.acts]
    assert acts.questions == ("وزارت کار کی تشکیل شد",)


def test_an_introduction_that_goes_on_is_background(engine: Engine) -> None:
    # after its first-person verb the piece tells the asker's story: background, not the question
    text = "من کارمند بازنشسته هستم و چشمانم ضعیف شده، لطفا منبع این خبر را بنویسید"
    acts = engine.acts.read(text)
    assert ("context", "من کارمند بازنشسته هستم و چشمانم ضعیف شده") in [(a.kind, a.text) for a in acts.acts]
    assert acts.questions == ("منبع این خبر را",)
    assert engine.answer(text).found


def test_the_verb_a_courtesy_phrase_runs_into_is_part_of_it(engine: Engine) -> None:
    # «… اسم برده شده؟»: «شده» is not left over as a question piece of its own
    acts = engine.acts.read("تیتر خبر چیه و چه نهادهایی در آن اسم برده شده؟")
    assert acts.questions == ("تیتر خبر چیه و چه نهادهایی در آن",)


def test_a_written_request_to_know_wraps_the_question(engine: Engine) -> None:
    # spoken and written forms of one verb are one phrase («بدونم» = «بدانم»)
    for text in ("سلام، میخواستم بدانم منبع خبر چیه", "لازم دارم بدونم منبع خبر چیه"):
        assert engine.acts.read(text).questions == ("منبع خبر چیه",), text


def test_what_the_answer_is_for_is_background(engine: Engine) -> None:
    # «… که بتونم تو گزارشم بنویسم»: the asker's purpose, not a part of the question
    acts = engine.acts.read("این خبر رو کدوم خبرگزاری منتشر کرده که بتونم تو گزارشم بنویسم؟")
    assert acts.questions == ("این خبر رو کدوم خبرگزاری منتشر کرده",)
    assert acts.context == "که بتونم تو گزارشم بنویسم"
    # a «که» clause that is not the asker's wish stays in the question
    assert engine.acts.read("سازمانی که وزارتخونه باهاش کار میکنه کدومه؟").questions == (
        "سازمانی که وزارتخونه باهاش کار میکنه کدومه",
    )


def test_a_courtesy_phrase_typed_apart_is_still_courtesy(engine: Engine) -> None:
    # «بی زحمت» is one token once normalised («بیزحمت») but two as typed: both are read
    acts = engine.acts.read("بی زحمت بگو منبع خبر چیه")
    assert acts.questions == ("منبع خبر چیه",)
    assert [a.kind for a in acts.courtesy] == ["request", "request"]


def test_a_question_passed_on_from_someone_else_is_the_question(engine: Engine) -> None:
    # «مادرم گفت بپرسم: …»: who asked to ask, and the asking, wrap the question
    acts = engine.acts.read("سلام، مادرم گفت بپرسم: شبکه جهانی دانش یعنی چی؟")
    assert acts.questions == ("شبکه جهانی دانش یعنی چی",)
    assert "request" in [a.kind for a in acts.courtesy]


def test_words_pointing_back_are_no_topic_of_their_own(engine: Engine) -> None:
    assert engine.acts.points_back("این اتفاق کی افتاد")
    assert engine.acts.without_anaphora("به این موضوع چی گفته") == "به چه گفته"
    assert engine.acts.without_anaphora("منبع خبر چیه") == "منبع خبر چیست"


def test_a_greeting_and_an_apology_typed_together_are_two_acts(engine: Engine) -> None:
    # «ببخشید» is a verb too, yet it is not the greeting's verb: the apology's reason follows it
    acts = engine.acts.read("سلام ببخشید سوالم شاید ساده باشه، منبع خبر چیه؟")
    assert [a.kind for a in acts.courtesy] == ["greeting", "apology"]
    assert acts.questions == ("منبع خبر چیه",)


def test_the_question_mark_belongs_to_the_last_clause(engine: Engine) -> None:
    # «… همه چی بهم ریخت 😂 حالا … بوده؟»: the story before «حالا» is background, also after an emoji
    acts = engine.acts.read("خالم میگفت بعد از جابجایی همه چی بهم ریخت 😂 حالا من میخوام بدونم کارخونه کی ساخته شد؟")
    assert acts.questions == ("کارخونه کی ساخته شد",)
    assert acts.context.startswith("خالم میگفت")


def test_a_reason_clause_after_the_question_is_background(engine: Engine) -> None:
    acts = engine.acts.read("این شرکت با کدوم بانکا کار میکنه چون من خودم سالها مشتری بانک بودم")
    assert acts.questions == ("این شرکت با کدوم بانکا کار میکنه",)


def test_an_apology_after_a_request_keeps_its_reason(engine: Engine) -> None:
    acts = engine.acts.read("کارخونه کی ساخته شد؟ ممنون میشم بگید و ببخشید که طولانی شد")
    assert acts.questions == ("کارخونه کی ساخته شد",)
    assert "ببخشید که طولانی شد" in [a.text for a in acts.courtesy]
    # «… ؟ و ببخشید که …»: the «و» opening the piece joins the apology
    acts = engine.acts.read("کارخونه کی ساخته شد؟ و ببخشید که سوالم ساده است")
    assert acts.questions == ("کارخونه کی ساخته شد",)
    assert acts.context == ""


def test_a_determiner_makes_a_focus_word_a_noun(engine: Engine) -> None:
    # «خلاصه» after a story turns to the question; «یه خلاصه» is a summary asked for
    assert engine.acts.read("یه خلاصه کوتاه از بخش چای بدید").questions == ("یه خلاصه کوتاه از بخش چای بدید",)


def test_a_name_after_i_is_an_introduction(engine: Engine) -> None:
    acts = engine.acts.read("هلو 👋 من سارام دانشجوی علوم سیاسی، این شرکت کی ساخته شد؟")
    assert acts.questions == ("این شرکت کی ساخته شد",)
    assert [a.kind for a in acts.acts][:2] == ["greeting", "intro"]


def test_a_request_for_one_more_thing_is_a_question_of_its_own(engine: Engine) -> None:
    assert engine.acts.read("منبع خبر چیه؟ تیترشم بگید").questions == ("منبع خبر چیه", "تیترشم")
    assert len(engine.acts.read("موضوع خبر چیه؟ اسم مصاحبه‌شونده هم بگو").questions) == 2
    # a request narrowing the question («اسم کشوراشونو بگو») is part of it
    assert len(engine.acts.read("کدوم کشورا نفوذ دارن؟ اسمشونو بگو").questions) == 1


def test_an_emoji_between_words_parts_a_sentence(engine: Engine) -> None:
    acts = engine.acts.read("وقت نکردم کامل بخونم 🙈 کارخونه کی ساخته شد؟")
    assert acts.questions == ("کارخونه کی ساخته شد",)


def test_someone_else_wanting_to_know_is_courtesy_before_the_question(engine: Engine) -> None:
    acts = engine.acts.read("همکلاسیام میخوان بدونن این وزارتخونه از چند تا وزارتخونه درست شد؟")
    assert acts.questions == ("این وزارتخونه از چند تا وزارتخونه درست شد",), acts


def test_one_more_thing_asked_with_its_own_topic_is_a_question_of_its_own(engine: Engine) -> None:
    acts = engine.acts.read("این وزارتخونه کی درست شد؟ صندوق جمعیت سازمان ملل هم جزو طرفای کاریشه؟")
    assert acts.questions == ("این وزارتخونه کی درست شد", "صندوق جمعیت سازمان ملل هم جزو طرفای کاریشه"), acts
    # a short follow-up without a topic of its own still adds to the question before it
    assert len(engine.acts.read("با کدوم سازمانا کار میکنه؟ کدوماشون؟").questions) == 1


def test_an_opening_naming_the_askers_own_work_is_courtesy(engine: Engine) -> None:
    acts = engine.acts.read("برای پروژه گروهیمون، این وزارتخونه چطوری درست شد؟")
    assert acts.questions == ("این وزارتخونه چطوری درست شد",), acts
    assert ("filler", "برای پروژه گروهیمون") in [(a.kind, a.text) for a in acts.courtesy]
    # «برای» with a question word or a verb before the possessive opens the question itself
    assert engine.acts.read("برای کدوم کشورمون فایده داشته؟").questions == ("برای کدوم کشورمون فایده داشته",)


def test_a_phrase_pointing_back_may_carry_the_spoken_object_marker(engine: Engine) -> None:
    assert engine.acts.points_back("متن این موضوعو گفته")
    assert engine.acts.points_back("این اتفاقو تأیید کرده")
    assert not engine.acts.points_back("این موضوعات چی بودن")


@pytest.mark.parametrize(
    "message",
    [
        "خوشبختم",
        "از آشنایی با شما خوشحالم",
        "چاشت تان بخیر",
        "عیدتون مبارک",
        "ببخشید، غلط تایپ کردم",
        "ببخشید، فارسی من خوب نیست",
        "خ ممنونم، لطف کردی",
        "با احترام خدمت شما دوستان",
        "کجایی؟ چرا جواب نمیدی؟",
        "nice to meet you",
    ],
)
def test_small_talk_people_write_is_small_talk(engine: Engine, message: str) -> None:
    assert engine.acts.read(message).chat_only, engine.acts.read(message)
    assert [p.kind for p in engine.answer(message).parts] == ["smalltalk"]


def test_a_greeting_with_respect_and_to_you_all_leaves_the_question(engine: Engine) -> None:
    acts = engine.acts.read("با عرض سلام و ادب و احترام خدمت شما دوستان، سال تشکیل این وزارتخانه چه بود؟")
    assert acts.questions == ("سال تشکیل این وزارتخانه چه بود",), acts
    # the English «… mentioned in the interview» says where, not what
    assert engine.acts.read("which challenges are mentioned in the article?").questions == ("which challenges are",)


def test_a_message_ending_in_or_not_asks_as_a_question_mark_would(engine: Engine) -> None:
    acts = engine.acts.read(
        "سالها پیش تو یه تعاونی کار میکردم و خیلی چیزا یادمه، این وزارتخونه با یونیسف همکاری داره یا نه"
    )
    assert acts.questions == ("این وزارتخونه با یونیسف همکاری داره یا نه",), acts
    # inside a story it asks nothing of the bot
    told = engine.acts.read("نمیدونستم راسته یا نه، بعد اومدم خونه دیدم این خبر تو کانال هست. وزارتخونه کی تشکیل شد؟")
    assert told.questions == ("وزارتخونه کی تشکیل شد",), told


def test_a_clause_saying_what_the_answer_must_keep_from_happening_is_background(engine: Engine) -> None:
    acts = engine.acts.read("دارم تیتر میزنم، تیتر اصلی خودشون چی بوده که تکراری نشه؟")
    assert acts.questions == ("تیتر اصلی خودشون چی بوده",), acts
    # «فقط میخوام مطمئن بشم که …» wraps the question
    sure = engine.acts.read("فقط میخوام مطمئن بشم که چالش ها چیا هستن")
    assert sure.questions == ("که چالش ها چیا هستن",), sure
    parts = engine.answer("فقط میخوام مطمئن بشم که چالش ها چیا هستن").parts
    assert [p.entry.id for p in parts if p.kind == "answer" and p.entry] == ["challenges"]
