"""Number parsing: digits, words (English, Arabic), qualifiers and ranges."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civcas.extract.numbers import Quantity, find_quantities, normalize, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("1,200", 1200),
        ("twelve", 12),
        ("Twenty-one", 21),
        ("twenty one", 21),
        ("a dozen", 12),
        ("two dozen", 24),
        ("Three dozen", 36),
        ("dozens", 12),
        ("one hundred and five", 105),
        ("١٢", 12),  # Arabic-Indic digits
        ("۱۲", 12),  # Persian digits
        ("١٬٢٠٠", 1200),
        ("ثلاثة", 3),
        ("ثلاث", 3),
        ("ثلاثين", 30),
        ("ثلاثون", 30),
        ("اثنان", 2),
        ("اثنين", 2),
        ("خمسة وعشرون", 25),
        ("ثلاثة عشر", 13),
        ("اثنا عشر", 12),
        ("عشرات", 10),
        ("العشرات", 10),
        ("several", None),
        ("بضعة", None),
    ],
)
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


def _one(text: str) -> Quantity:
    found = find_quantities(normalize(text))
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "low", "high", "kind"),
    [
        ("at least 12 civilians", 12, 12, "at_least"),
        ("no fewer than seven people", 7, 7, "at_least"),
        ("up to 27 civilians", 27, 27, "up_to"),
        ("more than 25 others", 26, 26, "more_than"),
        ("between 10 and 15 civilians", 10, 15, "range"),
        ("between 25 to 150 people", 25, 150, "range"),
        ("10-12 people", 10, 12, "range"),
        ("4 to 7 people", 4, 7, "range"),
        ("four or five people", 4, 5, "range"),
        ("between six and more than 20 people", 6, 21, "range"),
        ("dozens of people", 12, 24, "vague"),
        ("hundreds of wounded", 100, 200, "vague"),
        ("about 40 people", 40, 40, "approx"),
        ("ما لا يقل عن ثلاثة أطفال", 3, 3, "at_least"),
        ("أكثر من 10 مدنيين", 11, 11, "more_than"),
        ("نحو 20 شخصا", 20, 20, "approx"),
        ("حوالي 20 شخصا", 20, 20, "approx"),
        ("بين 4 و 7 مدنيين", 4, 7, "range"),
        ("عشرات المدنيين", 10, 20, "vague"),
        ("5 (at least)", 5, 5, "at_least"),
        ("the toll rose to “more than 20.”", 21, 21, "more_than"),
    ],
)
def test_qualifiers_and_ranges(text: str, low: int, high: int, kind: str) -> None:
    q = _one(text)
    assert (q.low, q.high, q.kind) == (low, high, kind)


def test_separate_numbers_joined_by_and_are_not_a_range() -> None:
    found = find_quantities(normalize("two children and three women"))
    assert [(q.low, q.high) for q in found] == [(2, 2), (3, 3)]


def test_ordinals_and_decimals_are_not_counts() -> None:
    assert find_quantities(normalize("on the 9th, 2.5 km away")) == []


def test_normalize_keeps_offsets() -> None:
    text = "قتل ١٢ مدنياً في إدلب"
    norm = normalize(text)
    assert len(norm) == len(text)
    q = find_quantities(norm)[0]
    assert text[q.start : q.end] == "١٢"


@given(st.text(max_size=300))
def test_never_crashes(text: str) -> None:
    norm = normalize(text)
    assert len(norm) == len(text)
    for q in find_quantities(norm):
        assert 0 <= q.start < q.end <= len(text)
        assert 0 <= q.low <= q.high
