"""The Splink model's fixed parts: the m priors cover every level and reach Splink fixed, and training
on a set re-estimates only what depends on it (u and the prior)."""

import math

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
