"""The incident list's rows: every text value escaped, unknowns shown as a dash, ranges as min–max."""

from __future__ import annotations

import datetime as dt

from civcas.model.extraction import CountRange
from civcas.model.incident import IncidentSummary
from civcas.web.ui.list_rows import incident_rows


def test_text_values_are_escaped() -> None:
    html = incident_rows(
        [
            IncidentSummary(
                id=7,
                title='<script>alert("x")</script> & co',
                state="under_review",
                admin1="Deir <ez> Zor",
                belligerent="A & B",
                grade="Fair",
            )
        ]
    )
    assert "<script>" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in html
    assert '<small class="dim">Deir &lt;ez&gt; Zor</small>' in html
    assert "<td>A &amp; B</td>" in html
    assert '<span class="state state-under_review">under review</span>' in html
    assert '<span class="grade grade-fair">Fair</span>' in html
    assert '<a href="/incidents/7">' in html


def test_unknown_values_are_a_dash_and_ranges_read_min_to_max() -> None:
    html = incident_rows(
        [
            IncidentSummary(
                id=1,
                title="t",
                state="new",
                date=dt.date(2017, 5, 3),
                civilians_killed=CountRange(min=12, max=15),
                injured=CountRange(min=4, max=4),
                source_count=3,
                updated_at=dt.datetime(2017, 5, 9, 13, 0),
            ),
            IncidentSummary(id=2, title="u", state="new"),
        ]
    )
    first, second = html.split("</tr>")[:2]
    assert '<td class="nowrap">2017-05-03</td>' in first
    assert '<td class="num">12–15</td>' in first and '<td class="num">4</td>' in first
    assert '<td class="num">3</td>' in first and '<td class="nowrap dim">2017-05-09</td>' in first
    assert '<td class="nowrap">–</td>' in second and "<td>–</td>" in second  # no date, belligerent, grade
    assert second.count('<td class="num">–</td>') == 2  # no killed or injured figure
