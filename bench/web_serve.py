"""Serve the app the way `civcas serve --workers N` does (civcas/web/server.py), with a choice of
uvicorn's HTTP parser and event loop for comparisons.

    python bench/web_serve.py --port 8000 --workers 2
    python bench/web_serve.py --port 8000 --workers 2 --http h11 --loop asyncio

uvicorn parses HTTP with httptools and runs uvloop when they are installed (they are dependencies);
`--http h11 --loop asyncio` serves with the pure-Python ones instead.
"""

from __future__ import annotations

import argparse

from civcas.config import get_settings
from civcas.web.server import serve


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=8000)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--http", default="auto", help="h11, httptools, or auto (httptools when installed)")
    ap.add_argument("--loop", default="auto", help="asyncio, uvloop, or auto (uvloop when installed)")
    args = ap.parse_args()
    serve(get_settings(), args.host, args.port, workers=args.workers, http=args.http, loop=args.loop)


if __name__ == "__main__":
    main()
