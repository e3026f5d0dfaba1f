"""Merging and splitting incidents through the CLI, the JSON API and the incident page's forms."""

from __future__ import annotations

import json
import re

from fastapi.testclient import TestClient

from civcas.config import get_settings
from civcas.web.app import create_app
from tests.e2e_helpers import EXAMPLES, Installation


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found
    return found.group(1)


def _setup(installation: Installation) -> tuple[int, list[int]]:
    """The examples: one incident holds the English and Arabic reports of one strike."""
    installation.cli("init", "--admin-password", "admin-password-1")
    installation.cli("ingest", str(EXAMPLES))
    rows = json.loads(installation.cli("incidents", "--json").output)
    joined = next(r for r in rows if r["source_count"] == 2)
    shown = json.loads(installation.cli("show", str(joined["id"])).output)
    return joined["id"], [s["id"] for s in shown["sources"]]


def test_cli_split_relink_and_merge_are_kept_and_audited(installation: Installation) -> None:
    iid, (first, second) = _setup(installation)
    out = installation.cli(
        "incidents", "split", str(iid), "--reports", str(second), "--note", "two events"
    ).output
    new = int(out.split("incident")[-1])
    assert ", 0 moved" in installation.cli("incidents", "relink").output
    assert ", 0 moved" in installation.cli("incidents", "relink", "--one-by-one").output
    assert json.loads(installation.cli("show", str(iid)).output)["source_count"] == 1
    assert json.loads(installation.cli("show", str(new)).output)["sources"][0]["link_pinned"] is True
    bad = installation.cli("incidents", "split", str(iid), "--reports", str(first), ok=False)
    assert bad.exit_code != 0 and "at least one report must stay" in bad.output
    installation.cli("incidents", "merge", str(iid), str(new), "--note", "one event after all")
    merged = json.loads(installation.cli("show", str(iid)).output)
    assert sorted(s["id"] for s in merged["sources"]) == [first, second]
    gone = installation.cli("show", str(new), ok=False)
    assert gone.exit_code != 0 and f"merged into incident {iid}" in gone.output
    assert "audit chain intact" in installation.cli("audit", "verify").output


def test_api_and_page_forms(installation: Installation) -> None:
    iid, (_, second) = _setup(installation)
    installation.cli("user", "add", "ana", "--role", "analyst", "--password", "ana-password")
    installation.cli("user", "add", "vic", "--role", "viewer", "--password", "vic-password")
    token = {"Authorization": f"Bearer {installation.cli('user', 'token', 'ana').output.strip()}"}
    viewer = {"Authorization": f"Bearer {installation.cli('user', 'token', 'vic').output.strip()}"}
    app = create_app(get_settings())
    api = TestClient(app)

    assert (
        api.post(f"/api/incidents/{iid}/split", json={"reports": [second]}, headers=viewer).status_code == 403
    )
    r = api.post(f"/api/incidents/{iid}/split", json={"reports": [second], "note": "api"}, headers=token)
    assert r.status_code == 201, r.text
    new = r.json()["new_incident"]
    assert api.get(f"/api/incidents/{new}", headers=token).json()["sources"][0]["id"] == second

    r = api.post(f"/api/incidents/{iid}/merge", json={"other": new}, headers=token)
    assert r.status_code == 200 and r.json()["merged"] == new
    moved = api.get(f"/api/incidents/{new}", headers=token)
    assert moved.status_code == 404 and moved.json()["error"] == "merged"
    itself = api.post(f"/api/incidents/{iid}/merge", json={"other": iid}, headers=token)
    assert itself.status_code == 422 and itself.json()["error"] == "same_incident"

    # The page: why each report was joined, the forms for analysts, and the old id's redirect.
    browser = TestClient(app)
    browser.post(
        "/login",
        data={"csrf": _csrf(browser.get("/login").text), "username": "ana", "password": "ana-password"},
    )
    page = browser.get(f"/incidents/{iid}").text
    assert "Merge or split" in page and "kept by an analyst" in page
    r = browser.get(f"/incidents/{new}", follow_redirects=False)
    assert r.status_code == 301 and r.headers["location"] == f"/incidents/{iid}"
    r = browser.post(
        f"/incidents/{iid}/split",
        data={"csrf": _csrf(page), "reports": str(second), "note": "form"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    split_off = int(r.headers["location"].rsplit("/", 1)[-1])
    assert "Split off incident" in browser.get(f"/incidents/{split_off}").text
    r = browser.post(
        f"/incidents/{iid}/merge", data={"csrf": _csrf(page), "other": str(split_off)}, follow_redirects=False
    )
    assert r.status_code == 303
    anonymous = TestClient(app).get(f"/incidents/{iid}").status_code
    assert anonymous == 404  # unpublished: no page, no forms


def test_a_linked_report_shows_why_it_was_joined(installation: Installation) -> None:
    iid, _ = _setup(installation)
    installation.cli("user", "add", "ana", "--role", "analyst", "--password", "ana-password")
    browser = TestClient(create_app(get_settings()))
    browser.post(
        "/login",
        data={"csrf": _csrf(browser.get("/login").text), "username": "ana", "password": "ana-password"},
    )
    page = browser.get(f"/incidents/{iid}").text
    assert "Why it was joined: match weight" in page and "Same date in both texts" in page


def test_the_why_table_names_the_shared_words_escaped() -> None:
    from types import SimpleNamespace

    from civcas.web.ui.pages import templates

    reasons = {
        "matched_source": 4,
        "match_weight": 7.5,
        "threshold": -2.0,
        "comparisons": {"text": ["Texts alike (cosine ≥ 0.2)", 4.1]},
        "shared_words": ["barakat", "<b>haddad</b>"],
    }
    html = templates.env.get_template("_link_reasons.html").render(s=SimpleNamespace(link_reasons=reasons))
    assert "Texts alike (cosine ≥ 0.2)" in html
    assert "barakat, &lt;b&gt;haddad&lt;/b&gt;" in html  # source words are untrusted: escaped
    reasons["shared_words"] = []
    html = templates.env.get_template("_link_reasons.html").render(s=SimpleNamespace(link_reasons=reasons))
    assert "Rare words both texts use" not in html


def test_a_report_merged_in_automatically_says_from_where_and_through_which_report() -> None:
    from types import SimpleNamespace

    from civcas.web.ui.pages import templates

    template = templates.env.get_template("_link_reasons.html")
    founder = {"merged_from": 12, "through": 40, "bridge_weight": 3.25}
    html = template.render(s=SimpleNamespace(link_reasons=founder))
    assert "Came with incident 12" in html and 'href="#source-40"' in html and "3.25" in html
    assert "Why it was joined" not in html  # it joined incident 12 first: no pair of its own to show
    joined = {**founder, "matched_source": 4, "match_weight": 7.5, "threshold": -1.0,
              "comparisons": {"date": ["Same date in both texts", 2.0]}}  # fmt: skip
    html = template.render(s=SimpleNamespace(link_reasons=joined))
    assert "Why it was joined: match weight 7.50" in html and "Came with incident 12" in html
