"""The Typer application; each command group lives in its own module."""

from __future__ import annotations

import typer

from civcas.cli import (
    admin,
    assessment,
    backup,
    evaluate,
    extract,
    incidents,
    ingest,
    link,
    report,
    serve,
    timeline,
)

app = typer.Typer(
    name="civcas",
    help="civcas: ingest reports of civilian harm, extract their facts, link them into incidents, "
    "assess and publish them.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)

for module in (
    ingest,
    extract,
    evaluate,
    link,
    incidents,
    timeline,
    assessment,
    report,
    admin,
    backup,
    serve,
):
    module.register(app)


def main() -> None:
    app()
