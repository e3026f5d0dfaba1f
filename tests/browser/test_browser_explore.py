"""Looking across incidents in a real browser (Debian's headless Chromium via Playwright): filter and
search the list, open an incident and its source claims, the map (offline: no request leaves the
machine), the timeline, the dashboard, and triage from the review queue with the keyboard. Saves the
README's screenshots of the map, the timeline, the dashboard and the queue."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import SCREENSHOTS, launch_chromium

pytestmark = pytest.mark.browser


@pytest.fixture
def page(served: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = launch_chromium(p)
        pg = browser.new_page(viewport={"width": 1280, "height": 900})
        pg.outside = []  # every request for anything but this app
        pg.on(
            "request",
            lambda r: pg.outside.append(r.url) if not r.url.startswith((served, "data:", "about:")) else None,
        )
        pg.errors = []
        pg.on("pageerror", lambda e: pg.errors.append(str(e)))
        pg.goto(served + "/login")
        pg.fill("input[name=username]", "admin")
        pg.fill("input[name=password]", "browser-admin-pw")
        pg.click("button:has-text('Sign in')")
        pg.wait_for_selector("table.list")
        yield pg
        browser.close()


def test_filter_search_and_open_an_incident(page: Any, served: str) -> None:
    total = int(page.get_attribute("[data-total]", "data-total"))
    assert total >= 3
    page.select_option("select[name=belligerent]", "US-led Coalition")
    page.click("button:has-text('Filter')")
    page.wait_for_url("**belligerent=US-led+Coalition**")
    rows = page.inner_text("table.list tbody")
    assert "Mayadin" in rows and "Idlib" not in rows
    assert int(page.get_attribute("[data-total]", "data-total")) < total

    # Full-text search over the reports, in Arabic, then sort by harm.
    page.goto(served + "/")
    page.fill("input[name=q]", "الميادين")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("table.list")
    assert "Mayadin" in page.inner_text("table.list tbody")
    page.click("th a.sort:has-text('Civilians killed')")
    page.wait_for_url("**sort=-killed**")

    page.click("table.list a:has-text('Mayadin')")
    page.wait_for_selector("section.facts")
    # The extracted facts are highlighted in the source text, and the sources' claims sit side by side.
    page.click("article.source details summary")
    assert page.locator("article.source .text mark").count() > 0
    assert page.locator("table.source-claims tbody tr").count() >= 2
    assert page.errors == [] and page.outside == []


def test_map_draws_offline(page: Any, served: str) -> None:
    page.click("header nav a:has-text('Map')")
    page.wait_for_selector("#map[data-ready=true]", timeout=15_000)
    assert int(page.get_attribute("#map-count", "data-count")) >= 3
    assert page.locator("#map path.leaflet-interactive, #map .leaflet-overlay-pane path").count() > 10
    assert page.locator("#map .cluster, #map path.leaflet-interactive").count() > 0
    time.sleep(0.5)  # let the cluster animation settle before the picture
    page.screenshot(path=str(SCREENSHOTS / "map.png"), full_page=True)
    # Filtering the map narrows the markers.
    page.select_option("select[name=belligerent]", "Russian Military")
    page.click("button:has-text('Filter')")
    page.wait_for_selector("#map[data-ready=true]", timeout=15_000)
    assert int(page.get_attribute("#map-count", "data-count")) >= 1
    assert page.errors == [] and page.outside == [], page.outside


def test_timeline_bar_opens_the_list_of_its_period(page: Any, served: str) -> None:
    page.click("header nav a:has-text('Timeline')")
    page.wait_for_selector("svg.chart a rect")
    incidents = int(page.get_attribute("[data-incidents]", "data-incidents"))
    assert incidents >= 3
    page.screenshot(path=str(SCREENSHOTS / "timeline.png"), full_page=True)
    # A bar leads to the list of its period: every incident listed falls in it.
    page.locator("svg.chart a").first.click()
    page.wait_for_url("**date_from=**")
    listed = int(page.get_attribute("[data-total]", "data-total"))
    assert 1 <= listed <= incidents
    start = page.input_value("input[name=date_from]")
    end = page.input_value("input[name=date_to]")
    dates = page.locator("table.list tbody tr td:first-child").all_inner_texts()
    assert dates and all(start <= d <= end for d in dates)
    assert page.errors == [] and page.outside == []


def test_dashboard_and_queue_with_the_keyboard(page: Any, served: str) -> None:
    page.click("header nav a:has-text('Dashboard')")
    page.wait_for_selector("svg.chart")
    assert page.locator("svg.chart rect").count() > 0
    page.screenshot(path=str(SCREENSHOTS / "dashboard.png"), full_page=True)

    page.click("header nav a:has-text('Review queue')")
    page.wait_for_selector("table.queue tr.selected")
    first = page.get_attribute("table.queue tr.selected", "data-id")
    page.keyboard.press("j")
    second = page.get_attribute("table.queue tr.selected", "data-id")
    assert second != first
    page.keyboard.press("k")
    assert page.get_attribute("table.queue tr.selected", "data-id") == first
    page.screenshot(path=str(SCREENSHOTS / "queue.png"), full_page=True)
    page.keyboard.press("t")
    page.wait_for_selector(f"#incident-{first}.selected")
    assert page.inner_text(f"#incident-{first} .state") == "triaged"
    page.keyboard.press("o")
    page.wait_for_selector("section.facts")
    assert page.url.endswith(f"/incidents/{first}")
    assert page.errors == [] and page.outside == []
