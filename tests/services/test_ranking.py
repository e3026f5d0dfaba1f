"""Ranking the search window: more of the query words in a shorter report ranks higher."""

from __future__ import annotations

from civcas.services.ranking import bm25_scores


def test_frequency_and_length() -> None:
    scores = bm25_scores(
        {
            1: "Civilians killed. Civilians wounded.",
            2: "civilians killed in a long report about many other things that happened that day",
            3: "An airstrike on the market.",
        },
        ["civilians"],
    )
    assert scores[1] > scores[2] > scores[3] == 0.0


def test_every_word_counts_and_arabic() -> None:
    scores = bm25_scores({1: "غارة على المخبز قتلت مدنيين", 2: "غارة جوية"}, ["غارة", "المخبز"])
    assert scores[1] > scores[2] > 0
    assert bm25_scores({}, ["x"]) == {}
