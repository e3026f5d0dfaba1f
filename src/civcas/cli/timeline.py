"""`civcas timeline`: incidents and civilian deaths per day, week, month or year, as a table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated

import typer
from rich.table import Table

from civcas.cli.common import cli_actor, console, database, fail, friendly_errors, iso_day
from civcas.services.incidents import IncidentFilter
from civcas.services.timeline import UNITS, Timeline, incident_timeline

FORMATS = ("table", "csv", "json")
_BAR_WIDTH = 40


def timeline(
    unit: Annotated[
        str | None, typer.Option(help=f"One of: {', '.join(UNITS)}; left out, the one that fits the span.")
    ] = None,
    state: Annotated[str | None, typer.Option(help="Only incidents in this state, e.g. published.")] = None,
    belligerent: Annotated[
        str | None, typer.Option(help="Only incidents attributed to this belligerent.")
    ] = None,
    admin1: Annotated[
        str | None, typer.Option(help="Only incidents in this governorate or province.")
    ] = None,
    grade: Annotated[str | None, typer.Option(help="Only incidents with this grade.")] = None,
    date_from: Annotated[str | None, typer.Option(help="From this day (2017-05-01).")] = None,
    date_to: Annotated[str | None, typer.Option(help="To this day.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")] = "table",
) -> None:
    """Incidents and civilians killed per period, every period included: the web app's timeline.

    Example: civcas timeline --unit month --belligerent "US-led Coalition" --format csv
    """
    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}; valid: {', '.join(FORMATS)}")
    flt = IncidentFilter(
        state=state,
        belligerent=belligerent,
        admin1=admin1,
        grade=grade,
        date_from=iso_day(date_from),
        date_to=iso_day(date_to),
    )
    db = database()
    with friendly_errors(), db.read() as session:
        found = incident_timeline(session, cli_actor(db, None), flt, unit)
    if fmt == "json":
        typer.echo(json.dumps(_as_json(found), ensure_ascii=False, indent=1))
    elif fmt == "csv":
        typer.echo(_as_csv(found), nl=False)
    else:
        _print_table(found)


def _as_json(found: Timeline) -> dict[str, object]:
    return {
        "unit": found.unit,
        "incidents": found.incidents,
        "undated_incidents": found.undated,
        "civilians_killed_min": found.killed_min,
        "civilians_killed_max": found.killed_max,
        "periods": [{**row, "start": str(row["start"]), "end": str(row["end"])} for row in found.rows()],
    }


def _as_csv(found: Timeline) -> str:
    rows = found.rows()
    grades = sorted({g for row in rows for g in row["incidents_by_grade"]})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["start", "end", "incidents", "civilians_killed_min", "civilians_killed_max", *grades])
    for row in rows:
        by_grade = row["incidents_by_grade"]
        writer.writerow(
            [
                row["start"],
                row["end"],
                row["incidents"],
                row["civilians_killed_min"],
                row["civilians_killed_max"],
                *(by_grade.get(g, 0) for g in grades),
            ]
        )
    return out.getvalue()


def _print_table(found: Timeline) -> None:
    table = Table(found.unit, "incidents", "civilians killed", "")
    peak = max((p.incidents for p in found.periods), default=0)
    for row, period in zip(found.rows(), found.periods, strict=True):
        lo, hi = row["civilians_killed_min"], row["civilians_killed_max"]
        bar = "█" * round(_BAR_WIDTH * period.incidents / peak) if peak else ""
        table.add_row(row["label"], f"{period.incidents:,}", f"{lo:,}" if lo == hi else f"{lo:,}–{hi:,}", bar)
    console.print(table)
    undated = f"; {found.undated:,} without a date, in no {found.unit}" if found.undated else ""
    console.print(
        f"{found.incidents:,} incidents{undated}. Civilians killed: lowest reported counts summed, "
        "incidents graded Discounted left out."
    )


def register(app: typer.Typer) -> None:
    app.command()(timeline)
