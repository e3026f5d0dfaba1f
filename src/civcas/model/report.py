"""Typed records for reports as they arrive (ingest stage output)."""

from __future__ import annotations

import hashlib
from datetime import datetime

from pydantic import BaseModel, Field


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class IncomingReport(BaseModel):
    """One report read from an input, before it is stored.

    `original` is the exact bytes that came in for this report (a whole file, a
    feed entry's JSON, a batch row), kept unchanged so nothing is ever lost;
    `text` is the readable text the extractor works on.
    """

    original: bytes
    media_type: str  # text/plain, text/html, application/json, text/csv, application/rss+xml ...
    text: str
    origin: str  # file path, URL or "file.jsonl:12"
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    language: str | None = None
    published: datetime | None = None
    external_id: str | None = None
    kind: str = "allegation"  # "allegation" or "strike_release" (a belligerent's own release)
    meta: dict[str, str] = Field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return sha256_hex(self.original)


class IngestProblem(BaseModel):
    """A part of an input that could not be read; the rest of the batch goes on."""

    origin: str  # "path" or "path:line"
    code: str
    message: str
