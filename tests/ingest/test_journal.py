"""`civcas ingest --resume`: the progress journal is trusted only as far as the database agrees."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from civcas.ingest.journal import Journal
from tests.e2e_helpers import Installation

ROWS = [
    json.dumps(
        {"id": f"j{i}", "language": "en", "text": f"Shelling on 2 May 2017 killed {i} civilians in Idlib."}
    )
    for i in range(1, 6)
]


def _batch(tmp_path: Path, rows: list[str], name: str = "batch.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _stopped_after(
    installation: Installation, batch: Path, done: int, *, stored: int | None = None
) -> Journal:
    """A journal as a run killed after `done` rows leaves it; `stored` rows really committed."""
    stored = done if stored is None else stored
    if stored:
        installation.cli("ingest", str(_batch(batch.parent, ROWS[:stored], "first.jsonl")))
    journal = Journal.start(installation.data_dir, [str(batch)], "allegation")
    for i in range(done):
        journal.done(0, f"{batch}:{i + 1}", hashlib.sha256(ROWS[i].encode()).hexdigest(), "added")
    journal.close()
    return journal


def test_resume_skips_what_the_journal_records(installation: Installation, tmp_path: Path) -> None:
    batch = _batch(tmp_path, ROWS)
    journal = _stopped_after(installation, batch, 2)
    result = installation.cli("ingest", str(batch), "--resume")
    assert (
        "3 added, 0 already stored, 0 could not be read; 2 done by an earlier run, skipped" in result.output
    )
    assert not journal.path.exists()  # a finished run leaves no journal behind


def test_a_journal_ahead_of_the_database_is_not_trusted(installation: Installation, tmp_path: Path) -> None:
    batch = _batch(tmp_path, ROWS)
    _stopped_after(installation, batch, 3, stored=2)  # e.g. a database restored from an older backup
    result = installation.cli("ingest", str(batch), "--resume")
    assert "journal does not match the database" in result.output
    assert "3 added, 2 already stored" in result.output


def test_a_line_cut_off_by_a_crash_is_ignored(installation: Installation, tmp_path: Path) -> None:
    batch = _batch(tmp_path, ROWS)
    journal = _stopped_after(installation, batch, 2)
    with journal.path.open("a", encoding="utf-8") as f:
        f.write('\n{"i": 0, "n": 3, "o": "')
    result = installation.cli("ingest", str(batch), "--resume")
    assert "3 added, 0 already stored, 0 could not be read; 2 done by an earlier run" in result.output


def test_an_edited_input_is_read_again(installation: Installation, tmp_path: Path) -> None:
    batch = _batch(tmp_path, ROWS)
    _stopped_after(installation, batch, 2)
    _batch(tmp_path, ["", *ROWS])  # a blank first line: every row moved down one line
    result = installation.cli("ingest", str(batch), "--resume")
    assert "changed since the stopped run" in result.output
    assert "3 added, 2 already stored" in result.output


def test_without_resume_a_rerun_stores_nothing_twice(installation: Installation, tmp_path: Path) -> None:
    batch = _batch(tmp_path, ROWS)
    installation.cli("ingest", str(batch))
    result = installation.cli("ingest", str(batch))
    assert "0 added, 5 already stored" in result.output
