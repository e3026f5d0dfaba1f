"""What each source claims about an incident, side by side, with the values that conflict marked.

Figures conflict when their ranges do not overlap (12 and 10–15 agree; 12 and 3 do not);
dates, places and belligerents conflict when they differ. A source that says nothing about
a fact neither agrees nor conflicts.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from civcas.model.incident import SourceView

CLAIM_FIELDS = ("civilians_killed", "injured", "date", "place", "belligerent")
COUNT_FIELDS = frozenset({"civilians_killed", "injured"})
# Belligerent words that attribute nothing.
_NO_CLAIM = frozenset({"unknown", ""})


@dataclass(frozen=True, slots=True)
class Claim:
    value: str | None  # as shown; None when the source does not say
    conflict: bool = False


@dataclass(frozen=True, slots=True)
class SourceClaims:
    source_id: int
    title: str | None
    publisher: str | None
    language: str | None
    published: dt.datetime | None
    kind: str
    claims: dict[str, Claim] = field(default_factory=dict)


def _range(value: Any) -> tuple[int, int] | None:
    if isinstance(value, dict) and isinstance(value.get("min"), int):
        hi = value.get("max")
        return value["min"], hi if isinstance(hi, int) else value["min"]
    return None


def _show(name: str, facts: dict[str, Any]) -> str | None:
    value = facts.get(name)
    if name in COUNT_FIELDS:
        r = _range(value)
        return None if r is None else (str(r[0]) if r[0] == r[1] else f"{r[0]}–{r[1]}")
    if name == "date" and value and facts.get("date_end") and facts["date_end"] != value:
        return f"{value} – {facts['date_end']}"
    if name == "place" and value and facts.get("admin1") and facts["admin1"] != value:
        return f"{value}, {facts['admin1']}"
    return str(value) if value not in (None, "") else None


def _key(name: str, facts: dict[str, Any]) -> Any:
    """What two sources must share to agree on a field (None: no claim)."""
    value = facts.get(name)
    if name in COUNT_FIELDS:
        return _range(value)
    if not isinstance(value, str) or not value.strip():
        return None
    if name == "belligerent":
        return None if value.strip().lower() in _NO_CLAIM else value.strip().lower()
    if name == "place":
        return _place_key(value)
    return value.strip()


@functools.lru_cache(maxsize=4096)
def _place_key(value: str) -> str:
    """A place's name folded for comparison (kept per name: the same places recur on every page)."""
    # Transliterations differ in articles, hyphens and marks: Al-Mayadin, al Mayadin, Mayadin.
    folded = unicodedata.normalize("NFKD", value).casefold()
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"^(al|el|ad|ar|as|ash|az)\b|[^\w]", "", folded.replace("ال", "", 1))


def _conflicts(name: str, mine: Any, others: list[Any]) -> bool:
    if mine is None:
        return False
    for other in others:
        if other is None:
            continue
        if name in COUNT_FIELDS:
            if mine[1] < other[0] or other[1] < mine[0]:
                return True
        elif other != mine:
            return True
    return False


def source_claims(sources: list[SourceView]) -> list[SourceClaims]:
    """One row per source: its claim for each field, marked where another source disagrees."""
    facts = [s.extraction or {} for s in sources]
    keys = [{name: _key(name, f) for name in CLAIM_FIELDS} for f in facts]
    rows = []
    for i, src in enumerate(sources):
        others = keys[:i] + keys[i + 1 :]
        claims = {
            name: Claim(
                _show(name, facts[i]),
                _conflicts(name, keys[i][name], [o[name] for o in others]),
            )
            for name in CLAIM_FIELDS
        }
        rows.append(
            SourceClaims(src.id, src.title, src.publisher, src.language, src.published, src.kind, claims)
        )
    return rows


def conflicting_fields(rows: list[SourceClaims]) -> list[str]:
    return [name for name in CLAIM_FIELDS if any(r.claims[name].conflict for r in rows)]
