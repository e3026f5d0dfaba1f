"""The worker freezes its long-lived objects once, after its first requests, and never again."""

from __future__ import annotations

import asyncio
import gc
from typing import Any

import pytest

from civcas.web.gc_freeze import FreezeWhenWarm


def test_freezes_once_after_the_warm_up_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(gc, "collect", lambda *a: calls.append("collect") or 0)
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    served: list[str] = []

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        served.append(scope["type"])

    app = FreezeWhenWarm(inner, after=3)

    async def requests(kind: str, n: int) -> None:
        for _ in range(n):
            await app({"type": kind}, None, None)

    asyncio.run(requests("lifespan", 5))  # not requests: they do not count
    asyncio.run(requests("http", 2))
    assert calls == []
    asyncio.run(requests("http", 1))
    assert calls == ["collect", "freeze"]  # collected first, so no garbage is frozen with it
    asyncio.run(requests("http", 10))
    assert calls == ["collect", "freeze"]
    assert served == ["lifespan"] * 5 + ["http"] * 13
