"""Security headers on every response: a Content-Security-Policy without inline scripts, no framing,
no referrer leaks, no MIME sniffing. Pages load only the app's own scripts and styles."""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send


def content_security_policy(tile_url: str | None = None) -> str:
    images = "'self' data:"
    if tile_url:
        # A configured tile server is the one outside origin pages may load from.
        parts = urlsplit(
            tile_url.replace("{s}", "a").replace("{z}", "0").replace("{x}", "0").replace("{y}", "0")
        )
        if parts.scheme in ("http", "https") and parts.hostname:
            host = parts.hostname.replace("a.", "*.", 1) if "{s}" in tile_url else parts.hostname
            images += f" {parts.scheme}://{host}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        f"img-src {images}; font-src 'self'; connect-src 'self'; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )


class SecurityHeaders:
    """Pure ASGI middleware (no response buffering) that adds the headers."""

    def __init__(self, app: ASGIApp, *, csp: str, hsts: bool) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", csp.encode()),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"same-origin"),
            (b"x-content-type-options", b"nosniff"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
        ]
        if hsts:
            self.headers.append((b"strict-transport-security", b"max-age=31536000"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in self.headers if k not in names
                ]
            await send(message)

        await self.app(scope, receive, with_headers)
