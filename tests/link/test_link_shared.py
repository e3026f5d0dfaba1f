"""Linkage measured on the Airwars Syria sources (../shared/data; skipped where absent)."""

from pathlib import Path

import pytest

from civcas.link.evaluate import evaluate_file
from civcas.link.splink_model import DEFAULT_THRESHOLD

pytestmark = pytest.mark.shared

# Measured 2026-12-07 (session 11: restamped publication dates), bundled parameters at the default
# threshold (-2): whole dev set pairwise F1 0.66, B-cubed F1 0.71 (naive baseline 0.49 / 0.62); this 500-report sample 0.65 / 0.73 (baseline 0.44 / 0.60), and linked one by one as ingest
# links them (threshold -1) 0.60 / 0.70 at pairwise precision 0.77. The targets (0.75 / 0.85)
# need dates the extractor cannot read: 28% of the sources give none (README "Linkage quality"). The
# figures move as the extractor improves.
MARGIN = 0.07


def test_model_beats_the_naive_baseline(shared_data: Path) -> None:
    report = evaluate_file(
        shared_data / "airwars-syria-sources.dev.jsonl",
        threshold=DEFAULT_THRESHOLD,
        sample=500,
        train=False,
        incremental=True,
    )
    model = report.results[f"splink ≥{DEFAULT_THRESHOLD:g}"]
    baseline = report.results["baseline"]
    one_by_one = report.results["one by one"]
    assert report.reports >= 400
    assert model.f1 >= 0.65 - MARGIN
    assert model.bcubed_f1 >= 0.73 - MARGIN
    # Ingest, one report at a time, keeps its precision: a wrong join costs an analyst more than a miss.
    assert one_by_one.precision >= 0.77 - MARGIN and one_by_one.bcubed_f1 >= 0.70 - MARGIN
    # By a clear margin, not by noise: the naive rule joins only reports whose text gives a date.
    assert model.f1 >= baseline.f1 + 0.1 and model.bcubed_f1 >= baseline.bcubed_f1 + 0.05
