"""An incident's chronology: date order, days from the strike, promises and their answers."""

from __future__ import annotations

import datetime as dt

from civcas.model.accountability import CommitmentView, VerdictView
from civcas.model.incident import AssessmentView, IncidentDetail, SourceView, StatementView
from civcas.services.chronology import incident_chronology

STRIKE = dt.date(2017, 5, 13)


def _source(k: int, published: dt.datetime | None, **kw: object) -> SourceView:
    base: dict[str, object] = {
        "id": k,
        "sha256": "0" * 64,
        "title": f"report {k}",
        "url": None,
        "publisher": f"publisher {k}",
        "language": "en",
        "published": published,
        "ingested_at": dt.datetime(2017, 6, 1, tzinfo=dt.UTC),
        "kind": "report",
        "origin": f"test:{k}",
        "text": "…",
    }
    base.update(kw)
    return SourceView.model_validate(base)


def _incident() -> IncidentDetail:
    admits = StatementView(
        party="US-led Coalition",
        speaker=None,
        stance="admits_strike",
        quote="“a strike on an ISIS unit”",
        span=(0, 1),
    )
    promise = StatementView(
        party="US-led Coalition",
        speaker=None,
        stance="investigating",
        quote='"will look into it"',
        span=(2, 3),
    )
    return IncidentDetail(
        id=1,
        title="Mayadin",
        state="assessed",
        date=STRIKE,
        belligerent="US-led Coalition",
        sources=[
            _source(2, dt.datetime(2017, 5, 15, 9, tzinfo=dt.UTC), statements=[admits, promise]),
            _source(1, dt.datetime(2017, 5, 13, 20, tzinfo=dt.UTC), language="ar"),
            _source(3, None),  # no publication date
            _source(4, dt.datetime(2017, 6, 30, tzinfo=dt.UTC), kind="strike_release", publisher="CJTF-OIR"),
        ],
        commitments=[
            CommitmentView(
                id=1,
                incident_id=1,
                incident_title="Mayadin",
                party="US-led Coalition",
                kind="investigate",
                made_on=dt.date(2017, 5, 15),
                quote="will look into it",
                status="answered",
                answered_on=dt.date(2017, 12, 1),
                age_days=None,
            )
        ],
        verdicts=[
            VerdictView(
                id=1,
                incident_id=1,
                belligerent="US-led Coalition",
                verdict="credible",
                reasons=[],
                deaths_conceded_min=2,
                deaths_conceded_max=2,
                injuries_conceded_min=None,
                injuries_conceded_max=None,
                decided_on=dt.date(2017, 12, 1),
                published_in="monthly civilian casualty report, December 2017",
                note="",
            )
        ],
        assessments=[
            AssessmentView(
                id=1,
                state="assessed",
                grade="Fair",
                strike_status=None,
                note="two independent local sources",
                user="ana",
                created_at=dt.datetime(2017, 5, 20, 10, tzinfo=dt.UTC),
            )
        ],
    )


def test_entries_run_in_date_order_counted_from_the_strike() -> None:
    entries = incident_chronology(_incident())
    kinds = [(e.kind, e.on, e.days_after) for e in entries]
    assert kinds == [
        ("strike", STRIKE, 0),
        ("report", dt.date(2017, 5, 13), 0),
        ("report", dt.date(2017, 5, 15), 2),
        ("statement", dt.date(2017, 5, 15), 2),
        ("promise", dt.date(2017, 5, 15), 2),
        ("assessment", dt.date(2017, 5, 20), 7),
        ("report", dt.date(2017, 6, 30), 48),
        ("verdict", dt.date(2017, 12, 1), 202),
        ("answered", dt.date(2017, 12, 1), 202),
        ("report", None, None),  # the undated report comes last
    ]
    by_kind = {e.kind: e for e in entries}
    assert (
        by_kind["statement"].what == "admits the strike"
        and by_kind["statement"].detail == "a strike on an ISIS unit"
    )
    # The statement that made the promise is shown once, as the promise, with its report.
    assert by_kind["promise"].detail == "will look into it" and by_kind["promise"].source_id == 2
    assert by_kind["verdict"].detail.startswith(
        "conceded 2 civilian deaths; in monthly civilian casualty report"
    )
    assert (
        by_kind["assessment"].what == "moved it to assessed, graded Fair"
        and by_kind["assessment"].who == "ana"
    )
    assert entries[6].what == "issued a strike release" and entries[6].who == "CJTF-OIR"
    assert entries[1].what == "published a report (ar)"


def test_an_undated_incident_counts_no_days() -> None:
    inc = _incident().model_copy(update={"date": None})
    entries = incident_chronology(inc)
    assert all(e.days_after is None for e in entries) and entries[0].kind == "report"
