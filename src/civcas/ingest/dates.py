"""Lenient parsing of publication dates given with a report."""

from __future__ import annotations

import email.utils
import re
from datetime import UTC, date, datetime

_FORMATS = (
    "%Y/%m/%d",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%d/%m/%Y",
)


def _utc(dt: datetime) -> datetime:
    # Naive datetimes are taken as UTC: the safest guess that never shifts a date.
    if dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def parse_published(value: object) -> datetime | None:
    """Parse an ISO date/datetime, RFC 2822 date or Unix time; None if it cannot be read."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return _utc(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(value, tz=UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s:
        return None
    if re.fullmatch(r"\d{9,10}(\.\d+)?", s):
        return parse_published(float(s))
    try:
        return _utc(datetime.fromisoformat(s))
    except ValueError:
        pass
    try:
        return _utc(email.utils.parsedate_to_datetime(s))
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    for fmt in _FORMATS:
        try:
            return _utc(datetime.strptime(s, fmt))
        except ValueError:
            continue
    # Crawlers glue a second timestamp on ("2025-02-01T20:41:29+00:00 2025-02-01T23:..."): the first rules.
    lead = _LEADING_ISO.match(s)
    if lead and lead.group(0) != s:
        return parse_published(lead.group(0))
    return _written_date(s)


_LEADING_ISO = re.compile(
    r"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?(?=\s|$)"
)
_WRITTEN = re.compile(r"^\s*\d{1,2}\s+\S+\s+\d{4}\s*$|^\s*\S+\s+\d{1,2},?\s+\d{4}\s*$")


def _written_date(s: str) -> datetime | None:
    """A day written out with a year, in English or Arabic ("28 سبتمبر 2025", "3 Mars 2024")."""
    if not _WRITTEN.match(s):
        return None  # dateparser would guess a day for "last spring"; only full days are taken
    import dateparser  # imported here: a second's load that most ingests never need

    found = dateparser.parse(
        s, languages=["ar", "en", "fr"], settings={"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True}
    )
    return _utc(found) if found else None
