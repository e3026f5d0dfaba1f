"""Users, passwords (argon2) and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlalchemy import Executable, bindparam, select
from sqlalchemy.orm import Session

from civcas.errors import Conflict, InputError, NotFound
from civcas.model.vocabulary import Role
from civcas.services.actor import Actor
from civcas.store import audit, core
from civcas.store.tables import User

_hasher = PasswordHasher()


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_user(session: Session, username: str, password: str, role: Role, by: Actor) -> User:
    if len(password) < 8:
        raise InputError("a password needs at least 8 characters")
    if session.scalar(select(User).where(User.username == username)):
        raise Conflict(f"user {username!r} already exists")
    user = User(
        username=username, display_name=username, role=role.value, password_hash=_hasher.hash(password)
    )
    session.add(user)
    session.flush()
    audit.record(
        session,
        actor=by.username,
        action="user.create",
        entity="user",
        entity_id=user.id,
        payload={"username": username, "role": role.value},
    )
    return user


def authenticate(session: Session, username: str, password: str) -> Actor | None:
    user = session.scalar(select(User).where(User.username == username, User.active.is_(True)))
    if user is None:
        _hasher.hash(password)  # same cost as a real check, so timing does not reveal user names
        return None
    try:
        _hasher.verify(user.password_hash, password)
    except (VerifyMismatchError, InvalidHashError):
        return None
    return Actor(username=user.username, role=Role(user.role), user_id=user.id)


def issue_token(session: Session, username: str, by: Actor) -> str:
    """A new API token for the user (replacing any old one); only its hash is stored."""
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        raise NotFound(f"no user {username!r}")
    token = "cvc_" + secrets.token_urlsafe(32)
    user.token_hash = _token_digest(token)
    audit.record(session, actor=by.username, action="user.token", entity="user", entity_id=user.id)
    return token


# Every request that carries a token or a signed-in cookie reads its caller: the statements are built
# once (SQLAlchemy keeps a built statement's cache key) and run on the connection, reading the three
# columns an Actor needs rather than loading a User object.
_ACTOR_COLUMNS = select(User.username, User.role, User.id).where(User.active.is_(True))
_ACTOR_BY_TOKEN = _ACTOR_COLUMNS.where(User.token_hash == bindparam("digest"))
_ACTOR_BY_USERNAME = _ACTOR_COLUMNS.where(User.username == bindparam("username"))


def _actor(session: Session, stmt: Executable, params: dict[str, str]) -> Actor | None:
    row = core.read(session, stmt, params).first()
    if row is None:
        return None
    return Actor(username=row.username, role=Role(row.role), user_id=row.id)


def actor_for_token(session: Session, token: str) -> Actor | None:
    return _actor(session, _ACTOR_BY_TOKEN, {"digest": _token_digest(token)})


def actor_for_username(session: Session, username: str) -> Actor | None:
    return _actor(session, _ACTOR_BY_USERNAME, {"username": username})


def has_users(session: Session) -> bool:
    return session.scalar(select(User.id).limit(1)) is not None
