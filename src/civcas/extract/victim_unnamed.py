"""Victims the text does not name: women known only by relation ("Karim’s wife") and the women and
children it says it cannot name ("their two children (unnamed)").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from civcas.extract.numbers import parse_number
from civcas.extract.terms import matches_at
from civcas.extract.victim_context import (
    KILLED,
    NOT_KILLED,
    continues_killed_list,
    has_word,
    is_killed_here,
    sentence_bounds,
)
from civcas.extract.victim_roster import Victim

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


def explicitly_unnamed(
    text: str,
    low: str,
    start: int,
    taken: list[tuple[int, int]],
    killed_sentence: dict[int, bool],
    cue_leads: Sequence[int] | None = None,
) -> list[Victim]:
    """Women and children among the dead whom the text says it cannot name (see above).
    `cue_leads`: where the cue's lead words occur from `start` on (`casualty_scan.UNNAMED_CUE`),
    if the caller has them: the cue is tried only there."""
    found: list[Victim] = []
    cue_matches = (
        _UNNAMED_CUE.finditer(low, start) if cue_leads is None else matches_at(_UNNAMED_CUE, low, cue_leads)
    )
    cues = [c.start() for c in cue_matches]
    if not cues:
        return found
    matches: dict[int, re.Match[str]] = {}
    for c in cues:
        for m in _EXPLICITLY_UNNAMED.finditer(low, max(start, c - 80), c + 40):
            matches.setdefault(m.start(), m)
    for m in matches.values():
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue  # "Sami’s wife, whose name is not given": read as an unnamed wife already
        if not is_killed_here(low, m.start(), m.end(), killed_sentence):
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


def unnamed_relatives(
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
        s, e = sentence_bounds(low, begin)
        if s not in killed_sentence:
            killed_sentence[s] = has_word(KILLED, low, s, e) or continues_killed_list(low, s, e)
        if not killed_sentence[s]:
            continue
        ls, le = max(s, begin - 80), min(e, end + 60)
        if has_word(NOT_KILLED, low, ls, le) and not has_word(KILLED, low, ls, le):
            continue
        keys.add(key)
        found.append(Victim(begin, end, f"{rel} of {owner}", None, True, False))
    return found
