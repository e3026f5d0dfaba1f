"""The text helpers: length-preserving normalisation, marks and broken words dropped with offsets back."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from civcas.extract.text import guess_language, normalise, normalise_doc

# Characters the normalisation maps or drops, mixed with ordinary ones (invented text).
_ALPHABET = list(
    "ab .*-_'\"İ\u0660\u0669\u06f5أإآٱىةبا،؛؟\u2013\u2014\u2018\u2019\u201c\u201d\u0640\u064b\u0650\u0652\u0670"
)


def test_normalise_folds_digits_alef_quotes_and_case() -> None:
    assert normalise("Killed ٣ in «قرية» on ٢٠١٧ — “Mosul’s” أحمد إلى الآن مدرسة") == (
        'killed 3 in «قريه» on 2017 - "mosul\'s" احمد الي الان مدرسه'
    )
    assert normalise("ASCII Only, 12 Dead.") == "ascii only, 12 dead."


def test_normalise_keeps_length_when_lower_would_not() -> None:
    # 'İ'.lower() is two characters: the text is folded but not lower-cased.
    assert normalise("İdlib “x”") == 'İdlib "x"'


def test_normalise_doc_drops_marks_and_broken_words_with_offsets() -> None:
    text = "اعتقـ.ـال مسيّرة الاحتلا.ل. Done."
    norm = normalise_doc(text)
    assert norm.text == "اعتقال مسيره الاحتلال. done."
    start = norm.text.index("مسيره")
    assert text[slice(*norm.span(start, start + len("مسيره")))] == "مسيّرة"
    assert normalise_doc("No marks here.").offsets is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=40))
def test_normalise_doc_maps_every_kept_character_back(text: str) -> None:
    norm = normalise_doc(text)
    folded = normalise(text)
    assert len(folded) == len(text)
    offsets = norm.offsets or tuple(range(len(text) + 1))
    assert len(offsets) == len(norm.text) + 1
    assert all(norm.text[i] == folded[offsets[i]] for i in range(len(norm.text)))
    assert list(offsets) == sorted(set(offsets))
    n = len(norm.text)
    for i in range(n + 1):  # spans, empty ones included, agree with the table of offsets
        assert norm.span(i, i) == (offsets[i], offsets[i])
        if i < n:
            assert norm.span(i, n) == (offsets[i], offsets[n - 1] + 1)


def test_guess_language() -> None:
    assert guess_language("An airstrike hit the town.") == "en"
    assert guess_language("قصف الطيران بلدة في ريف إدلب (AFP)") == "ar"
    assert guess_language("“Quoted” English with an Arabic word: قصف") == "en"


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("aZ .\u00e9\u2019\u05ff\u0600\u0621\u06ff\u0700\ud83d\U0001f600")),
        max_size=30,
    )
)
def test_guess_language_counts_arabic_and_latin_letters(text: str) -> None:
    arabic = sum("\u0600" <= c <= "\u06ff" for c in text)
    latin = sum(c.isascii() and c.isalpha() for c in text)
    assert guess_language(text) == ("ar" if arabic > latin else "en")


def test_sentence_end_pattern_matches_like_the_plain_alternation() -> None:
    import re

    from civcas.extract.text import _SENT_END

    plain = re.compile(r"[.!?؟](\s+)(?=[\"'“‘(\[A-Za-z\u0600-\u06ff0-9])|\n+")
    texts = [
        "The u.s. said so. Then? 'No!' he said.\n\nNext line.\n(A) b. 3 c.\t\tD",
        "قال المتحدث. ثم؟ وقع\n\n\nالقصف! بعده. 12 قتيلا.",
        "end.\n\nstart. .. ?!\n. x",
    ]
    for text in texts:
        found = [(m.span(), m.group(1)) for m in _SENT_END.finditer(text)]
        assert found == [(m.span(), m.group(1)) for m in plain.finditer(text)]
        assert found
