"""The casualty stage's shortcuts keep its answers: bare numbers after event words, and lower-casing."""

from __future__ import annotations

from civcas.extract.casualties import extract_casualties
from civcas.extract.numbers import normalize


def test_bare_numbers_after_event_words_still_count() -> None:
    assert extract_casualties("The strike killed 3 on Monday.").total_killed is not None
    facts = extract_casualties("The death toll rose to 8 after the raid.")
    assert facts.total_killed is not None and facts.total_killed.min == 8
    assert extract_casualties("The strike hit the road to 7 houses.").total_killed is None


def test_normalize_keeps_dotted_capital_i_and_lowers_the_rest() -> None:
    text = "İDLİB ΟΔΟΣ Killed"
    assert normalize(text) == "".join(c if c == "İ" else c.lower() for c in text)
