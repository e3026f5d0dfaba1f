"""Exports stream page by page: the same files as one document, every page counted and audited."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from civcas.config import Settings
from civcas.publish.export import CSV_COLUMNS, flat_record
from civcas.services import exports
from civcas.services.actor import SYSTEM
from civcas.services.exports import ExportTally, export_incidents
from civcas.services.incidents import IncidentFilter, list_incidents
from civcas.store.bootstrap import open_database
from civcas.store.tables import AuditEvent
from civcas.web.app import create_app
from tests.web.test_incident_list import seed_incidents

Env = tuple[TestClient, dict[str, str], Settings]


@pytest.fixture
def env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[Env]:
    monkeypatch.setattr(exports, "EXPORT_PAGE", 7)  # 60 incidents: nine pages, the last one short
    headers = seed_incidents(settings)
    with TestClient(create_app(settings)) as client:
        yield client, headers, settings


def _whole(settings: Settings, fmt: str) -> str:
    """The file written at once from every incident, as json.dumps and the csv module write it."""
    db = open_database(settings)
    with db.read() as s:
        rows = list_incidents(s, SYSTEM, IncidentFilter(limit=1000))
    db.dispose()
    if fmt == "json":
        return json.dumps([r.model_dump(mode="json") for r in rows], ensure_ascii=False, indent=1)
    if fmt == "geojson":
        features = [
            {
                "type": "Feature",
                "id": r.id,
                "geometry": {"type": "Point", "coordinates": [r.lon, r.lat]},
                "properties": flat_record(r),
            }
            for r in rows
        ]
        return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in rows:
        writer.writerow({k: "" if v is None else v for k, v in flat_record(r).items()})
    return buf.getvalue()


@pytest.mark.parametrize("fmt", ["csv", "json", "geojson"])
def test_pages_make_the_same_file_as_one_document(env: Env, fmt: str) -> None:
    client, vic, settings = env
    r = client.get("/api/export", params={"format": fmt}, headers=vic)
    assert r.status_code == 200 and r.text == _whole(settings, fmt)
    assert r.headers["content-disposition"].startswith("attachment; filename=")


def test_every_page_is_counted_and_the_disclosure_audited(env: Env) -> None:
    client, vic, settings = env
    acled = client.get(
        "/api/export", params={"format": "acled", "belligerent": "Russian Military"}, headers=vic
    )
    assert len(acled.text.splitlines()) == 1 + 30
    db = open_database(settings)
    with db.read() as s:
        tally = ExportTally()
        written = "".join(export_incidents(s, SYSTEM, IncidentFilter(limit=10**6), "csv", tally))
        payloads = s.scalars(select(AuditEvent.payload).where(AuditEvent.action == "export.restricted")).all()
    db.dispose()
    assert (tally.count, tally.restricted) == (60, 40) and len(written.splitlines()) == 61
    assert [(p["incidents"], p["unpublished"]) for p in payloads] == [(30, 20)]


def test_a_bad_filter_is_refused_before_anything_is_sent(env: Env) -> None:
    client, vic, _ = env
    r = client.get("/api/export", params={"format": "csv", "sort": "size"}, headers=vic)
    assert r.status_code in (400, 422) and "sort" in r.text
