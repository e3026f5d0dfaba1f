"""The Mayadin example end to end on the real PostgreSQL: the same migrations, CLI and API."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from civcas.config import get_settings
from civcas.web.app import create_app
from tests.conftest import _reset_postgres
from tests.e2e_helpers import EXAMPLES, Installation

pytestmark = pytest.mark.postgres


def test_example_on_postgresql(
    installation: Installation, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _reset_postgres(postgres_url)
    monkeypatch.setenv("CIVCAS_DATABASE_URL", postgres_url)
    get_settings.cache_clear()
    installation.cli("init", "--admin-password", "admin-password-1")
    assert "5 added" in installation.cli("ingest", str(EXAMPLES)).output
    assert "0 added, 5 already stored" in installation.cli("ingest", str(EXAMPLES)).output
    rows = json.loads(installation.cli("incidents", "--json").output)
    (mayadin,) = [r for r in rows if r["place"] == "Al Mayadin"]
    assert (
        mayadin["civilians_killed"] == {"min": 12, "max": 12} and mayadin["belligerent"] == "US-led Coalition"
    )
    token = installation.cli("user", "token", "admin").output.strip()
    client = TestClient(create_app(get_settings()))
    detail = client.get(
        f"/api/incidents/{mayadin['id']}", headers={"Authorization": f"Bearer {token}"}
    ).json()
    assert {"admits_strike", "denies_casualties", "investigating"} <= {
        s["stance"] for s in detail["statements"]
    }
    assert detail["source_count"] == 2  # the English article and the Arabic post
    installation.cli("audit", "verify")
