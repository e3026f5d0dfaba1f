"""The gazetteer: name folding (transliteration variants meet) and the cached index."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from civcas.extract.gazetteer import CHAR_TABLE, fold_latin, fold_name, load_gazetteer, norm_token


@pytest.mark.parametrize(
    "variants",
    [
        ["Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor", "Deir el-Zour", "Deir al-Zor", "DEIR EZ-ZOR"],
        ["Mayadin", "al-Mayadeen", "Al Mayādīn", "Mayadeen", "El-Mayadin"],
        ["Raqqa", "Ar-Raqqah", "al-Raqqa", "Raqqah"],
        ["Hasakah", "Al-Hassakeh", "Hasaka", "al-Hasakah"],
        ["Jabalia", "Jabaliya", "Jabalya"],
        ["Idlib", "Edlib"],
        ["Khan Younis", "Khan Yunis"],
        ["Beit Lahia", "Bayt Lahiya"],
    ],
)
def test_transliteration_variants_fold_alike(variants: list[str]) -> None:
    assert len({fold_name(v) for v in variants}) == 1


def test_arabic_folding_drops_tashkeel_hamza_and_article() -> None:
    assert fold_name("الميادين") == fold_name("ميادين")
    assert fold_name("غَزَّة") == fold_name("غزه") == fold_name("غزة")
    assert fold_name("إدلب") == fold_name("ادلب")
    assert fold_name("دير الزور") == fold_name("دير زور")


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1))
def test_plain_ascii_words_skip_the_table_with_the_same_result(word: str) -> None:
    # norm_token lowers plain ASCII words directly; the character table must agree with it.
    norm_token.cache_clear()
    assert norm_token(word) == word.translate(CHAR_TABLE).lower()


@given(st.text(alphabet="aeiouqwyhpdtlmnrs", min_size=1, max_size=12))
def test_latin_folding_leaves_no_doubled_letter(word: str) -> None:
    # "Mayyadin" and "Mayadin" meet: runs are collapsed last, after the letters are folded.
    folded = fold_latin(word)
    assert all(a != b for a, b in pairwise(folded))


def test_lookup_finds_geonames_and_curated_places() -> None:
    gaz = load_gazetteer()
    mayadin = [e for e in gaz.lookup("Mayadeen") if e.country == "SY"]
    assert mayadin and mayadin[0].admin1 == "Deir ez-Zor"
    assert any(e.admin1 == "Gaza" and e.precision == "neighbourhood" for e in gaz.lookup("Shejaiya"))
    assert any(e.precision == "province" and e.name == "Idlib" for e in gaz.lookup("ريف إدلب"))
    assert gaz.lookup("Xqzzyville") == []


def test_common_words_are_not_place_names() -> None:
    gaz = load_gazetteer()
    for word in ("Of", "Man", "Bar", "Hospital", "Monday"):
        assert gaz.lookup(word) == [], word


def test_cached_load_gives_the_whole_gazetteer() -> None:
    # The load time is measured by `make bench`; here: a reload from the cache is complete.
    load_gazetteer.cache_clear()
    gaz = load_gazetteer()
    assert len(gaz.entries) > 5000


def test_fold_new_token_folds_as_fold_token() -> None:
    from civcas.extract.gazetteer import fold_new_token, fold_token

    words = ["Deir", "ez", "Zor", "Alhasakah", "Ezzor", "Addana", "Ennab", "Mosul's", "بالميادين", "الرقة"]
    words += ["ـجريمة", "Shuja'iyya", "Qamishli", "Idlib", "al", "Çatalca", "مُسَيَّرة", "x7"]
    for word in words:
        assert fold_new_token(word) == fold_token(word), word
    assert fold_latin("alhasakah") == fold_latin("hasakah")  # the attached article still goes


def test_token_pattern_splits_as_the_plain_form() -> None:
    import random
    import re

    from civcas.extract.gazetteer import _AR_WORD, _INSIDE, _MARKS, _OTHER_WORD, TOKEN_RE

    # The plain form: a word of one script, its inner joiners' group repeated with `*`.
    words = "|".join(f"{w}+(?:[{_INSIDE}]+{w}+)*" for w in (_OTHER_WORD, _AR_WORD))
    plain = re.compile(f"((?:{words})[{_MARKS}]*)")
    ours = re.compile(f"({TOKEN_RE.pattern})")
    pieces = ["Dar", "a", "Shuja", "iyya", "مسيّرة", "بالميادين", "ـ", "’", "'", "`", "´", "\u064e", "\u0301"]
    pieces += [" ", "-", "_", ".", "7", "\u200b", "\u00ad", "x", "ال"]
    rng = random.Random(3)
    texts = ["Shuja'iyya and Dar'a", "قُتِلَ في مَسْجِد", "al-Mayadin’s", "a''b", "word'", "#ريف_إدلب"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(20_000)]
    for text in texts:
        assert ours.split(text) == plain.split(text), text
