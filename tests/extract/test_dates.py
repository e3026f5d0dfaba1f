"""Incident dates: absolute and relative, English and Arabic, resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from civcas.extract.dates import extract_date, parse_published

SAT = date(2017, 5, 13)  # a Saturday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The strike on 13 May 2017 killed four people.", "2017-05-13"),
        ("The strike on May 13, 2017 killed four people.", "2017-05-13"),
        ("On October 7th, 2023, a strike killed a family.", "2023-10-07"),
        ("On the night of Monday, the 23rd of October, 2023, 38 civilians were killed.", "2023-10-23"),
        ("Shortly before 20:04 on Sunday, 29 October 2023, eight were killed.", "2023-10-29"),
        ("The raid on 2017-05-11 left 3 dead.", "2017-05-11"),
        ("The raid on 11/05/2017 left 3 dead.", "2017-05-11"),
        ("قتل ثلاثة مدنيين بغارة في 12 أيار 2017", "2017-05-12"),
        ("قتل ثلاثة مدنيين بغارة يوم ١٢ مايو ٢٠١٧", "2017-05-12"),
        ("غارة في 3 تشرين الثاني 2016 أدت إلى مقتل طفل", "2016-11-03"),
        ("قصف في 24 أغسطس/ آب 2016 أدى إلى مقتل امرأة", "2016-08-24"),
        ("أصيب طفلان بقصف مدفعي - 9 من تموز 2023", "2023-07-09"),
        ("غارة بتاريخ 5 كانون الثاني 2018 قتل فيها مدني", "2018-01-05"),
        ("قصف في ٢ شباط ٢٠٢٢ أدى إلى مقتل", "2022-02-02"),
    ],
)
def test_absolute(text: str, expected: str) -> None:
    found = extract_date(text, None, None)
    assert found is not None and found.date == expected and found.precision == "day"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("An airstrike on Saturday killed 12 civilians.", "2017-05-13"),  # the same day as publication
        ("An airstrike last Saturday killed 12 civilians.", "2017-05-06"),
        ("An airstrike on Thursday night killed 12 civilians.", "2017-05-11"),
        ("Yesterday an airstrike killed 12 civilians.", "2017-05-12"),
        # "Last night" is dated to the report's day: the labelled sources do so (the night ran past midnight).
        ("Last night an airstrike killed 12 civilians.", "2017-05-13"),
        ("داهمت القوات ليلة أمس القرية واعتقلت شابين", "2017-05-13"),
        ("Overnight (Saturday), a raid killed two.", "2017-05-13"),
        ("Earlier today an airstrike killed 12 civilians.", "2017-05-13"),
        ("قتل 12 مدنيا بغارة جوية أمس", "2017-05-12"),
        ("قتل 12 مدنيا بغارة جوية مساء السبت", "2017-05-13"),
        ("قتل 12 مدنيا بغارة جوية فجر الخميس", "2017-05-11"),
        ("قتل 12 مدنيا بغارة جوية صباح اليوم", "2017-05-13"),
        ("قتل 12 مدنيا بغارة جوية ليلة الجمعة", "2017-05-12"),
        ("قتل 12 مدنيا بقصف ليلة الخميس - الجمعة", "2017-05-12"),
        ("قتل طفلان ليل الجمعة السبت بقصف مدفعي على الحي", "2017-05-13"),
        ("أصيب ثلاثة مدنيين ليلة الخميس والجمعة جراء قصف جوي", "2017-05-12"),
        ("قُتل 12 مدنياً بغارة جوية يوم الأربعاء", "2017-05-10"),
    ],
)
def test_relative(text: str, expected: str) -> None:
    found = extract_date(text, None, SAT)
    assert found is not None and found.date == expected
    s, e = found.span
    assert 0 <= s < e <= len(text)


def test_relative_needs_a_base() -> None:
    assert extract_date("An airstrike on Saturday killed 12 civilians.", "en", None) is None


def test_missing_year_from_publication_or_previous_year() -> None:
    found = extract_date("The strike on 3 May killed four.", "en", date(2017, 6, 1))
    assert found is not None and found.date == "2017-05-03"
    found = extract_date("The strike on 30 December killed four.", "en", date(2018, 1, 2))
    assert found is not None and found.date == "2017-12-30"
    found = extract_date("In 2016 ... the strike on 3 May killed four.", "en", None)
    assert found is not None and found.date == "2016-05-03"


def test_range() -> None:
    found = extract_date("Strikes between 10 and 12 May killed 20 people.", "en", date(2017, 6, 1))
    assert found is not None
    assert (found.date, found.date_end, found.precision) == ("2017-05-10", "2017-05-12", "range")
    found = extract_date("غارات بين 10 و12 أيار 2017 قتل فيها 20 شخصا", "ar", None)
    assert found is not None and (found.date, found.date_end) == ("2017-05-10", "2017-05-12")


def test_month_precision() -> None:
    found = extract_date("Dozens of civilians were killed in strikes in March 2017.", "en", None)
    assert found is not None and (found.date, found.precision) == ("2017-03-01", "month")


def test_prefers_the_incident_over_a_later_statement() -> None:
    text = (
        "An airstrike on 13 May 2017 killed 12 civilians in the town. "
        "On 2 June 2017 the coalition said in a statement that it was assessing the report."
    )
    found = extract_date(text, "en", date(2017, 6, 5))
    assert found is not None and found.date == "2017-05-13"


def test_ignores_future_dates_and_lone_header_dates() -> None:
    text = "Saturday 1 August 2026\n\nHeadline one\n\nA shell killed two children in the village on 3 March 2024."
    found = extract_date(text, "en", None)
    assert found is not None and found.date == "2024-03-03"
    found = extract_date("A strike on 20 June 2017 killed two.", "en", date(2017, 6, 1))
    assert found is None


def test_post_stamp_anchors_relative_dates() -> None:
    text = "Local news\nDecember 23, 2024 · Shared with Public\nتوفي شابان أمس بقصف لسيارتهما"
    found = extract_date(text, None, None)
    assert found is not None and found.date == "2024-12-22"
    text = "ريف دير الزورDecember 23, 2024 · Shared with Public مقتل شابين بقصف"
    found = extract_date(text, None, None)
    assert found is not None and found.date == "2024-12-23"


def test_month_lines_do_not_join_across_line_breaks() -> None:
    text = "Killed in July\n\n2 new schools open\n\nA strike killed two on 5 March 2022."
    found = extract_date(text, "en", None)
    assert found is not None and found.date == "2022-03-05"


def test_parse_published() -> None:
    assert parse_published("2024-10-20 14:52:40") == date(2024, 10, 20)
    assert parse_published("22 أكتوبر 2025") == date(2025, 10, 22)
    assert parse_published("13 May 2017") == date(2017, 5, 13)
    assert parse_published("not a date") is None


def test_long_mixed_text_gives_the_dated_incident() -> None:
    # Speed is measured by `make bench`; here: a long text in both scripts still resolves the day.
    text = ("The airstrike near the town was reported on Saturday and killed 12 civilians. " * 40) + (
        "قتل 12 مدنيا بغارة جوية مساء السبت 12 أيار 2017. " * 20
    )
    found = extract_date(text, None, SAT)
    assert found is not None and found.date.startswith("2017-05-1")


def test_year_from_weekday_when_no_year_is_given() -> None:
    found = extract_date("At dawn on Tuesday, October 31st, an airstrike hit the home.", "en", None)
    assert found is not None and found.date.endswith("-10-31")
    assert date.fromisoformat(found.date).weekday() == 1  # a Tuesday, the latest one not in the future
    found = extract_date("قصف مدفعي اليوم الخميس 5 تشرين الأول على ريف إدلب", "ar", None)
    assert found is not None and date.fromisoformat(found.date).weekday() == 3


def test_glued_facebook_stamps() -> None:
    found = extract_date("Page 360December 23, 2025 · Shared with Public مقتل شاب بقصف", None, None)
    assert found is not None and found.date == "2025-12-23"
    found = extract_date("SomePageFebruary 8, 2025 · Shared with Public قتل شخص أمس بغارة", None, None)
    assert found is not None and found.date == "2025-02-07"  # "أمس" against the stamp


def test_digits_glued_to_an_arabic_month() -> None:
    found = extract_date("استهدفت طائرات النظام اليوم الأحد 16تشرين الأول 2022 بلدة", None, None)
    assert found is not None and found.date == "2022-10-16"


def test_slashed_day_month_name_year() -> None:
    found = extract_date("ملخص الأحداث الميدانية ليوم السبت 8 / آذار / 2025: قصف على ريف حلب", None, None)
    assert found is not None and found.date == "2025-03-08"


def test_the_same_day_with_its_year_elsewhere() -> None:
    text = (
        "A shell killed a farmer near the village on June 3\n\nMore news\n\nThe toll for May 9, 2019\n\n"
        "The farmer was killed near the village on June 3, 2021, the group said."
    )
    found = extract_date(text, "en", None)
    assert found is not None and found.date == "2021-06-03"


def test_weekday_settles_the_year_the_context_gets_wrong() -> None:
    # 15 March was a Tuesday in 2022 (and 2016, 2011), not in 2013, the background year nearby.
    text = "قتل مدنيان بقصف مساء الثلاثاء 15 آذار على البلدة. وكانت المعارك بدأت في 2013."
    found = extract_date(text, "ar", None)
    assert found is not None and found.date == "2022-03-15"


def test_dates_after_publication_are_skipped_not_fatal() -> None:
    text = "Sunday 2 August 2026\n\nA drone strike on Tuesday killed two farmers near the town."
    found = extract_date(text, "en", date(2024, 3, 14))  # a Thursday
    assert found is not None and found.date == "2024-03-12"


def test_dateline_anchors_weekdays() -> None:
    text = "9 May 2022\n\nTwo farmers were martyred on Monday when a shell hit their field."
    found = extract_date(text, "en", None)
    assert found is not None and found.date == "2022-05-09"
    text = "9 May 2022\n\nTwo farmers were killed on Saturday when a shell hit their field."
    found = extract_date(text, "en", None)
    assert found is not None and found.date == "2022-05-07"


def test_related_section_dates_lose() -> None:
    text = (
        "Shops in the old market reopened on 3 April 2023 and families came back to the village, where the "
        "roads were cleared, the bakery was rebuilt and the school opened its doors to the children again.\n\n"
        "Read more:\n\nA car bomb killed three on 4 April 2023"
    )
    found = extract_date(text, "en", date(2023, 4, 20))
    assert found is not None and found.date == "2023-04-03"
    text = "قصف مدفعي على القرية يوم الأحد 16 نيسان 2023 أدى لمقتل مدني\nأخبار ذات صلة\nمقتل شاب بقصف في 20 نيسان 2023"
    found = extract_date(text, "ar", date(2023, 4, 21))
    assert found is not None and found.date == "2023-04-16"


def test_issued_on_stamp_with_weekday() -> None:
    text = "بيان صادر بتاريخ: الخميس 10 نيسان 2025\nاعتقلت دورية شابين يوم أمس الأربعاء الموافق 9 نيسان 2025 في القرية"
    found = extract_date(text, "ar", None)
    assert found is not None and found.date == "2025-04-09"


def test_x_stamp_with_the_view_count_glued_to_its_year() -> None:
    text = "Post\n\nA Reporter@reporterقصف مدفعي على أطراف البلدة وإصابة مدنيين8:15 PM · Feb 4, 2024318Views"
    found = extract_date(text, None, None)
    assert found is not None and found.date == "2024-02-04"
    found = extract_date(text.replace("قصف مدفعي", "قصف مدفعي أمس"), None, None)
    assert found is not None and found.date == "2024-02-03"


def test_date_glued_to_shared_with_public() -> None:
    text = "A PageApril 9, 2023 · Shared with Public02/04/2023 قصف مدفعي على القرية أدى لإصابة طفل"
    found = extract_date(text, None, None)
    assert found is not None and found.date == "2023-04-02"


def test_declared_publication_day_wins_over_a_stamp_a_day_off() -> None:
    text = "A Page\n\nA PageApril 9, 2023 · Shared with Public قصف مدفعي على القرية أدى لإصابة طفل"
    found = extract_date(text, None, date(2023, 4, 10))
    assert found is not None and found.date == "2023-04-10"
    found = extract_date(text, None, date(2023, 4, 9))
    assert found is not None and found.date == "2023-04-09"


def test_dates_a_month_before_publication_lose_to_recent_ones() -> None:
    text = (
        "Shelling killed a farmer, 3 killed in a raid on 2 February 2024.\n\n"
        "The shelling that killed the farmer hit the village on 14 March 2024."
    )
    found = extract_date(text, "en", date(2024, 3, 15))
    assert found is not None and found.date == "2024-03-14"


def test_year_first_slashed_dates() -> None:
    found = extract_date("شبكة محلية\n\n2022/06/09\n\nقتل مدني بقصف مدفعي على أطراف القرية", None, None)
    assert found is not None and found.date == "2022-06-09"
    assert extract_date("ratio 2017/05-11 of the stock", None, None) is None  # mixed separators: not a date


def test_publication_year_corrected_by_the_post_stamp() -> None:
    text = "A Page\n\nA PageMarch 4, 2024 · Shared with Public قصف مدفعي على القرية أدى لإصابة طفل"
    found = extract_date(text, None, date(2025, 3, 4))  # the crawler put the year it read the post
    assert found is not None and found.date == "2024-03-04"


def test_previous_and_next_post_links_are_other_stories() -> None:
    text = (
        "Shops in the old market reopened on 3 April 2023 and families came back to the village, where the "
        "roads were cleared, the bakery was rebuilt and the school opened its doors to the children again.\n\n"
        "Next Post\n\nDaily toll: five killed on 4 April 2023 across the country"
    )
    found = extract_date(text, "en", date(2023, 4, 20))
    assert found is not None and found.date == "2023-04-03"


def test_a_date_followed_by_a_time_is_the_page_stamp() -> None:
    text = "مركز الأخبار\n\nالأحد, ١٤ نيسان ٢٠٢٤, ١٠:١٥\n\nأصيب مدنيان بقصف مدفعي مساء أمس على القرية"
    found = extract_date(text, "ar", None)
    assert found is not None and found.date == "2024-04-13"
    text = "News desk\n\nDate: 2024-04-14 Time: 10:15 AM\n\nTwo civilians were wounded by shelling yesterday."
    found = extract_date(text, "en", None)
    assert found is not None and found.date == "2024-04-13"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قُتل مدنيان في 6-12-2024، إثر قصف مدفعي على البلدة", "2024-12-06"),
        ("حصاد الأحداث الميدانية ليوم الاثنين 09-01-2023: قصف على الريف", "2023-01-09"),
        ("قتل شاب بقصف على الحي\n\n2022.10.28 | 14:32 دمشق", "2022-10-28"),
        ("عاجل الجمعة2022/12/2 ثلاثة شهداء بقصف على المخيم", "2022-12-02"),
    ],
)
def test_more_numeric_forms(text: str, expected: str) -> None:
    found = extract_date(text, None, None)
    assert found is not None and found.date == expected
    s, e = found.span
    assert text[s:e].replace("-", "/").replace(".", "/").count("/") == 2


def test_numeric_date_separators_must_agree() -> None:
    assert extract_date("قتل مدني بقصف, الرمز 6-12/2024", None, None) is None


def test_a_day_without_its_year_long_before_publication_is_another_story() -> None:
    # A page of headlines: "2 August" is months before this report of 10 December, so the report's own day
    # (the publication date, given by the caller) is not replaced by it.
    text = "Two killed in a shelling in the south\n\nSchools reopen on 2 August after the strike"
    assert extract_date(text, "en", date(2024, 12, 10)) is None
    found = extract_date(text, "en", date(2024, 8, 20))  # within a month: still read
    assert found is not None and found.date == "2024-08-02"
    found = extract_date(text.replace("2 August", "2 August 2024"), "en", date(2024, 12, 10))
    assert found is not None and found.date == "2024-08-02"  # a written year is kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("توفي شاب متأثرا بإصابته جراء الغارات التي استهدفت المدينة بالأمس", "2017-05-12"),
        ("خرج الشابان من القرية منذ الأمس ولم يعودا بعد القصف", "2017-05-12"),
        ("نفذت القوات أول أمس عملية دهم قتل فيها شاب", "2017-05-11"),
        ("قتل شاب بقصف مدفعي يوم أمس الأول على القرية", "2017-05-11"),
        ("The day before yesterday a drone strike killed two farmers.", "2017-05-11"),
        # The weekday named with "yesterday" decides when the post went out later (Saturday's post, Tuesday).
        ("زعمت القوات أمس الثلاثاء أنها قصفت مواقع في القرية", "2017-05-09"),
        ("قتل مدنيان أول أمس، الأربعاء، بقصف على الحي", "2017-05-10"),
        # ... unless it is the base's own weekday: then the stamp is the next day in another time zone.
        ("قتل مدنيان بقصف مساء أمس السبت على الحي", "2017-05-12"),
    ],
)
def test_more_yesterdays(text: str, expected: str) -> None:
    found = extract_date(text, None, SAT)
    assert found is not None and found.date == expected


def test_yesterday_inside_a_word_is_no_date() -> None:
    # "الخامس" (the fifth) holds the letters of "امس".
    assert extract_date("قتل مدني في الشهر الخامس من الحصار", None, SAT) is None


def test_weekday_with_last_or_corresponding_settles_the_year() -> None:
    # 14 October was a Thursday in 2021 (and 2027, 2010): the latest one not in the future.
    found = extract_date("سقط صاروخ على سوق البلدة يوم الخميس الماضي 14 تشرين الأول وقتل رجلين", "ar", None)
    assert found is not None and date.fromisoformat(found.date).weekday() == 3
    found = extract_date("قتل راع بقذيفة مساء يوم الجمعة الموافق 8 تموز/يوليو الجاري", "ar", None)
    assert found is not None and date.fromisoformat(found.date).weekday() == 4


def test_a_bare_background_year_does_not_pull_the_weekday_year() -> None:
    # 15 February was a Tuesday in 2022 and in 2000: the bare year 1999 (background) must not pick 2000.
    text = "قتل ثلاثة مدنيين مساء اليوم الثلاثاء 15 شباط بقصف صاروخي. ويصادف ذكرى اعتقال رجل في عام 1999."
    found = extract_date(text, "ar", None)
    assert found is not None and found.date == "2022-02-15"


def test_a_month_of_background_loses_to_the_day_of_the_incident() -> None:
    text = "Under the deal signed in September 2018 the area was calm, but shelling on 3 May 2023 killed a farmer."
    found = extract_date(text, "en", None)
    assert found is not None and found.date == "2023-05-03"


def test_photo_caption_dates_lose_to_the_story() -> None:
    text = (
        "Shelling on the town\n\nFirefighters at a burning house in the town - 25 July 2021 (Civil Defence)\n\n"
        "Shelling killed two civilians in the town on 30 August 2021."
    )
    found = extract_date(text, "en", None)
    assert found is not None and found.date == "2021-08-30"


def test_a_date_recalled_as_last_month_is_background() -> None:
    text = "وكان انفجار سيارة مفخخة في المدينة، 22 أغسطس/آب الماضي، أسفر عن إصابة 7 مدنيين. وقتل مدني بقصف في 15 شباط 2022."
    found = extract_date(text, "ar", None)
    assert found is not None and found.date == "2022-02-15"


def test_page_stamp_with_its_time_on_the_next_line() -> None:
    # The stamp anchors "today" and makes a date long before it background.
    text = (
        "News desk\n\n20/01/2022\n\n5:46 م\n\nقتل أربعة مدنيين بقصف على المدينة.\n\n"
        "وكان آخرها القصف الذي استهدف مستشفى في المدينة، في 12 من حزيران 2021 وأدى لمقتل 15 شخصا."
    )
    found = extract_date(text, "ar", None)
    assert found is not None and found.date == "2022-01-20"


def test_weekday_told_against_a_dateline_beats_the_dateline() -> None:
    text = (
        "05 July 2023\n\nA man was killed by shelling on the village\n\nThe shelling hit on Tuesday evening."
    )
    found = extract_date(text, "en", None)
    assert found is not None and found.date == "2023-07-04"


def test_a_denial_dated_yesterday_is_not_the_incident() -> None:
    text = "نفت القوات أمس الأربعاء قصفها للمدينة، بعد أن قتل أربعة مدنيين بقصف عليها اليوم الخميس"
    found = extract_date(text, "ar", date(2022, 1, 20))
    assert found is not None and found.date == "2022-01-20"
    text = (
        "The forces denied on Wednesday that they shelled the town, where shelling killed four people today."
    )
    found = extract_date(text, "en", date(2022, 1, 20))
    assert found is not None and found.date == "2022-01-20"


def test_numeric_date_glued_to_the_word_after_it() -> None:
    text = "A Page\n\nA PageNovember 29, 2025 · Shared with Public28/11/2025هذا التاريخ لن ننساه، قتل فيه شبان القرية"
    found = extract_date(text, None, date(2025, 11, 29))
    assert found is not None and found.date == "2025-11-28"


@pytest.mark.parametrize(
    "text",
    [
        "On Nov 29, a girl died from injuries she received on Nov 28 when shells hit the town.",
        "توفي يوم 29 تشرين الثاني شاب متأثراً بإصابته جراء غارة على البلدة في 28 تشرين الثاني.",
    ],
)
def test_the_day_of_an_attack_beats_the_day_its_wounded_died(text: str) -> None:
    found = extract_date(text, None, date(2024, 11, 30))
    assert found is not None and found.date == "2024-11-28"


def test_the_day_a_report_was_relayed_is_not_the_incident() -> None:
    text = "نقلت الوكالة صباح اليوم عن مصدر عسكري أن غارة قتلت جنديا في وقت متأخر من أمس الجمعة"
    found = extract_date(text, "ar", SAT)
    assert found is not None and found.date == "2017-05-12"


def test_skipping_starts_by_their_opening_finds_the_same_dates() -> None:
    """A start that no pattern can begin with is skipped: the matches are those of trying every offset."""
    import re

    from civcas.extract import dates as d
    from civcas.extract.text import normalise

    def every_offset(rx: re.Pattern[str], norm: str) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        for st in range(len(norm)):
            if found and st < found[-1][1]:
                continue
            m = rx.match(norm, st)
            if m is not None and m.end() > m.start():
                found.append(m.span())
        return found

    texts = [
        "on 2017-05-13 and 13/05/2017, between 10 and 12 may 2017, 21 / شباط / 2025",
        "the 13th of may, 9 من تموز 2016, October the 7th, in september 2018, خلال شهر ايار 2019",
        "في 3 كانون الثاني 2020 قصف، ١٢ مايو",
        "the day before yesterday, last night, yesterday morning, today, this evening, tonight",
        "early on monday morning, last friday, on the night of sunday, past tuesday",
        "امس الثلاثاء، اول امس، ليلة امس، فجر اليوم، هذا الصباح، ليل الجمعة السبت، يوم الخميس الماضي",
        "وبالامس قصف، البارحه، منتصف ليل الاحد، ساعات فجر الاثنين",
    ]
    for text in texts:
        norm = normalise(text)
        starts = list(range(len(norm)))
        for rx, openings, digits in (
            (d._ABSOLUTE, d._ABSOLUTE_OPENINGS, True),
            (d._RELATIVE, d._RELATIVE_OPENINGS, False),
        ):
            got = [m.span() for m in d._matches(rx, norm, starts, openings, digits)]
            assert got == every_offset(rx, norm), text


def test_words_near_a_date_read_off_the_term_scan() -> None:
    """The occurrences of the event words answer what a search of the window would; every phrase of
    a later statement holds one of the words looked up before its pattern runs."""
    from civcas.extract import dates as d
    from civcas.extract.text import normalise

    text = normalise("Killed in a strike; قتل واستشهد في قصف. The army said on 3 May it was reported on")
    events = d._EVENT_INDEX.occurrences(text)
    for lo in range(len(text) + 1):
        for hi in range(lo, len(text) + 1):
            assert events.any_within(lo, hi) == bool(d._EVENT_WORDS.search(text[lo:hi])), (lo, hi)
    words = (
        "said says stated statement told announced published posted updated release press assess"
        " investigated launched began since until anniversary born accessed retrieved copyright denied x©"
        " قال صرح اعلن بيان نشر تحديث اطلق منذ تاسس ولد نفت نفي نقلت"
    )
    later = [*words.split(), "reported on", "report on"]
    for word in later:
        assert d._LATER_WORDS.search(word), word
        found = d._LATER_INDEX.occurrences(word)
        assert found.any_within(0, len(word)), word


# --- background dates: never the incident's, so a report with nothing else gives no date ----------


@pytest.mark.parametrize(
    "text",
    [
        "Shelling killed a shepherd near the village today, the first attack on it since 3 July 2019.",
        "قتل راع اليوم بقصف مدفعي على القرية، وهو أول قصف عليها منذ الـ3 من تموز 2019",
        "قتل راع اليوم بقصف مدفعي على القرية، وهو أول قصف عليها منذ 3 تموز 2019",
    ],
)
def test_the_start_of_a_period_is_no_incident_date(text: str) -> None:
    assert extract_date(text, None, None) is None
    # Told against its publication date, the report's own day is read instead.
    found = extract_date(text, None, SAT)
    assert found is not None and found.date == SAT.isoformat()


@pytest.mark.parametrize(
    "text",
    [
        "Despite the truce signed on 12 October 2019, shelling killed two farmers on Tuesday.",
        "قتل مزارعان بقصف يوم الثلاثاء رغم اتفاق وقف إطلاق النار الموقع في 12 تشرين الأول 2019",
        "قتل مزارعان بقصف يوم الثلاثاء على أطراف القرية قرب الطريق العام.\nوفي 12 تشرين الأول 2019، توصلت الدولتان إلى اتفاق لوقف إطلاق النار.",
    ],
)
def test_the_signing_of_an_agreement_is_no_incident_date(text: str) -> None:
    assert extract_date(text, None, None) is None
    found = extract_date(text, None, SAT)
    assert found is not None and found.date == "2017-05-09"  # the Tuesday before


def test_the_site_is_not_a_signing() -> None:
    # "الموقع" is also "the site": with no agreement named before it, the date is the incident's.
    found = extract_date("قصفت الطائرات الموقع في 12 تشرين الأول 2019 وقتل جنديان", "ar", None)
    assert found is not None and found.date == "2019-10-12"


@pytest.mark.parametrize(
    "text",
    [
        "A strike killed four people in the town on Wednesday. In September 2018 the two states agreed a zone.",
        "قتل أربعة مدنيين بغارة على البلدة يوم الأربعاء. وفي أيلول 2018 أقامت الدولتان منطقة عازلة.",
    ],
)
def test_a_bare_month_is_no_incident_date_when_the_day_is_told_relatively(text: str) -> None:
    assert extract_date(text, None, None) is None


def test_a_bare_month_alone_is_still_a_date() -> None:
    found = extract_date("Strikes in May 2017 killed twelve people in the town.", "en", None)
    assert found is not None and (found.date, found.precision) == ("2017-05-01", "month")


@pytest.mark.parametrize(
    "text",
    [
        "Shelling killed two farmers in the village this morning.\n\nRelated news\n\nA fire on 3 February 2021",
        "قتل مزارعان بقصف مدفعي صباح اليوم على القرية\nأخبار ذات صلة\nمقتل شاب بانفجار لغم في 3 شباط 2021",
    ],
)
def test_dates_under_related_news_after_the_story_are_dropped(text: str) -> None:
    assert extract_date(text, None, None) is None
    found = extract_date(text, None, SAT)
    assert found is not None and found.date == SAT.isoformat()


@pytest.mark.parametrize(
    "text",
    [
        "The strike on 3 May killed four; the town has been shelled since 2011.",
        "قتل أربعة مدنيين بغارة في 3 أيار، وتتعرض البلدة للقصف منذ عام 2011",
    ],
)
def test_a_year_after_since_gives_no_year(text: str) -> None:
    assert extract_date(text, None, None) is None


def test_a_year_since_whose_beginning_is_this_year() -> None:
    found = extract_date(
        "قتل أربعة مدنيين بغارة في 3 أيار، وهي الغارة العاشرة منذ مطلع العام 2023", "ar", None
    )
    assert found is not None and found.date == "2023-05-03"


def test_absolute_dates_start_near_months_and_numbers_only() -> None:
    from civcas.extract.dates import _anchors
    from civcas.extract.text import normalise

    # "market", "decided" and "ابواب" begin with a month's short name but are longer words: no starts.
    assert _anchors(normalise("The market was hit after Rami decided to shut ابواب المحل.")) == ([], [])
    norm = normalise("Late on Monday, after the raid of 12/05/2021 and on 3 آب 2020 or آب2020")
    starts, relative = _anchors(norm)
    assert relative == [norm.index("monday")]
    assert norm.index("12/05") in starts and norm.index("3 ") in starts
    assert norm.index("اب2020") in starts
    found = extract_date("قتل مدني في 15 آب 2020 قرب ابواب السوق")
    assert found is not None and found.date == "2020-08-15"


def test_numeric_starts_are_those_of_the_pattern() -> None:
    import random

    from civcas.extract import dates as d

    def by_regex(norm: str) -> list[int]:
        return [d._digits_start(norm, m.start()) for m in d._NUMERIC_DATE.finditer(norm)]

    rng = random.Random(7)
    alphabet = "0123456789-/.a \n\u0663\u0967"  # with an Arabic-Indic and a Devanagari digit
    for _ in range(20000):
        norm = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        assert d._numeric_starts(norm) == by_regex(norm), norm
    assert d._numeric_starts("on 1-2-3 and public28/11/2025.") == [3, 19, 22]


def test_bare_year_pattern_matches_like_the_plain_one() -> None:
    import random
    import re

    from civcas.extract import dates as d

    plain = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
    rng = random.Random(5)
    for _ in range(20000):
        text = "".join(rng.choice("0129 a\u0663") for _ in range(rng.randint(0, 12)))
        assert [m.span() for m in d._BARE_YEAR.finditer(text)] == [m.span() for m in plain.finditer(text)]
