from __future__ import annotations

import gzip
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from civcas.config import Settings
from civcas.ingest.fetch import USER_AGENT, FetchError, fetch, make_client

Handler = Callable[[httpx.Request], httpx.Response]

PAGE = (
    b"<!doctype html><html><head><title>Shelling reported in the old city</title></head><body><article>"
    b"<h1>Shelling reported in the old city</h1><p>Shelling hit a residential street in the old city on "
    b"Tuesday, killing three civilians and wounding seven, a local rescue team said in a statement.</p>"
    b"<p>The team said its volunteers pulled two people alive from the rubble of a collapsed building.</p>"
    b"</article></body></html>"
)
FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>One</title><link>https://news.example/1</link><description>First report.</description></item>
<item><title>Two</title><link>https://news.example/2</link><description>Second report.</description></item>
</channel></rss>"""


def client_for(handler: Handler, settings: Settings) -> httpx.Client:
    return make_client(settings, transport=httpx.MockTransport(handler))


def test_html_url(read: Any, settings: Settings) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=PAGE, headers={"content-type": "text/html; charset=utf-8"})

    with client_for(handler, settings) as client:
        [report] = read("https://news.example/story", client=client).reports
    assert seen[0].headers["user-agent"] == USER_AGENT
    assert report.original == PAGE
    assert report.origin == "https://news.example/story"
    assert report.url == "https://news.example/story"
    assert report.title == "Shelling reported in the old city"
    assert "three civilians" in report.text
    assert report.language == "en"


def test_redirects_are_followed(read: Any, settings: Settings) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"location": "https://news.example/new"})
        return httpx.Response(200, content=PAGE, headers={"content-type": "text/html"})

    with client_for(handler, settings) as client:
        [report] = read("https://news.example/old", client=client).reports
    assert report.url == "https://news.example/new"
    assert report.origin == "https://news.example/old"


def test_feed_url(read: Any, settings: Settings) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=FEED, headers={"content-type": "application/xml"})

    with client_for(handler, settings) as client:
        items = read("https://news.example/feed", client=client)
    assert [r.url for r in items.reports] == ["https://news.example/1", "https://news.example/2"]
    assert items.reports[0].origin == "https://news.example/feed#entry1"
    assert items.reports[0].publisher == "Wire"


def test_feed_sniffed_when_served_as_text(read: Any, settings: Settings) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=FEED, headers={"content-type": "text/plain"})

    with client_for(handler, settings) as client:
        assert len(read("https://news.example/feed", client=client).reports) == 2


def test_plain_text_url(read: Any, settings: Settings) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"A short plain report.", headers={"content-type": "text/plain"})

    with client_for(handler, settings) as client:
        [report] = read("https://news.example/r.txt", client=client).reports
    assert report.url == "https://news.example/r.txt" and report.text == "A short plain report."


def test_http_error_is_a_problem(read: Any, settings: Settings) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404)

    with client_for(handler, settings) as client:
        items = read("https://news.example/gone", "https://news.example/gone2", client=client)
    assert [p.code for p in items.problems] == ["fetch_failed", "fetch_failed"]
    assert "404" in items.problems[0].message
    assert items.problems[0].origin == "https://news.example/gone"


def test_connection_error_and_timeout(read: Any, settings: Settings) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/slow":
            raise httpx.ReadTimeout("read timed out", request=request)
        raise httpx.ConnectError("connection refused", request=request)

    with client_for(handler, settings) as client:
        items = read("https://news.example/slow", "https://news.example/down", client=client)
    slow, down = items.problems
    assert slow.code == down.code == "fetch_failed"
    assert "timed out" in slow.message
    assert "connection refused" in down.message


def test_too_many_redirects(settings: Settings) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"location": str(request.url)})

    with client_for(handler, settings) as client, pytest.raises(FetchError) as err:
        fetch("https://loop.example/", settings=settings, client=client)
    assert "redirects" in err.value.message


def test_size_cap_from_content_length(settings: Settings) -> None:
    small = Settings(fetch_timeout_s=5.0, fetch_max_bytes=100)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"x" * 101)

    with client_for(handler, small) as client, pytest.raises(FetchError) as err:
        fetch("https://big.example/", settings=small, client=client)
    assert err.value.code == "too_large"


def test_size_cap_enforced_while_streaming(read: Any) -> None:
    small = Settings(fetch_timeout_s=5.0, fetch_max_bytes=1000)
    sent: list[int] = []

    def chunks() -> Iterator[bytes]:
        # No Content-Length: only counting while streaming can stop this.
        for _ in range(1000):
            sent.append(1)
            yield b"y" * 100

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=chunks())

    with client_for(handler, small) as client:
        [problem] = read("https://big.example/stream", client=client, settings=small).problems
    assert problem.code == "too_large"
    assert len(sent) < 1000  # stopped early, did not read the whole body


def test_size_cap_counts_decompressed_bytes(settings: Settings) -> None:
    small = Settings(fetch_timeout_s=5.0, fetch_max_bytes=10_000)
    bomb = gzip.compress(b"z" * 1_000_000)
    assert len(bomb) < small.fetch_max_bytes

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=bomb, headers={"content-encoding": "gzip"})

    with client_for(handler, small) as client, pytest.raises(FetchError) as err:
        fetch("https://bomb.example/", settings=small, client=client)
    assert err.value.code == "too_large"


def test_response_charset_is_used(read: Any, settings: Settings) -> None:
    text = "<html><body><p>قال ناشطون إن غارة جوية استهدفت منزلاً في القرية</p></body></html>"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, content=text.encode("cp1256"), headers={"content-type": "text/html; charset=windows-1256"}
        )

    with client_for(handler, settings) as client:
        [report] = read("https://ar.example/p", client=client).reports
    assert "غارة جوية" in report.text
    assert report.language == "ar"


def test_default_client_is_made_and_closed(monkeypatch: pytest.MonkeyPatch, read: Any) -> None:
    made: list[httpx.Client] = []
    from civcas.ingest import readers

    def fake_make_client(settings: Settings, transport: httpx.BaseTransport | None = None) -> httpx.Client:
        client = make_client(
            settings, transport=httpx.MockTransport(lambda r: httpx.Response(200, text="ok"))
        )
        made.append(client)
        return client

    monkeypatch.setattr(readers, "make_client", fake_make_client)
    [report] = read("https://a.example/x", "https://a.example/y").reports[:1]
    assert report.text == "ok"
    assert len(made) == 1 and made[0].is_closed


def test_feed_charset_from_the_server(read: Any, settings: Settings) -> None:
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>شبكة</title>'
        "<item><title>غارة</title><description>نص الخبر عن الغارة</description></item></channel></rss>"
    )

    def handler(request: httpx.Request) -> httpx.Response:
        headers = {"content-type": "application/rss+xml; charset=windows-1256"}
        return httpx.Response(200, content=feed.encode("cp1256"), headers=headers)

    with client_for(handler, settings) as client:
        [report] = read("https://ar.example/rss", client=client).reports
    assert report.text == "نص الخبر عن الغارة" and report.publisher == "شبكة"


def test_whole_download_deadline(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    from civcas.ingest import fetch as fetch_module

    clock = iter(range(0, 10_000, 3))  # every look at the clock is 3 s later
    monkeypatch.setattr(fetch_module, "monotonic", lambda: float(next(clock)))

    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b"slow drip "

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=chunks())

    with client_for(handler, settings) as client, pytest.raises(FetchError) as err:
        fetch("https://slow.example/", settings=settings, client=client)
    assert err.value.code == "fetch_failed" and "longer than" in err.value.message
