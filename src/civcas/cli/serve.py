"""`civcas serve`: the web app and the API."""

from __future__ import annotations

from typing import Annotated

import typer

from civcas.cli.common import console, friendly_errors
from civcas.config import get_settings


def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on (CIVCAS_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (CIVCAS_PORT).")] = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes, each with its own connections; about one per CPU.")
    ] = 1,
) -> None:
    """Serve the web app and the REST API (OpenAPI at /docs).

    Example: civcas serve --port 8000 --workers 2
    """
    from civcas.web.server import serve as run_server

    settings = get_settings()
    host, port = host or settings.host, port or settings.port

    def announce() -> None:  # once the port is ours
        console.print(
            f"civcas is serving on [bold]http://{host}:{port}/[/bold] (API docs: http://{host}:{port}/docs)"
            + (f" with {workers} workers" if workers > 1 else "")
        )

    with friendly_errors():
        run_server(settings, host, port, workers=workers, announce=announce)


def register(app: typer.Typer) -> None:
    app.command()(serve)
