"""`civcas eval`: extraction scores against a labelled file, per field and per language."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from civcas.cli.common import console, fail


def evaluate(
    gold_path: Annotated[
        Path, typer.Argument(metavar="GOLD.jsonl", help="Labelled records: id, text, gold.")
    ],
    pred: Annotated[Path | None, typer.Option(help="Extractions already made; default: extract now.")] = None,
    km: Annotated[float, typer.Option(help="How near a place must be to the gold coordinates.")] = 25.0,
    workers: Annotated[int, typer.Option(min=1, help="Processes for extraction.")] = 1,
    markdown: Annotated[bool, typer.Option(help="Print a Markdown table (for the README).")] = False,
) -> None:
    """Score the extractor on labelled records: each field's accuracy and coverage, overall and per language.

    Example: civcas eval ../shared/data/airwars-gaza-2023.dev.jsonl
    """
    from civcas.extract.evaluate import markdown_table, score
    from civcas.extract.files import extract_file

    if not gold_path.is_file():
        fail(f"{gold_path}: no such file")
    gold = [json.loads(line) for line in gold_path.open(encoding="utf-8") if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        pred_path = pred or Path(tmp) / "pred.jsonl"
        if pred is None:
            extract_file(gold_path, pred_path, workers=workers, progress=False)
        predicted = {str(p.get("id")): p for p in map(json.loads, pred_path.open(encoding="utf-8")) if p}
    report = score(gold, predicted, km=km)
    if markdown:
        typer.echo(markdown_table(report))
        return
    langs = report.languages()
    console.print(f"{report.records} scored records from {gold_path.name}", highlight=False)
    header = f"{'field':26s} {'n':>5s} {'accuracy':>9s} {'coverage':>9s}" + "".join(
        f" {lang + ' acc':>9s}" for lang in langs
    )
    console.print(header, highlight=False)
    for name in sorted(report.fields):
        per = report.fields[name]
        cells = "".join(f" {per[lang].accuracy:9.1%}" if per[lang].n else f" {'–':>9s}" for lang in langs)
        t = per["all"]
        console.print(f"{name:26s} {t.n:5d} {t.accuracy:9.1%} {t.coverage:9.1%}{cells}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("eval")(evaluate)
