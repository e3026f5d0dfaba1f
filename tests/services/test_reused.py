"""Reused values: recomputed when old, by one thread at a time, the others going on with the old one."""

from __future__ import annotations

import threading

import pytest

from civcas.services import reused as reused_module
from civcas.services.reused import Reused


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(reused_module.time, "monotonic", c.monotonic)
    return c


def test_reused_while_young_then_recomputed(clock: Clock) -> None:
    r: Reused[int] = Reused(5)
    calls = iter(range(10))
    assert r.get("k", lambda: next(calls)) == 0
    clock.now += 4
    assert r.get("k", lambda: next(calls)) == 0
    clock.now += 2
    assert r.get("k", lambda: next(calls)) == 1
    assert r.get("other", lambda: next(calls)) == 2  # each key its own value


def test_a_value_no_longer_fresh_is_recomputed_and_waited_for(clock: Clock) -> None:
    r: Reused[str] = Reused(5)
    r.get("k", lambda: "yesterday")
    assert r.get("k", lambda: "today", fresh=lambda v: v == "today") == "today"


def test_while_one_thread_recomputes_the_others_get_the_previous_value(clock: Clock) -> None:
    r: Reused[str] = Reused(5)
    r.get("k", lambda: "old")
    clock.now += 10
    started, release = threading.Event(), threading.Event()
    computed: list[str] = []

    def slow() -> str:
        started.set()
        release.wait(5)
        computed.append("new")
        return "new"

    worker = threading.Thread(target=lambda: r.get("k", slow))
    worker.start()
    assert started.wait(5)
    # The recomputation is under way: another caller is not held up and does not compute again.
    assert r.get("k", lambda: "should not run") == "old"
    release.set()
    worker.join(5)
    assert computed == ["new"] and r.get("k", lambda: "should not run") == "new"
