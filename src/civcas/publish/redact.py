"""Withhold the names of victims and witnesses from public views.

Names are found by the words around them (English: "named as", "identified as", "a
resident", ages in brackets; Arabic: الشهيد، الطفل، المواطن ...) and by capitalised runs
that are neither places nor organisations. Each name is blacked out character for
character, so every span the extractor recorded still points at the same text.
Over-redaction is the safe side: a public reader loses a word, a witness keeps their safety.
"""

from __future__ import annotations

import re

BLOCK = "█"

# Capitalised words that start organisations, places, titles or sentences rather than names.
_NOT_NAME = frozenset(
    """
    The A An In On At By For From Of To With And But Or As After Before During Since Until While When Where
    According Local Syrian Israeli Palestinian Russian Turkish Iranian American Iraqi Yemeni Kurdish Arab
    Coalition Forces Force Army Military Ministry Defence Defense Health Civil Hospital Hamas ISIS ISIL Daesh
    SDF YPG IDF CENTCOM UN United Nations States US U.S. Red Crescent Cross Agency News TV Network Observatory
    Human Rights Watch Amnesty Airwars Reuters AFP AP Al Jazeera Gaza Strip Syria Iraq Yemen Israel Lebanon
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
    September October November December North South East West Northern Southern Eastern Western Governorate
    Province District City Camp Street Road Mosque School Market University Centre Center Committee Council
    Office Department Press Media Post Facebook Twitter Telegram Video Photos Photo Sources Source Mr Mrs Ms Dr
    """.split()
)
_PARTICLE = r"(?:al|el|abu|abou|bin|ibn|bint|umm|um|abd|abdul|ben|de|van|von)"
_CAP = r"[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)?"
_NAME_EN = rf"(?:{_CAP}|{_PARTICLE}[- ]{_CAP})(?:[ -](?:{_PARTICLE}[- ])?{_CAP}){{1,4}}"

# A name followed by an age: "Ahmad Saleh (34)", "Mona Khaled, 7," "Omar Haddad, aged 12".
_AGED = re.compile(
    rf"\b({_NAME_EN})(?=\s*(?:\(\s*\d{{1,3}}\s*\)|,\s*(?:aged\s+)?\d{{1,3}}\b|,\s+an?\s+\d{{1,3}}-year-old))"
)
# A name after a cue: "named as X", "identified as X", "resident X", "X, a witness".
_CUED = re.compile(
    rf"(?:named(?:\s+as)?|identified\s+as|victims?\s+(?:were|was|included|include)|including|survivor|witness|"
    rf"resident|neighbou?r|relative|father|mother|son|daughter|brother|sister|husband|wife|uncle|cousin|nephew|niece|"
    rf"journalist|paramedic|doctor|nurse|farmer|teacher|student|told\s+(?:us|reporters|\w+)?\s*)"
    rf"[:,]?\s+({_NAME_EN})"
)
_WITNESS_AFTER = re.compile(
    rf"\b({_NAME_EN}),\s+(?:a|an|the)\s+(?:\d+-year-old\s+)?(?:local\s+)?"
    r"(?:resident|witness|survivor|relative|neighbou?r|farmer|teacher|father|mother)"
)

# Arabic: a cue word, then up to four name words up to punctuation or a function word.
_AR_CUE = (
    r"(?:ال)?(?:شهيد|شهيده|شهيدة|طفل|طفله|طفلة|شاب|شابه|شابة|مواطن|مواطنه|مواطنة|سيده|سيدة|حاج|حاجه|حاجة|"
    r"مدني|ضحيه|ضحية|شاهد|مسن|مسنه|مسنة|فتى|فتاه|فتاة|رضيع|رضيعه|رضيعة)|يدعى|تدعى|ويدعى|وتدعى|اسمه|اسمها"
)
_AR_STOP = frozenset(
    "في من على عن إلى الى و أو بعد قبل جراء إثر اثر برصاص بقصف بغارة بغاره نتيجة وذلك الذي التي "
    "مع حيث خلال عند منذ بين قرب شمال جنوب شرق غرب ريف مدينة بلدة قرية".split()
)
_AR_CUED = re.compile(rf"(?<![\u0600-\u06FF])(?:{_AR_CUE})\s+((?:[\u0621-\u064A\u0671-\u06D3]+\s*){{1,4}})")


def _en_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for rx in (_AGED, _CUED, _WITNESS_AFTER):
        for m in rx.finditer(text):
            start, end = m.span(1)
            words = re.split(r"[ -]", m.group(1))
            # Drop leading and trailing words that are not name words ("The Syrian Civil ...").
            while words and words[0] in _NOT_NAME:
                start += len(words.pop(0)) + 1
            while words and words[-1] in _NOT_NAME:
                end -= len(words.pop()) + 1
            if len(words) >= 2 and not any(w in _NOT_NAME for w in words):
                spans.append((start, end))
    return spans


def _ar_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in _AR_CUED.finditer(text):
        start = m.start(1)
        pos = start
        taken = 0
        for w in re.finditer(r"[\u0621-\u064A\u0671-\u06D3]+", m.group(1)):
            if w.group(0) in _AR_STOP or taken == 4:
                break
            pos = m.start(1) + w.end()
            taken += 1
        if taken >= 2:  # a lone word after a cue is usually not a name ("الطفل المصاب")
            spans.append((start, pos))
    return spans


def name_spans(text: str) -> list[tuple[int, int]]:
    """Where the names of people appear, merged and sorted."""
    spans = sorted(_en_spans(text) + _ar_spans(text))
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def redact_names(text: str) -> str:
    """The text with each name blacked out, same length, spaces kept so it still reads as words."""
    if not text:
        return text
    chars = list(text)
    for s, e in name_spans(text):
        for i in range(s, e):
            if not chars[i].isspace():
                chars[i] = BLOCK
    return "".join(chars)
