"""`civcas link` and `civcas eval-link`: link a JSONL file of reports into incidents, without touching the
database, and measure linkage against labelled data."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from civcas.cli.common import console, fail, friendly_errors, quiet_splink

_ENGINES = "duckdb (default) or spark (optional extra: pip install 'civcas[spark]', Java 17)"
_SPARK_MASTER_HELP = (
    "Spark master URL for --engine spark (spark://host:7077, yarn, k8s://...; default local[2]; "
    "env CIVCAS_SPARK_MASTER). See docs/linking-at-scale.md."
)


def _use_spark_master(engine: str, spark_master: str | None) -> None:
    if spark_master is None:
        return
    if engine != "spark":
        fail("--spark-master needs --engine spark")
    # The engine reads its master from the environment, so every path to it (link, eval-link) sees it.
    os.environ["CIVCAS_SPARK_MASTER"] = spark_master


def link(
    input_path: Annotated[
        Path,
        typer.Argument(
            metavar="INPUT.jsonl", help="One report per line: id, text, optional published, language."
        ),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write one {id, cluster} line per report.")
    ],
    threshold: Annotated[
        float | None,
        typer.Option(
            help="Match weight at or above which two reports are joined (higher: fewer, surer links)."
        ),
    ] = None,
    engine: Annotated[str, typer.Option(help=f"Linkage engine: {_ENGINES}.")] = "duckdb",
    train: Annotated[
        bool,
        typer.Option(
            help="Train the model on this file (EM, no labels); --no-train uses the bundled parameters."
        ),
    ] = True,
    workers: Annotated[int, typer.Option(min=1, help="Processes for extraction.")] = 1,
    save_model: Annotated[
        Path | None,
        typer.Option(help="Write the model used (Splink JSON: m, u, prior) here, e.g. to bundle it."),
    ] = None,
    spark_master: Annotated[str | None, typer.Option(help=_SPARK_MASTER_HELP)] = None,
) -> None:
    """Link reports that tell the same incident (probabilistic record linkage with Splink).

    Writes one JSON line per input report, in input order: id, cluster, and the match weight of the
    report's strongest link (and which report it links to), so a join can be explained.

    Example: civcas link reports.jsonl --output clusters.jsonl --threshold 6
    """
    from civcas.link.files import link_file
    from civcas.link.splink_model import DEFAULT_THRESHOLD, save_params

    if not input_path.is_file():
        fail(f"{input_path}: no such file")
    _use_spark_master(engine, spark_master)
    quiet_splink()
    with friendly_errors():
        result = link_file(
            input_path,
            output,
            threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
            engine=engine,
            train=train,
            workers=workers,
        )
        if save_model is not None:
            save_params(result.model, save_model)
    console.print(
        f"{len(result.report_ids)} reports → {len(set(result.clusters))} incidents, {len(result.edges)} links "
        f"→ {output}",
        highlight=False,
    )


def eval_link(
    data: Annotated[
        Path,
        typer.Argument(
            metavar="SOURCES.jsonl",
            help="Labelled sources, e.g. ../shared/data/airwars-syria-sources.dev.jsonl.",
        ),
    ],
    threshold: Annotated[float | None, typer.Option(help="Match weight threshold to evaluate.")] = None,
    engine: Annotated[str, typer.Option(help=f"Linkage engine: {_ENGINES}.")] = "duckdb",
    sample: Annotated[
        int | None, typer.Option(help="Use whole incidents up to about this many reports.")
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help="Processes for extraction.")] = 2,
    spark_master: Annotated[str | None, typer.Option(help=_SPARK_MASTER_HELP)] = None,
    incremental: Annotated[
        bool,
        typer.Option(
            help="Also link the reports one by one in file order, as ingest does (bundled parameters)."
        ),
    ] = False,
) -> None:
    """Measure linkage on labelled sources: pairwise precision, recall, F1 and B-cubed F1, for the model
    and for a naive baseline (same date and same governorate), in the same run; with --incremental,
    also for the reports linked one by one as ingest links them.

    Only readable single-incident sources count (text_quality ok, not multi_incident); the truth is
    extra.linked_incident_ids.

    Example: civcas eval-link ../shared/data/airwars-syria-sources.dev.jsonl --threshold 4
    """
    from rich.table import Table

    from civcas.link.evaluate import evaluate_file
    from civcas.link.splink_model import DEFAULT_THRESHOLD

    if not data.is_file():
        fail(f"{data}: no such file")
    _use_spark_master(engine, spark_master)
    quiet_splink()
    with friendly_errors():
        report = evaluate_file(
            data,
            threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
            engine=engine,
            sample=sample,
            workers=workers,
            incremental=incremental,
        )
    table = Table(
        title=f"{report.reports} reports, {report.incidents} true incidents: pairwise P/R/F1, B-cubed (B³)"
    )
    for col in ("linker", "P", "R", "F1", "B³ P", "B³ R", "B³ F1", "incidents"):
        table.add_column(col, justify="left" if col == "linker" else "right")
    for name, s in report.results.items():
        table.add_row(
            name,
            *(
                f"{v:.3f}"
                for v in (s.precision, s.recall, s.f1, s.bcubed_precision, s.bcubed_recall, s.bcubed_f1)
            ),
            str(s.clusters),
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command()(link)
    app.command(name="eval-link")(eval_link)
