"""Split a report off an incident and merge it back, in a real browser, from the incident page."""

from __future__ import annotations

import pytest

from tests.browser.conftest import launch_chromium
from tests.e2e_helpers import Installation

pytestmark = pytest.mark.browser


def test_why_joined_then_split_and_merge_back(served: str, installation: Installation) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_chromium(p)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(served + "/login")
        page.fill("input[name=username]", "admin")
        page.fill("input[name=password]", "browser-admin-pw")
        page.click("button:has-text('Sign in')")
        page.wait_for_selector("table.list")
        page.click("a:has-text('Mayadin')")
        page.wait_for_selector("section.facts")
        original = page.url.split("#")[0]
        assert "Why it was joined: match weight" in page.inner_text("details.why summary")

        page.click("summary:has-text('Split reports off')")
        page.locator("#link-edits input[name=reports]").last.check()
        page.click("button:has-text('Split off')")
        page.wait_for_selector("text=Split off incident")
        split_off = page.url.split("#")[0].rsplit("/", 1)[-1]
        assert page.url.split("#")[0] != original

        page.goto(original)
        page.click("summary:has-text('Merge another incident')")
        page.fill("#link-edits input[name=other]", split_off)
        page.click("button:has-text('Merge into incident')")
        page.wait_for_selector("#link-edits")
        assert page.locator("article.source").count() == 2
        page.goto(f"{served}/incidents/{split_off}")  # the merged id leads to the incident it joined
        assert page.url.split("#")[0] == original
        browser.close()
