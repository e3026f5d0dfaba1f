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


def test_a_promise_in_reported_speech_is_an_investigation() -> None:
    """News reports shift "will" back to "would": "said it would investigate" is the wire's promise."""
    for text in (
        "The coalition said it would investigate the reports.",
        "A coalition spokesman said the incident would be investigated.",
        "The Israeli military said it would look into the allegation.",
        "The IDF said it would review the incident.",
        "The IDF said the strike was being examined.",
    ):
        found = extract_statements(text)
        assert [s.stance for s in found] == [Stance.INVESTIGATING], text
        assert found[0].party in ("US-led Coalition", "Israeli Military")
    assert extract_statements("He said he would review his options.") == []


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


def test_stance_literals_are_in_every_match() -> None:
    """The literal pre-check only skips patterns that could not match: every match holds a literal."""
    from civcas.extract.statements import _STANCE_CHECKS

    phrases = [
        "the report was assessed as non-credible",
        "there was not enough information to assess it",
        "insufficient evidence was found",
        "the allegation is credible",
        "the army is not aware of any civilian casualties",
        "no civilian deaths were reported by the military",
        "the strike did not result in any civilian harm",
        "it denied that civilians were hit",
        "نفت الوزارة امس سقوط اي مدنيين",
        "لم يسقط اي ضحايا",
        "the ministry denied carrying out the raid",
        "no us strikes were conducted near the town",
        "نفى الجيش قيامه بالغارة",
        "the army acknowledged that civilian casualties occurred",
        "the soldiers unintentionally killed two people",
        "اعترف الجيش بمقتل ثلاثة",
        "the command regrets the loss of life",
        "the strike did take place",
        "the army said it struck a depot",
        "coalition forces conducted two precise strikes",
        "the group claimed responsibility",
        "idf jets struck the building",
        "اعلن الجيش تنفيذ غارة",
        "the army opened an investigation",
        "the case was referred to the civilian casualty cell",
        "they are reviewing the footage",
        "فتح تحقيق في الحادثة",
        "the militia blamed the army",
        "the blast was caused by a misfired rocket",
        "حملت الوزارة الجيش المسؤولية",
    ]
    matched: set[str] = set()
    for phrase in phrases:
        for stance, rx, literals in _STANCE_CHECKS:
            if rx.search(phrase):
                matched.add(stance.value)
                assert any(w in phrase for w in literals), (stance, phrase)
    assert len(matched) == len(_STANCE_CHECKS)  # each pattern was exercised


def test_speaker_words_are_in_every_speaker_phrase() -> None:
    from civcas.extract.statements import _SPEAKER, _SPEAKER_WORDS

    phrases = [
        "a coalition spokesperson said",
        "the military spokesman",
        "spokeswoman",
        "a us defense official",
        "the israeli military press office",
        "المتحدث باسم الجيش",
        "المتحدث الرسمي باسم وزاره الدفاع",
        "وزاره الدفاع التركيه",
    ]
    for phrase in phrases:
        assert _SPEAKER.search(phrase), phrase
        assert any(w in phrase for w in _SPEAKER_WORDS), phrase


def test_speech_pattern_tried_at_its_words_matches_as_a_scan() -> None:
    from civcas.extract import statements as st
    from civcas.extract.terms import matches_at
    from civcas.extract.text import normalise

    words = (
        "said says say stated states told announced confirmed acknowledged admitted conceded denied denies"
        " claimed claims statement spokesperson spokesman spokeswoman declared promised pledged vowed added"
        " noted insisted rejected assessed wrote responded aware regret regrets blamed accused"
        " قال صرح اعلن بيان اكد نفى نفت ينفي تنفي اقر اعترف بحسب وفق ذكر زعم ادعى ادعت تعهد اتهم حمل تبنى تبنت"
    ).split()
    phrases = [*words, "according to", "press release"]
    text = normalise(" x ".join(phrases) + " unsaid saidx, وقال")
    scanned = [m.span() for m in st._SPEECH.finditer(text)]
    assert len(scanned) >= len(phrases)
    assert [m.span() for m in matches_at(st._SPEECH, text, st._SPEECH_WORDS.starts(text, 0))] == scanned


def test_denials_of_involvement_and_examining_the_reports() -> None:
    assert _stances("The coalition denied that its aircraft were involved in the strike.") == {
        Stance.DENIES_STRIKE
    }
    assert _stances("Russia denied any involvement.") == {Stance.DENIES_STRIKE}
    assert _stances("The Turkish defence ministry said it had no role in the attack.") == {
        Stance.DENIES_STRIKE
    }
    assert _stances("The IDF said it was aware of the reports and was examining them.") == {
        Stance.INVESTIGATING
    }
