"""Errors with stable codes, so the CLI, the API and tests can tell them apart."""

from __future__ import annotations


class CivcasError(Exception):
    """Base error: `code` is stable and machine-readable, the message is for people."""

    code = "civcas_error"
    http_status = 400

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code:
            self.code = code

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.code


class InputError(CivcasError):
    """Input that cannot be read: names the file (and line) so nothing is lost silently."""

    code = "bad_input"
    http_status = 422


class NotFound(CivcasError):
    code = "not_found"
    http_status = 404


class InvalidTransition(CivcasError):
    code = "invalid_transition"
    http_status = 409


class PermissionDenied(CivcasError):
    code = "forbidden"
    http_status = 403


class Conflict(CivcasError):
    code = "conflict"
    http_status = 409


class Busy(CivcasError):
    """The database stayed locked by another writer for too long; nothing was changed."""

    code = "busy"
    http_status = 503
