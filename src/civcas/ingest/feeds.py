"""RSS/Atom feeds: one report per entry, `original` the entry's fields as stable JSON."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any

from civcas.ingest import problems
from civcas.ingest.decode import DecodeError, decode_bytes
from civcas.ingest.html import html_to_text
from civcas.ingest.records import clean_text, has_content, make_report
from civcas.model.report import IncomingReport, IngestProblem

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _to_jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_to_jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def entry_original(entry: Mapping[str, Any]) -> bytes:
    """The entry's raw fields as JSON. `*_parsed` fields are derived from raw ones and left out;
    sorted keys and fixed separators make the bytes (and so the hash) the same on every read."""
    raw = {k: v for k, v in entry.items() if not str(k).endswith("_parsed")}
    return json.dumps(_to_jsonable(raw), sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def _entry_text(entry: Mapping[str, Any]) -> str:
    candidates: list[tuple[str, str]] = []
    for content in entry.get("content") or []:
        if isinstance(content, Mapping) and isinstance(content.get("value"), str):
            candidates.append((content["value"], str(content.get("type") or "")))
    summary = entry.get("summary")
    if isinstance(summary, str):
        detail = entry.get("summary_detail")
        stype = str(detail.get("type") or "") if isinstance(detail, Mapping) else ""
        candidates.append((summary, stype))
    best = ""
    for value, ctype in candidates:
        # Plain text may still carry entities or stray tags; stripping is harmless then.
        text = html_to_text(value) if ctype in _HTML_TYPES or "<" in value or "&" in value else value
        # Full content beats a summary: take the longest readable candidate.
        if len(text.strip()) > len(best):
            best = text.strip()
    return best


def _entry_published(entry: Mapping[str, Any]) -> datetime | None:
    # feedparser has already converted these struct_times to UTC.
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            try:
                year, month, day, hour, minute, second = (int(x) for x in t[:6])
                return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
            except (TypeError, ValueError):
                continue
    return None


_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")


def _guess_charset(data: bytes) -> str | None:
    """Arabic Windows feeds often declare UTF-8 or nothing; feedparser would then read cp1252."""
    m = _XML_ENCODING.match(data[:200])
    if m and m.group(1).lower() not in (b"utf-8", b"utf8"):
        return None  # a real declaration of another encoding: trust it
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            decoded = decode_bytes(data, "feed")
        except DecodeError:
            return None
        return "windows-1256" if decoded.codec == "cp1256" else None
    return None


def read_feed(
    data: bytes, *, origin: str, kind: str = "allegation", charset: str | None = None
) -> Iterator[IncomingReport | IngestProblem]:
    import feedparser

    harmless = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    # A stream, never bytes or str: feedparser would treat those as a path or URL to open.
    charset = charset or _guess_charset(data)
    # A server's charset outranks the XML declaration (RFC 7303); feedparser knows the rules.
    headers = {"content-type": f"application/xml; charset={charset}"} if charset else None
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    entries = list(parsed.get("entries") or [])
    if not entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            yield problems.problem(origin, problems.BAD_FEED, f"not a readable RSS/Atom feed ({reason})")
        else:
            yield problems.problem(origin, problems.EMPTY, "feed has no entries")
        return
    feed = parsed.get("feed") or {}
    publisher = feed.get("title") if isinstance(feed.get("title"), str) else None
    version = str(parsed.get("version") or "")
    media_type = "application/atom+xml" if version.startswith("atom") else "application/rss+xml"
    for n, fp_entry in enumerate(entries, start=1):
        # A plain dict: FeedParserDict's aliases (guid→id, updated→published) would blur raw fields.
        entry = {str(k): dict.__getitem__(fp_entry, k) for k in dict.keys(fp_entry)}
        entry_origin = f"{origin}#entry{n}"
        title = entry.get("title") if isinstance(entry.get("title"), str) else None
        title = html_to_text(title) if title else None
        text = clean_text(_entry_text(entry)) or clean_text(title or "")
        if not has_content(text):
            yield problems.problem(entry_origin, problems.EMPTY_TEXT, "feed entry has no text or title")
            continue
        meta = {"feed_media_type": media_type}
        if version:
            meta["feed_version"] = version
        published = _entry_published(entry)
        raw_date = entry.get("published") or entry.get("updated")
        if published is None and isinstance(raw_date, str) and raw_date.strip():
            meta["published_raw"] = raw_date
        link = entry.get("link")
        entry_id = entry.get("id")
        yield make_report(
            original=entry_original(entry),
            media_type="application/json",
            text=text,
            origin=entry_origin,
            title=title,
            url=link if isinstance(link, str) else None,
            publisher=publisher,
            language=None,  # feed-declared languages are often wrong (a site-wide default)
            published=published,
            external_id=entry_id if isinstance(entry_id, str) else None,
            kind=kind,
            meta=meta,
        )
    exc = parsed.get("bozo_exception")
    if parsed.get("bozo") and not isinstance(exc, harmless):
        # Entries before the damage were read; say that the rest may be lost.
        yield problems.problem(
            origin, problems.BAD_FEED, f"malformed feed ({exc}); read {len(entries)} entries before it"
        )
