"""The incident list page and its JSON twin: filters, search, sorting, pages and totals."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient

from civcas.config import Settings
from civcas.model.vocabulary import Role
from civcas.services.actor import SYSTEM
from civcas.services.users import create_user, issue_token
from civcas.store.bootstrap import open_database
from civcas.store.tables import Incident, IncidentSource, Source
from civcas.web.app import create_app

Env = tuple[TestClient, dict[str, str]]


def seed_incidents(settings: Settings, n: int = 60) -> dict[str, str]:
    """n incidents over two belligerents and two provinces, each with one report; a viewer's token."""
    db = open_database(settings)
    with db.write() as s:
        create_user(s, "vic", "vic-password-1", Role.VIEWER, SYSTEM)
        headers = {"Authorization": f"Bearer {issue_token(s, 'vic', SYSTEM)}"}
        for k in range(n):
            coalition = k % 2 == 0
            inc = Incident(
                title=f"Strike {k}",
                state="published" if k % 3 == 0 else "new",
                date=date(2017, 1 + k % 12, 1 + k % 28),
                admin1="Raqqa" if k % 4 < 2 else "Deir ez-Zor",
                belligerent="US-led Coalition" if coalition else "Russian Military",
                grade="Fair" if k % 5 == 0 else None,
                lat=35.0 + k / 100,
                lon=39.0 + k / 100,
                civilians_killed_min=k,
                civilians_killed_max=k + 2,
            )
            text = (
                f"Report {k}: an airstrike hit a {'bakery' if k % 10 == 0 else 'house'}; {k} civilians died."
            )
            arabic = k == 7
            if arabic:
                text = "غارة جوية على مخبز في الرقة"
            src = Source(
                sha256=hashlib.sha256(text.encode()).hexdigest(),
                original=text.encode(),
                media_type="text/plain",
                text=text,
                language="ar" if arabic else "en",
                origin=f"test:{k}",
            )
            s.add_all([inc, src])
            s.flush()
            s.add(IncidentSource(incident_id=inc.id, source_id=src.id, method="new"))
    db.dispose()
    return headers


@pytest.fixture
def env(settings: Settings) -> Iterator[Env]:
    headers = seed_incidents(settings)
    with TestClient(create_app(settings)) as client:
        yield client, headers


def test_api_filters_sort_and_total(env: Env) -> None:
    client, vic = env
    r = client.get(
        "/api/incidents",
        params={"belligerent": "US-led Coalition", "admin1": "Raqqa", "sort": "-killed", "limit": 5},
        headers=vic,
    )
    assert r.status_code == 200
    rows = r.json()
    assert r.headers["x-total-count"] == "15"
    assert [x["title"] for x in rows] == ["Strike 56", "Strike 52", "Strike 48", "Strike 44", "Strike 40"]
    r = client.get(
        "/api/incidents", params={"killed_min": 10, "killed_max": 12, "grade": "Fair"}, headers=vic
    )
    assert [x["title"] for x in r.json()] == ["Strike 10"]
    r = client.get("/api/incidents", params={"language": "ar"}, headers=vic)
    assert [x["title"] for x in r.json()] == ["Strike 7"]
    r = client.get("/api/incidents", params={"date_from": "2017-03-01", "date_to": "2017-03-31"}, headers=vic)
    assert {x["date"][:7] for x in r.json()} == {"2017-03"} and r.headers["x-total-count"] == "5"
    assert client.get("/api/incidents", params={"sort": "size"}).status_code == 422
    assert client.get("/api/incidents", params={"killed_min": -1}).status_code == 422
    # Anonymous: the published ones only, counted as such.
    assert client.get("/api/incidents").headers["x-total-count"] == "20"


def test_api_search(env: Env) -> None:
    client, vic = env
    r = client.get("/api/incidents", params={"q": "bakery", "sort": "relevance"}, headers=vic)
    assert sorted(x["title"] for x in r.json()) == sorted(f"Strike {k}" for k in range(0, 60, 10))
    assert r.headers["x-search-capped"] == "false"
    r = client.get("/api/incidents", params={"q": "مخبز"}, headers=vic)
    assert [x["title"] for x in r.json()] == ["Strike 7"]
    r = client.get("/api/incidents", params={"q": "bakery", "belligerent": "Russian Military"}, headers=vic)
    assert r.json() == [] and r.headers["x-total-count"] == "0"


def test_export_takes_the_same_filters(env: Env) -> None:
    client, vic = env
    csv_text = client.get(
        "/api/export", params={"format": "csv", "belligerent": "Russian Military", "q": "bakery"}, headers=vic
    ).text
    assert csv_text.count("\n") == 1  # header only: no Russian incident mentions a bakery
    geo = client.get("/api/export", params={"format": "geojson", "admin1": "Raqqa"}, headers=vic).json()
    assert len(geo["features"]) == 30


def test_list_page_filters_pages_and_sorts(env: Env) -> None:
    client, _ = env
    client.post("/login", data={"csrf": _csrf(client), "username": "vic", "password": "vic-password-1"})
    page = client.get("/", params={"belligerent": "US-led Coalition", "killed_min": "", "page": "1"}).text
    assert 'data-total="30"' in page and "Page 1 of 1" not in page
    assert page.count('href="/incidents/') == 30
    full = client.get("/").text
    assert 'data-total="60"' in full and "Page 1 of 2" in full and 'rel="next"' in full
    second = client.get("/", params={"page": "2"}).text
    assert second.count('href="/incidents/') == 10 and 'rel="prev"' in second
    by_harm = client.get("/", params={"sort": "-killed"}).text
    assert by_harm.index("Strike 59") < by_harm.index("Strike 58")
    assert "sort=killed" in by_harm  # the header link now sorts the other way
    searched = client.get("/", params={"q": "bakery"}).text
    assert 'data-total="6"' in searched and "relevance" in searched
    assert client.get("/", params={"killed_min": "many"}).status_code == 422


def test_list_page_escapes_the_query(env: Env) -> None:
    client, _ = env
    page = client.get("/", params={"q": '<script>alert("x")</script>'}).text
    assert "<script>alert" not in page and "&lt;script&gt;" in page


def _csrf(client: TestClient) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
    assert found
    return found.group(1)
