"""Charts as plain SVG drawn on the server: shapes computed here, written out by an escaped template.

No chart library and no script: the dashboard renders the same with JavaScript off and under
the Content-Security-Policy, and prints into the monthly report unchanged. The stacked bars, a
thousand rects and more on a long timeline, are written here (`Chart.bar_markup`) with every
text escaped, at a fraction of a template loop's cost.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import groupby

from markupsafe import Markup, escape

from civcas.services.stats import MonthDeaths
from civcas.services.timeline import Period, period_label

GRADE_COLOURS = {
    "Confirmed": "#8a1c1c",
    "Fair": "#d9822b",
    "Weak": "#e6c74c",
    "Contested": "#7a5ea8",
    "Discounted": "#8c959f",
    "": "#1f5f99",
}
# Not graded at the bottom of a stack (and first in its legend), then the grades as vocabulary.md orders them.
GRADE_ORDER = ("", *(g for g in GRADE_COLOURS if g))
# Belligerents in order of deaths take these colours; the rest are summed as "Others".
PALETTE = ("#1f5f99", "#c0392b", "#2e8b57", "#d9822b", "#7a5ea8", "#5e6b78")
MAX_SERIES = 5


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    fill: str
    title: str
    href: str = ""  # where the bar leads (the timeline's bars open the list of their period)


@dataclass(frozen=True, slots=True)
class Tick:
    at: float
    label: str


@dataclass(slots=True)
class Chart:
    width: int
    height: int
    left: int
    top: int
    plot_width: int
    plot_height: int
    bars: list[Bar] = field(default_factory=list)
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)
    labels: list[Tick] = field(default_factory=list)  # category labels of a horizontal bar chart
    values: list[Bar] = field(default_factory=list)  # value labels beside horizontal bars (title is the text)
    empty: bool = False

    def bar_markup(self) -> Markup:
        """The bars as SVG rects (each with its title), the bars of one period inside one link when
        they lead somewhere: a period's link written once, not once per grade."""
        out: list[str] = []
        for href, bars in groupby(self.bars, key=lambda b: b.href):
            rects = "".join(
                f'<rect x="{b.x:.2f}" y="{b.y:.1f}" width="{b.width:.2f}" height="{b.height:.1f}" '
                f'fill="{escape(b.fill)}"><title>{escape(b.title)}</title></rect>'
                for b in bars
            )
            out.append(f'<a href="{escape(href)}">{rects}</a>' if href else rects)
        return Markup("".join(out))


def nice_ceiling(value: float) -> tuple[float, float]:
    """A round axis maximum at or above value, and the step between its ticks (at most 5 ticks).

    The charts count incidents and people: a step is a whole number (a peak of 1 has ticks 0
    and 1, not 0, 0.25, 0.5...)."""
    if value <= 0:
        return 1.0, 1.0
    raw = value / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = max(1.0, next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw))
    if step == 2.5 * magnitude and step < 10:  # 2.5 is no whole step
        step = 5.0 * magnitude
    step = float(step)
    return step * math.ceil(value / step), step


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _series(ranked: list[str]) -> tuple[list[str], list[str], dict[str, str]]:
    """The first MAX_SERIES names, the series drawn (with "Others" for the rest) and their colours."""
    named = ranked[:MAX_SERIES]
    series = [*named, "Others"] if len(ranked) > MAX_SERIES else named
    return named, series, {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(series)}


def deaths_chart(
    rows: list[MonthDeaths], belligerents: list[str], width: int = 960, height: int = 300
) -> Chart:
    """Stacked monthly bars of civilians killed (lowest reported counts), one colour per belligerent."""
    chart = Chart(width, height, left=48, top=12, plot_width=width - 60, plot_height=height - 50)
    if not rows:
        chart.empty = True
        return chart
    named, series, colours = _series(belligerents)
    months = _months(min(r.month for r in rows), max(r.month for r in rows))
    stacks: dict[str, dict[str, MonthDeaths]] = {m: {} for m in months}
    for r in rows:
        key = r.belligerent if r.belligerent in named else "Others"
        prev = stacks[r.month].get(key)
        if prev is not None:
            r = MonthDeaths(
                r.month,
                key,
                prev.incidents + r.incidents,
                prev.killed_min + r.killed_min,
                prev.killed_max + r.killed_max,
            )
        stacks[r.month][key] = r
    peak = max(sum(d.killed_min for d in s.values()) for s in stacks.values())
    top, step = nice_ceiling(peak)
    scale = chart.plot_height / top
    slot = chart.plot_width / len(months)
    bar_width = max(1.0, slot * 0.8)
    for i, month in enumerate(months):
        base = float(chart.top + chart.plot_height)
        for name in series:
            d = stacks[month].get(name)
            if d is None or d.killed_min <= 0:
                continue
            h = d.killed_min * scale
            base -= h
            figure = str(d.killed_min) if d.killed_min == d.killed_max else f"{d.killed_min}–{d.killed_max}"
            who = name or "Unknown belligerent"
            title = f"{month} · {who}: {figure} civilians killed in {d.incidents} incident" + (
                "" if d.incidents == 1 else "s"
            )
            chart.bars.append(
                Bar(chart.left + i * slot + (slot - bar_width) / 2, base, bar_width, h, colours[name], title)
            )
    every = max(1, math.ceil(len(months) / 12))
    chart.x_ticks = [Tick(chart.left + (i + 0.5) * slot, m) for i, m in enumerate(months) if i % every == 0]
    chart.y_ticks = _value_ticks(chart, top, step, scale)
    chart.legend = [(name or "Unknown belligerent", colours[name]) for name in series]
    return chart


def bar_list_chart(counts: list[tuple[str, int, str]], width: int = 460, row: int = 28) -> Chart:
    """Horizontal bars: (label, value, colour) per row, the value written beside its bar."""
    height = row * len(counts) + 8
    chart = Chart(width, height, left=130, top=4, plot_width=width - 190, plot_height=height - 8)
    peak = max((v for _, v, _ in counts), default=0)
    chart.empty = peak == 0
    for i, (label, value, colour) in enumerate(counts):
        y = chart.top + i * row
        w = chart.plot_width * value / peak if peak else 0
        chart.labels.append(Tick(y + row / 2, label))
        chart.bars.append(Bar(chart.left, y + 4, w, row - 8, colour, f"{label}: {value:,}"))
        chart.values.append(Bar(chart.left + w + 6, y + row / 2, 0, 0, "", f"{value:,}"))
    return chart


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _period_ticks(chart: Chart, periods: list[Period], unit: str, slot: float) -> list[Tick]:
    every = max(1, math.ceil(len(periods) / 10))
    short = unit == "week"  # "week of 2023-10-02" is too wide for an axis: the Monday alone
    return [
        Tick(chart.left + (i + 0.5) * slot, p.start.isoformat() if short else period_label(p.start, unit))
        for i, p in enumerate(periods)
        if i % every == 0
    ]


def _value_ticks(chart: Chart, top: float, step: float, scale: float) -> list[Tick]:
    return [
        Tick(chart.top + chart.plot_height - v * scale, f"{int(v):,}")
        for v in (k * step for k in range(round(top / step) + 1))
    ]


@dataclass(frozen=True, slots=True)
class _Frame:
    """A chart of one bar slot per period: where each bar goes and how tall a unit is."""

    chart: Chart
    scale: float
    slot: float
    bar_width: float

    def x(self, i: int) -> float:
        return self.chart.left + i * self.slot + (self.slot - self.bar_width) / 2

    def stack(self, i: int, parts: list[tuple[int, str, str]], href: str) -> None:
        """Period i's bar: (value, colour, title) parts from the bottom up; parts of 0 are left out."""
        base = float(self.chart.top + self.chart.plot_height)
        for value, colour, title in parts:
            if value <= 0:
                continue
            h = value * self.scale
            base -= h
            self.chart.bars.append(Bar(self.x(i), base, self.bar_width, h, colour, title, href))


def _period_frame(periods: list[Period], unit: str, peak: int, width: int, height: int) -> _Frame:
    """The axes for bars up to `peak` over these periods (an empty chart when the peak is 0)."""
    chart = Chart(width, height, left=48, top=12, plot_width=width - 60, plot_height=height - 50)
    if peak <= 0:
        chart.empty = True
        return _Frame(chart, 0.0, 0.0, 0.0)
    top, step = nice_ceiling(peak)
    scale = chart.plot_height / top
    slot = chart.plot_width / len(periods)
    chart.x_ticks = _period_ticks(chart, periods, unit, slot)
    chart.y_ticks = _value_ticks(chart, top, step, scale)
    return _Frame(chart, scale, slot, max(1.0, slot * 0.8))


def timeline_chart(
    periods: list[Period], unit: str, hrefs: list[str], width: int = 960, height: int = 260
) -> Chart:
    """Incidents per period stacked by grade (not graded at the bottom), each bar leading to `hrefs[i]`."""
    frame = _period_frame(periods, unit, max((p.incidents for p in periods), default=0), width, height)
    chart = frame.chart
    if chart.empty:
        return chart
    order = GRADE_ORDER
    for i, (p, href) in enumerate(zip(periods, hrefs, strict=True)):
        label = period_label(p.start, unit)
        parts = [
            (
                n,
                GRADE_COLOURS[grade],
                f"{label} · {grade or 'not graded'}: {_plural(n, 'incident')} (of {p.incidents:,})",
            )
            for grade in order
            if (n := p.by_grade.get(grade, 0)) > 0
        ]
        frame.stack(i, parts, href)
    present = {grade for p in periods for grade, n in p.by_grade.items() if n}
    chart.legend = [(grade or "not graded", GRADE_COLOURS[grade]) for grade in order if grade in present]
    return chart


def killed_chart(
    periods: list[Period], unit: str, hrefs: list[str], width: int = 960, height: int = 220
) -> Chart:
    """Civilians killed per period, stacked by the belligerent alleged (the five with most deaths over
    the periods, the rest as "Others"): the lowest reported counts, summed, Discounted left out."""
    frame = _period_frame(periods, unit, max((p.killed_min for p in periods), default=0), width, height)
    chart = frame.chart
    if chart.empty:
        return chart
    totals: dict[str, int] = {}
    for p in periods:
        for who, n in p.killed_by_belligerent.items():
            totals[who] = totals.get(who, 0) + n
    named, series, colours = _series(sorted(totals, key=lambda who: (-totals[who], who)))
    for i, (p, href) in enumerate(zip(periods, hrefs, strict=True)):
        stack: dict[str, int] = {}
        for who, n in p.killed_by_belligerent.items():
            key = who if who in named else "Others"
            stack[key] = stack.get(key, 0) + n
        label = period_label(p.start, unit)
        parts = [
            (
                n,
                colours[who],
                f"{label} · {who or 'unknown belligerent'}: {n:,} civilians killed (of {p.killed_min:,})",
            )
            for who in series
            if (n := stack.get(who, 0)) > 0
        ]
        frame.stack(i, parts, href)
    chart.legend = [(who or "Unknown belligerent", colours[who]) for who in series]
    return chart
