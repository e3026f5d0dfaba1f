"""The map page and its data: bundled Leaflet and country outlines, markers filtered like the list."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from civcas.config import Settings
from civcas.services.actor import ANONYMOUS
from civcas.services.geo import map_points
from civcas.services.incidents import IncidentFilter
from civcas.store.database import Database
from civcas.store.tables import Incident
from civcas.web.app import create_app
from tests.web.test_incident_list import seed_incidents

STATIC = Path(__file__).resolve().parents[2] / "src" / "civcas" / "web" / "static"


@pytest.fixture
def env(settings: Settings) -> Iterator[tuple[TestClient, dict[str, str]]]:
    headers = seed_incidents(settings)
    with TestClient(create_app(settings)) as client:
        yield client, headers


def test_geojson_is_filtered_like_the_list(env: tuple[TestClient, dict[str, str]]) -> None:
    client, vic = env
    r = client.get("/api/incidents.geojson", params={"belligerent": "Russian Military"}, headers=vic)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
    data = r.json()
    assert data["type"] == "FeatureCollection" and data["truncated"] is False
    assert len(data["features"]) == 30
    first = data["features"][0]
    assert first["geometry"]["type"] == "Point" and len(first["geometry"]["coordinates"]) == 2
    assert set(first["properties"]) >= {"id", "title", "date", "grade", "state", "civilians_killed"}
    assert {f["properties"]["belligerent"] for f in data["features"]} == {"Russian Military"}
    searched = client.get("/api/incidents.geojson", params={"q": "bakery"}, headers=vic).json()
    assert len(searched["features"]) == 6
    assert len(client.get("/api/incidents.geojson").json()["features"]) == 20  # anonymous: published


def test_map_page_loads_only_bundled_assets(env: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = env
    page = client.get("/map", params={"belligerent": "US-led Coalition", "page": "3"}).text
    assert 'data-points-url="/api/incidents.geojson?belligerent=US-led+Coalition"' in page
    assert 'data-tile-url=""' in page
    for src in re.findall(r'(?:src|href)="([^"]+)"', page):
        assert not src.startswith(("http:", "https:", "//")), src
    for asset in (
        "/static/vendor/leaflet/leaflet.js",
        "/static/vendor/leaflet/leaflet.css",
        "/static/vendor/leaflet.markercluster/leaflet.markercluster.js",
        "/static/map.js",
    ):
        assert asset in page and client.get(asset).status_code == 200
    assert "<script>" not in page and "onclick" not in page  # scripts are static files (CSP)


def test_country_outlines_are_shipped_and_small() -> None:
    path = STATIC / "map" / "countries.geojson"
    assert path.stat().st_size < 1_000_000
    names = {f["properties"]["name"] for f in json.loads(path.read_text())["features"]}
    assert {"Syria", "Iraq", "Yemen", "Libya", "Afghanistan"} <= names


def test_tile_server_when_configured(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path / "data",
        tile_url="https://tiles.example.org/{z}/{x}/{y}.png",
        tile_attribution="© OpenStreetMap contributors",
    )
    with TestClient(create_app(settings)) as client:
        r = client.get("/map")
    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in r.text
    assert "© OpenStreetMap contributors" in r.text
    assert "https://tiles.example.org" in r.headers["content-security-policy"]


def test_map_points_are_bounded(db: Database) -> None:
    with db.write() as s:
        for k in range(5):
            s.add(Incident(title=f"i{k}", state="published", lat=35.0, lon=40.0 + k))
        s.add(Incident(title="nowhere", state="published"))
        s.flush()
        found = map_points(s, ANONYMOUS, IncidentFilter(), limit=3)
        assert found.truncated and len(found.points) == 3
        everything = map_points(s, ANONYMOUS, IncidentFilter())
        assert not everything.truncated and len(everything.points) == 5  # no coordinates, no point
