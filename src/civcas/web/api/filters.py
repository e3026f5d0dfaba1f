"""The incident filters as request parameters, shared by the API, the exports and the pages."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Annotated, Literal

from fastapi import Depends, Query, Request

from civcas.errors import InputError
from civcas.services.exports import EXPORT_LIMIT
from civcas.services.incidents import IncidentFilter
from civcas.web.api.params import Limit, Offset

PAGE_SIZE = 50
Sort = Literal["-date", "date", "-killed", "killed", "-updated", "updated", "relevance"]


# These build values from the query string and do no I/O: as coroutines FastAPI runs them on the
# event loop rather than in the thread pool.
async def incident_filter(
    belligerent: str | None = None,
    admin1: Annotated[str | None, Query(description="Governorate or province")] = None,
    state: str | None = None,
    grade: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    killed_min: Annotated[
        int | None,
        Query(ge=0, le=10_000_000, description="Lowest reported count of civilians killed, at least"),
    ] = None,
    killed_max: Annotated[
        int | None,
        Query(ge=0, le=10_000_000, description="Lowest reported count of civilians killed, at most"),
    ] = None,
    language: Annotated[
        str | None, Query(description="At least one report in this language (en, ar)")
    ] = None,
    q: Annotated[
        str | None, Query(max_length=500, description="Words that must all occur in one of the reports")
    ] = None,
    sort: Annotated[Sort, Query(description="A leading '-' sorts descending; relevance needs q")] = "-date",
) -> IncidentFilter:
    """The filters alone: exports take every incident that matches."""
    return IncidentFilter(
        belligerent=belligerent,
        admin1=admin1,
        state=state,
        grade=grade,
        date_from=date_from,
        date_to=date_to,
        killed_min=killed_min,
        killed_max=killed_max,
        language=language,
        q=q,
        sort=sort,
        limit=EXPORT_LIMIT,
    )


async def paged_filter(
    flt: Annotated[IncidentFilter, Depends(incident_filter)],
    limit: Limit = 100,
    offset: Offset = 0,
) -> IncidentFilter:
    return replace(flt, limit=limit, offset=offset)


def _int(name: str, value: str | None) -> int | None:
    if not value or not value.strip():
        return None
    try:
        number = int(value)
    except ValueError:
        raise InputError(f"{name} must be a whole number, not {value!r}", code="bad_filter") from None
    if number < 0:
        raise InputError(f"{name} must not be negative", code="bad_filter")
    return number


def _date(name: str, value: str | None) -> date | None:
    if not value or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{name} must be a date like 2017-05-13, not {value!r}", code="bad_filter") from None


async def form_filter(request: Request) -> IncidentFilter:
    """The same filters from an HTML form, where an empty field means 'any'.

    Read from the query string directly (each parameter's last value, as FastAPI takes it): as a dozen
    declared parameters, FastAPI validated each one on every list page (docs/performance.md, fifth round).
    """
    get = request.query_params.get
    q = get("q")
    number = _int("page", get("page")) or 1
    return IncidentFilter(
        belligerent=get("belligerent") or None,
        admin1=get("admin1") or None,
        state=get("state") or None,
        grade=get("grade") or None,
        date_from=_date("date_from", get("date_from")),
        date_to=_date("date_to", get("date_to")),
        killed_min=_int("killed_min", get("killed_min")),
        killed_max=_int("killed_max", get("killed_max")),
        language=get("language") or None,
        q=(q or "").strip()[:500] or None,
        sort=get("sort") or ("relevance" if q and q.strip() else "-date"),
        limit=PAGE_SIZE,
        offset=(number - 1) * PAGE_SIZE,
    )
