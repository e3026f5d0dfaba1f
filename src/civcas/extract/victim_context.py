"""Whether words in a write-up are about the dead: the sentence mentions the killed (or goes on with
a list of them), and the clause around a name is not only about the injured, survivors or who spoke.
"""

from __future__ import annotations

import re

from civcas.extract import casualty_scan as S

# Literal-led (fast to scan); `has_word` checks the word start.
KILLED = re.compile(
    r"(?:killed|died|dead|death|deaths|martyr\w*|lost\s+(?:their|his|her)\s+lives?|victims?|bodies|"
    r"perished|slain|deceased|funeral|mourn\w*|names\s+of\s+those)\b",
)
NOT_KILLED = re.compile(
    r"(?:injur\w*|wounded|survived|survivor\w*|rescued|pulled\s+\w+\s+alive|alive|hospitali[sz]ed|"
    r"posted|wrote|tweeted|shared|reported|told|said|spoke|according|journalist\s+\w+\s+\w+\s+(?:said|reported))\b",
)

# Patterns tried only at their lead words (`casualty_scan`).
_LEAD_KINDS = {KILLED: S.KILLED, NOT_KILLED: S.NOT_KILLED}
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


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the sentence (or line) around `pos`."""
    start = max(_full_stop_before(text, pos), text.rfind("\n", 0, pos)) + 1
    ends = [e for e in (_full_stop_after(text, pos), text.find("\n", pos)) if e >= 0]
    return start, (min(ends) if ends else len(text))


# "Huda Darwazeh was also killed", "Huda Darwazeh (Umm Yazan) was reported to have been killed".
SUBJECT_KILLED = re.compile(
    r"(?:\s{0,2}\([^()]{1,80}\))?,?\s{1,3}(?:was|were)\s{1,3}(?:(?:also|reportedly|reported\s{1,3}to\s{1,3}have\s{1,3}been|"
    r"among(?:st)?\s{1,3}those|confirmed|later)\s{1,3}){0,3}(?:killed|martyred|among(?:st)?\s{1,3}the\s{1,3}dead)\b"
)
# "... was killed along with Huda Darwazeh", "..., as was Huda Darwazeh"
# Only ever asked whether it matches. The verb comes first as a plain alternation of words, so re
# skips in C to the letters they start with (two alternatives each led by a group would be tried
# at every position of the window).
KILLED_WITH = re.compile(
    r"(?:killed|martyred|died)(?:,?\s{1,3}(?:[a-z]{2,12}\s{1,3}){0,3}(?:along\s{1,3}with|alongside|together\s{1,3}with|with)\s{1,3}$"
    r"|(?<!died),?\s{1,3}as\s{1,3}(?:was|were)\s{1,3}$)"
)
# "Among them were A and B" (in a sentence that goes on with the dead). The literal first (re
# searches for it in C), then the word start, as a look-behind.
AMONG_THEM_BEFORE = re.compile(r"among(?<!\wamong)\s{1,2}(?:them|whom)\s{1,2}(?:were|was)\s{1,2}$")
_FINITE_VERB = re.compile(r"\b(?:was|were|is|are|has|have|had|will|would|said|says|posted|wrote|reported)\b")


# "Among them were A and B": a sentence that goes on with the dead of the sentence before.
_GOES_ON = re.compile(
    r"\s{0,2}(?:among\s{1,2}(?:them|whom|those)|they\s{1,2}(?:were|included)|these\s{1,2}(?:were|included))\b"
)


def continues_killed_list(low: str, start: int, end: int) -> bool:
    """A verbless sentence that goes on with the list of the dead before it: "Among those killed
    were A and B. Their niece C, and 11-year-old D." """
    if start < 2 or low[start - 1] == "\n":
        return False
    if _FINITE_VERB.search(low, start, end) and not _GOES_ON.match(low, start):
        return False
    if has_word(NOT_KILLED, low, start, end):
        return False
    ps, pe = sentence_bounds(low, start - 2)
    return has_word(KILLED, low, ps, pe)


def has_word(rx: re.Pattern[str], low: str, start: int, end: int) -> bool:
    """Whether `rx` matches a whole word in low[start:end]."""
    kind = _LEAD_KINDS.get(rx)
    found = rx.finditer(low, start, end) if kind is None else S.finditer(rx, kind, low, start, end)
    return any(m.start() == 0 or not low[m.start() - 1].isalnum() for m in found)


# Where a clause of its own starts: "A was killed, while her siblings B and C were injured".
_CLAUSE_BREAK = re.compile(r";|,\s{1,2}(?:while|whereas|but)\b|\s(?:while|whereas)\s")
# Relatives named as those left behind or speaking of the dead.
SURVIVORS_BEFORE = re.compile(r"\b(?:surviving|survived\s{1,2}by|mourned\s{1,2}by|remembered\s{1,2}by)\b")


def clause_window(low: str, s: int, e: int, start: int, end: int) -> tuple[int, int]:
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


def is_killed_here(low: str, start: int, end: int, killed_sentence: dict[int, bool]) -> bool:
    """Whether the words at start:end are about the dead (as for names: a sentence about the
    killed, and no word about the injured or survivors nearby without one about the dead)."""
    s, e = sentence_bounds(low, start)
    if s not in killed_sentence:
        killed_sentence[s] = has_word(KILLED, low, s, e) or continues_killed_list(low, s, e)
    if not killed_sentence[s]:
        return False
    ls, le = clause_window(low, s, e, start, end)
    return not (has_word(NOT_KILLED, low, ls, le) and not has_word(KILLED, low, ls, le))
