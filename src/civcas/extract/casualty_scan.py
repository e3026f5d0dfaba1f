r"""One Aho-Corasick pass over a report's `numbers.normalize`d text for the words that start the
casualty stage's patterns: number words, the English and Arabic singular and dual nouns, event
words, "including", cumulative tolls, the lead paragraph's fallbacks and the victim cues.

On these reports (mostly 2-byte Unicode strings) a regex scan costs 10-15 ns a character whatever
the pattern, and a search of a window led by a word-start guard tests the guard at every
character. The stage ran a dozen full scans and some 20,000 window searches per pass over the
development reports. The automaton finds every occurrence of every lead word in one C-level pass
(about 0.9x the tokenisation pass, with the hits handed out), and each pattern is then tried only
where one of its lead words occurs: `terms.matches_at` for a whole text, `search`, `finditer` and
`last` here for a window. For a pattern every match of which begins with one of its lead words,
these give exactly the matches of the pattern's own `finditer` or `search`.

Occurrences are reported without boundary checks and with overlaps, as the patterns' own scans
would find them. A lead written with a space after it (`\s`: "of" + `\s`, since "of" alone is in
"often" and "roof") is entered once per character `\s` matches. The text scanned must be the
lower-cased text where the patterns read lower-case words; a pattern run on the original text (the
given-name cue, named spouses) gets the offsets of the lower-cased copy, a superset of its own
(`normalize` keeps offsets).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

import ahocorasick

from civcas.extract import casualty_patterns as P
from civcas.extract.numbers import NUMBER_WORDS

# What `\s` matches in a str pattern: a lead written "as" + `\s` is entered once per space.
SPACES = "".join(c for c in map(chr, range(0x3001)) if c.isspace())

# Pattern kinds; a term may lead several.
AR_DUAL = 0  # P.AR_DUALS
AR_EVENT_FIRST = 1  # P.AR_SING_EVENT_FIRST
AR_INCLUDED = 2  # P.AR_INCLUDED_START
AR_NOUN_FIRST = 3  # P.AR_SING_NOUN_FIRST
AR_NOUN_FIRST_KEY = 4  # P.AR_NOUN_FIRST_KEYS: every AR_SING_NOUN_FIRST match holds one
NAME_CUE = 5  # victim_names._SINGLE_NAME_CUE (run on the original text)
LIST_INTRO = 6  # victims.LIST_INTRO
UNNAMED_CUE = 7  # victim_unnamed._UNNAMED_CUE
EN_SINGULAR = 8  # P.EN_SINGULAR
EV_BEFORE = 9  # P.EV_BEFORE
EV_AFTER = 10  # P.EV_AFTER
INCLUDING = 11  # P.INCLUDING
CUMULATIVE = 12  # P.CUMULATIVE
LEAD_INJURED = 13  # P.LEAD_INJURED
LEAD_KILLED = 14  # P.LEAD_KILLED
PLURAL_INJURED = 15  # P.PLURAL_INJURED
SINGLE_KILLED = 16  # P.SINGLE_KILLED
NO_VICTIMS = 17  # P.NO_VICTIMS
GROUP_PLURAL = 18  # casualties._GROUP_PLURAL
KILLED = 19  # victim_context.KILLED
NOT_KILLED = 20  # victim_context.NOT_KILLED
REL_WORD = 21  # victim_kinship.REL_WORD
SPOUSE_NAMED = 22  # victim_kinship._SPOUSE_NAMED (run on the original text)
CODED_CUE = 23  # victim_coding._CODED_CUE (run on the original text)
ONE_MORE = 24  # P.ONE_MORE
ONE_MORE_TOLL = 25  # P.ONE_MORE_TOLL
AR_CHILDREN_COUNTED_AFTER = 26  # P.AR_CHILDREN_COUNTED_AFTER
_KINDS = 27
_NUMBER = -1  # numbers.NUMBER_WORDS: kept with their ends (`Leads.number_words`)

# Lead words of the victim patterns (their modules import this one, so they are listed here).
NAME_CUE_WORDS = (
    "wife husband widow son daughter children mother father sister brother grandson granddaughter "
    "grandchild )"
).split()
LIST_INTRO_WORDS = [
    *"named identified names victims dead deceased killed following among".split(),
    *("as" + s for s in SPACES),  # "as follows": "as" alone is in every "was" and "has"
]
UNNAMED_CUE_WORDS = "unnamed whose name their".split()


def _spaced(words: str) -> list[str]:
    r"""Each word with each space after it: a word that leads only as "of" + `\s` is inside too many
    others ("roof", "often") to be a lead alone."""
    return [w + s for w in words.split() for s in SPACES]


def _clitics(words: str) -> list[str]:
    """Arabic words alone and with a leading و or ب (the patterns' `[وب]?`)."""
    return [c + w for w in words.split() for c in ("", "و", "ب")]


# Stems are enough: a lead need only start every match, not be one.
_EV_BEFORE_WORDS = [
    *"kill death toll claim took taking left leaving lives dead died martyred massacred bodies murder "
    "slaughtered slew incinerat victims among injur wound hurt maim".split(),
    *_spaced("the"),  # "the dead were"
    *_clitics(
        "مقتل قتل يقتل تقتل استشه ارتقا ارتقي ارتقت وفاة وفاه مصرع سقوط حصيل عدد القتلي الشهداء الضحايا اودت "
        "اودي حياة بحياة مجزر اصاب اصيب جرح يصاب الجرحي المصابين"
    ),
]
_EV_AFTER_WORDS = (
    "kill dead die perish lost martyr slain incinerat death fatal murder massacr bodies among injur wound hurt "
    "hospitali treated قتلوا قتلي قتيلا قتيل شهداء شهيدا استشهدوا استشهد ارتقوا لقوا لقي قضوا حتفهم مصرعهم "
    "اصيبوا اصيب جرحي جريحا جرحوا مصابين باصابات بجروح اصابات اصابة اصابه"
).split()
_INCLUDING_WORDS = [
    *"includ among comprising consisting namely most mainly بينهم بينهن منهم منهن بينهما وبينهم معظمهم "
    "غالبيتهم".split(),
    *_spaced("of all من"),
]
_CUMULATIVE_WORDS = [
    *"since total overall cumulative throughout across rose risen climbed monthly previous earlier during "
    "خلال منذ الحصيلة اجمالي".split(),
    *_spaced("so in over this last war per"),
]
# The lead paragraph's fallbacks ("others were injured") and bare plurals ("including children").
_LEAD_INJURED_WORDS = ["injur", "wound", "hurt", *_clitics("اصاب جرح اصيب مصابين جريح")]
_LEAD_KILLED_WORDS = [
    *"kill dead died death fatalities lives".split(),
    *_clitics("مقتل قتل استشهاد شهداء شهيد ارتقاء وفاة مصرع ضحايا"),
]
_PLURAL_INJURED_WORDS = (
    "others people civilians residents members relatives persons individuals many injur wound".split()
)
_SINGLE_KILLED_WORDS = "was has had kill death".split()
_NO_VICTIMS_WORDS = [
    "nobody",
    "none",
    *_spaced("no"),
    *[c + w for w in _spaced("دون بدون لم لا دونما") for c in ("", "و", "ف")],
]
_GROUP_PLURAL_WORDS = ["including", "among"]
# Around victims' names.
_KILLED_WORDS = (
    "killed died dead death martyr lost victim bodies perished slain deceased funeral mourn names".split()
)
_NOT_KILLED_WORDS = (
    "injur wounded surviv rescued pulled alive hospitali posted wrote tweeted shared reported told said "
    "spoke according journalist"
).split()
_REL_WORDS = (
    "daughter sister mother wife grandmother granddaughter aunt niece woman girl fianc widow son brother "
    "father husband grandfather grandson uncle nephew man boy infant baby newborn toddler child kid "
    "grandchild cousin relative neighbo wives"
).split()

_LEADS: dict[int, list[str]] = {
    KILLED: _KILLED_WORDS,
    NOT_KILLED: _NOT_KILLED_WORDS,
    REL_WORD: _REL_WORDS,
    SPOUSE_NAMED: ["husband", "wife"],
    CODED_CUE: _spaced("as were"),
    ONE_MORE: [*P.ONE_MORE_WORDS, *P.ONE_MORE_NUMBERED, *("one" + s + "more" for s in SPACES)],
    ONE_MORE_TOLL: P.ONE_MORE_TOLL_WORDS,
    LEAD_INJURED: _LEAD_INJURED_WORDS,
    LEAD_KILLED: _LEAD_KILLED_WORDS,
    PLURAL_INJURED: _PLURAL_INJURED_WORDS,
    SINGLE_KILLED: _SINGLE_KILLED_WORDS,
    NO_VICTIMS: _NO_VICTIMS_WORDS,
    GROUP_PLURAL: _GROUP_PLURAL_WORDS,
    EV_BEFORE: _EV_BEFORE_WORDS,
    EV_AFTER: _EV_AFTER_WORDS,
    INCLUDING: _INCLUDING_WORDS,
    CUMULATIVE: _CUMULATIVE_WORDS,
    # An article and the space after it: the article alone is in too many words ("gaza", "other").
    EN_SINGULAR: [a + s for a in P.EN_SINGULAR_ARTICLES for s in SPACES],
    AR_DUAL: P.AR_DUAL_WORDS,
    AR_CHILDREN_COUNTED_AFTER: list(P.AR_CHILDREN_WORDS),
    AR_EVENT_FIRST: P.AR_SING_EVENTS,
    AR_INCLUDED: list(P.AR_INCLUDED_WORDS),
    AR_NOUN_FIRST: P.AR_NOUN_FIRST_WORDS,
    AR_NOUN_FIRST_KEY: list(P.AR_NOUN_FIRST_KEYS),
    NAME_CUE: NAME_CUE_WORDS,
    LIST_INTRO: LIST_INTRO_WORDS,
    UNNAMED_CUE: UNNAMED_CUE_WORDS,
    _NUMBER: NUMBER_WORDS,
}


def _build() -> Any:
    kinds: dict[str, list[int]] = {}
    for kind, words in _LEADS.items():
        for word in words:
            if kind not in kinds.setdefault(word, []):
                kinds[word].append(kind)
    automaton = ahocorasick.Automaton()
    for word, ks in kinds.items():
        automaton.add_word(word, (len(word), tuple(ks)))
    automaton.make_automaton()
    return automaton


_AUTOMATON = _build()


class Leads:
    """Where the lead words of each pattern occur in one text."""

    __slots__ = ("_raw", "_sorted", "number_words")

    def __init__(self, text: str) -> None:
        raw: list[list[int]] = [[] for _ in range(_KINDS)]
        numbers: list[tuple[int, int]] = []
        for end_index, (length, kinds) in _AUTOMATON.iter(text):
            start = end_index - length + 1
            for kind in kinds:
                if kind == _NUMBER:
                    numbers.append((start, end_index + 1))
                else:
                    raw[kind].append(start)
        self._raw = raw
        self._sorted: list[list[int] | None] = [None] * _KINDS
        # (start, end) of every number word, in the order of their ends.
        self.number_words = numbers

    def has(self, kind: int) -> bool:
        return bool(self._raw[kind])

    def starts(self, kind: int, after: int = 0) -> list[int]:
        """Where the lead words of one pattern occur (from `after` on), in order, each offset once."""
        found = self._sorted[kind]
        if found is None:
            found = self._sorted[kind] = sorted(set(self._raw[kind]))
        return found if after <= 0 else [s for s in found if s >= after]


# The stage searches the same text many times (windows around each count): its leads are kept,
# with the text, in one tuple (replaced in one step, so threads never see a text with the leads
# of another).
_last: tuple[str, Leads] | None = None


def leads_of(text: str) -> Leads:
    """The leads of `text`, found once for the text last asked about."""
    global _last
    last = _last
    if last is not None and last[0] is text:
        return last[1]
    leads = Leads(text)
    _last = (text, leads)
    return leads


def search(
    rx: re.Pattern[str], kind: int, text: str, lo: int, hi: int, low: str | None = None
) -> re.Match[str] | None:
    """`rx.search(text, lo, hi)` for a pattern every match of which begins with a lead of `kind`
    (never empty): the pattern is tried only at those leads. `low`: the lower-cased `text` (same
    offsets) where the leads are looked for, for a pattern run on the original text."""
    starts = leads_of(text if low is None else low).starts(kind)
    i, n = bisect_left(starts, lo), len(starts)
    while i < n and starts[i] < hi:
        m = rx.match(text, starts[i], hi)
        if m is not None:
            return m
        i += 1
    return None


def finditer(
    rx: re.Pattern[str], kind: int, text: str, lo: int, hi: int, low: str | None = None
) -> list[re.Match[str]]:
    """The matches of `rx.finditer(text, lo, hi)`, for a pattern as in `search`."""
    starts = leads_of(text if low is None else low).starts(kind)
    i, n = bisect_left(starts, lo), len(starts)
    found = []
    resume = lo
    while i < n and starts[i] < hi:
        if starts[i] >= resume and (m := rx.match(text, starts[i], hi)) is not None:
            found.append(m)
            resume = m.end()
        i += 1
    return found


def last(
    rx: re.Pattern[str], kind: int, text: str, lo: int, hi: int, low: str | None = None
) -> re.Match[str] | None:
    """The last match of `rx.finditer(text, lo, hi)`, for a pattern as in `search`."""
    found = finditer(rx, kind, text, lo, hi, low)
    return found[-1] if found else None
