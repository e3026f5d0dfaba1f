"""The assessment workflow through the web forms: two people, four eyes, then public."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from civcas.config import get_settings
from civcas.web.app import create_app
from tests.e2e_helpers import EXAMPLES, Installation


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found
    return found.group(1)


def _login(client: TestClient, username: str, password: str) -> None:
    r = client.post(
        "/login",
        data={"csrf": _csrf(client.get("/login").text), "username": username, "password": password},
        follow_redirects=False,
    )
    assert r.status_code == 303


def test_propose_then_approve_as_a_second_user(installation: Installation) -> None:
    installation.cli("init", "--admin-password", "admin-password-1")
    installation.cli("ingest", str(EXAMPLES))
    installation.cli("user", "add", "ana", "--role", "analyst", "--password", "ana-password")
    installation.cli("user", "add", "rev", "--role", "reviewer", "--password", "rev-password")
    app = create_app(get_settings())
    analyst, reviewer, public = TestClient(app), TestClient(app), TestClient(app)
    _login(analyst, "ana", "ana-password")
    _login(reviewer, "rev", "rev-password")
    iid = next(i["id"] for i in analyst.get("/api/incidents").json() if i["place"] == "Al Mayadin")
    page = analyst.get(f"/incidents/{iid}").text
    assert "promised to refer it to its civilian casualty team" in page

    r = analyst.post(
        f"/incidents/{iid}/assess",
        data={"csrf": _csrf(page), "state": "under_assessment"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    page = analyst.get(f"/incidents/{iid}").text
    assert "Propose for publication" in page
    r = analyst.post(
        f"/incidents/{iid}/propose",
        data={
            "csrf": _csrf(page),
            "grade": "Fair",
            "strike_status": "Declared strike",
            "note": "two sources",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    page = analyst.get(f"/incidents/{iid}").text
    assert "waiting for another reviewer" in page and "Approve and publish" not in page
    assert public.get(f"/incidents/{iid}", headers={"accept": "text/html"}).status_code == 404

    page = reviewer.get(f"/incidents/{iid}").text
    pid = re.search(r'action="/assessments/(\d+)/review"', page)
    assert pid
    r = reviewer.post(
        f"/assessments/{pid.group(1)}/review",
        data={"csrf": _csrf(page), "decision": "approve", "note": "agreed"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    shown = public.get(f"/incidents/{iid}").text
    assert "Fair" in shown and "approved by rev" in shown


def test_verdict_and_override_forms(installation: Installation) -> None:
    installation.cli("init", "--admin-password", "admin-password-1")
    installation.cli("ingest", str(EXAMPLES))
    client = TestClient(create_app(get_settings()))
    _login(client, "admin", "admin-password-1")
    iid = next(i["id"] for i in client.get("/api/incidents").json() if i["place"] == "Al Mayadin")
    page = client.get(f"/incidents/{iid}").text
    r = client.post(
        f"/incidents/{iid}/verdict",
        data={
            "csrf": _csrf(page),
            "belligerent": "US-led Coalition",
            "verdict": "non_credible",
            "reason": "insufficient_information",
            "decided_on": "2017-08-31",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    bad = client.post(
        f"/incidents/{iid}/override",
        data={"csrf": _csrf(page), "figure": "civilians_killed", "minimum": "ten", "reason": "x"},
        headers={"accept": "text/html"},
    )
    assert bad.status_code == 422 and "whole number" in bad.text
    client.post(
        f"/incidents/{iid}/override",
        data={
            "csrf": _csrf(page),
            "figure": "civilians_killed",
            "minimum": "10",
            "maximum": "12",
            "reason": "fighters among them",
        },
    )
    page = client.get(f"/incidents/{iid}").text
    assert "non credible" in page and "answered 2017-08-31" in page
    assert "set to 10–12 by admin (fighters among them); the sources give 12" in page
    accountability = client.get("/accountability").text
    assert "US-led Coalition" in accountability and "Israeli Military" in accountability
