"""The extractor compiled with mypyc: used only while current, and giving the pure-Python output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from civcas.extract import compiled
from civcas.extract.pipeline import extract_report

REPO = Path(__file__).resolve().parents[2]

# Extracts each JSON line {"id", "text", "published"} of stdin, one output line each.
_EXTRACT_LINES = """
import json, sys
from civcas.extract import compiled
from civcas.extract.pipeline import extract_report
for line in sys.stdin:
    r = json.loads(line)
    print(extract_report(id=r["id"], text=r["text"], published=r["published"]).model_dump_json())
print(json.dumps({"compiled": compiled.ACTIVE}))
"""


def _pure_python(records: list[dict[str, str | None]]) -> list[str]:
    env = {**os.environ, "CIVCAS_PURE_PYTHON": "1"}
    stdin = "".join(json.dumps(r) + "\n" for r in records)
    out = subprocess.run(
        [sys.executable, "-c", _EXTRACT_LINES],
        input=stdin,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert json.loads(out[-1]) == {"compiled": False}
    return out[:-1]


def _in_process(records: list[dict[str, str | None]]) -> list[str]:
    if not compiled.ACTIVE:
        pytest.skip("the compiled extractor is not built or not current (`make install` builds it)")
    return [
        extract_report(id=str(r["id"]), text=r["text"] or "", published=r["published"]).model_dump_json()
        for r in records
    ]


def test_compiled_modules_are_loaded_when_current() -> None:
    if not compiled.ACTIVE:
        pytest.skip("the compiled extractor is not built or not current (`make install` builds it)")
    from civcas.extract import casualties, gazetteer, terms

    for module in (casualties, gazetteer, terms):
        assert module.__file__ is not None and not module.__file__.endswith(".py"), module.__file__


def test_compiled_output_equals_pure_python_on_the_examples() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "examples").glob("*.txt"))]
    texts += [
        "قالت مصادر محلية إن غارة جوية على قرية قرب معرة النعمان أمس أدت إلى مقتل ثلاثة أطفال وامرأتين.",
        "Between 4 and 9 civilians, including two children, were killed on Friday night in Raqqa.",
    ]
    records: list[dict[str, str | None]] = [
        {"id": f"t{i}", "text": t, "published": "2017-05-14"} for i, t in enumerate(texts)
    ]
    assert _in_process(records) == _pure_python(records)


@pytest.mark.shared
def test_compiled_output_equals_pure_python_on_the_development_data(shared_data: Path) -> None:
    records: list[dict[str, str | None]] = []
    for name in ("airwars-gaza-2023", "tbij-drone-strikes", "airwars-syria-sources"):
        with (shared_data / f"{name}.dev.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                if r.get("text"):
                    records.append({"id": r["id"], "text": r["text"], "published": r.get("published")})
    assert _in_process(records) == _pure_python(records)


def _build(directory: Path, digest: str) -> Path:
    (directory / "civcas" / "extract").mkdir(parents=True)
    (directory / compiled.MANIFEST).write_text(json.dumps({"digest": digest}), encoding="utf-8")
    return directory


def test_a_build_from_other_sources_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CIVCAS_PURE_PYTHON", raising=False)
    monkeypatch.setattr(compiled, "ACTIVE", compiled.ACTIVE)
    monkeypatch.setattr(sys, "path", list(sys.path))
    stale = _build(tmp_path / "stale", "0" * 64)
    search_path: list[str] = ["src/civcas/extract"]
    assert compiled.activate(search_path, stale) is False
    assert search_path == ["src/civcas/extract"]

    current = _build(tmp_path / "current", compiled.source_digest())
    assert compiled.activate(search_path, current) is True
    assert search_path == [str(current / "civcas" / "extract"), "src/civcas/extract"]
    assert str(current) in sys.path


def test_pure_python_can_be_forced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIVCAS_PURE_PYTHON", "1")
    search_path: list[str] = []
    assert compiled.activate(search_path, _build(tmp_path, compiled.source_digest())) is False
    assert search_path == []


def test_a_missing_build_leaves_the_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CIVCAS_PURE_PYTHON", raising=False)
    search_path: list[str] = []
    assert compiled.activate(search_path, tmp_path / "nothing here") is False
    assert search_path == []
