"""The ACLED-layout export: columns, event types, geo precision and fatalities."""

from __future__ import annotations

import csv
import io
from datetime import date

from fastapi.testclient import TestClient

from civcas.config import Settings, get_settings
from civcas.model.extraction import CountRange
from civcas.model.incident import IncidentSummary
from civcas.publish.acled import ACLED_COLUMNS, acled_row, to_acled_csv
from civcas.store.bootstrap import open_database
from civcas.store.tables import Incident, IncidentSource, Source
from civcas.web.app import create_app
from tests.e2e_helpers import Installation


def _inc(**kw: object) -> IncidentSummary:
    base: dict[str, object] = {"id": 7, "title": "Airstrike near Al Mayadin", "state": "published"}
    base.update(kw)
    return IncidentSummary.model_validate(base)


def test_columns_are_acled_s() -> None:
    text = to_acled_csv([], {})
    assert text.strip() == (
        "event_date,event_type,sub_event_type,actor1,admin1,location,latitude,longitude,"
        "geo_precision,source,notes,fatalities"
    )
    assert len(ACLED_COLUMNS) == 12


def test_a_located_airstrike() -> None:
    row = acled_row(
        _inc(
            date=date(2017, 5, 13),
            event_type="airstrike",
            belligerent="US-led Coalition",
            admin1="Deir ez-Zor",
            place="Al Mayadin",
            lat=35.02,
            lon=40.45,
            geo_precision="town",
            civilians_killed=CountRange(min=12, max=15),
            grade="Fair",
        ),
        ["Airwars", "Deir Ezzor 24"],
    )
    assert row["event_date"] == "2017-05-13"
    assert (row["event_type"], row["sub_event_type"]) == ("Explosions/Remote violence", "Air/drone strike")
    assert (row["actor1"], row["admin1"], row["location"]) == (
        "US-led Coalition",
        "Deir ez-Zor",
        "Al Mayadin",
    )
    assert (row["latitude"], row["longitude"], row["geo_precision"]) == (35.02, 40.45, 1)
    assert row["source"] == "Airwars; Deir Ezzor 24"
    assert row["fatalities"] == 12  # the lowest reported count
    assert "12-15" in str(row["notes"]) and "civcas incident 7" in str(row["notes"])


def test_vague_places_and_unknowns() -> None:
    assert acled_row(_inc(lat=35.0, lon=40.0, geo_precision="district"), [])["geo_precision"] == 2
    assert acled_row(_inc(lat=35.0, lon=40.0, geo_precision="province"), [])["geo_precision"] == 3
    row = acled_row(_inc(event_type="ground fighting"), [])
    assert (row["event_type"], row["sub_event_type"]) == ("Battles", "Armed clash")
    assert row["latitude"] == "" and row["geo_precision"] == "" and row["fatalities"] == 0
    assert row["actor1"] == "Unidentified"


def _seed(settings: Settings) -> None:
    db = open_database(settings)
    with db.write() as s:
        inc = Incident(
            title="Strike, with a comma",
            state="published",
            date=date(2017, 5, 13),
            event_type="shelling",
            admin1="Raqqa",
            civilians_killed_min=3,
            civilians_killed_max=4,
        )
        src = Source(
            sha256="a" * 64, original=b"x", media_type="text/plain", text="x", origin="t", publisher="RBSS"
        )
        s.add_all([inc, src])
        s.flush()
        s.add(IncidentSource(incident_id=inc.id, source_id=src.id, method="new"))
    db.dispose()


def test_api_export(settings: Settings) -> None:
    _seed(settings)
    with TestClient(create_app(settings)) as client:
        r = client.get("/api/export", params={"format": "acled", "admin1": "Raqqa"})
    assert r.status_code == 200 and "acled.csv" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows[0]["sub_event_type"] == "Shelling/artillery/missile attack"
    assert rows[0]["source"] == "RBSS" and rows[0]["fatalities"] == "3"


def test_cli_export(installation: Installation) -> None:
    installation.cli("init", "--admin-password", "acled-export-pw")
    _seed(get_settings())
    out = installation.cli("export", "--format", "acled", "--date-from", "2017-05-01").output
    first = next(iter(csv.DictReader(io.StringIO(out))))
    assert first["notes"].startswith("Strike, with a comma.") and first["event_date"] == "2017-05-13"
    assert installation.cli("export", "--format", "xml", ok=False).exit_code != 0
    assert installation.cli("export", "--date-from", "May", ok=False).exit_code != 0
