"""Batches: JSON Lines, CSV and JSON lists; one report per row.

Each row's `original` is the exact bytes of that row in the input (re-encoded
with the file's own codec, which round-trips exactly), so the same row read
twice, alone or in another batch, hashes the same. Origins are "path:LINE".
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from civcas.ingest import problems
from civcas.ingest.decode import Decoded
from civcas.ingest.records import fields_to_report
from civcas.model.report import IncomingReport, IngestProblem

Item = IncomingReport | IngestProblem

# Fields of a long article can exceed csv's default 128 KiB limit.
_CSV_FIELD_LIMIT = 50_000_000


def _lines_keepends(text: str) -> list[str]:
    # Split on "\n" only: str.splitlines also splits on U+2028 and friends,
    # which may sit inside a JSON string or a quoted CSV field.
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _row_bytes(raw: str, codec: str) -> bytes:
    return raw.removesuffix("\n").removesuffix("\r").encode(codec)


def read_jsonl(decoded: Decoded, *, origin: str, kind: str = "allegation") -> Iterator[Item]:
    seen_row = False
    for lineno, raw in enumerate(_lines_keepends(decoded.text), start=1):
        if not raw.strip():
            continue  # blank lines between records are common and harmless
        seen_row = True
        row_origin = f"{origin}:{lineno}"
        try:
            value = json.loads(raw)
        except (json.JSONDecodeError, RecursionError) as exc:
            msg = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            col = f" at column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
            yield problems.problem(row_origin, problems.BAD_JSON, f"not valid JSON: {msg}{col}")
            continue
        if not isinstance(value, dict):
            yield problems.problem(
                row_origin, problems.NOT_OBJECT, f"expected a JSON object, got {type(value).__name__}"
            )
            continue
        yield fields_to_report(
            value,
            original=_row_bytes(raw, decoded.codec),
            media_type="application/json",
            origin=row_origin,
            kind=kind,
        )
    if not seen_row:
        yield problems.problem(origin, problems.EMPTY, "no rows")


def _sniff_delimiter(header: str) -> str:
    # Spreadsheets exported in Arabic or European locales often use ";" or tabs.
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > 0 else ","


def read_csv(decoded: Decoded, *, origin: str, kind: str = "allegation") -> Iterator[Item]:
    lines = _lines_keepends(decoded.text)
    if not lines or not any(line.strip() for line in lines):
        yield problems.problem(origin, problems.EMPTY, "no rows")
        return
    # Track which physical lines each row consumed, to keep its exact bytes and line number.
    consumed: list[str] = []
    position = 0

    def feed() -> Iterator[str]:
        nonlocal position
        while position < len(lines):
            line = lines[position]
            position += 1
            consumed.append(line)
            yield line

    csv.field_size_limit(_CSV_FIELD_LIMIT)
    reader = csv.reader(feed(), delimiter=_sniff_delimiter(lines[0]), strict=False)
    try:
        header = next(reader)
    except (csv.Error, StopIteration) as exc:
        yield problems.problem(f"{origin}:1", problems.BAD_CSV, f"unreadable CSV header ({exc})")
        return
    columns = [h.strip().lower() for h in header]
    if "text" not in columns:
        shown = ", ".join(repr(h) for h in header[:12])
        yield problems.problem(
            f"{origin}:1", problems.MISSING_COLUMN, f"CSV has no `text` column (columns: {shown})"
        )
        return
    line_start = len(consumed) + 1
    consumed.clear()
    seen_row = False
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield problems.problem(f"{origin}:{line_start}", problems.BAD_CSV, f"unreadable CSV row ({exc})")
            line_start += len(consumed)
            consumed.clear()
            continue
        row_origin = f"{origin}:{line_start}"
        raw = "".join(consumed)
        line_start += len(consumed)
        consumed.clear()
        if not row or not any(cell.strip() for cell in row):
            continue  # blank line
        seen_row = True
        if len(row) > len(header):
            yield problems.problem(
                row_origin, problems.BAD_CSV, f"row has {len(row)} fields, the header has {len(header)}"
            )
            continue
        fields = dict(zip(header, row, strict=False))
        yield fields_to_report(
            fields,
            original=_row_bytes(raw, decoded.codec),
            media_type="text/csv",
            origin=row_origin,
            kind=kind,
        )
    if not seen_row:
        yield problems.problem(origin, problems.EMPTY, "no rows after the header")


def read_json_document(decoded: Decoded, *, origin: str, kind: str = "allegation") -> Iterator[Item]:
    """A .json file: a list of row objects (or one object). Each element keeps its exact bytes."""
    text = decoded.text
    decoder = json.JSONDecoder()
    pos = _skip_ws(text, 0)
    if pos >= len(text):
        yield problems.problem(origin, problems.EMPTY, "empty JSON file")
        return
    if text[pos] != "[":
        yield from _json_items(decoder, text, pos, decoded.codec, origin=origin, kind=kind, single=True)
        return
    yield from _json_items(decoder, text, pos + 1, decoded.codec, origin=origin, kind=kind, single=False)


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _json_items(
    decoder: json.JSONDecoder, text: str, pos: int, codec: str, *, origin: str, kind: str, single: bool
) -> Iterator[Item]:
    count = 0
    while True:
        pos = _skip_ws(text, pos)
        line = text.count("\n", 0, pos) + 1
        if not single:
            if pos < len(text) and text[pos] == "]":
                if count == 0:
                    yield problems.problem(origin, problems.EMPTY, "empty JSON list")
                return
            if count:
                if pos >= len(text) or text[pos] != ",":
                    yield problems.problem(
                        f"{origin}:{line}", problems.BAD_JSON, "not valid JSON: expected ',' or ']'"
                    )
                    return
                pos = _skip_ws(text, pos + 1)
                line = text.count("\n", 0, pos) + 1
        item_origin = f"{origin}:{line}"
        try:
            value, end = decoder.raw_decode(text, pos)
        except (json.JSONDecodeError, RecursionError) as exc:
            # Past a syntax error the positions of later items are unknown: stop here.
            msg = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            yield problems.problem(item_origin, problems.BAD_JSON, f"not valid JSON: {msg}")
            return
        count += 1
        if isinstance(value, dict):
            yield fields_to_report(
                value,
                original=text[pos:end].encode(codec),
                media_type="application/json",
                origin=item_origin,
                kind=kind,
            )
        else:
            yield problems.problem(
                item_origin, problems.NOT_OBJECT, f"expected a JSON object, got {type(value).__name__}"
            )
        pos = end
        if single:
            if _skip_ws(text, pos) < len(text):
                line = text.count("\n", 0, _skip_ws(text, pos)) + 1
                yield problems.problem(
                    f"{origin}:{line}", problems.BAD_JSON, "extra data after the JSON value"
                )
            return
