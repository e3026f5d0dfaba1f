"""The Splink model's fixed parts: the m priors cover every level and reach Splink fixed, and training
on a set re-estimates only what depends on it (u and the prior)."""

import math
from typing import Any

import pytest

from civcas.link import splink_model
from civcas.link.comparisons import COMPARISONS
from civcas.link.engine import get_engine
from civcas.link.features import finish_rows
from civcas.link.synthetic import generate


def test_every_level_has_an_m_prior_and_they_sum_to_one() -> None:
    for comp in COMPARISONS:
        priors = splink_model.M_PRIORS[comp.name]
        labels = [level.label for level in comp.levels if not level.is_null]
        assert sorted(priors) == sorted(labels), comp.name
        assert math.isclose(sum(priors.values()), 1.0, abs_tol=0.011), comp.name


def test_settings_carry_the_priors_fixed() -> None:
    settings = splink_model.settings([]).get_settings("duckdb").as_dict()
    for comp in settings["comparisons"]:
        for level in comp["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            assert (
                level["m_probability"]
                == splink_model.M_PRIORS[comp["output_column_name"]][level["label_for_charts"]]
            )
            assert level["fix_m_probability"] is (comp["output_column_name"] not in splink_model.EM_TRAINED)


@pytest.mark.slow
def test_training_keeps_fixed_m_and_learns_u_from_the_set() -> None:
    rows = [r.row for r in generate(400, seed=3)]
    finish_rows(rows, [r.tokens for r in rows])
    result = get_engine("duckdb").link(rows, train=True)
    for comp in result.model["comparisons"]:
        if comp["output_column_name"] in splink_model.EM_TRAINED:
            continue
        priors = splink_model.M_PRIORS[comp["output_column_name"]]
        for level in comp["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            assert level["m_probability"] == pytest.approx(
                max(priors[level["label_for_charts"]], splink_model.M_FLOOR)
            )
            assert 0 < level["u_probability"] <= 1
    bundled = splink_model.load_params()
    u_here = [
        lv["u_probability"]
        for c in result.model["comparisons"]
        for lv in c["comparison_levels"]
        if "u_probability" in lv
    ]
    u_bundled = [
        lv["u_probability"]
        for c in bundled["comparisons"]
        for lv in c["comparison_levels"]
        if "u_probability" in lv
    ]
    assert u_here != u_bundled


def test_text_levels_in_sql_agree_with_the_python_the_incremental_path_uses() -> None:
    import duckdb

    from civcas.link.comparisons import TEXT
    from civcas.link.features import text_vector

    words = "saraqib khalil omar market haddad raqqa bridge school bakery mosque clinic tanker convoy farm".split()
    streets = [f"street{i}" for i in range(20)]
    df = {w: 2 + i % 5 for i, w in enumerate(words + streets)}
    texts = [words[0:7], words[6:13], words[3:14], words[0:2] + words[9:14], ["bridge"], ["bridge", *streets]]
    vectors = [text_vector(t, df, 1000) for t in texts]
    levels = splink_model.splink_comparison(TEXT).get_comparison("duckdb").comparison_levels
    con = duckdb.connect()
    seen = set()
    for a, (wa, xa) in enumerate(vectors):
        for b, (wb, xb) in enumerate(vectors):
            left = {"text_words": wa, "text_weights": xa, "script": "latin"}
            right = {"text_words": wb, "text_weights": xb, "script": "latin"}
            python = TEXT.level_of(left, right)
            con.execute(
                "CREATE OR REPLACE TABLE p AS SELECT ?::VARCHAR[] text_words_l, ?::DOUBLE[] text_weights_l, "
                "?::VARCHAR[] text_words_r, ?::DOUBLE[] text_weights_r, 'latin' script_l, 'latin' script_r",
                [wa, xa, wb, xb],
            )
            sql = _first_level_met(con, levels)
            assert sql == python, (texts[a], texts[b])
            seen.add(python)
    assert seen == set(range(1, len(levels)))  # the pairs reach every level, not one


def _first_level_met(con: Any, levels: list[Any]) -> int:
    """The index of the first level whose SQL the row in table `p` meets (the last: else)."""
    met = [
        bool(con.execute(f"SELECT coalesce(({lvl.sql_condition}), false) FROM p").fetchone()[0])
        for lvl in levels[:-1]
    ]
    return met.index(True) if True in met else len(levels) - 1


@pytest.mark.parametrize("name", ["killed", "injured"])
def test_figure_levels_in_sql_agree_with_the_python(name: str) -> None:
    import duckdb

    comp = next(c for c in COMPARISONS if c.name == name)
    levels = splink_model.splink_comparison(comp).get_comparison("duckdb").comparison_levels
    lo, hi = comp.columns
    figures = [(None, None), (3, 3), (3, 3), (2, 5), (5, 5), (6, 8), (20, 20), (0, 40)]
    con = duckdb.connect()
    seen = set()
    for a in figures:
        for b in figures:
            left, right = {lo: a[0], hi: a[1]}, {lo: b[0], hi: b[1]}
            python = comp.level_of(left, right)
            con.execute(
                f"CREATE OR REPLACE TABLE p AS SELECT ?::INTEGER {lo}_l, ?::INTEGER {hi}_l, "
                f"?::INTEGER {lo}_r, ?::INTEGER {hi}_r",
                [a[0], a[1], b[0], b[1]],
            )
            sql = _first_level_met(con, levels)
            assert sql == python, (a, b)
            seen.add(python)
    assert seen == set(range(len(levels)))


@pytest.mark.parametrize("name", ["places_named", "target_types"])
def test_list_levels_in_sql_agree_with_the_python(name: str) -> None:
    import duckdb

    comp = next(c for c in COMPARISONS if c.name == name)
    levels = splink_model.splink_comparison(comp).get_comparison("duckdb").comparison_levels
    (col,) = comp.columns
    lists = [None, ["a"], ["a", "b"], ["b", "c"], ["c"], ["d"]]
    con = duckdb.connect()
    seen = set()
    for a in lists:
        for b in lists:
            python = comp.level_of({col: a}, {col: b})
            con.execute(
                f"CREATE OR REPLACE TABLE p AS SELECT ?::VARCHAR[] {col}_l, ?::VARCHAR[] {col}_r", [a, b]
            )
            sql = _first_level_met(con, levels)
            assert sql == python, (a, b)
            seen.add(python)
    assert seen == set(range(len(levels)))
    # A row stored before the column existed (the incremental path's JSON) is unknown, not a mismatch.
    assert comp.level_of({}, {col: ["a"]}) == 0
    assert comp.level_of({col: []}, {col: ["a"]}) == 0


@pytest.mark.parametrize("name", ["places_named", "target_types"])
def test_list_levels_are_written_in_spark_sql_too(name: str) -> None:
    comp = next(c for c in COMPARISONS if c.name == name)
    levels = splink_model.splink_comparison(comp).get_comparison("spark").comparison_levels
    assert f"arrays_overlap({name}_l, {name}_r)" in levels[1].sql_condition
