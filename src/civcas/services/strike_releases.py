"""Strike releases beside the allegations they may answer (scores from link/strike_releases.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol

from pydantic import BaseModel
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from civcas.extract.geoparse import find_places
from civcas.link.strike_releases import MAX_DAYS, StrikePlace, score_match
from civcas.model.vocabulary import Stance
from civcas.services.actor import Actor
from civcas.store import core
from civcas.store.tables import Extraction, Source

STRIKE_RELEASE = "strike_release"


class StrikeReleaseCandidate(BaseModel):
    source_id: int
    title: str | None
    publisher: str | None
    published: date | None
    reported_day: date | None
    place: str
    km: float
    days_apart: int | None
    score: float
    sentence: str


def _shifted(day: date, days: int) -> date:
    """`day` moved by `days`, held at the calendar's ends (a date misread into the year 1 or 9999
    must not break the incident page)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def _release_facts(
    published: datetime | None, facts: dict[str, Any] | None
) -> tuple[date | None, str | None]:
    facts = facts or {}
    day = date.fromisoformat(facts["date"]) if facts.get("date") else None
    if day is None and published:
        day = _shifted(published.date(), -1)  # releases usually report the day before
    # A release's belligerent is whoever admits the strikes in it, not the target it names.
    party = next(
        (
            st.get("party")
            for st in facts.get("statements", [])
            if st.get("stance") == Stance.ADMITS_STRIKE.value and st.get("party")
        ),
        None,
    )
    return day, party


# The places each release names, by the hash of its original: a release is read on every page of the
# allegations its window covers (daily releases: some fifty per incident page, about 12 ms of geoparsing
# a page uncached), and what it says never changes.
_RELEASE_PLACES: dict[str, tuple[StrikePlace, ...]] = {}
_RELEASE_PLACES_MAX = 4096


def _places(sha256: str, text: str) -> tuple[StrikePlace, ...]:
    found = _RELEASE_PLACES.get(sha256)
    if found is None:
        if len(_RELEASE_PLACES) >= _RELEASE_PLACES_MAX:
            _RELEASE_PLACES.clear()
        found = _RELEASE_PLACES[sha256] = tuple(_read_places(text))
    return found


def _read_places(text: str) -> list[StrikePlace]:
    seen: set[str] = set()
    out: list[StrikePlace] = []
    for m in find_places(text):
        if m.lat is None or m.lon is None or m.geo_precision in ("province", "country") or m.place in seen:
            continue
        seen.add(m.place)
        out.append(StrikePlace(m.place, m.lat, m.lon, m.span))
    return out


def _sentence(text: str, span: tuple[int, int]) -> str:
    from civcas.publish.sentences import sentence_around

    return sentence_around(text, span)[0]


class AllegedStrike(Protocol):
    """What matching needs of an incident (an Incident row or its IncidentDetail)."""

    @property
    def date(self) -> date | None: ...
    @property
    def lat(self) -> float | None: ...
    @property
    def lon(self) -> float | None: ...
    @property
    def belligerent(self) -> str | None: ...


# The releases published in a window, with their extracted facts: built once, run on the connection
# (store/core.py), reading the columns matching and the page use.
_RELEASES_IN_WINDOW = (
    select(
        Source.id,
        Source.sha256,
        Source.title,
        Source.publisher,
        Source.published,
        Source.text,
        Extraction.facts,
    )
    .outerjoin(Extraction, Extraction.source_id == Source.id)
    .where(
        Source.kind == STRIKE_RELEASE,
        Source.published.between(bindparam("window_start"), bindparam("window_end")),
    )
)


def candidates_for_incident(
    session: Session, actor: Actor, incident: AllegedStrike, limit: int = 5
) -> list[StrikeReleaseCandidate]:
    """Strike releases that may answer this incident's allegations, best first."""
    if actor.is_anonymous or incident.date is None or incident.lat is None:
        return []
    first = _shifted(incident.date, -MAX_DAYS)
    window = {
        "window_start": datetime.combine(first, time.min, tzinfo=UTC),
        "window_end": datetime.combine(_shifted(first, MAX_DAYS + 45), time.min, tzinfo=UTC),
    }
    found: list[StrikeReleaseCandidate] = []
    for release in core.read(session, _RELEASES_IN_WINDOW, window):
        day, party = _release_facts(release.published, release.facts)
        match = score_match(
            day,
            _places(release.sha256, release.text),
            party,
            incident.date,
            incident.lat,
            incident.lon,
            incident.belligerent,
        )
        if match is None:
            continue
        found.append(
            StrikeReleaseCandidate(
                source_id=release.id,
                title=release.title,
                publisher=release.publisher,
                published=release.published.date() if release.published else None,
                reported_day=day,
                place=match.place.place,
                km=match.km,
                days_apart=match.days_apart,
                score=match.score,
                sentence=_sentence(release.text, match.place.span),
            )
        )
    return sorted(found, key=lambda c: -c.score)[:limit]
