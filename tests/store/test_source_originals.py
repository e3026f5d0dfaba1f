"""Originals live in their own table: migration 0011 moves them unchanged, and search still works."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect, select, text

from civcas.model.report import sha256_hex
from civcas.model.vocabulary import Role
from civcas.services.actor import SYSTEM, Actor
from civcas.services.incidents import original_report
from civcas.store.database import Database
from civcas.store.migrate import alembic_config, upgrade
from civcas.store.tables import Source, SourceOriginal

# Bytes that are not text: an original is kept exactly, whatever it is.
PAGE = b"<html><body>\xff\xfe Shelling of the market in Kafr Example, <b>three killed</b></body></html>"


def _migrate_to(db: Database, revision: str) -> None:
    cfg = alembic_config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def _matches(db: Database, word: str) -> list[int]:
    with db.read() as s:
        if db.is_sqlite:
            sql = "SELECT rowid FROM sources_fts WHERE sources_fts MATCH :w ORDER BY rowid"
        else:
            sql = "SELECT id FROM sources WHERE search_vector @@ plainto_tsquery('simple', :w) ORDER BY id"
        return [int(r[0]) for r in s.execute(text(sql), {"w": word})]


def test_migration_moves_each_original_unchanged_and_keeps_search(bare_db: Database) -> None:
    bare = bare_db
    _migrate_to(bare, "0010")
    with bare.write() as s:
        s.execute(
            text(
                "INSERT INTO sources (id, sha256, original, media_type, text, origin, kind, meta, ingested_at) "
                "VALUES (7, :h, :o, 'text/html', 'Shelling of the market, three killed', 'test', "
                "'allegation', '{}', '2024-01-01 00:00:00')"
            ),
            {"h": sha256_hex(PAGE), "o": PAGE},
        )
    upgrade(bare)

    assert "original" not in {c["name"] for c in inspect(bare.engine).get_columns("sources")}
    with bare.read() as s:
        kept = s.execute(select(SourceOriginal.source_id, SourceOriginal.original)).all()
        assert [(r[0], r[1]) for r in kept] == [(7, PAGE)]
        assert sha256_hex(s.get_one(Source, 7).original) == s.get_one(Source, 7).sha256
    assert _matches(bare, "market") == [7]
    # The full-text triggers survived the dropped column: a new report is searchable.
    with bare.write() as s:
        s.add(
            Source(sha256="b" * 64, original=b"x", media_type="text/plain", text="a bakery hit", origin="t")
        )
    assert len(_matches(bare, "bakery")) == 1


def test_a_report_and_its_original_are_written_and_deleted_together(db: Database) -> None:
    with db.write() as s:
        s.add(Source(sha256=sha256_hex(PAGE), original=PAGE, media_type="text/html", text="t", origin="t"))
    with db.read() as s:
        source = s.scalars(select(Source)).one()
        assert source.original == PAGE
        data, media_type, digest = original_report(s, Actor("vic", Role.VIEWER, 1), source.id)
        assert (data, media_type, digest) == (PAGE, "text/html", sha256_hex(PAGE))
    with db.write() as s:
        s.delete(s.scalars(select(Source)).one())
    with db.read() as s:
        assert s.scalars(select(SourceOriginal)).all() == []


def test_reading_a_report_does_not_load_its_original(db: Database) -> None:
    with db.write() as s:
        s.add(Source(sha256=sha256_hex(PAGE), original=PAGE, media_type="text/html", text="t", origin="t"))
    with db.read() as s:
        source = s.scalars(select(Source)).one()
        assert "kept" not in source.__dict__  # loaded only when asked for
        assert source.original == PAGE


def test_originals_are_for_signed_in_users(db: Database) -> None:
    from civcas.errors import NotFound, PermissionDenied
    from civcas.services.actor import ANONYMOUS

    with db.write() as s:
        s.add(Source(sha256=sha256_hex(PAGE), original=PAGE, media_type="text/html", text="t", origin="t"))
    with db.read() as s:
        source_id = s.scalars(select(Source.id)).one()
        with pytest.raises(PermissionDenied):
            original_report(s, ANONYMOUS, source_id)
        with pytest.raises(NotFound):
            original_report(s, SYSTEM, source_id + 1)
