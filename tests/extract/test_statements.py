"""Statements by the parties, with stances, in English and Arabic (hand-written sentences)."""

from __future__ import annotations

from civcas.extract.statements import extract_statements
from civcas.model.vocabulary import Stance


def _stances(text: str) -> set[Stance]:
    return {s.stance for s in extract_statements(text)}


def test_admission_and_speaker() -> None:
    text = (
        "Asked by reporters, the coalition stated that the airstrike did take place. "
        '"Coalition military forces conducted one strike near the town," a coalition spokesperson said.'
    )
    found = extract_statements(text)
    assert [s.stance for s in found] == [Stance.ADMITS_STRIKE, Stance.ADMITS_STRIKE]
    assert all(s.party == "US-led Coalition" for s in found)
    assert found[1].speaker == "coalition spokesperson"
    s, e = found[1].span
    assert text[s:e] == found[1].quote
    assert found[1].quote is not None and found[1].quote.startswith('"Coalition military forces')


def test_denial_and_investigation() -> None:
    text = (
        "The coalition said it was not aware of any civilian casualties. "
        "It promised to launch an investigation into the allegations. "
        '"We will provide this information to our civilian casualty team for further assessment," it said.'
    )
    found = extract_statements(text)
    assert {s.stance for s in found} == {Stance.DENIES_CASUALTIES, Stance.INVESTIGATING}
    assert all(s.party == "US-led Coalition" for s in found)  # "it" carries the party on


def test_verdicts() -> None:
    assert Stance.NON_CREDIBLE in _stances("The coalition said it assessed the report as non-credible.")
    assert Stance.CREDIBLE not in _stances("The coalition said it assessed the report as non-credible.")
    assert Stance.CREDIBLE in _stances("The coalition said it assessed the allegation as credible.")


def test_denies_strike_and_blame() -> None:
    assert Stance.DENIES_STRIKE in _stances(
        "The IDF denied carrying out any strike in the area, a spokesman said."
    )
    assert Stance.BLAMES_OTHER in _stances(
        "The Israeli military said the blast was caused by a misfired rocket."
    )


def test_reporter_narration_is_not_an_admission() -> None:
    assert extract_statements("Russian warplanes conducted three strikes on the market, killing 5.") == []


def test_arabic() -> None:
    found = extract_statements("ونفت وزارة الدفاع التركية سقوط ضحايا مدنيين في القصف.")
    assert [s.stance for s in found] == [Stance.DENIES_CASUALTIES]
    assert found[0].party == "Turkish Military"
    assert Stance.INVESTIGATING in _stances("وأعلن الجيش الإسرائيلي فتح تحقيق في الحادثة.")
    assert Stance.ADMITS_STRIKE in _stances("واعترف التحالف الدولي بتنفيذ الغارة على القرية.")
    assert Stance.DENIES_STRIKE in _stances("ونفت قسد مسؤوليتها عن قصف المدينة، بحسب بيان.")


def test_only_parties_speak() -> None:
    # A monitor's investigation, a relative's plea and a reporter's narration are no party's statements.
    assert (
        extract_statements("The Airwars investigation found that the house was hit twice, the group said.")
        == []
    )
    assert (
        extract_statements('"He was a medic," his brother said, calling for the world to investigate.') == []
    )
    # "تحقيق" is also "achieving": "لتحقيق الاستقرار" is no investigation.
    assert extract_statements("وقال متحدث إن واشنطن تسعى لتحقيق الاستقرار في المنطقة.") == []


def test_israeli_release_wording() -> None:
    found = extract_statements(
        "According to the IDF, IAF jets conducted a precise strike against a Hamas weapons depot."
    )
    assert [(s.stance, s.party) for s in found] == [(Stance.ADMITS_STRIKE, "Israeli Military")]
    found = extract_statements("A day later, the Israeli army claimed responsibility for the attack.")
    assert [s.stance for s in found] == [Stance.ADMITS_STRIKE]


def test_accusations() -> None:
    found = extract_statements("Residents blamed Israeli forces for the shelling.")
    assert [(s.stance, s.party) for s in found] == [(Stance.ALLEGES, "Israeli Military")]
    found = extract_statements("The Israeli military blamed Hamas for the blast, a spokesman said.")
    assert [(s.stance, s.party) for s in found] == [(Stance.BLAMES_OTHER, "Israeli Military")]
    found = extract_statements("واتهمت منظمة حقوقية قوات سوريا الديمقراطية بقصف المخيم.")
    assert [(s.stance, s.party) for s in found] == [(Stance.ALLEGES, "YPG/SDF")]


def test_sentences_split_in_lower_case_text_but_not_after_abbreviations() -> None:
    from civcas.extract.text import normalise, sentences

    text = normalise("The U.S. military said so. the coalition said it. Gen. Smith spoke.\nوقال المراسل. نعم")
    assert [text[s:e] for s, e in sentences(text)] == [
        "the u.s. military said so.",
        "the coalition said it.",
        "gen. smith spoke.",
        "وقال المراسل.",
        "نعم",
    ]
