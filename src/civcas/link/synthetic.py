"""Synthetic extracted reports grouped into incidents, with the truth, for benchmarks and scale tests.

Distributions are shaped after the Syria sources (not copied from them): incidents 2014-2024 with
more in the peak war years, governorates weighted by how often they are reported, towns with real
coordinates, tolls with a long tail, a few reports per incident in English or Arabic, and the
extractor's typical failures (no date read, a date a day off, a wrong governorate, no toll). Each
report also carries what the later comparisons read: an injured figure, the places its text names
(the strike's town or village, often a second place nearby, now and then one from another story),
the kind of target struck, and for an undated report sometimes the weekday its text names. These
come from a second seeded stream, so the fields drawn before them stay as they were. Everything is
seeded, so a run can be repeated exactly.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from civcas.link.features import EPOCH, LinkRow, admin1_key, place_key, weekday_of

# (governorate, weight, towns: (English name, Arabic name, lat, lon))
GOVERNORATES: tuple[tuple[str, float, tuple[tuple[str, str, float, float], ...]], ...] = (
    ("Idlib", 0.26, (("Idlib", "إدلب", 35.93, 36.63), ("Maarat al-Numan", "معرة النعمان", 35.65, 36.67),
                     ("Saraqib", "سراقب", 35.86, 36.80), ("Ariha", "أريحا", 35.81, 36.61),
                     ("Sarmada", "سرمدا", 36.18, 36.72), ("Jisr al-Shughur", "جسر الشغور", 35.81, 36.32),
                     ("Khan Shaykhun", "خان شيخون", 35.44, 36.65), ("Binnish", "بنش", 35.95, 36.71))),
    ("Aleppo", 0.22, (("Aleppo", "حلب", 36.20, 37.16), ("Al-Bab", "الباب", 36.37, 37.52),
                      ("Manbij", "منبج", 36.53, 37.95), ("Azaz", "اعزاز", 36.59, 37.05),
                      ("Afrin", "عفرين", 36.51, 36.87), ("Atarib", "الأتارب", 36.14, 36.83),
                      ("Jarabulus", "جرابلس", 36.82, 38.01))),
    ("Raqqa", 0.10, (("Raqqa", "الرقة", 35.95, 39.01), ("Tabqa", "الطبقة", 35.84, 38.55),
                     ("Tal Abyad", "تل أبيض", 36.70, 38.95), ("Ain Issa", "عين عيسى", 36.38, 38.86))),
    ("Deir ez-Zor", 0.10, (("Deir ez-Zor", "دير الزور", 35.34, 40.14), ("Al Mayadin", "الميادين", 35.02, 40.45),
                           ("Al Bukamal", "البوكمال", 34.45, 40.92), ("Hajin", "هجين", 34.69, 40.83),
                           ("Al Susah", "السوسة", 34.55, 40.88))),
    ("Hasakah", 0.07, (("Al-Hasakah", "الحسكة", 36.50, 40.75), ("Qamishli", "القامشلي", 37.05, 41.22),
                       ("Ras al-Ayn", "رأس العين", 36.85, 40.07), ("Al-Shaddadi", "الشدادي", 36.06, 40.73))),
    ("Homs", 0.06, (("Homs", "حمص", 34.73, 36.72), ("Palmyra", "تدمر", 34.56, 38.27),
                    ("Al-Rastan", "الرستن", 34.93, 36.73), ("Talbiseh", "تلبيسة", 34.84, 36.73))),
    ("Hama", 0.07, (("Hama", "حماة", 35.13, 36.75), ("Kafr Zita", "كفرزيتا", 35.37, 36.60),
                    ("Al-Latamenah", "اللطامنة", 35.32, 36.63), ("Morek", "مورك", 35.38, 36.69))),
    ("Daraa", 0.04, (("Daraa", "درعا", 32.62, 36.10), ("Nawa", "نوى", 32.89, 36.04), ("Bosra", "بصرى", 32.52, 36.48))),
    ("Rif Dimashq", 0.05, (("Douma", "دوما", 33.57, 36.40), ("Harasta", "حرستا", 33.56, 36.37),
                           ("Zamalka", "زملكا", 33.52, 36.36), ("Arbin", "عربين", 33.54, 36.36))),
    ("Latakia", 0.03, (("Latakia", "اللاذقية", 35.52, 35.79), ("Kinsabba", "كنسبا", 35.66, 36.07))),
)  # fmt: skip
# Villages: most strikes hit places too small for a news headline. Names are built from common parts
# of Syrian place names, each with its Arabic spelling, so both scripts meet on one place key.
_VILLAGE_PARTS = (
    (("kafr", "كفر"), ("tal", "تل"), ("ain", "عين"), ("deir", "دير"), ("jabal", "جبل"), ("khirbet", "خربة"),
     ("beit", "بيت"), ("umm", "أم"), ("abu", "أبو"), ("ras", "رأس"), ("qasr", "قصر"), ("marj", "مرج"),
     ("jisr", "جسر"), ("bir", "بئر"), ("mazraat", "مزرعة")),
    (("hamra", "حمرا"), ("sultan", "سلطان"), ("nasr", "نصر"), ("batin", "بطين"), ("karim", "كريم"),
     ("salim", "سليم"), ("jabr", "جبر"), ("shams", "شمس"), ("nur", "نور"), ("zaid", "زيد"), ("rahman", "رحمن"),
     ("dib", "ديب"), ("khalil", "خليل"), ("hamid", "حميد"), ("saad", "سعد"), ("badr", "بدر"), ("qamar", "قمر"),
     ("zaytun", "زيتون"), ("rumman", "رمان"), ("tuffah", "تفاح"), ("basal", "بصل"), ("ward", "ورد"),
     ("ghazal", "غزال"), ("asad", "أسد"), ("nimr", "نمر"), ("dhahab", "ذهب"), ("fadda", "فضة"), ("milh", "ملح"),
     ("sukkar", "سكر"), ("hadid", "حديد")),
)  # fmt: skip


def _villages() -> dict[str, list[tuple[str, str, float, float]]]:
    """About 45 villages per governorate, scattered within ~40 km of its first town."""
    rng = random.Random(0)
    names = [(f"{a} {b}".title(), f"{aa} {bb}") for a, aa in _VILLAGE_PARTS[0] for b, bb in _VILLAGE_PARTS[1]]
    rng.shuffle(names)
    out: dict[str, list[tuple[str, str, float, float]]] = {}
    for i, (gov, _w, towns) in enumerate(GOVERNORATES):
        lat, lon = towns[0][2], towns[0][3]
        out[gov] = [(en, ar, lat + rng.uniform(-0.35, 0.35), lon + rng.uniform(-0.35, 0.35))
                    for en, ar in names[i :: len(GOVERNORATES)]]  # fmt: skip
    return out


VILLAGES = _villages()
BELLIGERENTS = (
    "Russian Military",
    "Syrian Regime",
    "US-led Coalition",
    "Turkish Military",
    "YPG/SDF",
    "Israeli Military",
)
EVENT_TYPES = ("airstrike", "shelling", "drone strike", "ground fighting")
TARGET_TYPES = ("market", "camp", "hospital", "school", "mosque", "vehicle", "bakery", "farm", "fuel")
FIRST = (
    "mohammed ahmad khaled omar ali hassan hussein ibrahim youssef mahmoud abdullah mustafa fatima aisha "
    "maryam zainab khadija amina noor huda rana"
).split()
FIRST_AR = (
    "محمد أحمد خالد عمر علي حسن حسين إبراهيم يوسف محمود عبدالله مصطفى فاطمة عائشة مريم زينب خديجة "
    "آمنة نور هدى رنا"
).split()
COMMON_EN = (
    "civilians killed airstrike warplanes bombed residential neighbourhood market hospital school "
    "children women family house mosque bakery shelling rockets regime russian coalition turkish "
    "drone wounded dead bodies rubble rescue white helmets local activists sources reported"
).split()
COMMON_AR = (
    "مدنيين قتلى غارة الطيران الحربي قصف حي سكني سوق مشفى مدرسة أطفال نساء عائلة منزل مسجد فرن "
    "صواريخ النظام الروسي التحالف التركي مسيرة جرحى ضحايا أنقاض الدفاع المدني ناشطون مصادر"
).split()
START = date(2014, 1, 1).toordinal() - EPOCH
END = date(2024, 12, 31).toordinal() - EPOCH
_YEAR_WEIGHT = {2014: 1.0, 2015: 1.6, 2016: 2.0, 2017: 2.2, 2018: 1.5, 2019: 1.3, 2020: 0.8,
                2021: 0.5, 2022: 0.4, 2023: 0.5, 2024: 0.6}  # fmt: skip


@dataclass(frozen=True, slots=True)
class SyntheticReport:
    row: LinkRow
    incident: int


@dataclass(frozen=True, slots=True)
class _Details:
    """An incident's facts that only some of its reports tell: injured, a second place, the target."""

    injured: int | None
    nearby: str | None
    target: str | None


def _details(rng: random.Random, gov: str) -> _Details:
    return _Details(
        injured=_toll(rng) + rng.randint(0, 4) if rng.random() < 0.6 else None,
        nearby=place_key(rng.choice(VILLAGES[gov])[0]) if rng.random() < 0.3 else None,
        target=rng.choice(TARGET_TYPES) if rng.random() < 0.4 else None,
    )


def _told(rng: random.Random, row: LinkRow, place: str | None, details: _Details, day: int) -> None:
    """Fill in what some reports of an incident tell: the injured figure, the places named, the target,
    and the weekday (its date's, or for an undated report now and then the one its text names)."""
    if details.injured is not None and rng.random() < 0.4:
        injured = details.injured if rng.random() < 0.6 else max(1, details.injured + rng.randint(-3, 5))
        row.injured_min = row.injured_max = injured
    # A place the geocoder could not resolve is seldom among the places it names.
    named = [
        k for k, p in ((place, 0.7 if row.place else 0.2), (details.nearby, 0.5)) if k and rng.random() < p
    ]
    if rng.random() < 0.05:
        named.append(place_key(rng.choice(VILLAGES[rng.choice(GOVERNORATES)[0]])[0]) or "")
    row.places_named = sorted({k for k in named if k}) or None
    if details.target and rng.random() < 0.6:
        row.target_types = [details.target]
    elif rng.random() < 0.1:
        row.target_types = [rng.choice(TARGET_TYPES)]
    if row.day_eff is not None:
        row.weekday = weekday_of(row.day_eff)
    elif rng.random() < 0.3:
        row.weekday = weekday_of(day)  # "today, Sunday"


def _incident_day(rng: random.Random) -> int:
    years = list(_YEAR_WEIGHT)
    year = rng.choices(years, weights=[_YEAR_WEIGHT[y] for y in years])[0]
    start = date(year, 1, 1).toordinal() - EPOCH
    return start + rng.randrange(365)


def _toll(rng: random.Random) -> int:
    # Most strikes kill one to three; a few kill dozens.
    return max(1, int(rng.paretovariate(1.3)))


def generate(n_reports: int, *, seed: int = 1) -> Iterator[SyntheticReport]:
    """`n_reports` synthetic extracted reports, incident by incident (1-8 reports each, mean about 2.5)."""
    rng = random.Random(seed)
    told = random.Random(seed * 7_919 + 1)  # the later fields' own stream (see the module's docstring)
    gov_weights = [g[1] for g in GOVERNORATES]
    made = 0
    incident = 0
    while made < n_reports:
        gov, _w, towns = rng.choices(GOVERNORATES, weights=gov_weights)[0]
        town = rng.choice(towns) if rng.random() < 0.4 else rng.choice(VILLAGES[gov])
        day = _incident_day(rng)
        bell = rng.choice(BELLIGERENTS)
        event = rng.choices(EVENT_TYPES, weights=(6, 3, 2, 1))[0]
        killed = _toll(rng)
        victims = [rng.randrange(len(FIRST)) for _ in range(rng.randint(0, 3))]
        # A street or neighbourhood name: the kind of rare word two retellings of one strike share.
        local = f"loc{rng.randrange(400_000)}"
        size = min(n_reports - made, 1 + min(7, int(rng.expovariate(1 / 1.5))))
        details = _details(told, gov)
        for _ in range(size):
            row = _report(rng, made, gov, town, day, bell, event, killed, victims, local)
            _told(told, row, place_key(town[0]), details, day)
            yield SyntheticReport(row, incident)
            made += 1
        incident += 1


def _report(
    rng: random.Random,
    uid: int,
    gov: str,
    town: tuple[str, str, float, float],
    day: int,
    bell: str,
    event: str,
    killed: int,
    victims: list[int],
    local: str,
) -> LinkRow:
    arabic = rng.random() < 0.85
    text_day: int | None = None
    r = rng.random()
    if r < 0.6:
        text_day = day
    elif r < 0.7:
        text_day = day + rng.choice((-1, 1))
    pub = day + rng.choice((0, 0, 1, 1, 2, 3)) if rng.random() < 0.5 else None
    admin1: str | None = gov
    if rng.random() < 0.08:
        admin1 = None
    elif rng.random() < 0.1:
        admin1 = rng.choice(GOVERNORATES)[0]
    located = admin1 == gov and rng.random() < 0.85
    toll = None
    if rng.random() < 0.45:
        toll = killed if rng.random() < 0.7 else max(1, killed + rng.randint(-2, 3))
    words = COMMON_AR if arabic else COMMON_EN
    tokens = rng.sample(words, 8)
    tokens += [(FIRST_AR if arabic else FIRST)[v] for v in victims]
    if rng.random() < 0.6:
        tokens.append(local)
    name = town[1] if arabic else town[0]
    return LinkRow(
        unique_id=uid,
        report_id=f"r{uid}",
        day=text_day,
        pub_day=pub,
        day_eff=text_day if text_day is not None else pub,
        date_from_text=text_day is not None,
        lat=town[2] + rng.uniform(-0.01, 0.01) if located else None,
        lon=town[3] + rng.uniform(-0.01, 0.01) if located else None,
        admin1=admin1_key(admin1),
        place=place_key(name) if located else None,
        belligerent=bell.split()[0].lower() if rng.random() < 0.85 else None,
        event_type=event if rng.random() < 0.7 else None,
        killed_min=toll,
        killed_max=toll,
        tokens=tokens,
        script="ar" if arabic else "latin",
    )
