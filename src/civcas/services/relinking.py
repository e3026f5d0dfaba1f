"""Re-link the automatically placed reports as one batch (`civcas incidents relink`).

Ingest links each report on its own, as it comes (services/linking.py): it sees only the reports before
it, and words are weighed by how rare they were then. Once reports have come in, the batch linker
(link/engine.py, Splink on DuckDB) can score them all together, with each word's rarity counted over
all of them, and cluster them strongest link first. Measured end to end on a scratch store: the
Syria dev sources ingested one by one score pairwise and B-cubed F1 0.558 / 0.674, and 0.644 / 0.712
after this re-run (docs/linking.md).

What may move is what `linking.movable_links` allows: an analyst's merges and splits, and incidents
someone began to assess, are left as they are, and no report is moved into them. Each new cluster
continues the incident that holds most of its reports (`clusters.incidents_kept`), so a re-run moves
as few reports as it can; every move is audited as `incident.relink`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from civcas.link.clusters import best_links, incidents_kept
from civcas.link.engine import get_engine
from civcas.link.features import LinkRow, finish_rows, row_from_facts, shared_words
from civcas.link.incremental import IncrementalLinker
from civcas.link.splink_model import DEFAULT_THRESHOLD
from civcas.model.extraction import IncidentFacts
from civcas.model.vocabulary import Role
from civcas.services.actor import Actor
from civcas.services.linking import RelinkResult, linker_at, movable_links, move_link
from civcas.store.tables import Extraction, IncidentSource, Source

TRAIN_MIN = 1_000
"""Reports from which the batch is trained on itself (u and the prior re-estimated, as `civcas link`
does); fewer are linked with the bundled parameters, as ingest links them."""


def relink_batch(
    session: Session, by: Actor, *, threshold: float | None = None, engine: str = "duckdb"
) -> RelinkResult:
    """Cluster every movable report again, together, and move those whose cluster now lies elsewhere."""
    by.require(Role.ANALYST, "re-linking reports")
    links = movable_links(session)
    result = RelinkResult(checked=len(links))
    if len(links) < 2:
        return result
    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    rows = _rows(session, links)
    linked = get_engine(engine).link(rows, threshold=threshold, train=len(rows) >= TRAIN_MIN)
    clusters = linked.clusters
    kept = incidents_kept([link.incident_id for link in links], clusters)
    # The strongest link inside each report's new cluster: the reasons shown for it.
    best = best_links(len(rows), [e for e in linked.edges if clusters[e.left] == clusters[e.right]])
    started: dict[int, int] = {}  # cluster -> the incident it started
    # The weights the batch used (trained on it, or the bundled ones), to explain each link.
    linker = IncrementalLinker(linked.model, threshold) if linked.model else linker_at(threshold)
    for i, link in enumerate(links):
        c = clusters[i]
        target = kept[c] if kept[c] is not None else started.get(c)
        if target == link.incident_id:
            continue
        match = best[i]
        reasons = None if match is None else _reasons(linker, rows[i], rows[match[0]], match[1], threshold)
        old = link.incident_id
        score = None if match is None else round(match[1], 3)
        moved_to = move_link(session, link, target, score=score, reasons=reasons, by=by)
        if target is None:
            started[c] = moved_to
        result.moved.append((link.source_id, old, moved_to))
    return result


def _rows(session: Session, links: list[IncidentSource]) -> list[LinkRow]:
    """Each report's feature row from its stored text and facts, words weighed over the whole batch."""
    stored: dict[int, Any] = {}
    ids = [link.id for link in links]
    for start in range(0, len(ids), 500):  # the columns needed, not the reports' ORM objects
        stmt = (
            select(IncidentSource.id, Source.text, Source.published, Extraction.facts)
            .join(Source, Source.id == IncidentSource.source_id)
            .outerjoin(Extraction, Extraction.id == IncidentSource.extraction_id)
            .where(IncidentSource.id.in_(ids[start : start + 500]))
        )
        stored.update((r.id, r) for r in session.execute(stmt))
    rows: list[LinkRow] = []
    token_lists: list[list[str]] = []
    for i, link in enumerate(links):
        r = stored[link.id]
        facts = IncidentFacts.model_validate(r.facts) if r.facts else None
        row, tokens = row_from_facts(i, str(link.source_id), facts, text=r.text, published=r.published)
        rows.append(row)
        token_lists.append(tokens)
    finish_rows(rows, token_lists)
    return rows


def _reasons(
    linker: IncrementalLinker, row: LinkRow, other: LinkRow, weight: float, threshold: float
) -> dict[str, Any]:
    """Why the report was joined, in the shape ingest keeps (`linking._Found.reasons`)."""
    return {
        "matched_source": int(other.report_id),
        "match_weight": round(weight, 3),
        "threshold": threshold,
        "comparisons": {k: list(v) for k, v in linker.explain(row, other).items()},
        "shared_words": shared_words(row.text_words, row.text_weights, other.text_words, other.text_weights),
    }
