"""Split a source text into plain and highlighted pieces, and write them as HTML with the facts marked
at their spans and every character of the text escaped."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass

from markupsafe import Markup

from civcas.model.incident import SourceView


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    label: str | None  # the fact(s) this piece supports, None for plain text


def highlight(source: SourceView) -> list[Piece]:
    text = source.text
    marks: list[tuple[int, int, str]] = [
        (start, end, f.field.replace("_", " ")) for f in source.facts for start, end in f.spans
    ]
    marks += [(s.span[0], s.span[1], f"statement: {s.stance.replace('_', ' ')}") for s in source.statements]
    marks += [(e.span[0], e.span[1], f"evidence: {e.kind}") for e in source.evidence]
    # Label each piece between two mark boundaries by the marks covering it (overlapping marks share a
    # piece), sweeping the boundaries in order: a mark starts or ends at each. A long report can carry
    # hundreds of thousands of marks, so no piece looks at every mark.
    n = len(text)
    starts: dict[int, list[str]] = defaultdict(list)
    ends: dict[int, list[str]] = defaultdict(list)
    cuts_at = {0, n}
    for s, e, label in marks:
        s, e = max(0, min(n, s)), max(0, min(n, e))
        cuts_at.update((s, e))  # an empty span still cuts the text where it stands
        if s < e:
            starts[s].append(label)
            ends[e].append(label)
    cuts = sorted(cuts_at)
    active: Counter[str] = Counter()
    pieces: list[Piece] = []
    for a, b in itertools.pairwise(cuts):
        active.subtract(ends.get(a, ()))
        active.update(starts.get(a, ()))
        labels = sorted(label for label, count in active.items() if count > 0)
        pieces.append(Piece(text[a:b], "; ".join(labels) or None))
    return pieces


def escape_like_jinja(text: str) -> str:
    """What Jinja's autoescape writes for a string (markupsafe's replacements, in its order), without
    a Markup object per call."""
    return (
        text.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


def highlighted_html(pieces: list[Piece]) -> Markup:
    """The pieces as the incident page shows them: each labelled piece in a `<mark>` titled with its
    label. Written here rather than looped over in the template, where a report's hundred pieces each
    went through Jinja's escaping (a fifth of the page's rendering)."""
    return Markup(
        "".join(
            f'<mark title="{escape_like_jinja(p.label)}">{escape_like_jinja(p.text)}</mark>'
            if p.label
            else escape_like_jinja(p.text)
            for p in pieces
        )
    )
