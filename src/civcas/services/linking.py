"""Incremental linking in the store: a new report is scored against the reports of the incidents that
share one of its blocking keys, and joins the best one at or above the threshold, or starts a new one.

Candidates come from `link_keys` through its (key, incident_id) index, a few range scans per report,
so the cost does not grow with the number of incidents (bench/link_bench.py, "incremental (database)").
Each link keeps the report's feature row (to score later reports against) and the reasons it was
joined (the report it matched best, each comparison's level and weight) for the incident page.

Links an analyst placed or confirmed (merge, split: services/incident_edits.py) are pinned: the
automatic re-run here (`relink`) never moves them and never moves a report into or out of them.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from civcas.link.features import TOKENS_PER_REPORT, row_from_facts, shared_words, token_hash
from civcas.link.incremental import (
    BlockingKey,
    Candidate,
    IncrementalLinker,
    Match,
    blocking_keys,
    choose_words,
    key_cap,
)
from civcas.link.splink_model import BLOCK_TOKEN_MAX_DF
from civcas.model.extraction import CountRange, IncidentFacts
from civcas.model.vocabulary import IncidentState, Role
from civcas.services.actor import Actor
from civcas.services.incident_facts import refresh_incident
from civcas.store import audit
from civcas.store.tables import (
    Assessment,
    BelligerentVerdict,
    Commitment,
    Extraction,
    Incident,
    IncidentFeatures,
    IncidentMerge,
    IncidentSource,
    LinkKey,
    LinkToken,
    Source,
)

AUTOMATIC = "splink"
"""The method of a link the incremental linker made; "new" starts an incident, "manual" is an analyst's."""


@cache
def default_linker() -> IncrementalLinker:
    """The bundled model, loaded once per process."""
    return IncrementalLinker.bundled()


def linker_at(threshold: float | None) -> IncrementalLinker:
    if threshold is None:
        return default_linker()
    return IncrementalLinker(_model(), threshold)


@cache
def _model() -> dict[str, Any]:
    from civcas.link.splink_model import load_params

    return load_params()


def key_hash(key: BlockingKey) -> int:
    """A blocking key as a signed 64-bit integer: a compact index; a collision only adds a candidate."""
    return token_hash("\x1f".join("" if part is None else str(part) for part in key))


def features_of(source: Source, facts: IncidentFacts | None) -> dict[str, Any]:
    """The report's linkage row, with all its content words: `link_row` keeps the distinctive few."""
    row, tokens = row_from_facts(
        source.id, str(source.id), facts, text=source.text, published=source.published
    )
    row.tokens = tokens
    return row.as_dict()


def rare_words(session: Session, tokens: Iterable[str], k: int = TOKENS_PER_REPORT) -> dict[str, Any]:
    """The report's k rarest words among the reports linked so far, to block on, and its text vector
    (incremental.choose_words); its words are then counted in. Rarity is read before this report is
    counted, from `link_tokens` by primary key."""
    words = {t: token_hash(t) for t in set(tokens)}
    if not words:
        return {"tokens": [], "text_words": [], "text_weights": []}
    hashes = sorted(set(words.values()))
    seen: dict[int, int] = {}
    for start in range(0, len(hashes), 500):
        chunk = hashes[start : start + 500]
        stmt = select(LinkToken.token, LinkToken.reports).where(LinkToken.token.in_(chunk))
        seen.update(session.execute(stmt).all())
    n_docs = session.scalar(select(func.max(IncidentSource.id))) or 0
    chosen = choose_words(words, seen, n_docs, k)
    _count_words(session, hashes)
    return chosen


def _count_words(session: Session, hashes: list[int]) -> None:
    # Sorted, so concurrent writers on PostgreSQL take the row locks in one order.
    upsert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = upsert(LinkToken).values([{"token": h, "reports": 1} for h in hashes])
    session.execute(
        stmt.on_conflict_do_update(index_elements=[LinkToken.token], set_={"reports": LinkToken.reports + 1})
    )


def candidates(
    session: Session,
    keys: Iterable[BlockingKey],
    *,
    max_per_key: int = BLOCK_TOKEN_MAX_DF,
    skip_source: int | None = None,
) -> list[Candidate]:
    """The incidents sharing any key, each with its reports' feature rows.

    A key shared by more than `max_per_key` incidents (a common word, a busy day in one governorate)
    is skipped, as the batch rules skip common tokens: it would cost more scores than it finds links;
    a day or a place alone is skipped sooner (incremental.key_cap).
    """
    ids: set[int] = set()
    caps = {key_hash(k): key_cap(k, max_per_key) for k in keys}
    for hashed, cap in caps.items():
        found = session.scalars(
            select(LinkKey.incident_id).where(LinkKey.key == hashed).distinct().limit(cap + 1)
        ).all()
        if len(found) <= cap:
            ids.update(found)
    if not ids:
        return []
    rows: dict[int, list[dict[str, Any]]] = {}
    stmt = select(IncidentSource.incident_id, IncidentSource.source_id, IncidentSource.features).where(
        IncidentSource.incident_id.in_(ids), IncidentSource.features.is_not(None)
    )
    for row in session.execute(stmt):
        if row.source_id != skip_source:
            rows.setdefault(row.incident_id, []).append(row.features)
    records = select(IncidentFeatures.incident_id, IncidentFeatures.features).where(
        IncidentFeatures.incident_id.in_(ids)
    )
    for row in session.execute(records):
        rows.setdefault(row.incident_id, []).append(row.features)
    return [Candidate(i, r) for i, r in rows.items()]


@dataclass(slots=True)
class _Found:
    match: Match | None = None
    bridges: list[Match] = field(default_factory=list)
    by_incident: dict[Hashable, Candidate] = field(default_factory=dict)

    def reasons(self, linker: IncrementalLinker, row: dict[str, Any]) -> dict[str, Any] | None:
        if self.match is None:
            return None
        other = self.by_incident[self.match.incident_id].rows[self.match.report_index]
        matched = str(other["report_id"])
        words = shared_words(
            row.get("text_words") or [],
            row.get("text_weights") or [],
            other.get("text_words") or [],
            other.get("text_weights") or [],
        )
        return {
            # None: the incident's own record (an archive import), not one of its reports.
            "matched_source": int(matched) if matched.isdigit() else None,
            "match_weight": round(self.match.match_weight, 3),
            "threshold": linker.threshold,
            "comparisons": {k: list(v) for k, v in linker.explain(row, other).items()},
            # The words that make the texts alike, so the text comparison can be checked by eye.
            "shared_words": words,
        }


def _best(
    session: Session, linker: IncrementalLinker, row: dict[str, Any], *, skip_source: int | None = None
) -> _Found:
    found = _Found()

    def fetch(keys: list[BlockingKey]) -> list[Candidate]:
        cands = candidates(session, keys, skip_source=skip_source)
        found.by_incident = {c.incident_id: c for c in cands}
        return cands

    placed = linker.place(row, fetch)
    found.match, found.bridges = placed.match, placed.bridges
    return found


def index_incident_record(session: Session, incident: Incident) -> None:
    """Let new reports join an incident that has no reports of its own (an archive import): its own
    date, place, belligerent, type and toll become a feature row with blocking keys."""
    killed = None
    if incident.civilians_killed_min is not None:
        high = incident.civilians_killed_max
        killed = CountRange(
            min=incident.civilians_killed_min, max=high if high is not None else incident.civilians_killed_min
        )
    facts = IncidentFacts(
        date=incident.date.isoformat() if incident.date else None,
        place=incident.place,
        admin1=incident.admin1,
        lat=incident.lat,
        lon=incident.lon,
        belligerent=incident.belligerent,
        event_type=incident.event_type,
        civilians_killed=killed,
    )
    row, _ = row_from_facts(0, f"incident-{incident.id}", facts)
    features = row.as_dict()
    session.add(IncidentFeatures(incident_id=incident.id, features=features))
    _write_keys(session, None, incident.id, features)


def _write_keys(session: Session, source_id: int | None, incident_id: int, row: dict[str, Any]) -> None:
    for hashed in {key_hash(k) for k in blocking_keys(row)}:
        session.add(LinkKey(key=hashed, incident_id=incident_id, source_id=source_id))


def link_source(
    session: Session,
    source: Source,
    extraction: Extraction,
    by: Actor,
    linker: IncrementalLinker | None = None,
) -> IncidentSource | None:
    """Join the source to the best matching incident, or start a new one (None: it describes no incident)."""
    if extraction.facts is None:
        return None
    row = features_of(source, IncidentFacts.model_validate(extraction.facts))
    return link_row(session, source.id, extraction.id, row, by, linker)


def link_row(
    session: Session,
    source_id: int,
    extraction_id: int | None,
    row: dict[str, Any],
    by: Actor,
    linker: IncrementalLinker | None = None,
) -> IncidentSource:
    """Link a report by its feature row: the part of `link_source` that grows with the archive."""
    linker = linker or default_linker()
    row = {**row, **rare_words(session, row.get("tokens") or ())}
    found = _best(session, linker, row)
    if found.match is None:
        incident = Incident(state=IncidentState.NEW.value)
        session.add(incident)
        session.flush()
        link = IncidentSource(
            incident=incident, source_id=source_id, extraction_id=extraction_id, method="new", features=row
        )
        action = "incident.create"
    else:
        found_incident = session.get(Incident, found.match.incident_id)
        assert found_incident is not None
        incident = found_incident
        link = IncidentSource(
            incident=incident,
            source_id=source_id,
            extraction_id=extraction_id,
            method=AUTOMATIC,
            score=round(found.match.match_weight, 3),
            features=row,
            reasons=found.reasons(linker, row),
        )
        action = "incident.link"
    session.add(link)
    _write_keys(session, source_id, incident.id, row)
    session.flush()
    refresh_incident(session, incident)
    audit.record(
        session,
        actor=by.username,
        action=action,
        entity="incident",
        entity_id=incident.id,
        payload={"source": source_id, "method": link.method, "score": link.score},
    )
    if found.bridges and _untouched(session, incident):
        for bridge in found.bridges:
            _merge_bridged(session, incident, bridge, source_id, by)
    return link


def _untouched(session: Session, incident: Incident) -> bool:
    """Whether only the linker has shaped the incident: still new, no grade or figure an analyst set,
    no report an analyst placed (pinned), no assessment or belligerent's verdict recorded, and not an
    archive record. (Promises are not an analyst's: ingest opens them from the reports' statements.)"""
    if incident.state != IncidentState.NEW.value or incident.grade is not None or incident.figure_overrides:
        return False
    touched = (
        select(IncidentSource.id).where(IncidentSource.incident_id == incident.id, IncidentSource.pinned),
        select(Assessment.id).where(Assessment.incident_id == incident.id),
        select(BelligerentVerdict.id).where(BelligerentVerdict.incident_id == incident.id),
        select(IncidentFeatures.id).where(IncidentFeatures.incident_id == incident.id),
    )
    return not any(session.scalar(q.limit(1)) is not None for q in touched)


def _merge_bridged(session: Session, into: Incident, bridge: Match, through: int, by: Actor) -> None:
    """Move the reports of an incident the new report `through` bridges (IncrementalLinker.place) into
    the one it joined, when only the linker has shaped that one too. Each report keeps the link that
    placed it, marked with where it came from; the emptied incident redirects (`move_link`)."""
    other = session.get(Incident, bridge.incident_id)
    if other is None or not _untouched(session, other):
        return
    weight = round(bridge.match_weight, 3)
    links = session.scalars(
        select(IncidentSource).where(IncidentSource.incident_id == other.id).order_by(IncidentSource.id)
    ).all()
    for link in links:
        reasons = {
            **(link.reasons or {}),
            "merged_from": other.id,
            "through": through,
            "bridge_weight": weight,
        }
        # The report that started the other incident is here by the bridge's weight.
        score = link.score if link.score is not None else weight
        move_link(session, link, into.id, score=score, reasons=reasons, by=by)
    audit.record(
        session,
        actor=by.username,
        action="incident.merge",
        entity="incident",
        entity_id=into.id,
        payload={
            "merged": other.id,
            "reports": [link.source_id for link in links],
            "method": AUTOMATIC,
            "through": through,
            "score": weight,
        },
    )


def index_link(session: Session, link: IncidentSource) -> None:
    """Give a link made without features (before migration 0008, or by an import) its row and keys."""
    facts = link.extraction.facts if link.extraction is not None else None
    row = features_of(link.source, IncidentFacts.model_validate(facts) if facts else None)
    row.update(rare_words(session, row["tokens"] or ()))
    link.features = row
    session.execute(delete(LinkKey).where(LinkKey.source_id == link.source_id))
    _write_keys(session, link.source_id, link.incident_id, row)


def reindex(session: Session, by: Actor) -> int:
    """Rebuild the feature rows and blocking keys of every link that lacks them; the number indexed."""
    by.require(Role.ADMIN, "rebuilding the link index")
    done = 0
    for link in session.scalars(select(IncidentSource).where(IncidentSource.features.is_(None))):
        index_link(session, link)
        done += 1
    if done:
        audit.record(
            session,
            actor=by.username,
            action="link.reindex",
            entity="link",
            entity_id="*",
            payload={"links": done},
        )
    return done


@dataclass(slots=True)
class RelinkResult:
    checked: int = 0
    moved: list[tuple[int, int, int]] = field(default_factory=list)
    """(source, from incident, to incident)."""


def relink(session: Session, by: Actor, linker: IncrementalLinker | None = None) -> RelinkResult:
    """Re-score every automatically placed report (after a model is retrained or a threshold changed).

    Only unpinned links of incidents still in state "new" and without pinned reports move: an analyst's
    merge or split pins its reports, and an incident someone has triaged or assessed keeps its reports.
    """
    by.require(Role.ANALYST, "re-linking reports")
    linker = linker or default_linker()
    result = RelinkResult()
    for link in movable_links(session):
        if link.features is None:
            continue  # not indexed yet (`reindex`)
        result.checked += 1
        row = dict(link.features or {})
        found = _best(session, linker, row, skip_source=link.source_id)
        target = found.match.incident_id if found.match else None
        if target == link.incident_id:
            continue
        alone = (
            session.scalar(
                select(func.count())
                .select_from(IncidentSource)
                .where(IncidentSource.incident_id == link.incident_id)
            )
            == 1
        )
        if target is None and alone:
            continue
        score = round(found.match.match_weight, 3) if found.match else None
        old_id = link.incident_id
        assert target is None or isinstance(target, int)  # the store's incidents have integer ids
        moved_to = move_link(session, link, target, score=score, reasons=found.reasons(linker, row), by=by)
        result.moved.append((link.source_id, old_id, moved_to))
    return result


def movable_links(session: Session) -> list[IncidentSource]:
    """The links an automatic re-run may move, in id order: not pinned, in an incident still `new` that
    holds no pinned report (an analyst merged, split or began to assess the others)."""
    pinned_incidents = set(session.scalars(select(IncidentSource.incident_id).where(IncidentSource.pinned)))
    stmt = (
        select(IncidentSource)
        .join(Incident, Incident.id == IncidentSource.incident_id)
        .where(IncidentSource.pinned.is_(False), Incident.state == IncidentState.NEW.value)
        .order_by(IncidentSource.id)
    )
    return [link for link in session.scalars(stmt) if link.incident_id not in pinned_incidents]


def move_link(
    session: Session,
    link: IncidentSource,
    target: int | None,
    *,
    score: float | None,
    reasons: dict[str, Any] | None,
    by: Actor,
) -> int:
    """Move a report to incident `target` (None: a new one), with the weight and reasons of the link that
    placed it there (None: it starts the incident); the incident it left is refreshed, or deleted if left
    empty and unassessed. Audited as `incident.relink`. Returns the incident it went to."""
    old = session.get(Incident, link.incident_id)
    assert old is not None
    if target is None:
        new_incident = Incident(state=IncidentState.NEW.value)
        session.add(new_incident)
        session.flush()
        target = new_incident.id
    link.incident_id = target
    link.method = AUTOMATIC if score is not None else "new"
    link.score = score
    link.reasons = reasons
    session.execute(update(LinkKey).where(LinkKey.source_id == link.source_id).values(incident_id=target))
    session.flush()
    session.expire(old, ["links"])
    _after_move(session, old, target, by)
    new = session.get(Incident, target)
    assert new is not None
    session.expire(new, ["links"])
    refresh_incident(session, new)
    audit.record(
        session,
        actor=by.username,
        action="incident.relink",
        entity="incident",
        entity_id=target,
        payload={"source": link.source_id, "from": old.id, "score": link.score},
    )
    return target


def _after_move(session: Session, incident: Incident, target: int, by: Actor) -> None:
    """Refresh an incident a report left; one left empty that nobody assessed is deleted, and its id
    redirects to where its report went (as a merged incident's does)."""
    left = session.scalar(
        select(func.count()).select_from(IncidentSource).where(IncidentSource.incident_id == incident.id)
    )
    assessed = session.scalar(
        select(func.count()).select_from(Assessment).where(Assessment.incident_id == incident.id)
    )
    if not left and not assessed:
        merged_id = incident.id
        session.execute(
            update(IncidentMerge).where(IncidentMerge.into_id == merged_id).values(into_id=target)
        )
        # Promises and verdicts its reports brought go with them (the delete would cascade to them).
        for table in (Commitment, BelligerentVerdict):
            session.execute(update(table).where(table.incident_id == merged_id).values(incident_id=target))
        session.expunge(incident)
        session.execute(delete(Incident).where(Incident.id == merged_id))
        session.add(IncidentMerge(merged_id=merged_id, into_id=target, merged_by=by.username, snapshot={}))
        session.flush()
    else:
        refresh_incident(session, incident)
