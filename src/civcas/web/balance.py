"""Even shares of keep-alive connections among the workers of `civcas serve --workers N`.

Each worker listens on its own SO_REUSEPORT socket, and the kernel gives a new connection to one of
them by a hash of its addresses: even on average, but a load generator's sixteen keep-alive
connections split 12 to 4 or 4 to 12 often enough (one run in five in session 3, again in session
6), and a split stays as long as the clients keep their connections. Reads queue per worker in
arrival order (`admission.py`), so a request's wait is the number of connections its worker holds
times the time of a page: on the crowded side three times as long as on the other.

Each worker counts the connections it holds, as uvicorn opens and closes them, into memory shared by
all workers. A worker holding two or more above the least loaded one closes the connection it has
just answered (`Connection: close` on the response, so the client reads a complete answer and
reconnects), and the new connection lands on whichever worker the hash gives. The crowded side
sheds until the shares are even; with even shares no connection is closed.
"""

from __future__ import annotations

import ctypes
from multiprocessing.sharedctypes import RawArray
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# How many more connections than the least loaded worker a worker holds before it sheds one: with
# one, two workers holding 9 and 8 of 17 would pass a connection back and forth forever.
SHED_ABOVE = 2
CLOSE = (b"connection", b"close")


class ConnectionShares:
    """Open connections per worker, in memory made before the workers fork and shared by them."""

    def __init__(self, workers: int) -> None:
        self.counts: Any = RawArray(ctypes.c_int, workers)

    def crowded(self, worker: int) -> bool:
        """Whether this worker holds SHED_ABOVE or more connections above the least loaded one."""
        counts: list[int] = list(self.counts)
        return counts[worker] - min(counts) >= SHED_ABOVE

    def counted(self, worker: int, connections: set[Any]) -> CountedConnections:
        """A set of connections, as uvicorn keeps them, that publishes its size as this worker's."""
        counted = CountedConnections(self, worker)
        counted.update(connections)
        self.counts[worker] = len(counted)
        return counted


class CountedConnections(set[Any]):
    """uvicorn's set of open connections (`ServerState.connections`, which its protocols add
    themselves to and discard or remove themselves from), publishing its size on every change."""

    def __init__(self, shares: ConnectionShares, worker: int) -> None:
        super().__init__()
        self._shares = shares
        self._worker = worker

    def add(self, item: Any) -> None:
        super().add(item)
        self._shares.counts[self._worker] = len(self)

    def discard(self, item: Any) -> None:
        super().discard(item)
        self._shares.counts[self._worker] = len(self)

    def remove(self, item: Any) -> None:
        super().remove(item)
        self._shares.counts[self._worker] = len(self)


class ShedWhenCrowded:
    """ASGI wrapper for one worker: its answers close their connection while it is crowded."""

    def __init__(self, app: ASGIApp, shares: ConnectionShares, worker: int) -> None:
        self.app = app
        self.shares = shares
        self.worker = worker

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_shedding(message: Message) -> None:
            if message["type"] == "http.response.start" and self.shares.crowded(self.worker):
                message["headers"] = [*message.get("headers", ()), CLOSE]
            await send(message)

        await self.app(scope, receive, send_shedding)
