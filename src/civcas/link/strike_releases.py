"""Match a belligerent's strike release to the allegations it may answer.

A release lists strikes by day and place ("Near Al Mayadin, one strike engaged an ISIS
tactical unit"). Each place it names is a strike location; an allegation scores high
when one of them lies close to the incident and the release's day is near the incident's.
Scores are suggestions for an analyst, never links by themselves.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from civcas.link.rule import haversine_km

MAX_DAYS = 3  # releases report strikes of the past few days
MAX_KM = 30.0  # "near X" in a release can be a few tens of kilometres away


@dataclass(frozen=True, slots=True)
class StrikePlace:
    place: str
    lat: float
    lon: float
    span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Match:
    score: float
    days_apart: int | None
    km: float
    place: StrikePlace


def score_match(
    release_day: date | None,
    places: Sequence[StrikePlace],
    release_party: str | None,
    incident_day: date | None,
    incident_lat: float | None,
    incident_lon: float | None,
    incident_belligerent: str | None,
) -> Match | None:
    """The best strike place of the release for this incident, or None when none is plausible."""
    if incident_lat is None or incident_lon is None or not places:
        return None
    days: int | None = None
    if release_day is not None and incident_day is not None:
        days = abs((release_day - incident_day).days)
        if days > MAX_DAYS:
            return None
    best: Match | None = None
    for p in places:
        km = haversine_km(p.lat, p.lon, incident_lat, incident_lon)
        if km > MAX_KM:
            continue
        # Closeness in space and time, and whether the alleged belligerent is the one reporting.
        s = math.exp(-km / 15.0) * (math.exp(-days / 1.5) if days is not None else 0.3)
        if incident_belligerent and release_party:
            s *= 1.0 if release_party in incident_belligerent else 0.3
        else:
            s *= 0.6
        if best is None or s > best.score:
            best = Match(round(s, 3), days, round(km, 1), p)
    return best
