"""Reads are admitted a few at a time, in arrival order, until their response starts; the rest go in."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from civcas.config import Settings
from civcas.web.admission import ReadsInArrivalOrder


class SlowApp:
    """An ASGI app whose requests each wait for their own release before answering."""

    def __init__(self, *, stream: bool = False) -> None:
        self.inside = 0
        self.most_inside = 0
        self.entered: list[str] = []
        self.release: dict[str, asyncio.Event] = {}
        self.stream = stream

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        name = scope["path"]
        self.inside += 1
        self.most_inside = max(self.most_inside, self.inside)
        self.entered.append(name)
        gate = self.release.setdefault(name, asyncio.Event())
        if self.stream:  # headers first, then the body once released (a streamed export)
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await gate.wait()
        else:
            await gate.wait()
            await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})
        self.inside -= 1


def _scope(path: str, method: str = "GET") -> dict[str, Any]:
    return {"type": "http", "method": method, "path": path}


async def _noop_send(message: Any) -> None:
    return None


async def _settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


def test_one_read_at_a_time_in_arrival_order() -> None:
    async def scenario() -> tuple[list[str], int]:
        inner = SlowApp()
        app = ReadsInArrivalOrder(inner, limit=1)
        names = [f"/r{i}" for i in range(5)]
        tasks = []
        for name in names:
            tasks.append(asyncio.create_task(app(_scope(name), None, _noop_send)))
            await _settle()
        assert inner.entered == ["/r0"]  # the others wait at the door
        for name in names:
            inner.release.setdefault(name, asyncio.Event()).set()
            await _settle()
        await asyncio.gather(*tasks)
        return inner.entered, inner.most_inside

    entered, most = asyncio.run(scenario())
    assert entered == ["/r0", "/r1", "/r2", "/r3", "/r4"]
    assert most == 1


def test_limit_above_one_admits_that_many() -> None:
    async def scenario() -> int:
        inner = SlowApp()
        app = ReadsInArrivalOrder(inner, limit=3)
        tasks = [asyncio.create_task(app(_scope(f"/r{i}"), None, _noop_send)) for i in range(6)]
        await _settle()
        inside = len(inner.entered)
        for i in range(6):
            inner.release.setdefault(f"/r{i}", asyncio.Event()).set()
            await _settle()
        await asyncio.gather(*tasks)
        assert inner.most_inside == 3
        return inside

    assert asyncio.run(scenario()) == 3


def test_writes_health_checks_and_static_files_do_not_queue() -> None:
    async def scenario() -> list[str]:
        inner = SlowApp()
        app = ReadsInArrivalOrder(inner, limit=1)
        first = asyncio.create_task(app(_scope("/incidents/1"), None, _noop_send))
        await _settle()
        others = [
            asyncio.create_task(app(_scope("/api/reports", "POST"), None, _noop_send)),
            asyncio.create_task(app(_scope("/healthz"), None, _noop_send)),
            asyncio.create_task(app(_scope("/static/app.css"), None, _noop_send)),
            asyncio.create_task(app(_scope("/api/export"), None, _noop_send)),
            asyncio.create_task(app(_scope("/dashboard"), None, _noop_send)),
        ]
        await _settle()
        entered = list(inner.entered)
        for gate_name in [
            "/incidents/1",
            "/api/reports",
            "/healthz",
            "/static/app.css",
            "/api/export",
            "/dashboard",
        ]:
            inner.release.setdefault(gate_name, asyncio.Event()).set()
            await _settle()
        await asyncio.gather(first, *others)
        return entered

    # The read /dashboard still waits for /incidents/1; the rest went straight in.
    assert asyncio.run(scenario()) == [
        "/incidents/1",
        "/api/reports",
        "/healthz",
        "/static/app.css",
        "/api/export",
    ]


def test_the_door_opens_when_the_response_starts_not_when_the_body_ends() -> None:
    async def scenario() -> list[str]:
        inner = SlowApp(stream=True)
        app = ReadsInArrivalOrder(inner, limit=1)
        export = asyncio.create_task(app(_scope("/api/reports"), None, _noop_send))
        await _settle()
        page = asyncio.create_task(app(_scope("/"), None, _noop_send))
        await _settle()
        entered = list(inner.entered)  # the first still streams, and the page is already in
        for name in ("/api/reports", "/"):
            inner.release.setdefault(name, asyncio.Event()).set()
        await asyncio.gather(export, page)
        return entered

    assert asyncio.run(scenario()) == ["/api/reports", "/"]


def test_a_failing_read_lets_the_next_one_in() -> None:
    async def failing(scope: Any, receive: Any, send: Any) -> None:
        raise RuntimeError("boom")

    async def scenario() -> None:
        app = ReadsInArrivalOrder(failing, limit=1)
        for _ in range(3):  # would wait forever on the second if the first kept its place
            with contextlib.suppress(RuntimeError):
                await asyncio.wait_for(app(_scope("/"), None, _noop_send), timeout=1)

    asyncio.run(scenario())


def test_one_read_at_a_time_unless_configured() -> None:
    assert Settings().concurrent_reads == 1
    assert Settings(concurrent_reads=3).concurrent_reads == 3
    assert Settings(concurrent_reads=0).concurrent_reads == 0  # no limit
