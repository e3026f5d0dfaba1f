"""Linkage engines behind one small base class: DuckDB (default, in process) and Spark (optional extra).

The base class does everything that does not depend on the engine (the input table, training, scoring,
clustering, logging, errors); an engine only says how to open a Splink database API, load a JSONL file
of feature rows into a table, and read scored pairs back.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from civcas.errors import CivcasError
from civcas.link import splink_model
from civcas.link.clusters import Edge, cluster
from civcas.link.comparisons import COMPARISONS
from civcas.link.features import LinkRow, document_frequencies

logger = logging.getLogger(__name__)

BLOCK_TOKENS = 3
WEIGHT_DECIMALS = 9
"""Match weights are sums of a few level weights, so many pairs tie; rounding off the last bits (which
differ between engines' float sums) and sorting the pairs makes ties break the same on every engine
and every run (clustering takes links strongest first, in the order given)."""


class LinkError(CivcasError):
    code = "link_error"


class EngineUnavailable(LinkError):
    """An optional engine whose package is not installed."""

    code = "engine_unavailable"


@dataclass(slots=True)
class LinkResult:
    report_ids: list[str]
    clusters: list[int]
    """Cluster number of each input row, in input order (numbered by first appearance)."""
    edges: list[Edge]
    """Every scored pair at or above the threshold, with its match weight: why reports were joined."""
    model: dict[str, Any]
    pairs_compared: int | None = None
    seconds: dict[str, float] = field(default_factory=dict)


class LinkEngine(ABC):
    name: ClassVar[str]

    def __init__(self, *, workdir: Path | None = None) -> None:
        self.workdir = workdir

    # --- what an engine provides ---------------------------------------------------------------

    @abstractmethod
    def db_api(self) -> Any:
        """A Splink database API for this engine."""

    @abstractmethod
    def renew(self, api: Any) -> Any:
        """A new Splink API on the same connection: Splink caches intermediate tables per API object, and
        a second Linker on one API would reuse the first one's input (the training sample) unseen."""

    @abstractmethod
    def load_table(self, api: Any, path: Path) -> Any:
        """Load the JSONL file of feature rows as an input Splink can take."""

    @abstractmethod
    def scored_pairs(self, predictions: Any) -> Iterator[tuple[int, int, float]]:
        """(unique_id_l, unique_id_r, match_weight) of each scored pair."""

    def count_pairs(self, api: Any, table: Any, rules: list[Any]) -> int | None:
        """How many pairs the blocking rules let through."""
        from splink.blocking_analysis import cumulative_comparisons_to_be_scored_from_blocking_rules_data

        data = cumulative_comparisons_to_be_scored_from_blocking_rules_data(
            table_or_tables=table,
            blocking_rules=rules,
            db_api=api,
            link_type="dedupe_only",
            unique_id_column_name="unique_id",
        )
        return int(data["row_count"].sum())

    def close(self, api: Any) -> None:  # noqa: B027  (optional hook: most engines hold nothing)
        """Release what the engine holds for one run (cached tables, intermediate files)."""

    def group_pairs(self, api: Any, table: Any, columns: tuple[str, ...]) -> int | None:
        """Pairs an equi-join on `columns` makes (None where the engine cannot say cheaply)."""
        return None

    # --- shared --------------------------------------------------------------------------------

    def link(
        self,
        rows: Sequence[LinkRow],
        *,
        threshold: float = splink_model.DEFAULT_THRESHOLD,
        model: dict[str, Any] | None = None,
        train: bool = True,
        count_pairs: bool = False,
    ) -> LinkResult:
        """Score the blocked pairs of `rows`, join those at or above `threshold`, cluster them.

        With `train` the model is trained on these rows (EM, no labels); otherwise `model` (or the bundled
        parameters) is used as it is.
        """
        from splink import Linker

        seconds: dict[str, float] = {}
        n = len(rows)
        ids = [r.report_id for r in rows]
        if n < 2:
            return LinkResult(ids, list(range(n)), [], model or {}, 0, seconds)
        with tempfile.TemporaryDirectory(dir=self.workdir) as tmp:
            t0 = time.perf_counter()
            path = Path(tmp) / "rows.jsonl"
            write_rows(rows, path)
            api = self.db_api()
            try:
                table = self.load_table(api, path)
                seconds["load"] = time.perf_counter() - t0
                t0 = time.perf_counter()
                if train:
                    model = self._train(api, table, n)
                elif model is None:
                    model = splink_model.load_params()
                seconds["train"] = time.perf_counter() - t0
                t0 = time.perf_counter()
                rules = splink_model.blocking_rules(n, lambda cols: self.group_pairs(api, table, cols))
                dialect = api.sql_dialect.sql_dialect_str
                settings = splink_model.with_blocking(in_dialect(model, dialect), rules, dialect)
                linker = Linker(table, settings, db_api=self.renew(api))
                predictions = linker.inference.predict(threshold_match_weight=threshold)
                edges = sorted(
                    (
                        Edge(int(a), int(b), round(float(w), WEIGHT_DECIMALS))
                        for a, b, w in self.scored_pairs(predictions)
                    ),
                    key=lambda e: (e.left, e.right),
                )
                seconds["predict"] = time.perf_counter() - t0
                pairs = self.count_pairs(api, table, rules) if count_pairs else None
            finally:
                self.close(api)
        t0 = time.perf_counter()
        clusters = cluster(
            n, edges, threshold, days=[r.day_eff for r in rows], weekdays=[r.weekday for r in rows]
        )
        seconds["cluster"] = time.perf_counter() - t0
        logger.info(
            "%s: %d reports, %d links at weight >= %.1f, %d clusters",
            self.name,
            n,
            len(edges),
            threshold,
            len(set(clusters)),
        )
        return LinkResult(ids, clusters, edges, model, pairs, seconds)

    def _train(self, api: Any, table: Any, n: int) -> dict[str, Any]:
        from splink import Linker

        rules = splink_model.blocking_rules(n, lambda cols: self.group_pairs(api, table, cols))
        linker = Linker(table, splink_model.settings(rules), db_api=api)
        splink_model.estimate_u_and_prior(linker, n)
        if n > splink_model.TRAIN_SAMPLE:
            # EM's cost grows with the pairs in its blocks: on a big set, learn m from a sample of whole
            # weeks (each incident's reports stay together), keeping the whole set's u and prior.
            sample, m = self.sample(api, table, n, splink_model.TRAIN_SAMPLE)
            model = linker.misc.save_model_to_json()
            sample_rules = splink_model.blocking_rules(m, lambda cols: self.group_pairs(api, sample, cols))
            sql_dialect = api.sql_dialect.sql_dialect_str
            settings = splink_model.with_blocking(model, sample_rules, sql_dialect)
            linker = Linker(sample, settings, db_api=self.renew(api))
        splink_model.estimate_m(linker)
        trained: dict[str, Any] = linker.misc.save_model_to_json()
        return splink_model.sanitise(trained)

    def sample(self, api: Any, table: Any, n: int, k: int) -> tuple[Any, int]:
        """About k rows to train on, and how many (the whole table unless an engine can do better)."""
        return table, n


class DuckDBEngine(LinkEngine):
    """The default: in process, out-of-core when memory runs short."""

    name = "duckdb"

    def __init__(
        self, *, workdir: Path | None = None, memory_limit: str | None = None, threads: int | None = None
    ):
        super().__init__(workdir=workdir)
        self.memory_limit = memory_limit or os.environ.get("CIVCAS_LINK_MEMORY", "6GB")
        self.threads = threads

    def db_api(self) -> Any:
        import duckdb
        from splink import DuckDBAPI

        con = duckdb.connect()
        con.execute(f"SET memory_limit = '{self.memory_limit}'")
        con.execute("SET preserve_insertion_order = false")
        if self.threads:
            con.execute(f"SET threads = {int(self.threads)}")
        if self.workdir:
            con.execute(f"SET temp_directory = '{self.workdir}'")
        return DuckDBAPI(connection=con)

    def renew(self, api: Any) -> Any:
        from splink import DuckDBAPI

        return DuckDBAPI(connection=api._con)

    def load_table(self, api: Any, path: Path) -> Any:
        con = api._con
        con.execute(f"CREATE TABLE reports AS SELECT * FROM read_json('{path}', columns = {_JSON_COLUMNS})")
        return "reports"

    def sample(self, api: Any, table: Any, n: int, k: int) -> tuple[Any, int]:
        # Whole weeks, not single reports: a random report rarely has its incident's other reports
        # in the sample, and EM needs matches to learn m from.
        every = max(1, n // k)
        api._con.execute(
            f"CREATE TABLE reports_sample AS SELECT * FROM {table} WHERE hash(coalesce(week, unique_id)) % {every} = 0"
        )
        count = api._con.execute("SELECT count(*) FROM reports_sample").fetchone()
        return "reports_sample", int(count[0]) if count else 0

    def scored_pairs(self, predictions: Any) -> Iterator[tuple[int, int, float]]:
        rel = predictions.as_duckdbpyrelation().select("unique_id_l, unique_id_r, match_weight")
        while batch := rel.fetchmany(100_000):
            yield from batch

    def group_pairs(self, api: Any, table: Any, columns: tuple[str, ...]) -> int | None:
        cols = ", ".join(columns)
        not_null = " AND ".join(f"{c} IS NOT NULL" for c in columns)
        row = api._con.execute(
            f"SELECT coalesce(sum(c * (c - 1) // 2), 0) FROM "
            f"(SELECT count(*) AS c FROM {table} WHERE {not_null} GROUP BY {cols})"
        ).fetchone()
        return int(row[0]) if row else None


def in_dialect(model: dict[str, Any], dialect: str) -> dict[str, Any]:
    """A saved model with each level's SQL written for `dialect`, its trained parameters kept.

    A saved model carries the SQL of the engine that trained it, and Splink's translation (sqlglot)
    misses some functions: DuckDB's `list_intersect` reaches Spark untranslated, where it is
    `array_intersect`. So each level's SQL is rebuilt from comparisons.py for the engine at hand,
    matched by comparison and level label; a level the code no longer has keeps its SQL.
    """
    if model.get("sql_dialect") == dialect:
        return model
    fresh = {
        (c["output_column_name"], level["label_for_charts"]): level["sql_condition"]
        for c in (
            splink_model.splink_comparison(comp).get_comparison(dialect).as_dict() for comp in COMPARISONS
        )
        for level in c["comparison_levels"]
    }
    comparisons = [
        {
            **c,
            "comparison_levels": [
                {
                    **level,
                    "sql_condition": fresh.get(
                        (c["output_column_name"], level.get("label_for_charts")), level["sql_condition"]
                    ),
                }
                for level in c["comparison_levels"]
            ],
        }
        for c in model["comparisons"]
    ]
    return {**model, "comparisons": comparisons, "sql_dialect": dialect}


def _spark_engine(**kwargs: Any) -> LinkEngine:
    # Its own module, imported only when asked for: PySpark is an optional extra.
    from civcas.link.spark_engine import SparkEngine

    return SparkEngine(**kwargs)


ENGINES: dict[str, Callable[..., LinkEngine]] = {"duckdb": DuckDBEngine, "spark": _spark_engine}


def get_engine(name: str, **kwargs: Any) -> LinkEngine:
    try:
        make = ENGINES[name]
    except KeyError:
        raise LinkError(
            f"unknown engine {name!r}; choose one of: {', '.join(ENGINES)}", code="unknown_engine"
        ) from None
    return make(**kwargs)


# --- the input table ------------------------------------------------------------------------------

_COLUMNS: dict[str, str] = {
    "unique_id": "BIGINT",
    "day": "INTEGER",
    "day_eff": "INTEGER",
    "pub_day": "INTEGER",
    "week": "INTEGER",
    "pub_week": "INTEGER",
    "lat": "DOUBLE",
    "lon": "DOUBLE",
    "admin1": "VARCHAR",
    "place": "VARCHAR",
    "belligerent": "VARCHAR",
    "event_type": "VARCHAR",
    "killed_min": "INTEGER",
    "killed_max": "INTEGER",
    "injured_min": "INTEGER",
    "injured_max": "INTEGER",
    "tokens": "VARCHAR[]",
    "block_tokens": "VARCHAR[]",
    "text_words": "VARCHAR[]",
    "text_weights": "DOUBLE[]",
    "script": "VARCHAR",
    "weekday": "INTEGER",
    "places_named": "VARCHAR[]",
    "target_types": "VARCHAR[]",
}
_JSON_COLUMNS = "{" + ", ".join(f"'{k}': '{v}'" for k, v in _COLUMNS.items()) + "}"
_SPARK_SCHEMA = ", ".join(
    f"{k} {v.replace('VARCHAR[]', 'ARRAY<STRING>').replace('DOUBLE[]', 'ARRAY<DOUBLE>').replace('VARCHAR', 'STRING')}"
    for k, v in _COLUMNS.items()
)


def table_rows(rows: Sequence[LinkRow]) -> Iterator[dict[str, Any]]:
    """The engine's input: the feature rows plus derived blocking keys (weeks, rare tokens)."""
    df = document_frequencies(r.tokens for r in rows)
    for r in rows:
        rare = sorted(
            (t for t in r.tokens if 2 <= df[t] <= splink_model.BLOCK_TOKEN_MAX_DF), key=lambda t: df[t]
        )
        yield {
            "unique_id": r.unique_id,
            "day": r.day,
            "day_eff": r.day_eff,
            "pub_day": r.pub_day,
            "week": None if r.day_eff is None else r.day_eff // 7,
            "pub_week": None if r.pub_day is None else r.pub_day // 7,
            "lat": r.lat,
            "lon": r.lon,
            "admin1": r.admin1,
            "place": r.place,
            "belligerent": r.belligerent,
            "event_type": r.event_type,
            "killed_min": r.killed_min,
            "killed_max": r.killed_max,
            "injured_min": r.injured_min,
            "injured_max": r.injured_max,
            "tokens": r.tokens or None,
            "block_tokens": rare[:BLOCK_TOKENS] or None,
            "text_words": r.text_words or None,
            "text_weights": r.text_weights or None,
            "script": r.script,
            "weekday": r.weekday,
            "places_named": r.places_named or None,
            "target_types": r.target_types or None,
        }


def write_rows(rows: Sequence[LinkRow], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for rec in table_rows(rows):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
