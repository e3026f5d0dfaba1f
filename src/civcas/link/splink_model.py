"""The Splink (Fellegi-Sunter) model: settings built from comparisons.py, blocking rules, training, and
the trained parameters as a reviewable JSON file.

Training on a set estimates what depends on that set without labels: u from random pairs (Splink's
random sampling) and the prior match probability from pairs agreeing on date and place. The m values
(how often two reports of one incident agree at each level) are fixed priors, M_PRIORS below, counted
on the labelled dev sources, and EM (blocked on the date) re-estimates only those of EM_TRAINED: with
every m free it converged on "near-duplicate text" instead of "same event" and scored below the naive
rule. `civcas link --save-model` writes the parameters used (the bundled params/splink_model.json is
that run on the dev sources).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from civcas.link.comparisons import COMPARISONS, Comparison

logger = logging.getLogger(__name__)

PARAMS_FILE = "params/splink_model.json"
DEFAULT_THRESHOLD = -2.0
"""Match weight (log2 Bayes factor incl. prior: 0 = even odds, -2 = 1 to 4) at which two reports may be
joined (see clusters.py for the extra weight a link between bigger groups needs). Chosen on the dev
sources with SIZE_PENALTY: on the whole set -3 scores 0.587 / 0.683 (pairwise / B-cubed F1), -2 0.582 /
0.676, -4 0.580 / 0.673; on halves of the incidents, each linked alone, -4 scores best (0.684 / 0.732,
-2: 0.645 / 0.714). The best threshold falls as the set shrinks, sets linked in earnest are larger, and
-2 keeps precision higher: a wrong join costs an analyst more than a missed one."""
TRAIN_SAMPLE = 50_000
"""Records EM sees at most: parameters settle long before, and EM cost grows with the pairs."""
BLOCK_TOKEN_MAX_DF = 50
"""A token shared by more reports than this is not used to block: each one costs up to df² pairs."""
PAIRS_PER_REPORT = 60
"""Pair budget of the blocking rules, per report: about a minute of scoring per million reports."""


M_PRIORS: dict[str, dict[str, float]] = {
    "date": {
        "Same date in both texts": 0.67,
        "Same day (publication date allowed)": 0.04,
        "Text dates a day apart": 0.12,
        "A day apart (publication date allowed)": 0.02,
        "Within 2 days (publication date allowed)": 0.02,
        "Within a week": 0.02,
        "Within a month": 0.03,
        "All other comparisons": 0.08,
    },
    "weekday": {"Same weekday": 0.82, "All other comparisons": 0.18},
    "place": {
        "Same place name": 0.61,
        "Within 5 km": 0.01,
        "Within 25 km": 0.09,
        "Same governorate": 0.08,
        "All other comparisons": 0.21,
    },
    "places_named": {"Share a place named": 0.82, "All other comparisons": 0.18},
    "belligerent": {"Same belligerent": 0.72, "All other comparisons": 0.28},
    "event_type": {"Same event_type": 0.65, "All other comparisons": 0.35},
    "target_types": {"Share a target type": 0.78, "All other comparisons": 0.22},
    "killed": {
        "Same toll": 0.30,
        "Ranges overlap": 0.19,
        "Tolls within a factor of two": 0.28,
        "All other comparisons": 0.23,
    },
    "injured": {
        "Same injured figure": 0.21,
        "Ranges overlap": 0.14,
        "Injured figures within a factor of two": 0.42,
        "All other comparisons": 0.24,
    },
    "text": {
        "Texts alike (cosine ≥ 0.2)": 0.14,
        "Texts alike (cosine ≥ 0.1)": 0.18,
        "Texts alike (cosine ≥ 0.05)": 0.22,
        "All other comparisons": 0.46,
    },
}
"""How often two reports of one incident fall in each level (m), where both sides have a value: counted
over the 5,510 pairs of reports of one incident among the readable single-incident Airwars Syria dev
sources, with this extractor (numbers only; no text); the weekday's over the 411 such pairs where one
report is undated and names its day of the week; the injured figure's over the 693 such pairs where both
reports give one; the places named over the 2,835 where both texts name a village, town or neighbourhood
(two reports picked at random share one in 7% of such pairs); the target types over the 779 where both
name one (at random: 33%). Matches disagree far more than EM believes:
extracted places, tolls and words differ between an Arabic post and an English article of one strike."""

EM_TRAINED: frozenset[str] = frozenset({"killed"})
"""Comparisons whose m EM re-estimates on the set being linked, starting from M_PRIORS (the others keep
their priors fixed).

With every m free, EM on these reports converges on the wrong latent class, "near-duplicate texts"
rather than "one event": it learned m = 0.98 for "shares a distinctive word" (true 0.42) and 0.91 for
"same toll" (true 0.30), so two reports of one strike worded differently were pushed apart by 5 to 6
bits and the linkage scored below the naive rule. With the others held at their priors, EM on the
toll alone moves it a little (dev pairwise F1 0.491 -> 0.496); freeing the text, the place or the
belligerent costs 0.01-0.02, so those stay fixed.
"""


def cosine_level(minimum: float) -> Any:
    """A level met where the cosine of two text vectors (features.text_vector) reaches `minimum`: the
    sum, over the words both use, of the product of their weights, in each engine's own SQL."""
    from splink.internals.comparison_level_creator import ComparisonLevelCreator
    from splink.internals.dialects import SplinkDialect

    class CosineLevel(ComparisonLevelCreator):
        def create_sql(self, sql_dialect: SplinkDialect) -> str:
            if sql_dialect.sql_dialect_str == "spark":
                # array_position is 1-based and element_at takes an int, as DuckDB's list indexing.
                dot = (
                    "aggregate(array_intersect(text_words_l, text_words_r), CAST(0 AS DOUBLE), "
                    "(acc, w) -> acc + element_at(text_weights_l, CAST(array_position(text_words_l, w) AS INT)) "
                    "* element_at(text_weights_r, CAST(array_position(text_words_r, w) AS INT)))"
                )
            else:
                dot = (
                    "list_sum(list_transform(list_intersect(text_words_l, text_words_r), "
                    "w -> text_weights_l[list_position(text_words_l, w)] "
                    "* text_weights_r[list_position(text_words_r, w)]))"
                )
            return f"{dot} >= {minimum}"

        def create_label_for_charts(self) -> str:
            return f"Texts alike (cosine >= {minimum:g})"

    return CosineLevel()


def shared_level(column: str) -> Any:
    """A level met where two lists (`column`) share an element, in each engine's own SQL."""
    from splink.internals.comparison_level_creator import ComparisonLevelCreator
    from splink.internals.dialects import SplinkDialect

    class SharedLevel(ComparisonLevelCreator):
        def create_sql(self, sql_dialect: SplinkDialect) -> str:
            if sql_dialect.sql_dialect_str == "spark":
                return f"arrays_overlap({column}_l, {column}_r)"
            return f"list_has_any({column}_l, {column}_r)"

        def create_label_for_charts(self) -> str:
            return f"Share a {column}"

    return SharedLevel()


def splink_comparison(comp: Comparison) -> Any:
    import splink.comparison_level_library as cll
    import splink.comparison_library as cl

    levels: list[Any] = []
    for level in comp.levels:
        prior = M_PRIORS.get(comp.name, {}).get(level.label)
        if level.sql == "ELSE":
            levels.append(cll.ElseLevel())
        elif level.cosine_min is not None:
            levels.append(cosine_level(level.cosine_min).configure(label_for_charts=level.label))
        elif level.shares is not None:
            levels.append(shared_level(level.shares).configure(label_for_charts=level.label))
        else:
            levels.append(
                cll.CustomLevel(level.sql, label_for_charts=level.label, base_dialect_str="duckdb").configure(
                    is_null_level=level.is_null
                )
            )
        if prior is not None:
            levels[-1].configure(m_probability=prior, fix_m_probability=comp.name not in EM_TRAINED)
    return cl.CustomComparison(
        comparison_levels=levels, output_column_name=comp.name, comparison_description=comp.description
    )


@dataclass(frozen=True, slots=True)
class Blocking:
    """One blocking rule, and the columns whose equal values it joins on (to count its pairs)."""

    columns: tuple[str, ...]
    rule: Any
    core: bool = False
    """Core rules are always used: their pairs grow about linearly with the set."""


def candidate_rules() -> list[Blocking]:
    """Rules for the pairs to score, surest first; each is an equi-join, so the engine hashes."""
    from splink import block_on

    return [
        Blocking(("admin1", "day_eff"), block_on("admin1", "day_eff"), core=True),
        # The next day too (a night raid is "yesterday" in one report and "dawn today" in another).
        Blocking(("admin1", "day_eff"), "l.admin1 = r.admin1 AND l.day_eff = r.day_eff + 1", core=True),
        Blocking(("place", "week"), block_on("place", "week"), core=True),
        Blocking(("place", "pub_week"), block_on("place", "pub_week"), core=True),
        # Rare shared words (at most BLOCK_TOKEN_MAX_DF reports each, so at most linear).
        Blocking((), block_on("block_tokens", arrays_to_explode=["block_tokens"]), core=True),
        # Wider nets, used while they fit the pair budget: half the governorates an extractor reads
        # are wrong and many texts carry no date.
        Blocking(("belligerent", "day_eff"), block_on("belligerent", "day_eff")),
        Blocking(("day_eff",), block_on("day_eff")),
        Blocking(("admin1", "week"), block_on("admin1", "week")),
        Blocking(("belligerent", "week"), block_on("belligerent", "week")),
        Blocking(("place",), block_on("place")),
    ]


def choose_rules(n_records: int, count: Callable[[tuple[str, ...]], int | None]) -> list[Blocking]:
    """The core rules, then wider ones in order while the pairs stay within PAIRS_PER_REPORT × N.

    `count(columns)` says how many pairs an equi-join on those columns makes (None: unknown, and the
    rule is left out), so the pair count stays near linear whatever the size of the set.
    """
    budget = PAIRS_PER_REPORT * n_records
    chosen: list[Blocking] = []
    for b in candidate_rules():
        if b.core:
            chosen.append(b)
            if b.columns:
                budget -= count(b.columns) or 0
            continue
        pairs = count(b.columns)
        if pairs is not None and pairs <= budget:
            chosen.append(b)
            budget -= pairs
    return chosen


def blocking_rules(n_records: int, count: Callable[[tuple[str, ...]], int | None] | None = None) -> list[Any]:
    rules = choose_rules(n_records, count) if count else [b for b in candidate_rules() if b.core]
    return [b.rule for b in rules]


PRIOR = 1e-3
"""Starting value of the probability that two random reports match; training estimates it from pairs
that agree on date and place (it falls with the size of the set, about 1/N: in a million reports far
more pairs share a governorate and a day by chance, and a link needs more evidence)."""
M_FLOOR = 0.02
U_FLOOR = 1e-5


def settings(rules: list[Any], *, prior: float = PRIOR) -> Any:
    from splink import SettingsCreator

    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[splink_comparison(c) for c in COMPARISONS],
        blocking_rules_to_generate_predictions=rules,
        probability_two_random_records_match=prior,
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
        additional_columns_to_retain=[],
    )


def estimate_u_and_prior(linker: Any, n_records: int) -> None:
    """u from random pairs, and the prior from pairs agreeing on date and place, on the whole set
    (a sample of whole weeks would make "same date" look common)."""
    from splink import block_on

    linker.training.estimate_probability_two_random_records_match(
        [block_on("day_eff", "place"), block_on("day_eff", "admin1", "belligerent")], recall=0.6
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=min(2e6, max(2e5, n_records * 40.0)), seed=7)


def estimate_m(linker: Any) -> None:
    """m by EM, blocked on the date, for the comparisons in EM_TRAINED (none: the priors stand)."""
    from splink import block_on

    if not EM_TRAINED - {"date"}:
        return

    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("day_eff"),
        estimate_without_term_frequencies=True,
        fix_probability_two_random_records_match=True,
    )


def sanitise(model: dict[str, Any]) -> dict[str, Any]:
    """Fill levels training never saw (weight 0) and floor extreme estimates.

    EM drives the m of a level it rarely sees towards 0 (a weight of -40 bits for "within 25 km" on a
    set where towns are further apart): one such level would veto any link. Floors keep any one
    comparison's say against a link within about 5.6 bits.
    """
    for comp in model["comparisons"]:
        for level in comp["comparison_levels"]:
            if level.get("is_null_level"):
                continue
            m, u = level.get("m_probability"), level.get("u_probability")
            if m is None and u is None:
                m = u = 0.5
            m = u if m is None else m
            u = m if u is None else u
            level["m_probability"] = max(float(m), M_FLOOR)
            level["u_probability"] = max(float(u), U_FLOOR)
    return model


def bundled_params_path() -> Path:
    return Path(str(resources.files("civcas.link").joinpath(PARAMS_FILE)))


def load_params(path: Path | None = None) -> dict[str, Any]:
    """The trained model (Splink's own JSON: comparisons, levels, m and u probabilities, prior)."""
    path = path or bundled_params_path()
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def save_params(model: dict[str, Any], path: Path) -> None:
    # Blocking rules depend on the size of the set being linked, not on the model: they are rebuilt.
    model = {**model, "blocking_rules_to_generate_predictions": []}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model, indent=2, ensure_ascii=False) + "\n", "utf-8")


def with_blocking(model: dict[str, Any], rules: list[Any], sql_dialect: str) -> dict[str, Any]:
    """A saved model with these blocking rules."""
    rules = [
        {"blocking_rule": r} if isinstance(r, str) else r.get_blocking_rule(sql_dialect).as_dict()
        for r in rules
    ]
    return {**model, "blocking_rules_to_generate_predictions": rules}
