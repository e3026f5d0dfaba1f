"""Admit page and API reads a few at a time per worker, in the order they arrived.

A read on the embedded database is CPU work in the worker's own process. FastAPI runs each request
as several steps on a thread pool (opening the session, finding the user, the endpoint, closing),
and with eight requests in a worker their steps interleave: every request then finishes near the
end of all eight, and a slow one drags the others along, which makes the 99th percentile more than
twice the median. Holding the others at the door until the one inside has its answer (a FIFO
semaphore) serves the same requests at the same rate, but each in turn: the median stays, the tail
shrinks toward it.

Only GET and HEAD requests queue, and only until their response starts: a streamed answer or a slow
client reading a large page does not hold the door, and writes (which wait on the database's write
lock, and read uploads) go straight in. `/healthz` and static files go straight in too, and so do
the reads that may take seconds (exports and the map's layer of every incident): behind one of
those, every other read would wait its whole length.
"""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Message, Receive, Scope, Send

QUEUED_METHODS = frozenset({"GET", "HEAD"})
UNQUEUED_PREFIXES = ("/healthz", "/static/", "/api/export", "/api/incidents.geojson")


class ReadsInArrivalOrder:
    """Pure ASGI middleware: at most `limit` queued reads in the app at once per worker."""

    def __init__(self, app: ASGIApp, *, limit: int) -> None:
        self.app = app
        self.limit = limit
        # Made in the event loop that serves the requests (a test client may start several in turn).
        self._door: asyncio.Semaphore | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            self.limit <= 0
            or scope["type"] != "http"
            or scope["method"] not in QUEUED_METHODS
            or scope["path"].startswith(UNQUEUED_PREFIXES)
        ):
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        if self._door is None or self._loop is not loop:
            self._door, self._loop = asyncio.Semaphore(self.limit), loop
        door = self._door
        await door.acquire()
        inside = True

        async def send_releasing(message: Message) -> None:
            nonlocal inside
            if inside and message["type"] == "http.response.start":
                inside = False
                door.release()
            await send(message)

        try:
            await self.app(scope, receive, send_releasing)
        finally:
            if inside:
                door.release()
