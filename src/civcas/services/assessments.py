"""Assessing an incident: state, grade and strike status with a note, every change audited."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from civcas.assess.workflow import check_transition
from civcas.errors import Conflict, InputError, NotFound
from civcas.model.incident import AssessmentView
from civcas.model.vocabulary import Grade, IncidentState, Role, StrikeStatus
from civcas.services.actor import Actor
from civcas.store import audit
from civcas.store.tables import Assessment, Incident

E = TypeVar("E", Grade, StrikeStatus, IncidentState)


def _parse(enum: type[E], value: str | None, what: str) -> E | None:
    if value is None or value == "":
        return None
    for member in enum:
        if value.casefold() in (member.value.casefold(), member.name.casefold()):
            return member
    options = ", ".join(m.value for m in enum)
    raise InputError(f"unknown {what} {value!r}; valid: {options}", code=f"bad_{what.replace(' ', '_')}")


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
    """Record one assessment decision and apply it to the incident."""
    by.require(Role.ANALYST, "assessing an incident")
    incident = session.get(Incident, incident_id)
    if incident is None:
        raise NotFound(f"no incident {incident_id}")
    if expected_version is not None and expected_version != incident.version:
        raise Conflict(
            f"incident {incident_id} changed since you loaded it (version {incident.version}, "
            f"you had {expected_version}); reload and try again"
        )
    new_state = _parse(IncidentState, state, "state") or IncidentState(incident.state)
    new_grade = _parse(Grade, grade, "grade")
    new_status = _parse(StrikeStatus, strike_status, "strike status")
    assert by.role is not None
    check_transition(IncidentState(incident.state), new_state, by.role)
    before = {"state": incident.state, "grade": incident.grade, "strike_status": incident.strike_status}
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
    )
    session.add(row)
    session.flush()
    after = {"state": incident.state, "grade": incident.grade, "strike_status": incident.strike_status}
    audit.record(
        session,
        actor=by.username,
        action="incident.assess",
        entity="incident",
        entity_id=incident.id,
        payload={"assessment": row.id, "before": before, "after": after, "note": note},
    )
    return AssessmentView(
        id=row.id,
        state=row.state,
        grade=row.grade,
        strike_status=row.strike_status,
        note=row.note,
        user=by.username,
        created_at=row.created_at,
    )
