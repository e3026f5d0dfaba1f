"""The Spark engine runs the same model as DuckDB and gives the same incidents (Spark in local mode).

Skips with a reason where PySpark (`pip install -e '.[spark]'`) or Java is missing. Marked slow: starting
Spark and its many small jobs take a minute or two, so `make test-fast` leaves these out.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from civcas.cli import link as link_cli
from civcas.link.engine import LinkError, LinkResult, get_engine, in_dialect
from civcas.link.evaluate import score
from civcas.link.features import finish_rows
from civcas.link.spark_engine import SparkEngine, local_cores
from civcas.link.splink_model import load_params
from civcas.link.synthetic import generate
from tests.link.test_link_end_to_end import REPORTS

_WHY_NOT = (
    "PySpark is not installed (pip install -e '.[spark]')"
    if importlib.util.find_spec("pyspark") is None
    else "Java is not installed (PySpark needs Java 17)"
    if shutil.which("java") is None
    else None
)
needs_spark = pytest.mark.skipif(_WHY_NOT is not None, reason=_WHY_NOT or "")

# At most ~630 reports: Splink then estimates u from every pair rather than a random sample, so both
# engines must find exactly the same parameters (above that each engine draws its own sample).
SYNTHETIC_REPORTS = 500


def test_local_masters_are_told_from_clusters() -> None:
    assert local_cores("local") == 1
    assert local_cores("local[2]") == 2
    assert local_cores("local[4, 3]") == 4  # with task retries
    assert (local_cores("local[*]") or 0) >= 1
    assert local_cores("spark://head:7077") is None
    assert local_cores("yarn") is None
    assert local_cores("k8s://https://api:6443") is None


def _synthetic() -> tuple[list[Any], list[int]]:
    reports = list(generate(SYNTHETIC_REPORTS, seed=11))
    rows = [r.row for r in reports]
    finish_rows(rows, [r.tokens for r in rows])
    return rows, [r.incident for r in reports]


def _weights(result: LinkResult) -> dict[tuple[int, int], float]:
    return {(e.left, e.right): e.match_weight for e in result.edges}


def _probabilities(model: dict[str, Any]) -> list[tuple[str, str, float | None, float | None]]:
    return [
        (c["output_column_name"], lvl["label_for_charts"], lvl.get("m_probability"), lvl.get("u_probability"))
        for c in model["comparisons"]
        for lvl in c["comparison_levels"]
    ]


@pytest.mark.slow
@needs_spark
def test_spark_trains_the_same_model_and_finds_the_same_incidents_as_duckdb(tmp_path: Path) -> None:
    rows, truth = _synthetic()
    duck = get_engine("duckdb").link(rows, train=True, count_pairs=True)
    # Rows sent from the driver, as on a cluster, where executors cannot read the driver's temp file.
    # One shuffle partition: a few hundred rows gain nothing from more, and each costs a task per step.
    engine = SparkEngine(workdir=tmp_path, send_rows=True, shuffle_partitions=1)
    spark = engine.link(rows, train=True, count_pairs=True)

    assert spark.clusters == duck.clusters
    assert spark.pairs_compared == duck.pairs_compared  # the same blocking rules were chosen
    assert _weights(spark).keys() == _weights(duck).keys()
    for pair, weight in _weights(duck).items():
        assert _weights(spark)[pair] == pytest.approx(weight, abs=1e-6)
    assert spark.model["probability_two_random_records_match"] == pytest.approx(
        duck.model["probability_two_random_records_match"], rel=1e-6
    )
    for (name, label, *duck_mu), (_, _, *spark_mu) in zip(
        _probabilities(duck.model), _probabilities(spark.model), strict=True
    ):
        for d, s in zip(duck_mu, spark_mu, strict=True):
            assert s == d if d is None else s == pytest.approx(d, rel=1e-6), (name, label)
    # Not a degenerate agreement: the incidents found are real ones.
    assert score(spark.clusters, truth).bcubed_f1 > 0.7
    # Splink's intermediate tables (Parquet under the run's folder) are gone afterwards.
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
@needs_spark
def test_cli_link_on_spark_writes_what_duckdb_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # --spark-master reaches the engine through the environment: keep it from leaking into other tests.
    monkeypatch.setenv("CIVCAS_SPARK_MASTER", "local[2]")
    monkeypatch.setenv("CIVCAS_SPARK_SHUFFLE_PARTITIONS", "1")
    source = tmp_path / "in.jsonl"
    with source.open("w", encoding="utf-8") as f:
        for rid, lang, pub, text in REPORTS:
            rec = {"id": rid, "text": text, "language": lang} | ({"published": pub} if pub else {})
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    app = typer.Typer()
    link_cli.register(app)
    outputs = {}
    for engine, extra in (("duckdb", []), ("spark", ["--spark-master", "local[2]"])):
        out = tmp_path / f"{engine}.jsonl"
        # The bundled parameters (no training): this checks the command's path to Spark, the test above
        # the training.
        args = ["link", str(source), "--output", str(out), "--engine", engine, "--no-train", *extra]
        res = CliRunner().invoke(app, args)
        assert res.exit_code == 0, res.output
        outputs[engine] = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert outputs["spark"] == outputs["duckdb"]
    clusters = {rec["id"]: rec["cluster"] for rec in outputs["spark"]}
    assert clusters["a1"] == clusters["a2"] == clusters["a3"] != clusters["b1"]


def test_spark_master_needs_the_spark_engine(tmp_path: Path) -> None:
    app = typer.Typer()
    link_cli.register(app)
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "x", "text": "nothing"}\n', "utf-8")
    res = CliRunner().invoke(
        app, ["link", str(source), "--output", str(tmp_path / "o.jsonl"), "--spark-master", "yarn"]
    )
    assert res.exit_code != 0
    assert "--engine spark" in res.output


def test_a_cluster_without_a_shared_checkpoint_dir_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CIVCAS_SPARK_CHECKPOINT_DIR", raising=False)
    engine = SparkEngine()
    # Decide "cluster" without one: the check must come before any work is sent to executors.
    monkeypatch.setattr(engine, "session", lambda: object())
    monkeypatch.setattr(engine, "is_local", lambda spark: False)
    with pytest.raises(LinkError, match="CIVCAS_SPARK_CHECKPOINT_DIR"):
        engine.db_api()


def test_a_saved_duckdb_model_is_rewritten_for_spark_with_its_parameters() -> None:
    model = load_params()  # trained on DuckDB: its text levels call DuckDB's list functions
    assert model["sql_dialect"] == "duckdb"
    spark = in_dialect(model, "spark")
    assert spark["sql_dialect"] == "spark"
    before = [lvl for c in model["comparisons"] for lvl in c["comparison_levels"]]
    after = [lvl for c in spark["comparisons"] for lvl in c["comparison_levels"]]
    assert any("list_intersect" in lvl["sql_condition"] for lvl in before)
    assert not any("list_" in lvl["sql_condition"].lower() for lvl in after)
    assert any("aggregate(array_intersect" in lvl["sql_condition"] for lvl in after)
    for b, a in zip(before, after, strict=True):  # only the SQL changes
        assert {k: v for k, v in b.items() if k != "sql_condition"} == {
            k: v for k, v in a.items() if k != "sql_condition"
        }
    assert in_dialect(model, "duckdb") is model
