"""`civcas serve`: the web app and the API."""

from __future__ import annotations

from typing import Annotated

import typer

from civcas.cli.common import console
from civcas.config import get_settings


def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on (CIVCAS_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (CIVCAS_PORT).")] = None,
) -> None:
    """Serve the web app and the REST API (OpenAPI at /docs).

    Example: civcas serve --port 8000
    """
    import uvicorn

    from civcas.web.app import create_app

    settings = get_settings()
    host, port = host or settings.host, port or settings.port
    console.print(
        f"civcas is serving on [bold]http://{host}:{port}/[/bold] (API docs: http://{host}:{port}/docs)"
    )
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    app.command()(serve)
