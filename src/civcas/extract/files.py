"""Extract a JSONL file of reports into a JSONL file of extractions, streaming, in input order.

One output line per input line, always: a line that cannot be read or extracted becomes
`{"id": ..., "error": "..."}` (and a message naming file:line on stderr), so the output can be joined
to the input by position as well as by id.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.pool import Pool as PoolType
from pathlib import Path
from typing import Any

from civcas.extract.pipeline import extract_report, extraction_json
from civcas.ingest.url_dates import record_published

_CHUNKSIZE = 32
_BATCH = 4096  # lines in flight at most when workers > 1


@dataclass(slots=True)
class ExtractStats:
    records: int = 0
    errors: int = 0
    with_incident: int = 0
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    """Cumulative seconds per component (summed over workers)."""


def _process(item: tuple[int, str]) -> tuple[int, str, str | None, dict[str, float]]:
    """(line number, output line, error message or None, timings) for one input line."""
    lineno, line = item
    timings: dict[str, float] = {}
    rec_id: Any = lineno
    try:
        rec = json.loads(line)
        if not isinstance(rec, dict):
            raise ValueError("a record must be a JSON object")
        rec_id = rec.get("id", lineno)
        text = rec.get("text")
        if text is not None and not isinstance(text, str):
            raise ValueError("'text' must be a string or null")
        # The record's own date, else the one its address gives (an X status id, a dated news path).
        published = record_published(rec)
        language = rec.get("language")
        extraction = extract_report(
            id=str(rec_id),
            text=text or "",
            published=published,
            language=language if isinstance(language, str) and language else None,
            timings=timings,
        )
        return lineno, json.dumps(extraction_json(extraction), ensure_ascii=False), None, timings
    except Exception as exc:  # one bad record must not stop the file
        message = f"{type(exc).__name__}: {exc}"
        return lineno, json.dumps({"id": rec_id, "error": message}, ensure_ascii=False), message, timings


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    with path.open(encoding="utf-8", errors="replace") as f:
        for lineno, line in enumerate(f, start=1):
            if line.strip():
                yield lineno, line


def _count_lines(path: Path) -> int:
    with path.open("rb") as f:
        return sum(1 for line in f if line.strip())


def _batches(items: Iterator[tuple[int, str]], size: int) -> Iterator[list[tuple[int, str]]]:
    batch: list[tuple[int, str]] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _results(
    items: Iterator[tuple[int, str]], pool: PoolType | None
) -> Iterator[tuple[int, str, str | None, dict[str, float]]]:
    if pool is None:
        yield from map(_process, items)
        return
    # Pool.imap reads its whole input ahead of the workers; feeding it one bounded batch at a time keeps
    # memory constant however long the file, and imap keeps each batch in input order.
    for batch in _batches(items, _BATCH):
        yield from pool.imap(_process, batch, chunksize=_CHUNKSIZE)


def _no_progress() -> None:
    return None


def _progress_bar(stack: contextlib.ExitStack, input_path: Path) -> Callable[[], None]:
    """A rich progress bar closed with `stack`; returns the function that advances it by one record."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = stack.enter_context(
        Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
        )
    )
    task = bar.add_task(f"extract {input_path.name}", total=_count_lines(input_path))
    return lambda: bar.advance(task)


def extract_file(
    input_path: Path, output_path: Path, *, workers: int = 1, progress: bool = False
) -> ExtractStats:
    """Extract every record of `input_path` (JSONL) into `output_path` (JSONL), input order kept."""
    stats = ExtractStats()
    start = time.perf_counter()
    pool = multiprocessing.Pool(workers) if workers > 1 else None
    try:
        with contextlib.ExitStack() as stack:
            advance = _no_progress
            if progress:
                advance = _progress_bar(stack, input_path)
            out = stack.enter_context(output_path.open("w", encoding="utf-8"))
            for lineno, line, error, timings in _results(_lines(input_path), pool):
                out.write(line + "\n")
                stats.records += 1
                if error is not None:
                    stats.errors += 1
                    print(f"{input_path}:{lineno}: {error}", file=sys.stderr)
                elif '"incident": null' not in line:
                    stats.with_incident += 1
                for name, sec in timings.items():
                    stats.stage_seconds[name] = stats.stage_seconds.get(name, 0.0) + sec
                advance()
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    stats.seconds = time.perf_counter() - start
    return stats
