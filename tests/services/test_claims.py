"""Each source's claims side by side, with conflicts marked."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from civcas.model.incident import SourceView
from civcas.services.claims import conflicting_fields, source_claims


def _src(i: int, facts: dict[str, Any] | None, **kw: Any) -> SourceView:
    base: dict[str, Any] = {
        "id": i,
        "sha256": "0" * 64,
        "title": f"report {i}",
        "url": None,
        "publisher": f"pub {i}",
        "language": "en",
        "published": None,
        "ingested_at": datetime(2017, 5, 14, tzinfo=UTC),
        "kind": "allegation",
        "origin": "t",
        "text": "",
        "extraction": facts,
    }
    base.update(kw)
    return SourceView(**base)


def test_figures_conflict_only_when_ranges_do_not_overlap() -> None:
    rows = source_claims(
        [
            _src(
                1, {"civilians_killed": {"min": 12, "max": 12}, "place": "Al-Mayadin", "date": "2017-05-13"}
            ),
            _src(
                2, {"civilians_killed": {"min": 10, "max": 15}, "place": "al Mayadin", "date": "2017-05-13"}
            ),
            _src(3, {"civilians_killed": {"min": 3, "max": 3}, "place": "Mayadin", "date": "2017-05-14"}),
            _src(4, None, language="ar"),
        ]
    )
    killed = [r.claims["civilians_killed"] for r in rows]
    assert [k.value for k in killed] == ["12", "10–15", "3", None]
    assert [k.conflict for k in killed] == [True, True, True, False]  # 3 overlaps neither 12 nor 10–15
    assert not any(r.claims["place"].conflict for r in rows)  # one place, spelled three ways
    assert [r.claims["date"].conflict for r in rows] == [True, True, True, False]
    assert conflicting_fields(rows) == ["civilians_killed", "date"]


def test_agreeing_sources_have_no_conflicts() -> None:
    rows = source_claims(
        [
            _src(1, {"civilians_killed": {"min": 12, "max": 12}, "belligerent": "US-led Coalition"}),
            _src(2, {"civilians_killed": {"min": 10, "max": 15}, "belligerent": "Unknown"}),
            _src(3, {"belligerent": "us-led coalition", "injured": {"min": 4, "max": 4}}),
        ]
    )
    assert conflicting_fields(rows) == []
    assert rows[2].claims["injured"].value == "4" and rows[0].claims["injured"].value is None


def test_belligerents_that_differ_conflict() -> None:
    rows = source_claims(
        [_src(1, {"belligerent": "Russian Military"}), _src(2, {"belligerent": "Syrian Regime"})]
    )
    assert [r.claims["belligerent"].conflict for r in rows] == [True, True]
