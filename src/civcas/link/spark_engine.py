"""The Spark engine: the same Splink model on Apache Spark, for archives that outgrow one machine.

Optional: `pip install 'civcas[spark]'` (PySpark 4, about 490 MB) and Java 17. Runs in local mode
(`local[2]`) unless told where the cluster is (docs/linking-at-scale.md):

- the master: the `master` argument, else `CIVCAS_SPARK_MASTER`, else the one `spark-submit --master`
  gave, else `local[2]`;
- Splink's intermediate tables (written as Parquet to break Spark's lineage): under the link's own temp
  folder in local mode; on a cluster under `CIVCAS_SPARK_CHECKPOINT_DIR`, a URI every executor reaches
  (hdfs://, s3a://, or a file:// path mounted on every node), in a folder of its own removed afterwards;
- shuffle partitions: `CIVCAS_SPARK_SHUFFLE_PARTITIONS`, else one per local core (Spark's 200 make a
  thousand-report run take minutes of task overhead), else what the cluster's configuration says;
- driver memory in local mode (where the driver does all the work): `CIVCAS_SPARK_DRIVER_MEMORY`, 4g.

The feature rows are made on the driver (extraction is Python); in local mode Spark reads them from the
temp file, on a cluster they are sent from the driver, so no driver-local path reaches an executor.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import tempfile
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from civcas.link.engine import _SPARK_SCHEMA, EngineUnavailable, LinkEngine, LinkError

logger = logging.getLogger(__name__)

DEFAULT_MASTER = "local[2]"
PARTITIONS_PER_LOCAL_CORE = 1
DEFAULT_DRIVER_MEMORY = "4g"
_PARTITIONS = "spark.sql.shuffle.partitions"
SLICE_ROWS = 20_000
"""Rows per slice when the driver sends the rows to a cluster."""


def local_cores(master: str) -> int | None:
    """Cores of a local master (`local`, `local[4]`, `local[*]`); None for a cluster."""
    if master == "local":
        return 1
    m = re.fullmatch(r"local\[(\d+|\*)(?:,\s*\d+)?\]", master)
    if not m:
        return None
    return (os.cpu_count() or 1) if m.group(1) == "*" else int(m.group(1))


def _has_pyarrow() -> bool:
    return importlib.util.find_spec("pyarrow") is not None


def _under_spark_submit() -> bool:
    # spark-submit starts the JVM first and hands the Python driver its gateway: the master (and every
    # --conf) is then already set, and ours must not override it.
    return "PYSPARK_GATEWAY_PORT" in os.environ


class SparkEngine(LinkEngine):
    """Splink's SparkAPI on a local or cluster Spark session."""

    name = "spark"

    def __init__(
        self,
        *,
        workdir: Path | None = None,
        master: str | None = None,
        checkpoint_dir: str | None = None,
        shuffle_partitions: int | None = None,
        send_rows: bool | None = None,
    ) -> None:
        super().__init__(workdir=workdir)
        self.master = master or os.environ.get("CIVCAS_SPARK_MASTER") or None
        self.checkpoint_dir = checkpoint_dir or os.environ.get("CIVCAS_SPARK_CHECKPOINT_DIR") or None
        env_partitions = os.environ.get("CIVCAS_SPARK_SHUFFLE_PARTITIONS")
        self.shuffle_partitions = shuffle_partitions or (int(env_partitions) if env_partitions else None)
        self.send_rows = send_rows
        """Send the rows from the driver rather than let Spark read the driver's temp file (None: only
        when the master is not local)."""
        self._run_dir: str | None = None
        self._cached: list[Any] = []

    # --- the session ---------------------------------------------------------------------------

    def session(self) -> Any:
        try:
            from pyspark.sql import SparkSession
        except ImportError as exc:
            raise EngineUnavailable(
                "the Spark engine needs PySpark: pip install 'civcas[spark]' (and Java 17); "
                "or use --engine duckdb",
            ) from exc
        from splink.backends.spark import similarity_jar_location

        # PySpark 4.x warns on every toPandas under pandas 3; Splink only reads small tables through it,
        # and tests/link/test_spark_engine.py checks the results equal DuckDB's.
        warnings.filterwarnings(
            "ignore", message="PySpark does not yet fully support pandas", category=FutureWarning
        )
        submitted = _under_spark_submit()
        builder = SparkSession.builder.appName("civcas-link")
        if self.master or not submitted:
            builder = builder.master(self.master or DEFAULT_MASTER)
        if not submitted:
            # Splink's string-similarity UDFs (jaro_winkler...): our comparisons use none of them today,
            # but a session that has the jar lets a comparison use them on Spark as on DuckDB. (Under
            # spark-submit, --jars says which jars; setting spark.jars here would drop the user's.)
            builder = builder.config("spark.jars", similarity_jar_location())
        builder = builder.config("spark.ui.showConsoleProgress", "false")
        # Splink reads small results (EM's counts) through toPandas: Arrow only where PyArrow is there.
        builder = builder.config("spark.sql.execution.arrow.pyspark.enabled", str(_has_pyarrow()).lower())
        if not submitted and local_cores(self.master or DEFAULT_MASTER):
            # Only in local mode: a driver bound to 127.0.0.1 could not be reached by a cluster's executors.
            os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
            builder = builder.config("spark.ui.enabled", "false")  # no web UI port for a local run
            # In local mode the driver is the executor: Spark's 1 GB default is short at 100,000 reports.
            memory = os.environ.get("CIVCAS_SPARK_DRIVER_MEMORY", DEFAULT_DRIVER_MEMORY)
            builder = builder.config("spark.driver.memory", memory)
        try:
            spark = builder.getOrCreate()
        except Exception as exc:  # Java missing or too old, a master that does not answer...
            raise EngineUnavailable(f"could not start Spark ({type(exc).__name__}: {exc})") from exc
        spark.sparkContext.setLogLevel(os.environ.get("CIVCAS_SPARK_LOG_LEVEL", "ERROR"))
        partitions = self.shuffle_partitions
        cores = local_cores(str(spark.sparkContext.master))
        if partitions is None and cores and not spark.sparkContext.getConf().contains(_PARTITIONS):
            partitions = cores * PARTITIONS_PER_LOCAL_CORE
        if partitions:
            spark.conf.set(_PARTITIONS, str(partitions))
        return spark

    def is_local(self, spark: Any) -> bool:
        return local_cores(str(spark.sparkContext.master)) is not None

    def db_api(self) -> Any:
        spark = self.session()
        if self.checkpoint_dir:
            self._run_dir = f"{self.checkpoint_dir.rstrip('/')}/civcas-link-{uuid.uuid4().hex}"
        elif self.is_local(spark):
            # A URI, not a bare path: a bare path means the cluster's default file system (HDFS...).
            self._run_dir = Path(tempfile.mkdtemp(prefix="civcas-spark-", dir=self.workdir)).as_uri()
        else:
            raise LinkError(
                "Spark on a cluster needs CIVCAS_SPARK_CHECKPOINT_DIR: a folder every executor reaches "
                "(hdfs://..., s3a://..., or a file:// path mounted on every node) for Splink's "
                "intermediate tables",
                code="spark_checkpoint_dir",
            )
        spark.sparkContext.setCheckpointDir(self._run_dir)
        return self.renew(spark)

    def renew(self, api: Any) -> Any:
        from splink import SparkAPI

        spark = getattr(api, "spark", api)
        # Intermediate tables go to Parquet in the checkpoint dir: it cuts Spark's query plans short
        # (Splink's default outside Databricks), and works the same locally and on a cluster.
        return SparkAPI(spark_session=spark, break_lineage_method="parquet")  # type: ignore[no-untyped-call]

    def close(self, api: Any) -> None:
        for frame in self._cached:
            frame.unpersist()
        self._cached.clear()
        if self._run_dir:
            _delete_tree(api.spark, self._run_dir)
            self._run_dir = None

    # --- the data ------------------------------------------------------------------------------

    def load_table(self, api: Any, path: Path) -> Any:
        spark = api.spark
        send = self.send_rows if self.send_rows is not None else not self.is_local(spark)
        if send:
            with path.open(encoding="utf-8") as f:
                lines = f.read().splitlines()
            slices = max(1, len(lines) // SLICE_ROWS)
            frame = spark.read.schema(_SPARK_SCHEMA).json(spark.sparkContext.parallelize(lines, slices))
        else:
            frame = spark.read.schema(_SPARK_SCHEMA).json(path.resolve().as_uri())
        # Counting the pairs of each blocking rule reads the table several times: keep it.
        frame = frame.persist()
        self._cached.append(frame)
        return frame

    def sample(self, api: Any, table: Any, n: int, k: int) -> tuple[Any, int]:
        # Whole weeks, as the DuckDB engine does (Spark's own hash, so not the same weeks).
        every = max(1, n // k)
        sample = table.where(f"pmod(hash(coalesce(week, unique_id)), {every}) = 0").persist()
        self._cached.append(sample)
        return sample, int(sample.count())

    def group_pairs(self, api: Any, table: Any, columns: tuple[str, ...]) -> int | None:
        from pyspark.sql import functions as F

        counts = table.where(" AND ".join(f"{c} IS NOT NULL" for c in columns)).groupBy(*columns).count()
        row = counts.agg(F.sum(F.col("count") * (F.col("count") - 1) / 2)).first()
        return int(row[0] or 0) if row else None

    def scored_pairs(self, predictions: Any) -> Iterator[tuple[int, int, float]]:
        frame = predictions.as_spark_dataframe().select("unique_id_l", "unique_id_r", "match_weight")
        for row in frame.toLocalIterator():
            yield int(row[0]), int(row[1]), float(row[2])


def _delete_tree(spark: Any, uri: str) -> None:
    """Remove a folder through Hadoop's file system API, so hdfs:// and s3a:// work as file:// does."""
    try:
        jvm = spark.sparkContext._jvm
        hadoop_path = jvm.org.apache.hadoop.fs.Path(uri)
        hadoop_path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).delete(hadoop_path, True)
    except Exception as exc:  # leaving temp files behind must not fail a finished link
        logger.warning("could not remove Spark's intermediate tables at %s: %s", uri, exc)
