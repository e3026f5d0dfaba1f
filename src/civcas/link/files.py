"""Link a JSONL file of reports into incidents without touching the database.

Input: the input format of `civcas extract` (id, text, optional published, language), one report a line.
Output: one line per input line, in input order: `{"id", "cluster", "match_weight", "linked_to"}`, where
`match_weight` is the weight of the report's strongest link and `linked_to` the report it links to
(both null for a report alone in its incident).
"""

from __future__ import annotations

import json
import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from civcas.errors import InputError
from civcas.ingest.url_dates import record_published
from civcas.link.clusters import best_links
from civcas.link.engine import LinkResult, get_engine
from civcas.link.features import LinkRow, finish_rows, row_from_extraction
from civcas.link.splink_model import DEFAULT_THRESHOLD


@dataclass(frozen=True, slots=True)
class Report:
    id: str
    text: str
    published: str | None
    language: str | None


def read_reports(path: Path) -> Iterator[Report]:
    with path.open(encoding="utf-8", errors="replace") as f:
        for lineno, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{lineno}: not JSON ({exc.msg})") from exc
            if not isinstance(rec, dict):
                raise InputError(f"{path}:{lineno}: a report must be a JSON object")
            yield report_from_record(rec, default_id=str(lineno))


def report_from_record(rec: dict[str, Any], *, default_id: str) -> Report:
    text = rec.get("text")
    language = rec.get("language")
    return Report(
        id=str(rec.get("id", default_id)),
        text=text if isinstance(text, str) else "",
        # The record's own date, else the one its address gives (an X status id, a dated news path).
        published=record_published(rec),
        language=language if isinstance(language, str) and language else None,
    )


def _row(item: tuple[int, Report]) -> tuple[LinkRow, list[str]]:
    from civcas.extract.pipeline import extract_report

    i, rep = item
    extraction = extract_report(id=rep.id, text=rep.text, published=rep.published, language=rep.language)
    return row_from_extraction(i, extraction, text=rep.text, published=rep.published)


def extracted_rows(reports: Iterable[Report], *, workers: int = 1) -> list[tuple[LinkRow, list[str]]]:
    """Extract each report: its feature row and all its content tokens, in input order."""
    items = enumerate(reports)
    if workers > 1:
        with multiprocessing.Pool(workers) as pool:
            return pool.map(_row, items, chunksize=32)
    return [_row(it) for it in items]


def feature_rows(reports: Iterable[Report], *, workers: int = 1) -> list[LinkRow]:
    """Extract each report and turn it into a feature row (distinctive tokens chosen over the batch)."""
    pairs = extracted_rows(reports, workers=workers)
    rows = [p[0] for p in pairs]
    finish_rows(rows, [p[1] for p in pairs])
    return rows


def link_rows(
    rows: list[LinkRow], *, threshold: float = DEFAULT_THRESHOLD, engine: str = "duckdb", train: bool = True
) -> LinkResult:
    return get_engine(engine).link(rows, threshold=threshold, train=train)


def write_clusters(result: LinkResult, output: Path) -> None:
    # The strongest link inside the report's incident: a link the clustering refused explains nothing.
    c = result.clusters
    best = best_links(len(result.report_ids), [e for e in result.edges if c[e.left] == c[e.right]])
    with output.open("w", encoding="utf-8") as out:
        for rid, cluster, link in zip(result.report_ids, result.clusters, best, strict=True):
            rec = {
                "id": rid,
                "cluster": cluster,
                "match_weight": round(link[1], 3) if link else None,
                "linked_to": result.report_ids[link[0]] if link else None,
            }
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")


def link_file(
    input_path: Path,
    output: Path,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    engine: str = "duckdb",
    train: bool = True,
    workers: int = 1,
) -> LinkResult:
    """Link the reports of `input_path` and write one cluster line per report to `output`."""
    rows = feature_rows(read_reports(input_path), workers=workers)
    result = link_rows(rows, threshold=threshold, engine=engine, train=train)
    write_clusters(result, output)
    return result
