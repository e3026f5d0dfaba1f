"""Plain text reports, with optional front matter lines at the top.

    Published: 2017-05-13
    Publisher: Example News
    URL: https://example.org/a
    Language: en
    Kind: strike_release

    Headline
    Body ...

The front matter is read only when every line of the first block is a known
`Key: value` and a blank line follows, so ordinary text is never eaten.
"""

from __future__ import annotations

import re

from civcas.ingest import problems
from civcas.ingest.dates import parse_published
from civcas.ingest.records import KINDS, clean_text, has_content, make_report
from civcas.model.report import IncomingReport, IngestProblem

_FRONT_KEYS = {"published", "date", "publisher", "source", "url", "language", "kind", "title", "id"}
_FRONT_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]{0,30}):[ \t]*(.*?)\s*$")
_TITLE_MAX = 200


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Return (front matter keys in lower case, the rest of the text)."""
    # Without a blank line the whole text would have to be front matter (no body).
    head, _, rest = text.lstrip("\n").partition("\n\n")
    fields: dict[str, str] = {}
    for line in head.split("\n"):
        m = _FRONT_LINE.match(line)
        if not m:
            return {}, text
        key = m.group(1).strip().lower().replace(" ", "_").replace("-", "_")
        if key not in _FRONT_KEYS:
            return {}, text
        fields[key] = m.group(2)
    return fields, rest


def guess_title(body: str) -> str | None:
    """The first line, when it is short and more text follows: most articles start with a headline."""
    lines = [ln.strip() for ln in body.split("\n") if ln.strip()]
    if len(lines) < 2:
        return None
    first = lines[0]
    return first if len(first) < _TITLE_MAX else None


def read_text(
    text: str, *, original: bytes, origin: str, kind: str = "allegation", encoding: str = "utf-8"
) -> IncomingReport | IngestProblem:
    text = clean_text(text)
    if not has_content(text):
        return problems.problem(origin, problems.EMPTY, "empty file (no letters or digits)")
    front, body = split_front_matter(text)
    body = body.strip()
    if not has_content(body):
        return problems.problem(origin, problems.EMPTY_TEXT, "no text after the front matter")
    meta: dict[str, str] = {}
    if encoding != "utf-8":
        meta["encoding"] = encoding
    raw_published = front.get("published") or front.get("date")
    published = parse_published(raw_published)
    if published is None and raw_published:
        meta["published_raw"] = raw_published
    front_kind = front.get("kind", "").strip().lower()
    if front_kind in KINDS:
        kind = front_kind
    elif front_kind:
        meta["kind_raw"] = front.get("kind", "")
    return make_report(
        original=original,
        media_type="text/plain",
        text=body,
        origin=origin,
        title=front.get("title") or guess_title(body),
        url=front.get("url"),
        publisher=front.get("publisher") or front.get("source"),
        language=front.get("language"),
        published=published,
        external_id=front.get("id"),
        kind=kind,
        meta=meta,
    )
