"""The review queue: new and triaged incidents by reported harm, triage from the list, keyboard script."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from civcas.config import Settings
from civcas.model.vocabulary import Role
from civcas.services.actor import SYSTEM
from civcas.services.users import create_user
from civcas.store.bootstrap import open_database
from civcas.web.app import create_app
from tests.web.test_incident_list import seed_incidents


def _login(client: TestClient, name: str, password: str) -> None:
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").text)
    assert csrf
    client.post("/login", data={"csrf": csrf.group(1), "username": name, "password": password})


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    seed_incidents(settings, n=12)
    db = open_database(settings)
    with db.write() as s:
        create_user(s, "ana", "ana-password-1", Role.ANALYST, SYSTEM)
    db.dispose()
    with TestClient(create_app(settings)) as c:
        yield c


def test_queue_order_and_access(client: TestClient) -> None:
    assert client.get("/queue").status_code == 403
    assert client.get("/api/queue").status_code == 403
    _login(client, "vic", "vic-password-1")
    r = client.get("/api/queue")
    waiting = r.json()
    # Published incidents (every third) are not waiting; the rest come gravest first.
    assert r.headers["x-total-count"] == "8"
    assert [i["title"] for i in waiting[:3]] == ["Strike 11", "Strike 10", "Strike 8"]
    page = client.get("/queue").text
    assert page.index("Strike 11") < page.index("Strike 10") and "Strike 9" not in page
    assert "Triage</button>" not in page  # a viewer may look, not triage
    assert '<script src="/static/queue.js"></script>' in page
    assert client.get("/static/queue.js").status_code == 200


def test_triage_from_the_queue(client: TestClient) -> None:
    _login(client, "ana", "ana-password-1")
    page = client.get("/queue").text
    assert page.count("Triage</button>") == 8
    form = re.search(
        r'action="/incidents/(\d+)/triage".*?name="csrf" value="([^"]+)".*?name="version" value="(\d+)"',
        page,
        re.S,
    )
    assert form
    iid, csrf, version = form.groups()
    r = client.post(
        f"/incidents/{iid}/triage",
        data={"csrf": csrf, "version": version, "page": "1"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == f"/queue?page=1#incident-{iid}"
    after = client.get("/queue").text
    assert after.count("Triage</button>") == 7 and "state-triaged" in after  # still waiting, now triaged
    stale = client.post(
        f"/incidents/{iid}/triage", data={"csrf": csrf, "version": version}, headers={"accept": "text/html"}
    )
    assert stale.status_code == 409
    assert client.post(f"/incidents/{iid}/triage", data={"csrf": "forged"}).status_code == 403
