"""Reports submitted through the API: one JSON report, or an uploaded file of any supported format.

The same path as `civcas ingest`: the original bytes are kept as they came, each report is
stored, extracted and linked in its own transaction, and what could not be read is named.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from civcas.errors import InputError
from civcas.ingest.readers import read_content
from civcas.ingest.records import KINDS, make_report
from civcas.link.incremental import IncrementalLinker
from civcas.model.report import IngestProblem
from civcas.model.vocabulary import Role
from civcas.services.actor import Actor
from civcas.services.processing import Processed, process_incoming
from civcas.store.database import Database


@dataclass
class SubmissionResult:
    added: list[Processed] = field(default_factory=list)
    already: list[Processed] = field(default_factory=list)
    problems: list[IngestProblem] = field(default_factory=list)


def _check(by: Actor, kind: str) -> None:
    by.require(Role.ANALYST, "submitting reports")
    if kind not in KINDS:
        raise InputError(f"unknown kind {kind!r}; valid: {', '.join(KINDS)}", code="bad_kind")


def submit_file(
    db: Database,
    data: bytes,
    *,
    name: str,
    media_type: str,
    kind: str,
    by: Actor,
    linker: IncrementalLinker | None = None,
) -> SubmissionResult:
    _check(by, kind)
    result = SubmissionResult()
    origin = f"upload:{by.username}:{name or 'unnamed'}"
    for item in read_content(data, origin=origin, name=name, media_type=media_type, kind=kind):
        if isinstance(item, IngestProblem):
            result.problems.append(item)
            continue
        with db.write() as session:
            outcome = process_incoming(session, item, by, linker)
        (result.added if outcome.created else result.already).append(outcome)
    return result


def submit_text(
    db: Database,
    body: bytes,
    *,
    text: str,
    title: str | None,
    url: str | None,
    publisher: str | None,
    published: datetime | None,
    language: str | None,
    kind: str,
    by: Actor,
    linker: IncrementalLinker | None = None,
) -> SubmissionResult:
    """One report given as fields; the request body itself is the original that is kept."""
    _check(by, kind)
    if not any(ch.isalnum() for ch in text):
        raise InputError("the report has no text", code="empty_text")
    report = make_report(
        original=body,
        media_type="application/json",
        text=text,
        origin=f"api:{by.username}",
        title=title,
        url=url,
        publisher=publisher,
        language=language,
        published=published,
        kind=kind,
    )
    with db.write() as session:
        outcome = process_incoming(session, report, by, linker)
    result = SubmissionResult()
    (result.added if outcome.created else result.already).append(outcome)
    return result
