"""Even shares of connections among workers (web/balance.py): the counting and the shedding."""

from __future__ import annotations

import asyncio
from typing import Any

from civcas.web.balance import ConnectionShares, ShedWhenCrowded


def test_counted_connections_publish_their_number_as_the_workers_share() -> None:
    shares = ConnectionShares(2)
    first = shares.counted(0, {"already-open"})
    assert list(shares.counts) == [1, 0]
    first.add("a")
    first.add("b")
    assert list(shares.counts) == [3, 0]
    first.discard("a")
    first.discard("never-there")
    first.remove("b")
    assert list(shares.counts) == [1, 0]


def test_a_worker_is_crowded_two_or_more_above_the_least_loaded() -> None:
    shares = ConnectionShares(3)
    for worker, count in enumerate((9, 8, 7)):
        shares.counts[worker] = count
    assert shares.crowded(0)  # 9 against 7
    assert not shares.crowded(1)
    assert not shares.crowded(2)
    shares.counts[2] = 8
    assert not shares.crowded(0)  # 9 against 8: passing one back would only move the odd one


def _answer_headers(shares: ConnectionShares, worker: int) -> list[tuple[bytes, bytes]]:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send(
            {"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]}
        )
        await send({"type": "http.response.body", "body": b"ok"})

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    asyncio.run(ShedWhenCrowded(app, shares, worker)({"type": "http"}, receive, send))
    assert sent[1] == {"type": "http.response.body", "body": b"ok"}
    return list(sent[0]["headers"])


def test_a_crowded_worker_closes_the_connection_after_its_answer() -> None:
    shares = ConnectionShares(2)
    shares.counts[0], shares.counts[1] = 10, 6
    assert _answer_headers(shares, 0) == [(b"content-type", b"text/plain"), (b"connection", b"close")]
    assert _answer_headers(shares, 1) == [(b"content-type", b"text/plain")]
    shares.counts[0] = 7
    assert _answer_headers(shares, 0) == [(b"content-type", b"text/plain")]
