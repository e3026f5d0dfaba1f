"""Public views of incidents and reports: names of victims and witnesses withheld (publish/redact.py)."""

from __future__ import annotations

from civcas.model.incident import IncidentDetail, SourceView
from civcas.publish.redact import redact_names


def redact_source(view: SourceView) -> SourceView:
    return view.model_copy(
        update={
            "title": redact_names(view.title) if view.title else view.title,
            "text": redact_names(view.text),
            "facts": [
                f.model_copy(update={"sentences": [redact_names(s) for s in f.sentences]}) for f in view.facts
            ],
            "statements": [
                s.model_copy(update={"quote": redact_names(s.quote) if s.quote else s.quote})
                for s in view.statements
            ],
            "evidence": [e.model_copy(update={"sentence": redact_names(e.sentence)}) for e in view.evidence],
        }
    )


def redact_incident(detail: IncidentDetail) -> IncidentDetail:
    sources = [redact_source(s) for s in detail.sources]
    return detail.model_copy(
        update={
            "sources": sources,
            "statements": [s for v in sources for s in v.statements],
            "evidence": [e for v in sources for e in v.evidence],
            "commitments": [
                c.model_copy(update={"quote": redact_names(c.quote)}) for c in detail.commitments
            ],
            "names_withheld": True,
        }
    )
