"""A small in-process limiter for failed logins: it slows password guessing without a service."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque


class FailureLimiter:
    """At most `limit` failures per key within `window_s` seconds; then the key must wait."""

    def __init__(self, limit: int = 5, window_s: float = 300.0) -> None:
        self.limit = limit
        self.window_s = window_s
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _prune(self, key: str, now: float) -> deque[float]:
        q = self._failures[key]
        while q and now - q[0] > self.window_s:
            q.popleft()
        return q

    def retry_after(self, key: str) -> int:
        """Seconds until the key may try again; 0 when it may try now."""
        now = time.monotonic()
        with self._lock:
            q = self._prune(key, now)
            if len(q) < self.limit:
                return 0
            return max(1, int(self.window_s - (now - q[0])) + 1)

    def failed(self, key: str) -> None:
        with self._lock:
            self._prune(key, time.monotonic()).append(time.monotonic())

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)
