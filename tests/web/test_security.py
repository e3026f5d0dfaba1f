"""Security headers, bundled API docs, login throttling and session cookies."""

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


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    db = open_database(settings)
    with db.write() as s:
        create_user(s, "ana", "ana-password", Role.ANALYST, SYSTEM)
    db.dispose()
    with TestClient(create_app(settings)) as c:
        yield c


def _csrf(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m
    return m.group(1)


def test_every_page_has_the_security_headers(client: TestClient) -> None:
    for path in ["/", "/login", "/docs", "/api/incidents", "/healthz", "/static/style.css"]:
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "same-origin"
        assert r.headers["x-content-type-options"] == "nosniff"


def test_api_docs_load_nothing_from_the_internet(client: TestClient) -> None:
    page = client.get("/docs").text
    assert "<script>" not in page  # no inline script: the CSP would block it
    for url in re.findall(r'(?:src|href)="([^"]+)"', page):
        assert url.startswith("/"), url
        assert client.get(url).status_code == 200


def test_templates_have_no_inline_scripts_or_handlers() -> None:
    from pathlib import Path

    import civcas.web

    for tpl in (Path(civcas.web.__file__).parent / "templates").glob("*.html"):
        text = tpl.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), tpl.name
        assert not re.search(r"\son[a-z]+=", text), tpl.name
        assert "javascript:" not in text, tpl.name


def test_failed_logins_are_throttled(client: TestClient) -> None:
    token = _csrf(client.get("/login").text)
    for _ in range(5):
        r = client.post("/login", data={"csrf": token, "username": "ana", "password": "wrong"})
        assert r.status_code == 401
    r = client.post("/login", data={"csrf": token, "username": "ana", "password": "ana-password"})
    assert r.status_code == 429 and int(r.headers["retry-after"]) > 0
    # Another account is not locked by guesses at this one.
    r = client.post("/login", data={"csrf": token, "username": "someone", "password": "x"})
    assert r.status_code == 401


def test_session_cookie_is_httponly_and_samesite(client: TestClient) -> None:
    token = _csrf(client.get("/login").text)
    r = client.post(
        "/login", data={"csrf": token, "username": "ana", "password": "ana-password"}, follow_redirects=False
    )
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "max-age=28800" in cookie
    assert "secure" not in cookie  # not behind TLS here; CIVCAS_SECURE_COOKIES turns it on


def test_secure_cookies_behind_tls(settings: Settings) -> None:
    tls = settings.model_copy(update={"secure_cookies": True})
    with TestClient(create_app(tls)) as c:
        r = c.get("/login")
        assert "secure" in r.headers["set-cookie"].lower()
        assert "max-age" in r.headers["strict-transport-security"]
