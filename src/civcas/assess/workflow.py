"""The analyst workflow: which state an incident may move to, and who may move it.

new → triaged → under_assessment → assessed → published, and any assessed or
published incident may be reopened on new information.
"""

from __future__ import annotations

from civcas.errors import InvalidTransition, PermissionDenied
from civcas.model.vocabulary import IncidentState as S
from civcas.model.vocabulary import Role

TRANSITIONS: dict[S, frozenset[S]] = {
    S.NEW: frozenset({S.TRIAGED, S.UNDER_ASSESSMENT}),
    S.TRIAGED: frozenset({S.UNDER_ASSESSMENT, S.NEW}),
    S.UNDER_ASSESSMENT: frozenset({S.ASSESSED, S.TRIAGED}),
    S.ASSESSED: frozenset({S.PUBLISHED, S.UNDER_ASSESSMENT, S.REOPENED}),
    S.PUBLISHED: frozenset({S.REOPENED}),
    S.REOPENED: frozenset({S.UNDER_ASSESSMENT, S.TRIAGED}),
}

# The lowest role that may move an incident into each state.
REQUIRED_ROLE: dict[S, Role] = {
    S.NEW: Role.ANALYST,
    S.TRIAGED: Role.ANALYST,
    S.UNDER_ASSESSMENT: Role.ANALYST,
    S.ASSESSED: Role.ANALYST,
    S.PUBLISHED: Role.REVIEWER,
    S.REOPENED: Role.ANALYST,
}

RANK: dict[Role, int] = {Role.VIEWER: 0, Role.ANALYST: 1, Role.REVIEWER: 2, Role.ADMIN: 3}


def role_at_least(role: Role, needed: Role) -> bool:
    return RANK[role] >= RANK[needed]


def check_transition(current: S, target: S, role: Role) -> None:
    """Raise a clear error when the move is not allowed; staying in place is always allowed."""
    if target == current:
        return
    allowed = TRANSITIONS[current]
    if target not in allowed:
        options = ", ".join(sorted(allowed))
        raise InvalidTransition(f"an incident cannot move from {current} to {target}; allowed: {options}")
    needed = REQUIRED_ROLE[target]
    if not role_at_least(role, needed):
        raise PermissionDenied(
            f"moving an incident to {target} needs the {needed} role or higher; you are {role}"
        )
