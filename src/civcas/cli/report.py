"""The monthly report command: HTML and PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from civcas.cli.common import cli_actor, console, database, fail, friendly_errors
from civcas.publish.report import render_html, render_pdf
from civcas.services.actor import ANONYMOUS
from civcas.services.monthly import monthly_report, parse_month


def report(
    month: Annotated[str, typer.Option("--month", "-m", help="The month, as YYYY-MM.")],
    output_dir: Annotated[
        Path, typer.Option("--output-dir", "-o", help="Folder for civcas-YYYY-MM.html and .pdf.")
    ] = Path("."),
    pdf: Annotated[bool, typer.Option("--pdf/--no-pdf", help="Also write the PDF (WeasyPrint).")] = True,
    draft: Annotated[
        bool,
        typer.Option(
            "--draft", help="Include incidents not yet published (an internal draft, not for release)."
        ),
    ] = False,
) -> None:
    """Write the monthly report: key figures, a map, the toll by belligerent and grade, the
    belligerents' verdicts of the month and the incident list, as HTML and PDF.

    Example: civcas report --month 2017-05 --output-dir reports/
    """
    with friendly_errors():
        parse_month(month)
    db = database()
    actor = cli_actor(db, None) if draft else ANONYMOUS
    with friendly_errors(), db.read() as session:
        data = monthly_report(session, actor, month)
    html = render_html(data)
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"cannot create {output_dir}: {exc.strerror}")
    base = output_dir / f"civcas-{month}{'-draft' if draft else ''}"
    base.with_suffix(".html").write_text(html, encoding="utf-8")
    written = [base.with_suffix(".html")]
    if pdf:
        with friendly_errors():
            base.with_suffix(".pdf").write_bytes(render_pdf(html))
        written.append(base.with_suffix(".pdf"))
    n = len(data.incidents)
    noun = "incident" if n == 1 else "incidents"
    console.print(f"{data.title}: {n} {noun} → " + ", ".join(str(p) for p in written))


def register(app: typer.Typer) -> None:
    app.command()(report)
