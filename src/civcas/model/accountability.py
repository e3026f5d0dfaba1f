"""Typed views for belligerents' verdicts, their promises, and how they answer them."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel


class VerdictView(BaseModel):
    id: int
    incident_id: int
    belligerent: str
    verdict: str
    reasons: list[str]
    deaths_conceded_min: int | None
    deaths_conceded_max: int | None
    injuries_conceded_min: int | None
    injuries_conceded_max: int | None
    decided_on: dt.date | None
    published_in: str
    note: str


class CommitmentView(BaseModel):
    id: int
    incident_id: int
    incident_title: str
    party: str
    kind: str
    made_on: dt.date | None
    quote: str
    status: str
    answered_on: dt.date | None
    age_days: int | None


class BelligerentRecord(BaseModel):
    """How one belligerent answers the allegations against it."""

    belligerent: str
    allegations: int
    assessed: int
    credible: int
    non_credible: int
    open: int
    median_wait_days: int | None  # allegations still open: days since the strike
    longest_wait_days: int | None
    median_days_to_verdict: int | None = None  # allegations it assessed: days from the strike to its verdict
    open_commitments: int
