"""JSON API for reports (sources) as they came in."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter
from fastapi.responses import Response
from pydantic import BaseModel

from civcas.errors import NotFound
from civcas.publish.redact import redact_names
from civcas.services.incidents import list_sources, original_report
from civcas.store.tables import Source
from civcas.web.api.params import Limit, Offset, ReportId
from civcas.web.deps import ActorDep, ReadSession

router = APIRouter(prefix="/api/reports", tags=["reports"])


class ReportOut(BaseModel):
    id: int
    sha256: str
    title: str | None
    url: str | None
    publisher: str | None
    language: str | None
    published: datetime | None
    ingested_at: datetime
    kind: str
    origin: str
    media_type: str
    text: str


def _out(s: Source, public: bool) -> ReportOut:
    report = ReportOut(
        id=s.id,
        sha256=s.sha256,
        title=s.title,
        url=s.url,
        publisher=s.publisher,
        language=s.language,
        published=s.published,
        ingested_at=s.ingested_at,
        kind=s.kind,
        origin=s.origin,
        media_type=s.media_type,
        text=s.text,
    )
    if public:  # names of victims and witnesses are withheld from anonymous readers
        report.text = redact_names(report.text)
        report.title = redact_names(report.title) if report.title else report.title
    return report


@router.get("", response_model=list[ReportOut], summary="List reports, newest first")
def api_list_reports(
    session: ReadSession,
    actor: ActorDep,
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[ReportOut]:
    return [_out(s, actor.is_anonymous) for s in list_sources(session, actor, limit=limit, offset=offset)]


@router.get(
    "/{report_id}",
    response_model=ReportOut,
    responses={404: {"description": "No such report"}},
    summary="One report",
)
def api_get_report(report_id: ReportId, session: ReadSession, actor: ActorDep) -> ReportOut:
    for s in list_sources(session, actor, limit=1, offset=0, source_id=report_id):
        return _out(s, actor.is_anonymous)
    raise NotFound(f"no report {report_id} (or it is not published)")


@router.get(
    "/{report_id}/original",
    response_class=Response,
    responses={
        200: {"description": "The bytes as they came in", "content": {"application/octet-stream": {}}},
        403: {"description": "Anonymous readers may not read originals"},
        404: {"description": "No such report"},
    },
    summary="A report's original bytes, unchanged (signed-in users)",
)
def api_report_original(report_id: ReportId, session: ReadSession, actor: ActorDep) -> Response:
    """The bytes exactly as ingested, as a download: their SHA-256 is the report's `sha256`, and
    `X-Original-Media-Type` says what they were. Served as an attachment, never rendered here (a
    captured page is untrusted HTML)."""
    data, media_type, digest = original_report(session, actor, report_id)
    return Response(
        content=data,
        media_type="application/octet-stream",
        headers={
            "Content-Disposition": f'attachment; filename="report-{report_id}.original"',
            "X-Original-Media-Type": media_type,
            "X-Content-SHA256": digest,
        },
    )
