"""Incidents dated at the calendar's ends (a misread year 1, an imported 9999) must not break any view."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient

from civcas.config import Settings
from civcas.model.vocabulary import Role
from civcas.services.actor import SYSTEM
from civcas.services.strike_releases import candidates_for_incident
from civcas.services.users import create_user, issue_token
from civcas.store.bootstrap import open_database
from civcas.store.database import Database
from civcas.store.tables import Incident
from civcas.web.app import create_app

ALLEGATION = "An airstrike near Mayadin in Deir ez-Zor killed 3 civilians."
RELEASE = "Coalition forces conducted one strike near Mayadin that destroyed an ISIS watercraft."


def test_every_incident_view_answers_for_a_strike_in_the_year_1(settings: Settings) -> None:
    db = open_database(settings)
    with db.write() as s:
        create_user(s, "ana", "ana-password-1", Role.ANALYST, SYSTEM)
        headers = {"Authorization": f"Bearer {issue_token(s, 'ana', SYSTEM)}"}
    db.dispose()
    with TestClient(create_app(settings)) as client:
        for text, kind in ((ALLEGATION, "allegation"), (RELEASE, "strike_release")):
            body = {"text": text, "published": "0001-01-02", "kind": kind}
            assert client.post("/api/reports", json=body, headers=headers).status_code == 201
        listed = client.get("/api/incidents", headers=headers).json()
        incident = next(i for i in listed if i["civilians_killed"])
        assert incident["date"] == "0001-01-02"
        for path in ("", "/claims", "/chronology", "/strike-releases", "/commitments"):
            r = client.get(f"/api/incidents/{incident['id']}{path}", headers=headers)
            assert r.status_code == 200, (path, r.text)
        page = client.get(f"/incidents/{incident['id']}", headers=headers)
        assert page.status_code == 200 and "Mayadin" in page.text


def test_strike_release_candidates_for_a_strike_at_the_calendars_end(db: Database) -> None:
    # Ingest sets aside publication dates after arrival; an imported archive may still carry one.
    with db.read() as s:
        for day in (date(1, 1, 1), date(9999, 12, 31)):
            strike = Incident(title="x", date=day, lat=35.02, lon=40.45, belligerent="US-led Coalition")
            assert candidates_for_incident(s, SYSTEM, strike) == []
