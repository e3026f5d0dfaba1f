"""Numbers in report text: digits, English and Arabic number words, qualifiers and ranges.

Everything works on text passed through `normalize`, which maps characters one to one
(Arabic-Indic and Persian digits to ASCII, hamza-carrying alefs to bare alef, ...), so
offsets into the normalized text are offsets into the original. Conventions for vague
quantities follow docs/vocabulary.md ("Numbers in words"): "dozens" is at least 12,
"tens"/عشرات at least 10, "hundreds" at least 100; "several"/بضعة give no figure.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple

QuantityKind = Literal["exact", "at_least", "more_than", "up_to", "approx", "range", "vague"]

# One-to-one character map, so offsets survive normalization.
_TRANSLATE = str.maketrans(
    {
        **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + i): str(i) for i in range(10)},  # Persian digits
        "\u066c": ",",  # Arabic thousands separator
        "\u060c": ",",  # Arabic comma
        "\u061b": ";",
        "\u061f": "?",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "\u2013": "-",
        "\u2014": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u2019": "'",
        "\u00a8": '"',  # a diaeresis used as a quotation mark: '¨tens¨ were hurt'
        "\u00a0": " ",
    }
)


_TRANSLATE_PAIRS = [(chr(k), str(v)) for k, v in _TRANSLATE.items()]


def normalize(text: str) -> str:
    """Length-preserving normalization used before every pattern in this package.

    Lower-cases too, so the patterns need no IGNORECASE (which makes Python's re several
    times slower on long alternations).
    """
    if not text.isascii():
        # str.replace per present character is much faster than str.translate on long texts.
        for src, dst in _TRANSLATE_PAIRS:
            if src in text:
                text = text.replace(src, dst)
    low = text.lower()
    if len(low) != len(text):  # "İ" (the only one) lower-cases to two characters: it is kept
        # Lower-cased one character at a time, as a whole part would be but for a final sigma.
        low = "\u0130".join(
            part.lower() if "\u03a3" not in part else "".join(c.lower() for c in part)
            for part in text.split("\u0130")
        )
    return low


_EN_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_EN_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# Vague quantities: (low, high, kind). "dozens" is at least 12 (vocabulary.md); analysts
# (Airwars) code it 12-24, "hundreds" 100-200: one to two of the unit.
_EN_VAGUE: dict[str, tuple[int, int, QuantityKind]] = {
    "a dozen": (12, 12, "exact"), "one dozen": (12, 12, "exact"), "half a dozen": (6, 6, "approx"),
    "dozens": (12, 24, "vague"), "tens": (10, 20, "vague"), "scores": (20, 40, "vague"),
    "hundreds": (100, 200, "vague"), "thousands": (1000, 2000, "vague"),
    "a couple of": (2, 2, "approx"), "a pair of": (2, 2, "exact"),
}  # fmt: skip

# Arabic (after normalize): stems take an optional ta marbuta (gendered forms).
_AR_UNIT_STEMS = {
    3: "ثلاث", 4: "اربع", 5: "خمس", 6: "ست", 7: "سبع", 8: "ثماني|ثمان", 9: "تسع", 10: "عشر",
}  # fmt: skip
_AR_TENS_STEMS = {
    20: "عشر", 30: "ثلاث", 40: "اربع", 50: "خمس", 60: "ست", 70: "سبع", 80: "ثمان", 90: "تسع",
}  # fmt: skip
_AR_WORDS: dict[str, int] = {
    "واحد": 1, "واحده": 1, "واحدة": 1,
    "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2,
    "مئة": 100, "مائة": 100, "مئه": 100, "مائه": 100,
    "مئتان": 200, "مئتين": 200, "مائتان": 200, "مائتين": 200, "مئتي": 200, "مائتي": 200,
}  # fmt: skip
for _v, _stems in _AR_UNIT_STEMS.items():
    for _s in _stems.split("|"):
        for _suffix in ("", "ة", "ه"):
            _AR_WORDS[_s + _suffix] = _v
for _v, _s in _AR_TENS_STEMS.items():
    _AR_WORDS[_s + "ون"] = _v
    _AR_WORDS[_s + "ين"] = _v
_AR_VAGUE = {
    "عشرات": (10, 20),
    "العشرات": (10, 20),
    "مئات": (100, 200),
    "المئات": (100, 200),
    "الاف": (1000, 2000),
}
_AR_TEENS = {"احد عشر": 11, "احدي عشر": 11, "اثنا عشر": 12, "اثني عشر": 12, "اثنتا عشر": 12, "اثنتي عشر": 12}


def trie_rx(words: list[str] | dict[str, object]) -> str:
    """A prefix-factored alternation: re fails at the first differing letter instead of
    trying every word in turn. Longest match wins, as with length-sorted alternatives."""
    trie: dict[str, dict[str, object]] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})  # type: ignore[assignment]
        node[""] = {}

    def emit(node: dict[str, dict[str, object]]) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]  # type: ignore[arg-type]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d{1,7}"
_EN_UNIT_RX = trie_rx(list(_EN_UNITS))
_EN_TENS_RX = trie_rx(list(_EN_TENS))
_EN_WORD = rf"(?:{_EN_TENS_RX}(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)(?!\w))?|{_EN_UNIT_RX})"
_EN_NUM = rf"(?:(?:{_EN_WORD}|a)(?:\s+hundred(?:\s+(?:and\s+)?{_EN_WORD})?|\s+dozen(?!s))?)"
_EN_VAGUE_RX = trie_rx(list(_EN_VAGUE)).replace("\\ ", "\\s+")
_AR_WORD_RX = trie_rx(list(_AR_WORDS))
_AR_TEEN_RX = (
    r"(?:احد|احدي|اثنا|اثني|اثنتا|اثنتي|(?:"
    + "|".join(s for v, s in _AR_UNIT_STEMS.items() if v < 10)
    + r")[ةه]?)\s+عشر[ةه]?"
)
_AR_VAGUE_RX = trie_rx(list(_AR_VAGUE))

# One number atom; the named group tells which parser applies. Arabic words may carry
# the conjunction و ("and") glued on.
NUMBER_RE = re.compile(
    # One guard for all branches (numbers start a word), then a cheap first-character test:
    # most positions in a text fail here, which keeps this single pass fast.
    # Digits may follow a conjunction glued to them: "مقتل 3 عناصر و2 مدنيين".
    r"(?:(?<![\w.,/:])|(?<=(?<!\w)\u0648)(?=\d))(?=[\dadefhnostw\u0621-\u064a])(?:"
    rf"(?P<digits>(?:{_DIGITS})(?![\d/:]|\.\d|st\b|nd\b|rd\b|th\b|s\b))"
    rf"|(?P<vague>{_EN_VAGUE_RX})(?!\w)"
    rf"|(?P<en>{_EN_NUM})(?!\w)"
    rf"|و?(?P<arteen>{_AR_TEEN_RX})(?!\w)"
    rf"|و?(?P<arvague>{_AR_VAGUE_RX})(?!\w)"
    rf"|و?(?P<ar>(?:{_AR_WORD_RX})(?:\s+و(?:{_AR_WORD_RX}))?)(?!\w)"
    r")",
)


# Where a number may start. Two scans whose patterns begin with a literal or a character
# class, which re searches much faster than one pattern with a guard (see NUMBER_RE); each
# candidate is then checked with NUMBER_RE.match.
# `\d\d*`, not `\d+`: re finds a first-character set (and skips ahead in C) only for a
# pattern that starts with a character class, not with a repeat.
_DIGIT_RUN = re.compile(r"\d\d*")
_WORD_STARTS = sorted(
    {*_EN_UNITS, *_EN_TENS, "a dozen", "a hundred", "a couple", "a pair", "half", "dozens", "tens", "scores"}
    | {"hundreds", "thousands", *_AR_VAGUE, "احد", "احدي", "اثنا", "اثني", "اثنتا", "اثنتي", *_AR_WORDS}
)
# The words a number may start with, and the same with the conjunction و glued on.
NUMBER_WORDS = _WORD_STARTS + ["و" + w for w in _WORD_STARTS if not w.isascii()]
_WORD_START = re.compile(trie_rx(NUMBER_WORDS))


def _candidates(norm: str, number_words: list[tuple[int, int]] | None = None) -> list[int]:
    """Where a number may start: digit runs, and number words at a word start.

    `number_words` (every occurrence of `NUMBER_WORDS`, overlaps kept, as `casualty_scan.Leads`
    finds them) stands in for the `_WORD_START` scan: the leftmost-longest occurrences that do
    not overlap are its matches."""
    starts = [m.start() for m in _DIGIT_RUN.finditer(norm)]
    if number_words is None:
        words = [m.span() for m in _WORD_START.finditer(norm)]
    else:
        words = []
        last_end = 0
        for start, neg_end in sorted([(s, -e) for s, e in number_words]):
            if start >= last_end:
                words.append((start, -neg_end))
                last_end = -neg_end
    for p, _ in words:
        if p == 0 or not (norm[p - 1].isalnum() or norm[p - 1] == "_"):
            starts.append(p)
    starts.sort()
    return starts


class Quantity(NamedTuple):
    """A number found in text, with its qualifier folded into low/high.

    A named tuple, not a frozen dataclass: its `__init__` sets each field with
    `object.__setattr__`, five calls per number found."""

    start: int
    end: int
    low: int
    high: int
    kind: QuantityKind


# Compiled once: `re.split(pattern_string, ...)` looks the pattern up in interpreted Python per call.
_HUNDRED = re.compile(r"\s+hundred\s*")
_SPACES = re.compile(r"\s+")


def _en_value(s: str) -> int:
    s = s.lower()
    if s.endswith("dozen"):  # "two dozen"
        return 12 * en_word_value(s[:-5])
    parts = _HUNDRED.split(s, maxsplit=1)
    if len(parts) == 2:
        head = parts[0].strip()
        hundreds = 1 if head in ("a", "one") else en_word_value(head)
        rest = parts[1].removeprefix("and").strip()
        return hundreds * 100 + (en_word_value(rest) if rest else 0)
    return en_word_value(s)


def en_word_value(s: str) -> int:
    s = s.strip()
    if s in _EN_UNITS:
        return _EN_UNITS[s]
    head, _, tail = s.replace("-", " ").partition(" ")
    return _EN_TENS.get(head, 0) + _EN_UNITS.get(tail.strip(), 0)


def _ar_value(s: str) -> int:
    # "خمسة وعشرون" = 5 + 20; each part is a known word.
    total = 0
    for part in _SPACES.split(s):
        total += _AR_WORDS.get(part.removeprefix("و") if part not in _AR_WORDS else part, 0)
    return total


def _ar_teen_value(s: str) -> int:
    head = s.split()[0]
    for k, v in _AR_TEENS.items():
        if k.split()[0] == head:
            return v
    return _AR_WORDS.get(head, 0) + 10


def atom_value(m: re.Match[str]) -> tuple[int, int, QuantityKind] | None:
    """(low, high, kind) of one NUMBER_RE match."""
    g = m.lastgroup
    s = m.group(g) if g else m.group(0)
    v = 0
    if g == "digits":
        v = int(s.replace(",", ""))
    elif g == "vague":
        return _EN_VAGUE[_SPACES.sub(" ", s.lower())]
    elif g == "en":
        v = _en_value(s)
    elif g == "arteen":
        v = _ar_teen_value(s)
    elif g == "arvague":
        low, high = _AR_VAGUE[s]
        return low, high, "vague"
    elif g == "ar":
        v = _ar_value(s)
    return (v, v, "exact") if v > 0 or g == "digits" else None


def parse_number(s: str) -> int | None:
    """The value of a text that is exactly one number ("1,200", "twenty-one", "١٢", "ثلاثة")."""
    t = normalize(s.strip())
    m = NUMBER_RE.fullmatch(t)
    if m is None:
        return None
    v = atom_value(m)
    return v[0] if v else None  # vague words give their lower bound


# Qualifiers immediately before a number (anchored at the end of the preceding slice).
# Qualifiers right before a number, looked up by the last one to four words (a dict lookup
# is far cheaper than an end-anchored regex search at every number).
_QUALIFIERS: dict[str, str] = {}
for _kind, _phrases in {
    "at_least": "at least|no fewer than|no less than|not less than|a minimum of|minimum of|ما لا يقل عن|لا يقل عن",
    "more_than": "more than|over|upwards of|in excess of|اكثر من|ازيد من|ما يزيد عن|ما يزيد علي",
    "up_to": "up to|as many as|at most|a maximum of|no more than|حتي",
    "approx": "nearly|almost|close to|about|around|approximately|roughly|some|an estimated|estimated|approx."
    "|نحو|حوالي|حوالى|قرابة|قرابه|ما يقارب|زهاء",
    "between": "between|from|بين|من",
}.items():
    for _p in _phrases.split("|"):
        _QUALIFIERS[_p] = _kind


_QUAL_LAST_WORDS = frozenset(p.split()[-1] for p in _QUALIFIERS)


def _qualifier(norm: str, start: int) -> tuple[str | None, int]:
    """(kind, start of the qualifier) for the words right before `start`."""
    end = start
    while end > 0 and norm[end - 1] in " \t\n\"“'" and start - end < 3:
        end -= 1
    if end == start:
        return None, start
    # Most numbers have no qualifier: a set lookup of the previous word settles that cheaply.
    prev_word = norm[max(0, end - 16) : end].rsplit(None, 1)[-1:]
    if not prev_word or prev_word[0].strip("\"“”'(") not in _QUAL_LAST_WORDS:
        return None, start
    words = norm[max(0, end - 30) : end].split()
    for k in (4, 3, 2, 1):
        if len(words) >= k:
            phrase = " ".join(words[-k:]).strip("\"“”'(")
            kind = _QUALIFIERS.get(phrase)
            if kind is not None:
                pos = end
                for w in reversed(words[-k:]):
                    pos = norm.rfind(w, 0, pos)
                return kind, pos
    return None, start


# "12 (at least)", "12 or more"; not "2023 at least six ...", where it qualifies the next number.
_QUAL_AFTER = re.compile(
    r"\s*(?:\(?\s*(?:at\s+least|or\s+more|على\s+الاقل|علي\s+الاقل)\)?)(?!\s{1,3}(?:\d|[a-z]{3,9}\s))"
)
# What may join two numbers into a range: "4-7", "4 to 7", "four or five", "بين 4 و 7".
# A quote may open before the second figure: 'from 30 to "more than 45"'.
_RANGE_JOIN = re.compile(r"\s*(?:-|to|or|and|و|الي|او)\s*[\"“]?(?P<more>(?:more\s+than|over|اكثر\s+من)\s+)?")
_RANGE_JOIN_LOOSE = re.compile(r"\s*(?:-|to|or|الي|او)\s*[\"“]?(?P<more>(?:more\s+than|over|اكثر\s+من)\s+)?")


def find_quantities(norm: str, number_words: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """All numbers in normalized text, ranges and qualifiers applied, in text order.

    `number_words`: see `_candidates` (the casualty stage reads them off its one scan)."""
    atoms: list[tuple[int, int, int, int, QuantityKind]] = []
    last_end = 0
    for pos in _candidates(norm, number_words):
        if pos < last_end:
            continue
        m = NUMBER_RE.match(norm, pos)
        if m is None:
            continue
        last_end = m.end()
        v = atom_value(m)
        if v is not None:
            atoms.append((m.start(), m.end(), *v))
    out: list[Quantity] = []
    i = 0
    while i < len(atoms):
        start, end, value, top, kind = atoms[i]
        qual, qstart = _qualifier(norm, start)
        # Ranges: "between X and Y", "X-Y", "X to Y", "X or Y".
        if i + 1 < len(atoms):
            n_start, n_end, n_value, n_top, _ = atoms[i + 1]
            gap = norm[end:n_start]
            joiner = _RANGE_JOIN if qual == "between" else _RANGE_JOIN_LOOSE
            jm = joiner.fullmatch(gap) if len(gap) <= 16 else None
            if jm and n_value >= value:
                out.append(Quantity(qstart, n_end, value, n_top + (1 if jm.group("more") else 0), "range"))
                i += 2
                continue
        if qual in (None, "between"):
            after = _QUAL_AFTER.match(norm, end, min(len(norm), end + 16))
            if after:
                out.append(Quantity(start, after.end(), value, value, "at_least"))
            else:
                out.append(Quantity(start, end, value, top, kind))
        elif qual == "more_than":
            # "more than 25" is read as at least 26 (as analysts code it).
            out.append(Quantity(qstart, end, value + 1, value + 1, "more_than"))
        else:
            q_kind: QuantityKind = (
                "at_least" if qual == "at_least" else "up_to" if qual == "up_to" else "approx"
            )
            out.append(Quantity(qstart, end, value, value, q_kind))
        i += 1
    return out
