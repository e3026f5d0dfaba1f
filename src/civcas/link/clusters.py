"""Reports into incidents: join pairs scored at or above a threshold, keep each link's weight.

Links are taken strongest first (Kruskal's order), and one that would join two groups must be the
stronger the bigger they are: its weight must reach threshold + SIZE_PENALTY × log2(|A|·|B|). Plain
connected components let one weak link chain two big incidents into one (on the Syria sources: an
80-report cluster); the penalty stops that while small groups still join at the threshold. This is
done here rather than by Splink's clustering so every engine, and the incremental path, cluster the
same way; the edges are kept so an incident page can show which pairs joined its reports and how
strongly.

A group also keeps the span of the dates its reports give (text, else publication): two groups whose
dates together would span more than DATE_SPAN days stay apart, however strong the link. An undated
report that names the same town as two strikes a week apart can otherwise chain them into one.
Likewise an undated report that names its day of the week ("today, Sunday") joins only a group whose
dates include that weekday, and undated reports naming different weekdays stay apart.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from civcas.link.features import weekday_of

SIZE_PENALTY = 1.0
"""Bits of extra weight per doubling of the pairs a link would join (0: connected components). With
calibrated m values (splink_model.M_PRIORS) 1.0 beats 0.5 on the dev sources: 0.5 lets undated reports
of one town chain different strikes together."""


DATE_SPAN = 2
"""Days the known dates of one incident's reports may span (a night raid told as "yesterday" and as
"dawn today", a late toll). On the Syria dev sources this cannot-link rule adds about 0.01 to pairwise
and B-cubed F1; a date misread by weeks then keeps its report out rather than pulling two incidents
together."""


def compatible(lo: int | None, hi: int | None, named: Iterable[int], date_span: int = DATE_SPAN) -> bool:
    """Whether one incident may hold reports whose known dates run from `lo` to `hi` (day numbers) and
    undated reports naming the weekdays `named`: the dates span at most `date_span` days, and each
    weekday named is one of those dates' (all the same weekday where no report is dated)."""
    if lo is not None and hi is not None and hi - lo > date_span:
        return False
    weekdays = set(named)
    if not weekdays:
        return True
    if lo is None or hi is None:
        return len(weekdays) == 1
    return weekdays <= {weekday_of(d) for d in range(lo, hi + 1)}


def undated_weekdays(days: Sequence[int | None], weekdays: Sequence[int | None] | None) -> list[set[int]]:
    """For each item, the weekday its text names if it has no date (an empty set otherwise)."""
    if weekdays is None:
        return [set() for _ in days]
    return [{w} if d is None and w is not None else set() for d, w in zip(days, weekdays, strict=True)]


@dataclass(frozen=True, slots=True)
class Edge:
    left: int
    right: int
    match_weight: float


def connected_clusters(n: int, edges: Iterable[Edge], threshold: float) -> list[int]:
    """Cluster number of each of `n` items, numbered 0.. by first appearance in input order."""
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for e in edges:
        if e.match_weight >= threshold:
            a, b = find(e.left), find(e.right)
            if a != b:
                parent[max(a, b)] = min(a, b)
    numbers: dict[int, int] = {}
    return [numbers.setdefault(find(i), len(numbers)) for i in range(n)]


def cluster(
    n: int,
    edges: Iterable[Edge],
    threshold: float,
    size_penalty: float = SIZE_PENALTY,
    days: Sequence[int | None] | None = None,
    date_span: int = DATE_SPAN,
    weekdays: Sequence[int | None] | None = None,
) -> list[int]:
    """Cluster number of each of `n` items (numbered by first appearance in input order).

    With `days` (each item's date as a day number, or None), no group's known dates span more than
    `date_span` days; with `weekdays` too (each item's day of the week), an undated item's weekday must
    be one of its group's dates' (see `compatible`).
    """
    parent = list(range(n))
    size = [1] * n
    first: list[int | None] = list(days) if days is not None else [None] * n
    last = list(first)
    named = undated_weekdays(first, weekdays)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for e in sorted((e for e in edges if e.match_weight >= threshold), key=lambda e: -e.match_weight):
        a, b = find(e.left), find(e.right)
        if a == b or e.match_weight < threshold + size_penalty * math.log2(size[a] * size[b]):
            continue
        lo = min((d for d in (first[a], first[b]) if d is not None), default=None)
        hi = max((d for d in (last[a], last[b]) if d is not None), default=None)
        if not compatible(lo, hi, named[a] | named[b], date_span):
            continue
        if size[a] < size[b]:
            a, b = b, a
        parent[b] = a
        size[a] += size[b]
        first[a], last[a] = lo, hi
        named[a] |= named[b]
    numbers: dict[int, int] = {}
    return [numbers.setdefault(find(i), len(numbers)) for i in range(n)]


def best_links(n: int, edges: Iterable[Edge]) -> list[tuple[int, float] | None]:
    """For each item, its strongest link (other item, match weight), or None if it has none."""
    best: list[tuple[int, float] | None] = [None] * n
    for e in edges:
        for me, other in ((e.left, e.right), (e.right, e.left)):
            cur = best[me]
            if cur is None or e.match_weight > cur[1]:
                best[me] = (other, e.match_weight)
    return best


def clusters_at(
    edges: Sequence[Edge],
    n: int,
    thresholds: Iterable[float],
    days: Sequence[int | None] | None = None,
    weekdays: Sequence[int | None] | None = None,
) -> dict[float, list[int]]:
    """Clusterings at several thresholds from one scoring (to choose one without re-scoring)."""
    return {t: cluster(n, edges, t, days=days, weekdays=weekdays) for t in thresholds}


def incidents_kept(current: Sequence[int], clusters: Sequence[int]) -> list[int | None]:
    """Which existing incident each new cluster continues, so that a re-run moves as few reports as it
    can: clusters take the incident that holds most of their reports, biggest cluster first (ties: the
    lower incident id); a cluster whose incidents are all taken starts a new one (None).

    `current[i]` is item i's incident now, `clusters[i]` its cluster (numbered 0..); the result is
    indexed by cluster number."""
    members: dict[int, list[int]] = {}
    for incident, c in zip(current, clusters, strict=True):
        members.setdefault(c, []).append(incident)
    kept: list[int | None] = [None] * (max(clusters, default=-1) + 1)
    taken: set[int] = set()
    for c in sorted(members, key=lambda c: (-len(members[c]), c)):
        counts: dict[int, int] = {}
        for incident in members[c]:
            counts[incident] = counts.get(incident, 0) + 1
        for incident in sorted(counts, key=lambda i: (-counts[i], i)):
            if incident not in taken:
                kept[c] = incident
                taken.add(incident)
                break
    return kept
