"""`civcas serve --workers N`: forked workers on one port, each with its own socket, stopped together."""

from __future__ import annotations

import http.client
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


def _established(pid: int, port: int) -> int:
    """Connections this process holds open on its listening port (from /proc: its sockets' inodes
    among the established TCP connections whose local port is `port`)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with_target = os.readlink(fd)
        if with_target.startswith("socket:["):
            inodes.add(with_target[8:-1])
    count = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local_port = int(fields[1].rsplit(":", 1)[1], 16)
        if local_port == port and fields[3] == "01" and fields[9] in inodes:  # 01: ESTABLISHED
            count += 1
    return count


def _wait_until_up(base: str) -> None:
    for _ in range(300):
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)


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
        _wait_until_up(base)
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


@pytest.mark.skipif(not Path("/proc/net/tcp").is_file(), reason="counts connections from /proc")
def test_workers_even_out_their_keep_alive_connections(env: dict[str, str]) -> None:
    """Sixteen keep-alive clients end up eight and eight, however the kernel first split them:
    a worker holding more than its share closes connections after answering, and the clients
    reconnect (http.client reopens a closed connection on its next request)."""
    port = _free_port()
    server = subprocess.Popen([*CIVCAS, "serve", "--port", str(port), "--workers", "2"], env=env)
    clients = [http.client.HTTPConnection("127.0.0.1", port, timeout=10) for _ in range(16)]
    try:
        _wait_until_up(f"http://127.0.0.1:{port}")
        workers = _children(server.pid)
        answered = 0
        for _ in range(25):
            for client in clients:
                client.request("GET", "/healthz")
                response = client.getresponse()
                assert response.status == 200
                assert response.read() == b'{"status":"ok"}'
                answered += 1
        assert answered == 400  # shedding closes connections only after a complete answer
        shares = sorted(_established(w, port) for w in workers)
        assert sum(shares) == 16
        assert shares[1] - shares[0] <= 1, shares
    finally:
        for client in clients:
            client.close()
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)


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
