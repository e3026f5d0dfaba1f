"""Web benchmark: load N synthetic reports (about N/5 incidents) into SQLite or PostgreSQL, serve the
app on loopback, and measure p50, p99 and requests per second at 16 concurrent clients for the
incident list with two filters, the incident page, a ranked full-text search for a common word, and
the dashboard, beside /healthz as the reference.

    python bench/web_bench.py --reports 1000000            # make bench-web
    python bench/web_bench.py --reports 100000 --seconds 5 # quicker
    python bench/web_bench.py --postgres                   # the same on PostgreSQL at 127.0.0.1:5432

Each page's requests vary (filter values and pages, incidents, search words and pages), so
no answer is simply the previous one again.

Targets (issue 6, SQLite): p99 under 100 ms on every page, and at most 5x the p99 of /healthz.
The load generator is wrk (apt-get install wrk) when present: it costs little CPU beside the server.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote_plus

import httpx
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).parent))
from web_data import BELLIGERENTS, PLACES, generate, generate_postgres

from civcas.config import Settings
from civcas.model.vocabulary import Role
from civcas.services.actor import SYSTEM
from civcas.services.users import create_user, issue_token
from civcas.store.bootstrap import open_database
from civcas.store.database import Database
from civcas.store.search_index import PG_VECTOR_COLUMN
from civcas.store.tables import Incident, Source

# A scratch database on the local server (trust authentication), dropped after the run.
POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/civcas_bench"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(data_dir: Path, reports: int, fresh: bool) -> tuple[str, dict[str, float]]:
    """A database with the synthetic reports (reused when it holds the same number), and an API token."""
    db_file = data_dir / "civcas.db"
    stamp = data_dir / "bench-reports.txt"
    timings: dict[str, float] = {}
    if fresh or not stamp.exists() or stamp.read_text().strip() != str(reports):
        shutil.rmtree(data_dir, ignore_errors=True)
        db = open_database(Settings(data_dir=data_dir))
        db.dispose()
        t0 = time.perf_counter()
        timings = generate(db_file, reports)
        timings["load_total_s"] = time.perf_counter() - t0
        stamp.write_text(str(reports))
    return bench_token(Settings(data_dir=data_dir)), timings


def bench_token(settings: Settings) -> str:
    """A new analyst with an API token, in the database the settings name."""
    db = open_database(settings)
    with db.write() as s:
        name = f"bench{random.randrange(10**9)}"
        create_user(s, name, "bench-password-123", Role.ANALYST, SYSTEM)
        token = issue_token(s, name, SYSTEM)
    db.dispose()
    return token


# Common words of the synthetic reports, each in more than 10% of them (over 100,000 of a million):
# a search varies its word so that no answer is simply the previous one again.
COMMON_WORDS = [
    "civilians",
    "children",
    "women",
    "rubble",
    "hospital",
    "video",
    "explosions",
    "market",
    "basement",
    "activists",
    "مدنيين",
    "الأنقاض",
]
PAGES = (1, 2, 3, 4, 5)


def scenarios(db: Database, rnd: random.Random) -> dict[str, list[str]]:
    """The requests of each measured page, varied (filter values, pages, incidents, words) and shuffled."""
    with db.read() as session:
        n_incidents = int(session.scalar(select(func.max(Incident.id))) or 1)
    two_filters = [
        f"/?belligerent={quote_plus(b)}&state={s}&page={p}"
        for b in BELLIGERENTS
        for s in ("new", "triaged", "published")
        for p in PAGES
    ]
    two_filters += [
        f"/?admin1={quote_plus(a)}&grade={g}&page={p}"
        for a in sorted({place[1] for place in PLACES})
        for g in ("Fair", "Weak", "Confirmed")
        for p in PAGES
    ]
    searches = [f"/?q={quote_plus(w)}" for w in COMMON_WORDS]
    searches += [f"/?q={quote_plus(w)}&page=2" for w in COMMON_WORDS]
    for paths in (two_filters, searches):
        rnd.shuffle(paths)
    return {
        "healthz": ["/healthz"],
        "list, two filters": two_filters,
        "incident page": [f"/incidents/{rnd.randint(1, n_incidents)}" for _ in range(2000)],
        "search, common word, ranked": searches,
        "dashboard": ["/dashboard"],
    }


LUA = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  local path = paths[(counter %% #paths) + 1]
  return wrk.format("GET", path, {["Authorization"] = "Bearer %s", ["Accept"] = "text/html"})
end
"""


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text.strip()).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(base: str, paths: list[str], token: str, clients: int, seconds: int) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(LUA % (", ".join(json.dumps(p) for p in paths), token))
        script = f.name
    out = subprocess.run(
        [
            "wrk",
            "-t",
            str(min(clients, 4)),
            "-c",
            str(clients),
            "-d",
            f"{seconds}s",
            "--latency",
            "--timeout",
            "10s",
            "-s",
            script,
            base,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(script)
    lat = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "p50_ms": _ms(lat["50"]),
        "p99_ms": _ms(lat["99"]),
        "rps": rps,
        "errors": float(errors.group(1)) if errors else 0.0,
    }


def run_python(base: str, paths: list[str], token: str, clients: int, seconds: int) -> dict[str, float]:
    """Fallback load generator (it shares the CPU with the server: numbers read worse than wrk's)."""
    import asyncio

    async def main() -> dict[str, float]:
        latencies: list[float] = []
        errors = 0
        deadline = time.perf_counter() + seconds
        headers = {"Authorization": f"Bearer {token}", "Accept": "text/html"}
        async with httpx.AsyncClient(base_url=base, headers=headers, timeout=10) as client:

            async def worker(k: int) -> None:
                nonlocal errors
                i = k
                while time.perf_counter() < deadline:
                    t0 = time.perf_counter()
                    r = await client.get(paths[i % len(paths)])
                    latencies.append((time.perf_counter() - t0) * 1000)
                    errors += r.status_code >= 400
                    i += clients

            await asyncio.gather(*(worker(k) for k in range(clients)))
        latencies.sort()
        return {
            "p50_ms": latencies[len(latencies) // 2],
            "p99_ms": latencies[int(len(latencies) * 0.99)],
            "rps": len(latencies) / seconds,
            "errors": float(errors),
        }

    return asyncio.run(main())


def prepare_postgres(url: str, reports: int, fresh: bool) -> tuple[str, dict[str, float]]:
    """A scratch PostgreSQL database with the synthetic reports (reused when kept from an earlier
    run with the same number), and an API token."""
    settings = Settings(database_url=url)
    name = make_url(url).database
    admin = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as con:
        exists = con.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
    timings: dict[str, float] = {}
    if exists and not fresh:
        db = open_database(settings, migrate=False)
        with db.read() as s:
            loaded = s.scalar(select(func.max(Source.id)))
        db.dispose()
        fresh = loaded != reports
    if not exists or fresh:
        drop_postgres(url)
        with admin.connect() as con:
            con.execute(text(f'CREATE DATABASE "{name}"'))
        open_database(settings).dispose()
        t0 = time.perf_counter()
        timings = generate_postgres(url, reports)
        timings["load_total_s"] = time.perf_counter() - t0
    admin.dispose()
    return bench_token(settings), timings


def drop_postgres(url: str) -> None:
    admin = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as con:
        con.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
    admin.dispose()


def word_hits(db: Database) -> dict[str, int]:
    """How many reports contain each search word."""
    with db.read() as s:
        if db.is_sqlite:
            count = "SELECT count(*) FROM sources_fts WHERE sources_fts MATCH :q"
            return {w: int(s.scalar(text(count), {"q": f'"{w}"'}) or 0) for w in COMMON_WORDS}
        count = f"SELECT count(*) FROM sources WHERE {PG_VECTOR_COLUMN} @@ plainto_tsquery('simple', :q)"
        return {w: int(s.scalar(text(count), {"q": w}) or 0) for w in COMMON_WORDS}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, default=1_000_000)
    ap.add_argument("--data-dir", type=Path, default=Path("data/bench-web"))
    ap.add_argument("--fresh", action="store_true", help="regenerate the data even if present")
    ap.add_argument(
        "--database-url",
        help="load into this PostgreSQL database instead of SQLite (created, and dropped after unless --keep)",
    )
    ap.add_argument("--postgres", action="store_true", help=f"the same as --database-url {POSTGRES_URL}")
    ap.add_argument("--keep", action="store_true", help="keep the PostgreSQL database for a later run")
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument(
        "--workers", type=int, default=min(8, os.cpu_count() or 1), help="uvicorn worker processes"
    )
    ap.add_argument("--http", default="auto", help="uvicorn's HTTP parser: auto, httptools or h11")
    ap.add_argument("--loop", default="auto", help="uvicorn's event loop: auto, uvloop or asyncio")
    ap.add_argument("--only", help="measure only the pages whose name contains this (healthz always)")
    ap.add_argument("--json", type=Path, help="also write the results here")
    args = ap.parse_args()
    url = args.database_url or (POSTGRES_URL if args.postgres else None)

    if url:
        token, load = prepare_postgres(url, args.reports, args.fresh)
        settings = Settings(database_url=url)
    else:
        token, load = prepare(args.data_dir, args.reports, args.fresh)
        settings = Settings(data_dir=args.data_dir)
    try:
        results = measure(args, settings, token, load)
    finally:
        if url and not args.keep:
            drop_postgres(url)
    failed = [
        n
        for n, r in results.items()
        if n != "healthz" and (r["p99_ms"] >= 100 or r["p99_ms"] > 5 * results["healthz"]["p99_ms"])
    ]
    print("all met" if not failed else "not met: " + ", ".join(failed))


def measure(
    args: argparse.Namespace, settings: Settings, token: str, load: dict[str, float]
) -> dict[str, dict[str, float]]:
    if load:
        print(f"loaded {args.reports:,} reports in {load['load_total_s']:.0f} s", flush=True)
    db = open_database(settings, migrate=False)
    hits = word_hits(db)
    with db.read() as s:
        n_incidents = int(s.scalar(select(func.count()).select_from(Incident)) or 0)
    todo = scenarios(db, random.Random(3))
    db.dispose()
    print(
        f"{db.engine.dialect.name}: {n_incidents:,} incidents; the {len(hits)} search words are each in "
        f"{min(hits.values()):,} to {max(hits.values()):,} reports",
        flush=True,
    )

    port = _free_port()
    env = dict(os.environ, CIVCAS_DATA_DIR=str(args.data_dir.resolve()))
    env.pop("CIVCAS_DATABASE_URL", None)
    if settings.database_url:
        env["CIVCAS_DATABASE_URL"] = settings.database_url
    server = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).with_name("web_serve.py")),
            "--port",
            str(port),
            "--workers",
            str(args.workers),
            "--http",
            args.http,
            "--loop",
            args.loop,
        ],
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        load_tool = run_wrk if shutil.which("wrk") else run_python
        results: dict[str, dict[str, float]] = {}
        for name, paths in todo.items():
            if args.only and name != "healthz" and args.only not in name:
                continue
            load_tool(base, paths, token, args.clients, 2)  # warm caches and connection pools
            results[name] = load_tool(base, paths, token, args.clients, args.seconds)
            r = results[name]
            print(
                f"{name:28} p50 {r['p50_ms']:7.1f} ms   p99 {r['p99_ms']:7.1f} ms   {r['rps']:8.0f} req/s"
                + (f"   {int(r['errors'])} errors" if r["errors"] else ""),
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(timeout=20)
    ref = results["healthz"]["p99_ms"]
    print(
        f"\ntargets: p99 < 100 ms and <= 5x healthz p99 ({5 * ref:.1f} ms); "
        f"{args.clients} clients, {args.workers} workers, {os.cpu_count()} CPUs, {load_tool.__name__}, "
        f"http {args.http}, loop {args.loop}"
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "database": db.engine.dialect.name,
                    "reports": args.reports,
                    "incidents": n_incidents,
                    "word_hits": hits,
                    "clients": args.clients,
                    "workers": args.workers,
                    "http": args.http,
                    "loop": args.loop,
                    "cpus": os.cpu_count(),
                    "load": load,
                    "results": results,
                },
                indent=1,
                ensure_ascii=False,
            )
        )
    return results


if __name__ == "__main__":
    main()
