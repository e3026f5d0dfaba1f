"""`civcas ingest`: store reports, extract their facts and link them into incidents."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
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
from civcas.config import Settings, get_settings
from civcas.ingest.journal import InputProgress, Journal
from civcas.ingest.readers import read_inputs
from civcas.model.report import IncomingReport, IngestProblem
from civcas.services.ingestion import is_stored
from civcas.services.linking import linker_at
from civcas.services.processing import process_incoming
from civcas.store.database import Database

Item = IncomingReport | IngestProblem


def ingest(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders or http(s) URLs: text, HTML, RSS/Atom, JSONL, CSV.")
    ],
    kind: Annotated[
        str,
        typer.Option(help="allegation (a report of harm) or strike_release (a belligerent's own release)."),
    ] = "allegation",
    user: Annotated[str | None, typer.Option("--user", "-u", help="Act as this user (audit log).")] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Continue a stopped run of the same inputs from its journal, skipping what it finished. "
            "Without --resume a re-run is just as safe, only slower: every report is checked by its hash "
            "and nothing is stored twice.",
        ),
    ] = False,
) -> None:
    """Ingest reports: keep each original unchanged and hashed, extract its facts, link it to an incident.

    Ingesting the same content twice stores nothing new and says so. Inputs that cannot be
    read are reported with their file and line; the rest of the batch goes on. Each report
    is committed on its own, and a journal in the data folder records the progress, so a
    run that was stopped (killed, crashed, power cut) can go on with --resume.

    Example: civcas ingest examples/ https://example.org/feed.xml reports.jsonl --resume
    """
    if kind not in ("allegation", "strike_release"):
        err_console.print(f"[red]error:[/red] unknown kind {kind!r}; valid: allegation, strike_release")
        raise typer.Exit(2)
    db = database()
    actor = cli_actor(db, user)
    settings = get_settings()
    linker = linker_at(settings.link_threshold)
    journal = Journal.resume(settings.data_dir, inputs, kind) if resume else None
    if resume and journal is None:
        err_console.print("no journal of an earlier run of these inputs: starting from the beginning")
    journal = journal or Journal.start(settings.data_dir, inputs, kind)
    added = same = problems = resumed = 0
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with friendly_errors(), Progress(*columns, console=err_console, transient=True) as progress:
        task = progress.add_task("ingesting", total=None)
        for index, value in enumerate(inputs):
            before = journal.inputs[index]
            if before.complete:
                resumed += before.items
                progress.console.print(f"[dim]done before[/dim] {value}")
                continue
            handled = 0
            for item in _remaining(db, journal, index, value, settings, kind):
                handled += 1
                if isinstance(item, IngestProblem):
                    problems += 1
                    err_console.print(f"[yellow]skipped[/yellow] {item.origin}: {item.message} [{item.code}]")
                    journal.done(index, item.origin, None, "problems")
                    continue
                # One transaction per report: a crash loses at most the report in hand. A report
                # another writer stores at the same moment is found on the retry: "already stored".
                outcome = db.write_retrying(partial(process_incoming, report=item, by=actor, linker=linker))
                journal.done(index, item.origin, item.sha256, "added" if outcome.created else "same")
                if outcome.created:
                    added += 1
                    where = (
                        f"incident {outcome.incident_id}"
                        if outcome.incident_id
                        else "strike release, matched to allegations on their pages"
                        if outcome.kind == "strike_release"
                        else "no incident found"
                    )
                    progress.console.print(
                        f"[green]added[/green] {item.origin} → source {outcome.source_id}, {where}"
                    )
                else:
                    same += 1
                    progress.console.print(
                        f"[dim]already stored[/dim] {item.origin} (source {outcome.source_id})"
                    )
                progress.advance(task)
            resumed += journal.inputs[index].items - handled
            journal.finish_input(index)
    journal.remove()
    summary = f"{added} added, {same} already stored, {problems} could not be read"
    console.print(summary + (f"; {resumed} done by an earlier run, skipped" if resume and resumed else ""))
    if problems and not added and not same and not resumed:
        raise typer.Exit(1)


def _remaining(
    db: Database, journal: Journal, index: int, value: str, settings: Settings, kind: str
) -> Iterator[Item]:
    """The items of one input that its journal does not record as done.

    The journal's count is trusted only if the item it ends on still has the origin it
    recorded and its report is in the database; otherwise the input is read from its start.
    """
    progress = journal.inputs[index]
    skip = progress.items
    if skip and not _journal_matches_database(db, progress):
        err_console.print(
            f"[yellow]journal does not match the database[/yellow] for {value}: reading it again"
        )
        journal.restart_input(index)
        skip = 0
    items = read_inputs([value], settings=settings, kind=kind)
    for position, item in enumerate(items):
        if position >= skip:
            yield item
        elif position == skip - 1 and item.origin != progress.last_origin:
            err_console.print(f"[yellow]{value} changed since the stopped run[/yellow]: reading it again")
            journal.restart_input(index)
            yield from read_inputs([value], settings=settings, kind=kind)
            return


def _journal_matches_database(db: Database, progress: InputProgress) -> bool:
    if progress.last_sha256 is None:
        return True  # the last item was an unreadable row: nothing to look for
    with db.read() as session:
        return is_stored(session, progress.last_sha256)


def register(app: typer.Typer) -> None:
    app.command()(ingest)
