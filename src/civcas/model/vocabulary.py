"""The field's controlled vocabulary (see docs/vocabulary.md).

Values are the exact strings used in the database, the API and exports, so
changing one is a data migration, not a refactor.
"""

from __future__ import annotations

from enum import StrEnum


class Grade(StrEnum):
    """The monitor's grading of civilian harm (Airwars' five grades)."""

    CONFIRMED = "Confirmed"
    FAIR = "Fair"
    WEAK = "Weak"
    CONTESTED = "Contested"
    DISCOUNTED = "Discounted"


class StrikeStatus(StrEnum):
    """How sure the monitor is that a strike happened there (not a grade)."""

    DECLARED = "Declared strike"
    LIKELY = "Likely strike"
    CONTESTED = "Contested strike"
    SINGLE_SOURCE = "Single source claim"


class Verdict(StrEnum):
    """A belligerent's own assessment of an allegation against it."""

    CREDIBLE = "credible"
    NON_CREDIBLE = "non_credible"
    DUPLICATE = "duplicate"
    OPEN = "open"


class IncidentState(StrEnum):
    """Where an incident stands in the analyst workflow."""

    NEW = "new"
    TRIAGED = "triaged"
    UNDER_ASSESSMENT = "under_assessment"
    ASSESSED = "assessed"
    PUBLISHED = "published"
    REOPENED = "reopened"


class GeoPrecision(StrEnum):
    EXACT = "exact"
    NEIGHBOURHOOD = "neighbourhood"
    VILLAGE = "village"
    TOWN = "town"
    DISTRICT = "district"
    PROVINCE = "province"
    COUNTRY = "country"


class DatePrecision(StrEnum):
    DAY = "day"
    RANGE = "range"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class Stance(StrEnum):
    """What a party said about an incident."""

    ADMITS_STRIKE = "admits_strike"
    DENIES_STRIKE = "denies_strike"
    ADMITS_CASUALTIES = "admits_casualties"
    DENIES_CASUALTIES = "denies_casualties"
    INVESTIGATING = "investigating"
    CREDIBLE = "credible"
    NON_CREDIBLE = "non_credible"
    BLAMES_OTHER = "blames_other"
    ALLEGES = "alleges"


class EvidenceKind(StrEnum):
    VIDEO = "video"
    PHOTO = "photo"
    SATELLITE = "satellite"
    WITNESS = "witness"
    MEDICAL = "medical"
    DOCUMENT = "document"
    MUNITION = "munition"


class Role(StrEnum):
    ADMIN = "admin"
    REVIEWER = "reviewer"
    ANALYST = "analyst"
    VIEWER = "viewer"


# The belligerent vocabulary of docs/extraction-output.md; other named forces are allowed as free text.
BELLIGERENTS: tuple[str, ...] = (
    "US-led Coalition",
    "United States",
    "Russian Military",
    "Syrian Regime",
    "Turkish Military",
    "Israeli Military",
    "Iranian Military",
    "YPG/SDF",
    "ISIS",
    "Palestinian Militants",
    "Unknown",
)

EVENT_TYPES: tuple[str, ...] = (
    "airstrike",
    "drone strike",
    "shelling",
    "artillery",
    "ground fighting",
    "explosion",
    "naval strike",
    "other",
)
