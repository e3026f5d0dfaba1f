"""What the linker compares, written once: each level as portable SQL (for Splink) and as Python
(for scoring one new report in the service layer without a database engine).

A comparison's levels are tried in order, first match wins, exactly as Splink's CASE WHEN does; the
first level of each is its null level (no evidence either way: weight 0). Dates and distances are
plain arithmetic on integer days and degrees, so the SQL reads the same in DuckDB and Spark.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from civcas.link.features import cosine

Row = Mapping[str, Any]
Test = Callable[[Row, Row], bool]


@dataclass(frozen=True, slots=True)
class Level:
    label: str
    sql: str
    test: Test
    is_null: bool = False
    cosine_min: float | None = None
    """For text-similarity levels: the cosine of the two text vectors reaches this (splink_model writes
    each dialect's SQL)."""
    shares: str | None = None
    """For list levels: the two lists in this column share an element (splink_model writes each
    dialect's SQL; `sql` is DuckDB's)."""


@dataclass(frozen=True, slots=True)
class Comparison:
    name: str
    description: str
    columns: tuple[str, ...]
    levels: tuple[Level, ...]

    def level_of(self, left: Row, right: Row) -> int:
        """The index of the first level the pair meets (Splink's gamma counts from the last, 0 = else)."""
        for i, level in enumerate(self.levels):
            if level.test(left, right):
                return i
        return len(self.levels)


def _both(col: str) -> Test:
    return lambda a, b: a.get(col) is not None and b.get(col) is not None


def _either_null(*cols: str) -> Test:
    return lambda a, b: any(a.get(c) is None or b.get(c) is None for c in cols)


def _absdiff(col: str, n: float) -> Test:
    return lambda a, b: _both(col)(a, b) and abs(a[col] - b[col]) <= n


def _equal(col: str) -> Test:
    return lambda a, b: _both(col)(a, b) and a[col] == b[col]


def _null_sql(*cols: str) -> str:
    return " OR ".join(f"{c}_l IS NULL OR {c}_r IS NULL" for c in cols)


def _else() -> Level:
    return Level("All other comparisons", "ELSE", lambda a, b: True)


# --- date -------------------------------------------------------------------------------------

DATE = Comparison(
    name="date",
    description="Event date read from the text; publication date when the text gives none",
    columns=("day", "day_eff"),
    levels=(
        Level("Date unknown", _null_sql("day_eff"), _either_null("day_eff"), is_null=True),
        Level("Same date in both texts", "day_l = day_r", _equal("day")),
        # A publication date is the event's day about as often as a date read from the text.
        Level("Same day (publication date allowed)", "day_eff_l = day_eff_r", _equal("day_eff")),
        Level("Text dates a day apart", "abs(day_l - day_r) <= 1", _absdiff("day", 1)),
        Level(
            "A day apart (publication date allowed)",
            "abs(day_eff_l - day_eff_r) <= 1",
            _absdiff("day_eff", 1),
        ),
        Level(
            "Within 2 days (publication date allowed)",
            "abs(day_eff_l - day_eff_r) <= 2",
            _absdiff("day_eff", 2),
        ),
        Level("Within a week", "abs(day_eff_l - day_eff_r) <= 7", _absdiff("day_eff", 7)),
        Level("Within a month", "abs(day_eff_l - day_eff_r) <= 31", _absdiff("day_eff", 31)),
        _else(),
    ),
)

# --- weekday --------------------------------------------------------------------------------


def _weekday_unknown(a: Row, b: Row) -> bool:
    # Two dates already say whether the days agree: the weekday counts only where a date is missing.
    return (
        a.get("weekday") is None
        or b.get("weekday") is None
        or (a.get("day_eff") is not None and b.get("day_eff") is not None)
    )


WEEKDAY = Comparison(
    name="weekday",
    description='Day of the week, where one report gives no date but names the day ("today, Sunday")',
    columns=("weekday", "day_eff"),
    levels=(
        Level(
            "Weekday unknown, or both dated",
            "weekday_l IS NULL OR weekday_r IS NULL OR (day_eff_l IS NOT NULL AND day_eff_r IS NOT NULL)",
            _weekday_unknown,
            is_null=True,
        ),
        Level("Same weekday", "weekday_l = weekday_r", _equal("weekday")),
        _else(),
    ),
)

# --- place ------------------------------------------------------------------------------------

_KM_PER_DEGREE = 111.2


def _km(a: Row, b: Row) -> float:
    la1, lo1, la2, lo2 = (math.radians(x) for x in (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _within_km(km: float) -> Test:
    return lambda a, b: _both("lat")(a, b) and _both("lon")(a, b) and _km(a, b) <= km


def _km_sql(km: float) -> str:
    # Equirectangular distance: exact enough at tens of km, and plain arithmetic in every dialect.
    return (
        f"(lat_l IS NOT NULL AND lat_r IS NOT NULL AND "
        f"power((lat_l - lat_r) * {_KM_PER_DEGREE}, 2) + "
        f"power((lon_l - lon_r) * {_KM_PER_DEGREE} * cos(radians((lat_l + lat_r) / 2)), 2) <= {km * km})"
    )


PLACE = Comparison(
    name="place",
    description="Place name (across scripts), distance between geocoded points, governorate",
    columns=("place", "lat", "lon", "admin1"),
    levels=(
        Level(
            "Place unknown",
            "(place_l IS NULL OR place_r IS NULL) AND (lat_l IS NULL OR lat_r IS NULL) "
            "AND (admin1_l IS NULL OR admin1_r IS NULL)",
            lambda a, b: (
                _either_null("place")(a, b) and _either_null("lat")(a, b) and _either_null("admin1")(a, b)
            ),
            is_null=True,
        ),
        Level("Same place name", "place_l = place_r", _equal("place")),
        Level("Within 5 km", _km_sql(5), _within_km(5)),
        Level("Within 25 km", _km_sql(25), _within_km(25)),
        Level("Same governorate", "admin1_l = admin1_r", _equal("admin1")),
        _else(),
    ),
)

# --- who and what -----------------------------------------------------------------------------


def _exact(col: str, description: str) -> Comparison:
    return Comparison(
        name=col,
        description=description,
        columns=(col,),
        levels=(
            Level(f"{col} unknown", _null_sql(col), _either_null(col), is_null=True),
            Level(f"Same {col}", f"{col}_l = {col}_r", _equal(col)),
            _else(),
        ),
    )


BELLIGERENT = _exact("belligerent", "The party said to have struck")
EVENT_TYPE = _exact("event_type", "Airstrike, shelling, drone strike...")


def _ranges_overlap(lo: str, hi: str) -> Test:
    return lambda a, b: bool(a[lo] <= b[hi] and b[lo] <= a[hi])


def _close_figures(hi: str) -> Test:
    # Tolls rise as the injured die and bodies are found: a later report's figure may be larger.
    def test(a: Row, b: Row) -> bool:
        low, high = sorted((a[hi], b[hi]))
        return bool(high <= 2 * low + 2)

    return test


def _figures(name: str, description: str, what: str, prefix: str) -> Comparison:
    """A count given as a min-max range (`{prefix}_min`, `{prefix}_max`): the same, overlapping, within a
    factor of two (plus two), or further apart."""
    lo, hi = f"{prefix}_min", f"{prefix}_max"
    return Comparison(
        name=name,
        description=description,
        columns=(lo, hi),
        levels=(
            Level(f"{what.capitalize()} unknown", _null_sql(lo, hi), _either_null(lo, hi), True),
            Level(
                f"Same {what}",
                f"{lo}_l = {lo}_r AND {hi}_l = {hi}_r",
                lambda a, b: bool(a[lo] == b[lo] and a[hi] == b[hi]),
            ),
            Level("Ranges overlap", f"{lo}_l <= {hi}_r AND {lo}_r <= {hi}_l", _ranges_overlap(lo, hi)),
            Level(
                f"{what.capitalize()}s within a factor of two",
                f"greatest({hi}_l, {hi}_r) <= 2 * least({hi}_l, {hi}_r) + 2",
                _close_figures(hi),
            ),
            _else(),
        ),
    )


KILLED = _figures(
    "killed", "Civilians (or, failing that, people) killed, as a min-max range", "toll", "killed"
)
INJURED = _figures(
    "injured",
    "People injured, as a min-max range: a second figure that two reports of one strike often share "
    "(m: same 0.21, overlapping 0.14, within a factor of two 0.42)",
    "injured figure",
    "injured",
)


# --- places named, target types ---------------------------------------------------------------


def _shared(col: str) -> Test:
    return lambda a, b: not set(a[col]).isdisjoint(b[col])


def _lists(name: str, description: str, col: str, what: str) -> Comparison:
    """Two lists of keys (`col`): unknown where either is empty (or missing, as in rows stored before
    the column existed), they share one, or both are given and share none."""
    return Comparison(
        name=name,
        description=description,
        columns=(col,),
        levels=(
            Level(
                f"{what.capitalize()} unknown",
                _null_sql(col),
                lambda a, b: not a.get(col) or not b.get(col),
                is_null=True,
            ),
            Level(f"Share a {what}", f"list_has_any({col}_l, {col}_r)", _shared(col), shares=col),
            _else(),
        ),
    )


PLACES_NAMED = _lists(
    "places_named",
    "The villages, towns and neighbourhoods both texts name (provincial capitals left out): "
    "one shared, or none",
    "places_named",
    "place named",
)
TARGET_TYPES = _lists(
    "target_types",
    "What both texts say was struck (market, camp, hospital, school, mosque, vehicle, bakery, "
    "civil defence, farm, fuel): one kind shared, or none",
    "target_types",
    "target type",
)


# --- text -------------------------------------------------------------------------------------

TEXT_SIMILAR = (0.2, 0.1, 0.05)
"""Cosine levels of two texts' vectors. In the bundled model (the Syria dev sources) two reports of one
incident fall in the 0.2 and the 0.1 level about 17 and 24 times as often as two reports picked at
random, in the 0.05 level about 7 times."""


class _LastCosine(threading.local):
    """The last pair compared and its cosine, per thread: `level_of` tries the levels in turn on one
    pair, and the cosine is worked out once for all of them."""

    words: tuple[Any, Any] = (None, None)
    value = 0.0


_last = _LastCosine()


def _text_cosine(a: Row, b: Row) -> float:
    words = (a["text_words"], b["text_words"])
    if _last.words[0] is not words[0] or _last.words[1] is not words[1]:
        _last.value = cosine(words[0], a["text_weights"], words[1], b["text_weights"])
        _last.words = words
    return _last.value


def _alike(c: float) -> Test:
    return lambda a, b: _text_cosine(a, b) >= c


TEXT = Comparison(
    name="text",
    description="How alike two texts are: the cosine of their words weighted by rarity (victims' names, "
    "villages, units, whole retold sentences), script-folded",
    columns=("text_words", "text_weights", "script"),
    levels=(
        Level(
            "No rare words, or texts in different scripts",
            # The weights are named here too: Splink reads which columns a level uses from its SQL, and
            # misses those inside the cosine's lambda.
            "text_words_l IS NULL OR text_words_r IS NULL OR text_weights_l IS NULL OR text_weights_r IS NULL "
            "OR script_l <> script_r",
            lambda a, b: (
                not a.get("text_words") or not b.get("text_words") or a.get("script") != b.get("script")
            ),
            is_null=True,
        ),
        *(Level(f"Texts alike (cosine ≥ {c:g})", "", _alike(c), cosine_min=c) for c in TEXT_SIMILAR),
        _else(),
    ),
)

COMPARISONS: tuple[Comparison, ...] = (
    DATE,
    WEEKDAY,
    PLACE,
    PLACES_NAMED,
    BELLIGERENT,
    EVENT_TYPE,
    TARGET_TYPES,
    KILLED,
    INJURED,
    TEXT,
)
