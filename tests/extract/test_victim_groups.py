from civcas.extract.victim_groups import victim_groups


def test_groups_named_among_the_dead_without_a_figure() -> None:
    text = "The strike killed at least 12 civilians, most of them women and children, witnesses said."
    groups, spans = victim_groups(text)
    assert groups == ["women", "children"]
    assert "women and children" in text[spans[0][0] : spans[0][1]]


def test_arabic_groups() -> None:
    groups, _ = victim_groups("قتل 9 مدنيين بينهم نساء وأطفال في القصف")
    assert groups == ["women", "children"]


def test_no_groups_and_no_false_alarm_on_a_plain_list() -> None:
    assert victim_groups("Women and children fled the area before the strike.") == ([], [])


def test_fast_english_pattern_matches_like_the_plain_one() -> None:
    from civcas.extract.victim_groups import _EN, _EN_LOWER

    texts = [
        "many of whom were infants, babies and men. several among the victims were women",
        "including women and children; smallest of them women; among the dead elderly people",
        "most of the killed children, women and men",
        "xmost of them women, aincluding children, all of them men",
        "some of them women\nincluding infants and babies",
    ]
    for text in texts:
        fast = [(m.span(), m.groupdict()) for m in _EN_LOWER.finditer(text)]
        assert fast == [(m.span(), m.groupdict()) for m in _EN.finditer(text)]
        assert fast or text.startswith("xmost")


def test_english_keys_are_in_every_match() -> None:
    from civcas.extract.victim_groups import _EN_KEYS

    phrases = [
        "most of them women",
        "many of whom men",
        "all among the victims were elderly people",
        "including babies and infants",
        "several of the killed children",
    ]
    for phrase in phrases:
        assert victim_groups(phrase)[0], phrase
        assert all(any(key in phrase for key in keys) for keys in _EN_KEYS), phrase


def test_english_pattern_at_its_lead_words_matches_its_scan() -> None:
    import random

    from civcas.extract.victim_groups import _EN_LOWER, _matches

    words = "most many some several all among including of them whom the dead victims were women men".split()
    words += "children elderly people infants babies and , almost smallest mall xmost amongst".split()
    rng = random.Random(5)
    texts = ["most of them women", "almost all of them men, including children and babies"]
    texts += [" ".join(rng.choice(words) for _ in range(rng.randint(1, 12))) for _ in range(5000)]
    for text in texts:
        ours = [(m.span(), m.groupdict()) for m in _matches(_EN_LOWER, text)]
        assert ours == [(m.span(), m.groupdict()) for m in _EN_LOWER.finditer(text)], text
