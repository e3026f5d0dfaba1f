"""Incremental linking through the store, and an analyst's merge and split (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from civcas.errors import Conflict, InputError, PermissionDenied
from civcas.ingest.records import make_report
from civcas.link.features import token_hash
from civcas.link.incremental import IncrementalLinker, blocking_keys
from civcas.model.vocabulary import Role
from civcas.services.actor import ANONYMOUS, Actor
from civcas.services.assessments import assess
from civcas.services.history_import import ImportStats, import_record
from civcas.services.incident_edits import MergedIncident, merge_incidents, split_incident
from civcas.services.incidents import get_incident
from civcas.services.linking import candidates, features_of, rare_words, reindex, relink
from civcas.services.processing import Processed, process_incoming
from civcas.services.relinking import relink_batch
from civcas.services.stats import rollup_drift
from civcas.store import audit
from civcas.store.database import Database
from civcas.store.tables import Commitment, Incident, IncidentMerge, IncidentSource, LinkKey, LinkToken

ANALYST = Actor("ana", Role.ANALYST)
REVIEWER = Actor("rev", Role.REVIEWER)
VIEWER = Actor("vic", Role.VIEWER)

# Invented reports: two retellings of one strike, and an unrelated shelling months later.
STRIKE_A = (
    "An airstrike hit the market in Saraqib, Idlib, on 3 March 2019, killing 6 civilians "
    "including two children, local volunteers said."
)
STRIKE_B = (
    "Six civilians, two of them children, were killed when warplanes struck the Saraqib market "
    "in Idlib governorate on 3 March 2019."
)
OTHER = "Shelling on the village of Kafr Nabl in Idlib on 20 August 2019 injured three civilians."


def _ingest(db: Database, text: str, n: int) -> Processed:
    report = make_report(
        original=text.encode(),
        media_type="text/plain",
        text=text,
        origin=f"test:{n}",
        language="en",
        published=datetime(2019, 3, 4, tzinfo=UTC) if n < 3 else datetime(2019, 8, 21, tzinfo=UTC),
    )
    with db.write() as session:
        return process_incoming(session, report, ANALYST)


def _incident_of(session: Session, source_id: int) -> int | None:
    return session.scalar(select(IncidentSource.incident_id).where(IncidentSource.source_id == source_id))


def _three(db: Database) -> tuple[int, int, int]:
    a, b, c = (_ingest(db, t, i + 1) for i, t in enumerate((STRIKE_A, STRIKE_B, OTHER)))
    assert a.incident_id is not None and c.incident_id is not None
    return a.source_id, b.source_id, c.source_id


def test_a_retelling_joins_the_incident_and_keeps_why(db: Database) -> None:
    a, b, c = _three(db)
    with db.read() as session:
        links = {lk.source_id: lk for lk in session.scalars(select(IncidentSource))}
        assert links[a].incident_id == links[b].incident_id != links[c].incident_id
        assert links[a].method == "new" and links[b].method == "splink"
        assert links[b].score is not None and links[b].reasons is not None
        assert links[b].reasons["matched_source"] == a
        assert links[b].reasons["comparisons"]["date"][0] == "Same date in both texts"
        assert links[b].features is not None and links[b].features["report_id"] == str(b)
        # Each report's blocking keys point at its incident.
        keys = session.execute(select(LinkKey.source_id, LinkKey.incident_id)).all()
        assert {s for s, _ in keys} == {a, b, c}
        assert all(i == links[s].incident_id for s, i in keys)
        view = get_incident(session, ANALYST, links[b].incident_id)
        assert {s.id: s.link_reasons is not None for s in view.sources} == {a: False, b: True}


def test_candidates_come_by_shared_keys_and_a_crowded_key_is_skipped(db: Database) -> None:
    _three(db)
    with db.read() as session:
        link = session.scalars(select(IncidentSource).order_by(IncidentSource.id)).first()
        assert link is not None and link.features is not None
        assert link.features["report_id"] == str(link.source_id)
        assert features_of(link.source, None)["pub_day"] == link.features["pub_day"]
        found = candidates(session, blocking_keys(link.features))
        assert link.incident_id in {c.incident_id for c in found}
        assert candidates(session, [("token", "unused", None)]) == []
        # A key shared by more incidents than the cap is skipped, as the batch rules skip common words.
        assert candidates(session, blocking_keys(link.features), max_per_key=0) == []


def test_split_is_pinned_audited_and_survives_an_automatic_run(db: Database) -> None:
    a, b, _ = _three(db)
    with db.read() as session:
        original = _incident_of(session, a)
    assert original is not None
    with db.write() as session, pytest.raises(PermissionDenied):
        split_incident(session, original, [b], VIEWER)
    with db.write() as session, pytest.raises(InputError, match="at least one report must stay"):
        split_incident(session, original, [a, b], ANALYST)
    with db.write() as session:
        result = split_incident(session, original, [b], ANALYST, note="two different markets")
    with db.write() as session:
        moved = relink(session, ANALYST)
    assert moved.moved == []
    with db.read() as session:
        links = {lk.source_id: lk for lk in session.scalars(select(IncidentSource))}
        assert links[a].incident_id == original and links[b].incident_id == result.new_incident_id
        assert links[a].pinned and links[b].pinned and links[b].method == "manual"
        assert (
            session.scalar(select(LinkKey.incident_id).where(LinkKey.source_id == b))
            == result.new_incident_id
        )
        actions = [e.action for e in session.scalars(select(audit.AuditEvent).order_by(audit.AuditEvent.id))]
        assert "incident.split" in actions and audit.verify(session)[1] == []
        assert rollup_drift(session) == []


def _unpinned_split(db: Database) -> tuple[int, int, int, int]:
    """The two retellings split apart, then every pin dropped: (a, b, a's incident, b's new one)."""
    a, b, _ = _three(db)
    with db.write() as session:
        original = _incident_of(session, a)
        assert original is not None
        new = split_incident(session, original, [b], ANALYST).new_incident_id
        for lk in session.scalars(select(IncidentSource)):
            lk.pinned = False
    return a, b, original, new


def test_without_a_pin_the_automatic_run_rejoins_what_belongs_together(db: Database) -> None:
    """The check above can fail: unpinned, a split-off retelling goes back to its incident."""
    a, b, original, new = _unpinned_split(db)
    with db.write() as session:
        result = relink(session, ANALYST)
    assert [(s, to) for s, _, to in result.moved] in ([(b, original)], [(a, new)])


def test_the_batch_run_rejoins_an_unpinned_split_and_says_why(db: Database) -> None:
    a, b, original, new = _unpinned_split(db)
    with db.write() as session:
        result = relink_batch(session, ANALYST)
    assert result.checked == 3
    # The bigger side keeps its incident, and the other report joins it.
    assert [(s, to) for s, _, to in result.moved] in ([(b, original)], [(a, new)])
    source, _, to = result.moved[0]
    with db.read() as session:
        link = session.scalar(select(IncidentSource).where(IncidentSource.source_id == source))
        assert link is not None and link.incident_id == to and link.method == "splink"
        assert link.score is not None and link.reasons is not None
        assert link.reasons["matched_source"] == ({a, b} - {source}).pop()
        assert link.reasons["comparisons"]["date"][0] == "Same date in both texts"
        assert session.scalar(select(LinkKey.incident_id).where(LinkKey.source_id == source)) == to
        actions = [e.action for e in session.scalars(select(audit.AuditEvent))]
        assert "incident.relink" in actions and audit.verify(session)[1] == []
        assert rollup_drift(session) == []
    with db.write() as session:
        assert relink_batch(session, ANALYST).moved == []  # settled: a second run changes nothing


def test_the_batch_run_takes_out_a_wrong_join_but_not_a_pinned_one(db: Database) -> None:
    a, _, c = _three(db)
    with db.write() as session:
        strike = _incident_of(session, a)
        other = _incident_of(session, c)
        assert strike is not None and other is not None
        merge_incidents(session, strike, other, ANALYST, note="one event?")
    with db.write() as session:
        assert relink_batch(session, ANALYST).moved == []  # the analyst's merge is pinned
    with db.write() as session:
        for lk in session.scalars(select(IncidentSource)):
            lk.pinned = False
    with db.write() as session:
        result = relink_batch(session, ANALYST)
    assert [(s, frm) for s, frm, _ in result.moved] == [(c, strike)]
    with db.read() as session:
        link = session.scalar(select(IncidentSource).where(IncidentSource.source_id == c))
        assert link is not None and link.incident_id not in (strike, other)
        assert link.method == "new" and link.score is None and link.reasons is None
        assert rollup_drift(session) == [] and audit.verify(session)[1] == []


def test_merge_moves_everything_redirects_and_keeps_the_rollup(db: Database) -> None:
    a, b, c = _three(db)
    with db.read() as session:
        keep = _incident_of(session, c)
        other = _incident_of(session, a)
        killed = session.scalar(select(func.sum(Incident.civilians_killed_max)))
    assert keep is not None and other is not None
    with db.write() as session, pytest.raises(InputError):
        merge_incidents(session, keep, keep, ANALYST)
    with db.write() as session:
        assess(session, other, ANALYST, state="triaged", note="looked at")
        result = merge_incidents(session, keep, other, ANALYST, note="one event")
    assert sorted(result.reports) == sorted([a, b])
    with db.read() as session:
        assert session.get(Incident, other) is None
        assert session.scalar(select(IncidentMerge.into_id).where(IncidentMerge.merged_id == other)) == keep
        links = list(session.scalars(select(IncidentSource)))
        assert {lk.incident_id for lk in links} == {keep} and all(lk.pinned for lk in links)
        merged = session.get(Incident, keep)
        assert merged is not None and merged.civilians_killed_max == 6  # reconciled: highest maximum
        assert [x.state for x in merged.assessments] == ["triaged"]  # history moved along
        assert rollup_drift(session) == [] and killed is not None
        with pytest.raises(MergedIncident) as moved:
            get_incident(session, ANALYST, other)
        assert moved.value.into_id == keep
        actions = [e.action for e in session.scalars(select(audit.AuditEvent))]
        assert "incident.merge" in actions and "incident.merged_into" in actions
        assert audit.verify(session)[1] == []
    with db.read() as session:  # an anonymous reader is not told where an unpublished incident went
        with pytest.raises(Exception) as hidden:
            get_incident(session, ANONYMOUS, other)
        assert not isinstance(hidden.value, MergedIncident)
    with db.write() as session:
        assert relink(session, ANALYST).moved == []


def test_merging_refuses_conflicting_assessments(db: Database) -> None:
    a, _, c = _three(db)
    with db.read() as session:
        first = _incident_of(session, a)
        second = _incident_of(session, c)
    assert first is not None and second is not None
    with db.write() as session:
        for iid, grade in ((first, "Fair"), (second, "Weak")):
            assess(session, iid, ANALYST, state="triaged")
            assess(session, iid, ANALYST, state="under_assessment")
            assess(session, iid, ANALYST, state="assessed", grade=grade)
    with db.write() as session, pytest.raises(Conflict) as conflict:
        merge_incidents(session, first, second, ANALYST)
    assert conflict.value.code == "merge_conflict"


def test_reindex_gives_links_without_features_their_rows_and_keys(db: Database) -> None:
    a, _, _ = _three(db)
    with db.write() as session:
        link = session.scalar(select(IncidentSource).where(IncidentSource.source_id == a))
        assert link is not None
        link.features = None
        session.query(LinkKey).filter(LinkKey.source_id == a).delete()
    with db.write() as session:
        with pytest.raises(PermissionDenied):
            reindex(session, ANALYST)
        assert reindex(session, Actor("admin", Role.ADMIN)) == 1
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(LinkKey).where(LinkKey.source_id == a))


def test_rare_words_are_the_rarest_so_far_and_are_counted(db: Database) -> None:
    with db.write() as session:
        assert sorted(rare_words(session, ["market", "saraqib", "market"])["tokens"]) == ["market", "saraqib"]
        second = rare_words(session, ["market", "kafrnabl"], k=1)
        assert second["tokens"] == ["kafrnabl"]  # unseen before
        # Among so few reports rarity cannot be told: no text vector (features.text_vector).
        assert second["text_words"] == [] and second["text_weights"] == []
        assert rare_words(session, []) == {"tokens": [], "text_words": [], "text_weights": []}
    with db.read() as session:
        counts = dict(session.execute(select(LinkToken.token, LinkToken.reports)).all())
    assert counts[token_hash("market")] == 2 and counts[token_hash("kafrnabl")] == 1


def test_a_report_joins_an_imported_incident_that_has_no_reports(db: Database) -> None:
    record = {
        "id": "archive-test-1",
        "gold": {"date": "2019-03-03", "place": "Saraqib", "admin1": "Idlib", "country": "Syria",
                 "lat": 35.86, "lon": 36.80, "event_type": "Airstrike",
                 "civilians_killed_min": 6, "civilians_killed_max": 6},
    }  # fmt: skip
    with db.write() as session:
        import_record(session, record, Actor("admin", Role.ADMIN), ImportStats())
    with db.read() as session:
        imported = session.scalar(select(Incident.id).where(Incident.external_id == "archive-test-1"))
    done = _ingest(db, STRIKE_A, 1)
    assert done.incident_id == imported
    with db.read() as session:
        link = session.scalar(select(IncidentSource).where(IncidentSource.source_id == done.source_id))
        assert link is not None and link.reasons is not None and link.reasons["matched_source"] is None


def test_a_joined_report_names_the_rare_words_its_text_shares(db: Database) -> None:
    # Texts are compared once rarity can be told (50 linked reports): fifty other strikes come first.
    for n in range(50):
        note = f"Shelling killed {n % 4 + 1} civilians in the hamlet of Tell{n} on {n % 28 + 1} June 2016."
        report = make_report(
            original=note.encode(), media_type="text/plain", text=note, origin=f"note:{n}", language="en"
        )
        with db.write() as session:
            process_incoming(session, report, ANALYST)
    first = _ingest(db, STRIKE_A + " The Barakat bakery and the Haddad pharmacy were destroyed.", 1)
    second = _ingest(db, STRIKE_B + " Witnesses named the Haddad pharmacy and the Barakat bakery.", 2)
    with db.read() as session:
        link = session.scalars(
            select(IncidentSource).where(IncidentSource.source_id == second.source_id)
        ).one()
        assert second.incident_id == first.incident_id and link.reasons is not None
        assert link.reasons["comparisons"]["text"][0].startswith("Texts alike")
        assert {"barakat", "bakery", "hadad", "pharmacy"} <= set(link.reasons["shared_words"])
        # The first report's vector holds its own new words, weighed as the retelling's vector weighs them.
        first_link = session.scalars(
            select(IncidentSource).where(IncidentSource.source_id == first.source_id)
        ).one()
        mine, theirs = (
            dict(zip(lk.features["text_words"], lk.features["text_weights"], strict=True))
            for lk in (link, first_link)
        )
        assert mine["barakat"] > 0 and theirs["barakat"] > 0


# A third telling of STRIKE_A and STRIKE_B that names what each of them names.
STRIKE_C = (
    "Warplanes struck the market in Saraqib, Idlib, on 3 March 2019, killing six civilians, two of "
    "them children, local volunteers said."
)
PROMISE = " Russia's defence ministry said it would investigate the reports."


def _march(db: Database, text: str, n: int, linker: IncrementalLinker | None = None) -> Processed:
    report = make_report(
        original=text.encode(), media_type="text/plain", text=text, origin=f"test:{n}", language="en",
        published=datetime(2019, 3, 4, tzinfo=UTC),
    )  # fmt: skip
    with db.write() as session:
        return process_incoming(session, report, ANALYST, linker)


def _apart(db: Database, *, pin_second: bool = False) -> tuple[int, int]:
    """STRIKE_A and STRIKE_B ingested as two incidents (a linker that joins nothing), the second one's
    report pinned there if asked (an analyst's decision): their incidents."""
    never = IncrementalLinker.bundled(threshold=1000.0)
    texts = (STRIKE_A + PROMISE, STRIKE_B + PROMISE)  # each incident holds a promise to answer
    first, second = (_march(db, text, n, never).incident_id for n, text in enumerate(texts, 1))
    assert first is not None and second is not None and first != second
    if pin_second:
        with db.write() as session:
            session.execute(
                update(IncidentSource).where(IncidentSource.incident_id == second).values(pinned=True)
            )
    return first, second


def test_a_report_telling_both_halves_of_a_split_event_merges_them(db: Database) -> None:
    first, second = _apart(db)
    third = _march(db, STRIKE_C, 3)
    with db.read() as session:
        links = list(session.scalars(select(IncidentSource).order_by(IncidentSource.source_id)))
        kept = third.incident_id
        assert kept in (first, second) and {lk.incident_id for lk in links} == {kept}
        gone = second if kept == first else first
        assert session.get(Incident, gone) is None
        assert session.scalar(select(IncidentMerge.into_id).where(IncidentMerge.merged_id == gone)) == kept
        moved = [lk for lk in links if lk.reasons and lk.reasons.get("merged_from") == gone]
        assert len(moved) == 1 and moved[0].reasons is not None
        assert moved[0].reasons["through"] == third.source_id and moved[0].score is not None
        assert not any(lk.pinned for lk in links)  # the linker's decision: a later batch run may undo it
        merges = [e for e in session.scalars(select(audit.AuditEvent)) if e.action == "incident.merge"]
        assert len(merges) == 1 and merges[0].payload["merged"] == gone
        assert merges[0].payload["method"] == "splink" and merges[0].payload["through"] == third.source_id
        assert audit.verify(session)[1] == [] and rollup_drift(session) == []
        page = get_incident(session, ANALYST, kept)
        assert len(page.sources) == 3
        # The promise the other incident's report recorded went with it (a delete would have cascaded).
        promised = session.scalars(select(Commitment.incident_id)).all()
        assert promised == [kept, kept]


def test_an_incident_an_analyst_has_touched_is_not_merged_automatically(db: Database) -> None:
    first, second = _apart(db, pin_second=True)
    third = _march(db, STRIKE_C, 3)
    with db.read() as session:
        assert session.get(Incident, first) is not None and session.get(Incident, second) is not None
        assert third.incident_id in (first, second)
        assert session.scalar(select(func.count()).select_from(IncidentMerge)) == 0
