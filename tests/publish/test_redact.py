from civcas.publish.redact import BLOCK, name_spans, redact_names


def test_named_victims_with_ages_are_blacked_out_and_lengths_kept() -> None:
    text = "The victims were named as Ahmad Saleh (34), his wife Mona Khaled, 29, and their son Omar Saleh, aged 7."
    out = redact_names(text)
    assert len(out) == len(text)
    for name in ("Ahmad Saleh", "Mona Khaled", "Omar Saleh"):
        assert name not in out
    assert "(34)" in out and "aged 7" in out and "The victims were named as" in out


def test_witness_names_but_not_organisations_or_places() -> None:
    text = "Abu Ahmad al-Hamoud, a local resident, said the Syrian Civil Defence reached Al Mayadin late."
    out = redact_names(text)
    assert "Hamoud" not in out and "Abu Ahmad" not in out
    assert "Syrian Civil Defence" in out and "Al Mayadin" in out


def test_arabic_names_after_cue_words() -> None:
    text = "قتل الطفل محمد أحمد العلي في قصف على بلدة الميادين، واستشهد الشاب خالد عمر جراء الغارة"
    out = redact_names(text)
    assert "محمد أحمد العلي" not in out and "خالد عمر" not in out
    assert "الميادين" in out and "في قصف على بلدة" in out
    assert BLOCK in out


def test_official_statements_are_left_alone() -> None:
    text = "Coalition forces conducted one strike near Mayadin that engaged an ISIS tactical unit, a spokesperson said."
    assert name_spans(text) == []
    assert redact_names("") == ""
