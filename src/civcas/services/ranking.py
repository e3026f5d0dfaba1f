"""Ranking a bounded window of matching reports, in Python.

FTS5's bm25() first counts every report that contains each query word (its IDF), which costs
time in proportion to all the hits: 30 ms for a word in 560,000 of a million reports, however
few rows are ranked. Every report in the window contains every query word (the search is an
AND), so IDF would only weigh the words against each other; this ranks with BM25's
term-frequency part alone (k1 = 1.2, b = 0.75, lengths relative to the window), on SQLite and
PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat

K1 = 1.2
B = 0.75


def bm25_totals(texts: Sequence[str], words: list[str]) -> list[float]:
    """Each text's score for the query words, in order; higher ranks higher.

    Occurrences are counted as substrings of the case-folded text and length as its spaces:
    C-speed string methods, about 1 ms for a thousand reports where a regular expression
    takes ten times that. A word inside a longer one counts too, which ranking tolerates.
    Column-wise (one pass per word over all texts) to keep Python's per-item work small.
    """
    wanted = {w.casefold() for w in words}
    if any(w != w.upper() for w in wanted):
        # str.lower is quicker and the same as casefold on ASCII text (isascii costs nothing).
        folded = [t.lower() if t.isascii() else t.casefold() for t in texts]
    else:
        # Words without case (Arabic) are counted the same in the text as it is: folding changes
        # only cased letters, and it costs more than the counting on non-ASCII text (1.4 ms for a
        # thousand Arabic reports).
        folded = list(texts)
    lengths = [f.count(" ") + 1 for f in folded]
    average = sum(lengths) / len(lengths) if lengths else 1.0
    norms = [K1 * (1 - B + B * length / average) for length in lengths]
    totals = [0.0] * len(folded)
    for word in wanted:
        # The counts in C (map over the texts), the arithmetic in one comprehension.
        counts = map(str.count, folded, repeat(word))
        totals = [
            total + tf * (K1 + 1) / (tf + norm) for total, tf, norm in zip(totals, counts, norms, strict=True)
        ]
    return totals
