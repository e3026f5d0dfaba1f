"""Family relations around a victim's name: "his wife, 40-year-old ...", "mother and son A and B",
"Rami’s wife" (Rami is an adult and a man), "Dalal (daughter, 20)", and what a relation says of
gender and age.
"""

from __future__ import annotations

import re

from civcas.extract import casualty_scan as S
from civcas.extract import victim_names
from civcas.extract.victim_roster import Victim

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
CHILD_BY_RELATION = frozenset(
    "child kid grandson granddaughter grandchild infant baby newborn toddler girl boy".split()
)
# A son or daughter is a child unless the parent named just before is old enough to have adult
# children ("the 84-year-old ... and their son"); a sibling of a child is a child.
OFFSPRING = frozenset(("son", "daughter"))
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


# Relations that say nothing of gender: the given name decides.
NEUTRAL_REL = frozenset(
    "child kid grandchild infant baby newborn toddler cousin relative neighbour neighbor".split()
) | {""}

# A relation that makes the victim a woman (matched whole: `fullmatch`).
FEMALE_REL_RE = re.compile(_FEMALE_REL)
# A relative who speaks of the dead: "mourned by her son, ...", "according to his brother ...".
SPEAKER_BEFORE = re.compile(
    r"\b(?:by|according\s{1,2}to|told|said)\s{1,2}(?:her|his|their|[a-z]{2,15}[’']s)\s{1,2}(?:[\w-]{2,20}\s{1,2})?"
    r"[\w-]{2,20},?\s{1,2}$"
)
PAIR_BEFORE = re.compile(
    rf"\b(?P<r1>{_FEMALE_REL}|{_MALE_REL})\s{{1,2}}and\s{{1,2}}(?P<r2>{_FEMALE_REL}|{_MALE_REL}),?\s{{1,2}}$"
)
# "Dalal (daughter, 20 years old)": the relation in brackets after a name is the victim's own.
REL_IN_PARENS = re.compile(rf"\s{{0,2}}\((?P<rel>{_FEMALE_REL}|{_MALE_REL})\b")
# "Rasha Darwazeh, who was pregnant": a woman, and married.
PREGNANT_AFTER = re.compile(r",?\s{1,2}(?:who\s{1,2}was\s{1,2}(?:\w{1,12}\s{1,2})?|a\s{1,2})pregnant\b")
# "Lina Darwazeh, killed alongside her husband": a married victim is an adult.
SPOUSE_AFTER = re.compile(
    r"[^.;\n]{0,50}?\b(?:with|and|alongside)\s{1,2}(?:her|his)\s{1,2}(?:husband|wife)\b"
)

# "The wife of Tamer, Lina, ...": the relation is the name's after the comma.
REL_OF_NAME_BEFORE = re.compile(
    r"\bthe\s{1,2}(?P<rel>wife|husband|widow)\s{1,2}of\s{1,2}[a-z’'-]{2,15}(?:\s{1,2}[a-z’'-]{2,15}){0,3},\s{1,2}$"
)
# "her husband, Rami": the spouse named after the relation.
_SPOUSE_NAMED = re.compile(r"(?P<rel>husband|wife),?\s{1,2}(?P<name>[A-Z][a-z’'-]{1,15})\b")

# "Islam Darwazeh, a teacher and wife of ...", "Huda Darwazeh (the mother of ...)": she is a woman.
FEMALE_AFTER = re.compile(
    r"\s{0,2}[,(]\s{0,2}(?:[\w’'-]{1,15}\s{1,2}){0,5}?(?:wife|mother|widow|grandmother|sister|aunt)\s{1,2}of\b"
)

# "wife of Samir", "son to Samir": the relation is the named person's, not the victim's own.
_OF = re.compile(r",?\s{1,2}(?:of|to)\s{1,2}(?:the\s{1,2})?(?:(?:late|martyr|deceased)\s{1,2})?")
_SMALL_BEFORE = re.compile(r"\b(?:infant|baby|toddler|newborn|little|small)\s(?:[a-z]{1,12}\s){0,2}$")


def relation_before(low: str, pos: int, floor: int = 0) -> tuple[str, bool]:
    """A family-relation word right before a name ("his wife, 40-year-old ...") in its singular
    form, or "", and whether it was plural ("their sons ..." names a list)."""
    rel = None
    rel = S.last(REL_WORD, S.REL_WORD, low, max(floor, pos - 45), pos)
    if rel is not None and victim_names.GAP_BEFORE_NAME.fullmatch(low, rel.end(), pos):
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


def young_offspring(earlier: list[Victim], pos: int) -> bool:
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


def spouses_and_parents(text: str, start: int, low: str | None = None) -> tuple[set[str], set[str]]:
    """Given names (lower-cased) of the adults the text names as someone's spouse or parent, and
    of the men among them. `low`: the lower-cased text, if the caller has it."""
    # Every "Rami's wife" match has an apostrophe-s: `in` spares the scan in most reports.
    possessive = "’s" in text or "'s" in text
    spouses = _possessors(text, start) if possessive else []
    adults = {owner for owner, _ in spouses}
    # "Rami’s wife": Rami is a man, whatever the given name suggests (some are borne by both).
    husbands = {owner for owner, rel in spouses if rel in ("wife", "widow")}
    # "in memory of her husband, Rami": whoever is someone's spouse is an adult.
    named = (
        _SPOUSE_NAMED.finditer(text, start)
        if low is None
        else S.finditer(_SPOUSE_NAMED, S.SPOUSE_NAMED, text, start, len(text), low)
    )
    for sp in named:
        if text[max(0, sp.start() - 4) : sp.start()] not in ("his ", "her "):
            continue
        adults.add(sp.group("name").lower())
        if sp.group("rel") == "husband":
            husbands.add(sp.group("name").lower())
    return adults, husbands
