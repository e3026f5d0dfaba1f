"""A person's path through the web app in a real browser (Debian's headless Chromium via Playwright):
sign in, open the example incident, see the sentence behind a figure, assess it. Saves the README's
screenshots."""

from __future__ import annotations

import pytest

from tests.browser.conftest import SCREENSHOTS, launch_chromium
from tests.e2e_helpers import Installation

pytestmark = pytest.mark.browser


def test_sign_in_open_incident_and_assess(served: str, installation: Installation) -> None:
    installation.cli("user", "add", "rev", "--role", "reviewer", "--password", "reviewer-pw-1")
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = launch_chromium(p)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(served + "/")
        assert "published only" in page.content()
        page.click("text=Sign in")
        page.fill("input[name=username]", "admin")
        page.fill("input[name=password]", "browser-admin-pw")
        page.click("button:has-text('Sign in')")
        page.wait_for_selector("table.list")
        page.screenshot(path=str(SCREENSHOTS / "incident-list.png"), full_page=True)

        page.click("a:has-text('Mayadin')")
        page.wait_for_selector("section.facts")
        assert page.inner_text("[data-field=belligerent]") == "US-led Coalition"
        assert page.inner_text("[data-field=civilians_killed]") == "12"
        # The figure's own sentence sits beside it in the claims table.
        claims = page.inner_text("article.source table.claims")
        assert "at least 12 civilians" in claims
        page.screenshot(path=str(SCREENSHOTS / "incident-page.png"), full_page=True)

        page.select_option("select[name=state]", "under_assessment")
        page.select_option("select[name=grade]", "Fair")
        page.select_option("select[name=strike_status]", "Declared strike")
        page.fill("textarea[name=note]", "Coalition confirms a strike at the place and time")
        page.click("button:has-text('Save assessment')")
        page.wait_for_selector("table.history")
        assert "Coalition confirms a strike" in page.inner_text("table.history")
        assert page.inner_text(".badges .grade") == "Fair"
        incident_url = page.url.split("#")[0]

        # Four eyes: the analyst proposes, a second user with the reviewer role approves.
        page.click("button:has-text('Propose for publication')")
        page.wait_for_selector("text=waiting for another reviewer")
        reviewer = browser.new_context().new_page()
        reviewer.goto(served + "/login")
        reviewer.fill("input[name=username]", "rev")
        reviewer.fill("input[name=password]", "reviewer-pw-1")
        reviewer.click("button:has-text('Sign in')")
        reviewer.goto(incident_url)
        reviewer.fill("form.review input[name=note]", "agreed: two sources and a declared strike")
        reviewer.click("button:has-text('Approve and publish')")
        reviewer.wait_for_selector("text=approved by rev")

        # Now anyone can read it, with names withheld.
        public = browser.new_context().new_page()
        public.goto(incident_url)
        assert public.inner_text(".badges .grade") == "Fair"
        assert "withheld" in public.content()
        browser.close()
