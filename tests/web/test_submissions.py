"""Submitting reports through the API: JSON and uploads, kept byte for byte, bad input refused."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from civcas.config import Settings
from civcas.model.vocabulary import Role
from civcas.services.actor import SYSTEM
from civcas.services.users import create_user, issue_token
from civcas.store.bootstrap import open_database
from civcas.web.app import create_app

ARTICLE = (
    "An airstrike hit a bakery in Maarat al-Numan, Idlib province, on 22 July 2019, killing 6 civilians "
    "including 2 children, local rescuers said."
)


@pytest.fixture
def env(settings: Settings) -> Iterator[tuple[TestClient, dict[str, dict[str, str]], Settings]]:
    small = settings.model_copy(update={"fetch_max_bytes": 20_000})
    db = open_database(small)
    tokens = {}
    with db.write() as s:
        for name, role in [("ana", Role.ANALYST), ("vic", Role.VIEWER)]:
            create_user(s, name, f"{name}-password", role, SYSTEM)
            tokens[name] = {"Authorization": f"Bearer {issue_token(s, name, SYSTEM)}"}
    db.dispose()
    with TestClient(create_app(small)) as client:
        yield client, tokens, small


def _report(client: TestClient, headers: dict[str, str], source_id: int) -> dict[str, Any]:
    r = client.get(f"/api/reports/{source_id}", headers=headers)
    assert r.status_code == 200
    return dict(r.json())


def test_json_report_is_stored_extracted_and_linked(
    env: tuple[TestClient, dict[str, dict[str, str]], Settings],
) -> None:
    client, tokens, _ = env
    body = {"text": ARTICLE, "publisher": "Rescue desk", "published": "2019-07-23T08:00:00Z"}
    r = client.post("/api/reports", json=body, headers=tokens["ana"])
    assert r.status_code == 201, r.text
    (added,) = r.json()["added"]
    assert added["incident_id"] is not None
    stored = _report(client, tokens["ana"], added["source_id"])
    assert stored["publisher"] == "Rescue desk" and stored["language"] == "en"
    inc = client.get(f"/api/incidents/{added['incident_id']}", headers=tokens["ana"]).json()
    assert inc["civilians_killed"] == {"min": 6, "max": 6} and inc["admin1"] == "Idlib"
    again = client.post("/api/reports", json=body, headers=tokens["ana"]).json()
    assert again["added"] == [] and again["already_stored"][0]["source_id"] == added["source_id"]


def test_uploads_keep_the_original_and_scripts_never_run(
    env: tuple[TestClient, dict[str, dict[str, str]], Settings],
) -> None:
    client, tokens, _ = env
    html = (
        "<html><head><title>Bakery strike</title><script>alert('x')</script></head>"
        f'<body><article><p>{ARTICLE}</p><p onclick="steal()">Rescuers <b>dug</b> for hours.</p>'
        "</article></body></html>"
    ).encode()
    r = client.post(
        "/api/reports/upload", files={"file": ("bakery.html", html, "text/html")}, headers=tokens["ana"]
    )
    assert r.status_code == 201, r.text
    (added,) = r.json()["added"]
    stored = _report(client, tokens["ana"], added["source_id"])
    assert "alert(" not in stored["text"] and "Rescuers dug for hours" in stored["text"]
    assert stored["media_type"] == "text/html"
    page = client.get(f"/incidents/{added['incident_id']}", headers=tokens["ana"]).text
    assert "<script>alert" not in page and "steal()" not in page
    # The page as uploaded, byte for byte, as a download (never rendered), for signed-in users only.
    original = client.get(f"/api/reports/{added['source_id']}/original", headers=tokens["vic"])
    assert original.status_code == 200 and original.content == html
    assert original.headers["content-type"] == "application/octet-stream"
    assert original.headers["content-disposition"].startswith("attachment")
    assert original.headers["x-original-media-type"] == "text/html"
    assert original.headers["x-content-sha256"] == stored["sha256"] == hashlib.sha256(html).hexdigest()
    assert client.get(f"/api/reports/{added['source_id']}/original").status_code in (401, 403)
    link = f'href="/api/reports/{added["source_id"]}/original"'
    assert link in page  # the incident page offers it to signed-in users
    assert client.get("/api/reports/999999/original", headers=tokens["vic"]).status_code == 404

    rows = [json.dumps({"text": ARTICLE.replace("6", "7")}), json.dumps({"text": ""}), '{"text": "broken']
    batch = "\n".join(rows).encode()
    r = client.post(
        "/api/reports/upload",
        files={"file": ("batch.jsonl", batch, "application/jsonl")},
        headers=tokens["ana"],
    )
    assert r.status_code == 201
    out = r.json()
    assert len(out["added"]) == 1 and {p["origin"].rsplit(":", 1)[-1] for p in out["problems"]} == {"2", "3"}


def test_bad_submissions_are_refused_and_change_nothing(
    env: tuple[TestClient, dict[str, dict[str, str]], Settings],
) -> None:
    client, tokens, _ = env
    big = b"x" * 20_001
    r = client.post(
        "/api/reports/upload", files={"file": ("big.txt", big, "text/plain")}, headers=tokens["ana"]
    )
    assert r.status_code == 413 and r.json()["error"] == "too_large"
    assert client.post("/api/reports", json={"text": ARTICLE}, headers=tokens["vic"]).status_code == 403
    assert client.post("/api/reports", json={"text": ARTICLE}).status_code == 403
    r = client.post("/api/reports", json={"text": ARTICLE, "kind": "rumour"}, headers=tokens["ana"])
    assert r.status_code == 422 and r.json()["error"] == "bad_kind"
    assert client.post("/api/reports", json={"text": "  ...  "}, headers=tokens["ana"]).status_code == 422
    binary = bytes(range(256)) * 4
    r = client.post(
        "/api/reports/upload",
        files={"file": ("blob.bin", binary, "application/octet-stream")},
        headers=tokens["ana"],
    )
    assert r.status_code == 201 and r.json()["added"] == [] and r.json()["problems"]
    assert client.get("/api/reports", headers=tokens["ana"]).json() == []
