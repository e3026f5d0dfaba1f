"""Assemble one report's Extraction from the extractor's components.

Each component declares a versioned `name`, the facts it `requires` and those it `assigns` (after
spaCy's pipeline components), so the order below can be checked when the pipeline is built and a
component can be swapped or timed on its own. Components read and write a `Doc`: the text, its
normalised copy, and a dict of facts.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from civcas.extract.actors import claimed_target, extract_actors
from civcas.extract.dates import extract_date, parse_published
from civcas.extract.evidence import extract_evidence
from civcas.extract.statements import extract_statements
from civcas.extract.text import Norm, guess_language, normalise_doc
from civcas.extract.victim_groups import victim_groups
from civcas.model.extraction import CountRange, Extraction, IncidentFacts, Span
from civcas.model.vocabulary import Stance

logger = logging.getLogger(__name__)

_CLAIMING_STANCES = (Stance.ADMITS_STRIKE, Stance.DENIES_CASUALTIES, Stance.BLAMES_OTHER)

EXTRACTOR = "civcas.extract.v1"
# `timings` keys of the work around the components: normalising and language, building the output.
TEXT_STAGE = "text (normalise, language)"
OUTPUT_STAGE = "output (pydantic models)"
_COUNT_FIELDS = (
    "civilians_killed",
    "injured",
    "children_killed",
    "women_killed",
    "men_killed",
    "total_killed",
)


@dataclass(slots=True)
class Doc:
    """One report while the components work on it."""

    text: str
    norm: Norm
    language: str
    published: date | None
    facts: dict[str, Any] = field(default_factory=dict)
    spans: dict[str, list[Span]] = field(default_factory=dict)


class Component(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, doc: Doc) -> None: ...


@dataclass(frozen=True, slots=True)
class FunctionComponent(Component):
    """A component made of a function; most of ours are."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    func: Callable[[Doc], None]

    def __call__(self, doc: Doc) -> None:
        self.func(doc)


# --- the components --------------------------------------------------------------------------


def _dates(doc: Doc) -> None:
    found = extract_date(doc.text, doc.language, doc.published, doc.norm)
    if found is not None:
        doc.facts.update(
            date=found.date, date_end=found.date_end, date_precision=found.precision, date_source="report"
        )
        doc.spans["date"] = [found.span]
    elif doc.published is not None:
        # A post that names no day tells of that day's events (on the Syria sources with a publication
        # date and no day in the text, the incident fell on it 9 times in 10, the day before otherwise).
        doc.facts.update(date=doc.published.isoformat(), date_precision="day", date_source="published")


def _casualties(doc: Doc) -> None:
    from civcas.extract.casualties import extract_casualties

    found = extract_casualties(doc.text, doc.language)
    for key in _COUNT_FIELDS:
        value = getattr(found, key, None)
        if value is not None:
            doc.facts[key] = (
                value if isinstance(value, CountRange) else CountRange(min=value.min, max=value.max)
            )
    for key, spans in (getattr(found, "spans", None) or {}).items():
        if key in _COUNT_FIELDS and spans:
            doc.spans[key] = [(int(s), int(e)) for s, e in spans]


def _places(doc: Doc) -> None:
    # Imported on first use: the gazetteer behind it loads once per process, not on `import pipeline`.
    from civcas.extract.geoparse import geoparse_named

    found, named, named_spans = geoparse_named(doc.text, doc.language)
    if found is None:
        return
    doc.facts["places_named"] = named
    if named_spans:
        doc.spans["places_named"] = named_spans
    doc.facts.update(
        place=found.place,
        admin1=found.admin1,
        country=found.country,
        lat=found.lat,
        lon=found.lon,
        geo_precision=found.geo_precision,
    )
    if found.span:
        doc.spans["place"] = [(int(found.span[0]), int(found.span[1]))]


def _actors(doc: Doc) -> None:
    when = date.fromisoformat(doc.facts["date"]) if doc.facts.get("date") else doc.published
    found = extract_actors(
        doc.text,
        doc.norm,
        country=doc.facts.get("country"),
        admin1=doc.facts.get("admin1"),
        when=when,
        lat=doc.facts.get("lat"),
        lon=doc.facts.get("lon"),
        with_target=False,  # see _targets: it needs the statements
    )
    doc.facts["belligerent_mentions"] = found.mentions
    doc.facts.update(belligerent=found.belligerent, event_type=found.event_type)
    doc.facts["belligerent_inferred"] = found.inferred
    if found.reported:
        doc.facts["belligerent_reported"] = found.reported
    for key, spans in (
        ("belligerent", found.belligerent_spans),
        ("event_type", found.event_type_spans),
    ):
        if spans:
            doc.spans[key] = list(spans)


def _victim_groups(doc: Doc) -> None:
    groups, spans = victim_groups(doc.text)
    if groups:
        doc.facts["victim_groups"] = groups
        doc.spans["victim_groups"] = spans


def _statements(doc: Doc) -> None:
    doc.facts["statements"] = extract_statements(doc.text, doc.norm, doc.facts.get("belligerent_mentions"))


def _targets(doc: Doc) -> None:
    """The claimed target, preferring what the belligerent itself said it struck."""
    own = [
        st.span
        for st in doc.facts.get("statements", [])
        if st.party == doc.facts.get("belligerent") and st.stance in _CLAIMING_STANCES
    ]
    target, spans = claimed_target(doc.text, doc.norm, own)
    doc.facts["claimed_target"] = target
    if spans:
        doc.spans["claimed_target"] = spans


def _evidence(doc: Doc) -> None:
    doc.facts["evidence"] = extract_evidence(doc.text, doc.norm)


def _attribution(doc: Doc) -> None:
    """Who attributes the strike: the report, the belligerent's own admission, or both."""
    bell = doc.facts.get("belligerent")
    if not bell or doc.facts.get("belligerent_inferred"):
        doc.facts["belligerent_source"] = None
        return
    admissions = [
        st
        for st in doc.facts.get("statements", [])
        if st.stance in (Stance.ADMITS_STRIKE, Stance.ADMITS_CASUALTIES, Stance.CREDIBLE) and st.party == bell
    ]
    inside = [
        s for s in doc.spans.get("belligerent", []) if any(a.span[0] <= s[0] < a.span[1] for a in admissions)
    ]
    outside = len(doc.spans.get("belligerent", [])) > len(inside)
    if admissions:
        doc.facts["belligerent_source"] = "both" if outside else "belligerent"
    else:
        doc.facts["belligerent_source"] = "report"


COMPONENTS: tuple[Component, ...] = (
    FunctionComponent("civcas.dates.v1", (), ("date", "date_end", "date_precision", "date_source"), _dates),
    FunctionComponent("civcas.casualties.v1", (), _COUNT_FIELDS, _casualties),
    FunctionComponent(
        "civcas.geoparse.v1",
        (),
        ("place", "admin1", "country", "lat", "lon", "geo_precision", "places_named"),
        _places,
    ),
    FunctionComponent(
        "civcas.actors.v1",
        ("date", "admin1", "country", "lat", "lon"),
        ("belligerent", "event_type", "belligerent_mentions"),
        _actors,
    ),
    FunctionComponent("civcas.victim_groups.v1", (), ("victim_groups",), _victim_groups),
    FunctionComponent("civcas.statements.v1", ("belligerent_mentions",), ("statements",), _statements),
    FunctionComponent("civcas.targets.v1", ("belligerent", "statements"), ("claimed_target",), _targets),
    FunctionComponent("civcas.evidence.v1", (), ("evidence",), _evidence),
    FunctionComponent(
        "civcas.attribution.v1", ("belligerent", "statements"), ("belligerent_source",), _attribution
    ),
)


def check_order(components: Iterable[Component]) -> None:
    """Raise ValueError when a component requires a fact that no earlier component assigns."""
    assigned: set[str] = set()
    for c in components:
        missing = [r for r in c.requires if r not in assigned]
        if missing:
            raise ValueError(f"component {c.name} requires {missing}, not assigned by an earlier component")
        assigned.update(c.assigns)


check_order(COMPONENTS)


# --- assembly ----------------------------------------------------------------------------------


_warned: set[str] = set()


def _warn_once(key: str, message: str) -> None:
    if key not in _warned:
        _warned.add(key)
        logger.warning(message)


def _as_date(published: date | datetime | str | None) -> date | None:
    if published is None:
        return None
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    return parse_published(published) if published.strip() else None


def _has_incident(facts: dict[str, Any]) -> bool:
    """A report describes an incident when it gives a toll, an attack or a place."""
    return any(facts.get(k) is not None for k in (*_COUNT_FIELDS, "event_type", "place"))


def extract_report(
    *,
    id: str,
    text: str,
    published: date | datetime | str | None = None,
    language: str | None = None,
    components: Iterable[Component] = COMPONENTS,
    timings: dict[str, float] | None = None,
) -> Extraction:
    """Extract one report. `timings`, when given, accumulates seconds per component name (and per
    TEXT_STAGE and OUTPUT_STAGE, the work around the components).

    A component that fails leaves its facts empty rather than losing the whole record: one odd report
    must not stop a batch of thousands (the failure is the component's bug to fix, found by tests).
    """
    t0 = time.perf_counter()
    text = text or ""
    lang = language if language and language not in ("und", "unknown", "mul") else guess_language(text)
    doc = Doc(text=text, norm=normalise_doc(text), language=lang, published=_as_date(published))
    if timings is not None:
        timings[TEXT_STAGE] = timings.get(TEXT_STAGE, 0.0) + time.perf_counter() - t0
    for component in components:
        t0 = time.perf_counter()
        try:
            component(doc)
        except ImportError as exc:
            _warn_once(component.name, f"component {component.name} unavailable: {exc}")
        except Exception:
            # Logged with its traceback, not raised: see the docstring.
            logger.exception("component %s failed on report %s", component.name, id)
        finally:
            if timings is not None:
                timings[component.name] = timings.get(component.name, 0.0) + time.perf_counter() - t0
    t0 = time.perf_counter()
    extraction = _assemble(id, lang, doc)
    if timings is not None:
        timings[OUTPUT_STAGE] = timings.get(OUTPUT_STAGE, 0.0) + time.perf_counter() - t0
    if not _loaded.done:
        _settle_models()
    return extraction


class _Loaded:
    done = False


_loaded = _Loaded()


def _settle_models() -> None:
    """Once, after the first report: the gazetteer, term indexes and compiled patterns it loaded
    (some 90,000 objects, kept for the life of the process) leave the cyclic garbage collector's
    generations (`gc.freeze`). Otherwise every full collection walks them again: 4% of the
    extractor's instructions on the bench's reports (cachegrind). Reference counting still frees
    them as ever; the collection first frees the cycles already garbage, so none is kept for good."""
    _loaded.done = True
    gc.collect()
    gc.freeze()


# The output's fact fields, taken once: `IncidentFacts.model_fields` is a class property (0.25 us an
# access in pydantic 2.14), and asking it once per fact cost half as much as validating the output.
_FACT_FIELDS = frozenset(IncidentFacts.model_fields)


def _assemble(id: str, lang: str, doc: Doc) -> Extraction:
    facts = {k: v for k, v in doc.facts.items() if k in _FACT_FIELDS}
    if not _has_incident(facts):
        return Extraction(id=id, language=lang, extractor=EXTRACTOR, incident=None, incidents=[])
    incident = IncidentFacts(**facts, spans=doc.spans)
    return Extraction(id=id, language=lang, extractor=EXTRACTOR, incident=incident, incidents=[incident])


def extraction_json(extraction: Extraction) -> dict[str, Any]:
    """The output-format dict of docs/extraction-output.md (spans as lists, counts as {min, max} or null)."""
    return extraction.model_dump(mode="json")
