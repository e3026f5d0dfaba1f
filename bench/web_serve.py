"""Serve the app from N forked single-worker uvicorn processes sharing one listening socket.

`uvicorn --workers N` hands its children a socket whose accepted connections do not report
IPPROTO_TCP, so asyncio leaves Nagle's algorithm on and every response waits for the client's
delayed ACK: a 40 ms floor under every request on Linux loopback. This socket is made with
the protocol named, so TCP_NODELAY is set on each connection as in single-process uvicorn.

    python bench/web_serve.py --port 8000 --workers 4

uvicorn parses HTTP with httptools and runs uvloop when they are installed (they are dependencies);
`--http h11 --loop asyncio` serves with the pure-Python ones instead, for comparison.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import sys

import uvicorn


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8000)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--http", default="auto", help="h11, httptools, or auto (httptools when installed)")
    ap.add_argument("--loop", default="auto", help="asyncio, uvloop, or auto (uvloop when installed)")
    args = ap.parse_args()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.host, args.port))
    sock.listen(2048)
    children = []
    for _ in range(args.workers):
        pid = os.fork()
        if pid == 0:
            config = uvicorn.Config(
                "civcas.web.app:create_app",
                factory=True,
                log_level="warning",
                access_log=False,
                http=args.http,
                loop=args.loop,
            )
            uvicorn.Server(config).run(sockets=[sock])
            os._exit(0)
        children.append(pid)

    def stop(*_: object) -> None:
        for pid in children:
            os.kill(pid, signal.SIGTERM)
        for pid in children:
            os.waitpid(pid, 0)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for pid in children:
        os.waitpid(pid, 0)


if __name__ == "__main__":
    main()
