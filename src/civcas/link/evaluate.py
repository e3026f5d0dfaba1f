"""How well reports were linked: pairwise precision, recall and F1, and B-cubed F1, against a truth.

Pairwise counts every pair of reports put together (so big incidents weigh quadratically); B-cubed
averages over reports how much of each one's predicted incident is right and how much of its true
incident it found (so each report weighs the same).
"""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from civcas.ingest.url_dates import record_published
from civcas.link.features import LinkRow, finish_rows


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    clusters: int

    def as_dict(self) -> dict[str, float]:
        return {k: round(float(getattr(self, k)), 4) for k in self.__slots__}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _pairs(counts: Counter[Any]) -> int:
    return sum(c * (c - 1) // 2 for c in counts.values())


def score(predicted: Sequence[Hashable], truth: Sequence[Hashable]) -> Scores:
    """Scores of a predicted clustering (a label per item) against the true one."""
    if len(predicted) != len(truth):
        raise ValueError("predicted and truth must label the same items")
    both = Counter(zip(predicted, truth, strict=True))
    pred = Counter(predicted)
    true = Counter(truth)
    tp = _pairs(both)
    pp, tt = _pairs(pred), _pairs(true)
    precision = tp / pp if pp else 1.0
    recall = tp / tt if tt else 1.0
    n = len(predicted)
    # B-cubed: the pair (p, t) of labels decides each of its `c` items' precision c/|P| and recall c/|T|.
    bp = sum(c * c / pred[p] for (p, _t), c in both.items()) / n if n else 1.0
    br = sum(c * c / true[t] for (_p, t), c in both.items()) / n if n else 1.0
    return Scores(precision, recall, _f1(precision, recall), bp, br, _f1(bp, br), len(pred))


def incremental_clusters(reports: Sequence[tuple[LinkRow, Sequence[str]]]) -> list[Hashable]:
    """Each report linked in turn, as ingest links it (services/linking.py, in memory): its words
    counted among the reports before it, then joined to the incident of its best match or a new one,
    with the bundled parameters, and the incidents it bridges merged into that one."""
    from civcas.link.incremental import IncrementalLinker, MemoryIndex, MemoryWords

    linker = IncrementalLinker.bundled()
    index, words = MemoryIndex(), MemoryWords()
    out: list[Hashable] = []
    merged: dict[Hashable, Hashable] = {}  # an incident merged away -> the one it went into
    for row, tokens in reports:
        r = {**row.as_dict(), **words.choose(tokens)}
        placed = linker.place(r, index.candidates)
        incident = placed.match.incident_id if placed.match else len(out)
        for bridge in placed.bridges:
            index.merge(incident, bridge.incident_id)
            merged[bridge.incident_id] = incident
        index.add(incident, r)
        out.append(incident)
    return [_final(incident, merged) for incident in out]


def _final(incident: Hashable, merged: dict[Hashable, Hashable]) -> Hashable:
    while incident in merged:
        incident = merged[incident]
    return incident


def naive_clusters(rows: Sequence[LinkRow]) -> list[Hashable]:
    """The baseline: reports with the same date read from the text and the same governorate are one
    incident; a report missing either is alone."""
    out: list[Hashable] = []
    for r in rows:
        out.append((r.day, r.admin1) if r.day is not None and r.admin1 else ("alone", r.unique_id))
    return out


# --- the Airwars Syria sources (shared/data; never committed) --------------------------------------


@dataclass(frozen=True, slots=True)
class LabelledReport:
    id: str
    text: str
    published: str | None
    language: str | None
    incident: str


def read_labelled(path: Path, *, sample: int | None = None, seed: int = 0) -> list[LabelledReport]:
    """Readable single-incident sources; with `sample`, whole incidents drawn until about that many."""
    recs: list[LabelledReport] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            extra = r.get("extra") or {}
            ids = extra.get("linked_incident_ids") or []
            if extra.get("text_quality") != "ok" or extra.get("multi_incident") or len(ids) != 1:
                continue
            recs.append(
                LabelledReport(
                    r["id"], r.get("text") or "", record_published(r), extra.get("language"), ids[0]
                )
            )
    if sample is None or sample >= len(recs):
        return recs
    by_incident: dict[str, list[LabelledReport]] = defaultdict(list)
    for rec in recs:
        by_incident[rec.incident].append(rec)
    keys = sorted(by_incident)
    random.Random(seed).shuffle(keys)
    chosen: set[str] = set()
    total = 0
    for k in keys:
        if total >= sample:
            break
        chosen.add(k)
        total += len(by_incident[k])
    return [r for r in recs if r.incident in chosen]


@dataclass(frozen=True, slots=True)
class EvalReport:
    reports: int
    incidents: int
    results: dict[str, Scores]


def evaluate_rows(
    rows: list[LinkRow],
    truth: Sequence[Hashable],
    *,
    threshold: float,
    engine: str = "duckdb",
    train: bool = True,
) -> dict[str, Scores]:
    """The model and the naive baseline (same date, same governorate) scored on the same rows."""
    from civcas.link.files import link_rows

    result = link_rows(rows, threshold=threshold, engine=engine, train=train)
    return {
        f"splink ≥{threshold:g}": score(result.clusters, truth),
        "baseline": score(naive_clusters(rows), truth),
    }


def evaluate_file(
    path: Path,
    *,
    threshold: float,
    engine: str = "duckdb",
    sample: int | None = None,
    workers: int = 1,
    train: bool = True,
    incremental: bool = False,
) -> EvalReport:
    """Extract and link labelled sources, and score model and baseline against the truth; with
    `incremental`, also the reports linked one by one in file order, as ingest links them."""
    from civcas.link.files import Report, extracted_rows

    labelled = read_labelled(path, sample=sample)
    pairs = extracted_rows((Report(r.id, r.text, r.published, r.language) for r in labelled), workers=workers)
    truth = [r.incident for r in labelled]
    one_by_one = incremental_clusters(pairs) if incremental else None
    rows = [p[0] for p in pairs]
    finish_rows(rows, [p[1] for p in pairs])
    results = evaluate_rows(rows, truth, threshold=threshold, engine=engine, train=train)
    if one_by_one is not None:
        results["one by one"] = score(one_by_one, truth)
    return EvalReport(len(labelled), len(set(truth)), results)
