import pytest

from civcas.link.clusters import Edge, best_links, cluster, compatible, connected_clusters, incidents_kept
from civcas.link.evaluate import naive_clusters, score
from civcas.link.features import LinkRow


def test_perfect_clustering_scores_one() -> None:
    s = score(["x", "x", "y"], [1, 1, 2])
    assert (s.precision, s.recall, s.f1, s.bcubed_f1) == (1.0, 1.0, 1.0, 1.0)


def test_hand_computed_example() -> None:
    # Truth: {a b c} {d e}. Predicted: {a b} {c d e}.
    predicted = [0, 0, 1, 1, 1]
    truth = ["A", "A", "A", "D", "D"]
    s = score(predicted, truth)
    # True pairs: ab ac bc de (4). Predicted pairs: ab cd ce de (4). Shared: ab de (2).
    assert s.precision == pytest.approx(0.5) and s.recall == pytest.approx(0.5) and s.f1 == pytest.approx(0.5)
    # B-cubed precision: a,b: 2/2; c: 1/3; d,e: 2/3 -> (1 + 1 + 1/3 + 2/3 + 2/3) / 5 = 11/15.
    assert s.bcubed_precision == pytest.approx(11 / 15)
    # B-cubed recall: a,b: 2/3; c: 1/3; d,e: 2/2 -> (2/3 + 2/3 + 1/3 + 1 + 1) / 5 = 11/15.
    assert s.bcubed_recall == pytest.approx(11 / 15)
    assert s.bcubed_f1 == pytest.approx(11 / 15)
    assert s.clusters == 2


def test_all_singletons_have_full_precision_and_no_pairwise_recall() -> None:
    s = score([0, 1, 2, 3], ["A", "A", "B", "B"])
    assert s.precision == 1.0 and s.recall == 0.0 and s.f1 == 0.0
    assert s.bcubed_precision == 1.0 and s.bcubed_recall == pytest.approx(0.5)


def test_score_needs_equal_lengths() -> None:
    with pytest.raises(ValueError):
        score([0], [0, 1])


def test_connected_clusters_respect_threshold_and_input_order() -> None:
    edges = [Edge(0, 2, 5.0), Edge(2, 3, 1.0), Edge(1, 4, 9.0)]
    assert connected_clusters(5, edges, 3.0) == [0, 1, 0, 2, 1]
    assert connected_clusters(5, edges, 0.0) == [0, 1, 0, 0, 1]
    assert best_links(5, edges)[2] == (0, 5.0)
    assert best_links(5, edges)[3] == (2, 1.0)


def test_a_weak_link_does_not_chain_two_big_groups() -> None:
    strong = [Edge(a, b, 10.0) for a, b in ((0, 1), (1, 2), (2, 3), (4, 5), (5, 6), (6, 7))]
    bridge = Edge(3, 4, 2.0)  # enough for two single reports, not for two groups of four
    assert cluster(8, [*strong, bridge], 1.0) == [0, 0, 0, 0, 1, 1, 1, 1]
    assert connected_clusters(8, [*strong, bridge], 1.0) == [0] * 8
    assert cluster(2, [Edge(0, 1, 2.0)], 1.0) == [0, 0]
    assert cluster(8, [*strong, bridge], 1.0, size_penalty=0.0) == [0] * 8


def test_an_undated_report_does_not_chain_strikes_days_apart() -> None:
    # Reports 0 and 2 tell strikes a week apart; report 1 is undated and names the town of both.
    edges = [Edge(0, 1, 6.0), Edge(1, 2, 5.0)]
    days = [100, None, 107]
    assert cluster(3, edges, 0.0, size_penalty=0.0) == [0, 0, 0]
    assert cluster(3, edges, 0.0, size_penalty=0.0, days=days) == [0, 0, 1]
    # Within the span (a night raid dated the evening before) they still join.
    assert cluster(3, edges, 0.0, size_penalty=0.0, days=[100, None, 101]) == [0, 0, 0]
    # The span is the group's, not the pair's: 0-1 and 1-2 are each two days apart, 0-2 four.
    chain = [Edge(0, 1, 9.0), Edge(1, 2, 8.0)]
    assert cluster(3, chain, 0.0, size_penalty=0.0, days=[100, 102, 104]) == [0, 0, 1]


def test_naive_baseline_needs_date_and_governorate() -> None:
    rows = [
        LinkRow(0, "a", day=10, admin1="dlb"),
        LinkRow(1, "b", day=10, admin1="dlb"),
        LinkRow(2, "c", day=10, admin1=None),
        LinkRow(3, "d", day=None, admin1="dlb"),
    ]
    labels = naive_clusters(rows)
    assert labels[0] == labels[1] and len(set(labels)) == 3


def test_an_undated_report_joins_only_a_group_dated_on_the_weekday_it_names() -> None:
    # Day 19000 (2022-01-08) was a Saturday (weekday 5), 19001 a Sunday.
    edges = [Edge(0, 1, 5.0), Edge(1, 2, 4.0)]
    days: list[int | None] = [19000, None, None]
    assert cluster(3, edges, 0.0, size_penalty=0.0, days=days) == [0, 0, 0]
    # "Today, Sunday": not the Saturday strike; and it may not join a "Tuesday" report either.
    assert cluster(3, edges, 0.0, size_penalty=0.0, days=days, weekdays=[5, 6, 1]) == [0, 1, 2]
    # "Saturday" fits; the Sunday report then fits too once a Sunday is among the group's days.
    assert cluster(3, edges, 0.0, size_penalty=0.0, days=days, weekdays=[5, 5, 5]) == [0, 0, 0]
    assert cluster(2, [Edge(0, 1, 5.0)], 0.0, days=[19000, 19001], weekdays=[5, 6]) == [0, 0]


def test_compatible_dates_and_named_weekdays() -> None:
    assert compatible(19000, 19002, set()) and not compatible(19000, 19003, set())
    assert compatible(19000, 19001, {6}) and not compatible(19000, 19000, {6})
    assert compatible(None, None, {3}) and not compatible(None, None, {3, 4})


def test_reports_linked_one_by_one_as_ingest_links_them() -> None:
    from civcas.link.evaluate import incremental_clusters
    from civcas.link.synthetic import generate

    reports = list(generate(400, seed=5))
    pairs = [(r.row, list(r.row.tokens)) for r in reports]
    truth = [r.incident for r in reports]
    clusters = incremental_clusters(pairs)
    assert len(clusters) == len(reports)
    s = score(clusters, truth)
    # Retellings join their incident: B-cubed F1 0.91 when written, every report alone 0.63.
    assert s.bcubed_f1 > 0.85 and s.precision > 0.9 and 1 < s.clusters < len(reports)
    assert incremental_clusters(pairs) == clusters  # in file order, deterministic


def test_choose_words_keeps_new_words_and_drops_common_ones() -> None:
    from civcas.link.features import token_hash
    from civcas.link.incremental import MemoryWords, choose_words

    words = {w: token_hash(w) for w in ("saraqib", "market", "civilians")}
    seen = {token_hash("market"): 3, token_hash("civilians"): 90}
    chosen = choose_words(words, seen, 1000)
    # "civilians" is in 9% of reports: dropped; "saraqib" is new: kept, rarest first.
    assert chosen["tokens"] == ["saraqib", "market"]
    assert chosen["text_words"] == ["saraqib", "market"]  # a new word weighs as one two reports use
    memory = MemoryWords()
    for _ in range(60):
        memory.choose(["filler"])
    assert memory.reports == 60 and memory.seen[token_hash("filler")] == 60
    assert memory.choose(["saraqib"], count=False)["tokens"] == ["saraqib"] and memory.reports == 60


def test_a_new_clustering_keeps_the_incidents_that_hold_most_of_each_cluster() -> None:
    # Reports now in incidents 7, 7, 7, 9, 9, 4; re-clustered as {0, 1, 3}, {2}, {4, 5}.
    current = [7, 7, 7, 9, 9, 4]
    clusters = [0, 0, 1, 0, 2, 2]
    # Cluster 0 (biggest) keeps 7; cluster 2 is 9 and 4 once each: the lower id wins; cluster 1's
    # only incident, 7, is taken, so it starts a new one.
    assert incidents_kept(current, clusters) == [7, None, 4]
    # Nothing changed: every cluster keeps its incident and nothing moves.
    assert incidents_kept([3, 3, 5], [0, 0, 1]) == [3, 5]
    assert incidents_kept([], []) == []
