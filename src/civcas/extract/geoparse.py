"""Find the places a report names and pick the place of the incident it reports.

One pass: fold the text token by token (see `gazetteer.fold_token`), run the Aho-Corasick
automaton of all gazetteer keys over the folded text, keep matches on word boundaries (Arabic
words may carry clitics such as "وب" or "لل" in front). Then resolve each mention to one entry,
preferring the countries and provinces the report itself names and places near the other
mentions, and pick the main place by cue words ("strike on X", "في بلدة X"), position and
precision.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate

from civcas.extract.gazetteer import (
    AR_PREFIXES,
    ARTICLES,
    CHAR_TABLE,
    COUNTRY,
    DISTRICT,
    NEIGHBOURHOOD,
    PROVINCE,
    TOKEN_RE,
    TOWN,
    VILLAGE,
    Entry,
    Gazetteer,
    KeyInfo,
    fold_token,
    load_gazetteer,
    norm_token,
)


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


# Cue words, in folded-by-CHAR_TABLE form (lower case, ة→ه, ى→ي, no hamza on alef).
def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


_AR_PLACE_NOUNS = _words("مدينه بلده قريه حي مخيم منطقه مزرعه ناحيه بلدات قري شارع مدن")
_AR_PLACE_WORDS = frozenset(p + w for w in _AR_PLACE_NOUNS for p in ("", *AR_PREFIXES) if p not in ("ال",))
_AR_AT = _words("في علي قرب بالقرب محيط اطراف داخل استهدف استهدفت")
# "عفرين شمال حلب", "40 km southeast of Deir ez-Zor": the place after these is a reference point.
_AR_DIRECTIONS = frozenset(
    p + w for w in _words("شمال جنوب شرق غرب شمالي جنوبي شرقي غربي") for p in ("", "ب", "و", "وب", "ل")
)
_EN_DIRECTIONS = _words(
    "north south east west northeast northwest southeast southwest km kilometres kilometers miles"
)
_AR_PROVINCE_BEFORE = frozenset(
    p + w for w in _words("ريف محافظه ارياف") for p in ("", *_words("و ب ل ف وب ول فب"))
)
_EN_AT = _words(
    "in on near at into outside around targeting targeted struck hit bombed shelled hitting striking inside"
)
_EN_PLACE_NOUNS = _words(
    "town village city camp neighbourhood neighborhood district area outskirts suburb vicinity villages towns"
)
_EN_PROVINCE_AFTER = _words("province governorate countryside provinces governorates region agency district")
_EN_PROVINCE_BEFORE = _words("rural province governorate countryside")
_EN_CITY_AFTER = _words("city")

# A name right after these (or before "family") is a person's: "Mohammed Salama", "عائلة سلامة".
_PERSON_BEFORE = _words(
    "mr mrs dr abu umm um bin ibn bint mohammed muhammad mohammad mohamed ahmed ahmad ali mahmoud khaled khalid"
    " omar hassan hussein ibrahim ismail youssef yousef yusuf abdullah abdel abdul abed said saeed salem salim"
    " mustafa yasser jamal nasser hamza hamad samir sami adel rami fadi wael walid tareq tariq ayman osama anas"
    " bilal nour noor fatima aisha maryam mariam amal asmaa huda hanan iman layla lina rana sara zainab reem"
    " عائله لعائله وعائله عائلات ال الشهيد الشهيده شهيد الطفل الطفله الشاب الشابه المواطن المواطنه السيد"
    " السيده الحاج الحاجه ابو ام بن بنت ابن الدكتور المهندس الاستاذ الصحفي المصور محمد احمد عبد حسن"
    " حسين خالد عمر محمود ابراهيم يوسف مصطفي سعيد"  # not علي: it is also على, "on"
)
_PERSON_AFTER = _words("family families clan tribe household brothers tv channel newspaper agency network")
# Capitalised words that may follow or precede a place name without making it a person's name.
_NAME_NEIGHBOURS = _words(
    "In At On Near The Of From To And Or City Camp Governorate Province District Area Strip Refugee Camp Town"
    " Village Neighbourhood Neighborhood Countryside North South East West Northern Southern Eastern Western"
    " Central Upper Lower Old New Rural Greater A An By For"
)

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


@dataclass(slots=True)
class _Folded:
    """The report as folded tokens joined by spaces, with the way back to the original text.

    Built with C-level loops only (findall, map, accumulate): a per-token Python loop would
    cost ten times a plain `re.findall(r"\\w+", text)`. Original spans are worked out only for
    the few tokens that start or end a match.
    """

    text: str
    starts: list[int]  # start of each kept (non-empty) token in `text`
    raw_index: list[int]  # index of each kept token in `raws`
    raws: list[str]  # every token of the report, articles included
    offsets: list[int]  # start of each raw token in the report
    cased: bool  # the text uses capitals, so Latin place names must be capitalised
    source: str  # the report

    def span(self, kept: int) -> tuple[int, int]:
        """Original span of a kept token."""
        ri = self.raw_index[kept]
        raw = self.raws[ri]
        cut = 2 if raw.endswith(("'s", "’s")) and len(raw) > 3 else 0  # "Mosul's"
        return self.offsets[ri], self.offsets[ri] + len(raw) - cut

    def word(self, raw: int) -> str:
        """Raw token `raw`, normalised (lower case, no tashkeel, ة→ه...)."""
        return norm_token(self.raws[raw])

    def article_start(self, kept: int) -> int:
        """Start of a kept token, or of the separate article right before it ("al-" Mayadin)."""
        ri = self.raw_index[kept]
        s = self.span(kept)[0]
        if ri > 0 and self.word(ri - 1) in ARTICLES:
            art = self.offsets[ri - 1]
            if s - (art + len(self.raws[ri - 1])) <= 1:
                return art
        return s


_UPPER = re.compile(r"[A-Z]")
_TOKEN_SPLIT = re.compile(f"({TOKEN_RE.pattern})")


def _fold_text(text: str) -> _Folded:
    pieces = _TOKEN_SPLIT.split(text)  # separator, token, separator, token, ..., separator
    raws = pieces[1::2]
    offsets = list(accumulate(map(len, pieces[:-1]), initial=0))[1::2]
    folded = list(map(fold_token, raws))
    raw_index = [i for i, tok in enumerate(folded) if tok]
    kept = [folded[i] for i in raw_index]
    starts = list(accumulate((len(tok) + 1 for tok in kept), initial=0))[:-1]
    cased = _UPPER.search(text) is not None
    return _Folded(" ".join(kept), starts, raw_index, raws, offsets, cased, text)


@dataclass(slots=True)
class _Mention:
    """A matched name: where it is, what cues surround it and the entry it resolved to."""

    start: int
    end: int
    token: int  # first kept token
    last_token: int
    key: KeyInfo
    key_id: int
    cue: float
    province_cue: bool
    city_cue: bool
    candidates: list[int] = field(default_factory=list)
    best: int = -1
    score: float = 0.0
    margin: float = 0.0
    weight: float = 0.0
    capital: bool = False  # the name is also a province's ("Idlib"): often the region, not the place


def _arabic_prefix_len(text: str, token_span: tuple[int, int], prefix: str) -> int:
    """Original characters taken by a clitic prefix (tashkeel may sit between its letters)."""
    seen, i = 0, token_span[0]
    while seen < len(prefix) and i < token_span[1]:
        if text[i].translate(CHAR_TABLE) != "\x7f":
            seen += 1
        i += 1
    return i - token_span[0]


_DATELINE = -3.0  # the cue of a dateline
_DATELINE_AFTER = re.compile(r"\s*(?:[-–—(/]|,\s*\w+\s+\d{1,2}\s*\()")


def _is_dateline(f: _Folded, first: int, last: int) -> bool:
    """'دمشق-( د ب أ )', 'ERBIL (Kurdistan 24) –': where the report was filed, not the incident."""
    ri = f.raw_index[first]
    if ri > 0 and not (ri == 1 and f.word(0) in ARTICLES):
        return False
    end = f.span(last)[1]
    return _DATELINE_AFTER.match(f.source, end) is not None


def _cues(f: _Folded, first: int, last: int, prefix: str) -> tuple[float, bool, bool]:
    """(strength of a 'strike on X' cue before the mention, province cue, city cue).

    The cue is negative for a reference point ("north of X") and -9 for a person's name.
    """
    ri = f.raw_index[first]
    before = [w for w in map(f.word, range(max(0, ri - 3), ri)) if w not in ARTICLES][-2:]
    after_i = f.raw_index[last] + 1
    after = f.word(after_i) if after_i < len(f.raws) else ""
    prev = before[-1] if before else ""
    if prev in _PERSON_BEFORE or after in _PERSON_AFTER:
        return -9.0, False, False
    prev2 = before[-2] if len(before) > 1 else ""
    cue = 0.0
    if _is_dateline(f, first, last):
        return _DATELINE, False, False
    if prev in _AR_PLACE_WORDS or prev in _EN_PLACE_NOUNS or (prev == "of" and prev2 in _EN_PLACE_NOUNS):
        cue = 1.0
    elif prev in _AR_DIRECTIONS or (prev in ("of", "from") and prev2 in _EN_DIRECTIONS):
        cue = -1.0
    elif prev in _AR_AT or prev in _EN_AT or prefix.startswith(("ب", "وب", "فب")):
        cue = 0.7
    if prev2 in _AR_PLACE_WORDS and cue < 0.5:
        cue = 0.5
    province = prev in _AR_PROVINCE_BEFORE or prev in _EN_PROVINCE_BEFORE or after in _EN_PROVINCE_AFTER
    city = prev.endswith("مدينه") or after in _EN_CITY_AFTER
    return cue, province, city


def _in_name_sequence(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word sits between other capitalised words on the same line."""
    after = text[end : end + 1] == " " and text[end + 1 : end + 2].isupper()
    if after:
        nxt = text[end + 1 : end + 16].split(" ", 1)[0].strip(".,;:'’")
        after = nxt not in _NAME_NEIGHBOURS
    before = start >= 2 and text[start - 1] == " " and text[start - 2].isalpha()
    if before:
        prv = text[max(0, start - 16) : start - 1].rsplit(" ", 1)[-1].strip("-'’")
        before = bool(prv) and prv[0].isupper() and prv not in _NAME_NEIGHBOURS
    return after or before


def _mentions(text: str, f: _Folded, gaz: Gazetteer) -> list[_Mention]:
    found: list[_Mention] = []
    for padded_end, kid in gaz.automaton.iter(f" {f.text} "):
        info = gaz.keys[kid]
        end = padded_end - 2  # last character of the name in f.text (see Gazetteer.pattern)
        start = end - info.length + 1
        ti = bisect_right(f.starts, start) - 1
        prefix = f.text[f.starts[ti] : start]
        if prefix and not (info.arabic and prefix in AR_PREFIXES):
            continue
        tj = bisect_right(f.starts, end) - 1
        s, e = f.span(ti)[0], f.span(tj)[1]
        if not info.arabic:
            if f.cased and not info.lower_ok and not text[s].isupper():
                continue
            s = f.article_start(ti)
            if f.cased and " " not in gaz.key_names[kid] and _in_name_sequence(text, s, e):
                continue  # "Maher Abu Khater", "Zuhair Saleh": a name among capitalised words
        elif prefix:
            s += _arabic_prefix_len(text, f.span(ti), prefix)
        cue, province, city = _cues(f, ti, tj, prefix)
        if cue < -5:
            continue  # a person's name
        if info.needs_cue and cue < 1.0:
            continue
        if not info.arabic and not f.cased and cue <= 0.0 and not province:
            continue  # in text without capitals, an English word is only a place after "in", "near"...
        found.append(_Mention(s, e, ti, tj, info, kid, cue, province, city, list(info.entries)))
    # Longest match wins: "Khan Younis camp" over "Khan Younis", "Gaza City" over "Gaza".
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[_Mention] = []
    for m in found:
        if kept and m.start < kept[-1].end:
            continue
        kept.append(m)
    return kept


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


def _filter_candidates(m: _Mention, gaz: Gazetteer) -> None:
    """Country names are countries; 'ريف X' / 'X province' is the province, 'X city' the town."""
    ents = gaz.entries
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


def _weak(m: _Mention, e: Entry) -> bool:
    """A lone village name with no cue: too often a common word or a person's name."""
    return (
        m.cue < 0.7
        and not e.curated
        and e.precision == VILLAGE
        and " " not in _key_text(m)
        and (e.population or 0) < 10_000
    )


def _key_text(m: _Mention) -> str:
    return load_gazetteer().key_names[m.key_id]


def _weight(m: _Mention, e: Entry) -> float:
    """How much a mention says about where the report is."""
    if _weak(m, e):
        return 0.3
    w = 1.0 + max(m.cue, 0.0)
    if e.precision in (PROVINCE, COUNTRY, DISTRICT):
        w += 1.0
    return w + (0.5 if m.margin >= 1.0 else 0.0)


def _resolve(mentions: list[_Mention], gaz: Gazetteer) -> dict[str, float]:
    """Pick each mention's entry; returns the weight of each zone (country) in the report."""
    ents = gaz.entries
    for m in mentions:
        _filter_candidates(m, gaz)
    named = {_zone(ents[m.candidates[0]]) for m in mentions if ents[m.candidates[0]].precision == COUNTRY}

    def pick(m: _Mention, extra: dict[int, float]) -> None:
        scored = sorted(
            (
                (_base(ents[i]) + extra.get(i, 0.0) + (1.5 if _zone(ents[i]) in named else 0.0), i)
                for i in m.candidates
            ),
            reverse=True,
        )
        m.score, m.best = scored[0]
        m.margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 3.0

    for m in mentions:
        pick(m, {})
    zones: dict[str, float] = {}
    votes: Counter[str] = Counter()
    for m in mentions:
        e = ents[m.best]
        m.weight = _weight(m, e)
        zones[_zone(e)] = zones.get(_zone(e), 0.0) + m.weight
        if e.admin1 and e.precision != COUNTRY and (m.margin >= 0.5 or e.precision == PROVINCE):
            votes[e.admin1] += 2 if e.precision == PROVINCE else 1
    # Second pass: the zone and provinces the rest of the report names, nearness to other places.
    anchors = [
        m for m in mentions if m.margin >= 1.0 and ents[m.best].precision in (TOWN, VILLAGE, NEIGHBOURHOOD)
    ]
    for m in mentions:
        if len(m.candidates) < 2:
            continue
        own = ents[m.best]
        own_vote = (2 if own.precision == PROVINCE else 1) if m.margin >= 0.5 else 0
        extra: dict[int, float] = {}
        for i in m.candidates:
            e = ents[i]
            bonus = 0.0
            if e.admin1 and votes.get(e.admin1, 0) - (own_vote if e.admin1 == own.admin1 else 0) > 0:
                bonus += 2.0
            zone_w = zones.get(_zone(e), 0.0) - (m.weight if _zone(e) == _zone(own) else 0.0)
            bonus += min(zone_w, 3.0) * 0.7
            if any(a is not m and _km(e, ents[a.best]) <= 30 for a in anchors):
                bonus += 1.0
            extra[i] = bonus
        pick(m, extra)
    zones.clear()
    for m in mentions:
        e = ents[m.best]
        m.weight = _weight(m, e)
        zones[_zone(e)] = zones.get(_zone(e), 0.0) + m.weight
    return zones


def _main_scores(
    mentions: list[_Mention], gaz: Gazetteer, text_len: int, zones: dict[str, float], body: int
) -> list[float]:
    ents = gaz.entries
    votes: Counter[str] = Counter()
    same: Counter[str] = Counter()
    for m in mentions:
        e = ents[m.best]
        same[e.name] += 1
        if e.admin1:
            votes[e.admin1] += 1
    top_zone = max(zones, key=lambda z: zones[z])
    top_w = zones[top_zone]
    out = []
    for m in mentions:
        e = ents[m.best]
        score = _PRECISION_BONUS.get(e.precision, 0.0) + W["cue"] * m.cue
        if m.start < body or m.cue <= _DATELINE:
            score -= 3.0  # in a page header or a dateline: not where it happened
        else:
            score += W["position"] * (1.0 - (m.start - body) / max(text_len - body, 1)) ** 2
        score += W["repeat"] * min(3, same[e.name] - 1)
        if not e.focus:
            score -= 3.0
        if _weak(m, e):
            score -= W["weak"]
        if e.admin1 and votes[e.admin1] > same[e.name]:
            score += W["admin1"]  # agrees with the province the rest of the report names
        zone = _zone(e)
        if zone == top_zone:
            score += W["zone"]
        elif zones.get(zone, 0.0) < top_w / 2:
            score -= W["abroad"]  # a namesake abroad ("Musa", "Salama" in a Gaza report)
        if m.capital and e.precision == TOWN:
            inside = any(
                o is not m
                and ents[o.best].admin1 == e.admin1
                and ents[o.best].name != e.name
                and ents[o.best].precision in (TOWN, VILLAGE, NEIGHBOURHOOD, DISTRICT)
                and not _weak(o, ents[o.best])
                for o in mentions
            )
            if inside:
                score -= W["capital"]  # "Sarmada, north of Idlib": the capital names the region
        if e.precision == TOWN:
            finer = any(
                ents[o.best].precision in (NEIGHBOURHOOD, VILLAGE)
                and not _weak(o, ents[o.best])
                and _km(e, ents[o.best]) <= 10
                for o in mentions
            )
            if finer:
                score -= W["finer"]  # "Shuja'iyya, east of Gaza City": the neighbourhood is the place
        out.append(score + min(m.margin, 2.0) * W["margin"])
    return out


_FACEBOOK_HEADER = re.compile(r"Shared with Public|['’]s Post")


def _body_start(text: str) -> int:
    """Where the post starts in a crawled Facebook page ("<Page> - <snippet> Facebook<Page>'s Post
    <Page><date> · Shared with Public<post>"): the page's name is no place of the incident."""
    head = text[:1500]
    found = [m.end() for m in _FACEBOOK_HEADER.finditer(head)]
    return max(found) if found else 0


def _matches(text: str) -> list[tuple[float, _Mention]]:
    gaz = load_gazetteer()
    f = _fold_text(text)
    mentions = _mentions(text, f, gaz)
    if not mentions:
        return []
    zones = _resolve(mentions, gaz)
    body = _body_start(text)
    scores = _main_scores(mentions, gaz, len(text), zones, body)
    ranked = list(zip(scores, mentions, strict=True))
    ranked.sort(key=lambda t: -t[0])
    return ranked


def _to_match(score: float, m: _Mention) -> PlaceMatch:
    e = load_gazetteer().entries[m.best]
    admin1 = e.admin1 if e.precision != COUNTRY else None
    return PlaceMatch(e.name, admin1, e.country, e.lat, e.lon, e.precision, (m.start, m.end), round(score, 3))


def find_places(text: str, language: str | None = None) -> list[PlaceMatch]:
    """Every place mention in `text`, resolved, best candidate for the report's place first."""
    del language  # both scripts are matched in any text; reports mix them
    return [_to_match(score, m) for score, m in _matches(text)]


def geoparse(text: str, language: str | None = None) -> PlaceMatch | None:
    """The main place of the report, or None when it names none."""
    del language
    ranked = _matches(text)
    return _to_match(*ranked[0]) if ranked else None
