"""Named victims in a write-up: "killed alongside his wife, 40-year-old Reem ..., and their son
Imad (10)". Counting them gives children/women/men (and a total) where the text states none.

English only (Airwars-style write-ups). A name counts as a victim when the text marks it as one:
an age next to it, a family-relation word before it, or a list introduced as the victims' names;
names in sentences only about the injured or survivors are left out.

`find_victims` reads the names and combines what the other modules find around them:
`victim_names` (where a name may stand), `victim_ages`, `victim_kinship` (relation words),
`victim_given_names` (gender from the given name), `victim_context` (whether a sentence is about
the dead), `victim_coding` (the monitor's coding as children), `victim_unnamed` (victims known only
by relation or said to be unnamed) and `victim_roster` (`Victim`, `Roster`, one person under two
forms of a name).
"""

from __future__ import annotations

import re
from bisect import bisect_right

# Patterns are used through their modules ("victim_kinship.PAIR_BEFORE.search"): Python 3.11 calls a
# method of a name bound by `from ... import` without its fast path (a bound method each call).
from civcas.extract import victim_ages, victim_context, victim_kinship, victim_names
from civcas.extract.casualty_scan import LIST_INTRO as LIST_INTRO_LEADS
from civcas.extract.casualty_scan import NAME_CUE, UNNAMED_CUE, Leads
from civcas.extract.terms import matches_at
from civcas.extract.victim_ages import age_before, ages_before_names, ages_stated_later, years_old
from civcas.extract.victim_coding import coded_children
from civcas.extract.victim_context import clause_window, continues_killed_list, has_word, sentence_bounds
from civcas.extract.victim_given_names import feminine_form, known_female_name
from civcas.extract.victim_kinship import (
    CHILD_BY_RELATION,
    NEUTRAL_REL,
    OFFSPRING,
    relation_before,
    spouses_and_parents,
    young_offspring,
)
from civcas.extract.victim_names import NOT_A_GIVEN_NAME, given_names_alone
from civcas.extract.victim_roster import Roster, Victim, remember, same_person
from civcas.extract.victim_unnamed import explicitly_unnamed, unnamed_relatives

__all__ = ["Roster", "Victim", "find_victims"]

# Between two names of one list: "their children Rami Darwazeh (9), Lina Darwazeh and 3-year-old Sami Darwazeh".
_LIST_GAP = re.compile(
    r"\s{0,2}(?:,\s{0,2}(?:and\s{1,2}|as\s{1,2}well\s{1,2}as\s{1,2})?|and\s{1,2})"
    r"(?:(?:an?\s)?[\w-]{1,12}[- ](?:years?|months?|weeks?|days?)[- ]old,?\s{1,2})?"
)
# Words that introduce a list of the dead: "were named as", "the victims were".
LIST_INTRO = re.compile(
    # Literal-led alternatives (re scans fast); callers check the word boundary.
    r"(?:named\s+as|identified\s+as|names\s+of\s+(?:the\s+)?(?:those|victims|people|civilians|the\s+dead|"
    r"the\s+deceased|the\s+victims)(?:\s+killed)?(?:\s+(?:were|as|are))?|victims\s+(?:were|included|include|are)|"
    r"dead\s+(?:were|included|include)|deceased\s+(?:were|included|include)|killed\s+(?:were|included|include)|as\s+follows|following\s+(?:names|victims)|"
    r"among\s+(?:the\s+)?(?:dead|victims|those\s+killed)\s+(?:were|was))\s{0,3}:?\s{0,3}",
)


_RELATION_FIRST = frozenset(
    "sister sisters brother brothers cousin cousins siblings twins son sons daughter daughters".split()
)


def find_victims(text: str, start: int = 0, low: str | None = None, leads: Leads | None = None) -> Roster:
    """Named victims from `start` on (the body after the lead paragraph).

    `low` is the lower-cased text (same length), if the caller has it, and `leads` the lead words
    found in it (`casualty_scan`)."""
    if low is None or len(low) != len(text):
        low, leads = text.lower(), None
    if len(low) != len(text):
        return Roster(())
    # Names first: most reports (all Arabic ones) have none, and then the scans below are wasted.
    names = list(victim_names.NAME.finditer(text, start))
    if not names:
        return Roster(())
    leads = leads if leads is not None else Leads(low)
    # Given names alone count only where a close relation introduces them ("his wife Rasha").
    singles = given_names_alone(text, low, start, leads.starts(NAME_CUE, start))
    if singles:
        names = sorted(names + singles, key=lambda m: m.start())
    age_ends, age_vals = ages_before_names(low, start)
    intros = [
        (m.end(), sentence_bounds(low, m.end())[1])
        for m in matches_at(LIST_INTRO, low, leads.starts(LIST_INTRO_LEADS, start))
        if not low[m.start() - 1 : m.start()].isalnum()
    ]
    intro_starts = [a for a, _ in intros]
    seen: dict[str, int] = {}
    out: list[Victim] = []
    killed_sentence: dict[int, bool] = {}
    adults, husbands = spouses_and_parents(text, start, low)
    # The plural relation of the list being read ("their sons A, B and C") and where it may go on.
    list_rel, list_end = "", -1
    name_end = 0
    for m in names:
        name = m.group(0)
        first = name.split(None, 1)[0]
        if first.lower() in _RELATION_FIRST:
            # "Sisters Rana (8) and Sara (5)": a relation word that starts a sentence is no name.
            rest = m.start() + len(first) + 1
            sub = victim_names.NAME.match(text, rest) or victim_names.SINGLE_NAME.match(text, rest)
            if sub is None:
                continue
            m, name = sub, sub.group(0)
        floor, name_end = name_end, m.end()
        if (
            victim_names.NOT_VICTIM_NAME.match(name)
            or victim_names.PLACE_WORD.search(name)
            or text.startswith(("’s", "'s"), m.end())
        ):
            continue  # "Bardawil’s house": a possessive, not a victim
        age = age_before(age_ends, age_vals, low, m.start(), floor)
        age_a = victim_ages.AGE_AFTER.match(low, m.end()) if age is None else None
        if age_a is not None:
            name_end = age_a.end()  # "Lina Darwazeh, a 16-day-old infant, Sami ...": Lina's age
        rel_word, plural = relation_before(low, m.start(), floor)
        if not rel_word and (
            low.startswith(", ", m.start() - 2)
            and (
                of_name := victim_kinship.REL_OF_NAME_BEFORE.search(
                    low, max(floor, m.start() - 60), m.start()
                )
            )
        ):
            rel_word, plural = of_name.group("rel"), False
        if not rel_word and list_rel and _LIST_GAP.fullmatch(low, list_end, m.start()):
            rel_word, plural = list_rel, True
        if rel_word and victim_kinship.SPEAKER_BEFORE.search(low, max(floor, m.start() - 60), m.start()):
            list_rel = ""
            continue  # "remembered by her sister-in-law, Huda Darwazeh": who speaks of the dead
        single = " " not in name and "\u00a0" not in name
        if single and (not rel_word or name.lower() in NOT_A_GIVEN_NAME):
            list_rel = ""
            continue
        list_rel = rel_word if plural else ""
        pair = (
            victim_kinship.PAIR_BEFORE.search(low, max(floor, m.start() - 40), m.start())
            if rel_word
            else None
        )
        if pair is not None and rel_word == "infant":
            list_rel = rel_word  # "their infant niece and nephew, A and B": both infants
        elif pair is not None:
            # "mother and son A and B": the first relation is A's, the second B's.
            rel_word, list_rel = pair.group("r1"), pair.group("r2")
        list_end = age_a.end() if age_a is not None else m.end()
        k = bisect_right(intro_starts, m.start()) - 1
        in_list = k >= 0 and m.start() < intros[k][1]
        marker = victim_ages.CHILD_AFTER.match(low, m.end())
        marked_child = marker is not None
        if marker is not None:
            name_end = max(name_end, marker.end())
        if (
            age is None
            and age_a is None
            and not rel_word
            and not in_list
            and not marked_child
            and not victim_context.SUBJECT_KILLED.match(low, m.end())
            and not victim_context.KILLED_WITH.search(low, max(0, m.start() - 50), m.start())
            and not victim_context.AMONG_THEM_BEFORE.search(low, max(0, m.start() - 30), m.start())
        ):
            continue
        s, e = sentence_bounds(low, m.start())
        if s not in killed_sentence:
            killed_sentence[s] = has_word(victim_context.KILLED, low, s, e) or continues_killed_list(
                low, s, e
            )
        if not in_list and not killed_sentence[s]:
            continue
        ls, le = clause_window(low, s, e, m.start(), m.end())
        if has_word(victim_context.NOT_KILLED, low, ls, le) and not has_word(
            victim_context.KILLED, low, ls, le
        ):
            continue
        if victim_context.SURVIVORS_BEFORE.search(low, ls, m.start()):
            continue  # "mourned by surviving relatives A and B"
        if age_a is not None:
            n = age_a.group("p") or age_a.group("c") or age_a.group("a") or age_a.group("w")
            age = years_old(n, age_a.group("pu") or age_a.group("cu") or age_a.group("wu"))
        first = name.split()[0].lower().strip("’'")
        female: bool | None = False
        if rel_word in ("cousin", "relative", "neighbour", "neighbor"):
            female = None
        own_rel = victim_kinship.REL_IN_PARENS.match(low, m.end())
        if own_rel is not None:
            rel_word = own_rel.group("rel")  # "Dalal (daughter, 20 years old)": her own relation
        if first in husbands:
            pass
        elif (
            victim_kinship.FEMALE_REL_RE.fullmatch(rel_word)
            or first in ("umm", "um")
            or known_female_name(first)
            or (marker is not None and ("female" in marker.group(0) or "girl" in marker.group(0)))
            or victim_kinship.FEMALE_AFTER.match(low, name_end) is not None
            or (rel_word in NEUTRAL_REL and feminine_form(first))
        ):
            female = True
        pregnant = victim_kinship.PREGNANT_AFTER.match(low, name_end) is not None or low.endswith(
            "pregnant ", max(0, m.start() - 9), m.start()
        )
        if pregnant and first not in husbands:
            female = True  # "Rasha Darwazeh, who was pregnant", "a pregnant Rasha Darwazeh": a woman
        married = pregnant or victim_kinship.SPOUSE_AFTER.match(low, name_end) is not None
        child = (age is not None and age < 18) or (
            age is None
            and not married
            and (
                marked_child
                or (rel_word in CHILD_BY_RELATION and first not in adults)
                or (rel_word in OFFSPRING and first not in adults and young_offspring(out, m.start()))
            )
        )
        idx = same_person(seen, name)
        if idx is not None:
            prev = out[idx]
            if prev.age is None and age is not None:
                out[idx] = Victim(prev.start, prev.end, prev.name, age, prev.female, age < 18)
            continue
        remember(seen, name, len(out))
        out.append(Victim(m.start(), m.end(), name, age, female, child))
    out = ages_stated_later(text, low, start, out, seen)
    out = coded_children(text, start, out, seen, low)
    wives = unnamed_relatives(text, low, start, out, killed_sentence)
    out += wives
    taken = [(v.start, v.end + 60) for v in wives]
    out += explicitly_unnamed(text, low, start, taken, killed_sentence, leads.starts(UNNAMED_CUE, start))
    return Roster(tuple(out))
