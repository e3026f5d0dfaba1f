"""The example from the issue, end to end: `civcas ingest examples/`, then the Mayadin incident
as the CLI and the API show it."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from civcas.config import get_settings
from civcas.web.app import create_app
from tests.e2e_helpers import EXAMPLES, Installation

MAYADIN = (35.02, 40.45)


def _mayadin(rows: list[dict[str, object]]) -> dict[str, object]:
    found = [r for r in rows if "Mayadin" in str(r.get("place"))]
    assert len(found) == 1, f"expected one Mayadin incident, got {[r.get('title') for r in rows]}"
    return found[0]


def _check_mayadin(inc: dict[str, object]) -> None:
    assert inc["admin1"] == "Deir ez-Zor"
    assert inc["country"] == "SY"
    assert abs(float(inc["lat"]) - MAYADIN[0]) < 0.1 and abs(float(inc["lon"]) - MAYADIN[1]) < 0.1  # type: ignore[arg-type]
    assert inc["belligerent"] == "US-led Coalition"
    assert inc["civilians_killed"] == {"min": 12, "max": 12}


def test_mayadin_example_through_cli_and_api(installation: Installation) -> None:
    out = installation.cli("init", "--admin-password", "correct horse battery").output
    assert "admin" in out
    out = installation.cli("ingest", str(EXAMPLES)).output
    assert "5 added" in out and "strike release, matched to allegations" in out

    again = installation.cli("ingest", str(EXAMPLES)).output
    assert "0 added, 5 already stored" in again

    rows = json.loads(installation.cli("incidents", "--json").output)
    inc = _mayadin(rows)
    _check_mayadin(inc)

    detail = json.loads(installation.cli("show", str(inc["id"])).output)
    stances = {s["stance"] for s in detail["statements"] if s["party"] == "US-led Coalition"}
    assert {"admits_strike", "denies_casualties", "investigating"} <= stances
    videos = [e for e in detail["evidence"] if e["kind"] == "video"]
    assert videos and videos[0]["verified"] is False

    # The same incident through the API, as a signed-in analyst would see it.
    installation.cli("user", "add", "ana", "--role", "analyst", "--password", "analyst-pass-1")
    token = installation.cli("user", "token", "ana").output.strip()
    client = TestClient(create_app(get_settings()))
    headers = {"Authorization": f"Bearer {token}"}
    api_inc = client.get(f"/api/incidents/{inc['id']}", headers=headers).json()
    _check_mayadin(api_inc)
    assert {"women", "children"} <= set(api_inc["victim_groups"])
    api_stances = {s["stance"] for s in api_inc["statements"]}
    assert {"admits_strike", "denies_casualties", "investigating"} <= api_stances
    assert any(e["kind"] == "video" and e["verified"] is False for e in api_inc["evidence"])

    # Its chronology: the strike on Saturday 13 May, the Arabic report that day, the wire two days
    # later with the coalition's promise to look into it.
    chronology = client.get(f"/api/incidents/{inc['id']}/chronology", headers=headers).json()
    assert chronology[0]["kind"] == "strike" and chronology[0]["on"] == "2017-05-13"
    reports = [(e["on"], e["days_after"]) for e in chronology if e["kind"] == "report"]
    assert reports == [("2017-05-13", 0), ("2017-05-15", 2)]
    promise = next(e for e in chronology if e["kind"] == "promise")
    assert promise["who"] == "US-led Coalition" and promise["days_after"] == 2

    page = client.get(f"/incidents/{inc['id']}", headers=headers)
    assert page.status_code == 200
    assert "Al Mayadin" in page.text and "US-led Coalition" in page.text
    assert "at least 12 civilians" in page.text  # the sentence the figure came from, beside it
    assert "Women and children among the dead" in page.text

    # The coalition's own strike release is proposed as the answer to this allegation.
    releases = client.get(f"/api/incidents/{inc['id']}/strike-releases", headers=headers).json()
    assert releases and releases[0]["place"] == "Al Mayadin" and releases[0]["days_apart"] == 0
    assert "engaged an ISIS tactical unit" in releases[0]["sentence"]
    assert "Strike releases that may answer it" in page.text

    # Unpublished incidents are not public.
    assert client.get(f"/api/incidents/{inc['id']}").status_code == 404
    installation.cli("audit", "verify")
