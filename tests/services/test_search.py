"""The incident list's filters, sorting, totals and full-text search, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from sqlalchemy.orm import Session

from civcas.errors import InputError
from civcas.model.vocabulary import Role
from civcas.services import search
from civcas.services.actor import ANONYMOUS, Actor
from civcas.services.incidents import IncidentFilter, list_incidents
from civcas.services.search import filter_options, incident_page, search_words
from civcas.store.database import Database
from civcas.store.tables import Incident, IncidentSource, Source

ADMIN = Actor(username="t", role=Role.ADMIN)

REPORTS = [
    # (title, belligerent, admin1, state, grade, date, killed, language, text)
    (
        "Mayadin strike",
        "US-led Coalition",
        "Deir ez-Zor",
        "published",
        "Fair",
        date(2017, 5, 13),
        12,
        "en",
        "An airstrike near the Mayadin bakery killed at least 12 civilians.",
    ),
    (
        "Raqqa shelling",
        "US-led Coalition",
        "Raqqa",
        "new",
        None,
        date(2017, 6, 2),
        3,
        "ar",
        "قصف مدفعي على الرقة أدى إلى مقتل ثلاثة مدنيين قرب المخبز",
    ),
    (
        "Idlib market",
        "Russian Military",
        "Idlib",
        "triaged",
        "Weak",
        date(2017, 4, 20),
        30,
        "en",
        "Russian jets struck the Idlib market; hospital sources say 30 civilians died.",
    ),
    (
        "Undated",
        "Syrian Regime",
        "Idlib",
        "new",
        None,
        None,
        None,
        "en",
        "Barrel bombs fell on a hospital, no casualty figures yet.",
    ),
]


def _seed(session: Session) -> list[int]:
    ids = []
    for n, (title, bel, adm, state, grade, day, killed, lang, text) in enumerate(REPORTS):
        inc = Incident(
            title=title,
            belligerent=bel,
            admin1=adm,
            state=state,
            grade=grade,
            date=day,
            civilians_killed_min=killed,
            civilians_killed_max=killed,
        )
        src = Source(
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            original=text.encode(),
            media_type="text/plain",
            text=text,
            title=title,
            language=lang,
            origin=f"test:{n}",
        )
        session.add_all([inc, src])
        session.flush()
        session.add(IncidentSource(incident_id=inc.id, source_id=src.id, method="new"))
        ids.append(inc.id)
    session.flush()
    return ids


def _titles(session: Session, actor: Actor = ADMIN, **kw: object) -> list[str]:
    return [i.title for i in list_incidents(session, actor, IncidentFilter(**kw))]  # type: ignore[arg-type]


def test_filters_combine(db: Database) -> None:
    with db.write() as s:
        _seed(s)
        assert _titles(s) == ["Raqqa shelling", "Mayadin strike", "Idlib market", "Undated"]
        assert _titles(s, belligerent="US-led Coalition", state="new") == ["Raqqa shelling"]
        assert _titles(s, admin1="Idlib", grade="Weak") == ["Idlib market"]
        assert _titles(s, date_from=date(2017, 5, 1), date_to=date(2017, 5, 31)) == ["Mayadin strike"]
        assert _titles(s, killed_min=10) == ["Mayadin strike", "Idlib market"]
        assert _titles(s, killed_min=10, killed_max=20) == ["Mayadin strike"]
        assert _titles(s, language="ar") == ["Raqqa shelling"]
        assert _titles(s, ANONYMOUS) == ["Mayadin strike"]


def test_sorting_pagination_and_totals(db: Database) -> None:
    with db.write() as s:
        _seed(s)
        assert _titles(s, sort="-killed") == ["Idlib market", "Mayadin strike", "Raqqa shelling", "Undated"]
        assert _titles(s, sort="killed")[:3] == ["Raqqa shelling", "Mayadin strike", "Idlib market"]
        assert _titles(s, sort="date")[-1] == "Undated"  # unknown dates last either way
        page = incident_page(s, ADMIN, IncidentFilter(limit=2, offset=2))
        assert page.total == 4 and [i.title for i in page.items] == ["Idlib market", "Undated"]
        assert incident_page(s, ADMIN, IncidentFilter(belligerent="US-led Coalition")).total == 2
        with pytest.raises(InputError, match="valid: -date"):
            incident_page(s, ADMIN, IncidentFilter(sort="size"))


def test_full_text_search_english_and_arabic(db: Database) -> None:
    with db.write() as s:
        _seed(s)
        assert set(_titles(s, q="hospital")) == {"Idlib market", "Undated"}
        assert _titles(s, q="hospital jets") == ["Idlib market"]  # every word must occur
        assert _titles(s, q="HOSPITAL", state="new") == ["Undated"]
        assert _titles(s, q="المخبز") == ["Raqqa shelling"]
        assert _titles(s, q="Mayadin bakery") == ["Mayadin strike"]
        assert _titles(s, q="hospital", sort="-killed") == ["Idlib market", "Undated"]
        assert _titles(s, ANONYMOUS, q="hospital") == []
        # Search syntax in a query is read as words, never as an operator or an error.
        assert _titles(s, q='"hospital OR NEAR(x* -') == []
        assert _titles(s, q='hospital" (jets*') == ["Idlib market"]
        page = incident_page(s, ADMIN, IncidentFilter(q="civilians"))
        assert page.total == 2 and page.matched_reports == 2 and not page.capped


def test_search_window_is_bounded(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "SEARCH_WINDOW", 1)
    with db.write() as s:
        _seed(s)
        page = incident_page(s, ADMIN, IncidentFilter(q="civilians"))
        assert page.capped and page.total == 1 and page.matched_reports == 1
        # The newest matching report fills the window.
        assert [i.title for i in page.items] == ["Idlib market"]


def test_index_follows_edits_and_deletes(db: Database) -> None:
    with db.write() as s:
        _seed(s)
        src = s.query(Source).filter(Source.title == "Undated").one()
        src.text = "A drone strike on a school."
        s.flush()
        assert _titles(s, q="school") == ["Undated"]
        assert set(_titles(s, q="hospital")) == {"Idlib market"}
        s.query(IncidentSource).filter(IncidentSource.source_id == src.id).delete()
        s.delete(src)
        s.flush()
        assert _titles(s, q="school") == []


def test_filter_options(db: Database) -> None:
    search._options.clear()  # menus are reused for a few seconds per database URL
    with db.write() as s:
        _seed(s)
        opts = filter_options(s, ADMIN)
        assert opts["belligerents"] == ["Russian Military", "Syrian Regime", "US-led Coalition"]
        assert opts["languages"] == ["ar", "en"]
        assert filter_options(s, ANONYMOUS)["admin1"] == ["Deir ez-Zor"]


def test_search_words() -> None:
    assert search_words('al-Mayadin "bakery" (النساء)') == ["al", "Mayadin", "bakery", "النساء"]
    assert search_words(None) == []


def test_totals_from_the_rollup_match_a_count(db: Database) -> None:
    from sqlalchemy import func, select

    with db.write() as s:
        _seed(s)
        for flt in (
            IncidentFilter(),
            IncidentFilter(belligerent="US-led Coalition", state="new"),
            IncidentFilter(grade="Fair"),
            IncidentFilter(date_from=date(2017, 5, 1), date_to=date(2017, 6, 30)),
            IncidentFilter(date_from=date(2017, 5, 14)),  # not a whole month: counted directly
            IncidentFilter(admin1="Idlib", state="new"),
        ):
            for actor in (ADMIN, ANONYMOUS):
                expected = len(list_incidents(s, actor, flt))
                assert incident_page(s, actor, flt).total == expected, (flt, actor)
        assert s.scalar(select(func.count(Incident.id))) == 4
