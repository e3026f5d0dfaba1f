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


# The sessions read the database from the request rather than through get_db as a dependency:
# FastAPI hands each sync dependency to the thread pool, about 60 microseconds of CPU a hop.
def read_session(request: Request) -> Iterator[Session]:
    with get_db(request).read() as session:
        yield session


def write_session(request: Request) -> Iterator[Session]:
    with get_db(request).write() as session:
        yield session


def get_actor(request: Request, session: Annotated[Session, Depends(read_session)]) -> Actor:
    """A bearer token (API), else the signed session cookie (web app), else anonymous.

    Read in the request's own read session (FastAPI gives a request one, however many
    dependencies ask): a page then checks out one connection, not two.
    """
    auth = request.headers.get("authorization", "")
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
