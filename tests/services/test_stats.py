"""Dashboard figures from the trigger-maintained rollup, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import column, delete, insert, table, update

from civcas.model.vocabulary import Role
from civcas.services.actor import ANONYMOUS, Actor
from civcas.services.stats import dashboard_stats, rollup_drift
from civcas.store.database import Database
from civcas.store.tables import Commitment, Incident

ADMIN = Actor(username="t", role=Role.ADMIN)
TODAY = date(2017, 12, 31)


def _incident(**kw: object) -> Incident:
    base: dict[str, object] = {"title": "x", "state": "new"}
    base.update(kw)
    return Incident(**base)


def test_rollup_follows_inserts_updates_and_deletes(db: Database) -> None:
    with db.write() as s:
        a = _incident(
            date=date(2017, 5, 13),
            belligerent="US-led Coalition",
            civilians_killed_min=12,
            civilians_killed_max=15,
            grade="Fair",
            state="published",
        )
        b = _incident(date=date(2017, 5, 20), belligerent="US-led Coalition", civilians_killed_min=3)
        c = _incident(
            date=date(2017, 6, 2),
            belligerent="Russian Military",
            civilians_killed_min=30,
            civilians_killed_max=30,
        )
        d = _incident(belligerent=None, civilians_killed_min=None)
        s.add_all([a, b, c, d])
        s.flush()
        assert rollup_drift(s) == []
        stats = dashboard_stats(s, ADMIN, TODAY)
        may = [m for m in stats.deaths_by_month if m.month == "2017-05"]
        assert [(m.belligerent, m.incidents, m.killed_min, m.killed_max) for m in may] == [
            ("US-led Coalition", 2, 15, 18)
        ]
        assert stats.belligerents == ["Russian Military", "US-led Coalition"]
        assert stats.incidents == 4 and stats.undated_incidents == 1
        assert stats.incidents_by_grade["Fair"] == 1 and stats.incidents_by_grade[""] == 3

        # The ORM, a bulk UPDATE and a DELETE all keep it right: the triggers see every write.
        c.grade = "Discounted"
        b.date = date(2017, 7, 1)
        s.flush()
        s.execute(update(Incident).where(Incident.id == a.id).values(civilians_killed_max=20))
        s.execute(
            insert(Incident).values(title="bulk", state="new", date=date(2017, 7, 9), civilians_killed_min=1)
        )
        s.execute(delete(Incident).where(Incident.id == d.id))
        assert rollup_drift(s) == []
        stats = dashboard_stats(s, ADMIN, TODAY)
        months = {(m.month, m.belligerent): m.killed_min for m in stats.deaths_by_month}
        assert months == {
            ("2017-05", "US-led Coalition"): 12,
            ("2017-07", "US-led Coalition"): 3,
            ("2017-07", ""): 1,
        }
        assert stats.incidents_by_grade["Discounted"] == 1  # counted as an incident, not towards deaths

        public = dashboard_stats(s, ANONYMOUS, TODAY)
        assert public.published_only and public.incidents == 1
        assert [(m.month, m.killed_max) for m in public.deaths_by_month] == [("2017-05", 20)]


def test_open_commitments_by_age(db: Database) -> None:
    with db.write() as s:
        pub = _incident(state="published")
        new = _incident()
        s.add_all([pub, new])
        s.flush()
        for inc, made_on, status in [
            (pub, date(2017, 12, 20), "open"),
            (pub, date(2017, 8, 1), "open"),
            (new, date(2016, 1, 1), "open"),
            (new, None, "open"),
            (new, date(2017, 12, 1), "answered"),
        ]:
            s.add(Commitment(incident_id=inc.id, party="US-led Coalition", made_on=made_on, status=status))
        s.flush()
        ages = dashboard_stats(s, ADMIN, TODAY).open_commitments_by_age
        assert ages == {
            "under 30 days": 1,
            "30–89 days": 0,
            "90–179 days": 1,
            "180–364 days": 0,
            "a year or more": 1,
            "date unknown": 1,
        }
        assert sum(dashboard_stats(s, ANONYMOUS, TODAY).open_commitments_by_age.values()) == 2


def test_migration_fills_the_rollup_from_existing_incidents(db: Database) -> None:
    from alembic import command

    from civcas.store.migrate import alembic_config, upgrade

    cfg = alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003")
    # The schema of 0003, not today's model: only the columns that existed then.
    old_incidents = table(
        "incidents",
        *(
            column(n)
            for n in (
                "title",
                "state",
                "date",
                "civilians_killed_min",
                "figure_overrides",
                "created_at",
                "updated_at",
                "version",
            )
        ),
    )
    now = datetime.now(UTC)
    with db.write() as s:
        s.execute(
            old_incidents.insert().values(
                title="old",
                state="new",
                date=date(2016, 3, 1),
                civilians_killed_min=4,
                figure_overrides="{}",
                created_at=now,
                updated_at=now,
                version=1,
            )
        )
    upgrade(db)
    with db.read() as s:
        assert rollup_drift(s) == []
        assert [(m.month, m.killed_min) for m in dashboard_stats(s, ADMIN, TODAY).deaths_by_month] == [
            ("2016-03", 4)
        ]
