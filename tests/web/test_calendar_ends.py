"""Reports dated at the calendar's ends (a misread year 1 or 9999) must not break any incident view."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from civcas.config import Settings
from civcas.model.vocabulary import Role
from civcas.services.actor import SYSTEM
from civcas.services.users import create_user, issue_token
from civcas.store.bootstrap import open_database
from civcas.web.app import create_app

ALLEGATION = "An airstrike near Mayadin in Deir ez-Zor killed 3 civilians."
RELEASE = "Coalition forces conducted one strike near Mayadin that destroyed an ISIS watercraft."


@pytest.mark.parametrize("published", ["0001-01-02", "9999-12-30"])
def test_every_incident_view_answers_for_a_date_at_the_calendars_end(
    settings: Settings, published: str
) -> None:
    db = open_database(settings)
    with db.write() as s:
        create_user(s, "ana", "ana-password-1", Role.ANALYST, SYSTEM)
        headers = {"Authorization": f"Bearer {issue_token(s, 'ana', SYSTEM)}"}
    db.dispose()
    with TestClient(create_app(settings)) as client:
        for text, kind in ((ALLEGATION, None), (RELEASE, "strike_release")):
            body = {"text": text, "published": published, **({"kind": kind} if kind else {})}
            assert client.post("/api/reports", json=body, headers=headers).status_code == 201
        listed = client.get("/api/incidents", headers=headers).json()
        incident = next(i for i in listed if i["civilians_killed"])
        assert incident["date"] == published
        for path in ("", "/claims", "/chronology", "/strike-releases", "/commitments"):
            r = client.get(f"/api/incidents/{incident['id']}{path}", headers=headers)
            assert r.status_code == 200, (path, r.text)
        page = client.get(f"/incidents/{incident['id']}", headers=headers)
        assert page.status_code == 200 and "Mayadin" in page.text
