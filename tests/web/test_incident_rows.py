"""The incident page's rows written in Python are the HTML the template loops they replace wrote."""

from __future__ import annotations

import datetime as dt

from jinja2 import Environment

from civcas.model.incident import FactView, SourceView
from civcas.model.vocabulary import Grade, IncidentState, Verdict
from civcas.services.claims import Claim, SourceClaims
from civcas.web.ui.incident_rows import (
    claim_rows,
    fact_rows,
    labelled_options,
    plain_options,
    source_header,
    state_options,
)

# The loops as they stood in incident.html and _claims.html.
FACTS_LOOP = """      {% for f in facts %}
        <tr><td>{{ f.field|label }}</td><td class="value" dir="auto">{{ f.value }}</td><td class="sentence">{% for sentence in f.sentences[:3] %}<p dir="auto">{{ sentence }}</p>{% endfor %}</td></tr>
      {% else %}
        <tr><td colspan="3" class="empty">Nothing extracted.</td></tr>
      {% endfor %}"""
CLAIMS_LOOP = """    {% for row in claims %}
      <tr>
        <td><a href="#source-{{ row.source_id }}">{{ row.title or 'Untitled report' }}</a>{% if row.kind != 'allegation' %} <small class="dim">{{ row.kind|label }}</small>{% endif %}</td>
        <td>{{ row.publisher or '–' }}</td>
        <td>{{ row.language or '?' }}</td>
        {% for name in ['civilians_killed', 'injured', 'date', 'place', 'belligerent'] %}
          {% set c = row.claims[name] %}
          <td class="{{ 'num ' if name in ['civilians_killed', 'injured'] else '' }}{{ 'conflict' if c.conflict else '' }}" data-field="{{ name }}" dir="auto"
              {%- if c.conflict %} title="Another source says otherwise"{% endif %}>{{ c.value or '–' }}{% if c.conflict %}<span class="visually-hidden"> (conflicts with another source)</span>{% endif %}</td>
        {% endfor %}
      </tr>
    {% endfor %}"""

ENV = Environment(autoescape=True)
ENV.filters["label"] = lambda s: (s or "").replace("_", " ")
ODD = "Tell <b>\"them\"</b> & 'us'"


def _template(loop: str, **context: object) -> str:
    return ENV.from_string(loop).render(**context).removeprefix("    ").removeprefix("  ")


def test_fact_rows_are_the_templates() -> None:
    facts = [
        FactView(field="civilians_killed", value="3–5", spans=[(0, 3)], sentences=[ODD, "b", "c", "d"]),
        FactView(field="place", value=ODD, spans=[(4, 9)], sentences=[]),
    ]
    assert str(fact_rows(facts)) == _template(FACTS_LOOP, facts=facts)
    assert str(fact_rows([])) == _template(FACTS_LOOP, facts=[])
    assert "&lt;b&gt;&#34;them&#34;&lt;/b&gt; &amp; &#39;us&#39;" in str(fact_rows(facts))


def test_claim_rows_are_the_templates() -> None:
    names = ("civilians_killed", "injured", "date", "place", "belligerent")
    rows = [
        SourceClaims(1, ODD, None, "ar", None, "allegation", {n: Claim(None) for n in names}),
        SourceClaims(
            2,
            None,
            ODD,
            None,
            None,
            "strike_release",
            {n: Claim(f"{n} <{i}>", conflict=i % 2 == 0) for i, n in enumerate(names)},
        ),
    ]
    assert str(claim_rows(rows)) == _template(CLAIMS_LOOP, claims=rows)
    assert str(claim_rows([])) == _template(CLAIMS_LOOP, claims=[])


HEADER_TEMPLATE = """<strong>{{ s.title or 'Untitled report' }}</strong>
      <span class="meta">{{ s.publisher or 'unknown publisher' }} · {{ s.language or '?' }} · published {{ s.published.date() if s.published else 'unknown' }} · {{ s.kind|label }} · linked by {{ s.link_method }}{% if s.link_score is not none %} ({{ '%.2f'|format(s.link_score) }}){% endif %}{% if s.link_pinned %} · kept by an analyst{% endif %}</span>
      <span class="hash" title="SHA-256 of the original">sha256 {{ s.sha256[:12] }}…</span>
      {% if signed_in %}<a class="original" href="/api/reports/{{ s.id }}/original" download>original as received</a>{% endif %}"""


def test_source_header_is_the_templates() -> None:
    base = {
        "id": 7,
        "sha256": "ab" * 32,
        "url": None,
        "ingested_at": dt.datetime(2024, 1, 2, 3, 4),
        "origin": "feed",
        "text": "",
    }
    sources = [
        SourceView(
            **base,
            title=ODD,
            publisher=ODD,
            language="ar",
            published=dt.datetime(2017, 6, 1, 12),
            kind="strike_release",
            link_method="rule",
            link_score=0.8751,
            link_pinned=True,
        ),
        SourceView(**base, title=None, publisher=None, language=None, published=None, kind="allegation"),
    ]
    for s in sources:
        for signed_in in (True, False):
            expected = ENV.from_string(HEADER_TEMPLATE).render(s=s, signed_in=signed_in)
            assert str(source_header(s, signed_in)) == expected


OPTIONS_TEMPLATE = """{% for s in states if s.value != 'published' or inc.state == 'published' %}<option value="{{ s.value }}" {% if s.value == inc.state %}selected{% endif %}>{{ s.value|label }}</option>{% endfor %}
{% for g in grades %}<option {% if g.value == inc.grade %}selected{% endif %}>{{ g.value }}</option>{% endfor %}
{% for v in verdict_values %}<option value="{{ v }}">{{ v|label }}</option>{% endfor %}"""


def test_form_options_are_the_templates() -> None:
    verdicts = [v.value for v in Verdict]
    for state in ("new", "published", "under_assessment"):
        for grade in (None, "Fair"):
            inc = {"state": state, "grade": grade}
            expected = ENV.from_string(OPTIONS_TEMPLATE).render(
                inc=inc, states=list(IncidentState), grades=list(Grade), verdict_values=verdicts
            )
            written = "\n".join(
                (
                    state_options(list(IncidentState), state),
                    plain_options(list(Grade), grade),
                    labelled_options(verdicts),
                )
            )
            assert written == expected
