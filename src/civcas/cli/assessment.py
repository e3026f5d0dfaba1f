"""Four-eyes review, belligerents' verdicts, commitments, and importing an existing archive."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress
from rich.table import Table

from civcas.cli.common import cli_actor, console, database, err_console, fail, friendly_errors
from civcas.services import assessments, verdicts
from civcas.services.accountability import belligerent_records
from civcas.services.commitments import list_commitments
from civcas.services.history_import import ImportStats, check_readable, import_record, read_records

import_app = typer.Typer(help="Import an existing archive of assessed incidents.", no_args_is_help=True)
UserOpt = Annotated[
    str | None, typer.Option("--user", "-u", help="Act as this user (needed for four-eyes review).")
]


def propose(
    incident_id: Annotated[int, typer.Argument(help="Incident id.")],
    grade: Annotated[str, typer.Option(help="Confirmed, Fair, Weak, Contested or Discounted.")],
    strike_status: Annotated[str | None, typer.Option(help="Declared strike, Likely strike, ...")] = None,
    note: Annotated[str, typer.Option(help="Why.")] = "",
    user: UserOpt = None,
) -> None:
    """Propose an assessment for review; another user with the reviewer role must approve it.

    Example: civcas propose 1 --grade Fair --strike-status "Declared strike" --note "two sources" --user ana
    """
    db = database()
    with friendly_errors(), db.write() as session:
        v = assessments.propose(
            session, incident_id, cli_actor(db, user), grade=grade, strike_status=strike_status, note=note
        )
    console.print(f"assessment {v.id} proposed for incident {incident_id}: {v.grade}; waiting for review")


def review(
    assessment_id: Annotated[int, typer.Argument(help="The proposed assessment's id.")],
    approve: Annotated[bool, typer.Option("--approve/--reject", help="Approve (publish) or reject.")] = True,
    note: Annotated[str, typer.Option(help="Why; required to reject.")] = "",
    user: UserOpt = None,
) -> None:
    """Approve (publishing the incident) or reject a proposed assessment; not by its proposer.

    Example: civcas review 3 --approve --user sara
    """
    db = database()
    actor = cli_actor(db, user)
    if user is None:
        fail("reviewing needs --user: the four-eyes rule checks who approves")
    with friendly_errors(), db.write() as session:
        v = assessments.review(session, assessment_id, actor, approve=approve, note=note)
    console.print(f"assessment {v.id} {v.status}")


def verdict(
    incident_id: Annotated[int, typer.Argument(help="Incident id.")],
    belligerent: Annotated[str, typer.Option(help="Who gave the verdict, e.g. 'US-led Coalition'.")],
    value: Annotated[str, typer.Option("--verdict", help="credible, non_credible, duplicate or open.")],
    reason: Annotated[
        list[str] | None, typer.Option(help="A reason (repeatable), e.g. no_strikes_in_area.")
    ] = None,
    deaths: Annotated[str | None, typer.Option(help="Civilian deaths conceded, 'min-max' or 'n'.")] = None,
    decided_on: Annotated[str | None, typer.Option(help="Date of the verdict, YYYY-MM-DD.")] = None,
    published_in: Annotated[str, typer.Option(help="Where the belligerent published it.")] = "",
    user: UserOpt = None,
) -> None:
    """Record a belligerent's own verdict on an incident; a final verdict answers its open promises.

    Example: civcas verdict 1 --belligerent "US-led Coalition" --verdict non_credible --reason insufficient_information
    """
    lo = hi = None
    if deaths:
        parts = deaths.split("-", 1)
        if not all(p.strip().isdigit() for p in parts):
            fail(f"--deaths must be 'n' or 'min-max', not {deaths!r}")
        lo, hi = int(parts[0]), int(parts[-1])
    try:
        day = dt.date.fromisoformat(decided_on) if decided_on else None
    except ValueError:
        fail(f"--decided-on must be YYYY-MM-DD, not {decided_on!r}")
    db = database()
    with friendly_errors(), db.write() as session:
        v = verdicts.record_verdict(
            session,
            incident_id,
            cli_actor(db, user),
            belligerent=belligerent,
            verdict=value,
            reasons=reason or [],
            deaths_conceded=(lo, hi),
            decided_on=day,
            published_in=published_in,
        )
    console.print(f"verdict {v.id}: {v.belligerent} found incident {incident_id} {v.verdict}")


def commitments(
    status: Annotated[str, typer.Option(help="open, answered or all.")] = "open",
    party: Annotated[str | None, typer.Option(help="Only this belligerent's promises.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List belligerents' promises about incidents ("will investigate"), oldest first.

    Example: civcas commitments --party "US-led Coalition"
    """
    db = database()
    with db.read() as session:
        rows = list_commitments(
            session, cli_actor(db, None), status=None if status == "all" else status, party=party
        )
    table = Table("incident", "party", "kind", "made on", "age (days)", "status", "what they said")
    for c in rows:
        table.add_row(
            str(c.incident_id),
            c.party,
            c.kind,
            str(c.made_on or "–"),
            str(c.age_days or "–"),
            c.status,
            c.quote[:80],
        )
    console.print(table)


def accountability(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """Per belligerent: allegations, how many it assessed, found credible, and how long the rest wait.

    Example: civcas accountability
    """
    db = database()
    with db.read() as session:
        rows = belligerent_records(session, cli_actor(db, None))
    if as_json:
        console.print_json(json.dumps([r.model_dump(mode="json") for r in rows]))
        return
    table = Table(
        "belligerent",
        "allegations",
        "assessed",
        "credible",
        "non-credible",
        "days to verdict (median)",
        "open",
        "median wait (days)",
        "open promises",
    )
    for r in rows:
        table.add_row(
            r.belligerent,
            str(r.allegations),
            str(r.assessed),
            str(r.credible),
            str(r.non_credible),
            str(r.median_days_to_verdict if r.median_days_to_verdict is not None else "–"),
            str(r.open),
            str(r.median_wait_days if r.median_wait_days is not None else "–"),
            str(r.open_commitments),
        )
    console.print(table)


@import_app.command("airwars-incidents")
def import_airwars(
    path: Annotated[
        Path, typer.Argument(metavar="FILE.jsonl", help="Incident records with a 'gold' object.")
    ],
    user: UserOpt = None,
) -> None:
    """Import assessed incidents (gradings, belligerents' verdicts) from an Airwars-style archive.

    Example: civcas import airwars-incidents archive/syria-incidents.jsonl
    """
    with friendly_errors():
        check_readable(path)
    db = database()
    actor = cli_actor(db, user)
    stats = ImportStats()
    with Progress(console=err_console, transient=True) as progress:
        task = progress.add_task("importing", total=None)
        for _line, record, problem in read_records(path):
            stats.read += 1
            if problem:
                stats.problems.append(problem)
                err_console.print(f"[yellow]skipped[/yellow] {problem}")
                continue
            assert record is not None
            with friendly_errors(), db.write() as session:
                import_record(session, record, actor, stats)
            progress.advance(task)
    console.print(
        f"{stats.imported} incidents imported ({stats.verdicts} belligerent verdicts), "
        f"{stats.already} already there, {len(stats.problems)} could not be read"
    )


def register(app: typer.Typer) -> None:
    for command in (propose, review, verdict, commitments, accountability):
        app.command()(command)
    app.add_typer(import_app, name="import")
