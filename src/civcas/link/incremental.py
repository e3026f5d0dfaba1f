"""Link one newly ingested report to the existing incidents, without re-linking everything.

The trained model's m and u probabilities (params/splink_model.json) are applied in Python to the same
comparison levels Splink uses (comparisons.py), so a report gets the match weight it would get in a
batch run. services/linking.py applies it to the store: candidates by blocking keys from the indexed
`link_keys` table, each link keeping its feature row and the reasons it was joined (docs/linking.md).
The cost is the index look-ups plus a few dozen pair scores (bench/incremental_bench.py).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from civcas.link.clusters import SIZE_PENALTY, compatible
from civcas.link.comparisons import COMPARISONS, Comparison
from civcas.link.engine import BLOCK_TOKENS, LinkError
from civcas.link.features import (
    COMMON_SHARE,
    TOKENS_PER_REPORT,
    VECTOR_MIN_DOCS,
    LinkRow,
    text_vector,
    token_hash,
)
from civcas.link.splink_model import BLOCK_TOKEN_MAX_DF, DEFAULT_THRESHOLD, load_params

Row = Mapping[str, Any]
BlockingKey = tuple[str, Hashable, Hashable]
"""(rule, value, value): e.g. ("admin1_day", "dlb", 19345) or ("token", "سرمدا", None)."""


def blocking_keys(row: LinkRow | Row) -> list[BlockingKey]:
    """The keys a candidate incident must share with the report (the batch rules, as look-ups).

    The same day is looked up a day either side, since one report's "dawn" is another's "last night".
    The day alone and the place alone are the batch's wider nets: half the governorates an extractor
    reads are wrong and many reports carry no date. Like the batch's rules, which it uses only while
    their pairs fit the budget, they cost little where they matter: a key more than BLOCK_TOKEN_MAX_DF
    incidents share is skipped, and these two at WIDE_KEY_MAX (`key_cap`), so in a large archive a busy
    day or an often-struck town drops out by itself. On the dev sources linked one by one they took
    pairwise and B-cubed F1 from 0.506 / 0.639 to 0.542 / 0.664.
    """
    r = row.as_dict() if isinstance(row, LinkRow) else row
    keys: list[BlockingKey] = []
    day, admin1, place = r.get("day_eff"), r.get("admin1"), r.get("place")
    if day is not None and admin1:
        keys += [("admin1_day", admin1, d) for d in (day - 1, day, day + 1)]
    if day is not None:
        keys += [("day", d, None) for d in (day - 1, day, day + 1)]
    if place:
        keys.append(("place", place, None))
    if day is not None and place:
        keys.append(("place_week", place, day // 7))
    pub = r.get("pub_day")
    if pub is not None and place:
        keys.append(("place_week", place, pub // 7))
    keys += [("token", t, None) for t in (r.get("tokens") or [])[:BLOCK_TOKENS]]
    return keys


WIDE_KEYS = frozenset({"day", "place"})
WIDE_KEY_MAX = 10
"""Incidents a day or a place alone may share and still be looked up. At 50, as for the other keys,
the dev sources scored a little higher (0.551 / 0.667 against 0.542 / 0.664), but in the bench's
100,000 synthetic incidents 122 of 250 new incidents started on their own instead of 141; at 10 these
keys leave the bench's figures as they were and are left to small archives and quiet days, as the
batch uses its wider rules only while their pairs fit its budget."""


def key_cap(key: BlockingKey, max_per_key: int = BLOCK_TOKEN_MAX_DF) -> int:
    """How many incidents may share `key` for it still to be looked up."""
    return min(max_per_key, WIDE_KEY_MAX) if key[0] in WIDE_KEYS else max_per_key


INCREMENTAL_THRESHOLD = -1.0
"""Match weight a new report needs to join an incident on ingest: a bit more than the batch's
DEFAULT_THRESHOLD. The batch joins through a set's strongest links first, and a link between bigger
groups must be stronger (clusters.SIZE_PENALTY); one report at a time joins the best incident it
finds, with no second look. On the dev sources linked one by one in file order (pairwise precision
/ F1, B-cubed F1), with the places-named and target-type comparisons: -2: 0.616 / 0.542 / 0.667;
-1.5: 0.671 / 0.564 / 0.675; -1: 0.682 / 0.561 / 0.671; 0: 0.722 / 0.558 / 0.665. -1 keeps the
precision the path had before those comparisons (0.677) and the higher F1s; `civcas incidents
relink` links the same reports again as a batch, at DEFAULT_THRESHOLD."""


@dataclass(frozen=True, slots=True)
class Candidate:
    incident_id: Hashable
    rows: Sequence[Row]
    """Feature rows of the incident's reports."""


@dataclass(frozen=True, slots=True)
class Match:
    incident_id: Hashable
    match_weight: float
    report_index: int
    """Which of the incident's reports the new one matched best: the link an analyst can inspect."""


class IncrementalLinker:
    """Match weights for single pairs from a trained model's parameters."""

    def __init__(self, model: Mapping[str, Any], threshold: float = DEFAULT_THRESHOLD) -> None:
        self.threshold = threshold
        prior = float(model["probability_two_random_records_match"])
        self.prior_weight = math.log2(prior / (1 - prior))
        self.weights: list[tuple[Comparison, list[float]]] = []
        specs = {c["output_column_name"]: c for c in model["comparisons"]}
        for comp in COMPARISONS:
            spec = specs.get(comp.name)
            if spec is None or len(spec["comparison_levels"]) != len(comp.levels):
                raise LinkError(
                    f"model does not match comparison {comp.name!r}; retrain it", code="model_mismatch"
                )
            ws: list[float] = []
            for level, saved in zip(comp.levels, spec["comparison_levels"], strict=True):
                m, u = saved.get("m_probability"), saved.get("u_probability")
                ws.append(
                    0.0 if level.is_null or m is None or u is None else math.log2(max(m, 1e-9) / max(u, 1e-9))
                )
            self.weights.append((comp, ws))

    @classmethod
    def bundled(cls, threshold: float = INCREMENTAL_THRESHOLD) -> IncrementalLinker:
        return cls(load_params(), threshold)

    def weight(self, a: LinkRow | Row, b: LinkRow | Row) -> float:
        """The pair's match weight: prior plus each comparison's log2 Bayes factor."""
        ra = a.as_dict() if isinstance(a, LinkRow) else a
        rb = b.as_dict() if isinstance(b, LinkRow) else b
        total = self.prior_weight
        for comp, ws in self.weights:
            level = comp.level_of(ra, rb)
            total += ws[level] if level < len(ws) else 0.0
        return total

    def explain(self, a: LinkRow | Row, b: LinkRow | Row) -> dict[str, tuple[str, float]]:
        """Each comparison's level and weight: why two reports were (or were not) joined."""
        ra = a.as_dict() if isinstance(a, LinkRow) else a
        rb = b.as_dict() if isinstance(b, LinkRow) else b
        out: dict[str, tuple[str, float]] = {}
        for comp, ws in self.weights:
            level = comp.level_of(ra, rb)
            out[comp.name] = (comp.levels[level].label, round(ws[level], 3))
        return out

    def best_incident(
        self, row: LinkRow | Row, fetch: Callable[[list[BlockingKey]], Iterable[Candidate]]
    ) -> Match | None:
        """The incident the report belongs to (its best-matching report at or above the threshold), or None
        when it should start a new incident."""
        return self.place(row, fetch).match

    def place(
        self, row: LinkRow | Row, fetch: Callable[[list[BlockingKey]], Iterable[Candidate]]
    ) -> Placement:
        """Where the report goes: the incident it joins (as `best_incident`) and the other incidents it
        bridges to that one (`bridges`)."""
        r = row.as_dict() if isinstance(row, LinkRow) else row
        scored: list[tuple[Candidate, Match]] = []
        for cand in fetch(blocking_keys(r)):
            # As in batch clustering: an incident's dates span at most DATE_SPAN days, with the weekdays
            # its undated reports name; and joining a bigger incident takes a stronger link.
            if not fits(cand.rows, r):
                continue
            needed = self.threshold + SIZE_PENALTY * math.log2(max(1, len(cand.rows)))
            top: Match | None = None
            for i, other in enumerate(cand.rows):
                w = self.weight(r, other)
                if w >= needed and (top is None or w > top.match_weight):
                    top = Match(cand.incident_id, w, i)
            if top is not None:
                scored.append((cand, top))
        if not scored:
            return Placement(None, [])
        scored.sort(key=lambda cm: -cm[1].match_weight)  # stable: the first found wins a tie, as before
        return Placement(scored[0][1], bridges(scored, r, self.threshold))


@dataclass(frozen=True, slots=True)
class Placement:
    match: Match | None
    """The incident the report joins (None: it starts one)."""
    bridges: list[Match]
    """Other incidents the report links to as strongly as batch clustering needs to join two groups,
    strongest first: one event that had been split because its earlier reports shared too little."""


def bridges(scored: Sequence[tuple[Candidate, Match]], row: Row, threshold: float) -> list[Match]:
    """The incidents a report joining the first of `scored` (candidates with their best match, strongest
    first) also ties to it, by batch clustering's rule for a link between two groups (clusters.cluster):
    a weight of at least threshold + SIZE_PENALTY x log2(|A| x |B|), the new report counted in A, and
    dates that fit together.

    Linked one by one, a report joins one incident and never brings two together, so an event whose
    first reports shared too little stays split however many later reports tell both halves (on the
    Syria dev sources in file order, pairwise and B-cubed F1 0.567 / 0.674 without these merges,
    0.586 / 0.686 with them; the batch at the same weights, 0.632 / 0.709)."""
    rows: list[Row] = [*scored[0][0].rows, row]
    out: list[Match] = []
    for cand, match in scored[1:]:
        needed = threshold + SIZE_PENALTY * math.log2(len(rows) * len(cand.rows))
        if match.match_weight >= needed and fit_together([*rows, *cand.rows]):
            out.append(match)
            rows += cand.rows
    return out


def fits(rows: Sequence[Row], row: Row) -> bool:
    """Whether `row` may join the incident of `rows` under batch clustering's date rules."""
    return fit_together((*rows, row))


def fit_together(rows: Sequence[Row]) -> bool:
    """Whether `rows` may be one incident under batch clustering's date rules (clusters.compatible):
    the known dates, and the weekdays undated reports name."""
    days = [d for d in (x.get("day_eff") for x in rows) if d is not None]
    named = {w for x in rows if x.get("day_eff") is None and (w := x.get("weekday")) is not None}
    return compatible(min(days, default=None), max(days, default=None), named)


class MemoryIndex:
    """An in-memory stand-in for the store's candidate query (tests, benchmarks, batch catch-up).

    A key shared by more than `max_per_key` incidents (a common word, a busy governorate-day) is
    skipped, as the batch rules skip tokens above BLOCK_TOKEN_MAX_DF: it would cost more pair scores
    than it could find links. A database query should apply the same cap.
    """

    def __init__(self, max_per_key: int = BLOCK_TOKEN_MAX_DF) -> None:
        self.max_per_key = max_per_key
        self.by_key: dict[BlockingKey, set[Hashable]] = {}
        self.rows: dict[Hashable, list[Row]] = {}

    def add(self, incident_id: Hashable, row: LinkRow | Row) -> None:
        r = row.as_dict() if isinstance(row, LinkRow) else dict(row)
        self.rows.setdefault(incident_id, []).append(r)
        for key in blocking_keys(r):
            self.by_key.setdefault(key, set()).add(incident_id)

    def merge(self, into: Hashable, other: Hashable) -> None:
        """Move the reports of incident `other` into `into` (a bridge, `IncrementalLinker.place`)."""
        moved = self.rows.pop(other)
        self.rows[into].extend(moved)
        for row in moved:
            for key in blocking_keys(row):
                holders = self.by_key[key]
                holders.discard(other)
                holders.add(into)

    def candidates(self, keys: list[BlockingKey]) -> list[Candidate]:
        ids: set[Hashable] = set()
        for key in keys:
            found = self.by_key.get(key)
            if found and len(found) <= key_cap(key, self.max_per_key):
                ids |= found
        return [Candidate(i, self.rows[i]) for i in ids]


def choose_words(
    words: Mapping[str, int], seen: Mapping[int, int], n_docs: int, k: int = TOKENS_PER_REPORT
) -> dict[str, Any]:
    """A new report's rarest words, to block on, and its text vector (features.text_vector), from how
    many of the `n_docs` reports linked before it use each word (`seen`, by the word's hash).

    As in the batch (features.distinctive), a word in more than 5% of reports says nothing about which
    event a report tells. Unlike the batch, a word no earlier report used is kept, to block on and in
    the vector, where it weighs as a word two reports use: a later retelling may share it, and then
    meets it at the weight its own vector gives it.
    """
    ceiling = max(3, int(COMMON_SHARE * n_docs))
    kept = [t for t, h in words.items() if n_docs < VECTOR_MIN_DOCS or seen.get(h, 0) + 1 <= ceiling]
    kept.sort(key=lambda t: (seen.get(words[t], 0), words[t]))
    # Counted with this report, as the batch counts every report of the set.
    text_words, text_weights = text_vector(
        words, {t: max(2, seen.get(h, 0) + 1) for t, h in words.items()}, n_docs + 1
    )
    return {"tokens": kept[:k], "text_words": text_words, "text_weights": text_weights}


class MemoryWords:
    """The word counts of services.linking.rare_words in memory (evaluation, benchmarks)."""

    def __init__(self) -> None:
        self.seen: Counter[int] = Counter()
        self.reports = 0

    def choose(self, tokens: Iterable[str], *, count: bool = True) -> dict[str, Any]:
        words = {t: token_hash(t) for t in set(tokens)}
        chosen = choose_words(words, self.seen, self.reports)
        if count:
            self.seen.update(set(words.values()))
            self.reports += 1
        return chosen
