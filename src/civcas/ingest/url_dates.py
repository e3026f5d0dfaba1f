"""Publication dates that a report's address gives away, for reports that arrive without one.

Two sources an open-source analyst reads off a link without opening it:

- an X/Twitter status id is a "snowflake": its top bits are milliseconds since the service's
  epoch (2010-11-04), so `x.com/<user>/status/<id>` says when the post was made, to the
  millisecond;
- news sites often put the day in the path (`/2023/04/29/`, `/2023-04-29-`, `/20230429/`).

A Web Archive capture (`web.archive.org/web/<timestamp>/...`) is only the day the page was
saved, often years later, so it is not a publication date; the address inside it is read instead.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from urllib.parse import unquote, urlsplit

# Ids made before snowflakes (Nov 2010) are small sequence numbers with no time in them.
_SNOWFLAKE_EPOCH_MS = 1288834974657
_FIRST_SNOWFLAKE = 1 << 42
_STATUS = re.compile(r"/status(?:es)?/(\d{15,20})(?:\D|$)")
_X_HOSTS = ("twitter.com", "x.com")

_WAYBACK = re.compile(r"^https?://web\.archive\.org/web/\d{4,14}[a-z_]*/(.+)$", re.IGNORECASE)
# A day in the path: /2023/04/29/, /2023-04-29, /20230429/ (not inside a longer number).
_PATH_DAY = re.compile(
    r"(?<![\d])(20\d\d|19\d\d)(?:([/_.-])(0?[1-9]|1[0-2])\2(0?[1-9]|[12]\d|3[01])|"
    r"(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01]))(?![\d])"
)


def _inner_address(url: str) -> str:
    """The archived page's own address when `url` is a Web Archive capture."""
    m = _WAYBACK.match(url.strip())
    if not m:
        return url.strip()
    inner = m.group(1)
    return inner if "://" in inner else "http://" + inner


def _snowflake_time(parts_path: str) -> datetime | None:
    m = _STATUS.search(parts_path)
    if not m:
        return None
    status_id = int(m.group(1))
    if status_id < _FIRST_SNOWFLAKE:
        return None
    return datetime.fromtimestamp(((status_id >> 22) + _SNOWFLAKE_EPOCH_MS) / 1000, tz=UTC)


def _path_day(path: str, *, now: datetime) -> datetime | None:
    for m in _PATH_DAY.finditer(path):
        year = int(m.group(1))
        month = int(m.group(3) or m.group(5))
        day = int(m.group(4) or m.group(6))
        try:
            found = datetime(year, month, day, tzinfo=UTC)
        except ValueError:  # 2023/02/30 is a slug, not a day
            continue
        if found <= now:
            return found
    return None


def published_from_url(url: str | None, *, now: datetime | None = None) -> datetime | None:
    """When the page at `url` was published, if its address says so; else None."""
    if not url or not isinstance(url, str):
        return None
    address = _inner_address(url)
    try:
        parts = urlsplit(address)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    path = unquote(parts.path)
    if host.endswith(_X_HOSTS):
        return _snowflake_time(path)
    return _path_day(path, now=now or datetime.now(UTC))


def record_url(record: Mapping[str, object]) -> str | None:
    """A batch record's address: its `url`, else the `original_url` a crawler kept in `extra`."""
    url = record.get("url")
    if isinstance(url, str) and url.strip():
        return url
    extra = record.get("extra")
    if isinstance(extra, Mapping):
        original = extra.get("original_url")
        if isinstance(original, str) and original.strip():
            return original
    return None


def record_published(record: Mapping[str, object]) -> str | None:
    """A record's publication date as given, else the one its address gives, as ISO text."""
    published = record.get("published")
    if published not in (None, ""):
        return str(published)
    found = published_from_url(record_url(record))
    return found.isoformat() if found else None
