"""The incident list's table rows, written with `html.escape` instead of through Jinja.

The list and search pages show 50 rows of a dozen values each. In the template every value went
through Jinja's escaping, which wraps each one in a markupsafe `Markup` object: about 1 ms of a
5 ms list page. Written here, with `html.escape` (C) on the text values only, the same rows cost a
tenth of that. The markup is the template's (quotes are escaped as `&quot;` and `&#x27;` rather
than `&#34;` and `&#39;`); the rest of the page stays in `incidents.html`.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from markupsafe import Markup

from civcas.model.extraction import CountRange
from civcas.model.incident import IncidentSummary

DASH = "–"


def figure(value: CountRange | None) -> str:
    """A count as the list shows it: "12", "12–15", or a dash when unknown."""
    if value is None:
        return DASH
    return str(value.min) if value.min == value.max else f"{value.min}–{value.max}"


def _row(i: IncidentSummary) -> str:
    admin1 = f' <small class="dim">{escape(i.admin1)}</small>' if i.admin1 else ""
    state = escape(i.state)
    grade = (
        f'<span class="grade grade-{escape(i.grade.lower())}">{escape(i.grade)}</span>' if i.grade else DASH
    )
    # The day as strftime("%Y-%m-%d") writes it (for years from 1000), in a seventh of the time.
    updated = i.updated_at.date().isoformat() if i.updated_at else DASH
    return f"""    <tr>
      <td class="nowrap">{i.date or DASH}</td>
      <td><a href="/incidents/{i.id}">{escape(i.title)}</a>{admin1}</td>
      <td>{escape(i.belligerent) if i.belligerent else DASH}</td>
      <td class="num">{figure(i.civilians_killed)}</td>
      <td class="num">{figure(i.injured)}</td>
      <td><span class="state state-{state}">{state.replace("_", " ")}</span></td>
      <td>{grade}</td>
      <td class="num">{i.source_count}</td>
      <td class="nowrap dim">{updated}</td>
    </tr>
"""


def incident_rows(incidents: Iterable[IncidentSummary]) -> Markup:
    """The `<tr>` of each incident, escaped, for the list template's table body."""
    return Markup("".join(_row(i) for i in incidents))
