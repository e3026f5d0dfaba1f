"""Casualty figures for the incident a report describes: killed, injured, children, women, men.

How it reads a report:
1. find every count of people ("at least 12 civilians", "ثلاثة أطفال", "a child", "طفلين")
   with `numbers.find_quantities` and the noun patterns in `casualty_patterns`;
2. give each count an event (killed / injured) from the nearest event word in its sentence,
   and attach "including ..." sub-counts to the count they break down;
3. drop counts in sentences about cumulative tolls ("since October 7 ...");
4. combine: the lead paragraph (where write-ups state the headline toll) gives the minimum,
   any other figure for this incident can raise the maximum (conflicting sources widen),
   except figures far above the lead (other incidents, cumulative tolls);
5. where the lead gives no children/women/men figure, count named victims (`victims`).

Conventions (tuned on the Airwars and TBIJ development data):
- people are civilians unless the text marks them as combatants (Airwars' rule); combatants
  count only towards total_killed;
- "at least N" is N-N; "more than N" is N+1; "up to N" takes its minimum from the highest
  lower report; "dozens" is 12-24 and "hundreds" 100-200 (at least 12 / 100, as
  vocabulary.md says, with analysts' upper bound);
- a lead that says people were injured or killed without a figure ("others were injured")
  gives at least 2, "a large number"/"many" 12-24 (like "dozens"); "several", "a number of"
  give none (vocabulary.md); "X was killed" gives 1;
- a list that restates a count ("five children, two boys, two girls and an infant") is not added
  to it, nor is one member singled out ("..., one of them an infant").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate

from civcas.extract import casualty_patterns as P
from civcas.extract import casualty_scan as S
from civcas.extract.casualty_figures import Figure, combine, fallbacks, one_more
from civcas.extract.casualty_scan import (
    AR_CHILDREN_COUNTED_AFTER,
    AR_DUAL,
    AR_EVENT_FIRST,
    AR_INCLUDED,
    AR_NOUN_FIRST,
    AR_NOUN_FIRST_KEY,
    EN_SINGULAR,
    Leads,
)
from civcas.extract.numbers import NUMBER_WORDS, Quantity, QuantityKind, find_quantities, normalize
from civcas.extract.terms import matches_at
from civcas.extract.victim_roster import Roster
from civcas.extract.victims import find_victims
from civcas.model.extraction import CountRange

_OF_THEM = re.compile(r"\s{1,3}of\s{1,3}(?:them|whom|those)\b", re.I)
# Gaps that make a list of counts one sum: "two women and a child", "7 members along with 18 others".
_SUM_GAP = re.compile(
    r"\s{0,3}(?:,|,?\s{0,3}(?:and|as\s+well\s+as|along\s+with|together\s+with|in\s+addition\s+to|plus|&|و))\s{0,3}",
    re.I,
)
# Apposition after a total: "killed two civilians, a man and his daughter".
_APPOSITION_GAP = re.compile(r"\s{0,2}[,:\-(]\s{0,3}", re.I)
_AND_TAIL = re.compile(r"[^.;:!?\n]{0,60}?(?:\band|,)\s{0,3}", re.I)
FIELDS = ("civilians_killed", "injured", "children_killed", "women_killed", "men_killed", "total_killed")
_SPECIFIC = {"child": "children_killed", "woman": "women_killed", "man": "men_killed"}


@dataclass(slots=True)
class CasualtyFacts:
    civilians_killed: CountRange | None = None
    injured: CountRange | None = None
    children_killed: CountRange | None = None
    women_killed: CountRange | None = None
    men_killed: CountRange | None = None
    total_killed: CountRange | None = None
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


@dataclass(slots=True)
class Mention:
    """One count of people in the text."""

    start: int
    end: int
    low: int
    high: int
    kind: QuantityKind
    category: P.Category
    event: P.Event | None = None
    sentence: int = 0
    sub: bool = False
    head: int | None = None  # index of the count a sub-count breaks down
    cumulative: bool = False
    lead: bool = False
    civ_override: int | None = None  # "six ..., five of them civilians"


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    cumulative: bool | None  # None: not checked yet


def _sentences(norm: str) -> list[_Sentence]:
    out: list[_Sentence] = []
    pos = 0
    for m in P.SENTENCE_SPLIT.finditer(norm):
        # The sentence ends after its punctuation; the split match starts with it (or a newline).
        end = m.start() + (0 if m.group(0)[0] == "\n" else 1)
        if end > pos:
            out.append(_Sentence(pos, end, None))
        pos = m.end()
    if pos < len(norm):
        out.append(_Sentence(pos, len(norm), None))
    return out


# Compiled once here: `re.search(pattern_string, ...)` looks the pattern up in re's cache in
# interpreted Python on every call, even from the compiled module.
_NOT_SPACE = re.compile(r"\S")
_DIGITS = re.compile(r"\d+")
_OTHER = re.compile(r"\b(?:other|others|another|more)\b", re.I)
_WHOLE_WORD = {w: re.compile(rf"\b{w}\b") for w in ("children", "women")}


def _lead_end(norm: str) -> int:
    """End of the first paragraph with content: where write-ups put the headline toll."""
    m = _NOT_SPACE.search(norm)
    if m is None:
        return 0
    para = norm.find("\n", m.start())
    return len(norm) if para < 0 else para


# Between an event word and a bare number: "killing 3", "toll rose to 8", "injured ranged from 30".
_BARE_GAP = re.compile(
    r"[\s:,\"“']{0,4}(?:(?:ranged|ranging|rose|reached|stood|climbed|increased)\s{1,3})?"
    r"(?:to\s{1,3}|at\s{1,3}|from\s{1,3}|الي\s{1,3})?"
)


_FAMILY_OF = re.compile(r"\b(?:family|household)\s{1,3}of\s{1,3}$")
# The ages of a counted group, right after it: "two brothers, aged 9 and 12".
_AGED = re.compile(r",?\s{1,3}(?:aged|ages)\s{1,3}\d{1,2}(?:(?:\s{0,2},\s{0,2}|\s{1,3}and\s{1,3})\d{1,2})+\b")
_CLOSING_QUOTES = frozenset("\"”’'»")


# One person beside a count of others, named or by a word no other rule counts: "Hassan and 2
# others", "the driver and two others" (not "women and 2 others", "them and 2 others").
_OTHERS = re.compile(r"\bothers\b")
_ONE_AND = re.compile(
    r"(?:^|[\s,(])(?:(?:a|an|the|his|her|their)\s{1,3})?(?P<w>[a-z][a-z'’-]{1,20})\s{1,3}and\s{1,3}$"
)
_NOT_ONE = frozenset(
    "they them we us you those these others people persons men women children civilians relatives"
    " fighters militants members residents villagers brothers sisters sons daughters families"
    # "three civilians were killed and 19 others were injured": the others are another count.
    " killed dead died injured wounded hurt martyred slain perished".split()
) | frozenset(NUMBER_WORDS)


def _one_and(norm: str, start: int) -> bool:
    m = _ONE_AND.search(norm, max(0, start - 40), start)
    if m is None:
        return False
    w = m.group("w")
    # A singular noun ("a woman and 2 others") is counted by `_singular_mentions` and summed.
    return w not in _NOT_ONE and w not in P.EN_SING_CATEGORY


_NO_BEFORE = re.compile(r"\bno\s{1,3}$")
_ONE_FAMILY = re.compile(r"\s{1,3}(?:family|household)\b")
_OF_BEFORE = re.compile(r"\b(?:of|from)\s{1,3}$")


def _numeric_mentions(norm: str, quantities: list[Quantity]) -> list[Mention]:
    out: list[Mention] = []
    for q in quantities:
        if 1900 <= q.low <= 2100 and q.low == q.high and norm[q.start : q.end].strip().isdigit():
            continue  # a year
        if P.NOT_A_COUNT_AFTER.match(norm, q.end):
            continue
        if q.kind == "exact" and P.NOT_A_COUNT_BEFORE.search(norm[max(0, q.start - 12) : q.start]):
            continue
        if q.low == 1 and q.high == 1 and P.EN_SINGULAR.match(norm, q.start):
            continue  # "one woman": a singular noun, read by `_singular_mentions`
        if q.low == q.high == 1 and (
            _NO_BEFORE.search(norm, max(0, q.start - 6), q.start)  # "no one had been hurt"
            # "eight members of one family died": whose they were, not a count of one
            or (_ONE_FAMILY.match(norm, q.end) and _OF_BEFORE.search(norm, max(0, q.start - 8), q.start))
        ):
            continue
        m = P.EN_NOUN_AFTER.match(norm, q.end) or P.AR_NOUN_AFTER.match(norm, q.end)
        window = max(0, q.start - 30)
        if norm[window : q.start].rstrip().endswith(
            P.KILLED_AND_INJURED_LAST
        ) and P.KILLED_AND_INJURED_BEFORE.search(norm, window, q.start):
            continue
        if m is not None and P.KILLED_AND_INJURED.match(norm, m.end()):
            continue  # "14 civilians killed or wounded": no figure for either
        if m is not None:
            if m.group("evk"):
                out.append(Mention(q.start, m.end(), q.low, q.high, q.kind, "people", "killed"))
                continue
            if m.group("evi"):
                out.append(Mention(q.start, m.end(), q.low, q.high, q.kind, "people", "injured"))
                continue
            cat = P.category_of(m)
            aged = _AGED.match(norm, m.end()) if cat in ("man", "woman") else None
            if aged is not None and all(int(a) < 18 for a in _DIGITS.findall(aged.group(0))):
                cat = "child"  # "two brothers, aged 9 and 12": boys
            if cat is not None:
                low, high = q.low, q.high
                if cat == "people" and _OTHERS.search(norm, q.end, m.end()) and _one_and(norm, q.start):
                    low, high = low + 1, high + 1  # "Hassan and 2 others were killed": three
                mention = Mention(q.start, m.end(), low, high, q.kind, cat)
                # "five of them civilians" breaks down the count before it.
                mention.sub = _OF_THEM.match(norm, q.end) is not None
                out.append(mention)
                continue
        if m is None and _FAMILY_OF.search(norm, max(0, q.start - 24), q.start):
            # "a family of five was killed", "killed a family of six": people, whatever the verb.
            out.append(Mention(q.start, q.end, q.low, q.high, q.kind, "people"))
            continue
        # A quoted count ('"dozens" were injured') has its verb after the closing quote.
        end = q.end + 1 if m is None and norm[q.end : q.end + 1] in _CLOSING_QUOTES else q.end
        passive = (
            P.COUNT_THEN_PASSIVE.match(norm, end)
            if m is None and norm[end : end + 5].lstrip()[:2] in ("we", "ha")
            else None
        )
        if passive is not None and norm[max(0, q.start - 2) : q.start].strip() in (",", "("):
            passive = None  # "his wife, Warda Darwazeh, 21 were also killed": an age
        if passive is not None:  # "at least 13 were injured"
            ev: P.Event = "killed" if passive.group("killed") else "injured"
            out.append(Mention(q.start, end, q.low, q.high, q.kind, "people", ev))
            continue
        # A bare number right after an event verb: "killing 3", "the death toll rose to 8".
        before = S.last(P.EV_BEFORE, S.EV_BEFORE, norm, max(0, q.start - 40), q.start)
        if before is not None and _BARE_GAP.fullmatch(norm, before.end(), q.start):
            if q.low >= 1900 and q.kind == "exact":
                continue  # "killed in 2014"
            event: P.Event = "killed" if before.group("killed") else "injured"
            out.append(Mention(q.start, q.end, q.low, q.high, q.kind, "people", event))
    return out


_OLD_PARENT_BEFORE = re.compile(
    r"\b(?:elderly|grandmother|grandfather|grandparents|patriarch|matriarch|old\s(?:man|woman|couple)|[4-9]\d-year-old)\b"
)


def _singular_mentions(norm: str, taken: list[tuple[int, int]], leads: Leads) -> list[Mention]:
    out: list[Mention] = []

    spans = sorted(taken)
    starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))  # furthest end among spans so far

    def free(a: int, b: int) -> bool:
        k = bisect_right(starts, a)
        return not ((k > 0 and reach[k - 1] > a) or (k < len(spans) and spans[k][0] < b))

    for m in matches_at(P.EN_SINGULAR, norm, leads.starts(EN_SINGULAR)):
        if m.start() > 0 and (norm[m.start() - 1].isalnum() or norm[m.start() - 1] == "_"):
            continue  # not a word start ("data child")
        cat = P.EN_SING_CATEGORY.get(m.group("noun"))
        if cat is None or not free(m.start(), m.end()):
            continue
        if (
            m.group("noun") in ("son", "daughter")
            and "old" not in m.group(0)  # "his 6-year-old daughter" says her age
            and _OLD_PARENT_BEFORE.search(norm, max(0, m.start() - 80), m.start())
        ):
            cat = "people"  # "a grandfather with his son", "an old woman and her son": an adult
        out.append(Mention(m.start(), m.end(), 1, 1, "exact", cat))
    # Arabic text or not, the Arabic patterns are tried only at their lead words (if any).
    # The Arabic patterns are tried only where their lead words occur (`casualty_scan`).
    for m in matches_at(P.AR_INCLUDED_START, norm, leads.starts(AR_INCLUDED)):
        if not P.ar_word_start(norm, m.start()):
            continue
        pos = m.end()
        while True:
            item = P.AR_INCLUDED_ITEM.match(norm, pos)
            if item is not None:
                if free(item.start("noun"), item.end()):
                    cat = P.AR_SINGULAR_CATEGORY.get(item.group("noun"), "people")
                    out.append(Mention(item.start("noun"), item.end(), 1, 1, "exact", cat))
                pos = item.end()
                continue
            # A counted group in the list ("بينهم ثلاثة أطفال وامرأة"): the list goes on after it.
            k = bisect_left(starts, pos)
            if k < len(spans) and norm[pos : spans[k][0]].strip(" و") == "" and spans[k][0] - pos <= 4:
                pos = spans[k][1]
                continue
            break
    for m in matches_at(P.AR_DUALS, norm, leads.starts(AR_DUAL)):
        if not P.ar_word_start(norm, m.start()) or not free(m.start(), m.end()):
            continue
        word = m.group(0).rstrip("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640")
        cat, ev = P.AR_DUAL_CATEGORY.get(word, ("people", None))
        out.append(Mention(m.start(), m.end(), 2, 2, "exact", cat, ev))
    for m in matches_at(P.AR_CHILDREN_COUNTED_AFTER, norm, leads.starts(AR_CHILDREN_COUNTED_AFTER)):
        if not P.ar_word_start(norm, m.start()) or not free(m.start(), m.end()):
            continue
        n = P.AR_DEFINITE_COUNTS[m.group("n")]
        out.append(Mention(m.start(), m.end(), n, n, "exact", "child"))
    for m in matches_at(P.AR_SING_EVENT_FIRST, norm, leads.starts(AR_EVENT_FIRST)):
        if not P.ar_word_start(norm, m.start()) or not free(m.start("noun"), m.end()):
            continue
        out.append(_ar_singular(m.start("noun"), m.end(), m.group("noun"), m.group("ev")))
        pos = m.end()
        # "مقتل امرأة وطفلها": the event word's other nouns, joined by و.
        while (item := P.AR_AND_ITEM.match(norm, pos)) is not None and free(item.start("noun"), item.end()):
            out.append(_ar_singular(item.start("noun"), item.end(), item.group("noun"), m.group("ev")))
            pos = item.end()
    noun_first = leads.starts(AR_NOUN_FIRST) if leads.has(AR_NOUN_FIRST_KEY) else []
    for m in matches_at(P.AR_SING_NOUN_FIRST, norm, noun_first):
        if not P.ar_word_start(norm, m.start()) or not free(m.start(), m.end()):
            continue
        out.append(_ar_singular(m.start(), m.end(), P.ar_noun(m.group(0).split()[0]), m.group("ev")))
    return out


def _ar_singular(start: int, end: int, noun: str, ev_word: str) -> Mention:
    cat = P.AR_SINGULAR_CATEGORY.get(noun, "people")
    event: P.Event = "injured" if ev_word.startswith(("اص", "جرح")) else "killed"
    return Mention(start, end, 1, 1, "exact", cat, event)


def _last(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    last = None
    for last in matches:  # noqa: B007 - we want the last one
        pass
    return last


def _is_apposition(norm: str, m: Mention, head: Mention, last: Mention, head_idx: int) -> bool:
    """ "killed two civilians, a man and his daughter": the list names the total's members."""
    if m.category not in _SPECIFIC or head.category not in ("people", "civilian"):
        return False
    if last is head:
        return _APPOSITION_GAP.fullmatch(norm, head.end, m.start) is not None
    return (
        last.sub
        and last.head == head_idx
        and _AND_TAIL.fullmatch(norm, last.end, m.start) is not None
        and not S.search(P.EV_BEFORE, S.EV_BEFORE, norm, last.end, m.start)
    )


# A count's own verb with the injuries (or wounds) as its object.
_SUFFERED = re.compile(
    r"\s{1,3}(?:[a-z]{2,12}\s{1,3})?(?:sustained|suffered|received)\s{1,3}(?:[a-z]{2,12}\s{1,3}){0,2}"
)
_OWN_VERB = re.compile(r"\s{1,3}(?:was|were|is|are|has|have|had)\b")
_PASSIVE = re.compile(
    r"(?:were|was|been|are|is)\s{1,3}(?:[a-z]{2,12}ly\s{1,3}|also\s{1,3}|reported\s{1,3}){0,2}$"
)


def _is_passive(norm: str, pos: int) -> bool:
    return _PASSIVE.search(norm, max(0, pos - 40), pos) is not None


def _subject_of(norm: str, mentions: list[Mention], idx: int, verb: int) -> bool:
    """Whether mention `idx` (with the counts it lists) is the subject of the verb at `verb`."""
    m = mentions[idx]
    if P.NEW_CLAUSE.search(norm, m.end, verb):
        return False  # "killed 12 ..., and a number of villagers were hurt"
    k = idx
    while k + 1 < len(mentions) and mentions[k + 1].start < verb:
        nxt = mentions[k + 1]
        if S.search(P.INCLUDING, S.INCLUDING, norm, m.end, nxt.start):
            return True
        if not _SUM_GAP.fullmatch(norm, mentions[k].end, nxt.start):
            return False
        k += 1
    return True


def _owned_by_next(norm: str, mentions: list[Mention], idx: int, pos: int) -> bool:
    """Whether the event word at `pos` is inside the next count, which names its own event ("and
    12 wounded", "و12 جريحاً", "caused dozens to be wounded") and does not break this one down
    ("15 people, including 3 friends, were killed")."""
    if idx + 1 >= len(mentions):
        return False
    nxt = mentions[idx + 1]
    return (
        nxt.event is not None
        and nxt.start <= pos < nxt.end
        and S.search(P.INCLUDING, S.INCLUDING, norm, mentions[idx].end, nxt.start) is None
    )


def _assign_events(norm: str, mentions: list[Mention], sentences: list[_Sentence]) -> None:
    """Event and sub-count structure for every mention, sentence by sentence."""
    si = 0
    last_head = -1
    for idx, m in enumerate(mentions):
        while si + 1 < len(sentences) and sentences[si].end <= m.start:
            si += 1
        sent = sentences[si] if sentences else _Sentence(0, len(norm), None)
        m.sentence = si
        if sent.cumulative is None:
            # Only sentences with counts are checked for cumulative tolls.
            sent.cumulative = S.search(P.CUMULATIVE, S.CUMULATIVE, norm, sent.start, sent.end) is not None
        m.cumulative = sent.cumulative
        # Sub-count: an "including" between the previous count in the sentence and this one.
        # The latest count in this sentence that is not itself a sub-count (kept incrementally:
        # walking back over long lists would be quadratic).
        if idx > 0 and not mentions[idx - 1].sub:
            last_head = idx - 1
        prev = last_head
        if prev + 1 < idx and mentions[prev + 1].sentence != si:
            prev = -1
        if m.sub:  # "five of them ..."
            m.head = prev if prev >= 0 and mentions[prev].sentence == si else None
            continue
        previous = mentions[idx - 1] if idx > 0 else None
        if (
            previous is not None
            and previous.sentence == si
            and m.low == 1
            and previous.category == m.category
            and P.ONE_OF_THEM.fullmatch(norm, previous.end, m.start)
        ):
            # "seventeen children, one of them an infant": already counted; not a head either.
            m.sub, m.head = True, None
            continue
        if prev >= 0 and mentions[prev].sentence == si and m.start - mentions[prev].end < 200:
            head = mentions[prev]
            inc = S.last(P.INCLUDING, S.INCLUDING, norm, head.end, m.start)
            if (
                inc is not None
                and not S.search(P.EV_BEFORE, S.EV_BEFORE, norm, inc.end(), m.start)
                and not P.NEW_CLAUSE.search(norm, head.end, inc.start())
                # "..., including five children, and 10 others were injured": a new clause
                and not (m.category not in _SPECIFIC and P.NEW_CLAUSE.search(norm, inc.end(), m.end))
                # "two women, one of them pregnant, and a child": the list goes on after the aside.
                and not _ASIDE_AND.fullmatch(norm, head.end, m.start)
            ):
                m.sub = True
                m.head = prev
                continue
            last = mentions[idx - 1]
            if _is_apposition(norm, m, head, last, prev):
                m.sub = True
                m.head = prev
                continue
        if m.event is not None:
            continue
        lo = max(sent.start, m.start - 90)
        before = S.last(P.EV_BEFORE, S.EV_BEFORE, norm, lo, m.start)
        if before is not None and _OWN_VERB.match(norm, m.end) and _is_passive(norm, before.start()):
            # "several were injured and one woman was reported missing": that verb has its subject.
            before = None
        after = S.search(P.EV_AFTER, S.EV_AFTER, norm, m.end, min(sent.end, m.end + 160))
        if after is not None and P.TAKES_OBJECT.match(norm, after.end()):
            after = None  # "killed 9 civilians and wounded 14 others": the verb of the next count
        elif after is not None and _owned_by_next(norm, mentions, idx, after.start()):
            after = None  # "مقتل 5 مدنيين و12 جريحاً": the word is the next count's own noun
        if after is None and before is None and sent.end > m.end + 160:
            # "At least 14 civilians – among them five women, four children, [a long list] – were
            # killed": past a list the count introduces, the verb may come late in the sentence.
            late = S.search(P.EV_AFTER, S.EV_AFTER, norm, m.end, sent.end)
            if late is not None and S.search(
                P.INCLUDING, S.INCLUDING, norm, m.end, min(late.start(), m.end + 80)
            ):
                after = late
        d_before = m.start - before.end() if before else 10**6
        d_after = after.start() - m.end if after else 10**6
        if (
            after is not None
            and d_before < d_after
            and _is_passive(norm, after.start())
            and _subject_of(norm, mentions, idx, after.start())
        ):
            # "3 were killed and scores of others, including a nurse, were hurt", "killed,
            # and two children and a man were injured": the passive verb after the count (or
            # after the list it starts) is its own, even when an earlier verb is closer.
            d_after = 0
        if after is not None and _SUFFERED.fullmatch(norm, m.end, after.start()):
            d_after = 0  # "and 12 others sustained injuries": the count's own verb and its injuries
        if after is not None and d_after <= d_before + 5:
            m.event = "killed" if after.group("killed") else "injured"
        elif before is not None:
            m.event = "killed" if before.group("killed") else "injured"
        elif m.category in _SPECIFIC:
            # "killed up to 27 civilians, including [a long list], and up to eight children": the
            # breakdown after "including" belongs to the verb before it, however far.
            inc = S.last(P.INCLUDING, S.INCLUDING, norm, sent.start, m.start)
            verb = (
                S.last(P.EV_BEFORE, S.EV_BEFORE, norm, sent.start, inc.start()) if inc is not None else None
            )
            if (
                inc is not None
                and verb is not None
                and not S.search(P.EV_BEFORE, S.EV_BEFORE, norm, inc.end(), m.start)
            ):
                m.event = "killed" if verb.group("killed") else "injured"
    for m in mentions:
        if m.sub and m.head is not None:
            m.event = mentions[m.head].event
        stop = min(len(norm), m.end + 60)
        # Every match contains "civilian"; `find` rules out most counts far faster than the search.
        of_them = (
            P.OF_THEM_CIVILIANS.search(norm, m.end, stop) if norm.find("civilian", m.end, stop) >= 0 else None
        )
        if of_them is not None and not m.sub:
            # The count just before "of them civilians" is the civilian part of this one.
            qs = [q for q in find_quantities(norm[m.end : of_them.start()]) if q.low <= m.low]
            if qs:
                m.civ_override = qs[-1].low


_ASIDE_RX = r",\s{0,3}(?:one|two|three|\d{1,2})\s{1,3}of\s{1,3}(?:them|whom)\s{1,3}[^,.;]{1,40}(?=,)"
_ASIDE = re.compile(_ASIDE_RX)
_ASIDE_AND = re.compile(_ASIDE_RX + r",\s{0,3}(?:and\s{1,3})?")
_FIGHTERS_AND_CIVILIANS = ({"combatant", "civilian"}, {"combatant", "child"}, {"combatant", "woman"})


def _join_sums(norm: str, mentions: list[Mention]) -> list[list[Mention]]:
    """Group head counts joined by "and"/commas ("two women and a child were killed")."""
    groups: list[list[Mention]] = []
    for m in mentions:
        if m.sub:
            continue
        if groups:
            last = groups[-1][-1]
            # "two women, one of them pregnant, and a child": the aside does not end the list.
            gap = _ASIDE.sub("", norm[last.end : m.start], count=1)
            specific = last.category in _SPECIFIC and m.category in _SPECIFIC
            # "killed 4 fighters and 3 civilians": one toll, of which the civilians are a part.
            fighters_and_civilians = {last.category, m.category} in _FIGHTERS_AND_CIVILIANS
            other = _OTHER.search(norm[m.start : m.end])
            if (
                last.sentence == m.sentence
                and last.event == m.event
                and _SUM_GAP.fullmatch(gap)
                and (specific or fighters_and_civilians or (other and "," not in gap[:2]))
            ):
                groups[-1].append(m)
                continue
        groups.append([m])
    for i, group in enumerate(groups):
        head, rest = group[0], group[1:]
        if (
            len(rest) > 1
            and all(x.category == head.category for x in rest)
            and sum(x.low for x in rest) == head.low
            and "," in norm[head.end : rest[0].start]
        ):
            # "five children, two boys, two girls and an infant": the list restates the head.
            groups[i] = [head]
    return groups


_MORE = re.compile(r"\b(?:more(?!\s+than)|others|another|further|additional)\b")
_WITH_OTHERS = re.compile(r"\b(?:with|along\s+with|alongside|together\s+with)\s{1,3}$")


def _additional(norm: str, m: Mention, prev: tuple[int, int, int] | None) -> tuple[int, int] | None:
    """What a count adds to: "4 killed. 6 others died too" (the count just before, in the same
    paragraph), "killed with 13 others" (the person named before)."""
    if not _MORE.search(norm, m.start, m.end):
        return None
    if _WITH_OTHERS.search(norm, max(0, m.start - 20), m.start):
        return (1, 1)
    if prev is None or m.start - prev[2] > 150 or "\n" in norm[prev[2] : m.start]:
        return None
    return prev[0], prev[1]


def collect_figures(text: str) -> tuple[str, dict[str, list[Figure]]]:
    """Every figure for each field, in text order (before combining)."""
    norm = normalize(text)
    return norm, _figures(norm, S.leads_of(norm))


def _figures(norm: str, leads: Leads) -> dict[str, list[Figure]]:
    lead_end = _lead_end(norm)
    mentions = _numeric_mentions(norm, find_quantities(norm, leads.number_words))
    mentions += _singular_mentions(norm, [(m.start, m.end) for m in mentions], leads)
    mentions.sort(key=lambda m: m.start)
    # Sentences only serve the mentions; about 2 reports in 5 have none.
    sentences = _sentences(norm) if mentions else []
    _assign_events(norm, mentions, sentences)
    for m in mentions:
        m.lead = m.start < lead_end
        if m.sub and m.head is not None and m.category == "civilian":
            # "killed 4-6 people, including 2 civilians": the civilians among the dead.
            head = mentions[m.head]
            if head.category == "people" and head.civ_override is None:
                head.civ_override = m.low

    figs: dict[str, list[Figure]] = {f: [] for f in FIELDS}

    def add(name: str, ms: list[Mention], low: int, high: int, kind: QuantityKind) -> None:
        generic = any(m.category not in _SPECIFIC for m in ms)
        figs[name].append(Figure(low, high, kind, ms[0].lead, [(m.start, m.end) for m in ms], generic))

    prev_killed: tuple[int, int, int] | None = None
    for group in _join_sums(norm, mentions):
        ev = group[0].event
        if ev is None or group[0].cumulative:
            continue
        civ = [m for m in group if m.category != "combatant"]
        kind = group[0].kind if len(group) == 1 else "exact"
        if ev == "injured":
            if civ:
                add("injured", group, sum(m.low for m in group), sum(m.high for m in group), kind)
            continue
        low, high = sum(m.low for m in group), sum(m.high for m in group)
        extra = _additional(norm, group[0], prev_killed)
        if extra is not None:
            low, high = low + extra[0], high + extra[1]
            if prev_killed is not None and prev_killed[:2] == (1, 1) and extra == (1, 1):
                # "Ahmad (a villager) was killed with 13 others": the one is among the 14.
                for name in ("total_killed", "civilians_killed"):
                    if figs[name] and figs[name][-1].spans[-1][1] == prev_killed[2]:
                        figs[name].pop()
        add("total_killed", group, low, high, kind)
        prev_killed = (low, high, group[-1].end)
        if civ:
            override = group[0].civ_override
            c_low = override if override is not None else sum(m.low for m in civ)
            c_high = override if override is not None else sum(m.high for m in civ)
            if extra is not None and override is None and len(civ) == len(group):
                c_low, c_high = c_low + extra[0], c_high + extra[1]
            add("civilians_killed", civ, c_low, c_high, kind)
        for cat, name in _SPECIFIC.items():
            # "two boys, two girls and an infant": one figure for the group's children.
            members = [m for m in group if m.category == cat]
            if members:
                kind_c = members[0].kind if len(members) == 1 else "exact"
                add(name, members, sum(m.low for m in members), sum(m.high for m in members), kind_c)
        all_of = P.ALL_OF_THEM.match(norm, group[-1].end)
        half = P.HALF_OF_THEM.match(norm, group[-1].end) if all_of is None else None
        of_them = all_of or half
        if of_them is not None and len(group) == 1:
            noun = of_them.group("noun")
            cat = "child" if noun in ("children", "boys", "girls", "minors") else noun[:-2] + "an"
            # "15 killed, half of them children": seven or eight.
            lo, hi = (low // 2, (high + 1) // 2) if half is not None else (low, high)
            add(_SPECIFIC[cat], group, lo, hi, kind)
    # Sub-counts ("including 10 children and an infant"): consecutive ones of a category add up.
    run: list[Mention] = []
    for sub in [*mentions, None]:
        if (
            sub is not None
            and run
            and sub.sub
            and sub.head == run[-1].head
            and sub.category == run[-1].category
        ):
            run.append(sub)
            continue
        if run:
            first = run[0]
            kind = first.kind if len(run) == 1 else "exact"
            add(_SPECIFIC[first.category], run, sum(x.low for x in run), sum(x.high for x in run), kind)
        run = []
        if (
            sub is not None
            and sub.sub
            and sub.event == "killed"
            and not sub.cumulative
            and sub.category in _SPECIFIC
        ):
            run = [sub]
    fallbacks(norm, lead_end, figs)
    for name in FIELDS:
        figs[name].sort(key=lambda f: f.spans[0][0] if f.spans else 0)
    return figs


# "killed, including children": a bare plural among the dead is at least 2 (docs/vocabulary.md).
_GROUP_PLURAL = re.compile(
    r"\b(?:including|among\s+them|among\s+whom)\s+(?P<list>(?:(?:women|children|men|elderly(?:\s+people)?)"
    r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)){0,3}(?:women|children|men|elderly(?:\s+people)?))\b(?!\s+(?:were|was)\s+(?:also\s+)?(?:injured|wounded))"
)


def _bare_plurals(norm: str, lead_end: int, figs: dict[str, list[Figure]]) -> None:
    """Children or women the lead names among the killed without a figure, where nothing else
    gives one: at least 2, like any bare plural."""
    for m in S.finditer(_GROUP_PLURAL, S.GROUP_PLURAL, norm, 0, lead_end):
        start = max(0, norm.rfind(".", 0, m.start()) + 1)
        verb = S.last(P.EV_BEFORE, S.EV_BEFORE, norm, start, m.start())
        if verb is None or not verb.group("killed"):
            continue
        for word, name in (("children", "children_killed"), ("women", "women_killed")):
            if _WHOLE_WORD[word].search(m.group("list")) and not figs[name]:
                figs[name].append(Figure(2, 2, "at_least", True, [m.span("list")], generic=False))


def _add_roster(text: str, norm: str, figs: dict[str, list[Figure]], leads: Leads) -> Roster | None:
    """Where the lead gives no children/women/men figure, count the named victims (the roster read,
    if it was)."""
    one_woman = _one_singled_out(figs["women_killed"])
    need = [
        f
        for f in ("children_killed", "women_killed", "men_killed")
        if not any(x.lead for x in figs[f]) or (f == "women_killed" and one_woman)
    ]
    if not need:
        return None
    roster = find_victims(text, 0, norm, leads)
    for name in need:
        n = (
            roster.children
            if name == "children_killed"
            else roster.women
            if name == "women_killed"
            else roster.men
        )
        if n > 0:
            if name == "women_killed" and one_woman:
                if n < 2:
                    continue
                figs[name][:] = [f for f in figs[name] if not f.lead]
            spans = [(v.start, v.end) for v in roster.victims]
            stated = _stated_group_figures(norm, figs[name], name)
            if stated and min(stated) < n <= max(stated):
                # Sources give "at least seven children" and "11 children", eight are named: the
                # named count confirms the range, whose minimum is the lowest report.
                n = min(stated)
            # Inserted first: it stands in for the lead figure, later figures may still widen.
            figs[name].insert(0, Figure(n, n, "exact", True, spans, roster=True))
    return roster


def _named_toll(figs: dict[str, list[Figure]], roster: Roster) -> None:
    """With no figure in the lead, a list of named victims longer than the persons the text counts
    one by one ("his wife", "their son") is the toll: "The victims were Ahmad Saleh (32), his wife
    Mona (29) and their son Yousef (4)" is three."""
    n = len(roster.victims)
    spans = [(v.start, v.end) for v in roster.victims]
    for name in ("civilians_killed", "total_killed"):
        fs = figs[name]
        # Only where the text counts some of them: names alone may be fighters, or the injured.
        if not fs or any(f.lead or f.generic for f in fs) or n <= sum(f.low for f in fs):
            continue
        fs[:] = [Figure(n, n, "exact", False, spans, roster=True)]


def _one_singled_out(figs: list[Figure]) -> bool:
    """The lead's only figure for the group is one person singled out ("including a pregnant woman
    and children"): not a count of the group, so named victims may count more. Used for women
    only: on the development write-ups a lone child or man in the lead is mostly the count."""
    lead = [f for f in figs if f.lead]
    return bool(lead) and all(f.low == f.high == 1 and not f.roster for f in lead)


_GROUP_NOUN = {
    "children_killed": re.compile(r"\b(?:children|minors|kids)\b"),
    "women_killed": re.compile(r"\bwomen\b"),
}
# "his four children": a family's share, not a report of the incident's toll.
_POSSESSIVE_BEFORE = re.compile(r"(?:\b(?:his|her|their|its)|[’']s)\s{1,3}(?:\w+\s{1,3})?$")


def _stated_group_figures(norm: str, figs: list[Figure], name: str) -> list[int]:
    """Figures of two or more children (or women) the body reports for the incident."""
    noun = _GROUP_NOUN.get(name)
    if noun is None:
        return []
    out = []
    for f in figs:
        if f.lead or f.roster or f.low < 2 or not f.spans:
            continue
        a, b = f.spans[0]
        if noun.search(norm, a, b) and not _POSSESSIVE_BEFORE.search(norm, max(0, a - 30), a):
            out.append(f.low)
    return out


def extract_casualties(text: str, language: str | None = None) -> CasualtyFacts:
    """Casualty figures for the main incident of one report (see module docstring)."""
    # The patterns cover English and Arabic at once; the named-victim roster reads English write-ups
    # only (on the 1,009 Arabic development reports it never found a name: skipping it there saves a
    # scan of every capitalised Latin word in their crawled comments).
    norm = normalize(text)
    leads = S.leads_of(norm)  # one scan for the lead words of most patterns (`casualty_scan`)
    figs = _figures(norm, leads)
    roster = _add_roster(text, norm, figs, leads) if language != "ar" else None
    if roster is not None:
        _named_toll(figs, roster)
    _bare_plurals(norm, _lead_end(norm), figs)
    facts = CasualtyFacts()
    for name in FIELDS:
        toll = name in ("civilians_killed", "total_killed")
        rng = combine(figs[name], sum_lead=toll)
        if rng is None:
            continue
        spans = [s for f in figs[name] for s in f.spans]
        if toll and (leads.has(S.ONE_MORE) or leads.has(S.ONE_MORE_TOLL)):
            more = one_more(norm, rng.min)
            if more is not None and more[0] > rng.max:
                rng = CountRange(min=rng.min, max=more[0])
                spans.append(more[1])
        setattr(facts, name, rng)
        facts.spans[name] = spans
    _men_from_rest(facts, figs)
    return facts


def _men_from_rest(facts: CasualtyFacts, figs: dict[str, list[Figure]]) -> None:
    """Men are at most the civilians who are neither children nor women: where the text gives
    no men figure of its own, that remainder caps (or supplies) the named-victim count."""
    civ, men = facts.civilians_killed, facts.men_killed
    if civ is None or (facts.children_killed is None and facts.women_killed is None):
        return
    if any(f.lead and not f.roster for f in figs["men_killed"]):
        return  # the lead states its own figure
    rest = civ.min - (facts.children_killed.min if facts.children_killed else 0)
    rest -= facts.women_killed.min if facts.women_killed else 0
    if rest <= 0 or (men is not None and men.min <= rest):
        return
    facts.men_killed = CountRange(min=rest, max=max(rest, men.max) if men is not None else rest)
    facts.spans.setdefault("men_killed", facts.spans.get("civilians_killed", [])[:1])
