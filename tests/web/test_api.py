"""The REST API and pages over a database seeded directly (independent of the extractor)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from civcas.config import Settings
from civcas.model.vocabulary import Role
from civcas.services.actor import SYSTEM
from civcas.services.users import create_user, issue_token
from civcas.store import audit
from civcas.store.bootstrap import open_database
from civcas.store.tables import AuditEvent, Incident
from civcas.web.app import create_app


@pytest.fixture
def app_env(settings: Settings) -> Iterator[tuple[TestClient, dict[str, dict[str, str]], int]]:
    db = open_database(settings)
    tokens: dict[str, dict[str, str]] = {}
    with db.write() as s:
        for name, role in [("ana", Role.ANALYST), ("rev", Role.REVIEWER), ("vic", Role.VIEWER)]:
            create_user(s, name, f"{name}-password", role, SYSTEM)
            tokens[name] = {"Authorization": f"Bearer {issue_token(s, name, SYSTEM)}"}
        inc = Incident(
            title="Airstrike near Al Mayadin",
            state="new",
            date=date(2017, 5, 13),
            place="Al Mayadin",
            admin1="Deir ez-Zor",
            country="SY",
            lat=35.02,
            lon=40.45,
            belligerent="US-led Coalition",
            civilians_killed_min=12,
            civilians_killed_max=12,
        )
        s.add(inc)
        s.flush()
        incident_id = inc.id
    db.dispose()
    with TestClient(create_app(settings)) as client:
        yield client, tokens, incident_id


def test_openapi_and_docs_are_served(app_env: tuple[TestClient, dict[str, dict[str, str]], int]) -> None:
    client, _, _ = app_env
    schema = client.get("/openapi.json").json()
    assert (
        "/api/incidents" in schema["paths"] and "/api/incidents/{incident_id}/assessments" in schema["paths"]
    )
    assert client.get("/docs").status_code == 200
    assert client.get("/healthz").json() == {"status": "ok"}


def test_anonymous_sees_only_published(app_env: tuple[TestClient, dict[str, dict[str, str]], int]) -> None:
    client, tokens, iid = app_env
    assert client.get("/api/incidents").json() == []
    assert client.get(f"/api/incidents/{iid}").status_code == 404
    assert [i["id"] for i in client.get("/api/incidents", headers=tokens["vic"]).json()] == [iid]


def test_assessment_path_to_publication_needs_a_second_person(
    app_env: tuple[TestClient, dict[str, dict[str, str]], int],
) -> None:
    client, tokens, iid = app_env
    url = f"/api/incidents/{iid}/assessments"
    r = client.post(
        url,
        json={
            "state": "under_assessment",
            "grade": "Fair",
            "strike_status": "Declared strike",
            "note": "two sources; coalition confirms a strike",
        },
        headers=tokens["ana"],
    )
    assert r.status_code == 201, r.text
    assert r.json()["grade"] == "Fair" and r.json()["status"] == "applied"
    # Publishing directly is refused: it goes through review.
    r = client.post(url, json={"state": "published"}, headers=tokens["rev"])
    assert r.status_code == 409 and r.json()["error"] == "needs_review"

    r = client.post(
        f"/api/incidents/{iid}/proposals", json={"grade": "Fair", "note": "ready"}, headers=tokens["ana"]
    )
    assert r.status_code == 201, r.text
    proposal = r.json()["id"]
    assert r.json()["status"] == "proposed"
    assert client.get(f"/api/incidents/{iid}", headers=tokens["vic"]).json()["state"] == "assessed"
    # An analyst cannot approve, a second proposal waits its turn, and the incident is not public yet.
    review = f"/api/assessments/{proposal}/review"
    assert client.post(review, json={"approve": True}, headers=tokens["ana"]).status_code == 403
    again = client.post(f"/api/incidents/{iid}/proposals", json={"grade": "Weak"}, headers=tokens["ana"])
    assert again.status_code == 409
    assert client.get(f"/api/incidents/{iid}").status_code == 404

    r = client.post(review, json={"approve": True, "note": "agreed"}, headers=tokens["rev"])
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "approved" and r.json()["reviewer"] == "rev"
    public = client.get(f"/api/incidents/{iid}").json()
    assert public["state"] == "published" and public["grade"] == "Fair"
    assert [a["status"] for a in public["assessments"]] == ["applied", "approved"]
    assert client.post(review, json={"approve": True}, headers=tokens["rev"]).status_code == 409


def test_the_proposer_cannot_approve_their_own_assessment(
    app_env: tuple[TestClient, dict[str, dict[str, str]], int],
) -> None:
    client, tokens, iid = app_env
    client.post(
        f"/api/incidents/{iid}/assessments", json={"state": "under_assessment"}, headers=tokens["rev"]
    )
    pid = client.post(
        f"/api/incidents/{iid}/proposals", json={"grade": "Weak"}, headers=tokens["rev"]
    ).json()["id"]
    r = client.post(f"/api/assessments/{pid}/review", json={"approve": True}, headers=tokens["rev"])
    assert r.status_code == 403 and r.json()["error"] == "four_eyes"
    assert (
        client.post(
            f"/api/assessments/{pid}/review", json={"approve": False}, headers=tokens["rev"]
        ).status_code
        == 403
    )
    inc = client.get(f"/api/incidents/{iid}", headers=tokens["vic"]).json()
    assert inc["state"] == "assessed" and inc["grade"] is None


def test_bad_assessments_change_nothing(app_env: tuple[TestClient, dict[str, dict[str, str]], int]) -> None:
    client, tokens, iid = app_env
    url = f"/api/incidents/{iid}/assessments"
    r = client.post(url, json={"grade": "Probable"}, headers=tokens["ana"])
    assert r.status_code == 422 and "Confirmed" in r.json()["message"]
    r = client.post(url, json={"state": "assessed"}, headers=tokens["rev"])
    assert r.status_code == 409 and r.json()["error"] == "invalid_transition"
    assert client.post(url, json={"state": "triaged"}, headers=tokens["vic"]).status_code == 403
    assert client.post(url, json={"state": "triaged"}).status_code == 403
    assert (
        client.post(url, json={"state": "triaged", "expected_version": 99}, headers=tokens["ana"]).status_code
        == 409
    )
    assert client.post(url, json={"note": 5}, headers=tokens["ana"]).status_code == 422
    assert client.post("/api/incidents/999/assessments", json={}, headers=tokens["ana"]).status_code == 404
    inc = client.get(f"/api/incidents/{iid}", headers=tokens["ana"]).json()
    assert inc["state"] == "new" and inc["grade"] is None and inc["assessments"] == []


def test_exports(app_env: tuple[TestClient, dict[str, dict[str, str]], int]) -> None:
    client, tokens, _ = app_env
    csv_text = client.get("/api/export?format=csv", headers=tokens["vic"]).text
    assert csv_text.splitlines()[0].startswith("id,title,state,date")
    assert "Al Mayadin" in csv_text and ",12,12," in csv_text
    geo = client.get("/api/export?format=geojson", headers=tokens["vic"]).json()
    assert geo["features"][0]["geometry"] == {"type": "Point", "coordinates": [40.45, 35.02]}
    assert client.get("/api/export?format=xml", headers=tokens["vic"]).status_code == 422


def test_web_login_and_assess_with_csrf(app_env: tuple[TestClient, dict[str, dict[str, str]], int]) -> None:
    client, _, iid = app_env
    form = client.get("/login").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', form)
    assert csrf
    bad = client.post("/login", data={"csrf": csrf.group(1), "username": "ana", "password": "nope"})
    assert bad.status_code == 401
    ok = client.post(
        "/login",
        data={"csrf": csrf.group(1), "username": "ana", "password": "ana-password"},
        follow_redirects=False,
    )
    assert ok.status_code == 303
    page = client.get(f"/incidents/{iid}").text
    assert "Save assessment" in page
    token = re.search(r'name="csrf" value="([^"]+)"', page)
    assert token
    forged = client.post(f"/incidents/{iid}/assess", data={"csrf": "forged", "state": "triaged"})
    assert forged.status_code == 403
    r = client.post(
        f"/incidents/{iid}/assess",
        data={"csrf": token.group(1), "state": "triaged", "grade": "Weak", "note": "one local source"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    assert "one local source" in client.get(f"/incidents/{iid}").text


def test_every_change_is_in_the_audit_chain(
    app_env: tuple[TestClient, dict[str, dict[str, str]], int], settings: Settings
) -> None:
    client, tokens, iid = app_env
    client.post(f"/api/incidents/{iid}/assessments", json={"state": "triaged"}, headers=tokens["ana"])
    db = open_database(settings)
    with db.read() as s:
        count, problems = audit.verify(s)
        actions = s.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    db.dispose()
    assert problems == [] and count >= 7
    assert actions[-1] == "incident.assess"


def test_exporting_unpublished_incidents_is_audited(
    app_env: tuple[TestClient, dict[str, dict[str, str]], int], settings: Settings
) -> None:
    client, tokens, _ = app_env
    assert client.get("/api/export?format=json").json() == []  # anonymous: nothing unpublished, no event
    assert len(client.get("/api/export?format=json", headers=tokens["vic"]).json()) == 1
    db = open_database(settings)
    with db.read() as s:
        events = s.execute(
            select(AuditEvent.actor, AuditEvent.payload).where(AuditEvent.action == "export.restricted")
        ).all()
        _, problems = audit.verify(s)
    db.dispose()
    assert [(a, p["unpublished"]) for a, p in events] == [("vic", 1)] and problems == []
