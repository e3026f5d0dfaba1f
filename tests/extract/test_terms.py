"""The term index: expansion, word starts (with Arabic clitics), longest match, priority."""

from __future__ import annotations

from civcas.extract.terms import TermIndex, expand


def test_expand() -> None:
    assert expand("{us|u.s.} drone{|s}") == ["us drone", "us drones", "u.s. drone", "u.s. drones"]
    assert expand("plain") == ["plain"]


def test_word_start_and_clitics() -> None:
    index = TermIndex([["ترك", "turk"], ["cia\\b"]])
    assert [h.term for h in index.find("الاتراك والتركي وبتركيا")] == [
        "ترك",
        "ترك",
    ]  # "الاتراك" is not "ترك…"
    assert [h.term for h in index.find("مشترك")] == []
    assert [h.term for h in index.find("turkish forces, ciao, cia.")] == ["turk", "cia"]


def test_longest_then_priority() -> None:
    index = TermIndex([["coalition\\b", "us-led coalition"], ["us-led", "احتلال"], ["احتلال التركي"]])
    hits = index.find("the us-led coalition and الاحتلال التركي")
    assert [(h.group, h.term) for h in hits] == [(0, "us-led coalition"), (2, "احتلال التركي")]
    assert [h.group for h in TermIndex([["abc"], ["abc"]]).find("abc")] == [0]


def test_patterns_are_written_in_normalised_form() -> None:
    # Patterns run on normalised text (ى→ي, ة→ه, أ/إ/آ→ا): an unnormalised letter can never match.
    import re

    from civcas.extract import actors, dates, evidence, statements

    for module in (actors, dates, evidence, statements):
        for name, value in vars(module).items():
            rows = value if isinstance(value, tuple) else (value,)
            for row in rows:
                for item in row if isinstance(row, tuple) else (row,):
                    if isinstance(item, re.Pattern):
                        assert not re.search("[ىةأإآ]", item.pattern), f"{module.__name__}.{name}"


def test_terms_are_normalised_when_indexed() -> None:
    assert [h.term for h in TermIndex([["نفى"]]).find("ونفي الجيش")] == ["نفي"]


def test_indexes_sharing_a_scan_keep_their_own_hits() -> None:
    # All indexes are looked up in one Aho-Corasick pass per text; each must see only its own terms,
    # whichever index scans a text first, and a term listed by two indexes belongs to both.
    text = "us-led coalition strike; the coalition denied it"
    a = TermIndex([["coalition\\b"], ["strike"]])
    b = TermIndex([["us-led coalition", "denied"]])
    first_b = [(h.group, h.start, h.end) for h in b.find(text)]
    first_a = [(h.group, h.start, h.end) for h in a.find(text)]
    assert first_a == [(0, 7, 16), (1, 17, 23), (0, 29, 38)]
    assert first_b == [(0, 0, 16), (0, 39, 45)]
    assert [(h.group, h.start, h.end) for h in a.find(text)] == first_a
    assert [(h.group, h.start, h.end) for h in b.find("coalition")] == []


def test_clitics_of_every_length() -> None:
    index = TermIndex([["ترك"]])
    # One, two and three letters of clitics before the term, at the text's start and after a space.
    for text in ("وترك", "بالترك", "ولترك", "x والترك", "وللترك"):
        assert [h.term for h in index.find(text)] == ["ترك"], text
    # Letters that are no clitic, or a clitic glued to a word before it, are the inside of a word.
    for text in ("مترك", "كترك", "شوترك", "مبالترك", "وبالترك"):
        assert index.find(text) == [], text
