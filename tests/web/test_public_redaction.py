"""Anonymous visitors see published incidents only, with victims' and witnesses' names withheld."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from civcas.config import get_settings
from civcas.web.app import create_app
from tests.e2e_helpers import Installation

REPORT = """Published: 2016-09-20
Publisher: civcas test desk

Airstrike kills family in Manbij

An airstrike hit a house in Manbij, Aleppo province, on 19 September 2016, killing five civilians. The victims were named as Hassan Darwish (52), his wife Salma Youssef, 47, and three of their children. Karim Nasser, a neighbour, said the house collapsed at dawn.
"""


def test_names_are_withheld_from_the_public_and_shown_to_analysts(
    installation: Installation, tmp_path: Path
) -> None:
    report = tmp_path / "manbij.txt"
    report.write_text(REPORT, encoding="utf-8")
    installation.cli("init", "--admin-password", "admin-password-1")
    installation.cli("ingest", str(report))
    for name, role in [("ana", "analyst"), ("rev", "reviewer")]:
        installation.cli("user", "add", name, "--role", role, "--password", f"{name}-password")
    ana = {"Authorization": f"Bearer {installation.cli('user', 'token', 'ana').output.strip()}"}
    rev = {"Authorization": f"Bearer {installation.cli('user', 'token', 'rev').output.strip()}"}
    client = TestClient(create_app(get_settings()))
    (inc,) = client.get("/api/incidents", headers=ana).json()
    iid = inc["id"]
    assert client.get(f"/api/incidents/{iid}").status_code == 404  # not published: invisible
    client.post(f"/api/incidents/{iid}/assessments", json={"state": "under_assessment"}, headers=ana)
    pid = client.post(f"/api/incidents/{iid}/proposals", json={"grade": "Fair"}, headers=ana).json()["id"]
    client.post(f"/api/assessments/{pid}/review", json={"approve": True}, headers=rev)

    inside = client.get(f"/api/incidents/{iid}", headers=ana).json()
    assert "Hassan Darwish" in inside["sources"][0]["text"] and inside["names_withheld"] is False

    public = client.get(f"/api/incidents/{iid}").json()
    text = public["sources"][0]["text"]
    assert public["names_withheld"] is True
    for name in ("Hassan Darwish", "Salma Youssef", "Karim Nasser"):
        assert name not in text
    assert len(text) == len(inside["sources"][0]["text"])  # spans still point at the same places
    page = client.get(f"/incidents/{iid}").text
    assert "Hassan Darwish" not in page and "Karim Nasser" not in page and "withheld" in page
    assert "/original" not in page  # the unredacted original is not offered to the public
    reports = client.get("/api/reports").json()
    assert reports and all("Hassan Darwish" not in r["text"] for r in reports)

    # An admin may publish the names; the decision is audited and needs a reason.
    admin = {"Authorization": f"Bearer {installation.cli('user', 'token', 'admin').output.strip()}"}
    url = f"/api/incidents/{iid}/names"
    assert client.post(url, json={"public": True, "note": "families agreed"}, headers=rev).status_code == 403
    assert client.post(url, json={"public": True, "note": ""}, headers=admin).status_code == 422
    assert client.post(url, json={"public": True, "note": "families agreed"}, headers=admin).json() == {
        "names_public": True
    }
    shown = client.get(f"/api/incidents/{iid}").json()
    assert shown["names_withheld"] is False and "Hassan Darwish" in shown["sources"][0]["text"]
