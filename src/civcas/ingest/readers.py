"""Dispatch: turn paths, directories and URLs into reports or problems.

`read_inputs` never raises for a bad input; each one gives an `IngestProblem`
naming the file (and line), and the rest of the inputs go on.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from civcas.config import Settings, get_settings
from civcas.ingest import problems
from civcas.ingest.batch import read_csv, read_json_document, read_jsonl
from civcas.ingest.decode import DecodeError, decode_bytes
from civcas.ingest.feeds import read_feed
from civcas.ingest.fetch import FetchError, fetch, is_url, make_client
from civcas.ingest.html import read_html
from civcas.ingest.textfile import read_text
from civcas.model.report import IncomingReport, IngestProblem

Item = IncomingReport | IngestProblem

FEED, HTML, JSONL, CSV, JSON, TEXT = "feed", "html", "jsonl", "csv", "json", "text"

_BY_EXTENSION = {
    ".xml": FEED, ".rss": FEED, ".atom": FEED,
    ".jsonl": JSONL, ".ndjson": JSONL,
    ".csv": CSV, ".tsv": CSV,
    ".json": JSON,
    ".html": HTML, ".htm": HTML, ".xhtml": HTML,
}  # fmt: skip
_BY_MEDIA_TYPE = {
    "application/rss+xml": FEED, "application/atom+xml": FEED, "application/rdf+xml": FEED,
    "text/html": HTML, "application/xhtml+xml": HTML,
    "application/x-ndjson": JSONL, "application/jsonl": JSONL, "application/json-lines": JSONL,
    "text/csv": CSV, "application/json": JSON,
}  # fmt: skip


def sniff(data: bytes) -> str | None:
    """Recognise feeds and HTML from how the content starts; None when it says nothing."""
    head = data[:2048]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = data[:4096].decode("utf-16", errors="ignore").encode("utf-8", errors="ignore")
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if head.startswith(b"<?xml"):
        if b"<html" in head and not any(t in head for t in (b"<rss", b"<feed", b"<rdf")):
            return HTML
        return FEED
    if head.startswith((b"<rss", b"<feed", b"<rdf")):
        return FEED
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        return HTML
    return None


def detect_format(data: bytes, *, name: str = "", media_type: str = "") -> str:
    ext = os.path.splitext(name)[1].lower()
    if ext in _BY_EXTENSION:
        return _BY_EXTENSION[ext]
    if media_type in _BY_MEDIA_TYPE:
        return _BY_MEDIA_TYPE[media_type]
    sniffed = sniff(data)
    if sniffed:
        return sniffed
    if media_type in ("text/xml", "application/xml"):
        return FEED
    return TEXT


def read_content(
    data: bytes,
    *,
    origin: str,
    name: str = "",
    media_type: str = "",
    url: str | None = None,
    charset: str | None = None,
    kind: str = "allegation",
) -> Iterator[Item]:
    """Read one file's or response's bytes, whatever its format."""
    if not data.strip():
        yield problems.problem(origin, problems.EMPTY, "empty file" if url is None else "empty response")
        return
    fmt = detect_format(data, name=name, media_type=media_type)
    if fmt == FEED:
        yield from read_feed(data, origin=origin, kind=kind, charset=charset)
        return
    if fmt == HTML:
        yield read_html(data, origin=origin, url=url, declared_charset=charset, kind=kind)
        return
    try:
        decoded = decode_bytes(data, origin)
    except DecodeError as exc:
        yield problems.problem(origin, exc.code, exc.message)
        return
    if fmt == JSONL:
        yield from read_jsonl(decoded, origin=origin, kind=kind)
    elif fmt == CSV:
        yield from read_csv(decoded, origin=origin, kind=kind)
    elif fmt == JSON:
        yield from read_json_document(decoded, origin=origin, kind=kind)
    else:
        item = read_text(decoded.text, original=data, origin=origin, kind=kind, encoding=decoded.codec)
        if url and isinstance(item, IncomingReport) and not item.url:
            item = item.model_copy(update={"url": url})
        yield item


def _iter_files(root: Path) -> Iterator[Path]:
    # Sorted for a stable order; hidden files and folders (.git, .DS_Store) skipped.
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if not filename.startswith("."):
                yield Path(dirpath) / filename


def read_file(path: Path, *, settings: Settings, kind: str = "allegation") -> Iterator[Item]:
    origin = str(path)
    cap = settings.fetch_max_bytes
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # A FIFO or device would block or never end.
            yield problems.problem(origin, problems.UNREADABLE, "not a regular file")
            return
        size = info.st_size
        if size > cap:
            yield problems.problem(
                origin,
                problems.TOO_LARGE,
                f"file is {size} bytes, larger than the {cap}-byte limit",
            )
            return
        with path.open("rb") as f:
            # Read one byte past the cap: the file may have grown since stat().
            data = f.read(cap + 1)
    except FileNotFoundError:
        yield problems.problem(origin, problems.NOT_FOUND, "file not found")
        return
    except OSError as exc:
        yield problems.problem(origin, problems.UNREADABLE, f"cannot read: {exc.strerror or exc}")
        return
    if len(data) > cap:
        yield problems.problem(origin, problems.TOO_LARGE, f"file is larger than the {cap}-byte limit")
        return
    yield from read_content(data, origin=origin, name=path.name, kind=kind)


def read_path(path: Path, *, settings: Settings, kind: str = "allegation") -> Iterator[Item]:
    if path.is_dir():
        found = False
        for file in _iter_files(path):
            found = True
            yield from _guarded(str(file), read_file(file, settings=settings, kind=kind))
        if not found:
            yield problems.problem(str(path), problems.EMPTY, "folder has no files")
    elif path.exists():
        yield from read_file(path, settings=settings, kind=kind)
    else:
        yield problems.problem(str(path), problems.NOT_FOUND, "no such file or folder")


def read_url(
    url: str, *, settings: Settings, client: httpx.Client, kind: str = "allegation"
) -> Iterator[Item]:
    try:
        fetched = fetch(url, settings=settings, client=client)
    except FetchError as exc:
        yield problems.problem(url, exc.code, exc.message)
        return
    yield from read_content(
        fetched.content,
        origin=url,
        name=urlsplit(fetched.url).path,
        media_type=fetched.media_type,
        url=fetched.url,
        charset=fetched.charset,
        kind=kind,
    )


def _guarded(origin: str, items: Iterator[Item]) -> Iterator[Item]:
    # A bug on one odd input must not stop a whole batch: report it as a problem.
    try:
        yield from items
    except Exception as exc:
        yield problems.problem(
            origin,
            problems.INTERNAL_ERROR,
            f"could not be read ({type(exc).__name__}: {exc})",
        )


def read_inputs(
    inputs: Iterable[str],
    *,
    settings: Settings | None = None,
    kind: str = "allegation",
    client: httpx.Client | None = None,
) -> Iterator[IncomingReport | IngestProblem]:
    """Read each input (a file, a folder, recursively, or an http(s) URL) into reports.

    `kind` is the default report kind; a row or front matter may say otherwise.
    `client` lets a caller (or a test) supply the HTTP client; by default one is
    made on the first URL and closed at the end.
    """
    settings = settings or get_settings()
    own_client: httpx.Client | None = None
    try:
        for raw in inputs:
            value = str(raw).strip()
            if not value:
                yield problems.problem(repr(raw), problems.NOT_FOUND, "empty input name")
                continue
            if is_url(value):
                if client is None:
                    client = own_client = make_client(settings)
                yield from _guarded(value, read_url(value, settings=settings, client=client, kind=kind))
            else:
                yield from _guarded(value, read_path(Path(value), settings=settings, kind=kind))
    finally:
        if own_client is not None:
            own_client.close()
