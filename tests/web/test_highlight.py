"""A report's text on the incident page: facts marked at their spans, every character escaped, and the
same HTML the template's loop over the pieces used to write."""

from __future__ import annotations

import datetime as dt

from jinja2 import Environment

from civcas.model.incident import FactView, SourceView, StatementView
from civcas.web.ui.highlight import highlight, highlighted_html

TEXT = 'A strike hit the "Red & Blue" <bakery> in Kafr Hamra; it\'s said 4 died.'

# What incident.html wrote before the pieces were joined in Python.
TEMPLATE_LOOP = (
    '{% for p in pieces %}{% if p.label %}<mark title="{{ p.label }}">{{ p.text }}</mark>'
    "{% else %}{{ p.text }}{% endif %}{% endfor %}"
)


def _source() -> SourceView:
    place = TEXT.index("Kafr Hamra")
    count = TEXT.index("4 died")
    return SourceView(
        id=1,
        sha256="0" * 64,
        title=None,
        url=None,
        publisher=None,
        language="en",
        published=None,
        ingested_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
        kind="allegation",
        origin="test",
        text=TEXT,
        facts=[
            FactView(field="place", value="Kafr Hamra", spans=[(place, place + 10)], sentences=[]),
            FactView(field="civilians_killed", value="4", spans=[(count, count + 1)], sentences=[]),
        ],
        statements=[StatementView(party=None, speaker=None, stance="denies", quote=None, span=(0, 8))],
    )


def test_the_text_is_escaped_and_facts_are_marked() -> None:
    html = highlighted_html(highlight(_source()))
    assert '<mark title="place">Kafr Hamra</mark>' in html
    assert '<mark title="civilians killed">4</mark>' in html
    assert '<mark title="statement: denies">A strike</mark>' in html
    assert "&#34;Red &amp; Blue&#34; &lt;bakery&gt;" in html and "it&#39;s" in html
    assert "<bakery>" not in html


def test_the_same_html_as_the_template_loop() -> None:
    pieces = highlight(_source())
    loop = Environment(autoescape=True).from_string(TEMPLATE_LOOP)
    assert str(highlighted_html(pieces)) == loop.render(pieces=pieces)
