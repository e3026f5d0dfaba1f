"""Four-eyes review: an assessment is published only when a second person approves it."""

from __future__ import annotations

from civcas.errors import InvalidTransition, PermissionDenied
from civcas.model.vocabulary import IncidentState, Role

# States from which an analyst may put an assessment up for review.
PROPOSABLE = frozenset({IncidentState.UNDER_ASSESSMENT, IncidentState.ASSESSED, IncidentState.REOPENED})


def check_can_propose(state: IncidentState) -> None:
    if state not in PROPOSABLE:
        allowed = ", ".join(sorted(PROPOSABLE))
        raise InvalidTransition(
            f"an assessment can be proposed for review only from {allowed}; the incident is {state}"
        )


def check_can_review(proposer_id: int | None, reviewer_id: int | None, reviewer_role: Role | None) -> None:
    """The reviewer must hold the reviewer role (or admin) and must not be the proposer."""
    if reviewer_role not in (Role.REVIEWER, Role.ADMIN):
        raise PermissionDenied("approving or rejecting an assessment needs the reviewer role or higher")
    if reviewer_id is None or reviewer_id == proposer_id:
        raise PermissionDenied(
            "four-eyes rule: an assessment must be reviewed by someone other than its proposer",
            code="four_eyes",
        )
