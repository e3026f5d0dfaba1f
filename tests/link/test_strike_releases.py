from datetime import date

from civcas.link.strike_releases import StrikePlace, score_match

MAYADIN = StrikePlace("Al Mayadin", 35.0198, 40.4515, (0, 10))
RAQQA = StrikePlace("Raqqa", 35.95, 39.01, (20, 25))


def test_the_nearest_named_strike_on_the_same_day_scores_highest() -> None:
    m = score_match(
        date(2017, 5, 13),
        [RAQQA, MAYADIN],
        "US-led Coalition",
        date(2017, 5, 13),
        35.03,
        40.46,
        "US-led Coalition",
    )
    assert m is not None and m.place == MAYADIN and m.days_apart == 0 and m.km < 2 and m.score > 0.8


def test_far_away_or_days_apart_or_another_belligerent_scores_less_or_nothing() -> None:
    same = score_match(
        date(2017, 5, 13), [MAYADIN], "US-led Coalition", date(2017, 5, 13), 35.03, 40.46, "US-led Coalition"
    )
    later = score_match(
        date(2017, 5, 15), [MAYADIN], "US-led Coalition", date(2017, 5, 13), 35.03, 40.46, "US-led Coalition"
    )
    other = score_match(
        date(2017, 5, 13), [MAYADIN], "US-led Coalition", date(2017, 5, 13), 35.03, 40.46, "Russian Military"
    )
    assert same and later and other and same.score > later.score and same.score > other.score
    assert score_match(date(2017, 5, 20), [MAYADIN], None, date(2017, 5, 13), 35.03, 40.46, None) is None
    assert score_match(date(2017, 5, 13), [RAQQA], None, date(2017, 5, 13), 35.03, 40.46, None) is None
    assert score_match(date(2017, 5, 13), [MAYADIN], None, date(2017, 5, 13), None, None, None) is None
