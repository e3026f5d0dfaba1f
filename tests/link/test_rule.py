from datetime import date

from civcas.link.rule import LinkKey, RuleLinker, haversine_km


def test_haversine_matches_a_known_distance() -> None:
    # Deir ez-Zor city to Al Mayadin is about 42 km.
    assert 38 < haversine_km(35.336, 40.141, 35.020, 40.452) < 46


def test_same_day_place_and_belligerent_links() -> None:
    r = RuleLinker()
    a = LinkKey(date(2017, 5, 13), 35.02, 40.45, "US-led Coalition")
    assert r.score(a, LinkKey(date(2017, 5, 14), 35.05, 40.47, "US-led Coalition")) is not None


def test_other_belligerent_far_place_or_distant_date_does_not_link() -> None:
    r = RuleLinker()
    a = LinkKey(date(2017, 5, 13), 35.02, 40.45, "US-led Coalition")
    assert r.score(a, LinkKey(date(2017, 5, 13), 35.02, 40.45, "Russian Military")) is None
    assert r.score(a, LinkKey(date(2017, 5, 13), 35.34, 40.14, "US-led Coalition")) is None
    assert r.score(a, LinkKey(date(2017, 5, 16), 35.02, 40.45, "US-led Coalition")) is None
    assert r.score(a, LinkKey(None, 35.02, 40.45, "US-led Coalition")) is None
