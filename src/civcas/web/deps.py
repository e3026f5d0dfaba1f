"""Request dependencies: the database session and who is asking."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from civcas.errors import PermissionDenied
from civcas.services.actor import ANONYMOUS, Actor
from civcas.services.users import actor_for_token, actor_for_username
from civcas.store.database import Database


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def read_session(db: Annotated[Database, Depends(get_db)]) -> Iterator[Session]:
    with db.read() as session:
        yield session


def write_session(db: Annotated[Database, Depends(get_db)]) -> Iterator[Session]:
    with db.write() as session:
        yield session


def get_actor(request: Request, db: Annotated[Database, Depends(get_db)]) -> Actor:
    """A bearer token (API), else the signed session cookie (web app), else anonymous."""
    auth = request.headers.get("authorization", "")
    with db.read() as session:
        if auth.lower().startswith("bearer "):
            actor = actor_for_token(session, auth[7:].strip())
            if actor is None:
                raise PermissionDenied("invalid API token", code="bad_token")
            return actor
        username = request.session.get("user")
        if isinstance(username, str):
            return actor_for_username(session, username) or ANONYMOUS
    return ANONYMOUS


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(24)
        request.session["csrf"] = token
    return token


def check_csrf(request: Request, submitted: str) -> None:
    expected = request.session.get("csrf")
    if not isinstance(expected, str) or not secrets.compare_digest(expected, submitted):
        raise PermissionDenied(
            "the form has expired or did not come from this site; reload and try again", code="bad_csrf"
        )


ActorDep = Annotated[Actor, Depends(get_actor)]
ReadSession = Annotated[Session, Depends(read_session)]
# scope="function": the commit runs before the response is sent, so a failed commit (a conflict,
# a busy database) is the answer the client gets, never a 200 for work that was rolled back.
WriteSession = Annotated[Session, Depends(write_session, scope="function")]

