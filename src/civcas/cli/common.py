"""What every command shares: the database, the acting user, and turning errors into messages."""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import NoReturn

import typer
from rich.console import Console

from civcas.errors import CivcasError
from civcas.model.vocabulary import Role
from civcas.services.actor import Actor
from civcas.services.users import actor_for_username
from civcas.store.bootstrap import open_database
from civcas.store.database import Database

# soft_wrap: summary lines stay whole, for people and for scripts reading them.
console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)


def database() -> Database:
    return open_database()


def cli_actor(db: Database, username: str | None) -> Actor:
    """The named user, or the local operator: whoever runs the CLI has the database itself."""
    if username is None:
        return Actor(username=f"cli:{getpass.getuser()}", role=Role.ADMIN)
    with db.read() as session:
        actor = actor_for_username(session, username)
    if actor is None:
        fail(f"no active user {username!r}; create one with: civcas user add {username} --role analyst")
    return actor


def fail(message: str, code: int = 1) -> NoReturn:
    err_console.print(f"[red]error:[/red] {message}")
    raise typer.Exit(code)


@contextmanager
def friendly_errors() -> Iterator[None]:
    try:
        yield
    except CivcasError as exc:
        fail(f"{exc.message} [{exc.code}]")


def quiet_splink() -> None:
    """Splink logs each training and scoring step at INFO; a command's user wants the result."""
    import logging

    import splink  # noqa: F401  (its loggers exist once it is imported)

    for name in ["splink", *logging.root.manager.loggerDict]:
        if name.startswith("splink"):
            logging.getLogger(name).setLevel(logging.WARNING)


def iso_day(value: str | None) -> date | None:
    """A YYYY-MM-DD option as a date (None when left out); anything else ends the command."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"not a date: {value!r} (use YYYY-MM-DD)")
