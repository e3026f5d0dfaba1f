from civcas.link.rule import haversine_km


def test_haversine_matches_a_known_distance() -> None:
    # Deir ez-Zor city to Al Mayadin is about 42 km.
    assert 38 < haversine_km(35.336, 40.141, 35.020, 40.452) < 46
