"""Verdicts, commitments, overrides and rejections, on the bundled example reports."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from civcas.config import get_settings
from civcas.web.app import create_app
from tests.e2e_helpers import EXAMPLES, Installation


@pytest.fixture
def example(installation: Installation) -> Iterator[tuple[TestClient, dict[str, dict[str, str]], int]]:
    installation.cli("init", "--admin-password", "admin-password-1")
    installation.cli("ingest", str(EXAMPLES))
    tokens = {}
    for name, role in [("ana", "analyst"), ("rev", "reviewer")]:
        installation.cli("user", "add", name, "--role", role, "--password", f"{name}-password")
        tokens[name] = {"Authorization": f"Bearer {installation.cli('user', 'token', name).output.strip()}"}
    client = TestClient(create_app(get_settings()))
    rows = client.get("/api/incidents", headers=tokens["ana"]).json()
    mayadin = next(r["id"] for r in rows if r["place"] == "Al Mayadin")
    yield client, tokens, mayadin


def test_a_promise_to_investigate_is_open_until_a_verdict_answers_it(
    example: tuple[TestClient, dict[str, dict[str, str]], int],
) -> None:
    client, tokens, iid = example
    open_ = client.get("/api/accountability/commitments", headers=tokens["ana"]).json()
    # Oldest first: the coalition's referral (2017), then the Israeli military's review (2023).
    assert [(c["party"], c["kind"]) for c in open_] == [
        ("US-led Coalition", "refer"),
        ("Israeli Military", "investigate"),
    ]
    assert (
        open_[0]["incident_id"] == iid and open_[0]["made_on"] == "2017-05-15" and open_[0]["age_days"] > 3000
    )

    r = client.post(
        f"/api/incidents/{iid}/verdicts",
        headers=tokens["ana"],
        json={
            "belligerent": "US-led Coalition",
            "verdict": "non_credible",
            "reasons": ["insufficient_information"],
            "decided_on": "2017-08-31",
            "published_in": "monthly civilian casualty report, August 2017",
        },
    )
    assert r.status_code == 201, r.text
    still_open = client.get("/api/accountability/commitments", headers=tokens["ana"]).json()
    assert [c["party"] for c in still_open] == ["Israeli Military"]
    answered = client.get(f"/api/incidents/{iid}/commitments", headers=tokens["ana"]).json()
    assert answered[0]["status"] == "answered" and answered[0]["age_days"] == 108

    record = {
        r["belligerent"]: r
        for r in client.get("/api/accountability/belligerents", headers=tokens["ana"]).json()
    }
    coalition = record["US-led Coalition"]
    assert (
        coalition["allegations"],
        coalition["assessed"],
        coalition["non_credible"],
        coalition["open"],
    ) == (1, 1, 1, 0)
    assert coalition["median_days_to_verdict"] == 110  # 13 May (the strike) to 31 August 2017
    assert record["Israeli Military"]["open"] == 1 and record["Israeli Military"]["median_wait_days"] > 1000
    assert record["Israeli Military"]["median_days_to_verdict"] is None


def test_bad_verdicts_are_refused(example: tuple[TestClient, dict[str, dict[str, str]], int]) -> None:
    client, tokens, iid = example
    url = f"/api/incidents/{iid}/verdicts"
    assert (
        client.post(url, headers=tokens["ana"], json={"belligerent": "X", "verdict": "maybe"}).status_code
        == 422
    )
    bad_range = {
        "belligerent": "X",
        "verdict": "credible",
        "deaths_conceded_min": 5,
        "deaths_conceded_max": 2,
    }
    assert client.post(url, headers=tokens["ana"], json=bad_range).status_code == 422
    assert client.post(url, json={"belligerent": "X", "verdict": "credible"}).status_code == 403
    assert client.get(url, headers=tokens["ana"]).json() == []


def test_override_needs_a_reason_and_keeps_the_reconciled_figure_visible(
    example: tuple[TestClient, dict[str, dict[str, str]], int],
) -> None:
    client, tokens, iid = example
    url = f"/api/incidents/{iid}/overrides"
    assert (
        client.post(
            url,
            headers=tokens["ana"],
            json={"figure": "civilians_killed", "min": 11, "max": 14, "reason": " "},
        ).status_code
        == 422
    )
    r = client.post(
        url,
        headers=tokens["ana"],
        json={
            "figure": "civilians_killed",
            "min": 11,
            "max": 14,
            "reason": "two victims may have been fighters",
        },
    )
    assert r.status_code == 200, r.text
    inc = client.get(f"/api/incidents/{iid}", headers=tokens["ana"]).json()
    assert inc["civilians_killed"] == {"min": 11, "max": 14}
    assert inc["reconciled"]["civilians_killed"] == {"min": 12, "max": 12}
    assert inc["figure_overrides"]["civilians_killed"]["by"] == "ana"
    client.post(url, headers=tokens["ana"], json={"figure": "civilians_killed", "reason": "back to sources"})
    assert client.get(f"/api/incidents/{iid}", headers=tokens["ana"]).json()["civilians_killed"] == {
        "min": 12,
        "max": 12,
    }


def test_a_rejection_needs_a_note_and_sends_the_incident_back(
    example: tuple[TestClient, dict[str, dict[str, str]], int],
) -> None:
    client, tokens, iid = example
    client.post(
        f"/api/incidents/{iid}/assessments", json={"state": "under_assessment"}, headers=tokens["ana"]
    )
    pid = client.post(
        f"/api/incidents/{iid}/proposals", json={"grade": "Fair"}, headers=tokens["ana"]
    ).json()["id"]
    url = f"/api/assessments/{pid}/review"
    r = client.post(url, json={"approve": False}, headers=tokens["rev"])
    assert r.status_code == 422 and r.json()["error"] == "missing_reason"
    assert (
        client.post(
            url, json={"approve": False, "note": "one source only"}, headers=tokens["rev"]
        ).status_code
        == 200
    )
    inc = client.get(f"/api/incidents/{iid}", headers=tokens["ana"]).json()
    assert inc["state"] == "under_assessment" and inc["assessments"][-1]["status"] == "rejected"
