"""The cheap checks that spare the casualty stage a regex search must never rule out a match."""

from __future__ import annotations

import random

from civcas.extract import casualty_patterns as P
from civcas.extract.casualties import _BARE_GAP, _last, _may_follow_event, extract_casualties
from civcas.extract.numbers import normalize

# Words and punctuation the bare-number rule reads: event words (alone and in phrases), the words
# `_BARE_GAP` allows, common words, Arabic with and without a proclitic.
_VOCAB = (
    "killed killing kill killings of deaths death toll rose to reached stood at was is were from the "
    "lives claimed bodies victims included among dead fatalities injuries injury wounded injuring hurt "
    "left leaving ranged increased climbed a an and in on his her said strike ( ) - : , \" ' “ "
    "مقتل ومقتل بمقتل استشهاد حصيلة الشهداء عدد القتلي اصابة واصابة جرح في من الي بحياة اودت"
).split()


def _searched(norm: str, pos: int) -> bool:
    before = _last(P.EV_BEFORE.finditer(norm, max(0, pos - 40), pos))
    return before is not None and _BARE_GAP.fullmatch(norm, before.end(), pos) is not None


def test_may_follow_event_never_rules_out_a_match() -> None:
    rng = random.Random(7)
    found = 0
    for _ in range(20000):
        words = [rng.choice(_VOCAB) for _ in range(rng.randint(1, 9))]
        seps = [rng.choice((" ", " ", "  ", "\n", "")) for _ in words]
        norm = normalize("".join(w + s for w, s in zip(words, seps, strict=True)) + "12")
        pos = len(norm) - 2
        if _searched(norm, pos):
            found += 1
            assert _may_follow_event(norm, pos), norm
    assert found > 1000  # the phrases do exercise the rule


def test_may_follow_event_rules_out_plain_numbers() -> None:
    for text in ("on 12", "in the 3", "one of 5", "the road to 7", "الساعة 3"):
        norm = normalize(text)
        assert not _may_follow_event(norm, len(norm) - 1), text


def test_bare_numbers_after_event_words_still_count() -> None:
    assert extract_casualties("The strike killed 3 on Monday.").total_killed is not None
    facts = extract_casualties("The death toll rose to 8 after the raid.")
    assert facts.total_killed is not None and facts.total_killed.min == 8
    assert extract_casualties("The strike hit the road to 7 houses.").total_killed is None


def test_normalize_keeps_dotted_capital_i_and_lowers_the_rest() -> None:
    text = "İDLİB ΟΔΟΣ Killed"
    assert normalize(text) == "".join(c if c == "İ" else c.lower() for c in text)
