"""HTML pages: main text and title via trafilatura; raw bytes kept as `original`."""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from civcas.ingest import problems
from civcas.ingest.decode import Decoded, DecodeError, decode_bytes
from civcas.ingest.records import clean_text, has_content, make_report
from civcas.model.report import IncomingReport, IngestProblem

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article", "blockquote",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "pre", "figure", "figcaption", "hr",
}  # fmt: skip
_SKIP_TAGS = {"script", "style", "noscript", "template", "head"}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Strip tags from an HTML fragment (a feed summary), keeping paragraph breaks."""
    if "<" not in fragment and "&" not in fragment:
        return clean_text(fragment)
    parser = _TextCollector()
    parser.feed(fragment)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _codec_known(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes, origin: str, declared: str | None = None) -> Decoded:
    """Decode a page: BOM, then the charset the server or the page declares, then the usual guesses."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data, origin)
    charset = declared
    if not charset:
        m = _META_CHARSET.search(data[:4096])
        charset = m.group(1).decode("ascii") if m else None
    codec = _codec_known(charset) if charset else None
    if codec and b"\x00" not in data:
        # Pages often carry a stray bad byte; a declared charset is trusted, bad bytes replaced.
        return Decoded(data.decode(codec, errors="replace"), codec)
    return decode_bytes(data, origin)


def read_html(
    data: bytes,
    *,
    origin: str,
    url: str | None = None,
    declared_charset: str | None = None,
    kind: str = "allegation",
) -> IncomingReport | IngestProblem:
    import trafilatura

    try:
        decoded = decode_html(data, origin, declared_charset)
    except DecodeError as exc:
        return problems.problem(origin, exc.code, exc.message)
    markup = decoded.text
    if not markup.strip():
        return problems.problem(origin, problems.EMPTY, "empty page")
    doc = trafilatura.bare_extraction(
        markup, url=url, with_metadata=True, include_comments=False, include_tables=True
    )
    text = getattr(doc, "text", None) if doc is not None else None
    title = getattr(doc, "title", None) if doc is not None else None
    sitename = getattr(doc, "sitename", None) if doc is not None else None
    page_url = getattr(doc, "url", None) if doc is not None else None
    text = clean_text(text or "")
    if not has_content(text):
        # trafilatura gives up on very short pages; the bare text is better than nothing.
        text = clean_text(trafilatura.html2txt(markup) or "")
    if not has_content(text):
        return problems.problem(origin, problems.EMPTY_TEXT, "no readable text in the page")
    meta = {"encoding": decoded.codec}
    return make_report(
        original=data,
        media_type="text/html",
        text=text,
        origin=origin,
        title=title if isinstance(title, str) else None,
        url=url or (page_url if isinstance(page_url, str) else None),
        publisher=sitename if isinstance(sitename, str) else None,
        kind=kind,
        meta=meta,
    )
