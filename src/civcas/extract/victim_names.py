"""Where a victim's name may stand in a write-up: full names of 2-6 capitalised words, a given
name alone after a close relation ("his wife Rasha"), and the capitalised words that name places
and organisations rather than people.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from civcas.extract.terms import matches_at

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

# Between an age (or relation word) and the name: a comma, a title or two.
GAP_BEFORE_NAME = re.compile(
    r"[,:]?[ \u00a0]{1,2}(?:(?:[a-z0-9’'.-]{2,16}|\([^()]{0,20}\)),?[ \u00a0]{1,2}){0,3}",
)
# Capitalised words that start no victim's name: places, organisations, days, months.
NOT_VICTIM_NAME = re.compile(
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
PLACE_WORD = re.compile(
    r"\b(?:School|Schools|Hospital|Mosque|University|College|Street|Camp|Cent(?:er|re)|Clinic|Tower|Market|"
    r"Bakery|Company|Foundation|Agency|Bank|Club|Kindergarten|Shelter|Square|Roundabout|Building)\b"
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

# Capitalised words after a relation word that are no given name: "his son In ...".
NOT_A_GIVEN_NAME = frozenset(
    "the a an and in on at of his her their he she they who was were is are also both all its "
    "this that these those with from to for as by after before when while one two three four five six "
    "seven eight nine ten dr mr mrs ms prof eng sheikh hajj hajja".split()
)


def given_names_alone(
    text: str, low: str, start: int, cues: Sequence[int] | None = None
) -> list[re.Match[str]]:
    """Given names alone where a close relation introduces them (whether they are victims is
    checked with the full names); most capitalised words are ruled out here by the look for a
    relation word just before them. `cues`: where the cue's lead words occur in `low` from `start`
    on (`casualty_scan.NAME_CUE`), if the caller has them: the cue is tried only there."""
    found = (
        _SINGLE_NAME_CUE.finditer(text, start) if cues is None else matches_at(_SINGLE_NAME_CUE, text, cues)
    )
    return [
        m
        for r in found
        if (m := SINGLE_NAME.match(text, r.end())) is not None
        and (rel := _CLOSE_RELATION_BEFORE.search(low, max(start, m.start() - 40), m.start())) is not None
        and _SINGLE_END.match(text, m.end()) is not None
        and not _OF_PARENT.search(low, max(start, rel.start() - 20), rel.start())
    ]
