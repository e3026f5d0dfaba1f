import pytest

from civcas.link.features import (
    admin1_key,
    content_tokens,
    cosine,
    day_number,
    distinctive,
    event_type_key,
    named_weekday,
    place_key,
    row_from_facts,
    shared_words,
    target_types,
    text_script,
    text_vector,
    weekday_of,
)
from civcas.model.extraction import CountRange, IncidentFacts


def test_governorate_spellings_and_scripts_share_a_key() -> None:
    for group in (
        ["Deir ez-Zor", "Deir Ezzor", "دير الزور"],
        ["Aleppo", "حلب", "Aleppo countryside"],
        ["Al-Hasakah", "Al Hassakah", "Hasakah", "الحسكة"],
        ["Idlib", "إدلب", "ادلب"],
        ["Damascus", "دمشق"],
        ["Rif Dimashq", "ريف دمشق", "Damascus countryside"],
        ["Latakia", "اللاذقية"],
    ):
        assert len({admin1_key(n) for n in group}) == 1, group
    assert admin1_key("Idlib") != admin1_key("Aleppo")
    assert admin1_key("Damascus") != admin1_key("Rif Dimashq")
    assert admin1_key(None) is None


def test_place_names_meet_across_scripts() -> None:
    assert place_key("Maarat al-Numan") == place_key("معرة النعمان")
    assert place_key("Sarmada") == place_key("سرمدا")
    assert place_key("Al Mayadin") == place_key("الميادين")
    assert place_key("Saraqib") != place_key("Sarmada")
    assert place_key("") is None


def test_content_tokens_fold_and_drop_function_words() -> None:
    toks = content_tokens("قُتل 3 مدنيين في غارة على بلدة البارة بريف إدلب، والضحايا أحمد الخليل")
    assert "باره" in toks and "ادلب" in toks and "احمد" in toks and "خليل" in toks
    assert "في" not in toks and "3" not in toks
    assert content_tokens("The airstrike killed Ahmad in Saraqib") == ["ahmad", "saraqib"]


def test_distinctive_prefers_rare_words_and_drops_ubiquitous_ones() -> None:
    df = {"common": 90, "rare": 2, "mid": 10, "unique": 1}
    assert distinctive(["common", "rare", "mid", "unique"], df, 1000, k=5) == ["rare", "mid"]
    assert distinctive(["common", "rare", "mid", "unique"], df, 1000, k=1) == ["rare"]
    # Without document frequencies: a stable hash sample, the same in every process.
    assert distinctive(["b", "a", "c"], None, 0, k=2) == distinctive(["c", "b", "a"], None, 0, k=2)


def test_text_vector_weighs_rare_words_most_and_has_unit_length() -> None:
    df = {"common": 90, "rare": 2, "mid": 10, "unique": 1}
    words, weights = text_vector(["common", "mid", "rare", "unique", "mid"], df, 1000)
    # "unique" can match nothing and "common" is in more than 5% of reports: both left out.
    assert words == ["rare", "mid"]
    assert weights[0] > weights[1] > 0
    assert sum(w * w for w in weights) == pytest.approx(1.0, abs=1e-3)
    assert text_vector(["rare"], df, 1000, k=0) == ([], [])
    # Among a few reports every word looks rare: no vector, so texts are not compared.
    assert text_vector(["rare", "mid"], {"rare": 2, "mid": 2}, 8) == ([], [])


def test_cosine_of_text_vectors() -> None:
    df = {"saraqib": 3, "market": 20, "khalil": 2, "haddad": 2, "idlib": 40}
    a = text_vector(["saraqib", "market", "khalil", "idlib"], df, 1000)
    b = text_vector(["saraqib", "market", "khalil"], df, 1000)
    c = text_vector(["haddad", "idlib"], df, 1000)
    assert cosine(*a, *a) == pytest.approx(1.0, abs=1e-3)
    assert cosine(*a, *b) == pytest.approx(cosine(*b, *a))
    assert cosine(*a, *b) > cosine(*a, *c) > 0
    assert cosine(*b, *c) == 0
    assert cosine([], [], *a) == 0
    assert shared_words(*a, *b, k=2) == ["khalil", "saraqib"]  # the rarest shared words weigh most
    assert shared_words(*b, *c) == []


def test_row_uses_publication_date_when_the_text_gives_none() -> None:
    facts = IncidentFacts(place="Saraqib", admin1="Idlib", civilians_killed=CountRange(min=2, max=4))
    row, _ = row_from_facts(0, "r0", facts, text="Shelling on Saraqib", published="2019-03-13T08:00:00Z")
    assert row.day is None and row.pub_day == day_number("2019-03-13") and row.day_eff == row.pub_day
    assert not row.date_from_text
    assert (row.killed_min, row.killed_max) == (2, 4)
    dated, _ = row_from_facts(1, "r1", IncidentFacts(date="2019-03-12"), published="2019-03-13")
    assert dated.day_eff == day_number("2019-03-12") and dated.date_from_text


def test_row_carries_the_injured_figure() -> None:
    facts = IncidentFacts(civilians_killed=CountRange(min=3, max=3), injured=CountRange(min=10, max=12))
    row, _ = row_from_facts(0, "r0", facts, text="Three killed, 10 to 12 injured in Ariha")
    assert (row.injured_min, row.injured_max) == (10, 12)
    assert row.as_dict()["injured_min"] == 10  # the incremental path and the store take the row's dict
    bare, _ = row_from_facts(1, "r1", IncidentFacts(civilians_killed=CountRange(min=3, max=3)))
    assert bare.injured_min is None and bare.injured_max is None


def test_row_without_facts_is_empty_but_valid() -> None:
    row, toks = row_from_facts(3, "x", None, text="")
    assert row.day_eff is None and row.admin1 is None and toks == [] and row.script is None


def test_script_and_event_type_folding() -> None:
    assert text_script("Copy link to Tweet عاجل قصف صاروخي استهدف مدينة اعزاز") == "ar"
    assert text_script("Shelling on Azaz") == "latin"
    assert event_type_key("Artillery") == event_type_key("shelling")
    assert event_type_key(None) is None


def test_a_text_date_far_from_publication_yields_to_it() -> None:
    # A page header or an earlier strike recalled in the text: the event is the publication's days.
    old, _ = row_from_facts(0, "r0", IncidentFacts(date="2019-01-02"), published="2019-03-13")
    assert old.day is None and old.day_eff == day_number("2019-03-13") and not old.date_from_text
    later, _ = row_from_facts(1, "r1", IncidentFacts(date="2019-03-20"), published="2019-03-13")
    assert later.day is None and later.day_eff == day_number("2019-03-13")
    # Within the lag (a toll updated weeks on, a night raid dated the evening before) the text wins.
    weeks, _ = row_from_facts(2, "r2", IncidentFacts(date="2019-02-20"), published="2019-03-13")
    assert weeks.day == day_number("2019-02-20")
    eve, _ = row_from_facts(3, "r3", IncidentFacts(date="2019-03-14"), published="2019-03-13")
    assert eve.day == day_number("2019-03-14")


def test_a_publication_date_stamped_with_a_later_year_yields_to_the_text() -> None:
    # The crawler gave a yearless "January 15" the year of the crawl; the post's header says 2025.
    row, _ = row_from_facts(0, "r0", IncidentFacts(date="2025-01-15"), published="15 يناير 2026")
    assert row.day == row.pub_day == row.day_eff == day_number("2025-01-15") and row.date_from_text
    # A year apart on another day is another story: the publication date stays the surer.
    other, _ = row_from_facts(1, "r1", IncidentFacts(date="2025-01-14"), published="2026-01-15")
    assert other.day is None and other.day_eff == day_number("2026-01-15")


def test_a_month_is_no_day_to_link_on() -> None:
    facts = IncidentFacts(date="2016-02-01", date_end="2016-02-29", date_precision="month")
    row, _ = row_from_facts(0, "r0", facts, published="2023-06-17")
    assert row.day is None and row.day_eff == day_number("2023-06-17") and not row.date_from_text


def test_words_broken_by_dots_against_platform_filters_are_mended() -> None:
    assert content_tokens("اسـ.ـتـ.ـهدف الطيـ.ـران بلـ.ـدة كفرنبل") == content_tokens(
        "استهدف الطيران بلدة كفرنبل"
    )
    assert "كفرنبل" in content_tokens("قصـ.ـف على كفر.نبل")
    # A full stop between sentences stays a boundary.
    assert content_tokens("قصف سراقب.وقتل مدني") != content_tokens("قصف سراقبوقتل مدني")


def test_named_weekday_reads_both_scripts_and_takes_the_most_named() -> None:
    assert named_weekday("قصف على البلدة فجر اليوم الأحد") == 6
    assert named_weekday("وقالت المصادر إن الغارة وقعت مساء الجمعة، وفي يوم الجمعة نفسه ...") == 4
    assert named_weekday("Shelling hit the market on Tuesday; by Wednesday and Wednesday night ...") == 2
    # Without the article, "أحد" is "one of" and "جمعة" a name: no weekday.
    assert named_weekday("قتل أحد المدنيين وأصيب جمعة الخليل") is None
    assert named_weekday("no day named here") is None


def test_row_weekday_comes_from_the_date_else_from_the_text() -> None:
    dated, _ = row_from_facts(1, "a", IncidentFacts(date="2022-01-08"), text="on Sunday")
    assert dated.day_eff is not None and dated.weekday == weekday_of(dated.day_eff) == 5
    undated, _ = row_from_facts(2, "b", IncidentFacts(), text="غارة جوية صباح اليوم الأحد")
    assert undated.day_eff is None and undated.weekday == 6
    assert row_from_facts(3, "c", IncidentFacts(), text="no day")[0].weekday is None


def test_a_written_publication_date_is_read() -> None:
    # Pages give their own date in words, in either language; the batch file keeps it as written.
    assert day_number("22 أكتوبر 2025") == day_number("2025-10-22")
    assert day_number("March 3, 2024") == day_number("2024-03-03")
    assert day_number("not a date") is None
    row, _ = row_from_facts(0, "r0", None, text="رحم الله الشهداء", published="5 يناير 2026")
    assert row.pub_day == day_number("2026-01-05") and row.day_eff == row.pub_day


def test_row_carries_the_places_named_as_place_keys_each_once() -> None:
    facts = IncidentFacts(place="Saraqib", places_named=["Saraqib", "سراقب", "Maarat al-Numan"])
    row, _ = row_from_facts(0, "r0", facts, text="Strikes on Saraqib and Maarat al-Numan")
    assert row.places_named == [place_key("Saraqib"), place_key("Maarat al-Numan")]
    assert row.as_dict()["places_named"] == row.places_named  # the incremental path and the store
    bare, _ = row_from_facts(1, "r1", IncidentFacts(), text="")
    assert bare.places_named is None


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("An airstrike hit the vegetable market and a school in Ariha", ["market", "school"]),
        ("غارة على السوق الشعبي وعلى مخيم للنازحين", ["camp", "market"]),
        ("استهداف سيارة تقل عناصر الدفاع المدني قرب الفرن", ["bakery", "civil_defence", "vehicle"]),
        ("Shelling of a farm; the White Helmets recovered a body", ["civil_defence", "farm"]),
        # Whole words only: a carpet is no car, a schoolbag no school.
        ("A carpet seller and a schoolbag", None),
    ],
)
def test_target_types_read_from_english_and_arabic(text: str, types: list[str] | None) -> None:
    assert target_types(text) == types
    row, _ = row_from_facts(0, "r0", IncidentFacts(), text=text)
    assert row.target_types == types
