"""JSON API for submitting reports: one report as JSON, or a file upload (size-capped)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from civcas.errors import CivcasError
from civcas.link.incremental import IncrementalLinker
from civcas.services.linking import linker_at
from civcas.services.processing import Processed
from civcas.services.submissions import SubmissionResult, submit_file, submit_text
from civcas.web.deps import ActorDep, get_db

router = APIRouter(prefix="/api/reports", tags=["reports"])

SUBMIT_ERRORS: dict[int | str, dict[str, str]] = {
    403: {"description": "Needs the analyst role or higher"},
    413: {"description": "The upload is larger than CIVCAS_FETCH_MAX_BYTES"},
    422: {"description": "Invalid fields, or nothing readable"},
}


class TooLarge(CivcasError):
    code = "too_large"
    http_status = 413


class ReportIn(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")

    text: str = Field(min_length=1, max_length=2_000_000)
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    publisher: str | None = Field(default=None, max_length=300)
    published: datetime | None = Field(default=None, strict=False, description="ISO 8601")
    language: str | None = Field(default=None, max_length=8)
    kind: str = Field(default="allegation", description="allegation or strike_release")


class Outcome(BaseModel):
    source_id: int
    incident_id: int | None
    created: bool


class SubmissionOut(BaseModel):
    added: list[Outcome]
    already_stored: list[Outcome]
    problems: list[dict[str, str]]


def _out(result: SubmissionResult) -> SubmissionOut:
    def outcome(p: Processed) -> Outcome:
        return Outcome(source_id=p.source_id, incident_id=p.incident_id, created=p.created)

    return SubmissionOut(
        added=[outcome(p) for p in result.added],
        already_stored=[outcome(p) for p in result.already],
        problems=[{"origin": p.origin, "code": p.code, "message": p.message} for p in result.problems],
    )


def _linker(request: Request) -> IncrementalLinker:
    s = request.app.state.settings
    return linker_at(s.link_threshold)


@router.post(
    "",
    response_model=SubmissionOut,
    status_code=201,
    responses=SUBMIT_ERRORS,
    summary="Submit one report as JSON (analyst or higher); the request body is kept as the original",
)
async def api_submit_report(report: ReportIn, request: Request, actor: ActorDep) -> SubmissionOut:
    body = await request.body()
    # The work blocks on the database: run it in the thread pool, never on the event loop.
    result = await run_in_threadpool(
        submit_text,
        get_db(request),
        body,
        text=report.text,
        title=report.title,
        url=report.url,
        publisher=report.publisher,
        published=report.published,
        language=report.language,
        kind=report.kind,
        by=actor,
        linker=_linker(request),
    )
    return _out(result)


@router.post(
    "/upload",
    response_model=SubmissionOut,
    status_code=201,
    responses=SUBMIT_ERRORS,
    summary="Upload a file of reports: text, HTML, RSS/Atom, JSONL, CSV (analyst or higher)",
)
async def api_upload_reports(
    request: Request,
    actor: ActorDep,
    file: Annotated[UploadFile, File(description="The file, kept byte for byte")],
    kind: Annotated[str, Form()] = "allegation",
) -> SubmissionOut:
    cap = request.app.state.settings.fetch_max_bytes
    data = await file.read(cap + 1)
    if len(data) > cap:
        raise TooLarge(f"{file.filename or 'the upload'} is larger than {cap} bytes; nothing was stored")
    result = await run_in_threadpool(
        submit_file,
        get_db(request),
        data,
        name=file.filename or "",
        media_type=file.content_type or "",
        kind=kind,
        by=actor,
        linker=_linker(request),
    )
    return _out(result)
