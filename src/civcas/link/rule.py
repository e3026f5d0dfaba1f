"""Distance on the globe, for matching strike releases to allegations (link/strike_releases.py).

The simple linking rule that lived here (same day ±1, within 10 km, same belligerent) was replaced by
incremental probabilistic linking (link/incremental.py, services/linking.py).
"""

from __future__ import annotations

import math

EARTH_DIAMETER_KM = 12742.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = math.radians
    h = (
        math.sin(r(lat2 - lat1) / 2) ** 2
        + math.cos(r(lat1)) * math.cos(r(lat2)) * math.sin(r(lon2 - lon1) / 2) ** 2
    )
    return EARTH_DIAMETER_KM * math.asin(math.sqrt(h))
