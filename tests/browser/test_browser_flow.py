"""A person's path through the web app in a real browser (Debian's headless Chromium via Playwright):
sign in, open the example incident, see the sentence behind a figure, assess it. Saves the README's
screenshots."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from tests.e2e_helpers import EXAMPLES, Installation

from civcas.config import get_settings
from civcas.web.app import create_app

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def served(installation: Installation) -> Iterator[str]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium not installed (apt-get install chromium)")
    pytest.importorskip("playwright")
    installation.cli("init", "--admin-password", "browser-admin-pw")
    installation.cli("ingest", str(EXAMPLES))
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(get_settings()), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_sign_in_open_incident_and_assess(served: str) -> None:
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
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
        browser.close()
