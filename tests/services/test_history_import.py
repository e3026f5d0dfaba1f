"""Importing an existing archive (Airwars' layout): incidents, gradings and belligerents' verdicts."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from civcas.services.accountability import belligerent_records
from civcas.services.actor import SYSTEM
from civcas.services.history_import import ImportStats, import_record, read_records
from civcas.services.incidents import IncidentFilter, list_incidents
from civcas.services.verdicts import incident_verdicts
from civcas.store.database import Database
from tests.e2e_helpers import Installation

ARCHIVE = Path(__file__).resolve().parents[1] / "fixtures" / "archive-incidents.jsonl"


def _import(db: Database, path: Path) -> ImportStats:
    stats = ImportStats()
    for _n, record, problem in read_records(path):
        if problem:
            stats.problems.append(problem)
            continue
        assert record is not None
        with db.write() as s:
            import_record(s, record, SYSTEM, stats)
    return stats


def test_archive_import_keeps_grades_figures_and_verdicts(db: Database) -> None:
    stats = _import(db, ARCHIVE)
    assert (stats.imported, stats.verdicts, len(stats.problems)) == (3, 2, 1)
    assert "archive-incidents.jsonl:4" in stats.problems[0]
    with db.read() as s:
        rows = {r.place: r for r in list_incidents(s, SYSTEM, IncidentFilter())}
        tabqa = rows["Tabqa"]
        assert (tabqa.grade, tabqa.strike_status, tabqa.state) == ("Fair", "Likely strike", "published")
        assert tabqa.belligerent == "US-led Coalition"
        assert tabqa.civilians_killed and (tabqa.civilians_killed.min, tabqa.civilians_killed.max) == (3, 7)
        assert rows["Raqqa"].belligerent == "US-led Coalition, Russian Military"
        raqqa = incident_verdicts(s, rows["Raqqa"].id)
        assert [(v.belligerent, v.verdict, v.deaths_conceded_min, v.deaths_conceded_max) for v in raqqa] == [
            ("US-led Coalition", "credible", 2, 4)
        ]
        assert incident_verdicts(s, tabqa.id)[0].reasons == ["no_strikes_in_area"]
        records = {r.belligerent: r for r in belligerent_records(s, SYSTEM, today=dt.date(2020, 1, 1))}
    coalition, russia = records["US-led Coalition"], records["Russian Military"]
    assert (coalition.allegations, coalition.assessed, coalition.credible, coalition.non_credible) == (
        2,
        2,
        1,
        1,
    )
    assert (russia.allegations, russia.open, russia.longest_wait_days) == (2, 2, 943)


def test_importing_twice_adds_nothing(db: Database) -> None:
    _import(db, ARCHIVE)
    again = _import(db, ARCHIVE)
    assert (again.imported, again.already) == (0, 3)


def test_import_through_the_cli(installation: Installation) -> None:
    out = installation.cli("import", "airwars-incidents", str(ARCHIVE)).output
    assert "3 incidents imported (2 belligerent verdicts)" in out and "1 could not be read" in out
    listed = json.loads(installation.cli("incidents", "--json").output)
    assert {r["place"] for r in listed} == {"Tabqa", "Raqqa", "Kafr Nabl"}
    record = {r["belligerent"]: r for r in json.loads(installation.cli("accountability", "--json").output)}
    assert record["US-led Coalition"]["credible"] == 1
    missing = installation.cli("import", "airwars-incidents", "no-such-file.jsonl", ok=False)
    assert missing.exit_code == 1 and "no such file" in missing.output
