"""The casualty stage's shortcuts keep its answers: bare numbers after event words, and lower-casing."""

from __future__ import annotations

import random
import re

import pytest

from civcas.extract import casualty_patterns as P
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


def _same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    if a is None or b is None:
        return a is b
    return a.span() == b.span() and a.groupdict() == b.groupdict() and a.lastgroup == b.lastgroup


def test_noun_guard_keeps_the_matches_of_the_plain_patterns() -> None:
    # The patterns as they were before the look-ahead on the nouns' first two letters.
    en = re.compile(P._EN_BEFORE_NOUN + P._MOD + P._EN_NOUN_ALT + r"(?!\w)" + P._DIA)
    ar = re.compile(P._AR_BEFORE_NOUN + P._AR_NOUN_ALT + P._DIA + r"(?!\w)")
    words = [
        *"children child kids women men civilians members of hamas al-qassam police policemen officers".split(),
        *"neighbours neighbors labourers killed dead injured wounded people persons more the them whom".split(),
        *"were and in young old elderly palestinian family staff crew 3 12 - ' \" ” of".split(),
        *"مدنيين مدنيا المدنيين من ال اطفال طفلا نساء رجال شخصا حالات وفاة اصابة قتلي جرحي".split(),
    ]
    rng = random.Random(7)
    texts = [
        "12 children",
        "3 of them civilians",
        "five young men",
        "4 members of al qassam",
        "٣ من المدنيين",
    ]
    texts += [" ".join(rng.choice(words) for _ in range(rng.randint(1, 7))) for _ in range(4000)]
    for text in texts:
        for pos in range(len(text)):
            assert _same(en.match(text, pos), P.EN_NOUN_AFTER.match(text, pos)), (text, pos)
            assert _same(ar.match(text, pos), P.AR_NOUN_AFTER.match(text, pos)), (text, pos)
    assert P.EN_NOUN_AFTER.match("12 young civilians", 2) is not None


def test_leading_pairs_refuses_a_branch_without_two_literal_letters() -> None:
    assert P._leading_pairs("(?P<x>abc|de)|fgh") == ["ab", "de", "fg"]
    for bad in ("a", "ab?c", r"\w+", "[ab]c"):
        with pytest.raises(ValueError):
            P._leading_pairs(bad)
