"""The monthly report as HTML and PDF (WeasyPrint): figures, a map and the incident list.

Everything the report shows is drawn here, with no network: the map is an SVG of the
country outlines bundled with the web app and the month's incidents as dots coloured by
grade. Templates are autoescaped; report texts are untrusted input.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader

from civcas.errors import CivcasError
from civcas.services.monthly import MonthlyReport
from civcas.services.timeline import timeline_of
from civcas.web.ui.charts import GRADE_COLOURS, Chart, bar_list_chart, timeline_chart

HERE = Path(__file__).parent
OUTLINES = HERE.parent / "web" / "static" / "map" / "countries.geojson"
# Where the monitor works, shown when a month has no located incident.
DEFAULT_VIEW = (35.0, 29.0, 48.5, 38.0)  # west, south, east, north: Syria and Iraq
ASPECT = 0.55  # the map's height over its width

_env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)


def _count(lo: int, hi: int) -> str:
    return f"{lo:,}" if lo == hi else f"{lo:,}–{hi:,}"


_env.filters["range"] = lambda pair: _count(pair[0], pair[1])
_env.filters["label"] = lambda s: (s or "").replace("_", " ")
_env.filters["count"] = lambda r: "–" if r is None else _count(r.min, r.max)


@dataclass(frozen=True, slots=True)
class Dot:
    x: float
    y: float
    fill: str
    title: str


@dataclass(frozen=True, slots=True)
class MapFigure:
    width: int
    height: int
    paths: list[str]  # SVG path data: numbers and letters only
    dots: list[Dot]
    located: int
    unlocated: int


@lru_cache(maxsize=1)
def _outlines() -> list[list[list[tuple[float, float]]]]:
    """Each country as its rings of (lon, lat)."""
    data = json.loads(OUTLINES.read_text(encoding="utf-8"))
    countries = []
    for feature in data["features"]:
        geom = feature["geometry"]
        polygons = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        countries.append([[(float(x), float(y)) for x, y in ring] for poly in polygons for ring in poly])
    return countries


def map_figure(report: MonthlyReport, width: int = 640) -> MapFigure:
    points = [i for i in report.incidents if i.lat is not None and i.lon is not None]
    if points:
        lons = [float(i.lon or 0) for i in points]
        lats = [float(i.lat or 0) for i in points]
        # Pad the incidents' extent, and never zoom closer than about five degrees across.
        cx, cy = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
        half_w = max((max(lons) - min(lons)) / 2 + 1, 2.5)
        half_h = max((max(lats) - min(lats)) / 2 + 1, 1.5)
    else:
        west, south, east, north = DEFAULT_VIEW
        cx, cy, half_w, half_h = (
            (west + east) / 2,
            (south + north) / 2,
            (east - west) / 2,
            (north - south) / 2,
        )
    # Equirectangular, with longitudes shrunk by the cosine of the middle latitude; the view is
    # widened or heightened to a fixed shape so the map sits well on the page.
    shrink = math.cos(math.radians(cy))
    if half_h < ASPECT * half_w * shrink:
        half_h = ASPECT * half_w * shrink
    else:
        half_w = half_h / ASPECT / shrink
    west, south, east, north = cx - half_w, cy - half_h, cx + half_w, cy + half_h
    scale = width / ((east - west) * shrink)
    height = round((north - south) * scale)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * shrink * scale, (north - lat) * scale

    paths = []
    for rings in _outlines():
        if not any(
            west - 5 <= x <= east + 5 and south - 5 <= y <= north + 5 for ring in rings for x, y in ring
        ):
            continue
        d = []
        for ring in rings:
            pts = [xy(x, y) for x, y in ring]
            d.append("M" + "L".join(f"{px:.1f} {py:.1f}" for px, py in pts) + "Z")
        paths.append("".join(d))
    dots = []
    for inc in sorted(points, key=lambda i: i.civilians_killed.max if i.civilians_killed else 0):
        x, y = xy(float(inc.lon or 0), float(inc.lat or 0))
        killed = (
            "unknown"
            if inc.civilians_killed is None
            else _count(inc.civilians_killed.min, inc.civilians_killed.max)
        )
        dots.append(
            Dot(x, y, GRADE_COLOURS.get(inc.grade or "", GRADE_COLOURS[""]), f"{inc.title}: {killed}")
        )
    return MapFigure(width, height, paths, dots, len(points), len(report.incidents) - len(points))


def daily_chart(report: MonthlyReport) -> Chart:
    """The month's incidents per day, stacked by grade."""
    rows = (
        (i.date, i.grade, i.belligerent, i.civilians_killed.min if i.civilians_killed else None, None)
        for i in report.incidents
    )
    days = timeline_of(rows, report.first_day, report.last_day, "day")
    return timeline_chart(days.periods, "day", [""] * len(days.periods), height=180)


def render_html(report: MonthlyReport) -> str:
    toll = [(t.belligerent, t.killed_min, "#1f5f99") for t in report.by_belligerent if t.killed_min]
    grades = [(g or "not graded", n, GRADE_COLOURS[g]) for g, n in report.by_grade.items()]
    return _env.get_template("report.html").render(
        report=report,
        map=map_figure(report),
        toll_chart=bar_list_chart(toll) if toll else None,
        grade_chart=bar_list_chart(grades),
        daily_chart=daily_chart(report),
        grade_colours=GRADE_COLOURS,
    )


def render_pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML  # imported here: WeasyPrint loads pango, which takes a moment
    except ImportError as exc:  # pragma: no cover - the dependency is declared
        raise CivcasError(
            "PDF output needs WeasyPrint: pip install weasyprint", code="no_weasyprint"
        ) from exc
    pdf: Any = HTML(string=html, base_url=str(HERE)).write_pdf()
    return bytes(pdf)
