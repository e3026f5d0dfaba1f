"""The extraction scorer, on small hand-made gold and predictions."""

from __future__ import annotations

import json
from pathlib import Path

from civcas.extract.evaluate import belligerent_set, fold, markdown_table, score
from tests.e2e_helpers import Installation

GOLD = [
    {
        "id": "a",
        "text": "x",
        "extra": {"language": "en"},
        "gold": {
            "date": "2017-05-13",
            "admin1": "Dayr az Zawr",
            "lat": 35.02,
            "lon": 40.45,
            "belligerent": "U.S.-led Coalition",
            "civilians_killed_min": 12,
            "civilians_killed_max": 15,
        },
    },
    {
        "id": "b",
        "text": "y",
        "extra": {"language": "ar"},
        "gold": {
            "date": "2019-07-22",
            "admin1": "Idlib",
            "belligerent": "Russian Military, Syrian Regime",
            "civilians_killed_min": 9,
            "civilians_killed_max": 9,
        },
    },
    {"id": "skipped", "text": "z", "extra": {"text_quality": "login_wall"}, "gold": {"date": "2020-01-01"}},
]
PRED = {
    "a": {
        "language": "en",
        "incident": {
            "date": "2017-05-13",
            "admin1": "Deir ez-Zor",
            "lat": 35.0,
            "lon": 40.5,
            "belligerent": "US-led Coalition",
            "civilians_killed": {"min": 12, "max": 12},
        },
    },
    "b": {
        "language": "ar",
        "incident": {
            "date": "2019-07-21",
            "admin1": "Idlib",
            "belligerent": "Russian Military",
            "civilians_killed": {"min": 10, "max": 10},
        },
    },
}


def test_fields_are_scored_like_the_shared_scorer() -> None:
    report = score(GOLD, PRED)
    f = report.fields
    assert report.records == 2
    assert (f["date"]["all"].right, f["date"]["all"].n) == (1, 2)
    assert f["civilians_killed.min"]["all"].right == 1 and f["civilians_killed.max"]["all"].right == 0
    assert f["civilians_killed.overlap"]["all"].right == 1  # 12–12 meets 12–15; 10 misses 9
    assert f["location@25km"]["all"].right == 1
    assert f["belligerent"]["all"].right == 2  # a subset of the suspected belligerents is right
    assert f["admin1"]["all"].right == 1  # "Deir ez-Zor" and "Dayr az Zawr" fold apart: a known limit
    assert f["date"]["en"].right == 1 and f["date"]["ar"].right == 0
    assert "| date | 2 | 50.0% | 100.0% |" in markdown_table(report)


def test_folding_and_belligerent_sets() -> None:
    assert fold("Al-Mayadin") == "mayadin" and fold("Ḥamāh") == "hamah"
    assert belligerent_set("Russian Military, Syrian Regime") == {"russian military", "syrian regime"}


def test_eval_command(installation: Installation, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r) for r in GOLD), encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text("\n".join(json.dumps({"id": k, **v}) for k, v in PRED.items()), encoding="utf-8")
    out = installation.cli("eval", str(gold), "--pred", str(pred)).output
    assert "2 scored records" in out and "date" in out and "50.0%" in out
