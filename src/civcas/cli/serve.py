"""`civcas serve`: the web app and the API."""

from __future__ import annotations

from typing import Annotated

import typer

from civcas.cli.common import console, fail
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
    from civcas.web.server import listening_socket
    from civcas.web.server import serve as run_server

    settings = get_settings()
    host, port = host or settings.host, port or settings.port
    try:
        listening_socket(host, port, reuse_port=workers > 1, listen=False).close()
    except OSError as exc:
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
    console.print(
        f"civcas is serving on [bold]http://{host}:{port}/[/bold] (API docs: http://{host}:{port}/docs)"
        + (f" with {workers} workers" if workers > 1 else "")
    )
    run_server(settings, host, port, workers=workers)


def register(app: typer.Typer) -> None:
    app.command()(serve)
