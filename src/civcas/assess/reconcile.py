"""Casualty reconciliation: an incident's figures derived from what its sources claim.

The rule (documented in docs/assessment.md): for each figure, min is the lowest
minimum any source gives and max the highest maximum, so conflicting sources widen
the range instead of one overwriting another. Sources that give no figure are ignored
(a missing figure is unknown, not zero).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from civcas.model.extraction import CountRange, IncidentFacts

FIGURES = ("civilians_killed", "injured", "children_killed", "women_killed", "men_killed")


@dataclass(frozen=True, slots=True)
class Reconciled:
    figures: dict[str, CountRange | None]
    # For each figure, which of the given facts (by position) contributed to it.
    contributors: dict[str, list[int]]


def reconcile(facts: Iterable[IncidentFacts]) -> Reconciled:
    figures: dict[str, CountRange | None] = dict.fromkeys(FIGURES)
    contributors: dict[str, list[int]] = {name: [] for name in FIGURES}
    for i, f in enumerate(facts):
        for name in FIGURES:
            value: CountRange | None = getattr(f, name)
            if value is None:
                continue
            current = figures[name]
            figures[name] = value if current is None else current.widen(value)
            contributors[name].append(i)
    return Reconciled(figures, contributors)


def first_known(values: Iterable[str | None]) -> str | None:
    """The first non-empty value: the earliest source that gives a fact sets it."""
    for v in values:
        if v:
            return v
    return None
