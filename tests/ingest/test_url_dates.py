"""Publication dates read off a report's address."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from civcas.ingest.url_dates import published_from_url, record_published, record_url

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def snowflake(at: datetime) -> int:
    """The id X would give a post made at `at` (machine and sequence bits zero)."""
    return (int(at.timestamp() * 1000) - 1288834974657) << 22


def test_a_status_id_says_when_the_post_was_made() -> None:
    # The example tweet in X's API documentation: created_at "Wed Oct 10 20:19:24 +0000 2018".
    found = published_from_url("https://twitter.com/TwitterDev/status/1050118621198921728")
    assert found is not None
    assert found.replace(microsecond=0) == datetime(2018, 10, 10, 20, 19, 24, tzinfo=UTC)


@pytest.mark.parametrize("host", ["x.com", "twitter.com", "mobile.twitter.com"])
def test_status_ids_on_every_x_host(host: str) -> None:
    at = datetime(2024, 3, 5, 22, 40, tzinfo=UTC)
    assert published_from_url(f"https://{host}/someone/status/{snowflake(at)}?s=20") == at


def test_a_web_archive_capture_reads_the_archived_address_not_the_capture_day() -> None:
    at = datetime(2021, 11, 8, 9, 0, tzinfo=UTC)
    url = f"https://web.archive.org/web/20250101000000id_/https://twitter.com/agency/status/{snowflake(at)}"
    assert published_from_url(url) == at
    archived_news = "https://web.archive.org/web/20240524222521/https://news.example/2023/04/29/strike"
    assert published_from_url(archived_news, now=NOW) == datetime(2023, 4, 29, tzinfo=UTC)
    assert (
        published_from_url("https://web.archive.org/web/20240524222521/https://news.example/a/123", now=NOW)
        is None
    )


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://news.example/2023/04/29/strike-on-village/", datetime(2023, 4, 29, tzinfo=UTC)),
        ("https://news.example/world/2019-12-03-airstrike", datetime(2019, 12, 3, tzinfo=UTC)),
        ("https://news.example/archive/20170513/report.html", datetime(2017, 5, 13, tzinfo=UTC)),
        ("https://news.example/%D8%AE%D8%A8%D8%B1/2022/1/7/", datetime(2022, 1, 7, tzinfo=UTC)),
    ],
)
def test_a_day_in_the_path(url: str, day: datetime) -> None:
    assert published_from_url(url, now=NOW) == day


@pytest.mark.parametrize(
    "url",
    [
        "https://x.com/someone/status/20",  # before snowflakes: no time in the id
        "https://www.facebook.com/page/posts/422539779286337",
        "https://news.example/articles/94303/title",
        "https://news.example/2023/02/30/not-a-day",
        "https://news.example/2030/01/01/from-the-future",
        "https://news.example/id/120230429123/",  # a day inside a longer number is not a day
        "not a url",
        "",
        None,
    ],
)
def test_no_date_is_invented(url: str | None) -> None:
    assert published_from_url(url, now=NOW) is None


def test_a_record_keeps_its_own_date_and_falls_back_to_its_address() -> None:
    at = datetime(2022, 3, 7, 12, 35, tzinfo=UTC)
    status = f"https://x.com/a/status/{snowflake(at)}"
    assert record_published({"published": "2020-01-01", "url": status}) == "2020-01-01"
    assert record_published({"url": status}) == at.isoformat()
    assert record_url({"extra": {"original_url": status}}) == status
    assert record_published({"extra": {"original_url": status}}) == at.isoformat()
    assert record_published({"text": "no address"}) is None
