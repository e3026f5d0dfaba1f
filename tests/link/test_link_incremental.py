import random

from civcas.link.features import LinkRow
from civcas.link.incremental import (
    WIDE_KEY_MAX,
    BlockingKey,
    Candidate,
    IncrementalLinker,
    MemoryIndex,
    blocking_keys,
    fits,
    key_cap,
)


def _row(uid: int, **kw: object) -> LinkRow:
    base: dict[str, object] = dict(day=17967, day_eff=17967, admin1="dlb", place="srkb", lat=35.86, lon=36.80,
                                   belligerent="russian", event_type="airstrike", killed_min=5, killed_max=5,
                                   tokens=["khalil", "omar"], script="latin")  # fmt: skip
    base.update(kw)
    return LinkRow(uid, f"r{uid}", **base)  # type: ignore[arg-type]


def test_a_matching_report_joins_its_incident_and_others_start_new_ones() -> None:
    linker = IncrementalLinker.bundled()
    index = MemoryIndex()
    index.add("inc-1", _row(1))
    index.add("inc-2", _row(2, day=18812, day_eff=18812, tokens=["haddad"], killed_min=2, killed_max=2))
    match = linker.best_incident(_row(3, tokens=["khalil"]), index.candidates)
    assert match is not None and match.incident_id == "inc-1" and match.match_weight >= linker.threshold
    assert linker.best_incident(_row(4, day=15000, day_eff=15000, place="rk", admin1="rk", lat=None, lon=None,
                                     tokens=["other"]), index.candidates) is None  # fmt: skip
    why = linker.explain(_row(3), _row(1))
    assert why["date"][0] == "Same date in both texts" and why["date"][1] > 0


def test_blocking_keys_cover_neighbouring_days_place_week_and_rare_words() -> None:
    keys = blocking_keys(_row(1, pub_day=17968))
    assert ("admin1_day", "dlb", 17966) in keys and ("admin1_day", "dlb", 17968) in keys
    assert ("place_week", "srkb", 17967 // 7) in keys and ("token", "khalil", None) in keys
    assert blocking_keys(LinkRow(0, "empty")) == []


def test_a_new_report_is_scored_against_few_candidates_at_100k_incidents() -> None:
    """Blocking keeps the work per new report small whatever the archive's size (the time itself,
    about 1 ms, is measured by `make bench`, not asserted here)."""
    linker = IncrementalLinker.bundled()
    index = MemoryIndex()
    rng = random.Random(4)
    places = [(f"p{i}", f"g{i % 10}") for i in range(60)]
    days = range(16000, 20000)  # 2013-2024
    base = _row(0).as_dict()
    for i in range(100_000):
        place, gov = rng.choice(places)
        day = rng.choice(days)
        index.add(
            i, base | {"day": day, "day_eff": day, "admin1": gov, "place": place, "tokens": [f"loc{i}"]}
        )
    for i in range(100_000):  # reports of an incident share its row's keys
        index.rows[i] *= 2
    assert len(index.rows) == 100_000
    new = [_row(0, day=d, day_eff=d, admin1=g, place=p, tokens=[f"loc{rng.randrange(200_000)}"])
           for d, (p, g) in ((rng.choice(days), rng.choice(places)) for _ in range(200))]  # fmt: skip
    examined: list[int] = []

    def counted(keys: list[BlockingKey]) -> list[Candidate]:
        found = index.candidates(keys)
        examined.append(len(found))
        return found

    for row in new:
        linker.best_incident(row, counted)
    assert examined and max(examined) < 2_000  # out of 100,000 incidents


def test_the_weekday_counts_only_where_a_date_is_missing_and_date_rules_hold_as_in_batch() -> None:
    linker = IncrementalLinker.bundled()
    # 17967 (2019-03-12) was a Tuesday (weekday 1).
    undated = {"day": None, "day_eff": None, "pub_day": None}
    same = linker.explain(_row(1, weekday=1), _row(2, weekday=1, **undated))["weekday"]
    other = linker.explain(_row(1, weekday=1), _row(2, weekday=4, **undated))["weekday"]
    assert same[0] == "Same weekday" and same[1] > 0 and other[1] < 0
    assert linker.explain(_row(1, weekday=1), _row(2, weekday=1))["weekday"][1] == 0  # both dated
    incident = [_row(1, weekday=1).as_dict()]
    assert fits(incident, _row(2, weekday=1, **undated).as_dict())
    assert not fits(incident, _row(2, weekday=4, **undated).as_dict())
    assert not fits(incident, _row(2, day=17975, day_eff=17975, weekday=2).as_dict())  # 8 days later
    index = MemoryIndex()
    index.add("inc-1", _row(1, weekday=1))
    assert linker.best_incident(_row(3, weekday=1, **undated), index.candidates) is not None
    assert linker.best_incident(_row(3, weekday=4, **undated), index.candidates) is None


def test_the_day_and_the_place_alone_are_keys_skipped_sooner_than_the_others() -> None:
    keys = blocking_keys(_row(1))
    assert {("day", 17966, None), ("day", 17967, None), ("day", 17968, None), ("place", "srkb", None)} <= set(
        keys
    )
    assert key_cap(("place", "srkb", None)) == WIDE_KEY_MAX < key_cap(("admin1_day", "dlb", 17967))
    index = MemoryIndex()
    # A town struck on many days: its place key is crowded, while a day shared by as many incidents
    # in one governorate is still looked up.
    for i in range(WIDE_KEY_MAX + 1):
        index.add(f"town-{i}", _row(100 + i, day=17000 + 10 * i, day_eff=17000 + 10 * i, admin1="x"))
        index.add(f"day-{i}", _row(200 + i, place=f"village{i}"))
    found = {c.incident_id for c in index.candidates([("place", "srkb", None)])}
    assert found == set()
    found = {c.incident_id for c in index.candidates([("admin1_day", "dlb", 17967)])}
    assert found == {f"day-{i}" for i in range(WIDE_KEY_MAX + 1)}
    found = {c.incident_id for c in index.candidates([("place", "village3", None)])}
    assert found == {"day-3"}


def test_a_report_that_ties_two_incidents_together_bridges_them() -> None:
    """Two retellings that shared too little to join are one event when a third report matches both as
    strongly as batch clustering needs to join two groups; a weak tie or clashing dates bridge nothing."""
    linker = IncrementalLinker.bundled()
    index = MemoryIndex()
    index.add("a", _row(1, tokens=["khalil"], place="srkb"))
    index.add("b", _row(2, tokens=["omar"], place=None, lat=None, lon=None))
    placed = linker.place(_row(3, tokens=["khalil", "omar"]), index.candidates)
    assert placed.match is not None and placed.match.incident_id == "a"
    assert [b.incident_id for b in placed.bridges] == ["b"]
    assert placed.bridges[0].match_weight >= linker.threshold + 1  # log2(2 x 1) bits above the threshold

    # A report of day D against incidents of D-2 and D+2: it may join either alone, not tie them together,
    # since one incident's dates span at most two days.
    early = _row(1, tokens=["khalil"], day=17965, day_eff=17965)
    late = _row(2, tokens=["omar"], day=17969, day_eff=17969)
    for one in (early, late):
        alone = MemoryIndex()
        alone.add("x", one)
        assert linker.best_incident(_row(3, tokens=["khalil", "omar"]), alone.candidates) is not None
    far = MemoryIndex()
    far.add("a", early)
    far.add("b", late)
    placed_far = linker.place(_row(3, tokens=["khalil", "omar"]), far.candidates)
    assert placed_far.match is not None and placed_far.bridges == []

    # Merged in memory, the other incident's reports answer for the one they joined.
    index.merge("a", "b")
    assert set(index.rows) == {"a"} and len(index.rows["a"]) == 2
    assert {c.incident_id for c in index.candidates([("token", "omar", None)])} == {"a"}
