"""Values recomputed at most every few seconds, with one thread recomputing at a time.

The dashboard's figures and the list's filter menus are read on every page and change rarely,
so each worker reuses them for a few seconds. When they expire under load, every thread serving
a request at that moment used to recompute them at once (eight copies of 21 ms of work for the
dashboard at a million reports, all held up by each other). Here one thread recomputes while the
others go on with the previous value, at most one refresh late. The first value is waited for.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class Reused(Generic[T]):
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.values: dict[Hashable, tuple[float, T]] = {}
        self.lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T], fresh: Callable[[T], bool] = lambda _: True) -> T:
        """The value for key: reused while younger than `seconds` and `fresh`, else recomputed."""
        hit = self.values.get(key)
        if hit is not None and time.monotonic() - hit[0] < self.seconds and fresh(hit[1]):
            return hit[1]
        if hit is not None and fresh(hit[1]):
            if not self.lock.acquire(blocking=False):
                return hit[1]  # another thread is recomputing it
        else:
            self.lock.acquire()  # nothing usable yet: wait for it
        try:
            hit = self.values.get(key)  # a thread that held the lock may have just recomputed it
            if hit is not None and time.monotonic() - hit[0] < self.seconds and fresh(hit[1]):
                return hit[1]
            value = compute()
            self.values[key] = (time.monotonic(), value)
            return value
        finally:
            self.lock.release()

    def clear(self) -> None:
        self.values.clear()
