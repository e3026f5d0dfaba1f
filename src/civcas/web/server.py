"""Serving the app: one process, or N forked worker processes on one port.

Workers are forked here rather than with `uvicorn --workers`, for two measured reasons:

- uvicorn's multi-process mode hands its workers a socket whose accepted connections do not
  report IPPROTO_TCP, so asyncio leaves Nagle's algorithm on and every response waits for the
  client's delayed ACK: a 40 ms floor under every request on Linux.
- Workers sharing one listening socket do not share the connections evenly: whichever wakes first
  accepts all that are queued (16 keep-alive connections from a load generator split 12 to 4), and
  the busier worker's requests wait three times as long. Here each worker listens on its own socket
  with SO_REUSEPORT, and the kernel spreads new connections over them by a hash of their addresses;
  a worker that holds more than its share sheds connections until the shares are even (balance.py).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
from collections.abc import Callable
from types import FrameType

import uvicorn
from starlette.types import ASGIApp

from civcas.config import Settings
from civcas.errors import CivcasError
from civcas.web.app import create_app
from civcas.web.balance import ConnectionShares, ShedWhenCrowded


def listening_socket(host: str, port: int, *, reuse_port: bool, listen: bool = True) -> socket.socket:
    """A TCP socket bound to the port, made with its protocol named so that uvicorn sets
    TCP_NODELAY; listening unless `listen` is false (then it only proves the port is free)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    if listen:
        sock.listen(2048)
    return sock


class PortInUse(CivcasError):
    code = "port_in_use"


def _claim(host: str, port: int, *, reuse_port: bool, listen: bool) -> socket.socket:
    try:
        return listening_socket(host, port, reuse_port=reuse_port, listen=listen)
    except OSError as exc:
        raise PortInUse(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


def _config(app: ASGIApp, http: str, loop: str) -> uvicorn.Config:
    return uvicorn.Config(app, log_level="warning", access_log=False, http=http, loop=loop)


def serve(
    settings: Settings,
    host: str,
    port: int,
    *,
    workers: int = 1,
    http: str = "auto",
    loop: str = "auto",
    announce: Callable[[], None] = lambda: None,
) -> None:
    """Serve until interrupted. With workers > 1, each worker is a forked process with its own
    database connections (made after the fork) and its own socket on the shared port."""
    if workers <= 1:
        sock = _claim(host, port, reuse_port=False, listen=True)
        announce()
        uvicorn.Server(_config(create_app(settings), http, loop)).run(sockets=[sock])
        return
    # Bound (not listening, so it takes no connections) in the parent first: a port in use fails
    # here, once, with a clear error, instead of in every worker.
    probe = _claim(host, port, reuse_port=True, listen=False)
    announce()
    shares = ConnectionShares(workers)  # made before the fork, so that every worker sees the others'
    children: list[int] = []
    for worker in range(workers):
        pid = os.fork()
        if pid == 0:  # the worker: its own socket, app and connections
            probe.close()
            sock = listening_socket(host, port, reuse_port=True)
            app = ShedWhenCrowded(create_app(settings), shares, worker)
            server = uvicorn.Server(_config(app, http, loop))
            state = server.server_state
            state.connections = shares.counted(worker, state.connections)
            server.run(sockets=[sock])
            os._exit(0)
        children.append(pid)
    probe.close()

    def stop(signum: int, frame: FrameType | None) -> None:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        for pid in children:
            os.waitpid(pid, 0)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for pid in children:
        os.waitpid(pid, 0)
