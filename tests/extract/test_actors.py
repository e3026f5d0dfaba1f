"""Belligerent, event type and claimed target from hand-written English and Arabic sentences."""

from __future__ import annotations

from datetime import date

import pytest

from civcas.extract.actors import admin1_key, extract_actors, infer_belligerent
from civcas.extract.text import normalise, normalise_doc


@pytest.mark.parametrize(
    ("text", "belligerent"),
    [
        ("An airstrike by the US-led coalition hit a bakery near the river.", "US-led Coalition"),
        ("Coalition warplanes bombed the bridge on Tuesday, residents said.", "US-led Coalition"),
        ("A CIA drone fired two missiles at a car, killing four people.", "United States"),
        ("A US drone strike killed three men in the village.", "United States"),
        ("Russian warplanes carried out several raids on the market town.", "Russian Military"),
        ("The IDF said it struck a building used by militants; 9 people were killed.", "Israeli Military"),
        ("An Israeli strike on a house killed a family of six.", "Israeli Military"),
        ("Turkish drones struck a car near the border, killing two.", "Turkish Military"),
        ("غارات للطيران الروسي على أطراف البلدة أدت إلى مقتل مدنيين", "Russian Military"),
        ("قصفت المسيرات التركية سيارة مدنية قرب القرية", "Turkish Military"),
        ("غارة لطيران التحالف الدولي على منزل في القرية", "US-led Coalition"),
        ("استشهاد ثلاثة مواطنين بقصف الاحتلال الإسرائيلي على منزل", "Israeli Military"),
        ("قصف صاروخي لميليشيا قسد على الأحياء السكنية", "YPG/SDF"),
    ],
)
def test_named_belligerent(text: str, belligerent: str) -> None:
    assert extract_actors(text).belligerent == belligerent


def test_target_mentions_do_not_count_as_perpetrator() -> None:
    text = "Turkish jets struck ISIS positions and PKK fighters near the town, killing a shepherd."
    assert extract_actors(text).belligerent == "Turkish Military"
    text = "استهدفت الطائرات الروسية مواقع لداعش في البادية"
    assert extract_actors(text).belligerent == "Russian Military"


def test_us_led_coalition_is_not_also_united_states() -> None:
    facts = extract_actors("The U.S.-led coalition said its aircraft struck the site.")
    assert facts.belligerent == "US-led Coalition"


def test_bare_occupation_is_turkish_where_turkey_is_named() -> None:
    text = "أصيب مدنيان بقصف مدفعي لجيش الاحتلال التركي على قرية قرب تل تمر، وجدد الاحتلال قصفه مساء"
    assert extract_actors(text, country="SY").belligerent == "Turkish Military"


def test_syria_regime_convention() -> None:
    # Airwars codes regime attacks in Syria as "Russian Military" until the regime fell.
    text = "قتل طفل بقصف مدفعي لقوات النظام على بلدة في ريف إدلب"
    assert extract_actors(text, country="SY", when=date(2022, 3, 1)).belligerent == "Russian Military"
    assert extract_actors(text, country="SY", when=date(2025, 3, 1)).belligerent is None
    # Outside Syria the report's own wording stands.
    assert (
        extract_actors("Government forces shelled the village.", country="YE").belligerent == "Syrian Regime"
    )


def test_inference_from_place_and_period() -> None:
    facts = extract_actors("Three civilians were killed in a strike overnight.", country="SY", admin1="Idlib")
    assert facts.belligerent == "Russian Military" and facts.inferred
    assert facts.belligerent_spans == []
    assert infer_belligerent("", "PS", "Khan Younis", None) == "Israeli Military"
    assert infer_belligerent(normalise("a strike in Gaza"), None, None, None) == "Israeli Military"
    assert infer_belligerent("", "FR", "Paris", None) is None


def test_admin1_keys_fold_spellings() -> None:
    assert admin1_key("Dayr az Zawr") == admin1_key("Deir ez-Zor") == admin1_key("دير الزور")
    assert admin1_key("Al-Hasakah") == admin1_key("Al Hassakah") == admin1_key("الحسكة")
    assert admin1_key("Ar-Raqqah") == admin1_key("Raqqa Governorate")


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("A drone strike hit the car.", "drone strike"),
        ("Warplanes carried out an airstrike near the bakery.", "airstrike"),
        ("Artillery and mortar fire hit the camp.", "artillery"),
        ("استهدفت طائرة مسيّرة سيارة على الطريق", "drone strike"),
        ("غارة جوية على المدينة", "airstrike"),
        ("قصف مدفعي على القرية بالقذائف", "artillery"),
        ("انفجار عبوة ناسفة في السوق", "explosion"),
    ],
)
def test_event_type(text: str, event: str) -> None:
    assert extract_actors(text).event_type == event


def test_claimed_target() -> None:
    text = (
        "Officials said the strike engaged an ISIS tactical unit and destroyed an ISIS watercraft. "
        "Earlier it said it had targeted a terrorist unit."
    )
    facts = extract_actors(text)
    assert facts.claimed_target == "ISIS tactical unit; ISIS watercraft"
    s, e = facts.claimed_target_spans[0]
    assert text[s:e] == "ISIS tactical unit"
    assert extract_actors("The army said it targeted a terrorist unit.").claimed_target == "terrorist unit"
    ar = extract_actors("وقالت الوزارة إن الطائرات استهدفت مواقع للمسلحين في الجبل")
    assert ar.claimed_target is not None and ar.claimed_target.startswith("مواقع")


def test_diacritics_do_not_hide_words() -> None:
    text = "قُتل مدنيان بمسيّرة تركيّة"
    facts = extract_actors(text)
    assert facts.belligerent == "Turkish Military"
    assert facts.event_type == "drone strike"
    s, e = facts.event_type_spans[0]
    assert text[s:e] == "مسيّر"  # the matched stem, mapped back across the shadda


def test_open_attribution_names_both() -> None:
    text = "It is unclear whether an Israeli strike or a misfired Hamas rocket hit the hospital, killing 40."
    assert extract_actors(text).belligerent == "Israeli Military, Palestinian Militants"
    text = (
        "Israeli jets struck the house. Hamas fighters had fired rockets from the area earlier in the week."
    )
    assert extract_actors(text).belligerent == "Israeli Military"


def test_conventions_can_be_switched_off() -> None:
    text = "قتل طفل بقصف مدفعي لقوات النظام على بلدة في ريف إدلب"
    facts = extract_actors(text, country="SY", when=date(2022, 3, 1), monitor_conventions=False)
    assert facts.belligerent == "Syrian Regime"


def test_words_broken_to_dodge_filters() -> None:
    text = "اعتقـ.ـال شابين خلال عمــ.ـلية انـ.ـزال للتحـ.ـالف الدولي فجر اليوم"
    facts = extract_actors(text)
    assert facts.belligerent == "US-led Coalition"
    s, e = facts.belligerent_spans[0]
    assert text[s:e].startswith("تحـ.ـالف")


def test_window_pre_checks_never_skip_a_match() -> None:
    """The cheap tests in front of the end-anchored window patterns only skip windows they cannot match."""
    from civcas.extract import actors as a

    windows = [
        "the strike was carried out by the ",
        "bombed by ",
        "a raid conducted by two ",
        "airstrikes against the ",
        "strikes targeting ",
        "fighters linked to ",
        "a member of ",
        "قصف نفذته طائرات ",
        "غارات شنها الطيران الحربي ",
        "من قبل ",
        "مواقع ل",
        "عناصر من تنظيم ",
        "قتل عنصر ",
        "وال",
        "قصف ب",
        "قصف ب\n",
        "قصف ولل \n",
        "قصف\nفال",
        "غارة لل\n\n",
        "air strikes in the city of ",
    ]
    for window in windows:
        if a._CLITICS_AT_END.search(window):
            assert not a._CLITIC_LETTERS.isdisjoint(window[-4:]), window
            assert window.rsplit(None, 1)[-1] in a._CLITIC_WORDS, window
        before = a._CLITICS_AT_END.sub("", window)
        words = window.rsplit(None, 1)
        if words and words[-1] in a._CLITIC_WORDS:
            assert a._without_final_clitic(window, words[-1]) == before, window
        if before.isascii() and a._AGENT_BEFORE.search(before):
            assert a._AGENT_BEFORE_EN_WORD in before, before
        if before.isascii() and a._TARGET_BEFORE.search(before):
            assert any(w in before for w in a._TARGET_BEFORE_EN_WORDS), before


def test_attack_words_near_a_mention_match_the_pattern() -> None:
    """Reading attack words off the shared scan's occurrences gives what a window search gives."""
    from civcas.extract import actors as a
    from civcas.extract.text import normalise

    text = normalise("Jets struck; قصف بقصف مدفعي. Missiles hit the airport; a raid. نظام الشن")
    found = a._ATTACK_INDEX.occurrences(text)
    for lo in range(len(text) + 1):
        for hi in range(lo, len(text) + 1):
            assert found.any_within(lo, hi) == bool(a._ATTACK.search(text[lo:hi])), (lo, hi)


def test_target_words_are_in_every_target_phrase() -> None:
    """The head nouns, verbs and nouns looked up before the target patterns run are in every match."""
    from civcas.extract import actors as a
    from civcas.extract.text import normalise

    words = (
        "unit units position positions vehicle vehicles watercraft fighter fighters operative operatives"
        " commander commanders cell cells headquarters site sites facility infrastructure target targets"
        " compound militant militants member members terrorist terrorists leader leaders boat boats tunnel"
        " tunnels launcher launchers depot gathering checkpoint hideout"
    )
    phrases = [
        "command center",
        "command and control centre",
        "staging area",
        "weapons cache",
        "launch sites",
    ]
    heads = [*words.split(), *phrases, "observation post"]
    for head in heads:
        text = f"the jets struck isis {head} near the town"
        assert a._TARGET_EN.search(text), head
        assert a._TARGET_HEAD_EN in a._TARGET_WORDS.groups_in(text), head
    nouns = (
        "مواقع مقرات مقر نقاط نقطه تجمعات تجمع عناصر اجتماعا اجتماع خليه قياديا قيادي مستودع مستودعات منصه منصات"
    ).split()
    for verb in ("استهدف", "استهدفت", "ضرب", "ضربت", "دمر", "دمرت", "قصف", "قصفت"):
        for noun in nouns:
            text = normalise(f"الطيران {verb} {noun} التنظيم في ريف")
            assert a._TARGET_AR.search(text), (verb, noun)
            assert {a._TARGET_VERB_AR, a._TARGET_NOUN_AR} <= a._TARGET_WORDS.groups_in(text), (verb, noun)
    assert a.claimed_target("No such thing here.", normalise_doc("No such thing here.")) == (None, [])


def test_or_between_suspects_is_short() -> None:
    """A gap longer than _OR can match is skipped without calling it."""
    from civcas.extract import actors as a

    longest = "x" * 29 + " either " + "y" * 29
    assert a._OR.fullmatch(longest)
    assert len(longest) == a._OR_LONGEST
    assert not a._OR.fullmatch("x" + longest)
    assert not a._OR.fullmatch("x" * 29 + " او " + "y" * 30)


def test_arabic_window_patterns_searched_from_the_last_words() -> None:
    """Searching the Arabic branches from the window's third word from the end answers as a search of
    the whole window does (they span three words at most)."""
    from civcas.extract import actors as a

    assert a._last_words_start("x  ab c d", 3) == 3
    assert a._last_words_start(" x  ab c d\n", 3) == 4
    assert a._last_words_start("c d", 3) == 0
    assert a._last_words_start("", 3) == 0
    words = ["من قبل", "ل", "لـ", "قصف", "فلان", "مواقع", "تنظيم", "في", "الطيران الحربي", "عناصر", "by", "x"]
    seps = [" ", "  ", "\n", ""]
    windows = [
        w1 + s1 + w2 + s2 + w3 + s3
        for w1 in words
        for w2 in words
        for w3 in words
        for s1 in seps[:2]
        for s2 in seps
        for s3 in seps[:3]
    ]
    for window in windows:
        start = a._last_words_start(window, a._AR_WINDOW_WORDS)
        assert bool(a._AGENT_BEFORE_AR.search(window, start)) == bool(a._AGENT_BEFORE_AR.search(window)), (
            window
        )
        assert bool(a._TARGET_BEFORE_AR.search(window, start)) == bool(a._TARGET_BEFORE_AR.search(window)), (
            window
        )


def test_final_clitic_is_cut_as_the_pattern_cuts_it() -> None:
    import random

    from civcas.extract import actors as a

    rng = random.Random(3)
    pieces = [*a._CLITIC_WORDS, "قصف", "x", " ", "\n", "  ", "ال", "ك"]
    for _ in range(20000):
        window = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
        words = window.rsplit(None, 1)
        if words and words[-1] in a._CLITIC_WORDS:
            assert a._without_final_clitic(window, words[-1]) == a._CLITICS_AT_END.sub("", window), window


def test_target_patterns_tried_at_their_verbs_match_as_a_scan() -> None:
    """Trying the target patterns where their verbs occur finds what scanning the text finds."""
    from civcas.extract import actors as a
    from civcas.extract.terms import matches_at
    from civcas.extract.text import normalise

    english = (
        "jets engaged isis fighters; they destroyed two hamas tunnels, targeted the isis leaders and were"
        " targeting pkk positions. a drone struck ypg units, hit 3 taliban boats, killed isil members,"
        " eliminated the enemy cell, against isis sites; whitehit isis units; struck struck isis targets"
    )
    arabic = normalise(
        "استهدفت الطائرات مواقع التنظيم في ريف المدينة وقصفت مقرات الفصائل ثم ضرب الطيران تجمعات المسلحين"
        " ودمرت منصات الصواريخ، وقصف قصف مستودع الذخيرة"
    )
    for rx, text, group in (
        (a._TARGET_EN, english, a._TARGET_VERB_EN),
        (a._TARGET_AR, arabic, a._TARGET_VERB_AR),
    ):
        scanned = [m.span() for m in rx.finditer(text)]
        assert len(scanned) >= 3
        tried = [m.span() for m in matches_at(rx, text, a._TARGET_WORDS.starts(text, group))]
        assert tried == scanned
