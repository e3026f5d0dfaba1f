"""Ranking the search window: more of the query words in a shorter report ranks higher."""

from __future__ import annotations

from civcas.services.ranking import bm25_totals


def test_frequency_and_length() -> None:
    scores = bm25_totals(
        [
            "Civilians killed. Civilians wounded.",
            "civilians killed in a long report about many other things that happened that day",
            "An airstrike on the market.",
        ],
        ["civilians"],
    )
    assert scores[0] > scores[1] > scores[2] == 0.0


def test_every_word_counts_and_arabic() -> None:
    scores = bm25_totals(["غارة على المخبز قتلت مدنيين", "غارة جوية"], ["غارة", "المخبز"])
    assert scores[0] > scores[1] > 0
    assert bm25_totals([], ["x"]) == []


def test_words_without_case_count_alike_in_any_case_of_the_text() -> None:
    """Arabic words are counted in the text as it is (no folding); the scores are the ones the
    folded text gives, Latin capitals and all."""
    texts = ["ISIS غارة على غارة", "STRASSE غارة ΣΊΣΥΦΟΣ", "غارة"]
    folded = [t.casefold() for t in texts]
    assert bm25_totals(texts, ["غارة"]) == bm25_totals(folded, ["غارة"])
    # A word with case still folds the texts: "ISIS" and "isis" are one word.
    assert bm25_totals(["ISIS isis", "isis"], ["Isis"])[0] > bm25_totals(["ISIS isis", "isis"], ["Isis"])[1]
