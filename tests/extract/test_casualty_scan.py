"""The casualty stage's one lead-word scan must give every pattern exactly the matches of its own scan."""

from __future__ import annotations

import random
import re

from civcas.extract import casualty_patterns as P
from civcas.extract import casualty_scan as S
from civcas.extract import (
    numbers,
    victim_coding,
    victim_context,
    victim_kinship,
    victim_names,
    victim_unnamed,
    victims,
)
from civcas.extract.casualties import _GROUP_PLURAL
from civcas.extract.terms import matches_at

# Each kind with its pattern, and whether the pattern runs on the original text (not lower-cased).
_PATTERNS: dict[int, tuple[re.Pattern[str], bool]] = {
    S.EN_SINGULAR: (P.EN_SINGULAR, False),
    S.AR_DUAL: (P.AR_DUALS, False),
    S.EV_BEFORE: (P.EV_BEFORE, False),
    S.EV_AFTER: (P.EV_AFTER, False),
    S.INCLUDING: (P.INCLUDING, False),
    S.CUMULATIVE: (P.CUMULATIVE, False),
    S.LEAD_INJURED: (P.LEAD_INJURED, False),
    S.LEAD_KILLED: (P.LEAD_KILLED, False),
    S.PLURAL_INJURED: (P.PLURAL_INJURED, False),
    S.SINGLE_KILLED: (P.SINGLE_KILLED, False),
    S.NO_VICTIMS: (P.NO_VICTIMS, False),
    S.GROUP_PLURAL: (_GROUP_PLURAL, False),
    S.KILLED: (victim_context.KILLED, False),
    S.NOT_KILLED: (victim_context.NOT_KILLED, False),
    S.REL_WORD: (victim_kinship.REL_WORD, False),
    S.SPOUSE_NAMED: (victim_kinship._SPOUSE_NAMED, True),
    S.CODED_CUE: (victim_coding._CODED_CUE, True),
    S.AR_EVENT_FIRST: (P.AR_SING_EVENT_FIRST, False),
    S.AR_INCLUDED: (P.AR_INCLUDED_START, False),
    S.AR_NOUN_FIRST: (P.AR_SING_NOUN_FIRST, False),
    S.NAME_CUE: (victim_names._SINGLE_NAME_CUE, True),
    S.LIST_INTRO: (victims.LIST_INTRO, False),
    S.UNNAMED_CUE: (victim_unnamed._UNNAMED_CUE, False),
    S.ONE_MORE: (P.ONE_MORE, False),
    S.ONE_MORE_TOLL: (P.ONE_MORE_TOLL, False),
}

# Invented words: every lead, near misses, numbers, names, Arabic with clitics, odd spaces.
_PHRASES = [
    "a fifth man was also killed",
    "an unidentified man was also killed",
    "a 12th child died",
    "another civilian also lost his life",
    "one more",
    "one\u00a0more body",
    "the toll could be six",
    "possibly as many as seven",
    "perhaps up to 9",
    "maybe",
    "a further",
    "as a child",
    "were also minors",
    "as children",
    "his wife, Lina",
    "her husband Samir",
    "lost their lives",
    "names of those",
    "pulled him alive",
    "sister-in-law",
    "neighbours",
    "wives",
    "no one was killed",
    "nobody was hurt",
    "no casualties",
    "including women and children",
    "among them children",
    "people were injured",
    "was killed",
    "killing a",
    "death of one",
    "وجريح",
    "ومصابين",
    "بشهداء",
    "وضحايا",
    "named as",
    "victims were",
    "the dead included",
    "as follows:",
    "الطفل قتل",
    "مدنيا استشهد",
    "شاب اصيب",
]
_VOCAB = (
    _PHRASES
    + (
        "a an one two twenty-one hundred a hundred hundreds a dozen dozens tens half ten tenants often "
        "wife Wife husband widow sons daughter children mother grandmother father sisters brother grandson "
        "granddaughter grandchild ) ), ( named as was has follows identified names name unnamed whose their "
        "victims were dead included deceased killed following among the those is unknown and , . : Rami Lina "
        "Samir Darwish Nour Haddad Qasim of his her 12 7 1,200 ١٢ ３4 ४ 2023 "
        "child woman boy young elderly man gaza other another data 3-year-old son's "
        "killing kills deaths toll rose reached claimed lives took leaving left bodies murdered slew injuring "
        "wounds maimed the dead died perished lost their life fatally hospitalised treated including includes "
        "among them whom those most all comprising consisting namely mainly since october oct. so far total "
        "overall cumulative throughout war in this last over past year across strip rose climbed 12,345 "
        "monthly per month previous earlier strike during campaign "
        "ومقتل بمقتل واستشهاد ارتقاء ارتقت وفاة مصرع سقوط حصيلة عدد القتلي الشهداء اودت بحياة مجزرة اصابات "
        "الجرحي المصابين قتلوا قتيل شهداء استشهدوا لقوا حتفهم مصرعهم قضوا جرحي بجروح معظمهم غالبيتهم خلال هذه "
        "الحملة العام منذ بدء السابع الاجمالية اجمالي "
        "طفلين طفلان شخصين رجلين مقتل قتل استشهاد اصابة اصيب طفل الطفل طفلا امراة مدني شاب جرح لقي حتفه "
        "توفي بينهم منهم بينهما و ال ب ثلاثة وثلاثة خمس عشر عشرات مئات الاف واحد اثنين احد اثنا"
    ).split()
)
_SEPS = (" ", " ", " ", "  ", "\n", "\t", "\u2003", "\u3000", "\x1f", "")


def _random_text(rng: random.Random) -> str:
    return "".join(rng.choice(_VOCAB) + rng.choice(_SEPS) for _ in range(rng.randint(1, 14)))


def _check(text: str, found: dict[int, int] | None = None) -> None:
    low = numbers.normalize(text)
    leads = S.Leads(low)
    for kind, (rx, original) in _PATTERNS.items():
        subject = text if original else low
        for after in (0, len(text) // 3):
            expected = [m.span() for m in rx.finditer(subject, after)]
            got = [m.span() for m in matches_at(rx, subject, leads.starts(kind, after))]
            assert got == expected, (kind, text)
            if found is not None:
                found[kind] = found.get(kind, 0) + len(expected)
    assert numbers._candidates(low, leads.number_words) == numbers._candidates(low), text
    if any(k in low for k in P.AR_NOUN_FIRST_KEYS):
        assert leads.has(S.AR_NOUN_FIRST_KEY), text


_WINDOWED = (
    S.EV_BEFORE,
    S.EV_AFTER,
    S.INCLUDING,
    S.CUMULATIVE,
    S.LEAD_INJURED,
    S.LEAD_KILLED,
    S.PLURAL_INJURED,
    S.SINGLE_KILLED,
    S.NO_VICTIMS,
    S.GROUP_PLURAL,
    S.KILLED,
    S.NOT_KILLED,
    S.REL_WORD,
    S.SPOUSE_NAMED,
    S.CODED_CUE,
    S.ONE_MORE,
    S.ONE_MORE_TOLL,
)


def test_windowed_searches_match_the_patterns_own() -> None:
    rng = random.Random(5)
    found = 0
    for _ in range(3000):
        text = _random_text(rng)
        norm = numbers.normalize(text)
        for kind in _WINDOWED:
            rx, original = _PATTERNS[kind]
            subject, low = (text, norm) if original else (norm, None)
            lo = rng.randint(0, len(norm))
            hi = rng.randint(lo, len(norm) + 2)
            expected = rx.search(subject, lo, hi)
            got = S.search(rx, kind, subject, lo, hi, low)
            assert (got and got.span()) == (expected and expected.span()), (kind, subject, lo, hi)
            matches = list(rx.finditer(subject, lo, hi))
            last = S.last(rx, kind, subject, lo, hi, low)
            assert (last and last.span()) == (matches[-1].span() if matches else None), (kind, subject)
            assert [m.span() for m in S.finditer(rx, kind, subject, lo, hi, low)] == [
                m.span() for m in matches
            ]
            found += len(matches)
    assert found > 1000


def test_spaces_are_what_backslash_s_matches() -> None:
    assert set(S.SPACES) == {chr(c) for c in range(0x110000) if re.fullmatch(r"\s", chr(c))}


def test_leads_give_the_same_matches_on_invented_text() -> None:
    texts = [
        "Rami Haddad was killed with his wife Lina and their sons Samir (9) and Nour (4). The victims"
        " were named as follows: Qasim Darwish, his unnamed daughter and a grandchild whose name is unknown.",
        "قتل طفلان وامراة في غارة، بينهم طفل ورجل. واستشهاد شاب، ومقتل ثلاثة مدنيين واصابة عشرات.",
        "A hundreds of the tenants, twenty-one dead, a dozen hurt and often ten more; half a dozen.",
        "الطفل قتل و مدنيا استشهد ولقي شاب حتفه",
    ]
    for text in texts:
        _check(text)


def test_leads_give_the_same_matches_on_random_text() -> None:
    rng = random.Random(11)
    found: dict[int, int] = {}
    for _ in range(4000):
        _check(_random_text(rng), found)
    assert all(found.get(kind, 0) >= 20 for kind in _PATTERNS), found  # every pattern is exercised
