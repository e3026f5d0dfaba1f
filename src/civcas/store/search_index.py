"""Names of the full-text search objects that live outside the SQLAlchemy models.

The search index is database-specific (an FTS5 table with triggers on SQLite, a generated
tsvector column with a GIN index on PostgreSQL), so migration 0003 creates it with DDL and
the models do not declare it. Autogenerate must then not offer to drop it: `include_object`
hides these names from the comparison.
"""

from __future__ import annotations

from typing import Any

FTS_TABLE = "sources_fts"
# FTS5 keeps its index in these shadow tables beside the virtual table.
FTS_SHADOW_TABLES = tuple(
    f"{FTS_TABLE}_{suffix}" for suffix in ("data", "idx", "docsize", "config", "content")
)
PG_VECTOR_COLUMN = "search_vector"
PG_VECTOR_INDEX = "ix_sources_search_vector"

_HIDDEN = {FTS_TABLE, *FTS_SHADOW_TABLES, PG_VECTOR_COLUMN, PG_VECTOR_INDEX}


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Alembic hook: leave the search index out of model/database comparisons."""
    return not (reflected and compare_to is None and name in _HIDDEN)
