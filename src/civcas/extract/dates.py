"""Incident date of a report: absolute and relative dates in English and Arabic.

dateparser's `search_dates` is slow (8-16 ms per 100 words) and splits Arabic
dates wrongly (see shared/design/dependencies.md), so candidates are found with
our own precompiled regexes and month/weekday names are mapped by table: that
is deterministic and costs well under a millisecond per report.

All matching runs on a normalised copy of the text (text.normalise_doc:
Arabic-Indic digits to ASCII, alef/ya/ta-marbuta variants folded, lower case,
Arabic marks dropped) and spans are mapped back to the original.

Relative days count from the publication date, else from the post's own stamp
("March 6, 2025 · Shared", "الجمعة, ٢٦ أبريل ٢٠٢٤, ٠٩:٣٨"), else from a dateline
alone on its line near the top. Conventions, as the labelled Syria sources date
events: "last night"/"ليلة أمس" is the report's day; "أمس الثلاثاء" is the
Tuesday; a night across two days ("ليل الجمعة السبت") is the second day.
Among several dates `_score` prefers one near incident words, early in the text,
not a stamp, caption, headline list or a later statement, and not background: a
bare month, "22 August last", a day long before the publication date or stamp
(one written without its year more than a month before publication is dropped).
Some dates are never the incident's and are dropped, so that a report with nothing else gives no date
rather than a wrong one: the start of a period ("since 3 July 2019", "منذ الـ3 من تموز"), the signing of
an agreement ("the truce signed on 12 October"), a bare month when the text tells its day relatively, and
dates under a "Related news" marker that follows the story. A bare year after "since" ("منذ 2011") does
not give a year to a day written without one.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from civcas.extract.terms import Occurrences, TermIndex
from civcas.extract.text import Norm, normalise, normalise_doc
from civcas.model.vocabulary import DatePrecision

COMPONENT_NAME = "civcas.dates.v1"


@dataclass(frozen=True, slots=True)
class DateFacts:
    date: str
    date_end: str | None
    precision: str
    span: tuple[int, int]


# --- name tables (written in normalised form) -----------------------------------------------

_MONTH_NAMES: tuple[tuple[str, ...], ...] = (
    ("january", "jan", "يناير", "كانون الثاني", "كانون ثاني"),
    ("february", "feb", "فبراير", "شباط"),
    ("march", "mar", "مارس", "اذار"),
    ("april", "apr", "ابريل", "افريل", "نيسان"),
    ("may", "مايو", "ايار"),
    ("june", "jun", "يونيو", "يونيه", "حزيران"),
    ("july", "jul", "يوليو", "يوليه", "تموز"),
    ("august", "aug", "اغسطس", "اب"),
    ("september", "sept", "sep", "سبتمبر", "ايلول"),
    ("october", "oct", "اكتوبر", "تشرين الاول", "تشرين اول"),
    ("november", "nov", "نوفمبر", "تشرين الثاني", "تشرين ثاني"),
    ("december", "dec", "ديسمبر", "كانون الاول", "كانون اول"),
)
_MONTHS: dict[str, int] = {name: i for i, names in enumerate(_MONTH_NAMES, start=1) for name in names}

_WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6,
}  # fmt: skip


def _alternation(names: list[str]) -> str:
    # Longest first so "تشرين الاول" wins over a shorter prefix; spaces may be any run of spaces.
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))


_MONTH_RX = rf"(?:{_alternation(list(_MONTHS))})"
# "24 أغسطس/ آب 2016": Arabic outlets often give the Egyptian and the Levantine name together.
_MONTH_GROUP = rf"(?P<mon>{_MONTH_RX})\.?(?:\s*/\s*{_MONTH_RX})?"
_WD_RX = rf"(?:{_alternation(list(_WEEKDAYS))})"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
# Word boundaries that also work next to Arabic letters (\b treats them as word characters,
# but Arabic prefixes such as و/ب/ل attach to the next word: allow them before digits only).
# Crawled posts glue a stamp to the name before it ("ريف دير الزورDecember 23, 2024", "Verified
# accountMarch 24", "Shared with Public28/11/2025"): a Latin word may follow an Arabic letter, and a
# date may follow "account" or "public" directly.
_L = r"(?<![0-9_])(?:(?<![a-z])|(?<=account)|(?<=public))(?:(?<![\u0600-\u06ff])|(?=[a-z]))"
# Digits are no word, so a numeric date may follow an Arabic letter directly ("الجمعة2022/12/2").
_LN = r"(?<![0-9_])(?:(?<![a-z])|(?<=account)|(?<=public))"
_R = r"(?![\w])"
_RN = r"(?![0-9_a-z])"  # ... and a word may follow one directly ("28/11/2025هذا التاريخ")

# Whitespace inside one date phrase: never a line break, which in crawled pages separates a month
# at the end of one headline from a number starting the next.
_S = r"[^\S\n]"
_SLASH_MONTH = rf"(?:{_S}*/{_S}*{_MONTH_RX})?"
_ABSOLUTE = re.compile(
    "|".join(
        [
            # 2017-05-13, 2017/05/13, 2017.05.13
            rf"{_LN}(?P<iy>(?:19|20)\d\d)(?P<isep>[-/.])(?P<im>\d\d?)(?P=isep)(?P<id>\d\d?)(?![0-9_a-z/])",
            # 13/05/2017, 13.05.2017 or 13-05-2017 (day first: the convention of these sources)
            rf"{_LN}(?P<nd>\d\d?)(?P<nsep>[-/.])(?P<nm>\d\d?)(?P=nsep)(?P<ny>(?:19|20)\d\d){_RN}",
            # between 10 and 12 May 2017 / 10-12 May / من 10 الى 12 ايار
            rf"(?<![\w\d])(?P<rd1>\d\d?){_ORD}{_S}*(?:-|to|and|until|till|و|الي|حتي){_S}*(?P<rd2>\d\d?){_ORD}"
            rf"(?:{_S}+of)?{_S}+(?P<rmon>{_MONTH_RX})\.?{_SLASH_MONTH}(?:{_S}*,?{_S}*(?P<ryear>(?:19|20)\d\d))?{_R}",
            # 21 / شباط / 2025: a day, month name and year between slashes (Arabic news digests)
            rf"(?<![\w\d])(?P<sd>\d\d?){_S}*/{_S}*(?P<smon>{_MONTH_RX}){_S}*/{_S}*(?P<sy>(?:19|20)\d\d){_R}",
            # 13 May 2017, the 13th of May, 13 ايار, ١٢ مايو, 9 من تموز
            rf"(?<![\w\d])(?:the{_S}+)?(?P<dd>\d\d?){_ORD}(?:{_S}+(?:of|من))?{_S}*(?P<dmon>{_MONTH_RX})\.?"
            rf"{_SLASH_MONTH}(?:{_S}*,?{_S}*(?P<dyear>(?:19|20)\d\d))?{_R}",
            # May 13, 2017 / May 13th / October the 7th
            rf"{_L}(?P<mmon>{_MONTH_RX})\.?{_S}+(?:the{_S}+)?(?P<md>\d\d?){_ORD}"
            rf"(?:{_S}*,?{_S}*(?P<myear>(?:19|20)\d\d))?{_R}",
            # May 2017 (month precision)
            rf"{_L}(?:in{_S}+|في{_S}+|خلال{_S}+|شهر{_S}+)?(?P<ymon>{_MONTH_RX})\.?{_SLASH_MONTH}{_S}*,?{_S}*"
            rf"(?P<yy>(?:19|20)\d\d){_R}",
        ]
    )
)
# Word months that are also ordinary words ("may", "mar", "sep") count only with a day or year,
# which the patterns above require; "اب" (August) likewise needs digits next to it.

# `(?<!\d)(?:19|20)\d\d(?!\d)`, with the look-behind after the first digit: a pattern that starts with
# a look-behind is tried at every offset; one that starts with "1" or "2" lets `re` skip ahead in C.
_BARE_YEAR = re.compile(r"(?:1(?<!\d1)9|2(?<!\d2)0)\d\d(?!\d)")
# "since 2011", "منذ العام 2015": the start of a long period, not the year the report tells of ("since the
# beginning of 2023", "منذ مطلع العام" is this year, and counts).
_SINCE_BEFORE = re.compile(r"(?:since|منذ)[^\S\n]+(?:(?:the[^\S\n]+)?year[^\S\n]+|(?:ال)?عام[^\S\n]+)?$")

# Relative expressions resolved against the publication date.
_PART_OF_DAY_AR = rf"(?:يوم|فجر|صباح|مساء|ظهر|عصر|ليل|ليله|ظهيره|منتصف{_S}+ليل|ساعات{_S}+(?:فجر|صباح))"


# "أمس الثلاثاء", "yesterday, Tuesday": the weekday names the day even when the post went out later.
def _ago_weekday(group: str) -> str:
    return rf"(?:{_S}*[,(]?{_S}*(?:يوم{_S}+)?(?P<{group}>{_WD_RX}))?"


_RELATIVE = re.compile(
    "|".join(
        [
            # "أول أمس", "أمس الأول": the day before yesterday.
            rf"{_L}(?P<ago2>(?:the{_S}+)?day{_S}+before{_S}+yesterday|(?:و|ف)?اول{_S}+(?:من{_S}+)?امس"
            rf"|(?:و|ف)?(?:بال|ال)?امس{_S}+الاول){_ago_weekday('ago2wd')}{_R}",
            # "Last night" in a report of the morning after: the strikes went on past midnight, and the
            # labelled Syria sources with a publication date put 8 of 11 on that day.
            rf"{_L}(?P<night>last{_S}+night|overnight|(?:و|ف)?(?:ليله|ليل){_S}+(?:ال)?امس)"
            rf"{_ago_weekday('nightwd')}{_R}",
            rf"{_L}(?P<ago>yesterday|(?:و|ف)?(?:بال|ال|لل)?امس|البارحه)"
            rf"(?:{_S}+(?:morning|evening|afternoon|night))?{_ago_weekday('agowd')}{_R}",
            rf"{_L}(?P<today>today|earlier{_S}+today|this{_S}+(?:morning|afternoon|evening)|tonight"
            rf"|(?:{_PART_OF_DAY_AR}{_S}+)?اليوم|هذا{_S}+الصباح|هذه{_S}+الليله|الليله){_R}",
            rf"{_L}(?:(?P<wdlast>last|past|previous){_S}+|(?:on|early|late|this){_S}+)?"
            rf"(?:(?:the{_S}+)?(?:early{_S}+hours|morning|night|evening){_S}+of{_S}+)?"
            rf"(?P<wd>(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))"
            rf"(?:{_S}+(?:morning|night|evening|afternoon))?{_R}",
            # "ليلة الإثنين - الثلاثاء", "ليل الجمعة السبت": a night across two days; the strike is dated
            # to the second.
            rf"{_L}(?:(?P<night2>(?:ليل|ليله){_S}+)|{_PART_OF_DAY_AR}{_S}+)?(?P<awd>{_WD_RX})"
            rf"(?:{_S}*(?:-|–|/|علي|الي){_S}*(?P<awd2>{_WD_RX})|(?(night2){_S}+و?(?P<awd3>{_WD_RX})))?"
            rf"(?P<awdlast>{_S}+(?:الماضي|الفائت|المنصرم))?{_R}",
        ]
    )
)

# Context that marks the incident (near: good) or a later statement / publication (near: bad).
_EVENT_TERMS = (
    *("kill", "dead", "died", "death", "strike", "struck", "bomb", "shell", "attack", "target", "wound"),
    *("injur", "massacre", "raid", "hit", "fire", "explo", "drone", "missile", "rocket", "victim"),
    *("casualt", "civilian", "martyr"),
    *("قتل", "مقتل", "استشهد", "استشهاد", "شهيد", "شهداء", "غار", "قصف", "استهداف", "استهدف", "اصاب"),
    *("اصيب", "جرح", "ضحايا", "مجزره", "سقوط", "انفجار", "مسير", "صاروخ", "طيران", "ضرب"),
)
_EVENT_WORDS = re.compile("|".join(_EVENT_TERMS))
# Plain words: whether one is near a date is read off the shared term scan's occurrences.
_EVENT_INDEX = TermIndex([_EVENT_TERMS])
# Every match of _LATER_WORDS holds one of these: the pattern runs only where one occurs.
_LATER_INDEX = TermIndex(
    [
        (
            *("said", "says", "stated", "statement", "told", "announced", "published", "posted", "updated"),
            *("release", "press", "report", "assess", "investigat", "launched", "began", "since", "until"),
            *("anniversary", "born", "accessed", "retrieved", "copyright", "denied", "©"),
            *(
                "قال",
                "صرح",
                "اعلن",
                "بيان",
                "نشر",
                "تحديث",
                "اطلق",
                "منذ",
                "تاسس",
                "ولد",
                "نفت",
                "نفي",
                "نقلت",
            ),
        )
    ]
)
_LATER_WORDS = re.compile(
    r"\b(?:said|says|stated|statement|told|announced|published|posted|updated|release|press|report(?:ed)?\s+on"
    r"|assess|investigat|launched|began|since|until|anniversary|born|accessed|retrieved|copyright|denied|©)"
    r"|قال|صرح|اعلن|بيان|نشر|تحديث|اطلق|منذ|تاسس|ولد|نفت|نفي|نقلت"
)


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    day: date
    end_day: date | None
    precision: DatePrecision
    explicit_year: bool
    relative: bool
    stamp: bool = False


def _same_year(d: date) -> date:
    """`d` moved to the leap year 2000, to compare month and day alone."""
    return d.replace(year=2000)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# Compiled once: `re.sub(pattern_string, ...)` looks the pattern up in interpreted Python per call.
_SPACES = re.compile(r"\s+")
_ISO_DAY = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)")


def _month_number(name: str) -> int:
    key = _SPACES.sub(" ", name.rstrip("."))
    return _MONTHS[key]


def _resolve_year(month: int, day: int, published: date | None, fallback_year: int | None) -> date | None:
    """Year for a date written without one: the publication year, stepped back if that lands later."""
    if published is not None:
        found = _safe_date(published.year, month, day)
        if found is not None and found > published:
            found = _safe_date(published.year - 1, month, day)
        return found
    if fallback_year is not None:
        return _safe_date(fallback_year, month, day)
    return None


# "الثلاثاء 15 شباط", "Tuesday, the 15th of", "يوم الخميس الماضي 25", "الجمعة الموافق 22".
_WEEKDAY_BEFORE = re.compile(
    rf"({_WD_RX})[^\S\n]*,?[^\S\n]*(?:(?:the|الماضي|الفائت|المنصرم|الموافق|المصادف|الواقع[^\S\n]+في)[^\S\n]+)?$"
)


def _weekday_before(norm: str, start: int) -> int | None:
    m = _WEEKDAY_BEFORE.search(norm, max(0, start - 32), start)
    return None if m is None else _WEEKDAYS[_SPACES.sub(" ", m.group(1))]


def _year_from_weekday(norm: str, start: int, month: int, day: int, near: date | None = None) -> date | None:
    """ "Tuesday, October 31st" with no year: the year that fits the weekday.

    With `near` (the year the context suggests), a fitting year within a year of it; else the latest
    fitting year not in the future.
    """
    weekday = _weekday_before(norm, start)
    if weekday is None:
        return None
    latest = date.today()
    fits = [
        d
        for year in range(latest.year, 1990, -1)
        if (d := _safe_date(year, month, day)) is not None and d.weekday() == weekday and d <= latest
    ]
    if not fits:
        return None
    close = [d for d in fits if abs(d.year - near.year) <= 1] if near is not None else []
    return min(close, key=lambda d: abs(d.year - near.year)) if close and near is not None else fits[0]


# Trying the date patterns at every offset costs about a microsecond per character, so they are tried
# only where a phrase can start near an anchor found by fast scans: digit-separator-digit (numeric
# dates) and the month, weekday and relative-day words (an Aho-Corasick pass).
_NUMERIC_DATE = re.compile(r"\d[-/.]\d")  # 2017-05-13, 13/05/2017: all other dates have a name
_RELATIVE_WORDS = (
    "yesterday",
    "today",
    "tonight",
    "overnight",
    "last night",
    "this morning",
    "this afternoon",
)
_RELATIVE_WORDS_AR = ("this evening", "امس", "البارحه", "اليوم", "الليله", "هذا الصباح")
# "Verified accountDecember 6, 2024": Facebook glues the stamp to the word before it.
_GLUED = tuple(f"{w}{m}" for w in ("account", "public") for m in _MONTHS if m.isascii())
_ANCHOR_WORDS = TermIndex([[*_MONTHS, *_WEEKDAYS, *_RELATIVE_WORDS, *_RELATIVE_WORDS_AR, *_GLUED]])
_LOOK_BACK = 32  # a phrase starts at most this far before its anchor: "on the night of Monday", "the 23rd of"
_TOKEN = re.compile(r"[^\s(\[{\"'«“]+")  # a word, not counting an opening bracket or quote


_RELATIVE_ANCHORS = frozenset([*_WEEKDAYS, *_RELATIVE_WORDS, *_RELATIVE_WORDS_AR])


def _digits_start(norm: str, i: int) -> int:
    """Where the run of digits ending at `i` begins (the year of "2022/12/2" is four digits back)."""
    while i > 0 and norm[i - 1].isdigit():
        i -= 1
    return i


def _numeric_starts(norm: str) -> list[int]:
    """Where each match of _NUMERIC_DATE (`\\d[-/.]\\d`, found left to right without overlaps, as
    `finditer` does) begins its run of digits: a numeric date starts at the run's first digit, which
    may be glued to a word ("public28/11").

    The separators are looked for with `str.find`, and only their neighbours tested: `re` would test
    every character against `\\d` (2.4x slower; `str.isdecimal` is what `\\d` matches).
    """
    found: list[int] = []
    for sep in "-/.":
        p = norm.find(sep, 1)
        while p >= 0:
            if norm[p - 1].isdecimal() and norm[p + 1 : p + 2].isdecimal():
                found.append(p - 1)
            p = norm.find(sep, p + 1)
    if not found:
        return found
    found.sort()
    starts: list[int] = []
    taken_to = -1  # end of the last match kept: finditer resumes there
    for at in found:
        if at >= taken_to:
            starts.append(_digits_start(norm, at))
            taken_to = at + 3
    return starts


def _anchors(norm: str) -> tuple[list[int], list[int]]:
    """Where absolute dates may start, and the anchors a relative phrase can have (weekdays, "امس").

    An absolute date holds a month name or is numeric, so its starts are the first digit of each
    numeric date and the word starts up to _LOOK_BACK before each month name ("the 23rd of May").
    Weekdays and relative words seed no absolute starts: no absolute pattern holds one, so any start
    they would add is one that a month or number inside the same date adds too. Nor does a month
    name that a letter follows: "اب" (August) is a stem of many words ("ابو", "باب"), "mar" and
    "dec" of "market" and "decided", while the patterns need the name to end there (a year's digits
    may follow it directly: "اب2020").
    """
    numeric = _numeric_starts(norm)
    months: list[int] = []
    relative: list[int] = []
    for h in _ANCHOR_WORDS.find(norm):
        term = h.term
        if term in _RELATIVE_ANCHORS:
            relative.append(h.start)
            continue
        after = norm[h.end : h.end + 1]
        if (after.isalnum() or after == "_") and after not in "12":
            continue  # a longer word: `\w` follows, and not the first digit of a year
        # A glued stamp ("accountDecember") is anchored at the month, not at "account".
        if term.startswith("account"):
            months.append(h.start + 7)
        elif term.startswith("public"):
            months.append(h.start + 6)
        else:
            months.append(h.start)
    starts = set(numeric)
    starts.update(_expand(norm, months))
    return sorted(starts), relative


def _expand(norm: str, anchors: list[int]) -> list[int]:
    """Each anchor and the word starts shortly before it, in order."""
    starts: set[int] = set()
    for a in anchors:
        lo = max(0, a - _LOOK_BACK)
        starts.add(a)
        starts.update(m.start() for m in _TOKEN.finditer(norm, lo, a))
    return sorted(starts)


def _starts(norm: str) -> list[int]:
    """Offsets where an absolute date may start."""
    return _anchors(norm)[0]


# What a match of each pattern can start with (its first consumed characters; `\\d` digits apart):
# a start with none of them is skipped without a call into `re`. Month names and weekdays count by
# their first word ("كانون الثاني").
def _first_words(names: list[str]) -> tuple[str, ...]:
    return tuple(sorted({n.split(" ")[0] for n in names}))


def _by_first_letter(openings: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Openings keyed by their first character: a start is tested against the few that can fit it,
    not against all sixty (`str.startswith` with a tuple tries each in turn)."""
    keyed: dict[str, tuple[str, ...]] = {}
    for opening in openings:
        keyed[opening[0]] = (*keyed.get(opening[0], ()), opening)
    return keyed


_ABSOLUTE_OPENINGS = _by_first_letter((*_first_words(list(_MONTHS)), "the", "in", "في", "خلال", "شهر"))
_PART_OF_DAY_WORDS = ("يوم", "فجر", "صباح", "مساء", "ظهر", "عصر", "ليل", "ظهيره", "منتصف", "ساعات")
_RELATIVE_OPENINGS = _by_first_letter(
    (
        *_first_words(list(_WEEKDAYS)),
        *("the", "day", "last", "overnight", "yesterday", "today", "earlier", "this", "tonight"),
        *("past", "previous", "on", "early", "late", "morning", "night", "evening"),
        *("و", "ف", "ال", "بال", "لل", "اول", "امس", "هذا", "هذه"),
        *_PART_OF_DAY_WORDS,
    )
)


def _matches(
    rx: re.Pattern[str], norm: str, starts: list[int], openings: dict[str, tuple[str, ...]], digits: bool
) -> list[re.Match[str]]:
    """Leftmost-longest, non-overlapping matches of `rx` beginning at one of `starts`.

    Anchoring at a few offsets instead of scanning costs a handful of match attempts per anchor.
    `openings` (by first letter; and a digit, when `digits`) are what a match can start with: other starts are skipped.
    """
    found: list[re.Match[str]] = []
    for st in starts:
        if found and st < found[-1].end():
            continue
        first = openings.get(norm[st : st + 1])
        if (first is None or not norm.startswith(first, st)) and not (
            digits and norm[st : st + 1].isdecimal()
        ):
            continue
        m = rx.match(norm, st)
        if m is not None and m.end() > m.start():
            found.append(m)
    return found


def _absolute_candidates(
    norm: str, published: date | None, starts: list[int] | None = None
) -> list[_Candidate]:
    found: list[_Candidate] = []
    pending: list[tuple[int, int, int, int, int | None, DatePrecision]] = []  # missing-year dates
    years: list[tuple[int, int]] = []  # (offset, year) of dates with a year, for "the year nearby"
    for m in _matches(_ABSOLUTE, norm, _starts(norm) if starts is None else starts, _ABSOLUTE_OPENINGS, True):
        g = m.groupdict()
        start, end = m.span()
        if g["iy"]:
            d = _safe_date(int(g["iy"]), int(g["im"]), int(g["id"]))
            if d:
                found.append(_Candidate(start, end, d, None, DatePrecision.DAY, True, False))
                years.append((start, d.year))
        elif g["nd"]:
            a, b, y = int(g["nd"]), int(g["nm"]), int(g["ny"])
            # Day first unless that is impossible (US-style 05/13/2017).
            d = _safe_date(y, b, a) or _safe_date(y, a, b)
            if d:
                found.append(_Candidate(start, end, d, None, DatePrecision.DAY, True, False))
                years.append((start, y))
        elif g["rd1"]:
            mon = _month_number(g["rmon"])
            d1, d2 = int(g["rd1"]), int(g["rd2"])
            if not d1 < d2:
                continue
            if g["ryear"]:
                y = int(g["ryear"])
                a1, a2 = _safe_date(y, mon, d1), _safe_date(y, mon, d2)
                if a1 and a2:
                    found.append(_Candidate(start, end, a1, a2, DatePrecision.RANGE, True, False))
                    years.append((start, y))
            else:
                pending.append((start, end, mon, d1, d2, DatePrecision.RANGE))
        elif g["sd"]:
            d = _safe_date(int(g["sy"]), _month_number(g["smon"]), int(g["sd"]))
            if d:
                found.append(_Candidate(start, end, d, None, DatePrecision.DAY, True, False))
                years.append((start, d.year))
        elif g["dd"] or g["md"]:
            mon = _month_number(g["dmon"] or g["mmon"])
            day_no = int(g["dd"] or g["md"])
            year_s = g["dyear"] or g["myear"]
            if year_s:
                d = _safe_date(int(year_s), mon, day_no)
                if d:
                    found.append(_Candidate(start, end, d, None, DatePrecision.DAY, True, False))
                    years.append((start, d.year))
            else:
                pending.append((start, end, mon, day_no, None, DatePrecision.DAY))
        elif g["ymon"]:
            mon, y = _month_number(g["ymon"]), int(g["yy"])
            first = date(y, mon, 1)
            last = date(y, mon, calendar.monthrange(y, mon)[1])
            found.append(_Candidate(start, end, first, last, DatePrecision.MONTH, True, False))
            years.append((start, y))
    bare_years = pending and published is None and not years
    if bare_years:
        # No dated mention: a bare year ("in 2016") is still the year nearby.
        years = [
            (m.start(), int(m.group()))
            for m in _BARE_YEAR.finditer(norm)
            if not _SINCE_BEFORE.search(norm, max(0, m.start() - 16), m.start())
        ]
    dated = {(c.day.month, c.day.day): c.day.year for c in found if c.precision is DatePrecision.DAY}
    for p_start, p_end, p_mon, p_d1, p_d2, p_precision in pending:
        # The same day written elsewhere with its year ("on July 24" ... "on July 24, 2022").
        same = dated.get((p_mon, p_d1))
        if same is not None and (published is None or same <= published.year):
            day1 = _safe_date(same, p_mon, p_d1)
        else:
            # "The year mentioned nearby": the closest dated mention before, else after.
            before = [y for off, y in years if off < p_start]
            fallback = before[-1] if before else (years[0][1] if years else None)
            day1 = _resolve_year(p_mon, p_d1, published, fallback)
            # "الثلاثاء 15 شباط": a weekday next to the date settles its year when the nearby one disagrees.
            weekday = _weekday_before(norm, p_start)
            if day1 is not None and weekday is not None and day1.weekday() != weekday:
                # A bare year is often background ("arrested in 1999"): then only the weekday decides.
                fit = _year_from_weekday(
                    norm, p_start, p_mon, p_d1, published or (None if bare_years else day1)
                )
                if fit is not None and (published is None or fit <= published):
                    day1 = fit
        if day1 is None:
            day1 = _year_from_weekday(norm, p_start, p_mon, p_d1)
        if day1 is None:
            continue
        day2 = _safe_date(day1.year, p_mon, p_d2) if p_d2 is not None else None
        found.append(_Candidate(p_start, p_end, day1, day2, p_precision, False, False))
    return found


def _relative_candidates(norm: str, published: date, starts: list[int]) -> list[_Candidate]:
    found: list[_Candidate] = []
    for m in _matches(_RELATIVE, norm, starts, _RELATIVE_OPENINGS, False):
        g = m.groupdict()
        start, end = m.span()
        ago_weekday = g["agowd"] or g["ago2wd"] or g["nightwd"]
        back = (published.weekday() - _WEEKDAYS[ago_weekday]) % 7 if ago_weekday else 0
        if back:
            # The weekday decides: the post may have gone out a day or more after it was written. (Named
            # the base's own weekday, it is the base's day in another time zone: "yesterday" decides.)
            d = published - timedelta(days=back)
        elif g["ago2"]:
            d = published - timedelta(days=2)
        elif g["night"]:
            d = published
        elif g["ago"]:
            d = published - timedelta(days=1)
        elif g["today"]:
            d = published
        else:
            wd_name = g["wd"] or g["awd2"] or g["awd3"] or g["awd"]
            assert wd_name is not None
            weekday = _WEEKDAYS[wd_name]
            back = (published.weekday() - weekday) % 7
            # "on Saturday" in a Saturday article is that day (wire style); "last Saturday" is a week back.
            if back == 0 and (g["wdlast"] or g["awdlast"]):
                back = 7
            d = published - timedelta(days=back)
        found.append(_Candidate(start, end, d, None, DatePrecision.DAY, False, True))
    return found


_YEARLESS_WITHIN = 31  # days before publication a date without its year may lie
_DATELINE_WITHIN = 400  # a dateline is near the top of the page


def _alone_on_line(norm: str, c: _Candidate) -> bool:
    line_start = norm.rfind("\n", 0, c.start) + 1
    line_end = norm.find("\n", c.end)
    line = norm[line_start : line_end if line_end >= 0 else len(norm)]
    return len(line.strip()) < (c.end - c.start) + 25


# Where a page's own story ends and links to others begin.
_RELATED = re.compile(
    r"\n[^\S\n]*(?:related(?:\s+(?:news|articles|posts|stories))?|read\s+(?:also|more)|more\s+(?:news|stories)"
    r"|you\s+may\s+also\s+like|اقرا\s+ايضا|اقرا\s+المزيد|اخبار\s+ذات\s+صله|مواضيع\s+ذات\s+صله|ذات\s+صله"
    r"|مقالات\s+ذات\s+صله|اخبار\s+متعلقه|الاكثر\s+قراءه|اخر\s+الاخبار|المزيد\s+من\s+الاخبار"
    r"|prev(?:ious)?\s+post|next\s+post|التالي|السابق|المزيد)[^\S\n]*:?[^\S\n]*(?=\n|$)"
)


def _score(
    c: _Candidate,
    norm: str,
    published: date | None,
    n: int,
    related_at: int | None = None,
    reference: date | None = None,
    words: tuple[Occurrences, Occurrences] | None = None,
) -> float:
    """Higher is more likely the incident date.

    `reference` is the day the report was written (its publication date, else its own time stamp): days
    long before it are background. `words`: the occurrences of the event and later-statement words in
    `norm`, when the caller has them (it saves a search of the text around each date).
    """
    score = 1.0 - 0.5 * (c.start / max(n, 1))  # early mentions are the prior
    lo, hi = max(0, c.start - 160), min(n, c.end + 160)
    if words[0].any_within(lo, hi) if words is not None else _EVENT_WORDS.search(norm[lo:hi]):
        score += 1.0
    lo, hi = max(0, c.start - 45), min(n, c.end + 25)
    if (words is None or words[1].any_within(lo, hi)) and _LATER_WORDS.search(norm[lo:hi]):
        score -= 0.8
    if _alone_on_line(norm, c):
        score -= 0.7  # a date alone on its line is a dateline, page header or crawl stamp
    if related_at is not None and c.start > related_at:
        score -= 1.5  # under "Related news" / "اقرأ أيضا": other stories' dates
    if c.relative:
        score -= 0.15  # an absolute date that is also present is more reliable
    if _FUTURE.match(norm, c.end):
        score -= 3.0  # "3 مارس المقبل", "next Monday": a date still to come is not the incident's
    if c.stamp:
        score -= 0.6  # the post's own time stamp: the incident is usually told relative to it
    if c.precision is DatePrecision.MONTH:
        score -= 1.0  # "in September 2018": reports tell their incident by its day; a month is background
    if _DIED_OF_WOUNDS.search(norm, c.end, c.end + 60):
        score -= (
            0.8  # "On Nov 29 a girl died of wounds received on Nov 28": the day of death, not of the attack
        )
    if _CAPTION_AFTER.match(norm, c.end):
        score -= 0.5  # "Afrin, 25 July 2021 (Civil Defence)": a photo caption, often an archive picture
    if not c.relative and _PAST_AFTER.match(norm, c.end):
        score -= 1.0  # "22 أغسطس الماضي", "من العام الماضي": an earlier event recalled
    if published is not None and c.day > published:
        score -= 5.0  # the incident cannot follow its own report
    elif reference is not None and (reference - c.day).days > 400:
        score -= 2.0  # background history ("the operation launched in 2016")
    elif reference is not None and (reference - c.day).days > 30:
        score -= 1.0  # news is told within days; a month back is context or another story
    return score


# Background, never the incident's day: the start of a period ("since 3 July 2019", "منذ الـ3 من تموز")
# and the day an agreement was signed ("the truce signed on 12 October", "وفي 12 تشرين الأول توصل الطرفان إلى").
_SINCE_DATE = re.compile(
    r"(?:since|منذ)[^\S\n]+(?:the[^\S\n]+|ال)?(?:\d\d?[^\S\n]*(?:من[^\S\n]+|of[^\S\n]+)?)?$"
)
_SIGNED_BEFORE = re.compile(r"(?:signed|agreed|الموقع|الموقعه|المبرم)(?:[^\S\n]+(?:on|in|في))?[^\S\n]*$")
# "الموقع" is also "the site": it marks a signing only after an agreement's name.
_AGREEMENT = re.compile(r"agreement|ceasefire|truce|deal|memorandum|اتفاق|هدنه|اطلاق\s+النار|تفاهم")
_SIGNED_AFTER = re.compile(r"[^\S\n]*\)?[^\S\n]*,?[^\S\n]*(?:توصلت|توصل|ابرمت|ابرم|اتفقت)")


def _background(norm: str, c: _Candidate) -> bool:
    """A date the text gives as background: the start of a period or the signing of an agreement."""
    lo = max(0, c.start - 20)
    return bool(
        _SINCE_DATE.search(norm, lo, c.start)
        or (
            _SIGNED_BEFORE.search(norm, lo, c.start)
            and _AGREEMENT.search(norm, max(0, c.start - 80), c.start)
        )
        or _SIGNED_AFTER.match(norm, c.end)
    )


_DIED_OF_WOUNDS = re.compile(
    r"died\s+(?:of|from)\s+(?:\w+\s+)?(?:wounds|injuries)|succumbed|(?<![\u0621-\u064a])متاثر(?:ا|ه|ين|ون)?\s+ب"
)
# A date closing a line with a parenthesised credit: a photo caption.
_CAPTION_AFTER = re.compile(r"[^\S\n]*\([^()\n]{2,60}\)[^\S\n]*(?:\n|$)")
_PAST_AFTER = re.compile(r"[^\S\n]*,?[^\S\n]*(?:من[^\S\n]+(?:العام|السنه)[^\S\n]+)?(?:الماضي|الفائت|المنصرم)")
_FUTURE = re.compile(r"[^\S\n]*,?[^\S\n]*(?:المقبل|القادم|next|coming|upcoming)")
_STAMP_BEFORE = re.compile(
    rf"(?:تاريخ النشر|نشر بتاريخ|نشر في|تاريخ الخبر|صادر بتاريخ|التاريخ:|published(?: on)?|posted(?: on)?|(?:am|pm)[^\S\n]*·)"
    rf"(?:[^\S\n]*:?[^\S\n]*{_WD_RX}[^\S\n]*,?)?"
    r"[^\S\n]*:?[^\S\n]*$"
)
# "· Shared", "at 10:15", "الجمعة, 26 أبريل 2024, 09:38": a time right after the date makes it a stamp.
# A page's stamp may put the time on the next line ("20/01/2022\n\n5:46 م").
_STAMP_AFTER = re.compile(
    r"[^\S\n]*(?:·|at \d|,?[^\S\n]*-?[^\S\n]*\d\d?:\d\d(?!\d)|\n\s*\d\d?:\d\d(?![\d:]))"
)


# Facebook glues the post's stamp to the page name before it, letters or digits ("سوريا 360December
# 23, 2025 · Shared", "MuqtatafatFebruary 8, 2025 ·"), which no word-start rule can find: look back
# from each "·" instead.
_EN_MONTHS = "|".join(sorted((m for m in _MONTHS if m.isascii()), key=len, reverse=True))
_GLUED_STAMP = re.compile(
    rf"(?P<mon>{_EN_MONTHS})[^\S\n]+(?P<d>\d\d?)(?:,[^\S\n]*(?P<y>(?:19|20)\d\d))?[^\S\n]*·$"
)


# X (Twitter) glues the view count to the stamp's year: "7:45 PM · Nov 23, 202417Views".
_X_STAMP = re.compile(rf"[^\S\n]*(?P<mon>{_EN_MONTHS})[^\S\n]+(?P<d>\d\d?)(?:,[^\S\n]*(?P<y>(?:19|20)\d\d))?")
_AM_PM_BEFORE = re.compile(r"(?:am|pm)[^\S\n]*$")


def _glued_stamps(norm: str, published: date | None) -> list[_Candidate]:
    found: list[_Candidate] = []
    pos = norm.find("·")
    while pos >= 0:
        m = _GLUED_STAMP.search(norm, max(0, pos - 24), pos + 1)
        if m is None and _AM_PM_BEFORE.search(norm, max(0, pos - 6), pos):
            m = _X_STAMP.match(norm, pos + 1)
        if m is not None:
            month, day_no = _MONTHS[m["mon"]], int(m["d"])
            d = (
                _safe_date(int(m["y"]), month, day_no)
                if m["y"]
                else _resolve_year(month, day_no, published, None)
            )
            if d is not None:
                end = m.end("y") if m["y"] else m.end("d")
                found.append(
                    _Candidate(m.start("mon"), end, d, None, DatePrecision.DAY, bool(m["y"]), False, True)
                )
        pos = norm.find("·", pos + 1)
    return found


def _is_stamp(norm: str, c: _Candidate) -> bool:
    """Whether the date is a post's or page's publication stamp."""
    return bool(_STAMP_BEFORE.search(norm[max(0, c.start - 30) : c.start]) or _STAMP_AFTER.match(norm, c.end))


def extract_date(
    text: str, language: str | None = None, published: date | None = None, norm_doc: Norm | None = None
) -> DateFacts | None:
    """The report's incident date, or None when the text gives none that can be resolved.

    `language` is accepted for the component interface; the patterns cover English and Arabic at once
    because Arabic posts often quote English dates (embedded tweets) and vice versa.
    """
    del language
    if not text:
        return None
    doc = normalise_doc(text) if norm_doc is None else norm_doc
    norm = doc.text
    absolute_starts, relative_anchors = _anchors(norm)
    candidates = _absolute_candidates(norm, published, absolute_starts)
    base = published
    for c in candidates:
        c.stamp = _is_stamp(norm, c)
    for g in _glued_stamps(norm, published):
        overlap = [o for o in candidates if o.start < g.end and g.start < o.end]
        # "Nov 23, 202417Views": the word patterns read the stamp without its year; the stamp has it.
        if overlap and g.explicit_year and not any(o.explicit_year for o in overlap):
            candidates = [o for o in candidates if o not in overlap]
            overlap = []
        if not overlap:
            candidates.append(g)
    written = list(candidates)
    if not candidates and not relative_anchors:
        return None
    rel = _RELATED.search(norm)
    related_at = rel.start() if rel is not None else None
    words = (_EVENT_INDEX.occurrences(norm), _LATER_INDEX.occurrences(norm))
    # Under "Related news" / "اقرأ أيضا", once the story above it told of an attack: other stories' dates,
    # never this one's (a marker with no story above it is more likely a menu at the top).
    story_end = related_at if related_at is not None and words[0].any_within(0, related_at) else len(norm)
    # Background dates and, where the text tells its day relatively ("today", "on Tuesday"), a bare month
    # ("in September 2018") cannot be the incident's: without them a report may rightly give no date.
    candidates = [
        c
        for c in candidates
        if c.start < story_end
        and not (c.precision is DatePrecision.MONTH and relative_anchors)
        and (c.stamp or not _background(norm, c))
    ]
    reference = published  # the day the report was written, to tell recent days from background
    if published is not None:
        # A declared publication date a year off the post's own stamp of the same day: the crawler
        # guessed the year of a stamp written without one ("21 February").
        for c in candidates:
            if (
                c.stamp
                and c.explicit_year
                and abs(c.day.year - published.year) == 1
                and abs(_same_year(c.day) - _same_year(published)).days <= 1
            ):
                published = reference = _safe_date(c.day.year, published.month, published.day) or published
                break
    if published is not None:
        # A date after the report's own is a crawl stamp, a page header or a plan: never the incident.
        candidates = [c for c in candidates if c.day <= published]
        # A day written without its year more than a month before the report: another story's, or
        # a year guessed wrongly (news tells of recent days by day and month alone).
        candidates = [
            c
            for c in candidates
            if c.explicit_year or c.relative or (published - c.day).days <= _YEARLESS_WITHIN
        ]
    if base is None:
        # Crawled posts and pages carry their own time stamp ("December 31, 2025 · Shared with Public",
        # "تاريخ النشر: 09 أغسطس 2021"): it anchors "yesterday" and weekdays when no date was given.
        # Failing that, a dated line of its own near the top ("7 March 2022" above the story) is the
        # article's dateline.
        full = [c for c in candidates if c.explicit_year and c.precision is DatePrecision.DAY]
        stamps = [c for c in full if c.stamp]
        datelines = [c for c in full if c.start < _DATELINE_WITHIN and _alone_on_line(norm, c)]
        if stamps:
            base = reference = stamps[0].day
        elif datelines:
            base = datelines[0].day
            # Told against the dateline ("on Tuesday" under "05 July 2023"), the story's own day wins.
            datelines[0].stamp = True
    if base is not None:
        relative = _relative_candidates(norm, base, _expand(norm, relative_anchors))
        # A weekday right next to an absolute date ("Friday, 3 November") is part of it.
        for r in relative:
            if r.start < story_end and not any(
                a.start - 25 <= r.end and r.start <= a.end + 5 for a in written
            ):
                candidates.append(r)
    if not candidates:
        return None
    n = len(norm)
    best = max(
        candidates, key=lambda c: (_score(c, norm, published, n, related_at, reference, words), -c.start)
    )
    day = best.day
    if best.stamp and published is not None and abs((published - day).days) == 1:
        # The post's stamp as the crawler rendered it, in its own time zone, against the publication time
        # the page declares: the declared one is the post's day.
        day = published
    return DateFacts(
        date=day.isoformat(),
        date_end=best.end_day.isoformat() if best.end_day else None,
        precision=best.precision.value,
        span=doc.span(best.start, best.end),
    )


def parse_published(value: str) -> date | None:
    """A publication date given as text: ISO ('2024-10-20 14:52:40') or written ('22 أكتوبر 2025')."""
    value = value.strip()
    m = _ISO_DAY.match(value)
    if m:
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    found = [c for c in _absolute_candidates(normalise(value), None) if c.explicit_year]
    return found[0].day if found else None
