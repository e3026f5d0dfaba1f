"""Fast lookup of many literal terms in normalised text (Aho-Corasick), with word-boundary rules.

A regex alternation of a few hundred English and Arabic names costs Python's engine about a
microsecond per character of report (over 5 ms for a long write-up); the automaton finds every
term in one C-level pass, and only the few hits are checked in Python.

Terms are written in normalised form (text.normalise) and may use `{a|b}` alternatives, expanded
when the index is built: "{us|u.s.} drone{|s}". A term must start at a word start; for Arabic that
allows the attached conjunctions, prepositions and article (و، ب، ل، ف، ال، لل). A term ending in
`\\b` must also end at a word end; others are stems ("russia" finds "russian").
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from typing import Any, NamedTuple

import ahocorasick

from civcas.extract.text import normalise

_BRACES = re.compile(r"\{([^{}]*)\}")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
_LATIN_OR_DIGIT = re.compile(r"[a-z0-9]")
# The same classes as sets and ranges: a membership test is much cheaper than a regex call per hit.
_LATIN_OR_DIGIT_SET = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
# Clitics that Arabic writes joined to the next word, checked right to left before a term's start.
_AR_PREFIXES = ("", "و", "ب", "ل", "ف", "ال", "وال", "بال", "فال", "كال", "لل", "ولل", "وب", "ول", "فب")
_AR_PREFIX_SET = frozenset(_AR_PREFIXES[1:])
_AR_PREFIX_LENGTHS = tuple(sorted({len(p) for p in _AR_PREFIX_SET}))


class Hit(NamedTuple):
    """A term found in a text (a named tuple: made per hit, it costs a fifth of a frozen dataclass)."""

    group: int
    start: int
    end: int
    term: str


def expand(term: str) -> list[str]:
    """All spellings of a term written with `{a|b}` alternatives."""
    parts = _BRACES.split(term)
    # split() alternates literal text and brace contents: literal, options, literal, options, ...
    choices = [[p] if i % 2 == 0 else p.split("|") for i, p in enumerate(parts)]
    return ["".join(combo) for combo in itertools.product(*choices)]


def _is_arabic(ch: str) -> bool:
    return bool(_ARABIC_LETTER.match(ch))


_Payload = tuple[int, int, bool, str, bool]  # group, length, end boundary, term, starts with an Arabic letter


class _SharedScan:
    """One Aho-Corasick pass over a text for every TermIndex at once.

    The extractor's components each look up their own terms (belligerents, attack words, stance cues,
    evidence kinds, date anchors) in the same normalised report; scanning the text is most of each
    lookup's cost, so the first `find` on a text scans for all indexes' terms and the others reuse the
    hits. The automaton reports every occurrence of every term, so each index gets exactly the hits
    its own automaton would have given. Indexes are meant to be built once, at import: each new one
    rebuilds the shared automaton, and its terms stay in it for the life of the process (the scan
    keeps each index's entries rather than a weak reference to the index, which a class compiled
    with mypyc cannot take).
    """

    _KEEP = 4  # texts whose hits are kept: a report's normalised text, and the odd short string

    def __init__(self) -> None:
        self.entries: list[dict[str, _Payload]] = []  # each registered index's terms
        self._automaton: Any = None
        self._cache: dict[str, list[list[tuple[int, _Payload]]]] = {}

    def register(self, entries: dict[str, _Payload]) -> int:
        self.entries.append(entries)
        self._automaton = None
        self._cache.clear()
        return len(self.entries) - 1

    def _build(self) -> Any:
        by_term: dict[str, list[tuple[int, _Payload]]] = {}
        for i, entries in enumerate(self.entries):
            for term, payload in entries.items():
                by_term.setdefault(term, []).append((i, payload))
        automaton = ahocorasick.Automaton()
        for term, owners in by_term.items():
            automaton.add_word(term, tuple(owners))
        automaton.make_automaton()
        self._automaton = automaton
        return automaton

    def hits(self, text: str, index: int) -> list[tuple[int, _Payload]]:
        """(end index, payload) of every occurrence of the index's terms in `text`."""
        found = self._cache.get(text)
        if found is None:
            automaton = self._automaton if self._automaton is not None else self._build()
            found = [[] for _ in self.entries]
            for end_index, owners in automaton.iter(text):
                for i, payload in owners:
                    found[i].append((end_index, payload))
            if len(self._cache) >= self._KEEP:
                del self._cache[next(iter(self._cache))]
            self._cache[text] = found
        return found[index]


_SHARED = _SharedScan()


class TermIndex:
    """Groups of terms (e.g. one group per belligerent); `find` returns non-overlapping hits."""

    def __init__(self, groups: Sequence[Sequence[str]]) -> None:
        entries: dict[str, tuple[int, bool]] = {}
        for group, terms in enumerate(groups):
            for raw in terms:
                end_boundary = raw.endswith("\\b")
                base = raw[:-2] if end_boundary else raw
                # Terms are matched against normalised text, so they are normalised too ("نفى" -> "نفي").
                for term in (normalise(t) for t in expand(base)):
                    # The first group listing a term keeps it: group order is priority order.
                    entries.setdefault(term, (group, end_boundary))
        self.entries: dict[str, _Payload] = {
            term: (group, len(term), end_boundary, term, "\u0621" <= term[0] <= "\u064a")
            for term, (group, end_boundary) in entries.items()
        }
        self._id = _SHARED.register(self.entries)

    def find(self, text: str) -> list[Hit]:
        """Leftmost-longest hits that respect the boundary rules, in text order, never overlapping."""
        found: list[tuple[int, int, int, int, str]] = []  # start, -length, group, end, term: sorted in C
        n = len(text)
        for end_index, (group, length, end_boundary, term, arabic) in _SHARED.hits(text, self._id):
            start, end = end_index - length + 1, end_index + 1
            if start:  # the word-start rule of `_starts_word`, inline: it runs for every hit
                prev = text[start - 1]
                if not arabic:
                    if prev in _LATIN_OR_DIGIT_SET:
                        continue
                elif "\u0621" <= prev <= "\u064a" and not _after_clitic(text, start):
                    continue
            if (
                end_boundary
                and end < n
                and (text[end] in _LATIN_OR_DIGIT_SET or "\u0621" <= text[end] <= "\u064a")
            ):
                continue
            found.append((start, -length, group, end, term))
        # Leftmost, then longest, then first group: a term at one place has one spelling, so the
        # tuples order as the hits should.
        found.sort()
        out: list[Hit] = []
        last_end = -1
        for start, _, group, end, term in found:
            if start < last_end:
                continue
            out.append(Hit(group, start, end, term))
            last_end = end
        return out

    def occurrences(self, text: str) -> Occurrences:
        """Every occurrence of every term in `text`, boundaries not checked, overlaps kept.

        For a pattern that is an alternation of plain words: whether it matches in a window is whether
        one of its terms occurs wholly inside, which these tell without scanning the text again."""
        found = _SHARED.hits(text, self._id)
        return Occurrences([end_index + 1 for end_index, _ in found], [payload[1] for _, payload in found])

    def starts(self, text: str, group: int) -> list[int]:
        """Where the terms of one group occur in `text`, in order (boundaries not checked, overlaps
        kept): for a pattern every match of which begins with one of them, the offsets to try it at."""
        return sorted(
            {
                end_index - payload[1] + 1
                for end_index, payload in _SHARED.hits(text, self._id)
                if payload[0] == group
            }
        )

    def groups_in(self, text: str) -> set[int]:
        """The groups with a term anywhere in `text` (boundaries not checked): a cheap necessary test."""
        return {payload[0] for _, payload in _SHARED.hits(text, self._id)}

    @staticmethod
    def _starts_word(text: str, start: int, term: str) -> bool:
        if start == 0:
            return True
        prev = text[start - 1]
        if not ("\u0621" <= term[0] <= "\u064a"):
            return prev not in _LATIN_OR_DIGIT_SET
        if not ("\u0621" <= prev <= "\u064a"):
            return True
        return _after_clitic(text, start)


class Occurrences:
    """Where the terms of an index occur in one text: their ends (in order) and lengths."""

    __slots__ = ("ends", "lengths")

    def __init__(self, ends: list[int], lengths: list[int]) -> None:
        self.ends = ends
        self.lengths = lengths

    def any_within(self, lo: int, hi: int) -> bool:
        """Whether a term lies wholly inside text[lo:hi]."""
        ends, lengths = self.ends, self.lengths
        i = bisect.bisect_left(ends, lo + 1)
        while i < len(ends) and ends[i] <= hi:
            if ends[i] - lengths[i] >= lo:
                return True
            i += 1
        return False


def matches_at(rx: re.Pattern[str], text: str, starts: Sequence[int]) -> list[re.Match[str]]:
    """`rx.finditer(text)` for a pattern whose every match begins at one of `starts` (in order) and
    is never empty: the same leftmost matches, each search resuming where the last match ended.

    With `starts` read off the shared term scan (`TermIndex.starts`), a pattern that begins with an
    alternation of words is tried at a few offsets instead of at every character of the text."""
    found: list[re.Match[str]] = []
    resume = 0
    for start in starts:
        if start >= resume and (m := rx.match(text, start)) is not None:
            found.append(m)
            resume = m.end()
    return found


def _after_clitic(text: str, start: int) -> bool:
    """Whether the Arabic letters right before `start` are a clitic that starts a word ("وال", "ب")."""
    for length in _AR_PREFIX_LENGTHS:
        p = start - length
        if p < 0:
            break
        if text[p:start] in _AR_PREFIX_SET and (p == 0 or not ("\u0621" <= text[p - 1] <= "\u064a")):
            return True
    return False
