"""`civcas extract`: extract facts from a JSONL file of reports, without touching the database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from civcas.cli.common import console, fail


def extract(
    input_path: Annotated[
        Path,
        typer.Argument(
            metavar="INPUT.jsonl", help="One report per line: id, text, optional published, language."
        ),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write one extraction per line.")],
    workers: Annotated[int, typer.Option(min=1, help="Processes to use.")] = 1,
    progress: Annotated[bool, typer.Option(help="Show a progress bar.")] = True,
) -> None:
    """Extract the facts of each report (date, place, belligerent, casualties, statements, evidence, spans).

    Writes one JSON line per input line, in input order, as described in docs/extraction-output.md.

    Example: civcas extract reports.jsonl --output extracted.jsonl --workers 2
    """
    from civcas.extract.files import extract_file

    if not input_path.is_file():
        fail(f"{input_path}: no such file")
    stats = extract_file(input_path, output, workers=workers, progress=progress)
    console.print(f"{stats.records} records → {output} ({stats.errors} could not be read)", highlight=False)


def register(app: typer.Typer) -> None:
    app.command()(extract)
