"""Shared fixtures: paths to the labelled development data, skipped when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture
def shared_data() -> Path:
    """The ../shared/data folder; tests using it skip on machines without it."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"labelled development data not found at {SHARED_DATA}")
    return SHARED_DATA
