"""Promises a belligerent makes about an incident, tracked until it answers them.

"We will provide this information to our civilian casualty team" and "will investigate"
are commitments with a date; a later verdict by the same party answers them.
"""

from __future__ import annotations

import re

from civcas.model.vocabulary import Stance

_REFERRAL = re.compile(r"casualty (?:team|cell)|refer|forward|provide this information|assessment team", re.I)

# Parties whose promises we track: the belligerents, not monitors or witnesses.
NOT_BELLIGERENTS = frozenset({"", "Unknown", "witness", "monitor"})


def commitment_kind(stance: str, quote: str | None) -> str | None:
    """'refer' or 'investigate' for a statement that promises an answer, else None."""
    if stance != Stance.INVESTIGATING.value:
        return None
    return "refer" if quote and _REFERRAL.search(quote) else "investigate"


def answers(verdict_party: str, commitment_party: str) -> bool:
    """Whether a verdict by one party answers a promise made by another (the same belligerent)."""
    return verdict_party.casefold() == commitment_party.casefold()
