"""Fixtures for ingest tests: small settings and helpers to write and read input files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from civcas.config import Settings
from civcas.ingest.readers import read_inputs
from civcas.model.report import IncomingReport, IngestProblem


class Items(list[IncomingReport | IngestProblem]):
    """What read_inputs yielded, with the reports and the problems apart."""

    @property
    def reports(self) -> list[IncomingReport]:
        return [i for i in self if isinstance(i, IncomingReport)]

    @property
    def problems(self) -> list[IngestProblem]:
        return [i for i in self if isinstance(i, IngestProblem)]


Read = Callable[..., Items]
Write = Callable[[str, bytes | str], Path]


@pytest.fixture
def settings() -> Settings:
    return Settings(fetch_timeout_s=5.0, fetch_max_bytes=100_000)


@pytest.fixture
def write(tmp_path: Path) -> Write:
    def _write(name: str, content: bytes | str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return _write


@pytest.fixture
def read(settings: Settings) -> Read:
    def _read(*inputs: str | Path, **kwargs: Any) -> Items:
        kwargs.setdefault("settings", settings)
        return Items(read_inputs([str(i) for i in inputs], **kwargs))

    return _read
