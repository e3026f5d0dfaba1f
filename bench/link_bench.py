"""Benchmark: link N synthetic extracted reports with the DuckDB engine (or Spark).

Prints wall time, peak memory (RSS of this process, DuckDB included), pairs compared, accuracy
against the generator's truth, and a reference measured in the same run on the same machine (DuckDB
reading and sorting the same rows), with the ratio, so a slow machine and a slow linker can be told apart.

With `--engine spark` (needs `pip install -e '.[spark]'` and Java) the same rows are linked on Spark
(local[2] unless CIVCAS_SPARK_MASTER says otherwise) and then on DuckDB in the same run, and the two
are compared: wall times, their ratio, and how far the incidents agree. Peak RSS then leaves out the
Spark JVM (a process of its own).

    .venv/bin/python bench/link_bench.py --n 1000000
    .venv/bin/python bench/link_bench.py --n 100000 --engine spark
"""

from __future__ import annotations

import argparse
import logging
import resource
import tempfile
import time
from pathlib import Path

from civcas.link.clusters import clusters_at
from civcas.link.engine import DuckDBEngine, LinkEngine, LinkResult, get_engine, write_rows
from civcas.link.evaluate import score
from civcas.link.features import finish_rows
from civcas.link.splink_model import DEFAULT_THRESHOLD
from civcas.link.synthetic import generate


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def reference_seconds(rows_path: Path) -> float:
    """DuckDB reading the rows and sorting them by governorate and date: the floor any linker pays."""
    import duckdb

    con = duckdb.connect()
    t0 = time.perf_counter()
    con.execute(
        f"CREATE TABLE ref AS SELECT * FROM read_json('{rows_path}') ORDER BY admin1, day_eff, unique_id"
    ).fetchall()
    seconds = time.perf_counter() - t0
    con.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="synthetic reports to link")
    parser.add_argument(
        "--thresholds",
        type=float,
        nargs="+",
        default=[-4.0, 0.0, DEFAULT_THRESHOLD],
        help="match weights to cluster at (scored once, at the lowest)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-count", action="store_true", help="skip counting the blocked pairs")
    parser.add_argument("--bundled", action="store_true", help="use the bundled parameters, no EM")
    parser.add_argument(
        "--engine",
        choices=["duckdb", "spark"],
        default="duckdb",
        help="engine to measure; spark is compared with DuckDB in the same run",
    )
    args = parser.parse_args()
    logging.getLogger("splink").setLevel(logging.WARNING)

    t0 = time.perf_counter()
    reports = list(generate(args.n, seed=args.seed))
    rows = [r.row for r in reports]
    truth = [r.incident for r in reports]
    del reports
    finish_rows(rows, [r.tokens for r in rows])
    t_gen = time.perf_counter() - t0
    print(f"generated {len(rows):,} reports in {len(set(truth)):,} incidents: {t_gen:.1f} s")

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "rows.jsonl"
        write_rows(rows, path)
        ref = reference_seconds(path)
        path.unlink()
        low = min(args.thresholds)

        def run(engine: LinkEngine) -> tuple[LinkResult, float]:
            t0 = time.perf_counter()
            result = engine.link(rows, threshold=low, train=not args.bundled, count_pairs=not args.no_count)
            return result, time.perf_counter() - t0

        engine = DuckDBEngine(workdir=Path(tmp)) if args.engine == "duckdb" else get_engine(args.engine)
        result, wall = run(engine)
        duck = run(DuckDBEngine(workdir=Path(tmp))) if args.engine != "duckdb" else None
    print(f"engine {args.engine}")
    steps = ", ".join(f"{k} {v:.1f} s" for k, v in result.seconds.items())
    print(f"linked in {wall:.1f} s ({steps})")
    print(f"peak RSS {peak_rss_mb():,.0f} MB")
    if result.pairs_compared is not None:
        print(
            f"pairs compared {result.pairs_compared:,} ({result.pairs_compared / len(rows):.1f} per report)"
        )
    print(f"links at weight >= {low:g}: {len(result.edges):,}")
    days = [r.day_eff for r in rows]
    weekdays = [r.weekday for r in rows]
    for t, clusters in sorted(clusters_at(result.edges, len(rows), args.thresholds, days, weekdays).items()):
        s = score(clusters, truth)
        print(
            f"weight >= {t:g}: {s.clusters:,} incidents; pairwise P {s.precision:.3f} R {s.recall:.3f} "
            f"F1 {s.f1:.3f}; B-cubed P {s.bcubed_precision:.3f} R {s.bcubed_recall:.3f} F1 {s.bcubed_f1:.3f}"
        )
    print(
        f"reference (DuckDB read + sort of the same rows) {ref:.1f} s; linking / reference = {wall / ref:.1f}x"
    )
    if duck is not None:
        duck_result, duck_wall = duck
        steps = ", ".join(f"{k} {v:.1f} s" for k, v in duck_result.seconds.items())
        print(
            f"DuckDB on the same rows: {duck_wall:.1f} s ({steps}); {args.engine} / DuckDB = {wall / duck_wall:.1f}x"
        )
        if duck_result.pairs_compared is not None:
            print(f"DuckDB pairs compared {duck_result.pairs_compared:,}")
        for t, clusters in sorted(
            clusters_at(duck_result.edges, len(rows), args.thresholds, days, weekdays).items()
        ):
            s = score(clusters, truth)
            print(
                f"DuckDB weight >= {t:g}: {s.clusters:,} incidents; pairwise F1 {s.f1:.3f}; B-cubed F1 {s.bcubed_f1:.3f}"
            )
        same = duck_result.clusters == result.clusters
        agreement = score(result.clusters, duck_result.clusters)
        print(
            f"incidents at weight >= {low:g}: identical {same}; {args.engine} against DuckDB as truth: "
            f"pairwise F1 {agreement.f1:.4f}, B-cubed F1 {agreement.bcubed_f1:.4f}"
        )


if __name__ == "__main__":
    main()
