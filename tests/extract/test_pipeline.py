"""The assembled Extraction for hand-written reports (none copied from the labelled data)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civcas.extract import pipeline
from civcas.extract.pipeline import (
    COMPONENTS,
    OUTPUT_STAGE,
    TEXT_STAGE,
    Doc,
    FunctionComponent,
    check_order,
    extract_report,
)
from civcas.model.extraction import CountRange, Extraction
from civcas.model.vocabulary import EvidenceKind, Stance

# Our own wording of the kind of report the project started from (a Saturday, 2017-05-13).
MAYADIN = (
    "Coalition concedes strike near Mayadin as locals report a dozen dead\n"
    "Residents of Mayadin in Deir ez-Zor province said an airstrike by the US-led coalition on Saturday "
    "killed at least 12 civilians, most of them women and children.\n"
    "A video, purportedly filmed after the raid, shows flattened houses. We could not independently "
    "verify the footage.\n"
    "Asked about the raid, the coalition stated that the strike did take place. "
    '"Coalition military forces conducted one strike near Mayadin that engaged an ISIS tactical unit '
    'and destroyed an ISIS watercraft," a coalition spokesperson wrote in an email.\n'
    "The coalition said it was not aware of any civilian casualties but would refer the report to its "
    "civilian casualty team for further assessment.\n"
)


def test_key_example_assembles_every_fact() -> None:
    result = extract_report(id="r1", text=MAYADIN, published=date(2017, 5, 13))
    assert isinstance(result, Extraction)
    inc = result.incident
    assert inc is not None
    assert result.incidents == [inc]
    assert result.language == "en"
    assert inc.date == "2017-05-13"
    assert inc.date_precision == "day"
    assert inc.belligerent == "US-led Coalition"
    assert inc.belligerent_source == "both"
    assert inc.event_type == "airstrike"
    assert inc.claimed_target == "ISIS tactical unit; ISIS watercraft"
    stances = {s.stance for s in inc.statements}
    assert {Stance.ADMITS_STRIKE, Stance.DENIES_CASUALTIES, Stance.INVESTIGATING} <= stances
    assert all(s.party == "US-led Coalition" for s in inc.statements)
    assert any(s.speaker == "coalition spokesperson" for s in inc.statements)
    video = [e for e in inc.evidence if e.kind is EvidenceKind.VIDEO]
    assert len(video) == 1 and video[0].verified is False
    for key in ("date", "belligerent", "event_type", "claimed_target"):
        assert inc.spans[key], key
        s, e = inc.spans[key][0]
        assert 0 <= s < e <= len(MAYADIN)
    s, e = inc.spans["date"][0]
    assert MAYADIN[s:e] == "on Saturday"


def test_output_json_shape() -> None:
    data = pipeline.extraction_json(extract_report(id="r1", text=MAYADIN, published="2017-05-13"))
    assert data["id"] == "r1"
    inc = data["incident"]
    assert inc["belligerent"] == "US-led Coalition"
    assert isinstance(inc["spans"]["date"][0], list)
    assert inc["injured"] is None
    assert data["incidents"][0] == inc


def test_published_forms() -> None:
    for published in ("2017-05-13", "2017-05-13T10:00:00Z", "13 May 2017", "13 أيار 2017", date(2017, 5, 13)):
        inc = extract_report(id="r", text=MAYADIN, published=published).incident
        assert inc is not None and inc.date == "2017-05-13", published


def test_a_text_without_a_day_takes_its_publication_date() -> None:
    text = "An airstrike on a village house killed three civilians."
    inc = extract_report(id="r", text=text, published="2022-03-07T22:10:00+00:00").incident
    assert inc is not None
    assert (inc.date, inc.date_precision, inc.date_source) == ("2022-03-07", "day", "published")
    assert "date" not in inc.spans  # nothing in the text to point at
    undated = extract_report(id="r", text=text).incident
    assert undated is not None and undated.date is None and undated.date_source is None


def test_a_day_in_the_text_wins_over_the_publication_date() -> None:
    inc = extract_report(id="r", text=MAYADIN, published="2017-05-14").incident
    assert inc is not None and inc.date_source == "report" and inc.spans["date"]


def test_a_publication_date_alone_is_not_an_incident() -> None:
    result = extract_report(
        id="r", text="The council met to discuss the school budget.", published="2022-03-07"
    )
    assert result.incident is None


def test_no_incident_gives_null() -> None:
    result = extract_report(id="r2", text="The council met to discuss the school budget for next year.")
    assert result.incident is None
    assert result.incidents == []


def test_arabic_language_guess() -> None:
    text = "قتل ثلاثة مدنيين بقصف مدفعي لقوات النظام على بلدة في ريف إدلب مساء السبت."
    result = extract_report(id="r3", text=text, published=date(2021, 9, 6))
    assert result.language == "ar"
    assert result.incident is not None
    assert result.incident.date == "2021-09-04"
    assert result.incident.belligerent == "Russian Military"  # Airwars codes regime attacks so
    assert result.incident.event_type == "artillery"


def test_casualties_are_copied_with_spans(monkeypatch: pytest.MonkeyPatch) -> None:
    class Found:
        civilians_killed = CountRange(min=3, max=4)
        injured = None
        children_killed = None
        women_killed = None
        men_killed = None
        total_killed = CountRange(min=3, max=4)
        spans: dict[str, list[tuple[int, int]]] = {"civilians_killed": [(0, 5)]}

    import civcas.extract.casualties as casualties

    monkeypatch.setattr(casualties, "extract_casualties", lambda text, language: Found())
    inc = extract_report(id="r", text="three civilians were killed").incident
    assert inc is not None
    assert inc.civilians_killed == CountRange(min=3, max=4)
    assert inc.spans["civilians_killed"] == [(0, 5)]


def test_failing_component_does_not_lose_the_record(caplog: pytest.LogCaptureFixture) -> None:
    def boom(doc: Doc) -> None:
        raise RuntimeError("bug")

    comps = (*COMPONENTS[:1], FunctionComponent("test.boom.v1", (), (), boom), *COMPONENTS[1:])
    result = extract_report(id="r", text=MAYADIN, published=date(2017, 5, 13), components=comps)
    assert result.incident is not None and result.incident.belligerent == "US-led Coalition"
    assert "test.boom.v1" in caplog.text


def test_components_declare_order() -> None:
    check_order(COMPONENTS)
    with pytest.raises(ValueError, match="requires"):
        check_order(tuple(reversed(COMPONENTS)))
    assert all(c.name.startswith("civcas.") and c.name.endswith(".v1") for c in COMPONENTS)


def test_timings_accumulate() -> None:
    timings: dict[str, float] = {}
    extract_report(id="r", text=MAYADIN, published=date(2017, 5, 13), timings=timings)
    extract_report(id="r", text=MAYADIN, published=date(2017, 5, 13), timings=timings)
    assert set(timings) == {c.name for c in COMPONENTS} | {TEXT_STAGE, OUTPUT_STAGE}
    assert all(v >= 0 for v in timings.values())


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet=st.characters(codec="utf-8"), max_size=400)
    | st.lists(
        st.sampled_from(
            [
                "killed",
                "12",
                "May",
                "أيار",
                "غارة",
                "Saturday",
                "coalition",
                "السبت",
                " ",
                "\n",
                ".",
                "-",
                "/",
                "٣",
            ]
        ),
        max_size=60,
    ).map("".join),
    published=st.none() | st.dates() | st.text(max_size=20),
)
def test_never_crashes(text: str, published: Any) -> None:
    result = extract_report(id="h", text=text, published=published)
    assert isinstance(result, Extraction)
    if result.incident is not None:
        for spans in result.incident.spans.values():
            for s, e in spans:
                assert 0 <= s <= e <= len(text)
        item_spans = [st.span for st in result.incident.statements] + [
            ev.span for ev in result.incident.evidence
        ]
        for s, e in item_spans:
            assert 0 <= s <= e <= len(text)


MAYADIN_AR = (
    "قالت مصادر محلية إن غارة جوية لطيران التحالف الدولي استهدفت منزلاً قرب مدينة الميادين في ريف دير الزور "
    "مساء السبت، ما أدى إلى مقتل 12 مدنياً بينهم نساء وأطفال.\n"
    "ونشر ناشطون مقطع فيديو يظهر الدمار، ولم يتسن التحقق من صحته بشكل مستقل.\n"
    "واعترف التحالف الدولي بتنفيذ الغارة، وقال في بيان إنه استهدف مواقع لتنظيم داعش، ونفى سقوط ضحايا مدنيين.\n"
    "وأعلن التحالف فتح تحقيق في الحادثة.\n"
)


def test_key_example_in_arabic() -> None:
    result = extract_report(id="r-ar", text=MAYADIN_AR, published=date(2017, 5, 15))
    inc = result.incident
    assert result.language == "ar" and inc is not None
    assert inc.date == "2017-05-13"
    assert inc.belligerent == "US-led Coalition"
    assert inc.belligerent_source == "both"
    assert inc.event_type == "airstrike"
    assert inc.claimed_target is not None and inc.claimed_target.startswith("مواقع لتنظيم داعش")
    stances = {s.stance for s in inc.statements}
    assert {Stance.ADMITS_STRIKE, Stance.DENIES_CASUALTIES, Stance.INVESTIGATING} <= stances
    assert [(e.kind, e.verified) for e in inc.evidence if e.kind is EvidenceKind.VIDEO] == [
        (EvidenceKind.VIDEO, False)
    ]
    s, e = inc.spans["date"][0]
    assert MAYADIN_AR[s:e] == "مساء السبت"


def test_the_first_report_moves_the_loaded_models_out_of_the_collectors_reach() -> None:
    """A fresh process: after its first report, the gazetteer and indexes are frozen (gc.freeze), so
    collections stop walking them; reports after it freeze nothing more (some frozen objects are
    freed by reference counting as ever)."""
    import subprocess
    import sys

    code = (
        "import gc\n"
        "from civcas.extract.pipeline import extract_report\n"
        "assert gc.get_freeze_count() == 0\n"
        "extract_report(id='1', text='An airstrike near Mayadin killed 12 civilians.')\n"
        "frozen = gc.get_freeze_count()\n"
        "extract_report(id='2', text='Shelling of Idlib wounded 3.')\n"
        "print(frozen, gc.get_freeze_count())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    frozen, after = map(int, out.stdout.split())
    assert frozen > 50_000  # the gazetteer alone holds tens of thousands of objects
    assert after <= frozen
