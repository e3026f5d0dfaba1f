"""Finishing touches every report gets, whatever it came from."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from civcas.ingest import problems
from civcas.ingest.dates import parse_published
from civcas.ingest.decode import normalize_newlines
from civcas.ingest.language import detect_language, normalize_language
from civcas.ingest.url_dates import published_from_url, record_url
from civcas.model.report import IncomingReport, IngestProblem

KINDS = ("allegation", "strike_release")
# Fields a batch row or front matter may carry; anything else stays in `original`.
ROW_FIELDS = ("text", "published", "url", "publisher", "language", "id", "title", "kind")


# C0/C1 control characters other than tab and newline: never meaningful in report text.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    # A stray BOM or control character is never part of the text; `original` keeps them.
    return _CONTROL.sub("", normalize_newlines(text)).replace("\ufeff", "").strip()


def has_content(text: str) -> bool:
    """True when the text has a letter or digit: punctuation or invisible marks alone say nothing."""
    return any(ch.isalnum() for ch in text)


def _opt(value: str | None) -> str | None:
    if value is None:
        return None
    v = " ".join(value.split())
    return v or None


# A report cannot be published after it reached us; a day's grace covers clocks and time zones.
_PUBLISHED_GRACE = timedelta(days=1)


def _credible_published(published: datetime | None, meta: dict[str, str]) -> datetime | None:
    """The publication date, or None when it lies after the report was received (a typed "2917"):
    it would date the incident centuries ahead. The value given is kept in `meta` for an analyst."""
    if published is None:
        return None
    # A naive time is UTC here as everywhere in ingest (ingest/dates.py).
    aware = published if published.tzinfo is not None else published.replace(tzinfo=UTC)
    if aware <= datetime.now(UTC) + _PUBLISHED_GRACE:
        return published
    meta.setdefault("published_raw", aware.isoformat())
    meta["published_problem"] = "later than the report was received"
    return None


def make_report(
    *,
    original: bytes,
    media_type: str,
    text: str,
    origin: str,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    language: str | None = None,
    published: datetime | None = None,
    external_id: str | None = None,
    kind: str = "allegation",
    meta: dict[str, str] | None = None,
) -> IncomingReport:
    """Build a report with stripped text and a language (detected when not given); a publication
    date after its arrival is set aside (see `_credible_published`)."""
    text = clean_text(text)
    meta = dict(meta or {})
    published = _credible_published(published, meta)
    title = _opt(title)
    lang = normalize_language(language)
    if lang is None:
        # A headline alone is often too short to decide; it helps when the text is short.
        lang = detect_language(text if len(text) >= 200 or not title else f"{title}\n{text}")
    return IncomingReport(
        original=original,
        media_type=media_type,
        text=text,
        origin=origin,
        title=title,
        url=_opt(url),
        publisher=_opt(publisher),
        language=lang,
        published=published,
        external_id=_opt(external_id),
        kind=kind,
        meta=meta,
    )


def _scalar(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    return None


def fields_to_report(
    fields: Mapping[str, object],
    *,
    original: bytes,
    media_type: str,
    origin: str,
    kind: str,
) -> IncomingReport | IngestProblem:
    """Turn one batch row (already parsed to a mapping) into a report or a problem."""
    # Column names are matched case-insensitively: spreadsheets capitalise headers.
    lowered: dict[str, object] = {}
    for key, value in fields.items():
        lk = str(key).strip().lower()
        if lk not in lowered or lowered[lk] in (None, ""):
            lowered[lk] = value
    text = lowered.get("text")
    if text is None or text == "":
        return problems.problem(origin, problems.EMPTY_TEXT, "no text (the `text` field is missing or empty)")
    if not isinstance(text, str):
        return problems.problem(
            origin, problems.BAD_FIELD, f"`text` must be a string, not {type(text).__name__}"
        )
    if not has_content(clean_text(text)):
        return problems.problem(origin, problems.EMPTY_TEXT, "the `text` field is blank")
    meta: dict[str, str] = {}
    # Other scalar columns are kept for analysts; nested values stay only in `original`.
    for key, value in lowered.items():
        if key not in ROW_FIELDS:
            s = _scalar(value)
            if s is not None and s.strip():
                meta[key] = s
    raw_published = lowered.get("published")
    published = parse_published(raw_published)
    if published is None and raw_published not in (None, ""):
        # Keep the row: a bad date should not lose a report; the raw value stays for an analyst.
        meta["published_raw"] = str(raw_published)
    url = record_url(lowered)
    if published is None:
        # An X status id or a dated news path says when it was published; the meta says how we know.
        published = published_from_url(url)
        if published is not None:
            meta["published_from"] = "address"
    row_kind = _scalar(lowered.get("kind"))
    if row_kind and row_kind.strip().lower() in KINDS:
        kind = row_kind.strip().lower()
    elif row_kind and row_kind.strip():
        meta["kind_raw"] = row_kind
    return make_report(
        original=original,
        media_type=media_type,
        text=text,
        origin=origin,
        title=_scalar(lowered.get("title")),
        url=url,
        publisher=_scalar(lowered.get("publisher")),
        language=_scalar(lowered.get("language")),
        published=published,
        external_id=_scalar(lowered.get("id")),
        kind=kind,
        meta=meta,
    )
