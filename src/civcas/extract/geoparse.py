"""Pick the place of the incident a report is about, among the places it names.

`gazetteer_match` finds the mentions. Each is resolved to one gazetteer entry, preferring the
country and provinces the rest of the report names and places near its other mentions; then
the main place is the mention with the best cue ("strike on X", "في بلدة X"), position,
precision and agreement with the rest, with datelines, page headers, reference points ("north
of X") and provincial capitals that only name the region set back.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from civcas.extract.gazetteer import (
    COUNTRY,
    DISTRICT,
    NEIGHBOURHOOD,
    PROVINCE,
    TOWN,
    VILLAGE,
    Entry,
    Gazetteer,
    load_gazetteer,
    norm_token,
)
from civcas.extract.gazetteer_match import DATELINE, Mention, find_mentions, fold_text


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """A place named in a report, resolved to a gazetteer entry."""

    place: str
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    geo_precision: str
    span: tuple[int, int]
    score: float


_PRECISION_BONUS = {NEIGHBOURHOOD: 2.0, VILLAGE: 1.8, TOWN: 1.5, DISTRICT: 1.0, PROVINCE: 0.5, COUNTRY: -1.0}
# Weights of the main-place score, set by hand and checked on the development data.
W = {
    "cue": 0.75,
    "position": 2.25,
    "repeat": 0.2,
    "weak": 5.0,
    "admin1": 0.8,
    "zone": 1.5,
    "abroad": 0.0,
    "capital": 1.5,
    "finer": 1.0,
    "margin": 0.3,
}


def _km(a: Entry, b: Entry) -> float:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    dlat = a.lat - b.lat
    dlon = (a.lon - b.lon) * math.cos(math.radians(a.lat))
    return 111.2 * math.hypot(dlat, dlon)


def _zone(e: Entry) -> str:
    """The theatre a place belongs to: its country, with the West Bank apart from Gaza."""
    if e.country == "PS" and e.admin1 == "West Bank":
        return "PS-WE"
    return e.country or ""


def _base(e: Entry) -> float:
    """Prior of an entry before context: bigger and monitored places first."""
    if e.precision == COUNTRY:
        score = 1.0
    elif e.precision in (PROVINCE, DISTRICT, NEIGHBOURHOOD):
        score = 3.0
    else:
        score = 1.0 + 0.6 * math.log10(max(e.population or 5_000, 300))
    return score + (1.0 if e.focus else -1.0) + (0.3 if e.curated else 0.0)


@dataclass(frozen=True, slots=True)
class _Priors:
    """What the scoring needs of every entry, worked out once per gazetteer (5,900 entries, ~2 ms)."""

    base: list[float]  # _base
    zone: list[str]  # _zone


@lru_cache(maxsize=2)
def _priors(gaz: Gazetteer) -> _Priors:
    return _Priors([_base(e) for e in gaz.entries], [_zone(e) for e in gaz.entries])


def _filter_candidates(m: Mention, gaz: Gazetteer) -> None:
    """Country names are countries; 'ريف X' / 'X province' is the province, 'X city' the town."""
    ents = gaz.entries
    if len(m.candidates) == 1:  # most names: nothing to filter
        m.capital = ents[m.candidates[0]].precision == PROVINCE
        return
    m.capital = any(ents[i].precision == PROVINCE for i in m.candidates)
    countries = [i for i in m.candidates if ents[i].precision == COUNTRY]
    if countries:
        m.candidates = countries
        return
    if m.province_cue:
        prov = [i for i in m.candidates if ents[i].precision in (PROVINCE, DISTRICT)]
        if prov:
            m.candidates = prov
            return
    if len({ents[i].precision == PROVINCE for i in m.candidates}) > 1:
        m.candidates = [i for i in m.candidates if ents[i].precision != PROVINCE]
    if m.city_cue:
        towns = [i for i in m.candidates if ents[i].precision in (TOWN, VILLAGE)]
        if towns:
            m.candidates = towns


def _weak(m: Mention, e: Entry) -> bool:
    """A lone village name with no cue: too often a common word or a person's name."""
    return (
        m.cue < 0.7
        and not e.curated
        and e.precision == VILLAGE
        and m.single_word
        and (e.population or 0) < 10_000
    )


def _weight(m: Mention, e: Entry) -> float:
    """How much a mention says about where the report is."""
    if _weak(m, e):
        return 0.3
    w = 1.0 + max(m.cue, 0.0)
    if e.precision in (PROVINCE, COUNTRY, DISTRICT):
        w += 1.0
    return w + (0.5 if m.margin >= 1.0 else 0.0)


def _resolve(mentions: list[Mention], gaz: Gazetteer) -> dict[str, float]:
    """Pick each mention's entry; returns the weight of each zone (country) in the report."""
    ents = gaz.entries
    priors = _priors(gaz)
    base, zone = priors.base, priors.zone
    for m in mentions:
        _filter_candidates(m, gaz)
    named = {zone[m.candidates[0]] for m in mentions if ents[m.candidates[0]].precision == COUNTRY}

    def pick(m: Mention, extra: dict[int, float]) -> None:
        if len(m.candidates) == 1:
            i = m.candidates[0]
            m.score, m.best = base[i] + extra.get(i, 0.0) + (1.5 if zone[i] in named else 0.0), i
            m.margin = 3.0
            return
        scored = sorted(
            ((base[i] + extra.get(i, 0.0) + (1.5 if zone[i] in named else 0.0), i) for i in m.candidates),
            reverse=True,
        )
        m.score, m.best = scored[0]
        m.margin = scored[0][0] - scored[1][0]

    for m in mentions:
        pick(m, {})
    zones: dict[str, float] = {}
    # Plain dicts rather than Counters: Counter's methods are Python even where this module is compiled.
    votes: dict[str, int] = {}
    for m in mentions:
        e = ents[m.best]
        m.weight = _weight(m, e)
        zones[zone[m.best]] = zones.get(zone[m.best], 0.0) + m.weight
        if e.admin1 and e.precision != COUNTRY and (m.margin >= 0.5 or e.precision == PROVINCE):
            votes[e.admin1] = votes.get(e.admin1, 0) + (2 if e.precision == PROVINCE else 1)
    # Second pass: the zone and provinces the rest of the report names, nearness to other places.
    anchors = [
        m for m in mentions if m.margin >= 1.0 and ents[m.best].precision in (TOWN, VILLAGE, NEIGHBOURHOOD)
    ]
    # The anchors' entries with how many anchors stand on each, kept as anchors are picked again below:
    # a report naming one town thousands of times compares each candidate with that town once, not
    # with every mention of it (which made such a report's geoparse quadratic).
    is_anchor = {id(a) for a in anchors}
    anchored: dict[int, int] = {}
    for a in anchors:
        anchored[a.best] = anchored.get(a.best, 0) + 1
    close: dict[tuple[int, int], bool] = {}

    def near_anchor(i: int, m: Mention) -> bool:
        """Candidate i lies within 30 km of an anchor other than m."""
        e = ents[i]
        for b, n in anchored.items():
            if n - (1 if b == m.best and id(m) in is_anchor else 0) <= 0:
                continue
            near = close.get((i, b))
            if near is None:
                near = close[(i, b)] = _km(e, ents[b]) <= 30
            if near:
                return True
        return False

    for m in mentions:
        if len(m.candidates) < 2:
            continue
        own = ents[m.best]
        own_vote = (2 if own.precision == PROVINCE else 1) if m.margin >= 0.5 else 0
        extra: dict[int, float] = {}
        own_zone = zone[m.best]
        for i in m.candidates:
            e = ents[i]
            bonus = 0.0
            if e.admin1 and votes.get(e.admin1, 0) - (own_vote if e.admin1 == own.admin1 else 0) > 0:
                bonus += 2.0
            zone_w = zones.get(zone[i], 0.0) - (m.weight if zone[i] == own_zone else 0.0)
            bonus += min(zone_w, 3.0) * 0.7
            if near_anchor(i, m):
                bonus += 1.0
            extra[i] = bonus
        was = m.best
        pick(m, extra)
        if id(m) in is_anchor and m.best != was:
            anchored[was] -= 1
            anchored[m.best] = anchored.get(m.best, 0) + 1
    zones.clear()
    for m in mentions:
        m.weight = _weight(m, ents[m.best])
        zones[zone[m.best]] = zones.get(zone[m.best], 0.0) + m.weight
    return zones


def _main_scores(
    mentions: list[Mention], gaz: Gazetteer, text_len: int, zones: dict[str, float], body: int, end: int
) -> list[float]:
    ents = gaz.entries
    zone_of = _priors(gaz).zone
    votes: dict[str, int] = {}
    same: dict[str, int] = {}
    for m in mentions:
        e = ents[m.best]
        same[e.name] = same.get(e.name, 0) + 1
        if e.admin1:
            votes[e.admin1] = votes.get(e.admin1, 0) + 1
    top_zone = max(zones, key=lambda z: zones[z])
    top_w = zones[top_zone]
    weak = [_weak(o, ents[o.best]) for o in mentions]
    # The mentions the capital and finer-place rules look at, filtered once instead of once per town.
    strong = [(o, ents[o.best]) for o, o_weak in zip(mentions, weak, strict=True) if not o_weak]
    inner = [(o, oe) for o, oe in strong if oe.precision in (TOWN, VILLAGE, NEIGHBOURHOOD, DISTRICT)]
    # Each place once (a report repeats its names); a town's answer is the same at each mention.
    fine = list({id(oe): oe for _, oe in strong if oe.precision in (NEIGHBOURHOOD, VILLAGE)}.values())
    has_finer: dict[int, bool] = {}
    capital_inside: dict[int, bool] = {}
    out = []
    # The weights read once per report, not once per mention (the same values, so the same sums).
    w_cue, w_position, w_repeat, w_weak = W["cue"], W["position"], W["repeat"], W["weak"]
    w_admin1, w_zone, w_abroad, w_margin = W["admin1"], W["zone"], W["abroad"], W["margin"]
    body_len = max(text_len - body, 1)
    for m, m_weak in zip(mentions, weak, strict=True):
        e = ents[m.best]
        score = _PRECISION_BONUS.get(e.precision, 0.0) + w_cue * m.cue
        if m.start < body or m.start >= end or m.cue <= DATELINE:
            score -= 3.0  # in a page header, the comments or a dateline: not where it happened
        else:
            score += w_position * (1.0 - (m.start - body) / body_len) ** 2
        score += w_repeat * min(3, same[e.name] - 1)
        if not e.focus:
            score -= 3.0
        if m_weak:
            score -= w_weak
        if e.admin1 and votes[e.admin1] > same[e.name]:
            score += w_admin1  # agrees with the province the rest of the report names
        zone = zone_of[m.best]
        if zone == top_zone:
            score += w_zone
        elif zones.get(zone, 0.0) < top_w / 2:
            score -= w_abroad  # a namesake abroad ("Musa", "Salama" in a Gaza report)
        if m.capital and e.precision == TOWN:
            # Another place of the same province (never m itself, whose name is e's): once per town.
            inside = capital_inside.get(m.best)
            if inside is None:
                inside = capital_inside[m.best] = any(
                    oe.admin1 == e.admin1 and oe.name != e.name for _, oe in inner
                )
            if inside:
                score -= W["capital"]  # "Sarmada, north of Idlib": the capital names the region
        if e.precision == TOWN:
            finer = has_finer.get(m.best)
            if finer is None:
                finer = has_finer[m.best] = any(_km(e, oe) <= 10 for oe in fine)
            if finer:
                score -= W["finer"]  # "Shuja'iyya, east of Gaza City": the neighbourhood is the place
        out.append(score + min(m.margin, 2.0) * w_margin)
    return out


# Literal branches only: `re` then skips ahead to their first letters at C speed.
_FACEBOOK_HEADER = re.compile(r"Shared with Public|'s Post|’s Post")


# A crawled X post: "Post Post <display name>@<handle><post>", the handle (at most 15 characters)
# glued to the post. An account named after a place ("Aleppo Today", "ديرالزور24") names no incident.
_X_HEADER = re.compile(r"\s*Post\s+Post\s+[^\n@]{1,80}@[A-Za-z0-9_]{1,15}")


def _body_start(text: str) -> int:
    """Where the post starts in a crawled Facebook page ("<Page> - <snippet> Facebook<Page>'s Post
    <Page><date> · Shared with Public<post>") or X post: the page's name is no place of the incident."""
    head = text[:1500]
    found = [m.end() for m in _FACEBOOK_HEADER.finditer(head)]
    x = _X_HEADER.match(head)
    if x:
        found.append(x.end())
    return max(found) if found else 0


# --- "X in Y countryside": the province a report names right after a place ---------------------

# Words that may stand between a place and the province that qualifies it ("قرية X بريف حماة
# الشمالي", "X, in the southern Idlib countryside", "X شمال حلب"), as `norm_token` writes them.
_QUALIFIER_GLUE = frozenset(
    (
        "في ب ف بال ضمن شمال جنوب شرق غرب شمالي جنوبي شرقي غربي الشمالي الجنوبي الشرقي الغربي"
        " in of the rural countryside province governorate north south east west northern southern"
        " eastern western northeast northwest southeast southwest"
    ).split()
)
_GLUE_TOKEN = re.compile(r"[^\W\d_]+")
_GLUE_PUNCT = re.compile(r"[\s,،(\-–—]*")
_NO_NAMESAKE = 100_000  # people: a place this big is the one meant, whatever region follows
_QUALIFIER_GAP = 40  # characters: a qualifier further off belongs to another sentence or place


def _qualifier(text: str, m: Mention, nxt: Mention | None, gaz: Gazetteer) -> Entry | None:
    """The province qualifying a town or village ("X بريف حماة", "X, Idlib province") when the
    gazetteer put the place in another province: the report's word beats a namesake's entry."""
    if nxt is None or nxt.start - m.end > _QUALIFIER_GAP:
        return None
    ents = gaz.entries
    e, q = ents[m.best], ents[nxt.best]
    if e.precision not in (TOWN, VILLAGE, NEIGHBOURHOOD) or not q.admin1 or q.admin1 == e.admin1:
        return None
    if (e.population or 0) >= _NO_NAMESAKE:
        return None  # "Gaza City, northern Gaza": a city is no namesake; the region is loosely named
    if q.precision != PROVINCE and not (nxt.capital or nxt.province_cue):
        return None  # a town of its own ("X and Y"), not the region
    if q.country != e.country:
        return None
    gap = text[m.end : nxt.start]
    words = [norm_token(w) for w in _GLUE_TOKEN.findall(gap)]
    if not words or len(words) > 4 or any(w not in _QUALIFIER_GLUE for w in words):
        return None  # nothing between ("X Y" is another name) or a sentence between
    if _GLUE_PUNCT.fullmatch(_GLUE_TOKEN.sub(" ", gap)) is None:
        return None  # "X. Y", "X: Y": not one phrase
    return q


def _qualified(text: str, ranked: list[tuple[float, Mention]], mentions: list[Mention]) -> PlaceMatch | None:
    """The main place, moved into the province the report names right after it (see `_qualifier`):
    a namesake there if the gazetteer has one, else the province itself under the place's name."""
    score, m = ranked[0]
    gaz = load_gazetteer()
    at = mentions.index(m)
    q = _qualifier(text, m, mentions[at + 1] if at + 1 < len(mentions) else None, gaz)
    if q is None:
        return None
    ents = gaz.entries
    same = [i for i in m.candidates if ents[i].admin1 == q.admin1]
    if same:
        e = ents[same[0]]
        return PlaceMatch(
            e.name, e.admin1, e.country, e.lat, e.lon, e.precision, (m.start, m.end), round(score, 3)
        )
    lat, lon = _province_point(q, gaz)
    name = ents[m.best].name
    return PlaceMatch(name, q.admin1, q.country, lat, lon, PROVINCE, (m.start, m.end), round(score, 3))


def _province_point(q: Entry, gaz: Gazetteer) -> tuple[float | None, float | None]:
    """Coordinates of the province `q` stands for (a capital names its province here)."""
    if q.precision == PROVINCE:
        return q.lat, q.lon
    return _province_points(gaz).get((q.admin1, q.country), (q.lat, q.lon))


@lru_cache(maxsize=2)
def _province_points(
    gaz: Gazetteer,
) -> dict[tuple[str | None, str | None], tuple[float | None, float | None]]:
    """Each province's coordinates by (admin1, country): the first province entry, as a scan would find it."""
    points: dict[tuple[str | None, str | None], tuple[float | None, float | None]] = {}
    for e in gaz.entries:
        if e.precision == PROVINCE:
            points.setdefault((e.admin1, e.country), (e.lat, e.lon))
    return points


# Where a crawled Facebook post's comments begin: the page's buttons ("LikeComment", "Most relevant")
# or the first comment's age stamp glued to the next commenter's name ("...40wRoula", "1yعامر").
# Commenters' names and their towns are no place of the incident ("صلاح الدين" is also a town).
_COMMENTS = re.compile(
    r"Like\s*Comment|Most relevant|All comments|(?<![0-9A-Za-z:/])\d{1,2}[ywdh]\d{0,3}(?=[^\W\d_a-z])"
)


def _body_end(text: str, body: int) -> int:
    """Where the report's own text ends: at the comments of a crawled Facebook post, else its end."""
    if body == 0 or not _FACEBOOK_HEADER.search(text, 0, 1500):
        return len(text)
    found = _COMMENTS.search(text, body)
    return found.start() if found else len(text)


def _ranked(text: str) -> tuple[list[tuple[float, Mention]], list[Mention]]:
    gaz = load_gazetteer()
    f = fold_text(text)
    mentions = find_mentions(text, f, gaz)
    if not mentions:
        return [], []
    zones = _resolve(mentions, gaz)
    body = _body_start(text)
    scores = _main_scores(mentions, gaz, len(text), zones, body, _body_end(text, body))
    ranked = list(zip(scores, mentions, strict=True))
    ranked.sort(key=lambda t: -t[0])
    return ranked, mentions


def _matches(text: str) -> list[tuple[float, Mention]]:
    return _ranked(text)[0]


def _to_match(score: float, m: Mention) -> PlaceMatch:
    e = load_gazetteer().entries[m.best]
    admin1 = e.admin1 if e.precision != COUNTRY else None
    return PlaceMatch(e.name, admin1, e.country, e.lat, e.lon, e.precision, (m.start, m.end), round(score, 3))


def find_places(text: str, language: str | None = None) -> list[PlaceMatch]:
    """Every place mention in `text`, resolved, best candidate for the report's place first."""
    del language  # both scripts are matched in any text; reports mix them
    ranked, mentions = _ranked(text)
    out = [_to_match(score, m) for score, m in ranked]
    if ranked:
        out[0] = _qualified(text, ranked, mentions) or out[0]
    return out


def geoparse(text: str, language: str | None = None) -> PlaceMatch | None:
    """The main place of the report, or None when it names none."""
    return geoparse_named(text, language)[0]


def geoparse_named(
    text: str, language: str | None = None
) -> tuple[PlaceMatch | None, list[str], list[tuple[int, int]]]:
    """The main place of the report (None when it names none), the places it names (`named_places`)
    and where it names them, from one pass over its mentions."""
    del language
    ranked, mentions = _ranked(text)
    if not ranked:
        return None, [], []
    names, spans = named_places(mentions)
    return _qualified(text, ranked, mentions) or _to_match(*ranked[0]), names, spans


def named_places(mentions: list[Mention]) -> tuple[list[str], list[tuple[int, int]]]:
    """The villages, towns and neighbourhoods a report names, each once, in the order it first names
    them: the gazetteer names its mentions resolved to; and the spans of those mentions, every one.
    A provincial capital ("Idlib", "Deir ez-Zor") is left out: it names its province as often as the
    city, and two reports of one region share it."""
    ents = load_gazetteer().entries
    out: dict[str, None] = {}
    spans: list[tuple[int, int]] = []
    for m in mentions:
        e = ents[m.best]
        if e.precision in (TOWN, VILLAGE, NEIGHBOURHOOD) and not m.capital:
            out.setdefault(e.name, None)
            spans.append((m.start, m.end))
    return list(out), spans
