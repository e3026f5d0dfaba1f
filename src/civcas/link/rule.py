"""The simple linking rule: a report joins an incident reported on the same day (±N days),
within N km, by the same belligerent. The probabilistic linker replaces it."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

EARTH_DIAMETER_KM = 12742.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = math.radians
    h = (
        math.sin(r(lat2 - lat1) / 2) ** 2
        + math.cos(r(lat1)) * math.cos(r(lat2)) * math.sin(r(lon2 - lon1) / 2) ** 2
    )
    return EARTH_DIAMETER_KM * math.asin(math.sqrt(h))


@dataclass(frozen=True, slots=True)
class LinkKey:
    """The fields the rule compares."""

    date: date | None
    lat: float | None
    lon: float | None
    belligerent: str | None

    @property
    def linkable(self) -> bool:
        return self.date is not None and self.lat is not None and self.lon is not None


@dataclass(frozen=True, slots=True)
class RuleLinker:
    max_days: int = 1
    max_km: float = 10.0

    def score(self, report: LinkKey, incident: LinkKey) -> float | None:
        """How close the two are (1.0 = same day and place), or None when the rule says no."""
        if not (report.linkable and incident.linkable):
            return None
        assert report.date and incident.date and report.lat is not None and incident.lat is not None
        assert report.lon is not None and incident.lon is not None
        if (report.belligerent or "") != (incident.belligerent or ""):
            return None
        days = abs((report.date - incident.date).days)
        if days > self.max_days:
            return None
        km = haversine_km(report.lat, report.lon, incident.lat, incident.lon)
        if km > self.max_km:
            return None
        return round(1.0 - 0.5 * days / (self.max_days + 1) - 0.5 * km / (self.max_km + 1), 4)

    def box(self, key: LinkKey) -> tuple[float, float, float, float]:
        """A lat/lon box that holds every point within max_km, for a cheap index query first."""
        assert key.lat is not None and key.lon is not None
        dlat = self.max_km / 111.0
        dlon = self.max_km / max(1e-6, 111.0 * math.cos(math.radians(key.lat)))
        return key.lat - dlat, key.lat + dlat, key.lon - dlon, key.lon + dlon
