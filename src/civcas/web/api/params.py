"""Shared parameter types: ids and offsets bounded so no number can overflow a database integer."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

MAX_ID = 2**53  # within every database's integer and JSON's exact range

IncidentId = Annotated[int, Path(ge=1, le=MAX_ID, description="Incident id")]
AssessmentId = Annotated[int, Path(ge=1, le=MAX_ID, description="Assessment id")]
ReportId = Annotated[int, Path(ge=1, le=MAX_ID, description="Report id")]
Limit = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
