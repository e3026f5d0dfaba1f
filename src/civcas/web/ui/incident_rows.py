"""The incident page's two tables of many small values, written in Python rather than in Jinja: the
claims of each source side by side, and each source's extracted facts with their sentences.

In the template each of these values (about 250 on a page of five reports) went through Jinja's
escaping, one markupsafe `Markup` object each, and each loop step through Jinja's loop machinery.
The HTML written here is the templates' own, byte for byte, whitespace included (the newlines and
indents the template's loop tags left); `tests/web/test_incident_rows.py` renders the template
loops they replace and compares.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from markupsafe import Markup

from civcas.model.incident import FactView, SourceView
from civcas.services.claims import CLAIM_FIELDS, COUNT_FIELDS, SourceClaims
from civcas.web.ui.highlight import escape_like_jinja as _escape

_NO_FACTS = '\n        <tr><td colspan="3" class="empty">Nothing extracted.</td></tr>\n      '


def fact_rows(facts: Iterable[FactView]) -> Markup:
    """The rows of one source's table of facts (the loop of `incident.html`, with its empty row)."""
    rows = [
        f'\n        <tr><td>{_escape(f.field.replace("_", " "))}</td><td class="value" dir="auto">'
        f'{_escape(f.value)}</td><td class="sentence">'
        + "".join(f'<p dir="auto">{_escape(s)}</p>' for s in f.sentences[:3])
        + "</td></tr>\n      "
        for f in facts
    ]
    return Markup("".join(rows) if rows else _NO_FACTS)


def _claim_cell(name: str, value: str | None, conflict: bool) -> str:
    css = ("num " if name in COUNT_FIELDS else "") + ("conflict" if conflict else "")
    title = ' title="Another source says otherwise"' if conflict else ""
    note = '<span class="visually-hidden"> (conflicts with another source)</span>' if conflict else ""
    return (
        f'\n          \n          <td class="{css}" data-field="{name}" dir="auto"{title}>'
        f"{_escape(value or '–')}{note}</td>\n        "
    )


def claim_rows(rows: Iterable[SourceClaims]) -> Markup:
    """The rows of the table of what each source claims (the loop of `_claims.html`)."""
    out: list[str] = []
    for row in rows:
        kind = (
            f' <small class="dim">{_escape((row.kind or "").replace("_", " "))}</small>'
            if row.kind != "allegation"
            else ""
        )
        cells = "".join(
            _claim_cell(name, row.claims[name].value, row.claims[name].conflict) for name in CLAIM_FIELDS
        )
        out.append(
            f'\n      <tr>\n        <td><a href="#source-{row.source_id}">{_escape(row.title or "Untitled report")}'
            f"</a>{kind}</td>\n        <td>{_escape(row.publisher or '–')}</td>\n        "
            f"<td>{_escape(row.language or '?')}</td>\n        {cells}\n      </tr>\n    "
        )
    return Markup("".join(out))


def source_header(s: SourceView, signed_in: bool) -> Markup:
    """The lines of a source's header on the incident page: title, where and when it came from, how it
    was linked, its hash, and (for signed-in readers) the link to its original."""
    published = s.published.date().isoformat() if s.published else "unknown"
    score = f" ({s.link_score:.2f})" if s.link_score is not None else ""
    pinned = " · kept by an analyst" if s.link_pinned else ""
    original = (
        f'<a class="original" href="/api/reports/{s.id}/original" download>original as received</a>'
        if signed_in
        else ""
    )
    return Markup(
        f"<strong>{_escape(s.title or 'Untitled report')}</strong>\n"
        f'      <span class="meta">{_escape(s.publisher or "unknown publisher")} · {_escape(s.language or "?")}'
        f" · published {published} · {_escape((s.kind or '').replace('_', ' '))}"
        f" · linked by {_escape(str(s.link_method))}{score}{pinned}</span>\n"
        f'      <span class="hash" title="SHA-256 of the original">sha256 {_escape(s.sha256[:12])}…</span>\n'
        f"      {original}"
    )


def labelled_options(values: Iterable[str]) -> Markup:
    """`<option>`s of these values, each shown with its underscores as spaces."""
    return Markup(
        "".join(f'<option value="{_escape(v)}">{_escape(v.replace("_", " "))}</option>' for v in values)
    )


def state_options(states: Iterable[Enum], current: str) -> Markup:
    """The assessment form's states, the current one selected (published only if it is already)."""
    return Markup(
        "".join(
            f'<option value="{_escape(s.value)}" {"selected" if s.value == current else ""}>'
            f"{_escape(s.value.replace('_', ' '))}</option>"
            for s in states
            if s.value != "published" or current == "published"
        )
    )


def plain_options(values: Iterable[Enum], current: str | None) -> Markup:
    """`<option>`s showing their values, the current one selected."""
    return Markup(
        "".join(
            f"<option {'selected' if v.value == current else ''}>{_escape(v.value)}</option>" for v in values
        )
    )
