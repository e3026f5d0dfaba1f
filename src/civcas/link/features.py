"""Turn one report (its Extraction plus the raw record) into the flat row the linker compares.

Everything here is script-neutral on purpose: an Arabic post and an English article about the same
strike must meet on the same keys, so place names get a folded key *and* a consonant skeleton that an
Arabic spelling and its Latin transliteration share, and text is reduced to folded content tokens.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from civcas.model.extraction import Extraction, IncidentFacts
from civcas.model.vocabulary import DatePrecision

EPOCH = date(1970, 1, 1).toordinal()
TOKENS_PER_REPORT = 24
"""Distinctive tokens kept per report: enough to catch shared names, few enough to block on."""
VECTOR_WORDS = 256
"""Words kept in a report's text vector, the heaviest (rarest) first. On the dev sources a long page's other
words change no link: its vector of 256 and of all its words score alike (top 64: most of the gain
of comparing texts is lost)."""
VECTOR_MIN_DOCS = 50
"""Reports a set (or an archive) must hold before rarity, and so a text vector, means anything."""
COMMON_SHARE = 0.05
"""A word in more than this share of reports says nothing about which event a report tells."""

# --- character and token normalisation --------------------------------------------------------

_AR_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ئ": "ي",
        "ؤ": "و",
        "ک": "ك",
        "ی": "ي",
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)
_MARKS = re.compile("[\u064b-\u0652\u0670\u0640\u200c-\u200f]")
# Dots and stars inside an Arabic word ("قـ.ـتـ.ل"): posters break words a platform filters on. A dot
# between two long words with no space is more likely a full stop, so it joins only where a tatweel
# touches it or a piece is at most three letters.
_BROKEN_WORD = re.compile(r"[\u0621-\u064a\u0640]+(?:[.*]+[\u0621-\u064a\u0640]+)+")
_BREAK = re.compile(r"[.*]+")


def _mend(match: re.Match[str]) -> str:
    parts = _BREAK.split(match.group())
    out = parts[0]
    for part in parts[1:]:
        glued = out.endswith("\u0640") or part.startswith("\u0640")
        short = min(len(out.split(" ")[-1].strip("\u0640")), len(part.strip("\u0640"))) <= 3
        out += part if glued or short else ". " + part
    return out


_WORD = re.compile(r"[^\W_]+")
_AR_PREFIX = re.compile(r"^(?:وبال|وال|فال|بال|كال|لل|ال)(?=\w{3})")

# Arabic letters to the Latin consonants a transliteration would write; vowels and weak letters are
# dropped on both sides, so "معرة النعمان" and "Maarat al-Numan" share the skeleton "mrtnmn".
_AR_LATIN = str.maketrans(
    {
        "ب": "b", "ت": "t", "ث": "t", "ج": "j", "ح": "", "خ": "k", "د": "d", "ذ": "d", "ر": "r",
        "ز": "z", "س": "s", "ش": "s", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "k",
        "ف": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "", "و": "", "ي": "",
        "ا": "", "ء": "",
    }
)  # fmt: skip
_LATIN_SKELETON = [
    (re.compile(r"sh|ch"), "s"),
    (re.compile(r"kh|gh|q|c"), "k"),
    (re.compile(r"th"), "t"),
    (re.compile(r"dh"), "d"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"dj"), "j"),
    (re.compile(r"[aeiouyw'h]"), ""),
]
_ARTICLE_LATIN = re.compile(r"\b(?:al|el|ad|ar|as|ash|at|az|an|ath|ad|ed|er|es|et|ez|en)\b[-\s]?")

_STOP_EN = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "has",
        "have",
        "had",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "as",
        "after",
        "before",
        "during",
        "into",
        "over",
        "under",
        "near",
        "about",
        "against",
        "between",
        "their",
        "his",
        "her",
        "they",
        "them",
        "he",
        "she",
        "we",
        "our",
        "you",
        "your",
        "not",
        "no",
        "but",
        "also",
        "said",
        "says",
        "say",
        "according",
        "reported",
        "reports",
        "report",
        "people",
        "civilians",
        "civilian",
        "killed",
        "killing",
        "kill",
        "dead",
        "death",
        "deaths",
        "injured",
        "wounded",
        "including",
        "least",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "one",
        "more",
        "other",
        "who",
        "which",
        "while",
        "when",
        "where",
        "than",
        "then",
        "airstrike",
        "airstrikes",
        "strike",
        "strikes",
        "attack",
        "attacks",
        "shelling",
        "bombing",
        "targeted",
        "town",
        "village",
        "city",
        "area",
        "areas",
        "countryside",
        "syria",
        "syrian",
        "forces",
        "news",
        "today",
        "yesterday",
        "morning",
        "evening",
        "night",
        "day",
    ]
)
_STOP_AR_RAW = """في من على الى إلى عن مع هذا هذه ذلك تلك التي الذي الذين بعد قبل خلال حيث كان كانت قد لقد وقد
    تم او أو ثم كما بين عند منذ حتى غير اليوم امس أمس صباح مساء ليل فجر يوم مدني مدنيين مدنيا المدنيين
    مقتل قتل قتلى جرحى اصابه إصابة اصابة شهيد شهداء استشهاد غاره غارات قصف استهداف طيران الطيران
    قوات النظام الروسي ريف مدينه مدينة بلده بلدة قريه قرية سوريا السوري السوريه عدد جراء نتيجه"""


def fold_text(text: str) -> str:
    """Case, Latin diacritics, Arabic letter variants and marks folded; digits made ASCII."""
    text = _MARKS.sub("", _BROKEN_WORD.sub(_mend, text).translate(_AR_FOLD))
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


_STOP_AR = frozenset(fold_text(w) for w in _STOP_AR_RAW.split())


def text_script(text: str) -> str | None:
    """The script most of a text's letters are in (crawler chrome in English around an Arabic post
    does not make it English: Arabic wins at a third of the letters)."""
    arabic = sum(1 for c in text if "\u0600" <= c <= "\u06ff")
    latin = sum(1 for c in text if c.isascii() and c.isalpha())
    if not arabic and not latin:
        return None
    return "ar" if arabic * 2 >= latin else "latin"


def _is_arabic(token: str) -> bool:
    return "\u0600" <= token[0] <= "\u06ff"


def fold_token(token: str) -> str:
    """One folded word: Arabic article and clitics dropped, Latin doubled letters collapsed."""
    if _is_arabic(token):
        return _AR_PREFIX.sub("", token)
    return re.sub(r"(.)\1+", r"\1", token)


def content_tokens(text: str) -> list[str]:
    """The folded words of a text that can tell one event from another, in order, without repeats."""
    return _content_tokens(fold_text(text))


def _content_tokens(folded: str) -> list[str]:
    seen: dict[str, None] = {}
    for raw in _WORD.findall(folded):
        if raw.isdigit() or len(raw) < 3 or raw in _STOP_EN or raw in _STOP_AR:
            continue
        tok = fold_token(raw)
        if len(tok) >= 3 and tok not in _STOP_AR:
            seen.setdefault(tok, None)
    return list(seen)


def skeleton(name: str) -> str:
    """Consonant skeleton of a name, shared by an Arabic spelling and its Latin transliterations."""
    out: list[str] = []
    for raw in _WORD.findall(fold_text(name)):
        if _is_arabic(raw):
            out.append(re.sub(r"(.)\1+", r"\1", fold_token(raw).translate(_AR_LATIN)))
        else:
            word = _ARTICLE_LATIN.sub("", raw)
            # The construct-state t ("Maarat", "Jisr ash-Shughur") is the Arabic ta marbuta, left silent.
            if len(word) > 4 and word.endswith(("at", "et")):
                word = word[:-1]
            for rx, rep in _LATIN_SKELETON:
                word = rx.sub(rep, word)
            out.append(re.sub(r"(.)\1+", r"\1", word))
    return "".join(out)


@lru_cache(maxsize=65_536)
def place_key(name: str | None) -> str | None:
    """A folded place name: articles, hyphens, vowels' spelling and script set aside."""
    if not name:
        return None
    key = skeleton(name)
    return _ADMIN1_ALIASES.get(key, key) or None


# Skeletons that differ between spellings of one governorate ("Aleppo"/"حلب", "Damascus"/"دمشق").
_ADMIN1_ALIASES = {"lp": "lb", "dmsks": "dmsk", "ldk": "ltk", "ltkj": "ltk", "rkgvrnrt": "rk"}
_ADMIN1_NOISE = re.compile(r"governorate|province|countryside|muhafazat|محافظه")


@lru_cache(maxsize=4096)
def admin1_key(name: str | None) -> str | None:
    """A governorate key that Airwars', GeoNames' and Arabic spellings share ("Deir Ezzor" = "دير الزور")."""
    if not name:
        return None
    folded = fold_text(name)
    if "rif dimashq" in folded or "ريف دمشق" in folded or "damascus countryside" in folded:
        return "rfdmsk"
    key = skeleton(_ADMIN1_NOISE.sub("", folded).replace("ريف", ""))
    return _ADMIN1_ALIASES.get(key, key) or None


# --- dates ------------------------------------------------------------------------------------


def day_number(value: str | date | datetime | None) -> int | None:
    """Days since 1970-01-01, or None: integers compare the same way in every SQL dialect."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().toordinal() - EPOCH
    if isinstance(value, date):
        return value.toordinal() - EPOCH
    try:
        return date.fromisoformat(str(value)[:10]).toordinal() - EPOCH
    except ValueError:
        pass
    # A written date, as pages give their own ("22 أكتوبر 2025", "March 3, 2024"): read as the extractor
    # reads a report's publication date.
    from civcas.extract.dates import parse_published

    parsed = parse_published(str(value))
    return parsed.toordinal() - EPOCH if parsed else None


def day_to_date(day: int | None) -> date | None:
    return None if day is None else date.fromordinal(day + EPOCH)


# Weekday names, folded as fold_text folds them ("الأربعاء" -> "الاربعاء", "الجمعة" -> "الجمعه"). The Arabic
# names are taken with their article only: "أحد" alone is "one (of)", "جمعة" alone a man's name.
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6,
}  # fmt: skip
_WEEKDAY_RX = re.compile(r"(?<![^\W\d_])[وبف]?(" + "|".join(_WEEKDAYS) + r")(?![^\W\d_])")


def named_weekday(text: str) -> int | None:
    """The day of the week a text names most often (0 = Monday; the first named breaks a tie), or None.

    A post that gives no date often still says "today, Sunday" or "Friday night"; on the Syria dev
    sources the weekday named in an undated report was the incident's in 80 of 91.
    """
    found = [_WEEKDAYS[m.group(1)] for m in _WEEKDAY_RX.finditer(fold_text(text))]
    if not found:
        return None
    counts = Counter(found)
    most = max(counts.values())
    return next(w for w in found if counts[w] == most)


def weekday_of(day: int) -> int:
    """The day of the week of a day number (0 = Monday; 1970-01-01 was a Thursday)."""
    return (day + 3) % 7


TEXT_DATE_MAX_LAG = 31
"""Days a report may be published after the event it tells. On the Syria dev sources, where the date read
from the text was over a month before publication, the publication date was the event's in 15 of 16."""


# --- the row ----------------------------------------------------------------------------------


@dataclass(slots=True)
class LinkRow:
    """The fields one report contributes to linkage (see splink_model.py for how each is compared)."""

    unique_id: int
    report_id: str
    day: int | None = None
    """Event date read from the text."""
    pub_day: int | None = None
    day_eff: int | None = None
    """The event date, or else the publication date (compared with a wider tolerance)."""
    date_from_text: bool = False
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    place: str | None = None
    belligerent: str | None = None
    event_type: str | None = None
    killed_min: int | None = None
    killed_max: int | None = None
    injured_min: int | None = None
    injured_max: int | None = None
    """People injured, as a min-max range (compared as the toll is)."""
    tokens: list[str] = field(default_factory=list)
    """Its rarest words, to block on (`distinctive`)."""
    text_words: list[str] = field(default_factory=list)
    text_weights: list[float] = field(default_factory=list)
    """Its text as a vector (`text_vector`): words and their weights, of unit length."""
    script: str | None = None
    """"ar" or "latin": words are only compared between texts in one script."""
    weekday: int | None = None
    """The event's day of the week (0 = Monday): its date's, else the one its text names."""
    places_named: list[str] | None = None
    """The villages, towns and neighbourhoods its text names (the extraction's `places_named`, as
    place keys), or None when it names none."""
    target_types: list[str] | None = None
    """What its text says was struck (`target_types`: market, camp, hospital...), or None."""

    def as_dict(self) -> dict[str, Any]:
        # Not dataclasses.asdict: that deep-copies the token list, and this runs per candidate pair.
        return {name: getattr(self, name) for name in _ROW_FIELDS}


def _belligerent_key(name: str | None) -> str | None:
    if not name:
        return None
    s = fold_text(name).replace("u.s.", "us").replace("united states", "us")
    if "coalition" in s or s == "us":
        return "coalition"
    return re.sub(r"[^a-z]+", "", s.split(",")[0].split(" military")[0]) or None


_ROW_FIELDS = tuple(f.name for f in fields(LinkRow))
_EVENT_SYNONYMS = {"artillery": "shelling", "rocket": "shelling", "mortar": "shelling", "uav": "drone strike"}


def event_type_key(value: str | None) -> str | None:
    """Event types folded to the distinctions reports agree on (artillery and shelling are one)."""
    if not value:
        return None
    v = str(value).lower().strip()
    return _EVENT_SYNONYMS.get(v, v)


# What was struck, as reports name it in English and Arabic (folded as fold_text folds them). A
# house or a home is left out: nearly every report of a strike on a town names one.
_TARGET_WORDS = {
    "market": ["market", "bazaar", "سوق", "اسواق"],
    "camp": ["camp", "camps", "مخيم", "مخيمات"],
    "hospital": ["hospital", "clinic", "مشفى", "مستشفى", "مشافي", "مستوصف", "نقطه طبيه", "مركز صحي"],
    "school": ["school", "مدرسه", "مدارس"],
    "mosque": ["mosque", "مسجد", "جامع"],
    "vehicle": ["vehicle", "car", "bus", "truck", "motorcycle", "سياره", "سيارات", "حافله", "باص", "شاحنه", "دراجه ناريه"],
    "bakery": ["bakery", "فرن", "مخبز"],
    "civil_defence": ["civil defence", "civil defense", "white helmets", "الدفاع المدني"],
    "farm": ["farm", "مزرعه", "مزارع"],
    "fuel": ["fuel", "oil", "محروقات", "وقود"],
}  # fmt: skip
# A whole word, an Arabic one with its glued conjunction, preposition or article ("والسوق", "بمخيم").
_TARGET_RX = {
    kind: re.compile(
        r"(?<![^\W_])(?:[وبفل]|ال|وال|بال)?(?:"
        + "|".join(re.escape(fold_text(w)) for w in words)
        + r")(?![^\W_])"
    )
    for kind, words in _TARGET_WORDS.items()
}


def target_types(text: str) -> list[str] | None:
    """The kinds of target a text names (market, camp, hospital, school, mosque, vehicle, bakery,
    civil_defence, farm, fuel), sorted, or None when it names none."""
    return _target_types(fold_text(text))


def _target_types(folded: str) -> list[str] | None:
    return sorted(kind for kind, rx in _TARGET_RX.items() if rx.search(folded)) or None


def places_named_keys(names: Iterable[str]) -> list[str] | None:
    """The place keys of the places a report names, each once, or None when it names none."""
    keys: dict[str, None] = {}
    for name in names:
        key = place_key(name)
        if key:
            keys.setdefault(key, None)
    return list(keys) or None


def year_stamped(day: int, pub: int) -> bool:
    """Whether the publication date is the text's date with a later year: a crawler that read a post's
    yearless date ("January 15") and gave it the year of the crawl. The post's own header ("January 15,
    2025 · Shared with Public") has the year right; on the Syria dev sources 13 records are so stamped."""
    told, published = date.fromordinal(day + EPOCH), date.fromordinal(pub + EPOCH)
    same_day = (told.month, told.day) == (published.month, published.day)
    return same_day and 0 < published.year - told.year <= 2


def row_from_facts(
    unique_id: int,
    report_id: str,
    facts: IncidentFacts | None,
    *,
    text: str = "",
    published: str | date | datetime | None = None,
) -> tuple[LinkRow, list[str]]:
    """The row for one report, and all its content tokens (the distinctive few are chosen later)."""
    f = facts or IncidentFacts()
    # A month or a year ("in February 2016", most often a story's background) is no day to link on.
    day = day_number(f.date) if f.date_precision in (None, DatePrecision.DAY) else None
    pub = day_number(published)
    if day is not None and pub is not None and year_stamped(day, pub):
        pub = day
    if day is not None and pub is not None and not -1 <= pub - day <= TEXT_DATE_MAX_LAG:
        day = None  # a date from another story or from the page's header: the publication date is surer
    killed = f.civilians_killed or f.total_killed
    row = LinkRow(
        unique_id=unique_id,
        report_id=report_id,
        day=day,
        pub_day=pub,
        day_eff=day if day is not None else pub,
        date_from_text=day is not None,
        lat=f.lat,
        lon=f.lon,
        admin1=admin1_key(f.admin1),
        place=place_key(f.place),
        belligerent=_belligerent_key(f.belligerent),
        event_type=event_type_key(f.event_type),
        killed_min=killed.min if killed else None,
        killed_max=killed.max if killed else None,
        injured_min=f.injured.min if f.injured else None,
        injured_max=f.injured.max if f.injured else None,
    )
    row.script = text_script(text)
    row.weekday = weekday_of(row.day_eff) if row.day_eff is not None else named_weekday(text)
    row.places_named = places_named_keys(f.places_named)
    folded = fold_text(text)  # once: folding a long page costs more than the rest of the row
    row.target_types = _target_types(folded)
    return row, _content_tokens(folded)


def row_from_extraction(
    unique_id: int, extraction: Extraction, *, text: str = "", published: str | date | datetime | None = None
) -> tuple[LinkRow, list[str]]:
    return row_from_facts(unique_id, extraction.id, extraction.incident, text=text, published=published)


def token_hash(token: str) -> int:
    """A stable 64-bit hash: Python's hash() changes between processes."""
    return int.from_bytes(hashlib.blake2b(token.encode(), digest_size=8).digest(), "big", signed=True)


def distinctive(
    tokens: Sequence[str],
    doc_freq: Mapping[str, int] | None,
    n_docs: int,
    k: int = TOKENS_PER_REPORT,
) -> list[str]:
    """The k rarest tokens of one report (ties and unseen corpora by a stable hash).

    Tokens in more than 5% of reports say nothing about which event a report tells, and a token in one
    report only can match nothing, so both are dropped when document frequencies are known. Without
    them (a single new report) the bottom-k by hash is taken: a consistent sample, like MinHash.
    """
    if doc_freq is None:
        return sorted(tokens, key=token_hash)[:k]
    ceiling = max(3, int(COMMON_SHARE * n_docs))
    kept = [
        t
        for t in tokens
        if 1 < doc_freq.get(t, 1) <= ceiling or (n_docs < VECTOR_MIN_DOCS and doc_freq.get(t, 1) > 0)
    ]
    kept.sort(key=lambda t: (doc_freq.get(t, 1), token_hash(t)))
    return kept[:k]


def text_vector(
    tokens: Iterable[str], doc_freq: Mapping[str, int], n_docs: int, k: int = VECTOR_WORDS
) -> tuple[list[str], list[float]]:
    """A report's words weighted by rarity (inverse document frequency) and scaled to unit length, so
    that the sum over shared words of both weights is the cosine of two texts: the k heaviest words and
    their weights, heaviest first.

    `doc_freq` counts the reports using each word, this one included. A word no other report uses can
    match nothing and would only outweigh the rest (on the dev sources, keeping them lost the whole
    gain of comparing texts); a word in more than COMMON_SHARE of the reports says nothing. Among fewer
    than VECTOR_MIN_DOCS reports rarity cannot be told ("March" is as rare as a victim's name in eight
    reports), so there the vector is empty and texts are not compared.
    """
    if n_docs < VECTOR_MIN_DOCS:
        return [], []
    ceiling = max(3, int(COMMON_SHARE * n_docs))
    weights = {
        t: math.log((n_docs + 1) / df) for t in set(tokens) if 1 < (df := doc_freq.get(t, 0)) <= ceiling
    }
    if not weights:
        return [], []
    norm = math.sqrt(sum(w * w for w in weights.values()))  # > 0: every df is at most 5% of n_docs
    top = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:k]
    return [t for t, _ in top], [round(w / norm, 4) for _, w in top]


def cosine(
    words_a: Sequence[str], weights_a: Sequence[float], words_b: Sequence[str], weights_b: Sequence[float]
) -> float:
    """The dot product of two text vectors (`text_vector`): their cosine."""
    if len(words_a) > len(words_b):
        words_a, weights_a, words_b, weights_b = words_b, weights_b, words_a, weights_a
    other = dict(zip(words_b, weights_b, strict=True))
    return sum(w * other[t] for t, w in zip(words_a, weights_a, strict=True) if t in other)


def shared_words(
    words_a: Sequence[str],
    weights_a: Sequence[float],
    words_b: Sequence[str],
    weights_b: Sequence[float],
    k: int = 8,
) -> list[str]:
    """The k words that make most of two texts' cosine, the weightiest first: what an analyst can check."""
    other = dict(zip(words_b, weights_b, strict=True))
    products = [(w * other[t], t) for t, w in zip(words_a, weights_a, strict=True) if t in other]
    return [t for _, t in sorted(products, key=lambda p: (-p[0], p[1]))[:k]]


def document_frequencies(token_lists: Iterable[Sequence[str]]) -> Counter[str]:
    df: Counter[str] = Counter()
    for toks in token_lists:
        df.update(set(toks))
    return df


def finish_rows(rows: list[LinkRow], token_lists: list[list[str]], k: int = TOKENS_PER_REPORT) -> None:
    """Give each row its distinctive tokens and text vector, rarity measured over the whole batch."""
    df = document_frequencies(token_lists)
    for row, toks in zip(rows, token_lists, strict=True):
        row.tokens = distinctive(toks, df, len(rows), k)
        row.text_words, row.text_weights = text_vector(toks, df, len(rows))
