"""link_keys: every linked report (and archive incident row) also keyed by its day and by its place

Revision ID: 0012
Revises: 0011

New reports look up candidate incidents by two more keys (link/incremental.py `blocking_keys`): the
day alone, a day either side, and the place alone. The reports linked before this revision get the
same keys here, from their stored feature rows, so a new report finds them as it finds later ones.
The hash is services.linking.key_hash, written out so that this revision stays as it is when the
code moves on.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def _hash(*parts: object) -> int:
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big", signed=True)


def _keys(features: Any) -> set[int]:
    row = json.loads(features) if isinstance(features, str) else features or {}
    day, place = row.get("day_eff"), row.get("place")
    keys = {_hash("day", d, None) for d in (day - 1, day, day + 1)} if isinstance(day, int) else set()
    if place:
        keys.add(_hash("place", place, None))
    return keys


def _rows(conn: sa.Connection) -> Iterator[tuple[int, int | None, set[int]]]:
    """(incident, source or None, the new keys) of every stored feature row."""
    links = "SELECT incident_id, source_id, features FROM incident_sources WHERE features IS NOT NULL"
    for row in conn.execute(sa.text(links)):
        yield int(row[0]), None if row[1] is None else int(row[1]), _keys(row[2])
    for row in conn.execute(sa.text("SELECT incident_id, features FROM incident_features")):
        yield int(row[0]), None, _keys(row[1])


def upgrade() -> None:
    conn = op.get_bind()
    batch: list[dict[str, Any]] = []
    insert = sa.text("INSERT INTO link_keys (key, incident_id, source_id) VALUES (:key, :incident, :source)")
    for incident_id, source_id, keys in list(_rows(conn)):
        batch += [{"key": k, "incident": incident_id, "source": source_id} for k in keys]
        if len(batch) >= 5000:
            conn.execute(insert, batch)
            batch = []
    if batch:
        conn.execute(insert, batch)


def downgrade() -> None:
    conn = op.get_bind()
    delete = sa.text("DELETE FROM link_keys WHERE key = :key AND incident_id = :incident")
    gone = [{"key": k, "incident": i} for i, _, keys in list(_rows(conn)) for k in keys]
    if gone:
        conn.execute(delete, gone)
