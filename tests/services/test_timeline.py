"""The timeline: incidents and civilian deaths per period, from the rollup or the incidents, on both databases."""

from __future__ import annotations

import hashlib
from datetime import date
from itertools import pairwise

import pytest

from civcas.errors import InputError
from civcas.model.vocabulary import Role
from civcas.services.actor import ANONYMOUS, Actor
from civcas.services.incidents import IncidentFilter
from civcas.services.timeline import (
    Period,
    choose_unit,
    incident_timeline,
    next_start,
    period_label,
    period_start,
)
from civcas.store.database import Database
from civcas.store.tables import Incident, IncidentSource, Source

ADMIN = Actor(username="t", role=Role.ADMIN)


def _add(db: Database, rows: list[dict[str, object]]) -> None:
    with db.write() as s:
        for k, row in enumerate(rows):
            inc = Incident(**{"title": f"strike {k}", "state": "new", **row})
            text = f"report {k}: {'a bakery was hit' if row.get('grade') == 'Fair' else 'a house was hit'}"
            src = Source(
                sha256=hashlib.sha256(text.encode()).hexdigest(),
                original=text.encode(),
                media_type="text/plain",
                text=text,
                language="en",
                origin=f"test:{k}",
            )
            s.add_all([inc, src])
            s.flush()
            s.add(IncidentSource(incident_id=inc.id, source_id=src.id, method="new"))


COALITION = "US-led Coalition"
SPRING = [
    {
        "date": date(2017, 3, 6),
        "civilians_killed_min": 4,
        "civilians_killed_max": 6,
        "grade": "Fair",
        "belligerent": COALITION,
    },
    {"date": date(2017, 3, 8), "civilians_killed_min": 1, "admin1": "Raqqa"},
    {
        "date": date(2017, 3, 20),
        "civilians_killed_min": 10,
        "civilians_killed_max": 10,
        "grade": "Discounted",
    },
    {"date": date(2017, 5, 2), "civilians_killed_min": 2, "civilians_killed_max": 3, "state": "published"},
    {"civilians_killed_min": 7},  # undated
]


def test_periods_run_without_gaps_and_leave_discounted_deaths_out(db: Database) -> None:
    _add(db, SPRING)
    with db.read() as s:
        weekly = incident_timeline(s, ADMIN, IncidentFilter(), "week")
    assert weekly.unit == "week" and weekly.incidents == 5 and weekly.undated == 1
    starts = [p.start for p in weekly.periods]
    assert starts[0] == date(2017, 3, 6) and starts[-1] == date(2017, 5, 1)  # Mondays
    assert all(b == next_start(a, "week") for a, b in pairwise(starts))
    first = weekly.periods[0]
    assert (first.incidents, first.killed_min, first.killed_max) == (2, 5, 7)
    assert first.by_grade == {"Fair": 1, "": 1} and first.end == date(2017, 3, 12)
    assert first.killed_by_belligerent == {COALITION: 4, "": 1}
    discounted = next(p for p in weekly.periods if p.start == date(2017, 3, 20))
    assert discounted.incidents == 1 and discounted.killed_min == 0  # counted as an incident, not as deaths
    assert discounted.killed_by_belligerent == {}
    assert sum(p.incidents for p in weekly.periods) == 4  # the undated one is in no period
    assert (weekly.killed_min, weekly.killed_max) == (7, 10)


def test_the_rollup_and_the_incidents_give_the_same_months(db: Database) -> None:
    """By month with rollup keys only, the rollup answers; with a province, the incidents do."""
    _add(db, SPRING)
    with db.read() as s:
        from_rollup = incident_timeline(s, ADMIN, IncidentFilter(), "month")
        # killed_min=0 matches every dated or undated incident with a toll, but is not a rollup key.
        from_rows = incident_timeline(s, ADMIN, IncidentFilter(killed_min=0), "month")
        raqqa = incident_timeline(s, ADMIN, IncidentFilter(admin1="Raqqa"), "month")
        public = incident_timeline(s, ANONYMOUS, IncidentFilter(), "month")

    def figures(periods: list[Period]) -> list[tuple[object, ...]]:
        return [
            (p.start, p.incidents, p.killed_min, p.killed_max, p.by_grade, p.killed_by_belligerent)
            for p in periods
        ]

    assert figures(from_rollup.periods) == figures(from_rows.periods)
    assert from_rollup.periods[0].killed_by_belligerent == {COALITION: 4, "": 1}
    assert [p.start.month for p in from_rollup.periods] == [3, 4, 5]  # April is empty, and drawn
    assert from_rollup.periods[1].incidents == 0
    assert from_rollup.undated == from_rows.undated == 1
    assert raqqa.incidents == 1 and raqqa.periods[0].killed_min == 1
    assert public.incidents == 1 and public.periods[0].start == date(2017, 5, 1)


def test_the_filters_dates_bound_the_periods(db: Database) -> None:
    _add(db, SPRING)
    with db.read() as s:
        march = incident_timeline(
            s, ADMIN, IncidentFilter(date_from=date(2017, 3, 1), date_to=date(2017, 3, 31))
        )
        by_month = incident_timeline(
            s, ADMIN, IncidentFilter(date_from=date(2017, 1, 1), date_to=date(2017, 6, 30)), "month"
        )
    assert march.unit == "day" and len(march.periods) == 31 and march.incidents == 3 and march.undated == 0
    assert [p.start.month for p in by_month.periods] == [1, 2, 3, 4, 5, 6]  # empty months at both ends


def test_a_text_search_counts_the_incidents_of_its_matching_reports(db: Database) -> None:
    _add(db, SPRING)
    with db.read() as s:
        found = incident_timeline(s, ADMIN, IncidentFilter(q="bakery"), "month")
    assert found.incidents == 1 and found.matched_reports == 1 and not found.capped
    assert found.periods[0].by_grade == {"Fair": 1}


def test_units_fit_the_span() -> None:
    assert choose_unit(date(2017, 1, 1), date(2017, 3, 31), None) == "day"
    assert choose_unit(date(2017, 1, 1), date(2018, 6, 30), None) == "week"
    assert choose_unit(date(2014, 1, 1), date(2023, 12, 31), None) == "month"
    assert choose_unit(date(1990, 1, 1), date(2023, 12, 31), None) == "year"
    # Asked for, a unit is kept up to a thousand periods, then coarsened: a misread year draws no 40,000 bars.
    assert choose_unit(date(2017, 1, 1), date(2018, 6, 30), "day") == "day"
    assert choose_unit(date(1950, 1, 1), date(2023, 12, 31), "day") == "month"
    assert choose_unit(date(1900, 1, 1), date(2023, 12, 31), "week") == "year"
    assert period_start(date(2023, 10, 7), "week") == date(2023, 10, 2)
    assert next_start(date(2023, 12, 1), "month") == date(2024, 1, 1)
    assert [period_label(date(2023, 10, 2), u) for u in ("day", "week", "month", "year")] == [
        "2023-10-02",
        "week of 2023-10-02",
        "2023-10",
        "2023",
    ]


def test_a_misread_date_at_the_calendars_end_draws(db: Database) -> None:
    _add(db, [{"date": date(9999, 12, 30), "civilians_killed_min": 1}, {"date": date(2017, 3, 6)}])
    with db.read() as s:
        for unit in (None, "month", "year"):
            found = incident_timeline(s, ADMIN, IncidentFilter(), unit)
            assert found.incidents == 2 and found.periods[-1].end <= date(9998, 12, 31)


def test_an_unknown_unit_is_refused(db: Database) -> None:
    with db.read() as s, pytest.raises(InputError, match="unknown unit 'fortnight'"):
        incident_timeline(s, ADMIN, IncidentFilter(), "fortnight")


def test_deaths_stack_by_the_five_belligerents_with_most_and_others() -> None:
    from civcas.web.ui.charts import killed_chart

    names = [f"party {k}" for k in range(7)]
    periods = [
        Period(date(2017, 1, 1), date(2017, 1, 31), 7, 28, 28, {}, {n: k + 1 for k, n in enumerate(names)}),
        Period(date(2017, 2, 1), date(2017, 2, 28)),
    ]
    chart = killed_chart(periods, "month", ["/?a", "/?b"])
    assert [name for name, _ in chart.legend] == [
        "party 6",
        "party 5",
        "party 4",
        "party 3",
        "party 2",
        "Others",
    ]
    assert len(chart.bars) == 6 and all(b.href == "/?a" for b in chart.bars)
    others = next(b for b in chart.bars if "Others" in b.title)
    assert others.title == "2017-01 · Others: 3 civilians killed (of 28)"  # parties 0 and 1: 1 + 2
