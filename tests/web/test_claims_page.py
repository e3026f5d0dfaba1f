"""The incident page's per-source claims table and its JSON twin."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient

from civcas.config import Settings
from civcas.store.bootstrap import open_database
from civcas.store.tables import Extraction, Incident, IncidentSource, Source
from civcas.web.app import create_app

REPORTS = [
    ("Airwars", "en", "An airstrike on Al Mayadin killed 12 civilians.", {"min": 12, "max": 12}),
    ("Deir Ezzor 24", "ar", "غارة على الميادين قتلت 3 مدنيين", {"min": 3, "max": 3}),
]


@pytest.fixture
def env(settings: Settings) -> Iterator[tuple[TestClient, int]]:
    db = open_database(settings)
    with db.write() as s:
        inc = Incident(title="Mayadin <b>strike</b>", state="published", date=date(2017, 5, 13))
        s.add(inc)
        s.flush()
        for publisher, lang, text, killed in REPORTS:
            src = Source(
                sha256=hashlib.sha256(text.encode()).hexdigest(),
                original=text.encode(),
                media_type="text/plain",
                text=text,
                title=f"{publisher} report",
                publisher=publisher,
                language=lang,
                origin="t",
            )
            s.add(src)
            s.flush()
            town = "Al Mayadin" if lang == "en" else "الميادين"
            at = text.index(town)
            facts = {
                "civilians_killed": killed,
                "place": "Al Mayadin",
                "date": "2017-05-13",
                "places_named": ["Al Mayadin"],
                "spans": {"places_named": [[at, at + len(town)]]},
            }
            ext = Extraction(source_id=src.id, extractor="test", facts=facts)
            s.add(ext)
            s.flush()
            s.add(IncidentSource(incident_id=inc.id, source_id=src.id, extraction_id=ext.id, method="rule"))
        iid = inc.id
    db.dispose()
    with TestClient(create_app(settings)) as client:
        yield client, iid


def test_page_shows_claims_with_conflicts(env: tuple[TestClient, int]) -> None:
    client, iid = env
    page = client.get(f"/incidents/{iid}").text
    assert "What each source claims" in page
    table = page[
        page.index('class="source-claims"') : page.index("</table>", page.index('class="source-claims"'))
    ]
    assert table.count('class="num conflict" data-field="civilians_killed"') == 2
    assert 'class="" data-field="place"' in table  # same place: not marked
    assert "Deir Ezzor 24" in table and ">ar<" in table
    assert "Marked</span> values conflict between sources: civilians killed." in page


def test_claims_json(env: tuple[TestClient, int]) -> None:
    client, iid = env
    rows = client.get(f"/api/incidents/{iid}/claims").json()
    assert [(r["publisher"], r["claims"]["civilians_killed"]) for r in rows] == [
        ("Airwars", {"value": "12", "conflict": True}),
        ("Deir Ezzor 24", {"value": "3", "conflict": True}),
    ]
    assert client.get("/api/incidents/999/claims").status_code == 404


def test_page_marks_the_places_each_source_names(env: tuple[TestClient, int]) -> None:
    client, iid = env
    page = client.get(f"/incidents/{iid}").text
    # In both scripts, at the spans the extraction gives; the facts table lists them by name.
    assert '<mark title="places named">Al Mayadin</mark>' in page
    assert '<mark title="places named">الميادين</mark>' in page
