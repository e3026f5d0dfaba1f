"""The timeline page and /api/timeline: periods filtered like the list, bars that open the list of their period."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from civcas.config import Settings
from civcas.web.app import create_app
from tests.web.test_incident_list import seed_incidents

Env = tuple[TestClient, dict[str, str]]


@pytest.fixture
def env(settings: Settings) -> Iterator[Env]:
    headers = seed_incidents(settings)
    with TestClient(create_app(settings)) as client:
        yield client, headers


def test_api_counts_per_month_like_the_list(env: Env) -> None:
    client, vic = env
    r = client.get("/api/timeline", params={"belligerent": "US-led Coalition", "unit": "month"}, headers=vic)
    assert r.status_code == 200
    data = r.json()
    listed = client.get("/api/incidents", params={"belligerent": "US-led Coalition"}, headers=vic)
    assert data["incidents"] == int(listed.headers["x-total-count"]) == 30
    assert data["unit"] == "month" and [p["label"] for p in data["periods"]][:2] == ["2017-01", "2017-02"]
    assert sum(p["incidents"] for p in data["periods"]) == 30
    # Fair incidents are k % 5 == 0; the coalition's are the even k: k = 0, 10, ..., 50.
    assert sum(p["incidents_by_grade"].get("Fair", 0) for p in data["periods"]) == 6
    assert data["civilians_killed_min"] == sum(range(0, 60, 2))
    assert data["civilians_killed_max"] == data["civilians_killed_min"] + 2 * 30
    by_belligerent = [p["civilians_killed_by_belligerent"] for p in data["periods"]]
    assert {k for b in by_belligerent for k in b} == {"US-led Coalition"}
    assert sum(b.get("US-led Coalition", 0) for b in by_belligerent) == data["civilians_killed_min"]
    public = client.get("/api/timeline", params={"unit": "month"}).json()
    assert public["published_only"] and public["incidents"] == 20  # k % 3 == 0


def test_api_refuses_an_unknown_unit_and_survives_the_calendars_end(env: Env) -> None:
    client, vic = env
    r = client.get("/api/timeline", params={"unit": "fortnight"}, headers=vic)
    assert r.status_code == 422
    for unit in ("day", "week", "month", "year"):
        r = client.get("/api/timeline", params={"unit": unit, "date_to": "9999-12-31"}, headers=vic)
        assert r.status_code == 200 and r.json()["incidents"] == 60
    listed = client.get("/api/incidents", params={"date_to": "9999-12-31"}, headers=vic)
    assert listed.status_code == 200 and listed.headers["x-total-count"] == "60"
    r = client.get("/api/timeline", params={"date_from": "0001-01-01", "date_to": "0001-01-01"}, headers=vic)
    assert r.status_code == 200 and r.json()["periods"][0]["start"] == "0001-01-01"


def test_page_draws_bars_that_open_the_list_of_their_period(env: Env) -> None:
    client, vic = env
    page = client.get("/timeline", params={"admin1": "Raqqa", "unit": "month"}, headers=vic)
    assert page.status_code == 200
    html = page.text
    assert "<h1>Timeline</h1>" in html and "Incidents per month, by grade" in html
    assert "Civilians killed per month, by belligerent" in html and "Russian Military: " in html
    assert 'data-incidents="30"' in html
    links = [unescape(h) for h in re.findall(r'<a href="(/\?[^"]+)"><rect', html)]
    assert links, "the bars are links"
    query = parse_qs(urlsplit(links[0]).query)
    assert (
        query["admin1"] == ["Raqqa"]
        and query["date_from"] == ["2017-01-01"]
        and query["date_to"] == ["2017-01-31"]
    )
    # Following a bar lists exactly the incidents its period counted.
    january = client.get("/api/incidents", params={k: v[0] for k, v in query.items()}, headers=vic)
    counted = client.get("/api/timeline", params={"admin1": "Raqqa", "unit": "month"}, headers=vic).json()
    assert int(january.headers["x-total-count"]) == counted["periods"][0]["incidents"] > 0
    # The other units keep the filters; "Closer" draws one month by day.
    assert 'href="/timeline?admin1=Raqqa&amp;unit=week"' in html
    assert 'href="/timeline?admin1=Raqqa&amp;date_from=2017-01-01&amp;date_to=2017-01-31">Closer' in html
    closer = client.get("/timeline?admin1=Raqqa&date_from=2017-01-01&date_to=2017-01-31", headers=vic).text
    assert "Incidents per day, by grade" in closer and ">Closer<" not in closer


def test_list_and_map_lead_to_the_timeline_of_their_filters(env: Env) -> None:
    client, vic = env
    assert 'href="/timeline?admin1=Raqqa"' in client.get("/", params={"admin1": "Raqqa"}, headers=vic).text
    assert 'href="/timeline?admin1=Raqqa"' in client.get("/map", params={"admin1": "Raqqa"}, headers=vic).text


def test_a_unit_too_fine_for_the_span_is_coarsened_and_says_so(env: Env) -> None:
    client, vic = env
    html = client.get("/timeline", params={"unit": "day", "date_from": "1990-01-01"}, headers=vic).text
    assert "Incidents per month, by grade" in html
    assert "(by day, this span would draw more than 1,000 bars)" in html


def test_page_without_matches_says_so(env: Env) -> None:
    client, vic = env
    html = client.get("/timeline", params={"q": "nothingmatchesthis"}, headers=vic).text
    assert "No dated incidents match." in html and 'data-incidents="0"' in html
