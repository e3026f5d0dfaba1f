"""Typed views of incidents as the service layer hands them to the web app, the API and exports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

from civcas.model.accountability import CommitmentView, VerdictView
from civcas.model.extraction import CountRange


class IncidentSummary(BaseModel):
    id: int
    title: str
    state: str
    date: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: str | None = None
    place: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: str | None = None
    belligerent: str | None = None
    event_type: str | None = None
    claimed_target: str | None = None
    civilians_killed: CountRange | None = None
    injured: CountRange | None = None
    children_killed: CountRange | None = None
    women_killed: CountRange | None = None
    men_killed: CountRange | None = None
    grade: str | None = None
    strike_status: str | None = None
    source_count: int = 0
    version: int = 1
    updated_at: dt.datetime | None = None


class FactView(BaseModel):
    """One extracted fact beside the sentences it came from (each span, and its sentence)."""

    field: str
    value: str
    spans: list[tuple[int, int]]
    sentences: list[str]


class StatementView(BaseModel):
    party: str | None
    speaker: str | None
    stance: str
    quote: str | None
    span: tuple[int, int]


class EvidenceView(BaseModel):
    kind: str
    verified: bool | None
    span: tuple[int, int]
    sentence: str


class SourceView(BaseModel):
    id: int
    sha256: str
    title: str | None
    url: str | None
    publisher: str | None
    language: str | None
    published: dt.datetime | None
    ingested_at: dt.datetime
    kind: str
    origin: str
    text: str
    link_method: str | None = None
    link_score: float | None = None
    link_reasons: dict[str, Any] | None = None
    """Why the report was joined: the report it matched best and each comparison's level and weight."""
    link_pinned: bool = False
    """Placed or confirmed by an analyst (merge, split): automatic linking never moves it."""
    facts: list[FactView] = Field(default_factory=list)
    statements: list[StatementView] = Field(default_factory=list)
    evidence: list[EvidenceView] = Field(default_factory=list)
    extraction: dict[str, Any] | None = None


class AssessmentView(BaseModel):
    id: int
    incident_id: int | None = None
    state: str
    grade: str | None
    strike_status: str | None
    note: str
    user: str | None
    created_at: dt.datetime
    status: str = "applied"  # applied | proposed | approved | rejected
    reviewer: str | None = None
    reviewed_at: dt.datetime | None = None
    review_note: str = ""


class IncidentDetail(IncidentSummary):
    victim_groups: list[str] = Field(default_factory=list)
    verdicts: list[VerdictView] = Field(default_factory=list)
    commitments: list[CommitmentView] = Field(default_factory=list)
    figure_overrides: dict[str, Any] = Field(default_factory=dict)
    reconciled: dict[str, CountRange | None] = Field(default_factory=dict)
    # True in public views: names of victims and witnesses are blacked out in every text shown.
    names_withheld: bool = False
    sources: list[SourceView] = Field(default_factory=list)
    statements: list[StatementView] = Field(default_factory=list)
    evidence: list[EvidenceView] = Field(default_factory=list)
    assessments: list[AssessmentView] = Field(default_factory=list)
