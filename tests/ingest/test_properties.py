"""Property tests: whatever bytes a file holds, reading it never raises."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from civcas.config import Settings
from civcas.ingest.readers import read_inputs
from civcas.model.report import IncomingReport, IngestProblem

SETTINGS = Settings(fetch_timeout_s=1.0, fetch_max_bytes=50_000)
EXTENSIONS = [".jsonl", ".csv", ".txt", ".json", ".html", ".xml", ""]

# Bytes that look a little like the real thing find more paths than pure noise.
structured_text = st.lists(
    st.one_of(
        st.text(max_size=40),
        st.sampled_from(['{"text": "', '"}', "\n", ",", '"', "text,published\n", "<html>", "<rss>", "\r\n"]),
        st.sampled_from(["غارة", "Clashes in Deir ez-Zor", "2017-05-13", "\ufeff", "\x00", "\u2028"]),
    ),
    max_size=30,
).map("".join)

any_bytes = st.one_of(
    st.binary(max_size=2000),
    structured_text.map(lambda s: s.encode("utf-8")),
    structured_text.map(lambda s: s.encode("utf-16")),
    structured_text.map(lambda s: s.encode("cp1256", errors="ignore")),
)


def _read(data: bytes, suffix: str) -> list[IncomingReport | IngestProblem]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        return list(read_inputs([str(path)], settings=SETTINGS))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=any_bytes, suffix=st.sampled_from(EXTENSIONS))
def test_reading_any_bytes_never_raises(data: bytes, suffix: str) -> None:
    items = _read(data, suffix)
    assert items, "every input gives at least one report or problem"
    for item in items:
        assert isinstance(item, IncomingReport | IngestProblem)
        if isinstance(item, IngestProblem):
            # internal_error would mean a bug slipped through the safety net.
            assert item.code != "internal_error", item.message
            assert item.origin.startswith(str(Path(tempfile.gettempdir())))
        else:
            assert item.text and item.text == item.text.strip()
            assert item.language in ("en", "ar", None)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.dictionaries(
            st.sampled_from(["text", "published", "url", "id", "language", "title", "kind", "other"]),
            st.one_of(st.text(max_size=30), st.integers(), st.none(), st.booleans()),
        ),
        max_size=6,
    )
)
def test_jsonl_rows_keep_their_exact_bytes(rows: list[dict[str, object]]) -> None:
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    items = _read(("\n".join(lines) + "\n").encode(), ".jsonl")
    for item in items:
        if isinstance(item, IncomingReport):
            line = int(item.origin.rsplit(":", 1)[1])
            assert item.original == lines[line - 1].encode()
        else:
            # Generated text may be mostly control characters: rightly called binary.
            assert item.code in ("empty_text", "bad_field", "empty", "binary")


cells = st.text(
    alphabet=st.characters(blacklist_categories=["Cs", "Cc"]) | st.sampled_from('\n,"; '), max_size=20
)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(cells, cells), max_size=6))
def test_csv_rows_keep_their_exact_bytes(rows: list[tuple[str, str]]) -> None:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["text", "title"])
    starts = []
    for row in rows:
        starts.append(buf.tell())
        writer.writerow(row)
    content = buf.getvalue()
    ends = [*starts[1:], len(content)][: len(starts)]
    raw_rows = {
        content.count("\n", 0, s) + 1: content[s:e].removesuffix("\n")
        for s, e in zip(starts, ends, strict=True)
    }
    for item in _read(content.encode(), ".csv"):
        if isinstance(item, IncomingReport):
            line = int(item.origin.rsplit(":", 1)[1])
            assert item.original == raw_rows[line].encode()
        else:
            assert item.code in ("empty_text", "empty")
