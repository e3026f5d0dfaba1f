"""extract_file: JSONL in, JSONL out, one line per input line, in order, errors kept in place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from civcas.extract.files import extract_file

REPORTS = [
    {
        "id": "a",
        "text": "An airstrike by Russian warplanes killed 4 civilians in Ariha on Monday.",
        "published": "2021-09-07",
    },
    {
        "id": "b",
        "text": "قتل طفلان بقصف مدفعي لقوات النظام على سرمين أمس.",
        "published": "2023-09-05",
        "language": "ar",
    },
    {"id": "c", "text": "The weather was mild and nothing happened."},
]


def _write(path: Path, lines: list[str]) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def _read(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("workers", [1, 2])
def test_order_ids_and_shape(tmp_path: Path, workers: int) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write(src, [json.dumps(r, ensure_ascii=False) for r in REPORTS * 30])
    stats = extract_file(src, out, workers=workers)
    rows = _read(out)
    assert [r["id"] for r in rows] == [r["id"] for r in REPORTS * 30]
    assert stats.records == 90 and stats.errors == 0
    a, b, c = rows[:3]
    assert isinstance(a["incident"], dict)
    assert a["incident"]["date"] == "2021-09-06"
    assert a["incident"]["belligerent"] == "Russian Military"
    assert isinstance(a["incident"]["spans"]["date"][0], list)
    assert b["language"] == "ar" and isinstance(b["incident"], dict)
    assert b["incident"]["date"] == "2023-09-04"
    assert c["incident"] is None
    assert set(stats.stage_seconds) >= {"civcas.dates.v1", "civcas.actors.v1"}


def test_bad_lines_keep_their_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write(src, [json.dumps(REPORTS[0]), "{not json", json.dumps({"id": "n", "text": 5}), json.dumps([1])])
    stats = extract_file(src, out)
    rows = _read(out)
    assert len(rows) == 4
    assert rows[0]["id"] == "a" and "error" not in rows[0]
    assert rows[1]["id"] == 2 and "error" in rows[1]
    assert rows[2]["id"] == "n" and "error" in rows[2]
    assert rows[3]["id"] == 4 and "error" in rows[3]
    assert stats.errors == 3
    err = capsys.readouterr().err
    assert f"{src}:2:" in err and f"{src}:3:" in err


def test_progress_bar_runs(tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write(src, [json.dumps(r, ensure_ascii=False) for r in REPORTS])
    stats = extract_file(src, out, progress=True)
    assert stats.records == 3


def test_batches_keep_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import civcas.extract.files as files

    monkeypatch.setattr(files, "_BATCH", 7)  # several batches through the pool
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    records = [{"id": f"r{i}", "text": f"A strike killed {i} people."} for i in range(50)]
    _write(src, [json.dumps(r) for r in records])
    stats = extract_file(src, out, workers=3)
    assert [r["id"] for r in _read(out)] == [r["id"] for r in records]
    assert stats.records == 50
