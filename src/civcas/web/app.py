"""The FastAPI application factory."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from civcas import __version__
from civcas.config import Settings, get_settings
from civcas.errors import CivcasError
from civcas.services.incident_edits import MergedIncident
from civcas.store.bootstrap import open_database
from civcas.store.statistics import refresh_statistics
from civcas.web.admission import ReadsInArrivalOrder
from civcas.web.api import (
    accountability,
    assessments,
    claims,
    export,
    geo,
    incident_edits,
    incidents,
    queue,
    reports,
    stats,
    strike_releases,
    submissions,
    timeline,
)
from civcas.web.gc_freeze import FreezeWhenWarm
from civcas.web.ratelimit import FailureLimiter
from civcas.web.secrets_store import session_secret
from civcas.web.security import SecurityHeaders, content_security_policy
from civcas.web.ui import apidocs, assessment_pages, explore, incident_edit_pages, pages, timeline_page

HERE = Path(__file__).parent


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="civcas",
        version=__version__,
        description="Reports of civilian harm from military operations: sources, extracted facts, "
        "incidents and their assessment.",
        docs_url=None,  # served by ui/apidocs.py from bundled assets, not a CDN
        redoc_url=None,
    )
    app.state.db = open_database(settings)
    refresh_statistics(app.state.db)  # SQLite's planner needs row counts to pick list indexes
    app.state.settings = settings
    app.add_middleware(
        SessionMiddleware,
        secret_key=session_secret(settings),
        session_cookie="civcas_session",
        max_age=8 * 3600,
        same_site="lax",
        https_only=settings.secure_cookies,
    )
    app.state.login_limiter = FailureLimiter()
    app.add_middleware(
        SecurityHeaders,
        csp=content_security_policy(getattr(settings, "tile_url", None)),
        hsts=settings.secure_cookies,
    )
    app.add_middleware(FreezeWhenWarm)
    app.add_middleware(ReadsInArrivalOrder, limit=settings.concurrent_reads)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(CivcasError)
    async def _civcas_error(request: Request, exc: CivcasError) -> Response:
        page = request.method == "GET" and not request.url.path.startswith("/api/")
        if isinstance(exc, MergedIncident) and page:  # a merged incident's old link leads to where it went
            return RedirectResponse(f"/incidents/{exc.into_id}", status_code=301)
        if request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", ""):
            return JSONResponse({"error": exc.code, "message": exc.message}, status_code=exc.http_status)
        return HTMLResponse(pages.render_error(request, exc), status_code=exc.http_status)

    @app.get("/healthz", tags=["meta"], summary="Liveness check")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    # Pages first: a request is matched against the routes in order, and pages are what people
    # load most (no page path overlaps an /api/ one, so the order decides nothing else).
    app.include_router(pages.router)
    app.include_router(explore.router)
    app.include_router(timeline_page.router)
    app.include_router(apidocs.router)
    app.include_router(assessment_pages.router)
    app.include_router(incidents.router)
    app.include_router(assessments.router)
    app.include_router(accountability.router)
    app.include_router(strike_releases.router)
    app.include_router(submissions.router)
    app.include_router(reports.router)
    app.include_router(export.router)
    app.include_router(geo.router)
    app.include_router(claims.router)
    app.include_router(stats.router)
    app.include_router(timeline.router)
    app.include_router(queue.router)
    app.include_router(incident_edits.router)
    app.include_router(incident_edit_pages.router)
    return app
