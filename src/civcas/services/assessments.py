"""Assessing an incident: state moves, four-eyes review before publication, figure overrides.

Every change is audited. Moves below publication take effect at once; publication needs
an analyst's proposal approved by another user with the reviewer role.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TypeVar

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, aliased

from civcas.assess.reconcile import FIGURES
from civcas.assess.review import check_can_propose, check_can_review
from civcas.assess.workflow import check_transition
from civcas.errors import Conflict, InputError, InvalidTransition, NotFound
from civcas.model.incident import AssessmentView
from civcas.model.vocabulary import Grade, IncidentState, Role, StrikeStatus
from civcas.services.actor import Actor
from civcas.services.incident_facts import refresh_incident
from civcas.store import audit, core
from civcas.store.tables import Assessment, Incident, User

E = TypeVar("E", Grade, StrikeStatus, IncidentState)


def _parse(enum: type[E], value: str | None, what: str) -> E | None:
    if value is None or value == "":
        return None
    for member in enum:
        if value.casefold() in (member.value.casefold(), member.name.casefold()):
            return member
    options = ", ".join(m.value for m in enum)
    raise InputError(f"unknown {what} {value!r}; valid: {options}", code=f"bad_{what.replace(' ', '_')}")


def _load(session: Session, incident_id: int, expected_version: int | None) -> Incident:
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise NotFound(f"no incident {incident_id}")
    if expected_version is not None and expected_version != incident.version:
        raise Conflict(
            f"incident {incident_id} changed since you loaded it (version {incident.version}, "
            f"you had {expected_version}); reload and try again"
        )
    return incident


def _snapshot(incident: Incident) -> dict[str, str | None]:
    return {"state": incident.state, "grade": incident.grade, "strike_status": incident.strike_status}


def view(row: Assessment) -> AssessmentView:
    return AssessmentView(
        id=row.id,
        incident_id=row.incident_id,
        state=row.state,
        grade=row.grade,
        strike_status=row.strike_status,
        note=row.note,
        user=row.user.username if row.user else None,
        created_at=row.created_at,
        status=row.status,
        reviewer=row.reviewer.username if row.reviewer else None,
        reviewed_at=row.reviewed_at,
        review_note=row.review_note,
    )


# An incident's assessment history as its page and the API show it, with who made and reviewed each
# decision joined in: built once, run on the connection (store/core.py).
_MADE_BY = aliased(User)
_REVIEWED_BY = aliased(User)
_ASSESSMENTS_OF = (
    select(
        Assessment.id,
        Assessment.incident_id,
        Assessment.state,
        Assessment.grade,
        Assessment.strike_status,
        Assessment.note,
        _MADE_BY.username.label("user"),
        Assessment.created_at,
        Assessment.status,
        _REVIEWED_BY.username.label("reviewer"),
        Assessment.reviewed_at,
        Assessment.review_note,
    )
    .outerjoin(_MADE_BY, _MADE_BY.id == Assessment.user_id)
    .outerjoin(_REVIEWED_BY, _REVIEWED_BY.id == Assessment.reviewer_id)
    .where(Assessment.incident_id == bindparam("incident_id"))
    .order_by(Assessment.id)
)


def incident_assessments(session: Session, incident_id: int) -> list[AssessmentView]:
    """An incident's assessments, oldest first (the same views as `view` gives)."""
    return [
        AssessmentView(**row._mapping)
        for row in core.read(session, _ASSESSMENTS_OF, {"incident_id": incident_id})
    ]


def assess(
    session: Session,
    incident_id: int,
    by: Actor,
    *,
    state: str | None = None,
    grade: str | None = None,
    strike_status: str | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> AssessmentView:
    """Record one assessment decision below publication and apply it to the incident at once."""
    by.require(Role.ANALYST, "assessing an incident")
    incident = _load(session, incident_id, expected_version)
    new_state = _parse(IncidentState, state, "state") or IncidentState(incident.state)
    new_grade = _parse(Grade, grade, "grade")
    new_status = _parse(StrikeStatus, strike_status, "strike status")
    assert by.role is not None
    if new_state == IncidentState.PUBLISHED and incident.state != IncidentState.PUBLISHED.value:
        raise InvalidTransition(
            "publication goes through four-eyes review: propose the assessment, then another user "
            "with the reviewer role approves it",
            code="needs_review",
        )
    check_transition(IncidentState(incident.state), new_state, by.role)
    before = _snapshot(incident)
    incident.state = new_state.value
    if new_grade:
        incident.grade = new_grade.value
    if new_status:
        incident.strike_status = new_status.value
    row = Assessment(
        incident_id=incident.id,
        user_id=by.user_id,
        state=incident.state,
        grade=incident.grade,
        strike_status=incident.strike_status,
        note=note,
        status="applied",
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor=by.username,
        action="incident.assess",
        entity="incident",
        entity_id=incident.id,
        payload={"assessment": row.id, "before": before, "after": _snapshot(incident), "note": note},
    )
    return view(row)


def propose(
    session: Session,
    incident_id: int,
    by: Actor,
    *,
    grade: str,
    strike_status: str | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> AssessmentView:
    """Put a grade (and strike status) up for a second person's review; the incident becomes 'assessed'."""
    by.require(Role.ANALYST, "proposing an assessment")
    incident = _load(session, incident_id, expected_version)
    new_grade = _parse(Grade, grade, "grade")
    if new_grade is None:
        raise InputError("a proposal needs a grade", code="bad_grade")
    new_status = _parse(StrikeStatus, strike_status, "strike status")
    check_can_propose(IncidentState(incident.state))
    pending = session.scalar(
        select(Assessment.id).where(Assessment.incident_id == incident.id, Assessment.status == "proposed")
    )
    if pending is not None:
        raise Conflict(f"assessment {pending} is already waiting for review on incident {incident.id}")
    before = _snapshot(incident)
    incident.state = IncidentState.ASSESSED.value
    row = Assessment(
        incident_id=incident.id,
        user_id=by.user_id,
        state=IncidentState.PUBLISHED.value,
        grade=new_grade.value,
        strike_status=new_status.value if new_status else incident.strike_status,
        note=note,
        status="proposed",
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor=by.username,
        action="assessment.propose",
        entity="incident",
        entity_id=incident.id,
        payload={
            "assessment": row.id,
            "before": before,
            "grade": row.grade,
            "strike_status": row.strike_status,
            "note": note,
        },
    )
    return view(row)


def review(
    session: Session, assessment_id: int, by: Actor, *, approve: bool, note: str = ""
) -> AssessmentView:
    """Approve (publishing the incident with the proposed grade) or reject a proposal."""
    by.require(Role.REVIEWER, "reviewing an assessment")  # permission first: it reveals nothing
    row = session.get(Assessment, assessment_id)
    if row is None:
        raise NotFound(f"no assessment {assessment_id}")
    if row.status != "proposed":
        raise Conflict(f"assessment {assessment_id} is {row.status}, not waiting for review")
    check_can_review(row.user_id, by.user_id, by.role)
    if not approve and not note.strip():
        raise InputError("a rejection needs a note saying why", code="missing_reason")
    incident = row.incident
    before = _snapshot(incident)
    row.status = "approved" if approve else "rejected"
    row.reviewer_id = by.user_id
    row.reviewed_at = datetime.now(UTC)
    row.review_note = note
    if approve:
        incident.state = IncidentState.PUBLISHED.value
        incident.grade = row.grade
        incident.strike_status = row.strike_status
    else:
        incident.state = IncidentState.UNDER_ASSESSMENT.value
    session.flush()
    audit.record(
        session,
        actor=by.username,
        action="assessment.approve" if approve else "assessment.reject",
        entity="incident",
        entity_id=incident.id,
        payload={"assessment": row.id, "before": before, "after": _snapshot(incident), "note": note},
    )
    return view(row)


def override_figure(
    session: Session,
    incident_id: int,
    by: Actor,
    *,
    figure: str,
    minimum: int | None,
    maximum: int | None,
    reason: str,
) -> dict[str, object]:
    """Set (or, with no min and max, remove) an analyst's figure in place of the reconciled one."""
    by.require(Role.ANALYST, "overriding a figure")
    if figure not in FIGURES:
        raise InputError(f"unknown figure {figure!r}; valid: {', '.join(FIGURES)}", code="bad_figure")
    if not reason.strip():
        raise InputError("an override needs a reason", code="missing_reason")
    if (minimum is None) != (maximum is None) or (
        minimum is not None and maximum is not None and not 0 <= minimum <= maximum
    ):
        raise InputError(
            "an override is a range with 0 <= min <= max (or neither, to remove it)", code="bad_range"
        )
    incident = _load(session, incident_id, None)
    overrides = dict(incident.figure_overrides or {})
    previous = overrides.get(figure)
    if minimum is None:
        overrides.pop(figure, None)
    else:
        overrides[figure] = {
            "min": minimum,
            "max": maximum,
            "reason": reason,
            "by": by.username,
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
    incident.figure_overrides = overrides
    refresh_incident(session, incident)
    audit.record(
        session,
        actor=by.username,
        action="incident.override",
        entity="incident",
        entity_id=incident.id,
        payload={"figure": figure, "before": previous, "after": overrides.get(figure), "reason": reason},
    )
    return {"figure": figure, "override": overrides.get(figure)}


def publish_names(session: Session, incident_id: int, by: Actor, *, public: bool, note: str) -> bool:
    """An admin's decision to show (or again withhold) victims' and witnesses' names in public views."""
    by.require(Role.ADMIN, "publishing the names of victims and witnesses")
    if not note.strip():
        raise InputError("publishing or withholding names needs a note saying why", code="missing_reason")
    incident = _load(session, incident_id, None)
    before = incident.names_public
    incident.names_public = public
    audit.record(
        session,
        actor=by.username,
        action="incident.names_public",
        entity="incident",
        entity_id=incident.id,
        payload={"before": before, "after": public, "note": note},
    )
    return public
