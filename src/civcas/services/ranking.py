"""Ranking a bounded window of matching reports, in Python.

FTS5's bm25() first counts every report that contains each query word (its IDF), which costs
time in proportion to all the hits: 30 ms for a word in 560,000 of a million reports, however
few rows are ranked. Every report in the window contains every query word (the search is an
AND), so IDF would only weigh the words against each other; this ranks with BM25's
term-frequency part alone (k1 = 1.2, b = 0.75, lengths relative to the window), on SQLite and
PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Mapping

K1 = 1.2
B = 0.75


def bm25_scores(texts: Mapping[int, str], words: list[str]) -> dict[int, float]:
    """Each text's score for the query words; higher ranks higher.

    Occurrences are counted as substrings of the case-folded text and length as its spaces:
    C-speed string methods, about 2 ms for a thousand reports where a regular expression
    takes ten times that. A word inside a longer one counts too, which ranking tolerates.
    """
    wanted = {w.casefold() for w in words}
    counts: dict[int, tuple[list[int], int]] = {}
    for key, text in texts.items():
        folded = text.casefold()
        counts[key] = ([folded.count(w) for w in wanted], folded.count(" ") + 1)
    average = sum(n for _, n in counts.values()) / len(counts) if counts else 1.0
    scores: dict[int, float] = {}
    for key, (tf, length) in counts.items():
        norm = K1 * (1 - B + B * length / average)
        scores[key] = sum(f * (K1 + 1) / (f + norm) for f in tf)
    return scores
