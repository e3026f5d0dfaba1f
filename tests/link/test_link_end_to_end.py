"""Link a small set written for this test: English and Arabic reports of the same strikes must join,
strikes on the same day elsewhere or at the same place on another day must not."""

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from civcas.cli import link as link_cli
from civcas.link.engine import EngineUnavailable, LinkError, get_engine
from civcas.link.evaluate import score
from civcas.link.features import finish_rows
from civcas.link.files import link_file
from civcas.link.splink_model import DEFAULT_THRESHOLD
from civcas.link.synthetic import generate

REPORTS = [
    ("a1", "en", "2019-03-13", "On 12 March 2019 a Russian airstrike hit a market in Saraqib, Idlib, killing 5 "
     "civilians including Ahmad Khalil and his son Omar."),
    ("a2", "ar", None, "قتل 5 مدنيين بينهم أحمد خليل وابنه عمر في غارة جوية روسية استهدفت سوق مدينة سراقب بريف "
     "إدلب يوم 12 آذار 2019."),
    ("a3", "en", "2019-03-12", "Russian warplanes struck the market of Saraqib in Idlib province on Tuesday 12 "
     "March 2019; five civilians died, among them Ahmad Khalil."),
    ("b1", "en", "2019-03-12", "Shelling by regime forces on the Salah al-Din neighbourhood of Aleppo killed 3 "
     "civilians on 12 March 2019."),
    ("c1", "en", "2021-07-05", "On 4 July 2021 regime artillery shelled Saraqib in Idlib, killing 2 civilians, the "
     "brothers Yasser and Bilal Haddad."),
    ("c2", "ar", None, "قتل مدنيان هما الأخوان ياسر وبلال حداد بقصف مدفعي لقوات النظام على مدينة سراقب في ريف إدلب "
     "يوم 4 تموز 2021."),
    ("d1", "en", "2017-06-21", "A US-led coalition airstrike on a residential building in Raqqa killed 12 "
     "civilians on 20 June 2017, local activists said."),
    ("d2", "ar", None, "قتل 12 مدنياً في غارة لطيران التحالف الدولي على مبنى سكني في مدينة الرقة يوم 20 حزيران "
     "2017 بحسب ناشطين محليين."),
]  # fmt: skip


def _write(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for rid, lang, pub, text in REPORTS:
            rec = {"id": rid, "text": text, "language": lang} | ({"published": pub} if pub else {})
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def _clusters(path: Path) -> dict[str, int]:
    lines = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    assert [rec["id"] for rec in lines] == [r[0] for r in REPORTS]  # one line per input, in input order
    return {rec["id"]: rec["cluster"] for rec in lines}


def test_english_and_arabic_reports_of_one_strike_join(tmp_path: Path) -> None:
    out = tmp_path / "clusters.jsonl"
    result = link_file(_write(tmp_path / "in.jsonl"), out, train=False)
    c = _clusters(out)
    assert c["a1"] == c["a2"] == c["a3"]
    assert c["c1"] == c["c2"]
    assert c["d1"] == c["d2"]
    assert len({c["a1"], c["b1"], c["c1"], c["d1"]}) == 4  # same day elsewhere, same place another day
    # Every link keeps its weight, so the incident page can say why reports were joined.
    assert result.edges and all(e.match_weight >= DEFAULT_THRESHOLD for e in result.edges)
    first = json.loads(out.read_text("utf-8").splitlines()[1])
    assert first["match_weight"] is not None and first["linked_to"] in {"a1", "a3"}


def test_threshold_is_the_users_choice(tmp_path: Path) -> None:
    out = tmp_path / "clusters.jsonl"
    link_file(_write(tmp_path / "in.jsonl"), out, train=False, threshold=40.0)
    assert len(set(_clusters(out).values())) == len(REPORTS)


def test_cli_link_and_eval_link_are_registered(tmp_path: Path) -> None:
    app = typer.Typer()
    link_cli.register(app)
    app.command("noop")(lambda: None)
    out = tmp_path / "out.jsonl"
    res = CliRunner().invoke(
        app, ["link", str(_write(tmp_path / "in.jsonl")), "--output", str(out), "--no-train"]
    )
    assert res.exit_code == 0, res.output
    assert len(_clusters(out)) == len(REPORTS)
    res = CliRunner().invoke(app, ["link", str(tmp_path / "missing.jsonl"), "--output", str(out)])
    assert res.exit_code == 1
    assert "Example: civcas" in (link_cli.link.__doc__ or "") and "Example: civcas" in (
        link_cli.eval_link.__doc__ or ""
    )


def test_training_on_synthetic_reports_finds_incidents() -> None:
    reports = list(generate(3000, seed=5))
    rows = [r.row for r in reports]
    finish_rows(rows, [r.tokens for r in rows])
    result = get_engine("duckdb").link(rows, train=True, count_pairs=True)
    s = score(result.clusters, [r.incident for r in reports])
    assert s.f1 > 0.6 and s.bcubed_f1 > 0.8  # measured: 0.75 / 0.89 (0.51 / 0.80 with m from EM)
    assert result.pairs_compared is not None and result.pairs_compared < 200 * len(rows)
    assert result.model["comparisons"]
    assert 0 < result.model["probability_two_random_records_match"] < 0.01


def test_unknown_and_missing_engines_explain_themselves() -> None:
    with pytest.raises(LinkError, match="duckdb"):
        get_engine("oracle")
    try:
        import pyspark  # noqa: F401
    except ImportError:
        with pytest.raises(EngineUnavailable, match="pip install"):
            get_engine("spark").db_api()
