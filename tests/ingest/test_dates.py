from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from civcas.ingest.dates import parse_published


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2017-05-13", datetime(2017, 5, 13, tzinfo=UTC)),
        ("2017-05-13T10:30:00", datetime(2017, 5, 13, 10, 30, tzinfo=UTC)),  # naive → UTC
        ("2017-05-13T10:30:00Z", datetime(2017, 5, 13, 10, 30, tzinfo=UTC)),
        ("2017-05-13T10:30:00+03:00", datetime(2017, 5, 13, 7, 30, tzinfo=UTC)),
        ("2017-05-13 10:30", datetime(2017, 5, 13, 10, 30, tzinfo=UTC)),
        ("Sat, 13 May 2017 10:30:00 +0300", datetime(2017, 5, 13, 7, 30, tzinfo=UTC)),
        ("Sat, 13 May 2017 10:30:00 GMT", datetime(2017, 5, 13, 10, 30, tzinfo=UTC)),
        ("13 May 2017", datetime(2017, 5, 13, tzinfo=UTC)),
        ("May 13, 2017", datetime(2017, 5, 13, tzinfo=UTC)),
        ("2017/05/13", datetime(2017, 5, 13, tzinfo=UTC)),
        (1494671400, datetime(2017, 5, 13, 10, 30, tzinfo=UTC)),
        ("1494671400", datetime(2017, 5, 13, 10, 30, tzinfo=UTC)),
        (date(2017, 5, 13), datetime(2017, 5, 13, tzinfo=UTC)),
        # Arabic month names, as Arabic news sites print them.
        ("13 مايو 2017", datetime(2017, 5, 13, tzinfo=UTC)),
        # A crawler's second timestamp glued on: the first is the page's.
        ("2017-05-13T10:30:00+00:00 2017-05-14T01:", datetime(2017, 5, 13, 10, 30, tzinfo=UTC)),
        ("2017-05-13T10:30:00.000Z 2017-05-1", datetime(2017, 5, 13, 10, 30, tzinfo=UTC)),
    ],
)
def test_parses(value: object, expected: datetime) -> None:
    parsed = parse_published(value)
    assert parsed == expected
    assert parsed is not None and parsed.tzinfo is not None


@pytest.mark.parametrize(
    "value", [None, "", "  ", "yesterday", "2017-13-45", "not a date", True, [2017], 1e30]
)
def test_unreadable_is_none(value: object) -> None:
    assert parse_published(value) is None


@pytest.mark.parametrize(
    "value", ["last spring", "12 foo 2017", "2017-13-01", "2017-13-01 junk", "31 فبراير 2017"]
)
def test_no_day_is_guessed(value: str) -> None:
    assert parse_published(value) is None
