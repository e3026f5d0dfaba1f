"""A report's text on the incident page: facts marked at their spans, every character escaped, and the
same HTML the template's loop over the pieces used to write."""

from __future__ import annotations

import datetime as dt
import itertools

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


def _pieces_mark_by_mark(text: str, marks: list[tuple[int, int, str]]) -> list[tuple[str, str | None]]:
    """The pieces as each piece's labels read off every mark (the rule, plainly; quadratic)."""
    cuts = sorted({0, len(text), *(max(0, min(len(text), p)) for s, e, _ in marks for p in (s, e))})
    out: list[tuple[str, str | None]] = []
    for a, b in itertools.pairwise(cuts):
        labels = sorted({lab for s, e, lab in marks if s <= a and b <= e})
        out.append((text[a:b], "; ".join(labels) or None))
    return out


def test_overlapping_and_stray_spans_give_the_pieces_every_mark_would() -> None:
    import random

    rng = random.Random(5)
    fields = ["place", "date", "civilians_killed", "belligerent"]
    for _ in range(300):
        text = "".join(rng.choice("ab .") for _ in range(rng.randrange(0, 30)))
        facts: dict[str, list[tuple[int, int]]] = {}
        for _ in range(rng.randrange(0, 8)):  # out of range, empty and inverted spans included
            start = rng.randrange(-3, len(text) + 3)
            facts.setdefault(rng.choice(fields), []).append((start, start + rng.randrange(-2, 9)))
        source = _source().model_copy(
            update={
                "text": text,
                "facts": [FactView(field=f, value="x", spans=s, sentences=[]) for f, s in facts.items()],
                "statements": [],
            }
        )
        marks = [(s, e, f.replace("_", " ")) for f, spans in facts.items() for s, e in spans]
        assert [(p.text, p.label) for p in highlight(source)] == _pieces_mark_by_mark(text, marks)
