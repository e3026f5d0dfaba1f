"""`civcas serve --workers N`: forked workers on one port, each with its own socket, stopped together."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

CIVCAS = [sys.executable, "-m", "civcas.cli"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, CIVCAS_DATA_DIR=str(tmp_path / "data"))
    env.pop("CIVCAS_DATABASE_URL", None)
    subprocess.run([*CIVCAS, "init", "--admin-password", "serve-admin-password"], env=env, check=True)
    return env


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the process tree from /proc")
def test_two_workers_answer_on_one_port_and_stop_together(env: dict[str, str]) -> None:
    port = _free_port()
    server = subprocess.Popen([*CIVCAS, "serve", "--port", str(port), "--workers", "2"], env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        workers = _children(server.pid)
        assert len(workers) == 2
        # New connections, each its own: all answered, whichever worker the kernel gave them to.
        for _ in range(20):
            with httpx.Client() as client:
                assert client.get(base + "/api/incidents").status_code == 200
        # Each worker listens on its own socket (SO_REUSEPORT), not on one it inherited.
        listening = [
            sum(1 for fd in Path(f"/proc/{w}/fd").iterdir() if "socket" in os.readlink(fd)) for w in workers
        ]
        assert all(n >= 1 for n in listening)
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=20) == 0
        for w in workers:
            assert not Path(f"/proc/{w}").exists() or "zombie" in Path(f"/proc/{w}/status").read_text()
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def test_a_port_in_use_is_one_clear_error(env: dict[str, str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [*CIVCAS, "serve", "--port", str(port), "--workers", "2"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode != 0
    assert "address already in use" in (done.stdout + done.stderr).lower()
