"""Every route, for every role, against the one declared permission table (civcas/web/permissions.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from civcas.assess.workflow import role_at_least
from civcas.config import get_settings
from civcas.model.vocabulary import Role
from civcas.web.app import create_app
from civcas.web.permissions import PERMISSIONS
from tests.e2e_helpers import EXAMPLES, Installation
from tests.reliability_figures import Figures

ROLES: list[Role | None] = [None, Role.VIEWER, Role.ANALYST, Role.REVIEWER, Role.ADMIN]
USERS = {Role.VIEWER: "vic", Role.ANALYST: "ana", Role.REVIEWER: "rev", Role.ADMIN: "admin"}


def app_routes(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path) of every route the app serves, static files aside."""
    found: set[tuple[str, str]] = set()

    def walk(routes: list[Any], prefix: str) -> None:
        for r in routes:
            ctx = getattr(r, "include_context", None)
            if ctx is not None:
                walk(ctx.included_router.routes, prefix + ctx.prefix)
            elif getattr(r, "methods", None):
                for m in r.methods - {"HEAD"}:
                    found.add((m, prefix + r.path))

    walk(app.router.routes, "")
    return found


def _csrf(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m
    return m.group(1)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    mp = pytest.MonkeyPatch()
    mp.setenv("CIVCAS_DATA_DIR", str(tmp_path_factory.mktemp("matrix") / "data"))
    mp.delenv("CIVCAS_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    inst = Installation(tmp_path_factory.mktemp("unused"))
    inst.cli("init", "--admin-password", "admin-password")
    inst.cli("ingest", str(EXAMPLES))
    for role in (Role.VIEWER, Role.ANALYST, Role.REVIEWER):
        inst.cli("user", "add", USERS[role], "--role", role.value, "--password", f"{USERS[role]}-password")
    inst.cli("user", "add", "ana2", "--role", "analyst", "--password", "ana2-password")
    tokens = {
        role: {"Authorization": f"Bearer {inst.cli('user', 'token', USERS[role]).output.strip()}"}
        for role in USERS
    }
    ana2 = {"Authorization": f"Bearer {inst.cli('user', 'token', 'ana2').output.strip()}"}
    app = create_app(get_settings())
    api = TestClient(app)
    ids = sorted(r["id"] for r in api.get("/api/incidents", headers=ana2).json())
    assert len(ids) >= 3
    # One incident published (public reads), one with a proposal waiting, one worked on by the forms.
    published, proposed, worked = ids[0], ids[1], ids[-1]
    for iid in (published, proposed):
        api.post(f"/api/incidents/{iid}/assessments", json={"state": "under_assessment"}, headers=ana2)
    pid = api.post(f"/api/incidents/{published}/proposals", json={"grade": "Fair"}, headers=ana2).json()["id"]
    api.post(f"/api/assessments/{pid}/review", json={"approve": True}, headers=tokens[Role.REVIEWER])
    waiting = api.post(f"/api/incidents/{proposed}/proposals", json={"grade": "Weak"}, headers=ana2).json()[
        "id"
    ]
    sessions: dict[Role | None, TestClient] = {None: TestClient(app)}
    for role, name in USERS.items():
        c = TestClient(app)
        password = "admin-password" if role == Role.ADMIN else f"{name}-password"
        c.post("/login", data={"csrf": _csrf(c.get("/login").text), "username": name, "password": password})
        sessions[role] = c
    source = api.get("/api/reports", headers=ana2).json()[0]["id"]
    world = {
        "app": app,
        "api": api,
        "tokens": tokens,
        "sessions": sessions,
        "published": published,
        "worked": worked,
        "proposal": waiting,
        "report": source,
    }
    yield world
    mp.undo()
    get_settings.cache_clear()


def _request(world: dict[str, Any], method: str, path: str, role: Role | None) -> int:
    iid = world["worked"] if method == "POST" else world["published"]
    url = (
        path.replace("{incident_id}", str(iid))
        .replace("{assessment_id}", str(world["proposal"]))
        .replace("{report_id}", str(world["report"]))
    )
    if path.startswith("/api/"):
        headers = world["tokens"].get(role, {}) if role else {}
        body: dict[str, Any] = {
            "/api/incidents/{incident_id}/assessments": {"state": "triaged", "note": "matrix"},
            "/api/incidents/{incident_id}/proposals": {"grade": "Weak"},
            "/api/incidents/{incident_id}/overrides": {
                "figure": "injured",
                "min": 1,
                "max": 2,
                "reason": "matrix",
            },
            "/api/incidents/{incident_id}/verdicts": {"belligerent": "US-led Coalition", "verdict": "open"},
            "/api/assessments/{assessment_id}/review": {"approve": True},
            "/api/incidents/{incident_id}/names": {"public": False, "note": "matrix"},
            # No such incident, no such report: allowed roles get 404 and 400, and nothing is changed.
            "/api/incidents/{incident_id}/merge": {"other": 999_999, "note": "matrix"},
            "/api/incidents/{incident_id}/split": {"reports": [999_999], "note": "matrix"},
            "/api/reports": {"text": "A drone strike near Raqqa killed 2 civilians on 1 June 2017."},
        }.get(path, {})
        if path == "/api/reports/upload":
            upload = {
                "file": ("r.txt", b"Shelling hit Idlib on 3 May 2019, killing 4 civilians.", "text/plain")
            }
            return world["api"].post(url, headers=headers, files=upload).status_code
        r = world["api"].request(method, url, headers=headers, json=body if method == "POST" else None)
        return r.status_code
    client: TestClient = world["sessions"][role]
    if method == "GET":
        return client.get(url, headers={"accept": "text/html"}).status_code
    form = {"csrf": _csrf(client.get("/login").text)}
    form.update(
        {
            "/incidents/{incident_id}/assess": {"state": "triaged"},
            "/incidents/{incident_id}/propose": {"grade": "Weak"},
            "/incidents/{incident_id}/override": {"figure": "injured", "minimum": "1", "reason": "matrix"},
            "/incidents/{incident_id}/verdict": {"belligerent": "US-led Coalition", "verdict": "open"},
            "/incidents/{incident_id}/merge": {"other": "999999"},
            "/incidents/{incident_id}/split": {"reports": "999999"},
            "/assessments/{assessment_id}/review": {"decision": "approve"},
            "/login": {"username": "nobody", "password": "wrong-password"},
        }.get(path, {})
    )
    return client.post(url, data=form, headers={"accept": "text/html"}, follow_redirects=False).status_code


def test_every_route_is_declared(world: dict[str, Any]) -> None:
    undeclared = sorted(app_routes(world["app"]) - set(PERMISSIONS))
    assert undeclared == [], "add these routes to civcas/web/permissions.py"


def test_every_route_for_every_role(world: dict[str, Any], figures: Figures) -> None:
    checked = 0
    wrong: list[str] = []
    for (method, path), needed in sorted(PERMISSIONS.items(), key=lambda kv: (kv[0][0] == "POST", kv[0][1])):
        if (method, path) not in app_routes(world["app"]):
            continue
        for role in ROLES:
            status = _request(world, method, path, role)
            allowed = needed is None or (role is not None and role_at_least(role, needed))
            checked += 1
            refused = status == 403 or (status == 401 and path != "/login")  # 401 at /login: a wrong password
            if status >= 500 or (allowed and refused) or (not allowed and status != 403):
                wrong.append(f"{method} {path} as {role or 'anonymous'}: {status} (allowed={allowed})")
    figures.record(
        "Access: every route for every role",
        **{
            "routes": len(PERMISSIONS),
            "roles (anonymous included)": len(ROLES),
            "route × role checks": checked,
            "answers that broke the permission table": len(wrong),
        },
    )
    assert wrong == [], "\n".join(wrong)
    assert checked >= 5 * 30


def test_anonymous_never_sees_unpublished(world: dict[str, Any]) -> None:
    anonymous = world["sessions"][None]
    assert anonymous.get(f"/api/incidents/{world['worked']}").status_code == 404
    listed = anonymous.get("/api/incidents").json()
    assert world["published"] in {i["id"] for i in listed}
    assert all(i["state"] == "published" for i in listed) and world["worked"] not in {i["id"] for i in listed}
