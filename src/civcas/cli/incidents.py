"""Incident commands: list, show, assess and export; merge, split and re-link (`civcas incidents ...`)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.table import Table

from civcas.cli.common import cli_actor, console, database, fail, friendly_errors, iso_day, quiet_splink
from civcas.config import get_settings
from civcas.model.extraction import CountRange
from civcas.model.vocabulary import Role
from civcas.publish.export import FORMATS
from civcas.services.assessments import assess as assess_incident
from civcas.services.exports import EXPORT_LIMIT, ExportTally, audit_restricted_export, export_incidents
from civcas.services.incident_edits import merge_incidents, split_incident
from civcas.services.incidents import IncidentFilter, get_incident, list_incidents
from civcas.services.linking import linker_at, reindex, relink
from civcas.services.relinking import relink_batch


def _count(value: CountRange | None) -> str:
    if value is None:
        return "–"
    return str(value.min) if value.min == value.max else f"{value.min}–{value.max}"


incidents_app = typer.Typer(invoke_without_command=True, no_args_is_help=False)


@incidents_app.callback()
def incidents(
    ctx: typer.Context,
    state: Annotated[str | None, typer.Option(help="Only incidents in this state.")] = None,
    belligerent: Annotated[
        str | None, typer.Option(help="Only incidents attributed to this belligerent.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List incidents, newest first; merge, split or re-link them with the commands below.

    Example: civcas incidents --state new --limit 20
    """
    if ctx.invoked_subcommand is not None:
        return
    db = database()
    actor = cli_actor(db, None)
    with db.read() as session:
        rows = list_incidents(
            session, actor, IncidentFilter(state=state, belligerent=belligerent, limit=limit)
        )
    if as_json:
        console.print_json(json.dumps([r.model_dump(mode="json") for r in rows]))
        return
    table = Table("id", "date", "place", "belligerent", "civilians killed", "state", "grade", "sources")
    for r in rows:
        where = ", ".join(p for p in (r.place, r.admin1) if p)
        table.add_row(
            str(r.id),
            str(r.date or "–"),
            where or "–",
            r.belligerent or "–",
            _count(r.civilians_killed),
            r.state,
            r.grade or "–",
            str(r.source_count),
        )
    console.print(table)


def show(incident_id: Annotated[int, typer.Argument(help="Incident id.")]) -> None:
    """Show one incident with its sources, statements and evidence, as JSON.

    Example: civcas show 1
    """
    db = database()
    with friendly_errors(), db.read() as session:
        detail = get_incident(session, cli_actor(db, None), incident_id)
    console.print_json(detail.model_dump_json(exclude={"sources": {"__all__": {"text", "extraction"}}}))


def assess(
    incident_id: Annotated[int, typer.Argument(help="Incident id.")],
    state: Annotated[
        str | None, typer.Option(help="new, triaged, under_assessment, assessed, published, reopened.")
    ] = None,
    grade: Annotated[str | None, typer.Option(help="Confirmed, Fair, Weak, Contested or Discounted.")] = None,
    strike_status: Annotated[
        str | None,
        typer.Option(help="Declared strike, Likely strike, Contested strike, Single source claim."),
    ] = None,
    note: Annotated[str, typer.Option(help="Why: kept with the assessment and in the audit log.")] = "",
    user: Annotated[str | None, typer.Option("--user", "-u", help="Act as this user.")] = None,
) -> None:
    """Assess an incident: move its state, grade it, set its strike status.

    Example: civcas assess 1 --state under_assessment --grade Fair --strike-status "Declared strike" --note "two sources"
    """
    db = database()
    actor = cli_actor(db, user)
    with friendly_errors(), db.write() as session:
        view = assess_incident(
            session, incident_id, actor, state=state, grade=grade, strike_status=strike_status, note=note
        )
    console.print(
        f"incident {incident_id}: state {view.state}, grade {view.grade or '–'}, "
        f"strike status {view.strike_status or '–'} (assessment {view.id})"
    )


def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")] = "csv",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write; default stdout.")
    ] = None,
    state: Annotated[str | None, typer.Option(help="Only incidents in this state, e.g. published.")] = None,
    belligerent: Annotated[
        str | None, typer.Option(help="Only incidents attributed to this belligerent.")
    ] = None,
    date_from: Annotated[
        str | None, typer.Option(help="Only incidents on or after this date (2017-05-01).")
    ] = None,
    date_to: Annotated[str | None, typer.Option(help="Only incidents on or before this date.")] = None,
) -> None:
    """Export incidents as CSV, GeoJSON, JSON, or CSV in ACLED's event-data columns (--format acled).

    Example: civcas export --format acled --state published --output civcas-acled.csv
    """
    db = database()
    tally = ExportTally()
    with friendly_errors():
        flt = IncidentFilter(
            state=state,
            belligerent=belligerent,
            date_from=iso_day(date_from),
            date_to=iso_day(date_to),
            limit=EXPORT_LIMIT,
        )
        actor = cli_actor(db, None)
        # Written page by page as it is read (one read transaction): flat memory for any archive.
        with db.read() as session, _opened(output) as out:
            for piece in export_incidents(session, actor, flt, fmt, tally):
                out.write(piece)
    if tally.restricted:
        with db.write() as session:
            audit_restricted_export(session, actor, tally, fmt, flt)
    if output is not None:
        console.print(f"{tally.count} incident{'' if tally.count == 1 else 's'} → {output}")


@contextmanager
def _opened(output: Path | None) -> Iterator[TextIO]:
    """The file to write, or standard output."""
    if output is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    with output.open("w", encoding="utf-8") as fh:
        yield fh


User = Annotated[str | None, typer.Option("--user", "-u", help="Act as this user.")]
Note = Annotated[str, typer.Option(help="Why: kept in the audit log.")]


@incidents_app.command("merge")
def merge(
    keep: Annotated[int, typer.Argument(help="The incident kept.")],
    other: Annotated[int, typer.Argument(help="The incident merged into it; its id then redirects.")],
    note: Note = "",
    user: User = None,
) -> None:
    """Merge incident OTHER into KEEP; automatic linking never separates them again.

    Example: civcas incidents merge 12 15 --note "same strike, two dates reported"
    """
    db = database()
    actor = cli_actor(db, user)
    with friendly_errors(), db.write() as session:
        done = merge_incidents(session, keep, other, actor, note=note)
    console.print(
        f"incident {done.merged_id} merged into {done.incident_id} ({len(done.reports)} reports moved)"
    )


@incidents_app.command("split")
def split(
    incident_id: Annotated[int, typer.Argument(help="The incident to split.")],
    reports: Annotated[str, typer.Option(help="Report ids moved to a new incident, comma-separated.")],
    note: Note = "",
    user: User = None,
) -> None:
    """Move reports of an incident into a new incident; automatic linking never rejoins them.

    Example: civcas incidents split 12 --reports 31,32 --note "a second strike the same night"
    """
    try:
        ids = [int(r) for r in reports.split(",") if r.strip()]
    except ValueError:
        fail(f"--reports takes report ids separated by commas, not {reports!r}")
    db = database()
    actor = cli_actor(db, user)
    with friendly_errors(), db.write() as session:
        done = split_incident(session, incident_id, ids, actor, note=note)
    console.print(
        f"reports {', '.join(map(str, done.reports))} split off into incident {done.new_incident_id}"
    )


@incidents_app.command("relink")
def relink_command(
    one_by_one: Annotated[
        bool,
        typer.Option(
            "--one-by-one",
            help="Re-score each report against the incidents as ingest does, instead of linking them all "
            "again as one batch.",
        ),
    ] = False,
    user: User = None,
) -> None:
    """Link the automatically placed reports again, all together (after many have come in, a model was
    retrained or the threshold changed).

    Reports of incidents an analyst merged, split or began to assess stay where they are, and none is
    moved into them. Every move is in the audit log.

    Example: civcas incidents relink
    """
    db = database()
    actor = cli_actor(db, user)
    threshold = get_settings().link_threshold
    with friendly_errors(), db.write() as session:
        reindexed = reindex(session, actor) if actor.can(Role.ADMIN) else 0
        if one_by_one:
            done = relink(session, actor, linker_at(threshold))
        else:
            quiet_splink()
            done = relink_batch(session, actor, threshold=threshold)
    for source, old, new in done.moved:
        console.print(f"report {source}: incident {old} → {new}")
    console.print(f"{done.checked} reports checked, {len(done.moved)} moved, {reindexed} indexed")


def register(app: typer.Typer) -> None:
    app.add_typer(incidents_app, name="incidents")
    for command in (show, assess, export):
        app.command()(command)
