"""The monthly report: its figures (SQLite and PostgreSQL), HTML with a map, PDF, and the command."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from civcas.config import get_settings
from civcas.errors import InputError
from civcas.model.vocabulary import Role
from civcas.publish.report import daily_chart, map_figure, render_html, render_pdf
from civcas.services.actor import ANONYMOUS, Actor
from civcas.services.monthly import monthly_report, parse_month
from civcas.store.bootstrap import open_database
from civcas.store.database import Database
from civcas.store.tables import BelligerentVerdict, Incident
from tests.e2e_helpers import Installation

ADMIN = Actor(username="t", role=Role.ADMIN)
ARABIC = "غارة جوية على مخبز في الرقة"


def _seed(db: Database) -> None:
    with db.write() as s:
        a = Incident(
            title="Airstrike near Al Mayadin <script>x</script>",
            state="published",
            date=date(2017, 5, 13),
            place="Al Mayadin",
            admin1="Deir ez-Zor",
            lat=35.02,
            lon=40.45,
            belligerent="US-led Coalition",
            civilians_killed_min=12,
            civilians_killed_max=15,
            grade="Fair",
        )
        b = Incident(
            title=ARABIC,
            state="published",
            date=date(2017, 5, 20),
            lat=35.95,
            lon=39.01,
            belligerent="Russian Military",
            civilians_killed_min=3,
            civilians_killed_max=3,
            grade="Weak",
        )
        c = Incident(title="Draft", state="new", date=date(2017, 5, 2), civilians_killed_min=40)
        d = Incident(title="June", state="published", date=date(2017, 6, 1), civilians_killed_min=1)
        e = Incident(
            title="Discounted",
            state="published",
            date=date(2017, 5, 9),
            civilians_killed_min=9,
            grade="Discounted",
        )
        s.add_all([a, b, c, d, e])
        s.flush()
        s.add(
            BelligerentVerdict(
                incident_id=a.id,
                belligerent="US-led Coalition",
                verdict="credible",
                deaths_conceded_min=2,
                decided_on=date(2017, 5, 30),
                published_in="CJTF-OIR monthly report",
            )
        )


def test_month_figures(db: Database) -> None:
    _seed(db)
    with db.read() as s:
        public = monthly_report(s, ANONYMOUS, "2017-05")
        draft = monthly_report(s, ADMIN, "2017-05")
    assert public.title == "May 2017" and public.published_only
    assert public.incidents[0].title == "Discounted"  # by date
    assert len(public.incidents) == 3 and len(draft.incidents) == 4
    assert (public.killed_min, public.killed_max) == (15, 18)  # the discounted incident not counted
    assert [t.belligerent for t in public.by_belligerent][:2] == ["US-led Coalition", "Russian Military"]
    assert public.by_grade["Fair"] == 1 and public.by_grade["Discounted"] == 1
    assert [(v.belligerent, v.verdict, v.deaths_conceded) for v in public.verdicts] == [
        ("US-led Coalition", "credible", "2")
    ]
    assert draft.killed_min == 55


def test_bad_month() -> None:
    for bad in ("2017-5", "May 2017", "2017-13"):
        with pytest.raises(InputError, match="2017-05"):
            parse_month(bad)
    assert parse_month("2016-02") == (date(2016, 2, 1), date(2016, 2, 29))


def test_html_and_pdf(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'r.db'}")
    from civcas.store.migrate import upgrade

    upgrade(db)
    _seed(db)
    with db.read() as s:
        report = monthly_report(s, ANONYMOUS, "2017-05")
    db.dispose()
    html = render_html(report)
    assert "Civilian harm from military operations: May 2017" in html
    assert "<script>x" not in html and "&lt;script&gt;x" in html  # titles are untrusted: escaped
    assert ARABIC in html and "CJTF-OIR monthly report" in html
    assert html.count("<circle ") == 2  # the two located incidents on the map
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")  # nothing fetched
    # Day by day: one bar per graded incident on its day, in the grade's colour.
    days = daily_chart(report)
    assert [(b.title.split(" · ")[0], b.title.split(" · ")[1].split(":")[0]) for b in days.bars] == [
        ("2017-05-09", "Discounted"),
        ("2017-05-13", "Fair"),
        ("2017-05-20", "Weak"),
    ]
    assert "Day by day" in html and 'aria-label="Incidents per day by grade"' in html
    figure = map_figure(report)
    assert figure.paths and 0 < figure.dots[0].x < figure.width and 0 < figure.dots[0].y < figure.height
    pdf = render_pdf(html)
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def test_report_command(installation: Installation, tmp_path: Path) -> None:
    installation.cli("init", "--admin-password", "report-admin-pw")
    db = open_database(get_settings())
    _seed(db)
    db.dispose()
    out = installation.cli(
        "report", "--month", "2017-05", "--output-dir", str(tmp_path / "r"), "--no-pdf"
    ).output
    assert "May 2017: 3 incidents" in out
    assert (tmp_path / "r" / "civcas-2017-05.html").exists()
    assert installation.cli("report", "--month", "05/2017", ok=False).exit_code != 0
