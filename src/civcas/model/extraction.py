"""Typed records for what the extractor finds in one report.

The JSON shape is fixed by docs/extraction-output.md (and scored by the
shared evaluator), so field names here are that format's names.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from civcas.model.vocabulary import DatePrecision, EvidenceKind, GeoPrecision, Stance

Span = tuple[int, int]
"""Character offsets into the report text, end exclusive."""


class CountRange(BaseModel):
    """A count given as min-max; `null` in JSON when the text gives none (never 0)."""

    model_config = ConfigDict(frozen=True)

    min: int = Field(ge=0)
    max: int = Field(ge=0)

    def widen(self, other: CountRange | None) -> CountRange:
        """The smallest range covering both: conflicting sources widen the range."""
        if other is None:
            return self
        return CountRange(min=min(self.min, other.min), max=max(self.max, other.max))


class Statement(BaseModel):
    speaker: str | None = None
    party: str | None = None
    stance: Stance
    span: Span
    quote: str | None = None


class Evidence(BaseModel):
    kind: EvidenceKind
    verified: bool | None = None
    span: Span


class IncidentFacts(BaseModel):
    """The facts of one incident as one report tells them."""

    date: str | None = None
    date_end: str | None = None
    date_precision: DatePrecision | None = None
    # "report" when the text names the day (see spans), "published" when it names none and the
    # publication date stands in for it.
    date_source: str | None = None
    place: str | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: GeoPrecision | None = None
    # The villages, towns and neighbourhoods the report names (gazetteer names, each once, provincial
    # capitals left out), the place among them: two reports of one strike often share one.
    places_named: list[str] = Field(default_factory=list)
    belligerent: str | None = None
    belligerent_source: str | None = None  # "report" | "belligerent" | "both"
    # What the report itself says, when the monitor's coding conventions recoded it
    # (e.g. "Syrian Regime" strikes in Syria before December 2024 coded as "Russian Military").
    belligerent_reported: str | None = None
    event_type: str | None = None
    civilians_killed: CountRange | None = None
    injured: CountRange | None = None
    children_killed: CountRange | None = None
    women_killed: CountRange | None = None
    men_killed: CountRange | None = None
    total_killed: CountRange | None = None
    # Groups named among the victims without a figure ("most of them women and children").
    victim_groups: list[str] = Field(default_factory=list)
    claimed_target: str | None = None
    statements: list[Statement] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    spans: dict[str, list[Span]] = Field(default_factory=dict)


class Extraction(BaseModel):
    """One line of `civcas extract` output."""

    id: str
    language: str | None = None
    extractor: str = "civcas.extract.v1"
    incident: IncidentFacts | None = None
    incidents: list[IncidentFacts] = Field(default_factory=list)
