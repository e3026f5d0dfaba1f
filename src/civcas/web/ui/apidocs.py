"""The API documentation page, served from the package: Swagger UI is bundled, not fetched from a CDN,
and started from a static script so the page runs under the Content-Security-Policy."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>civcas API</title>
<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css"></head>
<body><div id="swagger-ui" data-openapi-url="/openapi.json"></div>
<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/apidocs.js"></script></body></html>"""


@router.get("/docs", response_class=HTMLResponse)
def api_docs() -> HTMLResponse:
    return HTMLResponse(PAGE)
