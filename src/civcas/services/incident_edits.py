"""An analyst's merge and split of incidents: decisions no automatic linking run may undo.

Every link a merge or split touches is pinned (services/linking.py never moves a pinned report, nor
any report of an incident holding one), and both are events in the audit log.

Merging `other` into `keep`: the reports, assessments, verdicts and commitments of `other` move to
`keep`; its figures are reconciled again from all the reports (lowest minimum, highest maximum);
an analyst's override on `keep` wins over one on `other` for the same figure (the dropped one is in
the audit event); names stay withheld unless both incidents had them published. `other` is deleted
(the rollup triggers count it out) and its id redirects to `keep` (`incident_merges`, with its last
state). Assessments are never reconciled silently:

- an assessed incident (a grade, or state assessed/published) may only be merged into another
  assessed one: keep the assessed incident;
- two assessed incidents merge only when their grade and strike status agree: otherwise reopen one,
  reassess it, and merge then;
- an incident with a proposal waiting for review cannot be merged away until it is reviewed;
- merging or splitting a published incident changes public figures, so it needs the reviewer role,
  as publishing does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from civcas.errors import Conflict, InputError, NotFound
from civcas.model.vocabulary import IncidentState, Role
from civcas.services.actor import Actor
from civcas.services.incident_facts import refresh_incident
from civcas.store import audit
from civcas.store.tables import (
    Assessment,
    BelligerentVerdict,
    Commitment,
    Incident,
    IncidentFeatures,
    IncidentMerge,
    IncidentSource,
    LinkKey,
)

_ASSESSED_STATES = {IncidentState.ASSESSED.value, IncidentState.PUBLISHED.value}


class MergedIncident(NotFound):
    """The incident asked for was merged into another: pages redirect there."""

    code = "merged"

    def __init__(self, merged_id: int, into_id: int) -> None:
        super().__init__(f"incident {merged_id} was merged into incident {into_id}")
        self.merged_id = merged_id
        self.into_id = into_id


def merged_into(session: Session, incident_id: int) -> int | None:
    """Where a merged incident's id now leads, or None."""
    return session.scalar(select(IncidentMerge.into_id).where(IncidentMerge.merged_id == incident_id))


@dataclass(frozen=True, slots=True)
class MergeResult:
    incident_id: int
    merged_id: int
    reports: list[int]


@dataclass(frozen=True, slots=True)
class SplitResult:
    incident_id: int
    new_incident_id: int
    reports: list[int]


def _load(session: Session, incident_id: int, by: Actor, doing: str) -> Incident:
    incident = session.get(Incident, incident_id)
    if incident is None:
        moved = merged_into(session, incident_id)
        if moved is not None:
            raise MergedIncident(incident_id, moved)
        raise NotFound(f"no incident {incident_id}")
    if incident.state == IncidentState.PUBLISHED.value:
        by.require(Role.REVIEWER, f"{doing} a published incident")
    return incident


def _assessed(incident: Incident) -> bool:
    return incident.grade is not None or incident.state in _ASSESSED_STATES


def _check_assessments(session: Session, keep: Incident, other: Incident) -> None:
    if _assessed(other) and not _assessed(keep):
        raise Conflict(
            f"incident {other.id} is assessed and incident {keep.id} is not: keep the assessed one "
            f"(merge {keep.id} into {other.id})",
            code="merge_keep_assessed",
        )
    if _assessed(other) and (keep.grade, keep.strike_status) != (other.grade, other.strike_status):
        raise Conflict(
            f"incidents {keep.id} and {other.id} have conflicting assessments "
            f"({keep.grade or 'no grade'}, {keep.strike_status or 'no strike status'} against "
            f"{other.grade or 'no grade'}, {other.strike_status or 'no strike status'}): "
            "reopen one and reassess it so they agree, then merge",
            code="merge_conflict",
        )
    waiting = session.scalar(
        select(func.count())
        .select_from(Assessment)
        .where(Assessment.incident_id == other.id, Assessment.status == "proposed")
    )
    if waiting:
        raise Conflict(
            f"incident {other.id} has a proposal waiting for review: review it before merging",
            code="merge_pending_review",
        )


def _snapshot(incident: Incident) -> dict[str, Any]:
    keep = ("state", "title", "grade", "strike_status", "place", "admin1", "belligerent")
    out: dict[str, Any] = {name: getattr(incident, name) for name in keep}
    out["date"] = incident.date.isoformat() if incident.date else None
    out["civilians_killed"] = [incident.civilians_killed_min, incident.civilians_killed_max]
    out["figure_overrides"] = dict(incident.figure_overrides or {})
    return out


def merge_incidents(
    session: Session, keep_id: int, other_id: int, by: Actor, *, note: str = ""
) -> MergeResult:
    """Merge incident `other_id` into `keep_id` (see the module's rules)."""
    by.require(Role.ANALYST, "merging incidents")
    if keep_id == other_id:
        raise InputError("an incident cannot be merged into itself", code="same_incident")
    keep = _load(session, keep_id, by, "merging")
    other = _load(session, other_id, by, "merging")
    _check_assessments(session, keep, other)
    reports = list(
        session.scalars(
            select(IncidentSource.source_id)
            .where(IncidentSource.incident_id == other.id)
            .order_by(IncidentSource.id)
        )
    )
    snapshot = _snapshot(other)
    overrides = dict(keep.figure_overrides or {})
    dropped = {k: v for k, v in (other.figure_overrides or {}).items() if k in overrides}
    overrides.update({k: v for k, v in (other.figure_overrides or {}).items() if k not in overrides})
    # Both incidents' reports are now an analyst's decision: pinned against automatic runs.
    session.execute(
        update(IncidentSource)
        .where(IncidentSource.incident_id.in_([keep.id, other.id]))
        .values(incident_id=keep.id, pinned=True)
    )
    for table in (Assessment, BelligerentVerdict, Commitment, LinkKey, IncidentFeatures):
        session.execute(update(table).where(table.incident_id == other.id).values(incident_id=keep.id))
    session.execute(update(IncidentMerge).where(IncidentMerge.into_id == other.id).values(into_id=keep.id))
    keep.figure_overrides = overrides
    keep.names_public = keep.names_public and other.names_public
    session.flush()
    # A Core delete: the ORM would otherwise null the foreign keys of the rows just moved.
    session.expunge(other)
    session.execute(delete(Incident).where(Incident.id == other_id))
    session.add(IncidentMerge(merged_id=other_id, into_id=keep.id, merged_by=by.username, snapshot=snapshot))
    session.expire(keep, ["links", "assessments"])
    refresh_incident(session, keep)
    session.flush()
    payload = {"merged": other_id, "reports": reports, "note": note, "overrides_dropped": dropped}
    audit.record(
        session,
        actor=by.username,
        action="incident.merge",
        entity="incident",
        entity_id=keep.id,
        payload=payload,
    )
    audit.record(
        session,
        actor=by.username,
        action="incident.merged_into",
        entity="incident",
        entity_id=other_id,
        payload={"into": keep.id, "was": snapshot, "note": note},
    )
    return MergeResult(keep.id, other_id, reports)


def split_incident(
    session: Session, incident_id: int, report_ids: Iterable[int], by: Actor, *, note: str = ""
) -> SplitResult:
    """Move the given reports of an incident into a new incident of their own.

    The assessments, verdicts and the analyst's overrides stay with the original incident; promises
    quoted from a moved report go with it. Every report on both sides is pinned.
    """
    by.require(Role.ANALYST, "splitting incidents")
    chosen = sorted(set(report_ids))
    if not chosen:
        raise InputError("choose the reports to split off", code="no_reports")
    incident = _load(session, incident_id, by, "splitting")
    links = list(session.scalars(select(IncidentSource).where(IncidentSource.incident_id == incident.id)))
    linked = {lk.source_id for lk in links}
    unknown = [r for r in chosen if r not in linked]
    if unknown:
        raise InputError(
            f"reports {', '.join(map(str, unknown))} are not in incident {incident_id}",
            code="not_in_incident",
        )
    if set(chosen) == linked:
        raise InputError("at least one report must stay in the incident", code="split_all")
    new = Incident(state=IncidentState.NEW.value)
    session.add(new)
    session.flush()
    for lk in links:
        lk.pinned = True
        if lk.source_id in chosen:
            lk.incident_id = new.id
            lk.method = "manual"
            lk.score = None
            lk.reasons = {"split_from": incident.id, "by": by.username}
    session.execute(update(LinkKey).where(LinkKey.source_id.in_(chosen)).values(incident_id=new.id))
    session.execute(
        update(Commitment)
        .where(Commitment.incident_id == incident.id, Commitment.source_id.in_(chosen))
        .values(incident_id=new.id)
    )
    session.flush()
    session.expire(incident, ["links"])
    refresh_incident(session, incident)
    refresh_incident(session, new)
    session.flush()
    audit.record(
        session,
        actor=by.username,
        action="incident.split",
        entity="incident",
        entity_id=incident.id,
        payload={"reports": chosen, "new_incident": new.id, "note": note},
    )
    audit.record(
        session,
        actor=by.username,
        action="incident.create",
        entity="incident",
        entity_id=new.id,
        payload={"split_from": incident.id, "reports": chosen, "method": "manual"},
    )
    return SplitResult(incident.id, new.id, chosen)
