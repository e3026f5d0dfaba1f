"""`civcas timeline` over the bundled examples: a table, CSV and JSON with the same periods."""

from __future__ import annotations

import csv
import io
import json

from tests.e2e_helpers import EXAMPLES, Installation


def test_timeline_as_table_csv_and_json(installation: Installation) -> None:
    installation.cli("init", "--admin-password", "correct horse battery")
    installation.cli("ingest", str(EXAMPLES))
    as_json = json.loads(installation.cli("timeline", "--unit", "month", "--format", "json").output)
    assert as_json["unit"] == "month"
    counted = [p for p in as_json["periods"] if p["incidents"]]
    assert sum(p["incidents"] for p in counted) + as_json["undated_incidents"] == as_json["incidents"] >= 3
    may = next(p for p in counted if p["label"] == "2017-05")  # the Mayadin strike
    assert may["civilians_killed_min"] >= 12 and may["start"] == "2017-05-01" and may["end"] == "2017-05-31"

    rows = list(
        csv.DictReader(io.StringIO(installation.cli("timeline", "--unit", "month", "-f", "csv").output))
    )
    assert [r["start"] for r in rows] == [p["start"] for p in as_json["periods"]]
    assert {r["start"]: int(r["incidents"]) for r in rows} == {
        p["start"]: p["incidents"] for p in as_json["periods"]
    }

    coalition = installation.cli(
        "timeline",
        "--belligerent",
        "US-led Coalition",
        "--date-from",
        "2017-05-01",
        "--date-to",
        "2017-05-31",
    ).output
    assert "2017-05-13" in coalition and "█" in coalition  # by day: a month fits in days

    bad = installation.cli("timeline", "--unit", "fortnight", ok=False)
    assert bad.exit_code != 0 and "unknown unit 'fortnight'" in bad.output
    bad = installation.cli("timeline", "--date-from", "May 2017", ok=False)
    assert bad.exit_code != 0 and "not a date" in bad.output
