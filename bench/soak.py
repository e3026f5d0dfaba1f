"""Soak test: 50 clients reading and 5 writing for two minutes on loopback, against a real server.

Starts `civcas serve` on a free loopback port over a fresh SQLite installation with the bundled
examples, then reads (list, incident page, API, search, dashboard) and writes (new reports through
the API, assessments with the version read) until the time is up. Fails on any 5xx, connection
error or timeout, and when the server's memory keeps growing (RSS after the first quarter compared
with the end). Writes its figures into docs/reliability.md.

    .venv/bin/python bench/soak.py [--seconds 120] [--readers 50] [--writers 5]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CIVCAS = [sys.executable, "-m", "civcas.cli"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Tally:
    def __init__(self) -> None:
        self.ok = 0
        self.conflicts = 0
        self.errors: list[str] = []
        self.latencies: list[float] = []


async def reader(
    client: httpx.AsyncClient, ids: list[int], headers: dict[str, str], tally: Tally, stop: float
) -> None:
    paths = ["/", "/api/incidents?limit=20", "/dashboard", "/api/incidents?q=airstrike", "/healthz"]
    while time.monotonic() < stop:
        path = random.choice(
            [*paths, f"/incidents/{random.choice(ids)}", f"/api/incidents/{random.choice(ids)}"]
        )
        t0 = time.perf_counter()
        try:
            r = await client.get(path, headers=headers)
        except httpx.HTTPError as exc:
            tally.errors.append(f"GET {path}: {type(exc).__name__}")
            continue
        tally.latencies.append(time.perf_counter() - t0)
        if r.status_code >= 500:
            tally.errors.append(f"GET {path}: {r.status_code}")
        else:
            tally.ok += 1


async def writer(
    client: httpx.AsyncClient, ids: list[int], headers: dict[str, str], tally: Tally, stop: float, n: int
) -> None:
    i = 0
    while time.monotonic() < stop:
        i += 1
        try:
            if i % 2:
                text = (
                    f"Soak report {n}-{i}: an airstrike hit a house in Idlib on 3 May 2019, "
                    f"killing {i % 9 + 1} civilians, residents said."
                )
                r = await client.post("/api/reports", json={"text": text}, headers=headers)
            else:
                iid = random.choice(ids)
                current = (await client.get(f"/api/incidents/{iid}", headers=headers)).json()
                state = "triaged" if current["state"] == "new" else "new"
                r = await client.post(
                    f"/api/incidents/{iid}/assessments",
                    headers=headers,
                    json={"state": state, "expected_version": current["version"], "note": "soak"},
                )
        except httpx.HTTPError as exc:
            tally.errors.append(f"write: {type(exc).__name__}")
            continue
        if r.status_code >= 500:
            tally.errors.append(f"write: {r.status_code} {r.text[:120]}")
        elif r.status_code == 409:
            tally.conflicts += 1  # another writer got there first: refused, not lost
        else:
            tally.ok += 1


async def soak(
    base: str, token: str, seconds: float, readers: int, writers: int, pid: int
) -> dict[str, object]:
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=readers + writers + 5)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        ids = [i["id"] for i in (await client.get("/api/incidents", headers=headers)).json()]
        tally = Tally()
        stop = time.monotonic() + seconds
        memory: list[float] = []

        async def watch() -> None:
            while time.monotonic() < stop:
                memory.append(rss_mb(pid))
                await asyncio.sleep(2)

        tasks = [reader(client, ids, headers if k % 2 else {}, tally, stop) for k in range(readers)]
        tasks += [writer(client, ids, headers, tally, stop, k) for k in range(writers)]
        await asyncio.gather(watch(), *tasks)
    quarter = memory[len(memory) // 4] if memory else float("nan")
    lat = sorted(tally.latencies) or [0.0]
    return {
        "seconds": seconds,
        "clients reading": readers,
        "clients writing": writers,
        "requests answered": tally.ok + tally.conflicts,
        "stale writes refused (409)": tally.conflicts,
        "errors (5xx, connection, timeout)": len(tally.errors),
        "read latency p50 / p99 (ms)": f"{1000 * statistics.median(lat):.0f} / {1000 * lat[int(0.99 * (len(lat) - 1))]:.0f}",
        "server memory after a quarter / at the end (MB)": f"{quarter:.0f} / {memory[-1] if memory else float('nan'):.0f}",
        "_errors": tally.errors[:10],
        "_growth": (memory[-1] / quarter) if memory else 1.0,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--readers", type=int, default=50)
    ap.add_argument("--writers", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, CIVCAS_DATA_DIR=f"{tmp}/data", PYTHONPATH=str(REPO / "src"))
        env.pop("CIVCAS_DATABASE_URL", None)

        def run(*a: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run([*CIVCAS, *a], env=env, check=True, capture_output=True, text=True)

        run("init", "--admin-password", "soak-admin-password")
        run("ingest", str(REPO / "examples"))
        run("user", "add", "soak", "--role", "analyst", "--password", "soak-password")
        token = run("user", "token", "soak").stdout.strip()
        port = free_port()
        server = subprocess.Popen([*CIVCAS, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(200):
                try:
                    if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            result = asyncio.run(soak(base, token, args.seconds, args.readers, args.writers, server.pid))
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()  # requests still queued at the end are not this test's subject
                server.wait()
    errors, growth = result.pop("_errors"), float(result.pop("_growth"))  # type: ignore[arg-type]
    for key, value in result.items():
        print(f"{key:48s} {value}")
    for e in errors:  # type: ignore[attr-defined]
        print("error:", e)
    from tests.reliability_figures import write

    stable = growth < 1.5
    result["memory stable (end under 1.5x the first quarter)"] = "yes" if stable else f"no ({growth:.2f}x)"
    write({"Soak: 50 readers and 5 writers on loopback": result})
    sys.exit(0 if not errors and stable else 1)


if __name__ == "__main__":
    main()
