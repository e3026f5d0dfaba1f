"""Fetching a URL with httpx: timeouts, a size cap enforced while streaming, redirects followed.

A client can be passed in (tests use `httpx.MockTransport`); the per-request
settings (user agent, redirects, timeout) apply to it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from time import monotonic

import httpx

from civcas.config import Settings
from civcas.errors import InputError
from civcas.ingest import problems

USER_AGENT = "civcas/0.1"


class FetchError(InputError):
    code = problems.FETCH_FAILED


@dataclass(frozen=True)
class Fetched:
    url: str  # the final URL, after redirects
    content: bytes
    media_type: str  # lower case, without parameters; "" when the server sent none
    charset: str | None


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def make_client(settings: Settings, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    return httpx.Client(
        transport=transport,
        timeout=httpx.Timeout(settings.fetch_timeout_s),
        follow_redirects=True,
        headers={"User-Agent": USER_AGENT},
    )


def _content_type(header: str | None) -> tuple[str, str | None]:
    if not header:
        return "", None
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media_type.strip().lower(), charset


def fetch(url: str, *, settings: Settings, client: httpx.Client) -> Fetched:
    """GET `url`; raise FetchError (code `fetch_failed` or `too_large`) with the reason."""
    cap = settings.fetch_max_bytes
    deadline = monotonic() + settings.fetch_timeout_s
    try:
        with client.stream(
            "GET",
            url,
            headers={"User-Agent": USER_AGENT},
            follow_redirects=True,
            timeout=httpx.Timeout(settings.fetch_timeout_s),
        ) as response:
            if response.status_code >= 400:
                raise FetchError(f"{url}: HTTP {response.status_code} {response.reason_phrase}".rstrip())
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > cap:
                raise FetchError(
                    f"{url}: response is {int(declared)} bytes, larger than the {cap}-byte limit",
                    code=problems.TOO_LARGE,
                )
            chunks: list[bytes] = []
            size = 0
            # The cap is checked while streaming: Content-Length may be absent or wrong,
            # and decompressed bodies can be far larger than what was sent.
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > cap:
                    raise FetchError(
                        f"{url}: response is larger than the {cap}-byte limit", code=problems.TOO_LARGE
                    )
                chunks.append(chunk)
                if monotonic() > deadline:
                    raise FetchError(f"{url}: took longer than {settings.fetch_timeout_s:g} s")
            media_type, charset = _content_type(response.headers.get("content-type"))
            return Fetched(str(response.url), b"".join(chunks), media_type, charset)
    except httpx.TimeoutException as exc:
        raise FetchError(f"{url}: timed out ({type(exc).__name__})") from exc
    except httpx.TooManyRedirects as exc:
        raise FetchError(f"{url}: too many redirects") from exc
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc
