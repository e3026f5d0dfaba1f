"""Named victims in a write-up: "killed alongside his wife, 40-year-old Reem ..., and their son
Imad (10)". Counting them gives children/women/men (and a total) where the text states none.

English only (Airwars-style write-ups). A name counts as a victim when the text marks it as one:
an age next to it, a family-relation word before it, or a list introduced as the victims' names;
names in sentences only about the injured or survivors are left out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from civcas.extract.numbers import parse_number

_TOKEN = r"[A-Z][a-z’'`]{1,15}(?:-[A-Za-z][a-z’'`]{1,15})?"
# 2-6 capitalised tokens; lower-case particles may join them ("Muhammad Abdel Rahman al-Kurd").
NAME = re.compile(
    # The capital comes first (a character class re can scan for); the look-behind after it
    # checks that it starts a word.
    rf"[A-Z](?<![\w’'-][A-Z]){_TOKEN[5:]}(?:[ \u00a0](?:(?:al|el|bin|ibn|abu|abd|abdel|abdul)[- ])?{_TOKEN}){{1,5}}"
    r"(?![\w-])"
)
# One given name where a relation word introduces it: "his wife Rasha", "their children ..., Dalal (20)".
SINGLE_NAME = re.compile(rf"[A-Z](?<![\w’'-][A-Z]){_TOKEN[5:]}(?![\w-]|[ \u00a0][A-Z])")
_NUMWORD = (
    r"\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
)
# "40-year-old", "4 year old", "two-month-old" (searched on lower-cased text).
# Found by scanning for the literal "old" (fast), then matched backwards from it.
_OLD = re.compile(r"old\b")
AGE_WORD = re.compile(
    rf"(?<![\w-])(?P<n>{_NUMWORD})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"[- \u00a0](?P<unit>years?|yrs?|months?|weeks?|days?)[- \u00a0]old$"
)
# Between an age (or relation word) and the name: a comma, a title or two.
_GAP = re.compile(
    r"[,:]?[ \u00a0]{1,2}(?:(?:[a-z0-9’'.-]{2,16}|\([^()]{0,20}\)),?[ \u00a0]{1,2}){0,3}",
)
# Between two names of one list: "their children Rami Darwazeh (9), Lina Darwazeh and 3-year-old Sami Darwazeh".
_LIST_GAP = re.compile(
    r"\s{0,2}(?:,\s{0,2}(?:and\s{1,2}|as\s{1,2}well\s{1,2}as\s{1,2})?|and\s{1,2})"
    r"(?:(?:an?\s)?[\w-]{1,12}[- ](?:years?|months?|weeks?|days?)[- ]old,?\s{1,2})?"
)
# "(6)", "(42 years old)", ", 25," "aged 7" right after the name.
AGE_AFTER = re.compile(
    # an optional nickname first: 'Zuhur Darwazeh "Umm Sami", 60'
    r"(?:\s{0,2}[\"“][^\"“”]{1,30}[\"”])?"
    r"\s{0,2}(?:\((?:[^()]{0,40}?[,;]\s{0,2})?(?:aged\s{1,2})?(?P<p>\d{1,3})(?:\s{0,2}(?P<pu>years?|yrs?|months?|days?|weeks?)"
    r"(?:[\s-]{1,2}old)?)?[^()]{0,30}\)|,\s{0,2}(?:aged\s{1,2})?(?P<c>\d{1,2})(?:-\d{1,2})?"
    r"(?:\s{1,2}(?P<cu>years?|months?)(?:\s{1,2}old)?)?(?=[,;.)\s])"
    r"|\s{0,2}aged\s{1,2}(?P<a>\d{1,3})"
    # "Lina Darwazeh, a 16-day-old infant", "Sami Darwazeh, the four-year-old son of ..."
    rf"|,\s{{0,2}}(?:(?:the|a|an|his|her|their)\s{{1,2}})?(?P<w>{_NUMWORD})[- \u00a0](?P<wu>years?|months?|weeks?|days?)[- \u00a0]old"
    # ... but not the age of the next name: "Sami Darwazeh, 5-year-old Rami Darwazeh"
    r"(?:[\s\u00a0]{1,2}(?:infant|baby|child|boy|girl|son|daughter|toddler|newborn|grand\w{2,8}|nephew|niece|"
    r"brother|sister|man|woman|cousin)\b|(?=\s{0,2}(?:[,;.)]|and\b))))",
)
# "Muhannad Ziyad (child)": a child marker right after the name.
_CHILD_AFTER = re.compile(
    r"\s{0,2}\((?:a\s)?(?:child|minor|infant|baby|toddler|girl|boy|less\sthan\s(?:(?:a|one|1)\syear|\w{1,6}\smonths?)(?:\sold)?)\)"
    # "Rami Darwazeh, a male child;", "Lina Darwazeh, a little girl,"
    r"|,\s{1,2}(?:an?\s{1,2})?(?:(?:male|female|young|little|small)\s{1,2})?(?:child|minor|infant|baby|toddler|girl|boy)\b"
)
# In-law forms first: the first alternative that matches wins ("sister-in-law", not "sister").
_FEMALE_REL = (
    r"daughter-in-law|sister-in-law|mother-in-law|wife|mother|daughter|sister|grandmother|granddaughter|"
    r"aunt|niece|woman|girl|fiancée|fiancee|widow"
)
_MALE_REL = (
    r"son-in-law|brother-in-law|father-in-law|husband|father|son|brother|grandfather|grandson|uncle|"
    r"nephew|man|boy|fiancé"
)
_CHILD_REL = r"infant|baby|newborn|toddler|child|kid|girl|boy|grandchild"
# Plurals that are not the singular plus "s".
_IRREGULAR_PLURAL = r"children|grandchildren|wives"
REL_WORD = re.compile(
    rf"(?<!\w)(?=[a-z])(?:(?P<irr>{_IRREGULAR_PLURAL})|"
    rf"(?P<rel>{_FEMALE_REL}|{_MALE_REL}|{_CHILD_REL}|cousin|relative|neighbou?r)(?P<pl>s)?)\b"
)
# Relations that make a person a child when the text gives no age: write-ups name a family's
# children by relation ("their daughter Lina Darwazeh") and give ages only for some.
_CHILD_BY_RELATION = frozenset(
    "child kid grandson granddaughter grandchild infant baby newborn toddler girl boy".split()
)
# A son or daughter is a child unless the parent named just before is old enough to have adult
# children ("the 84-year-old ... and their son"); a sibling of a child is a child.
_OFFSPRING = frozenset(("son", "daughter"))
_OLD_PARENT = 45
_SINGULAR_OF = {"children": "child", "grandchildren": "grandchild", "wives": "wife"}
# "Rami’s wife", "Lina’s children": a spouse or a parent is an adult.
# The possessor's given name is the first of the names before the apostrophe ("Sami Karim’s son": Sami).
# Found from the apostrophe (literal-led, fast), then the names read backwards.
_PARENT_OR_SPOUSE = re.compile(
    r"[’']s\s(?:\w{1,12}\s){0,2}?(?P<rel>wife|husband|sons?|daughters?|children|kids|widow|fianc\w{1,2})\b"
)
_POSSESSOR = re.compile(
    r"(?:[A-Z][a-z]{1,15}[ \u00a0](?:(?:al|el|abu|abd|abdel|abdul)[- ])?){0,3}[A-Z][a-z]{1,15}(?:-[A-Za-z][a-z]{1,15})?$"
)


def _possessors(text: str, start: int) -> list[tuple[str, str]]:
    """(given name, relation) for every "Sami Karim’s son", "Rami’s wife"."""
    out = []
    for m in _PARENT_OR_SPOUSE.finditer(text, start):
        owner = _POSSESSOR.search(text, max(0, m.start() - 70), m.start())
        if owner is not None:
            out.append((owner.group(0).split()[0].lower(), m.group("rel")))
    return out


LIST_INTRO = re.compile(
    # Literal-led alternatives (re scans fast); callers check the word boundary.
    r"(?:named\s+as|identified\s+as|names\s+of\s+(?:the\s+)?(?:those|victims|people|civilians|the\s+dead|"
    r"the\s+deceased|the\s+victims)(?:\s+killed)?(?:\s+(?:were|as|are))?|victims\s+(?:were|included|include|are)|"
    r"dead\s+(?:were|included|include)|deceased\s+(?:were|included|include)|killed\s+(?:were|included|include)|as\s+follows|following\s+(?:names|victims)|"
    r"among\s+(?:the\s+)?(?:dead|victims|those\s+killed)\s+(?:were|was))\s{0,3}:?\s{0,3}",
)
# Literal-led (fast to scan); `_has_word` checks the word start.
_KILLED = re.compile(
    r"(?:killed|died|dead|death|deaths|martyr\w*|lost\s+(?:their|his|her)\s+lives?|victims?|bodies|"
    r"perished|slain|deceased|funeral|mourn\w*|names\s+of\s+those)\b",
)
_NOT_KILLED = re.compile(
    r"(?:injur\w*|wounded|survived|survivor\w*|rescued|pulled\s+\w+\s+alive|alive|hospitali[sz]ed|"
    r"posted|wrote|tweeted|shared|reported|told|said|spoke|according|journalist\s+\w+\s+\w+\s+(?:said|reported))\b",
)
_NOT_VICTIM_NAME = re.compile(
    r"^(?:Gaza|Israeli?|Palestin\w*|Khan|Deir|Beit|Al[- ]Shifa|Al[- ]Aqsa|Civil|Ministry|Health|Facebook|Twitter|"
    r"Instagram|Telegram|News|Agency|Airwars|Hamas|Islamic|Qassam|Nasser|Shehab|Safa|Quds|Jazeera|Street|"
    r"Refugee|Camp|Hospital|Mosque|School|University|The|On|In|At|According|Sources?|Local|Where|While|"
    r"Other|Another|Both|His|Her|Their|Initial|Several|Multiple|Jabalia|Rafah|Nuseirat|Bureij|Maghazi|"
    r"Zawaida|Sheikh|Tal|Shati|Shuja|Rimal|Zeitoun|Zaytoun|Tuffah|Daraj|Sabra|Yarmouk|Saftawi|North|South|"
    r"East|West|Central|Middle|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
    r"March|April|May|June|July|August|September|October|November|December|United|UN|UNRWA|Doctors|"
    r"Defense|Defence|Red|Crescent|Human|Rights|Euro|Med|Monitor|Center|Centre|Office|Media|TV|Post|"
    r"Times|Daily|Press|Information|Interior|Government|Municipality|Association|Union|Federation|Committee|"
    r"Brigades?|Forces|Army|Military|Police|Security|National|Council|Tower|Square|Roundabout|Market|Bakery|"
    r"Station|Clinic|Center|Building|Salah|Omar\s+Mukhtar|Wahda|Jalaa|Mukhtar)\b"
)

# A capitalised name with one of these words is a place or an organisation ("Olive Grove School").
_PLACE_WORD = re.compile(
    r"\b(?:School|Schools|Hospital|Mosque|University|College|Street|Camp|Cent(?:er|re)|Clinic|Tower|Market|"
    r"Bakery|Company|Foundation|Agency|Bank|Club|Kindergarten|Shelter|Square|Roundabout|Building)\b"
)

# Common female given names in Gaza/Levant write-ups (transliteration variants), used for gender.
_FEMALE_NAMES = frozenset(
    {
        "aisha", "aysha", "ayesha", "amal", "amani", "amira", "ameera", "amna", "aminah", "amina", "areej",
        "arij", "asmaa", "asma", "aseel", "aya", "ayat", "batoul", "bisan", "bushra", "dalal", "dalia",
        "dana", "dania", "danya", "dima", "dina", "doaa", "duaa", "dua", "eman", "iman", "fatima", "fatma",
        "fatimah", "fedaa", "fida", "farah", "ghada", "ghadeer", "hadeel", "hala", "halima", "hana",
        "hanan", "haneen", "hanin", "hiba", "heba", "hind", "hoda", "huda", "ibtisam", "ikram", "ikhlas",
        "inshirah", "intisar", "isra", "israa", "jana", "janan", "jannat", "jenin", "jude", "judy",
        "jumana", "kawthar", "khadija", "khitam", "lana", "lamia", "lama", "lamees", "layan", "layla",
        "leila", "lina", "lubna", "lujain", "maha", "malak", "malika", "manar", "maria", "mariam",
        "maryam", "marwa", "maysaa", "mays", "mayar", "mervat", "mirna", "mona", "muna", "nada", "nadia",
        "najwa", "narges", "nawal", "nesreen", "nisreen", "nimat", "nima", "noor", "nour",
        "noura", "nora", "ola", "omnia", "rabab", "rafif", "raghad", "rahaf", "rama", "rana",
        "raneem", "rania", "rasha", "rasmiya", "rawan", "razan", "reem", "rim", "rima", "reham", "rand",
        "ruba", "rula", "sabreen", "safa", "safaa", "sahar", "saja", "salma", "sama", "samah",
        "samar", "samira", "sana", "sara", "sarah", "sawsan", "shahd", "sham", "shaima", "shaimaa",
        "shatha", "shireen", "siham", "somaya", "sondos", "souad", "suad", "suha", "suhair", "sumaya",
        "tahani", "tala", "taqwa", "tasneem", "wafa", "walaa", "ward", "wesal", "widad", "yara",
        "yasmeen", "yasmin", "yousra", "yusra", "zahra", "zainab", "zeinab", "zeina", "zena", "zaina",
        "suzan", "susan", "hiyam", "hiam", "samia", "nabila", "fadwa", "jamila", "latifa", "mahasen",
        "maisa", "nahed", "nehad", "randa", "sajida", "sajeda", "raya", "lian", "sila", "dunia",
        "donia", "masa", "massa", "malk", "mira", "miral", "nagham", "rital", "tuleen", "yaqeen", "joud",
        "jood", "lujayn", "ghazal", "wafaa", "hanaa", "maysoon", "basma", "suhaila", "safiya", "sumayya",
        "marah", "besan", "bissan", "gharam", "sabah", "habiba",
        "faten", "leen", "layn", "rahma", "nahla", "nuha", "najah", "ibtihal", "insaf", "jihan", "kholoud",
        "khuloud", "lamis", "mai", "manal", "najla", "nariman", "nisrin", "rabiha", "raghda", "rasmia",
        "salwa", "samiha", "shadia", "sharifa", "suhad", "taghreed", "wedad", "wijdan", "zakia", "zuhur",
        "aziza", "basima", "fadia", "fairouz", "fawzia", "ghalia", "hadil", "hamida", "hayat", "itaf",
        "ataf", "karima", "khawla", "majida", "munira", "naima", "rawia", "sanaa", "tamam", "umayma", "wisal",
    }
)  # fmt: skip


_FEMALE_NAMES_FOLDED = frozenset(
    re.sub(r"(?<=[a-z])(?:aa|ah)$", "a", n).replace("ee", "i").replace("oo", "u").replace("ou", "u")
    for n in _FEMALE_NAMES
)


# Arabic given names ending in a single -a are mostly women's (Lama, Rasha); the common men's
# names with that ending are listed.
_MALE_NAMES_IN_A = frozenset(
    """hamza osama usama mustafa moustafa mostafa yahya yahia zakaria zakariya zakariyya musa mousa moussa
    issa isa taha reda rida huthaifa hudhaifa hudaifa huzaifa hozyfa moawia muawiya muawiyah salama
    obaida ubaida ubayda abu abo hamada jumaa juma attia atiya atta omara ammar shehada shahada maysara
    dia dhia bara mousa ata akrama ikrima ukasha usaama""".split()
)


# Relations that say nothing of gender: the given name decides.
_NEUTRAL_REL = frozenset(
    "child kid grandchild infant baby newborn toddler cousin relative neighbour neighbor".split()
) | {""}


def _known_female_name(first: str) -> bool:
    """A woman's given name in any of its usual transliterations: a doubled or final long vowel
    (-aa, -ah), "ee"/"ou"/"oo" for i and u."""
    if first in _FEMALE_NAMES:
        return True
    variant = re.sub(r"(?<=[a-z])(?:aa|ah)$", "a", first)
    variant = variant.replace("ee", "i").replace("oo", "u").replace("ou", "u")
    return variant != first and variant in _FEMALE_NAMES_FOLDED


def _feminine_form(first: str) -> bool:
    if first.endswith("ah") and not first.endswith("llah"):
        first = first[:-1]  # "-iyah" as "-iya": the same -a ending ("-llah" names are men's)
    return (
        len(first) >= 3
        and first.endswith("a")
        and not first.endswith("aa")
        and first.isalpha()
        and first not in _MALE_NAMES_IN_A
    )


_FEMALE_REL_RE = re.compile(_FEMALE_REL)
# A relative who speaks of the dead: "mourned by her son, ...", "according to his brother ...".
_SPEAKER_BEFORE = re.compile(
    r"\b(?:by|according\s{1,2}to|told|said)\s{1,2}(?:her|his|their|[a-z]{2,15}[’']s)\s{1,2}(?:[\w-]{2,20}\s{1,2})?"
    r"[\w-]{2,20},?\s{1,2}$"
)
_PAIR_BEFORE = re.compile(
    rf"\b(?P<r1>{_FEMALE_REL}|{_MALE_REL})\s{{1,2}}and\s{{1,2}}(?P<r2>{_FEMALE_REL}|{_MALE_REL}),?\s{{1,2}}$"
)
# "Dalal (daughter, 20 years old)": the relation in brackets after a name is the victim's own.
_REL_IN_PARENS = re.compile(rf"\s{{0,2}}\((?P<rel>{_FEMALE_REL}|{_MALE_REL})\b")
# "Among them were A and B" (in a sentence that goes on with the dead).
_AMONG_THEM_BEFORE = re.compile(r"\bamong\s{1,2}(?:them|whom)\s{1,2}(?:were|was)\s{1,2}$")
_PREGNANT_AFTER = re.compile(r",?\s{1,2}(?:who\s{1,2}was\s{1,2}(?:\w{1,12}\s{1,2})?|a\s{1,2})pregnant\b")
# "Lina Darwazeh, killed alongside her husband": a married victim is an adult.
_SPOUSE_AFTER = re.compile(
    r"[^.;\n]{0,50}?\b(?:with|and|alongside)\s{1,2}(?:her|his)\s{1,2}(?:husband|wife)\b"
)
# A given name alone is read only right after a possessive and a close relation ("his wife Rasha",
# "Tamer’s wife Lina", "their children A (14), B (20)") or in the list such a relation starts.
_CLOSE_RELATION_BEFORE = re.compile(
    r"(?:(?<![\w’'])(?:his|her|their)|[’']s)\s{1,2}(?:(?:two|three|four|five|six|seven|pregnant|young|eldest|"
    r"youngest|infant|elderly)\s{1,2})?(?:wife|husband|sons?|daughters?|children|mother|father|sisters?|"
    r"brothers?|grand(?:son|daughter|child|children)s?)(?:,\s{1,2}|\s{1,2})$"
    r"|\)\s{0,2}(?:,\s{1,2}(?:and\s{1,2})?|and\s{1,2})$"
    r"|\bthe\s{1,2}(?:wife|husband|widow)\s{1,2}of\s{1,2}[a-z’'-]{2,15},\s{1,2}$"
)
# "The wife of Tamer, Lina, ...": the relation is the name's after the comma.
_REL_OF_NAME_BEFORE = re.compile(
    r"\bthe\s{1,2}(?P<rel>wife|husband|widow)\s{1,2}of\s{1,2}[a-z’'-]{2,15}(?:\s{1,2}[a-z’'-]{2,15}){0,3},\s{1,2}$"
)
# "son of their son Tamer", "married to her son Rami": the name is the parent's or spouse's.
_OF_PARENT = re.compile(r"\b(?:of|to)\s{1,2}$")
# Where a given name alone may follow (the candidates `_CLOSE_RELATION_BEFORE` then checks).
_SINGLE_NAME_CUE = re.compile(
    r"(?:(?:wife|husband|widow|sons?|daughters?|children|mother|father|sisters?|brothers?|grandsons?|granddaughters?|"
    r"grandchild(?:ren)?)(?:\s{1,2}of\s{1,2}[A-Z][a-z’'-]{1,15})?,?\s{1,2}|\)\s{0,2}(?:,\s{1,2}(?:and\s{1,2})?|and\s{1,2}))"
    r"(?=[A-Z])"
)
# After the given name: a bracket, a comma, a full stop or "and", never the word that goes on.
_SINGLE_END = re.compile(r"\s{0,2}(?:[(,;.]|and\b|were\b|was\b)")
_SPOUSE_NAMED = re.compile(r"(?P<rel>husband|wife),?\s{1,2}(?P<name>[A-Z][a-z’'-]{1,15})\b")
# Capitalised words after a relation word that are no given name: "his son In ...".
_NOT_A_GIVEN_NAME = frozenset(
    "the a an and in on at of his her their he she they who was were is are also both all its "
    "this that these those with from to for as by after before when while one two three four five six "
    "seven eight nine ten dr mr mrs ms prof eng sheikh hajj hajja".split()
)
# "Islam Darwazeh, a teacher and wife of ...", "Huda Darwazeh (the mother of ...)": she is a woman.
_FEMALE_AFTER = re.compile(
    r"\s{0,2}[,(]\s{0,2}(?:[\w’'-]{1,15}\s{1,2}){0,5}?(?:wife|mother|widow|grandmother|sister|aunt)\s{1,2}of\b"
)
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Victim:
    start: int
    end: int
    name: str
    age: int | None  # years; under one year is 0
    female: bool | None
    child: bool


@dataclass(frozen=True, slots=True)
class Roster:
    victims: tuple[Victim, ...]

    @property
    def total(self) -> int:
        return len(self.victims)

    @property
    def children(self) -> int:
        return sum(v.child for v in self.victims)

    @property
    def women(self) -> int:
        return sum(1 for v in self.victims if v.female and not v.child)

    @property
    def men(self) -> int:
        return sum(1 for v in self.victims if v.female is False and not v.child)


def _age(n: str, unit: str | None) -> int | None:
    if unit and not unit.lower().startswith(("y", "yr")):
        return 0
    v = int(n) if n.isdigit() else parse_number(n)
    return v if v is not None and v < 110 else None


# A full stop after a title or an initial ends no sentence: "their daughter, 33-year-old Dr. Huda".
_ABBREVIATION = re.compile(r"(?<![\w.])(?:dr|mr|mrs|ms|prof|eng|st|jr|sr|gen|col|lt|capt|sgt|[a-z])$", re.I)


def _full_stop_before(text: str, pos: int) -> int:
    i = text.rfind(". ", 0, pos)
    while i > 0 and _ABBREVIATION.search(text, max(0, i - 5), i):
        i = text.rfind(". ", 0, i)
    return i


def _full_stop_after(text: str, pos: int) -> int:
    i = text.find(". ", pos)
    while i > 0 and _ABBREVIATION.search(text, max(0, i - 5), i):
        i = text.find(". ", i + 2)
    return i


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = max(_full_stop_before(text, pos), text.rfind("\n", 0, pos)) + 1
    ends = [e for e in (_full_stop_after(text, pos), text.find("\n", pos)) if e >= 0]
    return start, (min(ends) if ends else len(text))


def _before(ends: list[int], values: list[_T], text: str, pos: int, floor: int = 0) -> _T | None:
    """The value of the match ending closest before `pos` (and not before `floor`, the end of
    the previous name: "40-year-old Huda Darwazeh, Sami ..." is Huda's age), if only a short gap
    separates them."""
    k = bisect_right(ends, pos) - 1
    if k >= 0 and ends[k] > floor and pos - ends[k] <= 40 and _GAP.fullmatch(text, ends[k], pos):
        return values[k]
    return None


# "Huda Darwazeh was also killed", "Huda Darwazeh (Umm Yazan) was reported to have been killed".
_SUBJECT_KILLED = re.compile(
    r"(?:\s{0,2}\([^()]{1,80}\))?,?\s{1,3}(?:was|were)\s{1,3}(?:(?:also|reportedly|reported\s{1,3}to\s{1,3}have\s{1,3}been|"
    r"among(?:st)?\s{1,3}those|confirmed|later)\s{1,3}){0,3}(?:killed|martyred|among(?:st)?\s{1,3}the\s{1,3}dead)\b"
)
# "... was killed along with Huda Darwazeh", "..., as was Huda Darwazeh"
_KILLED_WITH = re.compile(
    r"(?:killed|martyred|died),?\s{1,3}(?:[a-z]{2,12}\s{1,3}){0,3}(?:along\s{1,3}with|alongside|together\s{1,3}with|with)\s{1,3}$"
    r"|(?:killed|martyred),?\s{1,3}as\s{1,3}(?:was|were)\s{1,3}$"
)
_FINITE_VERB = re.compile(r"\b(?:was|were|is|are|has|have|had|will|would|said|says|posted|wrote|reported)\b")


# "Among them were A and B": a sentence that goes on with the dead of the sentence before.
_GOES_ON = re.compile(
    r"\s{0,2}(?:among\s{1,2}(?:them|whom|those)|they\s{1,2}(?:were|included)|these\s{1,2}(?:were|included))\b"
)


def _continues_killed_list(low: str, start: int, end: int) -> bool:
    """A verbless sentence that goes on with the list of the dead before it: "Among those killed
    were A and B. Their niece C, and 11-year-old D." """
    if start < 2 or low[start - 1] == "\n":
        return False
    if _FINITE_VERB.search(low, start, end) and not _GOES_ON.match(low, start):
        return False
    if _has_word(_NOT_KILLED, low, start, end):
        return False
    ps, pe = _sentence_bounds(low, start - 2)
    return _has_word(_KILLED, low, ps, pe)


def _has_word(rx: re.Pattern[str], low: str, start: int, end: int) -> bool:
    """Whether `rx` matches a whole word in low[start:end]."""
    return any(m.start() == 0 or not low[m.start() - 1].isalnum() for m in rx.finditer(low, start, end))


def _relation_before(low: str, pos: int, floor: int = 0) -> tuple[str, bool]:
    """A family-relation word right before a name ("his wife, 40-year-old ...") in its singular
    form, or "", and whether it was plural ("their sons ..." names a list)."""
    rel = None
    for rel in REL_WORD.finditer(low, max(floor, pos - 45), pos):  # noqa: B007 - the last one
        pass
    if rel is not None and _GAP.fullmatch(low, rel.end(), pos):
        if _OF.fullmatch(low, rel.end(), pos):
            return "", False  # "wife of Samir Darwazeh": the relation is someone else's
        irr = rel.group("irr")
        word, plural = (
            (_SINGULAR_OF[irr], True) if irr is not None else (rel.group("rel"), rel.group("pl") is not None)
        )
        if _SMALL_BEFORE.search(low, max(floor, rel.start() - 30), rel.start()):
            word = "infant"  # "their infant niece and nephew, A and B"
        return word, plural
    return "", False


# "wife of Samir Darwazeh": the relation is someone else's.
_OF = re.compile(r",?\s{1,2}of\s{1,2}(?:the\s{1,2})?(?:(?:late|martyr|deceased)\s{1,2})?")
_SMALL_BEFORE = re.compile(r"\b(?:infant|baby|toddler|newborn|little|small)\s(?:[a-z]{1,12}\s){0,2}$")


def _young_offspring(earlier: list[Victim], pos: int) -> bool:
    """Whether a son/daughter named at `pos` without an age is a child, judged by the victims
    named just before: a child sibling named in the same breath says yes, an old parent says no."""
    if earlier and earlier[-1].child and pos - earlier[-1].end <= 60:
        return True
    for v in reversed(earlier):
        if pos - v.start > 400:
            break
        if v.age is not None and v.age >= 18:
            return v.age < _OLD_PARENT
    return True


def find_victims(text: str, start: int = 0, low: str | None = None) -> Roster:
    """Named victims from `start` on (the body after the lead paragraph).

    `low` is the lower-cased text (same length), if the caller has it."""
    low = text.lower() if low is None or len(low) != len(text) else low
    if len(low) != len(text):
        return Roster(())
    # Names first: most reports (all Arabic ones) have none, and then the scans below are wasted.
    names = list(NAME.finditer(text, start))
    if not names:
        return Roster(())
    # Given names alone count only after a relation word (checked in the loop); most capitalised
    # words are ruled out here by the look for a relation word just before them.
    singles = [
        m
        for r in _SINGLE_NAME_CUE.finditer(text, start)
        if (m := SINGLE_NAME.match(text, r.end())) is not None
        and (rel := _CLOSE_RELATION_BEFORE.search(low, max(start, m.start() - 40), m.start())) is not None
        and _SINGLE_END.match(text, m.end()) is not None
        and not _OF_PARENT.search(low, max(start, rel.start() - 20), rel.start())
    ]
    if singles:
        names = sorted(names + singles, key=lambda m: m.start())
    ages: list[tuple[int, int | None]] = []
    for o in _OLD.finditer(low, start):
        a = AGE_WORD.search(low, max(start, o.start() - 30), o.end())
        if a is not None:
            ages.append((a.end(), _age(a.group("n"), a.group("unit"))))
    age_ends = [e for e, _ in ages]
    age_vals = [a for _, a in ages]
    intros = [
        (m.end(), _sentence_bounds(low, m.end())[1])
        for m in LIST_INTRO.finditer(low, start)
        if not low[m.start() - 1 : m.start()].isalnum()
    ]
    intro_starts = [a for a, _ in intros]
    seen: dict[str, int] = {}
    out: list[Victim] = []
    killed_sentence: dict[int, bool] = {}
    # Every "Rami's wife" match has an apostrophe-s: `in` spares the scan in most reports.
    possessive = "’s" in text or "'s" in text
    spouses = _possessors(text, start) if possessive else []
    adults = {owner for owner, _ in spouses}
    # "Rami’s wife": Rami is a man, whatever the given name suggests (some are borne by both).
    husbands = {owner for owner, rel in spouses if rel in ("wife", "widow")}
    # "in memory of her husband, Rami": whoever is someone's spouse is an adult.
    for sp in _SPOUSE_NAMED.finditer(text, start):
        if text[max(0, sp.start() - 4) : sp.start()] not in ("his ", "her "):
            continue
        adults.add(sp.group("name").lower())
        if sp.group("rel") == "husband":
            husbands.add(sp.group("name").lower())
    # The plural relation of the list being read ("their sons A, B and C") and where it may go on.
    list_rel, list_end = "", -1
    name_end = 0
    for m in names:
        name = m.group(0)
        floor, name_end = name_end, m.end()
        if _NOT_VICTIM_NAME.match(name) or _PLACE_WORD.search(name) or text.startswith(("’s", "'s"), m.end()):
            continue  # "Bardawil’s house": a possessive, not a victim
        age = _before(age_ends, age_vals, low, m.start(), floor)
        age_a = AGE_AFTER.match(low, m.end()) if age is None else None
        if age_a is not None:
            name_end = age_a.end()  # "Lina Darwazeh, a 16-day-old infant, Sami ...": Lina's age
        rel_word, plural = _relation_before(low, m.start(), floor)
        if not rel_word and (
            low.startswith(", ", m.start() - 2)
            and (of_name := _REL_OF_NAME_BEFORE.search(low, max(floor, m.start() - 60), m.start()))
        ):
            rel_word, plural = of_name.group("rel"), False
        if not rel_word and list_rel and _LIST_GAP.fullmatch(low, list_end, m.start()):
            rel_word, plural = list_rel, True
        if rel_word and _SPEAKER_BEFORE.search(low, max(floor, m.start() - 60), m.start()):
            list_rel = ""
            continue  # "remembered by her sister-in-law, Huda Darwazeh": who speaks of the dead
        single = " " not in name and "\u00a0" not in name
        if single and (not rel_word or name.lower() in _NOT_A_GIVEN_NAME):
            list_rel = ""
            continue
        list_rel = rel_word if plural else ""
        pair = _PAIR_BEFORE.search(low, max(floor, m.start() - 40), m.start()) if rel_word else None
        if pair is not None and rel_word == "infant":
            list_rel = rel_word  # "their infant niece and nephew, A and B": both infants
        elif pair is not None:
            # "mother and son A and B": the first relation is A's, the second B's.
            rel_word, list_rel = pair.group("r1"), pair.group("r2")
        list_end = age_a.end() if age_a is not None else m.end()
        k = bisect_right(intro_starts, m.start()) - 1
        in_list = k >= 0 and m.start() < intros[k][1]
        marker = _CHILD_AFTER.match(low, m.end())
        marked_child = marker is not None
        if marker is not None:
            name_end = max(name_end, marker.end())
        if (
            age is None
            and age_a is None
            and not rel_word
            and not in_list
            and not marked_child
            and not _SUBJECT_KILLED.match(low, m.end())
            and not _KILLED_WITH.search(low, max(0, m.start() - 50), m.start())
            and not _AMONG_THEM_BEFORE.search(low, max(0, m.start() - 30), m.start())
        ):
            continue
        s, e = _sentence_bounds(low, m.start())
        if s not in killed_sentence:
            killed_sentence[s] = _has_word(_KILLED, low, s, e) or _continues_killed_list(low, s, e)
        if not in_list and not killed_sentence[s]:
            continue
        ls, le = _clause_window(low, s, e, m.start(), m.end())
        if _has_word(_NOT_KILLED, low, ls, le) and not _has_word(_KILLED, low, ls, le):
            continue
        if _SURVIVORS_BEFORE.search(low, ls, m.start()):
            continue  # "mourned by surviving relatives A and B"
        if age_a is not None:
            n = age_a.group("p") or age_a.group("c") or age_a.group("a") or age_a.group("w")
            age = _age(n, age_a.group("pu") or age_a.group("cu") or age_a.group("wu"))
        first = name.split()[0].lower().strip("’'")
        female: bool | None = False
        if rel_word in ("cousin", "relative", "neighbour", "neighbor"):
            female = None
        own_rel = _REL_IN_PARENS.match(low, m.end())
        if own_rel is not None:
            rel_word = own_rel.group("rel")  # "Dalal (daughter, 20 years old)": her own relation
        if first in husbands:
            pass
        elif (
            _FEMALE_REL_RE.fullmatch(rel_word)
            or first in ("umm", "um")
            or _known_female_name(first)
            or (marker is not None and ("female" in marker.group(0) or "girl" in marker.group(0)))
            or _FEMALE_AFTER.match(low, name_end) is not None
            or (rel_word in _NEUTRAL_REL and _feminine_form(first))
        ):
            female = True
        pregnant = _PREGNANT_AFTER.match(low, name_end) is not None or low.endswith(
            "pregnant ", max(0, m.start() - 9), m.start()
        )
        if pregnant and first not in husbands:
            female = True  # "Rasha Darwazeh, who was pregnant", "a pregnant Rasha Darwazeh": a woman
        married = pregnant or _SPOUSE_AFTER.match(low, name_end) is not None
        child = (age is not None and age < 18) or (
            age is None
            and not married
            and (
                marked_child
                or (rel_word in _CHILD_BY_RELATION and first not in adults)
                or (rel_word in _OFFSPRING and first not in adults and _young_offspring(out, m.start()))
            )
        )
        idx = _same_person(seen, name)
        if idx is not None:
            prev = out[idx]
            if prev.age is None and age is not None:
                out[idx] = Victim(prev.start, prev.end, prev.name, age, prev.female, age < 18)
            continue
        _remember(seen, name, len(out))
        out.append(Victim(m.start(), m.end(), name, age, female, child))
    out = _ages_stated_later(text, low, start, out, seen)
    out = _coded_children(text, start, out, seen)
    wives = _unnamed_relatives(text, low, start, out, killed_sentence)
    out += wives
    out += _explicitly_unnamed(text, low, start, [(v.start, v.end + 60) for v in wives], killed_sentence)
    return Roster(tuple(out))


@lru_cache(maxsize=4096)
def _name_keys(name: str) -> tuple[str, ...]:
    """Keys under which a name is known: its first two names, and for a short form ("Sami
    Darwazeh", "Sami") the given and family name, or the given name alone."""
    tokens = name.lower().replace("\u00a0", " ").split()
    if len(tokens) == 1:
        return ("1:" + tokens[0],)
    return ("2:" + " ".join(tokens[:2]), f"fl:{tokens[0]} {_skeleton(tokens[-1])}", "1:" + tokens[0])


_VOWELS = str.maketrans("", "", "aeiouy’'`-")


def _skeleton(family: str) -> str:
    """A family name without its vowels: transliterations differ in them ("Darwazeh", "Darwazah")."""
    bare = family.removeprefix("al-").removeprefix("el-").translate(_VOWELS)
    return "".join(c for i, c in enumerate(bare) if i == 0 or c != bare[i - 1])


def _same_person(seen: dict[str, int], name: str) -> int | None:
    """The victim already read under another form of this name, if any: the same first two
    names; a short form ("Sami Darwazeh", "Sami") of a fuller name given before, or the reverse."""
    keys = _name_keys(name)
    if len(keys) == 1:
        return seen.get(keys[0])  # a given name alone: whoever had it first
    if keys[0] in seen:
        return seen[keys[0]]
    short = len(name.split()) == 2
    if short and keys[1] in seen:
        return seen[keys[1]]
    if ("s" + keys[1]) in seen:  # a fuller form of a short name read before
        return seen["s" + keys[1]]
    return seen.get("s" + keys[2])


def _remember(seen: dict[str, int], name: str, idx: int) -> None:
    keys = _name_keys(name)
    if len(keys) == 1:
        seen.setdefault(keys[0], idx)
        seen.setdefault("s" + keys[0], idx)
        return
    seen.setdefault(keys[0], idx)
    seen.setdefault(keys[1], idx)
    seen.setdefault(keys[2], idx)
    if len(name.split()) == 2:
        seen.setdefault("s" + keys[1], idx)


# "Adam was only five years old", "Omar Karim Darwazeh was a five month old boy": an age stated
# in a sentence of its own about a victim already named.
# Found from the verb (literal-led, fast); the name is read backwards from it.
_AGE_STATED_NAME = re.compile(
    r"(?<![\w’'`-])[A-Z][a-z’'`-]{2,15}(?:[ \u00a0](?:(?:al|el|abu|abd|abdel|abdul)[- ])?[A-Z][\w’'`-]{1,15}){0,5},?\s{1,2}$"
)
_AGE_STATED = re.compile(
    r"(?:was|is)\s{1,2}(?:(?:only|just|about|reportedly|aged)\s{1,2}){0,2}(?:an?\s{1,2})?"
    rf"(?P<n>{_NUMWORD.title()}|{_NUMWORD})(?:\s{{1,2}}and\s{{1,2}}a\s{{1,2}}half)?[- \u00a0]"
    r"(?P<unit>years?|months?|weeks?|days?)[- \u00a0]old\b"
)


_CAP_NAME = r"(?:[A-Z][\w’'-]{1,15}[’']s\s{1,2}(?:son|daughter|grandson|granddaughter)\s{1,2})?[A-Z][\w’'-]{1,15}(?:[ \u00a0](?:(?:al|el|abu|abd)[- ])?[A-Z][\w’'-]{1,15}){0,5}"


def _names(i: int) -> str:
    """A list of names ("A, B and C") as group names{i}."""
    return rf"(?P<names{i}>{_CAP_NAME}(?:(?:,\s{{1,2}}(?:and\s{{1,2}})?|\s{{1,2}}and\s{{1,2}}){_CAP_NAME}){{0,6}})"


_AS_CHILD = r"as\s{1,2}(?:an?\s{1,2})?(?:child|children|minors?)\b"
# The monitor's own coding of victims whose age the text does not give: "Sami has been counted
# as a child", "the monitor has categorised Tamer’s son Adam as a child", "Both A and B were
# children"; and where it leaves the question open: "it was not clear if A and B were children".
_CODED_CHILD = re.compile(
    rf"\b{_names(1)},?\s{{1,2}}(?:has|have|had|is|are|was|were)\s{{1,2}}(?:been\s{{1,2}})?(?:counted|categori[sz]ed|"
    rf"classified|listed|quantified|considered|recorded|identified|described)\s{{1,2}}(?:by\s{{1,2}}[\w ’'-]{{1,40}}?\s{{1,2}})?{_AS_CHILD}"
    rf"|\b(?:has|have)\s{{1,2}}(?:counted|categori[sz]ed|classified|listed|quantified|considered|recorded)\s{{1,2}}{_names(2)}\s{{1,2}}{_AS_CHILD}"
    rf"|\b(?:[Bb]oth|[Aa]ll)\s{{1,2}}{_names(3)}\s{{1,2}}(?:were|are)\s{{1,2}}(?:also\s{{1,2}})?(?:children|minors)\b"
)
_NOT_CLEAR_CHILD = re.compile(
    rf"\b(?:not\s{{1,2}}clear|unclear|unknown|uncertain)\s{{1,2}}(?:if|whether)\s{{1,2}}{_names(1)}\s{{1,2}}(?:were|was)\s{{1,2}}"
    r"(?:also\s{1,2}|still\s{1,2})?(?:children|a\s{1,2}child|minors?)\b"
)


_CODED_CUE = re.compile(
    r"(?:as\s{1,2}(?:an?\s{1,2})?(?:child|children|minors?)|were\s{1,2}(?:also\s{1,2})?(?:children|minors))\b"
)


def _coded_children(text: str, start: int, out: list[Victim], seen: dict[str, int]) -> list[Victim]:
    """Apply the monitor's stated coding (above) to the victims it names."""
    if (" child" not in text and " minor" not in text) or _CODED_CUE.search(text, start) is None:
        return out  # none of the phrasings below: spares two slow scans on most reports
    for rx, child in ((_CODED_CHILD, True), (_NOT_CLEAR_CHILD, False)):
        for m in rx.finditer(text, start):
            names = (
                m.group("names1") or m.group("names2") or m.group("names3")
                if rx is _CODED_CHILD
                else m.group("names1")
            )
            for part in re.split(r",\s{1,2}(?:and\s{1,2})?|\s{1,2}and\s{1,2}", names):
                part = re.sub(r"^.*[’']s\s{1,2}\w+\s{1,2}", "", part)  # "Tamer’s son Adam": Adam
                idx = _same_person(seen, part)
                if idx is not None and out[idx].age is None:
                    v = out[idx]
                    out[idx] = Victim(v.start, v.end, v.name, v.age, v.female, child)
    return out


def _ages_stated_later(
    text: str, low: str, start: int, out: list[Victim], seen: dict[str, int]
) -> list[Victim]:
    if " old" not in low:
        return out
    for m in _AGE_STATED.finditer(text, start):
        if m.start() > 0 and text[m.start() - 1].isalnum():
            continue
        who = _AGE_STATED_NAME.search(text, max(start, m.start() - 110), m.start())
        if who is None:
            continue
        idx = _same_person(seen, who.group(0).rstrip(", \u00a0"))
        if idx is None or out[idx].age is not None:
            continue
        age = _age(m.group("n").lower(), m.group("unit"))
        if age is not None:
            v = out[idx]
            out[idx] = Victim(v.start, v.end, v.name, age, v.female, age < 18)
    return out


# "Karim’s wife": a woman the text does not name, known by whose wife or mother she was.
# Found from the apostrophe (literal-led, fast); the owner is the name just before it.
_UNNAMED = re.compile(
    r"[’']s\s{1,2}(?:(?:pregnant|elderly|young|old|late|\d{1,2}-year-old)\s{1,2}){0,2}(?P<rel>wife|mother)(?![\w’'-])"
)
_OWNER = re.compile(r"(?<![\w’'`-])[A-Z][a-z’'`-]{1,15}$")
# The same woman where the text names her: "Karim’s wife, Huda ...", "Huda, the wife of Karim".
_OWNED_NAMED = re.compile(
    r"(?P<owner>[A-Z][a-z’'`-]{1,15})[’']s\s{1,2}(?:[\w-]{1,15}\s{1,2}){0,2}?(?P<rel>wife|mother),?\s{1,2}"
    r"(?:\(?(?:the\s{1,2}|a\s{1,2})?[\w-]{1,12}[- ]years?[- ]old\)?,?\s{1,2}|dr\.?\s{1,2})?$"
)
# "Umm Yazan Darwazeh, Tamer’s mother": the relation describes the name before it.
_APPOSITION_BEFORE = re.compile(r"[A-Z][\w’'-]{1,15},\s{1,2}$")
_NAMED_OWNED = re.compile(
    r"[^.]{0,40}?\b(?:the\s{1,2})?(?P<rel>wife|mother)\s{1,2}of\s{1,2}(?P<owner>[A-Z][a-z’'`-]{1,15})"
)
# A name, an age or a title right after the relation word: the named path reads that victim.
_NAMED_AFTER = re.compile(
    r",?\s{1,2}(?:\(\w{1,10}\)\s{1,2})?(?:(?:the\s{1,2}|a\s{1,2})?[\w-]{1,12}[- ]years?[- ]old,?\s{1,2}|dr\.?\s{1,2})?[A-Z]"
    r"|\s{0,2}(?:[’']s|of\b|-)",
)


# Where a clause of its own starts: "A was killed, while her siblings B and C were injured".
_CLAUSE_BREAK = re.compile(r";|,\s{1,2}(?:while|whereas|but)\b|\s(?:while|whereas)\s")
# Relatives named as those left behind or speaking of the dead.
_SURVIVORS_BEFORE = re.compile(r"\b(?:surviving|survived\s{1,2}by|mourned\s{1,2}by|remembered\s{1,2}by)\b")


def _clause_window(low: str, s: int, e: int, start: int, end: int) -> tuple[int, int]:
    """The words around a victim (80 characters before, 60 after) within its clause."""
    ls, le = max(s, start - 80), min(e, end + 60)
    window = low[ls:le]
    if ";" not in window and "while" not in window and "whereas" not in window and ", but" not in window:
        return ls, le
    for b in _CLAUSE_BREAK.finditer(low, ls, le):
        if b.end() <= start:
            ls = b.end()
        elif b.start() >= end:
            le = b.start()
            break
    return ls, le


def _is_killed_here(low: str, start: int, end: int, killed_sentence: dict[int, bool]) -> bool:
    """Whether the words at start:end are about the dead (as for names: a sentence about the
    killed, and no word about the injured or survivors nearby without one about the dead)."""
    s, e = _sentence_bounds(low, start)
    if s not in killed_sentence:
        killed_sentence[s] = _has_word(_KILLED, low, s, e) or _continues_killed_list(low, s, e)
    if not killed_sentence[s]:
        return False
    ls, le = _clause_window(low, s, e, start, end)
    return not (_has_word(_NOT_KILLED, low, ls, le) and not _has_word(_KILLED, low, ls, le))


_UNNAMED_WORDS = (
    r"wife|wives|mother|grandmother|woman|women|sons?|daughters?|child|children|kids?|grandsons?|"
    r"granddaughters?|grandchild|grandchildren|infants?|bab(?:y|ies)|boys?|girls?"
)
_COUNT_WORD = r"two|three|four|five|six|seven|eight|nine|\d"
# Victims the text says it cannot name: "their two children (unnamed)", "a grandson whose name
# and age are unknown", "a woman and an infant whose names were not released", "two unnamed
# daughters", "his unnamed wife".
_EXPLICITLY_UNNAMED = re.compile(
    rf"\b(?:(?P<n1>{_COUNT_WORD})\s{{1,2}})?(?:(?:young|infant|second|elder|eldest|youngest|pregnant|little)\s{{1,2}})?"
    rf"(?P<rel1>{_UNNAMED_WORDS})"
    rf"(?:\s{{1,2}}and\s{{1,2}}(?:an?\s{{1,2}})?(?P<rel1b>{_UNNAMED_WORDS}))?"
    r"(?:\s{0,2}\((?:unnamed|name\s{1,2}unknown|names\s{1,2}unknown|as\s{1,2}yet\s{1,2}unnamed)\)"
    r"|,?\s{1,2}(?:whose|their)\s{1,2}(?:\w{1,8}\s{1,2}(?:and|or)\s{1,2})?names?\s{1,2}(?:(?:and|or)\s{1,2}\w{1,8}\s{1,2})?"
    r"(?:are|is|were|was|remain|remains|have|has)\s{1,2}(?:not|unknown|never)"
    r"|,?\s{1,2}who\s{1,2}remains?\s{1,2}unnamed)"
    rf"|\b(?:(?P<n2>{_COUNT_WORD})\s{{1,2}})?(?:(?:additional|other|further)\s{{1,2}})?unnamed\s{{1,2}}"
    rf"(?:(?P<age>\d{{1,2}})-year-old\s{{1,2}})?(?P<rel2>{_UNNAMED_WORDS})\b"
)
# Words every phrasing above has: the slow scan runs only around them.
_UNNAMED_CUE = re.compile(r"unnamed|whose\s|name\s{1,2}unknown|names\s{1,2}unknown|their\s{1,2}names?\s")
_FEMALE_UNNAMED = frozenset("wife wives mother grandmother woman women".split())
_CHILD_UNNAMED = frozenset(
    "son sons daughter daughters child children kid kids grandson grandsons granddaughter granddaughters "
    "grandchild grandchildren infant infants baby babies boy boys girl girls".split()
)


def _explicitly_unnamed(
    text: str, low: str, start: int, taken: list[tuple[int, int]], killed_sentence: dict[int, bool]
) -> list[Victim]:
    """Women and children among the dead whom the text says it cannot name (see above)."""
    found: list[Victim] = []
    cues = [c.start() for c in _UNNAMED_CUE.finditer(low, start)]
    if not cues:
        return found
    matches: dict[int, re.Match[str]] = {}
    for c in cues:
        for m in _EXPLICITLY_UNNAMED.finditer(low, max(start, c - 80), c + 40):
            matches.setdefault(m.start(), m)
    for m in matches.values():
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue  # "Sami’s wife, whose name is not given": read as an unnamed wife already
        if not _is_killed_here(low, m.start(), m.end(), killed_sentence):
            continue
        n_word = m.group("n1") or m.group("n2")
        n = (int(n_word) if n_word.isdigit() else parse_number(n_word)) if n_word else None
        age = int(m.group("age")) if m.group("age") else None
        for rel in (m.group("rel1"), m.group("rel1b"), m.group("rel2")):
            if rel is None:
                continue
            count = n or 1  # "unnamed daughters" without a figure: at least one
            child = rel in _CHILD_UNNAMED and (age is None or age < 18)
            female = (
                True
                if rel in _FEMALE_UNNAMED or rel.startswith(("daughter", "granddaughter", "girl"))
                else None
            )
            if rel in ("son", "sons", "grandson", "grandsons", "boy", "boys"):
                female = False
            if not child and not female:
                continue
            found += [Victim(m.start(), m.end(), f"unnamed {rel}", age, female, child)] * count
    return found


def _unnamed_relatives(
    text: str, low: str, start: int, out: list[Victim], killed_sentence: dict[int, bool]
) -> list[Victim]:
    """Women among the dead whom the text names only by relation ("killed with Karim’s wife
    and their two children"): one each per relation and person they belong to."""
    found: list[Victim] = []
    if "’s" not in text and "'s" not in text:
        return found
    keys: set[tuple[str, str]] = set()
    for v in out:
        if v.female:
            b = _OWNED_NAMED.search(text, max(0, v.start - 80), v.start)
            a = _NAMED_OWNED.match(text, v.end)
            keys.update((x.group("rel"), x.group("owner").lower()) for x in (a, b) if x is not None)
    unnamed: list[tuple[int, int, str, str]] = []
    for m in _UNNAMED.finditer(text, start):
        o = _OWNER.search(text, max(0, m.start() - 16), m.start())
        if o is None:
            continue
        owner, rel, begin = o.group(0), m.group("rel"), o.start()
        if _APPOSITION_BEFORE.search(text, max(0, begin - 30), begin):
            # "Huda Darwazeh, Tamer’s wife": the woman is named; later mentions are of her.
            keys.add((rel, owner.lower()))
        elif not _NAMED_AFTER.match(text, m.end()):
            unnamed.append((begin, m.end(), owner, rel))
    for begin, end, owner, rel in unnamed:
        key = (rel, owner.lower())
        if key in keys:
            continue
        s, e = _sentence_bounds(low, begin)
        if s not in killed_sentence:
            killed_sentence[s] = _has_word(_KILLED, low, s, e) or _continues_killed_list(low, s, e)
        if not killed_sentence[s]:
            continue
        ls, le = max(s, begin - 80), min(e, end + 60)
        if _has_word(_NOT_KILLED, low, ls, le) and not _has_word(_KILLED, low, ls, le):
            continue
        keys.add(key)
        found.append(Victim(begin, end, f"{rel} of {owner}", None, True, False))
    return found
