"""Benchmark: extraction throughput on the development texts, against a plain tokenisation pass.

Prints reports per second on one core for the whole extractor and for `re.findall(r"\\w+", text)` over
the same texts in the same run, their ratio (issue target: at most 25x), a per-stage breakdown, the
gazetteer's load time (cold: building its cache; warm: loading it), and peak memory. The extractor
runs compiled when `make install` has built it and the build is current; CIVCAS_PURE_PYTHON=1 runs
the pure-Python modules for comparison.

    .venv/bin/python bench/extract_bench.py [--limit N]

Reads ../shared/data/*.dev.jsonl when present; otherwise the bundled examples, repeated.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
DATASETS = ("airwars-gaza-2023", "tbij-drone-strikes", "airwars-syria-sources")
WORD = re.compile(r"\w+")


def load_texts(limit: int | None) -> tuple[list[dict[str, str | None]], str]:
    records: list[dict[str, str | None]] = []
    if SHARED.is_dir():
        for name in DATASETS:
            with (SHARED / f"{name}.dev.jsonl").open(encoding="utf-8") as fh:
                for line in fh:
                    r = json.loads(line)
                    if r.get("text"):
                        records.append({"id": r["id"], "text": r["text"], "published": r.get("published")})
        origin = "development data (" + ", ".join(DATASETS) + ")"
    else:
        texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "examples").glob("*.txt"))]
        records = [{"id": f"ex{i}", "text": t, "published": None} for i, t in enumerate(texts * 250)]
        origin = "bundled examples x250 (../shared/data not found)"
    return records[:limit] if limit else records, origin


def gazetteer_load_seconds() -> float:
    """A fresh interpreter loading the gazetteer (its cache is built on first use, then reused)."""
    code = "import time; t=time.perf_counter(); from civcas.extract.gazetteer import load_gazetteer as g; g(); print(time.perf_counter()-t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    try:
        return float(out.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return float("nan")


def gazetteer_cached() -> bool:
    from civcas.extract.gazetteer import cache_path

    return cache_path().exists()


def name_matching_seconds(texts: list[str]) -> float:
    """Finding the gazetteer's names in every text (split, look-up, the cues around each), best of
    three passes after the extraction: the words are no longer new (the first sight of a word, its
    fold and keys, is counted in the extraction's place stage)."""
    from civcas.extract.gazetteer import load_gazetteer
    from civcas.extract.gazetteer_match import find_mentions, fold_text

    gaz = load_gazetteer()
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for text in texts:
            find_mentions(text, fold_text(text), gaz)
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None, help="use only the first N reports")
    args = parser.parse_args()

    from civcas.extract import compiled
    from civcas.extract.pipeline import extract_report

    records, origin = load_texts(args.limit)
    n = len(records)
    built = "compiled with mypyc" if compiled.ACTIVE else "pure Python"
    print(f"extraction benchmark on {n} reports from {origin}; extractor {built}")
    # On a new machine the first load builds the cache (the issue allows that: "cache it on first
    # use"); the target is for loading it, so a second fresh process is timed for that.
    first_use = None if gazetteer_cached() else gazetteer_load_seconds()
    load = gazetteer_load_seconds()
    extract_report(id="warm", text="An airstrike near Mayadin killed 12 civilians.")  # loads models once

    def tokenise_all() -> float:
        t0 = time.perf_counter()
        for r in records:
            WORD.findall(r["text"] or "")
        return time.perf_counter() - t0

    before = [tokenise_all() for _ in range(3)]
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    for r in records:
        extract_report(id=str(r["id"]), text=r["text"] or "", published=r["published"], timings=timings)
    extract = time.perf_counter() - t0
    # The reference is timed before and after the extraction: load from other processes on a shared
    # machine then weighs less on one side of the ratio only.
    tokenise = sum(before + [tokenise_all() for _ in range(3)]) / 6

    names = name_matching_seconds([r["text"] or "" for r in records])

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"reference  tokenisation  re.findall(r'\\w+')  {n / tokenise:10.0f} reports/s/core")
    print(f"civcas     extraction    whole pipeline       {n / extract:10.0f} reports/s/core")
    print(f"ratio      extraction / tokenisation time     {extract / tokenise:10.1f}x   (target <= 25x)")
    if first_use is not None:
        print(f"gazetteer  first use: built and cached        {first_use:10.2f} s      (once per machine)")
    print(f"gazetteer  load in a fresh process            {load:10.2f} s      (target < 2 s)")
    print(
        f"gazetteer  matching names, words seen        {names / tokenise:10.1f}x   (issue: about the tokenisation pass)"
    )
    print(f"memory     peak RSS                           {peak_mb:10.0f} MB     (target < 1024 MB)")
    print("per stage (ms per report, and x tokenisation):")
    for name, seconds in sorted(timings.items(), key=lambda kv: -kv[1]):
        print(f"  {name:28s} {1000 * seconds / n:8.3f} ms  {seconds / tokenise:8.1f}x")


if __name__ == "__main__":
    main()
