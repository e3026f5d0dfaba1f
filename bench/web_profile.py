"""CPU per request, in process: the app called as ASGI (no sockets, no HTTP parsing), one request at a
time, over the same varied requests the HTTP benchmark sends. Shows where a page's milliseconds go.

    python bench/web_profile.py --data-dir data/bench-web              # CPU and wall time per request
    python bench/web_profile.py --data-dir data/bench-web --profile search --top 40

The database is the one bench/web_bench.py loaded (run it once first); `--database-url` reads
PostgreSQL instead. CPU time is the process's (every thread's), so it is fair on a busy machine
where wall time is not.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import random
import sys
import time
from pathlib import Path
from typing import Any

import anyio.to_thread

sys.path.insert(0, str(Path(__file__).parent))
from web_bench import bench_token, scenarios

from civcas.config import Settings
from civcas.web.app import create_app


async def call(app: Any, path: str, headers: list[tuple[bytes, bytes]]) -> tuple[int, int]:
    """One GET through the ASGI app; (status, body bytes)."""
    raw_path, _, query = path.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": raw_path,
        "raw_path": raw_path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1"), *headers],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }
    status = 0
    size = 0

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status, size
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            size += len(message.get("body", b""))

    await app(scope, receive, send)
    return status, size


async def _inline(func: Any, *args: Any, **_: Any) -> Any:
    return func(*args)


async def run(app: Any, paths: list[str], n: int, headers: list[tuple[bytes, bytes]]) -> tuple[float, float]:
    """CPU and wall milliseconds per request over n requests."""
    c0, w0 = time.process_time(), time.perf_counter()
    for k in range(n):
        status, _ = await call(app, paths[k % len(paths)], headers)
        if status != 200:
            raise SystemExit(f"{paths[k % len(paths)]}: HTTP {status}")
    return (time.process_time() - c0) * 1000 / n, (time.perf_counter() - w0) * 1000 / n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", type=Path, default=Path("data/bench-web"))
    ap.add_argument("--database-url", help="read this database instead of the SQLite file in --data-dir")
    ap.add_argument("-n", type=int, default=200, help="requests per scenario")
    ap.add_argument("--only", help="scenarios whose name contains this")
    ap.add_argument("--profile", help="cProfile the scenarios whose name contains this")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--sort", default="cumulative")
    args = ap.parse_args()

    settings = Settings(data_dir=args.data_dir, database_url=args.database_url)
    token = bench_token(settings)
    app = create_app(settings)
    headers = [(b"authorization", f"Bearer {token}".encode()), (b"accept", b"text/html")]
    todo = scenarios(app.state.db, random.Random(3))

    threaded = anyio.to_thread.run_sync

    async def main_async() -> None:
        for name, paths in todo.items():
            if args.only and args.only not in name:
                continue
            await run(app, paths, min(20, args.n), headers)  # warm caches and the connection pool
            if args.profile and args.profile in name:
                # cProfile sees one thread: run the thread-pool work inline, in the profiled one.
                anyio.to_thread.run_sync = _inline  # type: ignore[assignment]
                prof = cProfile.Profile()
                prof.enable()
                cpu, wall = await run(app, paths, args.n, headers)
                prof.disable()
                print(f"--- {name}: {cpu:.2f} ms CPU per request (under the profiler)")
                pstats.Stats(prof).sort_stats(args.sort).print_stats(args.top)
                anyio.to_thread.run_sync = threaded
                continue
            cpu, wall = await run(app, paths, args.n, headers)
            print(f"{name:32} {cpu:7.2f} ms CPU   {wall:7.2f} ms wall per request", flush=True)

    asyncio.run(main_async())
    app.state.db.dispose()


if __name__ == "__main__":
    main()
