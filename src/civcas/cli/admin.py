"""Administration: the database, users, and the audit log."""

from __future__ import annotations

import secrets
from typing import Annotated

import typer

from civcas.cli.common import cli_actor, console, database, fail, friendly_errors
from civcas.config import get_settings
from civcas.model.vocabulary import Role
from civcas.services import users
from civcas.store import audit

user_app = typer.Typer(help="Manage users and API tokens.", no_args_is_help=True)
audit_app = typer.Typer(help="Inspect the tamper-evident audit log.", no_args_is_help=True)


def init(
    admin_password: Annotated[
        str | None, typer.Option(help="Password for the first admin; random if not given.")
    ] = None,
) -> None:
    """Create or migrate the database, and the first admin user if there is none.

    Example: civcas init
    """
    settings = get_settings()
    db = database()
    with db.write() as session:
        if users.has_users(session):
            console.print(f"database ready at {db.url}")
            return
        password = admin_password or secrets.token_urlsafe(12)
        users.create_user(session, "admin", password, Role.ADMIN, cli_actor(db, None))
    secret_file = settings.data_dir / "admin-password.txt"
    if admin_password is None:
        secret_file.parent.mkdir(parents=True, exist_ok=True)
        secret_file.write_text(password + "\n", encoding="utf-8")
        secret_file.chmod(0o600)
    console.print(
        f"database ready at {db.url}\ncreated user [bold]admin[/bold] with password "
        f"[bold]{password}[/bold]" + (f" (also in {secret_file})" if admin_password is None else "")
    )


@user_app.command("add")
def user_add(
    username: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[Role, typer.Option(help="admin, reviewer, analyst or viewer.")] = Role.ANALYST,
    password: Annotated[str | None, typer.Option(help="Password; random and printed if not given.")] = None,
) -> None:
    """Add a user.

    Example: civcas user add sara --role reviewer
    """
    db = database()
    pw = password or secrets.token_urlsafe(12)
    with friendly_errors(), db.write() as session:
        users.create_user(session, username, pw, role, cli_actor(db, None))
    console.print(
        f"created {role.value} [bold]{username}[/bold]" + ("" if password else f" with password {pw}")
    )


@user_app.command("token")
def user_token(username: Annotated[str, typer.Argument(help="Login name.")]) -> None:
    """Issue a new API token for a user (the old one stops working).

    Example: civcas user token sara
    """
    db = database()
    with friendly_errors(), db.write() as session:
        token = users.issue_token(session, username, cli_actor(db, None))
    console.print(token, highlight=False)


@audit_app.command("verify")
def audit_verify() -> None:
    """Check the audit log's hash chain; name every edited or deleted event.

    Example: civcas audit verify
    """
    db = database()
    with db.read() as session:
        count, problems = audit.verify(session)
    if problems:
        for p in problems:
            console.print(f"[red]event {p.event_id}[/red]: {p.problem}")
        fail(f"audit chain broken: {len(problems)} problem(s) in {count} events")
    console.print(f"audit chain intact: {count} events")


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.add_typer(user_app, name="user")
    app.add_typer(audit_app, name="audit")
