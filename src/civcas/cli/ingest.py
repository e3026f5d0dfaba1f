"""`civcas ingest`: store reports, extract their facts and link them into incidents."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from civcas.cli.common import cli_actor, console, database, err_console, friendly_errors
from civcas.config import get_settings
from civcas.ingest.readers import read_inputs
from civcas.link.rule import RuleLinker
from civcas.model.report import IngestProblem
from civcas.services.processing import process_incoming


def ingest(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders or http(s) URLs: text, HTML, RSS/Atom, JSONL, CSV.")
    ],
    kind: Annotated[
        str,
        typer.Option(help="allegation (a report of harm) or strike_release (a belligerent's own release)."),
    ] = "allegation",
    user: Annotated[str | None, typer.Option("--user", "-u", help="Act as this user (audit log).")] = None,
) -> None:
    """Ingest reports: keep each original unchanged and hashed, extract its facts, link it to an incident.

    Ingesting the same content twice stores nothing new and says so. Inputs that cannot be
    read are reported with their file and line; the rest of the batch goes on.

    Example: civcas ingest examples/ https://example.org/feed.xml reports.jsonl
    """
    if kind not in ("allegation", "strike_release"):
        err_console.print(f"[red]error:[/red] unknown kind {kind!r}; valid: allegation, strike_release")
        raise typer.Exit(2)
    db = database()
    actor = cli_actor(db, user)
    settings = get_settings()
    linker = RuleLinker(max_days=settings.link_days, max_km=settings.link_km)
    added = same = problems = 0
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with friendly_errors(), Progress(*columns, console=err_console, transient=True) as progress:
        task = progress.add_task("ingesting", total=None)
        for item in read_inputs(inputs, settings=settings, kind=kind):
            if isinstance(item, IngestProblem):
                problems += 1
                err_console.print(f"[yellow]skipped[/yellow] {item.origin}: {item.message} [{item.code}]")
                continue
            # One transaction per report: a crash loses at most the report in hand.
            with db.write() as session:
                outcome = process_incoming(session, item, actor, linker)
            if outcome.created:
                added += 1
                where = f"incident {outcome.incident_id}" if outcome.incident_id else "no incident found"
                progress.console.print(
                    f"[green]added[/green] {item.origin} → source {outcome.source_id}, {where}"
                )
            else:
                same += 1
                progress.console.print(
                    f"[dim]already stored[/dim] {item.origin} (source {outcome.source_id})"
                )
            progress.advance(task)
    console.print(f"{added} added, {same} already stored, {problems} could not be read")
    if problems and not added and not same:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(ingest)
