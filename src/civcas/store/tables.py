"""SQLAlchemy 2 table models: the persistent shape of sources, extractions, incidents,
assessments, statements, evidence, users and the audit log.

Facts that are queried (dates, places, figures) are real columns; the full extraction
record is kept as JSON beside them so nothing the extractor found is lost.
"""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    event,
    func,
    select,
)
from sqlalchemy import false as sa_false
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.ext.associationproxy import AssociationProxy, association_proxy
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps stored in UTC and always read back timezone-aware.

    SQLite keeps no offset, so its values come back naive; they were written in UTC, and an
    API that says "date-time" must say so.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, datetime: UTCDateTime()}


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(200))
    # SHA-256 of the API token: a leaked database does not leak usable tokens.
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SourceOriginal(Base):
    """A report's bytes exactly as they came in (migration 0011).

    Kept in their own table, not in the report's row: an HTML page's bytes run to hundreds of
    kilobytes, and in a row before the text SQLite walks them (overflow page by overflow page) to
    reach the text a search ranks or a page shows, and the ORM loads them with every report.
    """

    __tablename__ = "source_originals"

    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True)
    original: Mapped[bytes] = mapped_column(LargeBinary)


class Source(Base):
    """One report as it came in: original bytes unchanged (`original`, read on request from
    `source_originals`), with its SHA-256."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    media_type: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(String(1000), default=None)
    url: Mapped[str | None] = mapped_column(String(2000), default=None)
    publisher: Mapped[str | None] = mapped_column(String(300), default=None)
    language: Mapped[str | None] = mapped_column(String(8), default=None, index=True)
    published: Mapped[datetime | None] = mapped_column(default=None)
    origin: Mapped[str] = mapped_column(String(2000))
    external_id: Mapped[str | None] = mapped_column(String(300), default=None)
    kind: Mapped[str] = mapped_column(String(32), default="allegation")
    meta: Mapped[dict[str, Any]] = mapped_column(default=dict)
    ingested_at: Mapped[datetime] = mapped_column(default=utcnow)

    extractions: Mapped[list[Extraction]] = relationship(back_populates="source")
    kept: Mapped[SourceOriginal] = relationship(cascade="all, delete-orphan", passive_deletes=True)
    # Source(original=...) and source.original read and write the kept bytes (loaded when asked for).
    original: AssociationProxy[bytes] = association_proxy(
        "kept", "original", creator=lambda original: SourceOriginal(original=original)
    )


class Extraction(Base):
    """What one extractor version found in one source (a suggestion, never an overwrite)."""

    __tablename__ = "extractions"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    extractor: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    facts: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)

    source: Mapped[Source] = relationship(back_populates="extractions")


class Incident(Base):
    __tablename__ = "incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    state: Mapped[str] = mapped_column(String(32), default="new", index=True)
    title: Mapped[str] = mapped_column(String(500), default="")
    date: Mapped[dt.date | None] = mapped_column(Date, default=None)  # indexed below, in list order
    date_end: Mapped[dt.date | None] = mapped_column(Date, default=None)
    date_precision: Mapped[str | None] = mapped_column(String(16), default=None)
    place: Mapped[str | None] = mapped_column(String(300), default=None)
    admin1: Mapped[str | None] = mapped_column(String(200), default=None, index=True)
    country: Mapped[str | None] = mapped_column(String(2), default=None)
    lat: Mapped[float | None] = mapped_column(Float, default=None)
    lon: Mapped[float | None] = mapped_column(Float, default=None)
    geo_precision: Mapped[str | None] = mapped_column(String(16), default=None)
    belligerent: Mapped[str | None] = mapped_column(String(200), default=None, index=True)
    event_type: Mapped[str | None] = mapped_column(String(64), default=None)
    claimed_target: Mapped[str | None] = mapped_column(String(1000), default=None)
    civilians_killed_min: Mapped[int | None] = mapped_column(Integer, default=None)
    civilians_killed_max: Mapped[int | None] = mapped_column(Integer, default=None, index=True)
    injured_min: Mapped[int | None] = mapped_column(Integer, default=None)
    injured_max: Mapped[int | None] = mapped_column(Integer, default=None)
    children_killed_min: Mapped[int | None] = mapped_column(Integer, default=None)
    children_killed_max: Mapped[int | None] = mapped_column(Integer, default=None)
    women_killed_min: Mapped[int | None] = mapped_column(Integer, default=None)
    women_killed_max: Mapped[int | None] = mapped_column(Integer, default=None)
    men_killed_min: Mapped[int | None] = mapped_column(Integer, default=None)
    men_killed_max: Mapped[int | None] = mapped_column(Integer, default=None)
    grade: Mapped[str | None] = mapped_column(String(16), default=None, index=True)
    strike_status: Mapped[str | None] = mapped_column(String(32), default=None)
    # An analyst's override of reconciled figures: {"civilians_killed": {"min", "max", "reason", "by", "at"}}.
    figure_overrides: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # The incident's id in an archive it was imported from (e.g. an Airwars code), for idempotent imports.
    external_id: Mapped[str | None] = mapped_column(String(100), unique=True, default=None)
    # An admin may publish the names of victims and witnesses; until then public views withhold them.
    names_public: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow, index=True)
    # Row version for optimistic locking: a stale writer gets a conflict, not a lost update.
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}

    links: Mapped[list[IncidentSource]] = relationship(
        back_populates="incident", order_by="IncidentSource.id"
    )
    assessments: Mapped[list[Assessment]] = relationship(back_populates="incident", order_by="Assessment.id")


class IncidentSource(Base):
    """A report joined to an incident, with how and how strongly it was linked."""

    __tablename__ = "incident_sources"
    __table_args__ = (UniqueConstraint("source_id", name="uq_incident_sources_source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    extraction_id: Mapped[int | None] = mapped_column(ForeignKey("extractions.id"), default=None)
    method: Mapped[str] = mapped_column(String(32))  # "new", "rule", "manual", "splink"
    score: Mapped[float | None] = mapped_column(Float, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The report's linkage fields (link/features.py LinkRow), scored against each newer report (0008).
    features: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True), default=None)
    # Why it was joined: the report it matched best and each comparison's level and weight.
    reasons: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True), default=None)
    # Placed or confirmed by an analyst (a merge or split): an automatic run never moves it.
    pinned: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())

    incident: Mapped[Incident] = relationship(back_populates="links")
    source: Mapped[Source] = relationship()
    extraction: Mapped[Extraction | None] = relationship()


class LinkKey(Base):
    """A blocking key of a linked report (link/incremental.py `blocking_keys`), hashed to 64 bits.

    A new report looks up the incidents that share any of its keys through the (key, incident_id)
    index, so finding its candidates costs a few index range scans whatever the number of incidents.
    """

    __tablename__ = "link_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[int] = mapped_column(BigInteger)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"))
    # None for the keys of an incident's own record (an archive import with no reports).
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)


class IncidentFeatures(Base):
    """An incident's own linkage row, for incidents with no reports to match (archive imports)."""

    __tablename__ = "incident_features"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    features: Mapped[dict[str, Any]] = mapped_column(JSON)


Index("ix_link_keys_key_incident", LinkKey.key, LinkKey.incident_id)
Index("ix_link_keys_incident", LinkKey.incident_id)


class LinkToken(Base):
    """How many linked reports use each word (hashed): a new report's distinctive words are its rarest."""

    __tablename__ = "link_tokens"

    token: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    reports: Mapped[int] = mapped_column(Integer, default=0)


class IncidentMerge(Base):
    """An incident merged by hand into another: the old id redirects, and its last state is kept."""

    __tablename__ = "incident_merges"

    merged_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    into_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    merged_by: Mapped[str] = mapped_column(String(64))
    merged_at: Mapped[datetime] = mapped_column(default=utcnow)
    snapshot: Mapped[dict[str, Any]] = mapped_column(default=dict)


@event.listens_for(Incident, "before_insert")
def _never_reuse_a_merged_id(mapper: Any, connection: Connection, target: Incident) -> None:
    """SQLite gives a new row the highest id plus one, so an incident merged away while it had the highest
    id would lend its id, and its redirect, to the next incident. PostgreSQL's sequences never reuse one."""
    if target.id is not None or connection.dialect.name != "sqlite":
        return
    merged = connection.scalar(select(func.max(IncidentMerge.merged_id)))
    if merged is not None and merged >= (connection.scalar(select(func.max(Incident.id))) or 0):
        target.id = merged + 1


class Assessment(Base):
    """One assessment decision on an incident: state, grade and strike status, with a note.

    `status` is "applied" for a move that took effect at once, or, under four-eyes review,
    "proposed" until another user approves ("approved") or rejects ("rejected") it.
    """

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    state: Mapped[str] = mapped_column(String(32))
    grade: Mapped[str | None] = mapped_column(String(16), default=None)
    strike_status: Mapped[str | None] = mapped_column(String(32), default=None)
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="applied", index=True)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    reviewed_at: Mapped[datetime | None] = mapped_column(default=None)
    review_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    incident: Mapped[Incident] = relationship(back_populates="assessments")
    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])


class BelligerentVerdict(Base):
    """A belligerent's own assessment of an allegation against it (credible, non_credible, ...)."""

    __tablename__ = "belligerent_verdicts"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    belligerent: Mapped[str] = mapped_column(String(200), index=True)
    verdict: Mapped[str] = mapped_column(String(16))
    reasons: Mapped[dict[str, Any]] = mapped_column(
        default=dict
    )  # {"non_credible": [...], "credible": [...]}
    deaths_conceded_min: Mapped[int | None] = mapped_column(Integer, default=None)
    deaths_conceded_max: Mapped[int | None] = mapped_column(Integer, default=None)
    injuries_conceded_min: Mapped[int | None] = mapped_column(Integer, default=None)
    injuries_conceded_max: Mapped[int | None] = mapped_column(Integer, default=None)
    decided_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    published_in: Mapped[str] = mapped_column(
        String(500), default=""
    )  # e.g. "CJTF-OIR monthly report, June 2017"
    note: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Commitment(Base):
    """A promise a belligerent made about an incident ("will investigate"), open until answered."""

    __tablename__ = "commitments"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    party: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(32), default="investigate")
    made_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    quote: Mapped[str] = mapped_column(Text, default="")
    statement_id: Mapped[int | None] = mapped_column(
        ForeignKey("statements.id", ondelete="SET NULL"), default=None
    )
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"), default=None)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    answered_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("belligerent_verdicts.id", ondelete="SET NULL"), default=None
    )
    answered_on: Mapped[dt.date | None] = mapped_column(Date, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Statement(Base):
    """What a party said, as a report quotes it, with the span it came from."""

    __tablename__ = "statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    extraction_id: Mapped[int] = mapped_column(ForeignKey("extractions.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    speaker: Mapped[str | None] = mapped_column(String(300), default=None)
    party: Mapped[str | None] = mapped_column(String(200), default=None)
    stance: Mapped[str] = mapped_column(String(32))
    quote: Mapped[str | None] = mapped_column(Text, default=None)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)


class Evidence(Base):
    __tablename__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    extraction_id: Mapped[int] = mapped_column(ForeignKey("extractions.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    verified: Mapped[bool | None] = mapped_column(Boolean, default=None)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)


class AuditEvent(Base):
    """Append-only, hash-chained record of every change (see store/audit.py)."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64), index=True)
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


Index("ix_audit_entity", AuditEvent.entity, AuditEvent.entity_id)
# The incident page's candidate strike releases: one kind, published within a window.
Index("ix_sources_kind_published", Source.kind, Source.published)
# The incident list, newest first, reads one of these and stops after a page (migrations 0006, 0009).
# They are declared in the list's order, date DESC NULLS LAST, as PostgreSQL stores them. SQLite
# keeps them ascending (it rejects NULLS LAST in an index, so create_all cannot make these there):
# read backwards they give the same order, and alembic compares SQLite's indexes without sort order.
_NEWEST_FIRST = (Incident.date.desc().nulls_last(), Incident.id.desc())
Index("ix_incidents_date", _NEWEST_FIRST[0])  # the unfiltered list; equal dates are few, sorted by id
_FILTERS = ("belligerent", "state", "admin1", "grade")
for _column in _FILTERS:
    Index(
        f"ix_incidents_{_column}_date",
        getattr(Incident, _column),
        *_NEWEST_FIRST,
        *(getattr(Incident, c) for c in _FILTERS if c != _column),  # a second filter reads the index alone
    )
# A search's reports to their incidents from the index alone (migration 0010).
Index("ix_incident_sources_source_incident", IncidentSource.source_id, IncidentSource.incident_id)
# The list's total where a province and another key are the filters (migration 0010).
for _column in ("belligerent", "state", "grade"):
    Index(f"ix_incidents_admin1_{_column}", Incident.admin1, getattr(Incident, _column))
# The timeline's counts per day, grade and belligerent, with their civilian deaths, from the index alone
# (migration 0013).
Index(
    "ix_incidents_timeline",
    Incident.date,
    Incident.grade,
    Incident.belligerent,
    Incident.civilians_killed_min,
    Incident.civilians_killed_max,
)
# The same for one province, with the state for the public view (migration 0014).
Index(
    "ix_incidents_province_timeline",
    Incident.admin1,
    Incident.date,
    Incident.grade,
    Incident.belligerent,
    Incident.civilians_killed_min,
    Incident.civilians_killed_max,
    Incident.state,
)
# The review queue: waiting incidents, gravest first.
Index(
    "ix_incidents_queue",
    Incident.civilians_killed_max.desc(),
    Incident.date.desc(),
    Incident.id.desc(),
    sqlite_where=Incident.state.in_(["new", "triaged"]),
    postgresql_where=Incident.state.in_(["new", "triaged"]),
)


class IncidentRollup(Base):
    """Incident counts and civilian deaths per month, belligerent, grade and state, for the dashboards.

    Kept current by database triggers on `incidents` (migration 0004), so every write path
    updates it; aggregating it costs a few thousand rows where grouping incidents costs all of them.
    Empty strings stand for an unknown month, belligerent or grade.
    """

    __tablename__ = "incident_rollup"
    __table_args__ = (
        UniqueConstraint("month", "belligerent", "grade", "state", name="uq_incident_rollup_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    belligerent: Mapped[str] = mapped_column(String(200))
    grade: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(32))
    incidents: Mapped[int] = mapped_column(Integer, default=0)
    killed_min: Mapped[int] = mapped_column(Integer, default=0)
    killed_max: Mapped[int] = mapped_column(Integer, default=0)


class IncidentLanguage(Base):
    """The languages of an incident's reports, with how many of its reports are in each, for the
    list's language filter: one look-up per incident instead of a join through every report.

    Kept current by database triggers on `incident_sources` and `sources` (migration 0015).
    """

    __tablename__ = "incident_languages"

    incident_id: Mapped[int] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    reports: Mapped[int] = mapped_column(Integer)


# The list's totals sum the rollup by the keys filtered on (migration 0010).
Index(
    "ix_incident_rollup_belligerent",
    IncidentRollup.belligerent,
    IncidentRollup.state,
    IncidentRollup.grade,
    IncidentRollup.month,
    IncidentRollup.incidents,
)
Index(
    "ix_incident_rollup_state",
    IncidentRollup.state,
    IncidentRollup.grade,
    IncidentRollup.month,
    IncidentRollup.incidents,
)
Index("ix_incident_rollup_grade", IncidentRollup.grade, IncidentRollup.month, IncidentRollup.incidents)
