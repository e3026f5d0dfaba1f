"""Problem codes the ingest stage reports, and a helper to build them."""

from __future__ import annotations

from civcas.model.report import IngestProblem

NOT_FOUND = "not_found"
TOO_LARGE = "too_large"
FETCH_FAILED = "fetch_failed"
BAD_ENCODING = "bad_encoding"
BINARY = "binary"
EMPTY = "empty"
EMPTY_TEXT = "empty_text"
BAD_JSON = "bad_json"
NOT_OBJECT = "not_object"
MISSING_COLUMN = "missing_column"
BAD_CSV = "bad_csv"
BAD_FIELD = "bad_field"
BAD_FEED = "bad_feed"
UNREADABLE = "unreadable"
# A bug in the ingest code itself: caught so one input cannot stop a batch.
INTERNAL_ERROR = "internal_error"


def problem(origin: str, code: str, message: str) -> IngestProblem:
    """A problem whose `message` is the reason alone: `origin` says where (callers print both)."""
    # Errors from decode/fetch name their input themselves; drop that so it is not said twice.
    message = message.removeprefix(f"{origin}: ")
    return IngestProblem(origin=origin, code=code, message=message)
