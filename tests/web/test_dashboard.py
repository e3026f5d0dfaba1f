"""The dashboard page (server-drawn SVG charts) and its JSON twin /api/stats."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from civcas.config import Settings
from civcas.web.app import create_app
from tests.web.test_incident_list import seed_incidents


@pytest.fixture
def env(settings: Settings) -> Iterator[tuple[TestClient, dict[str, str]]]:
    headers = seed_incidents(settings, n=12)
    with TestClient(create_app(settings)) as client:
        yield client, headers


def test_stats_json(env: tuple[TestClient, dict[str, str]]) -> None:
    client, vic = env
    stats = client.get("/api/stats", headers=vic).json()
    assert stats["incidents"] == 12 and stats["published_only"] is False
    assert stats["incidents_by_grade"]["Fair"] == 3 and stats["incidents_by_grade"]["not graded"] == 9
    months = {
        (m["month"], m["belligerent"]): m["civilians_killed_min"] for m in stats["civilian_deaths_by_month"]
    }
    assert months[("2017-01", "US-led Coalition")] == 0 and months[("2017-02", "Russian Military")] == 1
    assert set(stats["open_commitments_by_age"]) >= {"under 30 days", "a year or more"}
    public = client.get("/api/stats").json()
    assert public["published_only"] is True and public["incidents"] == 4


def test_dashboard_draws_svg_charts(env: tuple[TestClient, dict[str, str]]) -> None:
    client, vic = env
    page = client.get("/dashboard", headers=vic).text
    assert page.count('<svg class="chart"') == 2  # deaths and grades; no commitments yet
    assert "<title>2017-02 · Russian Military: 1–3 civilians killed in 1 incident</title>" in page
    assert "No open commitments." in page
    assert "<script" not in page and "style=" not in page  # runs under the CSP as it is
