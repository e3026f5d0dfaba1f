"""Find gazetteer names in a report: the mentions, their spans and the words around them.

Fold the text token by token (see `gazetteer.fold_token`), look up the gazetteer keys each token
can start (an Arabic name may follow clitics such as "وب" or "لل" in its first word) and keep
those whose other words follow. Each mention carries the cues `geoparse` ranks by: "strike on
X", "في بلدة X", "ريف X", "north of X", a dateline, a person's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress

from civcas.extract.gazetteer import (
    AR_PREFIXES,
    ARTICLES,
    CHAR_TABLE,
    TOKEN_RE,
    Gazetteer,
    KeyInfo,
    fold_new_token,
    norm_token,
)


# Cue words, as `norm_token` writes them (lower case, ة→ه, ى→ي, no hamza on alef).
def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


_AR_PLACE_NOUNS = _words("مدينه بلده قريه حي مخيم منطقه مزرعه ناحيه بلدات قري مدن")
_AR_PLACE_WORDS = frozenset(p + w for w in _AR_PLACE_NOUNS for p in ("", *AR_PREFIXES) if p not in ("ال",))
_AR_AT = _words("في علي قرب بالقرب محيط اطراف داخل استهدف استهدفت")
# "عفرين شمال حلب", "40 km southeast of Deir ez-Zor": the place after these is a reference point.
_AR_DIRECTIONS = frozenset(
    p + w for w in _words("شمال جنوب شرق غرب شمالي جنوبي شرقي غربي") for p in ("", "ب", "و", "وب", "ل")
)
_EN_DIRECTIONS = _words(
    "north south east west northeast northwest southeast southwest km kilometres kilometers miles"
)
_AR_PROVINCE_BEFORE = frozenset(
    p + w for w in _words("ريف محافظه ارياف") for p in ("", *_words("و ب ل ف وب ول فب"))
)
_EN_AT = _words(
    "in on near at into outside around targeting targeted struck hit bombed shelled hitting striking inside"
)
_EN_PLACE_NOUNS = _words(
    "town village city camp neighbourhood neighborhood district area outskirts suburb vicinity villages towns"
)
_EN_PROVINCE_AFTER = _words("province governorate countryside provinces governorates region agency district")
_EN_PROVINCE_BEFORE = _words("rural province governorate countryside")
_EN_CITY_AFTER = _words("city")

# A name right after these (or before "family", "Street") is a person's or names a landmark
# elsewhere: "Mohammed Salama", "عائلة سلامة", "Salah al-Din Street".
_PERSON_BEFORE = _words(
    "mr mrs dr abu umm um bin ibn bint mohammed muhammad mohammad mohamed ahmed ahmad ali mahmoud khaled khalid"
    " omar hassan hussein ibrahim ismail youssef yousef yusuf abdullah abdel abdul abed said saeed salem salim"
    " mustafa yasser jamal nasser hamza hamad samir sami adel rami fadi wael walid tareq tariq ayman osama anas"
    " bilal nour noor fatima aisha maryam mariam amal asmaa huda hanan iman layla lina rana sara zainab reem"
    " عائله لعائله وعائله عائلات ال الشهيد الشهيده شهيد الطفل الطفله الشاب الشابه المواطن المواطنه السيد"
    " السيده الحاج الحاجه ابو ام بن بنت ابن الدكتور المهندس الاستاذ الصحفي المصور محمد احمد عبد حسن"
    " حسين خالد عمر محمود ابراهيم يوسف مصطفي سعيد"  # not علي: it is also على, "on"
)
_PERSON_AFTER = _words(
    "family families clan tribe household brothers tv channel newspaper agency network"
    " street st road square roundabout mosque school tower towers mall"  # "Omar al-Mukhtar Street"
)
# Capitalised words that may follow or precede a place name without making it a person's name.
_NAME_NEIGHBOURS = _words(
    "In At On Near The Of From To And Or City Camp Governorate Province District Area Strip Refugee Camp Town"
    " Village Neighbourhood Neighborhood Countryside North South East West Northern Southern Eastern Western"
    " Central Upper Lower Old New Rural Greater A An By For"
)


@dataclass(slots=True)
class FoldedText:
    """The report as tokens, with the way back to the original text.

    Built with C-level loops only (split, slicing): a per-token Python loop would cost ten times
    a plain `re.findall(r"\\w+", text)`. The tokens are folded when they are looked up (see
    `_candidates`, which maps the raw tokens straight to the keys they start); original spans are
    worked out only for the few tokens that start or end a match, and the table of token starts
    only once one is asked for (a third of reports has no candidate name at all). Tokens are
    counted among all tokens of the report, articles included ("raw" tokens).
    """

    raws: list[str]  # every token of the report, articles included
    pieces: list[str]  # separator, token, separator, ..., separator: the report, split
    cased: bool  # the text uses capitals, so Latin place names must be capitalised
    source: str  # the report
    _ends: list[int] | None = None  # end of each piece in the report, made on first use

    def offset(self, raw: int) -> int:
        """Start of raw token `raw` in the report: the end of the separator before it."""
        ends = self._ends
        if ends is None:
            ends = self._ends = list(accumulate(map(len, self.pieces)))
        return ends[2 * raw]

    def span(self, ri: int) -> tuple[int, int]:
        """Original span of raw token `ri`."""
        raw = self.raws[ri]
        start = self.offset(ri)
        cut = 2 if raw.endswith(("'s", "’s")) and len(raw) > 3 else 0  # "Mosul's"
        return start, start + len(raw) - cut

    def word(self, raw: int) -> str:
        """Raw token `raw`, normalised (lower case, no tashkeel, ة→ه...)."""
        return norm_token(self.raws[raw])

    def article_start(self, ri: int) -> int:
        """Start of raw token `ri`, or of the separate article right before it ("al-" Mayadin)."""
        s = self.span(ri)[0]
        if ri > 0 and self.word(ri - 1) in ARTICLES:
            art = self.offset(ri - 1)
            if s - (art + len(self.raws[ri - 1])) <= 1:
                return art
        return s

    def next_folded(self, ri: int, count: int) -> list[tuple[int, str]]:
        """(raw index, folded token) of up to `count` tokens after `ri` that folding keeps (not articles)."""
        out: list[tuple[int, str]] = []
        raws = self.raws
        for rj in range(ri + 1, len(raws)):
            folded = _FOLDED[raws[rj]]
            if folded:
                out.append((rj, folded))
                if len(out) == count:
                    break
        return out


_UPPER = re.compile(r"[A-Z]")
_TOKEN_SPLIT = re.compile(f"({TOKEN_RE.pattern})")


class _FoldCache(dict[str, str]):
    """`fold_token` of the tokens seen so far. Mapping a dict's lookup over a report's tokens costs a
    fraction of calling a cached function per token; a new token is folded once (`fold_new_token`:
    the same fold, without filling the cache of `norm_token` as well)."""

    def __missing__(self, raw: str) -> str:
        folded = self[raw] = fold_new_token(raw)
        return folded


_FOLDED = _FoldCache()
_FOLDED_MAX = 200_000


def fold_text(text: str) -> FoldedText:
    pieces = _TOKEN_SPLIT.split(text)  # separator, token, separator, token, ..., separator
    cased = _UPPER.search(text) is not None
    return FoldedText(pieces[1::2], pieces, cased, text)


@dataclass(slots=True)
class Mention:
    """A matched name: where it is, what cues surround it and the entry it resolved to."""

    start: int
    end: int
    token: int  # first raw token
    last_token: int
    key: KeyInfo
    key_id: int
    cue: float
    province_cue: bool
    city_cue: bool
    candidates: list[int] = field(default_factory=list)
    best: int = -1
    score: float = 0.0
    margin: float = 0.0
    weight: float = 0.0
    capital: bool = False  # the name is also a province's ("Idlib"): often the region, not the place

    @property
    def single_word(self) -> bool:
        return self.token == self.last_token


def _arabic_prefix_len(text: str, token_span: tuple[int, int], prefix: str) -> int:
    """Original characters taken by a clitic prefix (tashkeel may sit between its letters)."""
    seen, i = 0, token_span[0]
    while seen < len(prefix) and i < token_span[1]:
        if text[i].translate(CHAR_TABLE) != "\x7f":
            seen += 1
        i += 1
    return i - token_span[0]


DATELINE = -3.0  # the cue of a dateline
_DATELINE_AFTER = re.compile(r"\s*(?:[-–—(/]|,\s*\w+\s+\d{1,2}\s*\()")


def _is_dateline(f: FoldedText, ri: int, start: int, end: int) -> bool:
    """'دمشق-( د ب أ )', 'ERBIL (Kurdistan 24) –': where the report was filed, not the incident.

    `ri` is the name's first raw token, `start`-`end` its span from that token's start."""
    at_start = ri == 0 or (ri == 1 and f.word(0) in ARTICLES)
    if not at_start and f.source[start].islower():
        return False  # a name starting with a small letter is not in capitals (the common case, cheaply)
    if not at_start and not f.source[start:end].isupper():  # "... (Photo) ERBIL (Kurdistan 24) –"
        return False
    return _DATELINE_AFTER.match(f.source, end) is not None


# The word lists `_cues` asks about together, as one set each (one lookup instead of two).
_PROVINCE_BEFORE = _AR_PROVINCE_BEFORE | _EN_PROVINCE_BEFORE
_PLACE_BEFORE = _AR_PLACE_WORDS | _EN_PLACE_NOUNS
_AT = _AR_AT | _EN_AT


def _cues(f: FoldedText, ri: int, rj: int, start: int, end: int, prefix: str) -> tuple[float, bool, bool]:
    """(strength of a 'strike on X' cue before the mention, province cue, city cue).

    The mention runs from raw token `ri` to `rj`, `start`-`end` in the report (from `ri`'s start).
    The cue is negative for a reference point ("north of X") and -9 for a person's name.
    """
    raws = f.raws
    before = list(map(norm_token, raws[max(0, ri - 3) : ri]))
    if not ARTICLES.isdisjoint(before):
        before = [w for w in before if w not in ARTICLES]
    after = norm_token(raws[rj + 1]) if rj + 1 < len(raws) else ""
    prev = before[-1] if before else ""
    if prev in _PERSON_BEFORE or after in _PERSON_AFTER:
        return -9.0, False, False
    prev2 = before[-2] if len(before) > 1 else ""
    if _is_dateline(f, ri, start, end):
        return DATELINE, False, False
    province = prev in _PROVINCE_BEFORE or after in _EN_PROVINCE_AFTER
    city = prev.endswith("مدينه") or after in _EN_CITY_AFTER
    cue = 0.0
    if prev in _PLACE_BEFORE or (prev == "of" and prev2 in _EN_PLACE_NOUNS):
        cue = 1.0
    elif prev in _AR_DIRECTIONS or (prev in ("of", "from") and prev2 in _EN_DIRECTIONS):
        cue = 0.0 if province else -1.0  # "west of Homs province" is in it
    elif prev in _AT or prefix.startswith(("ب", "وب", "فب")):
        cue = 0.7
    if prev2 in _AR_PLACE_WORDS and cue < 0.5:
        cue = 0.5
    return cue, province, city


def _in_name_sequence(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word sits between other capitalised words on the same line."""
    after = text[end : end + 1] == " " and text[end + 1 : end + 2].isupper()
    if after:
        nxt = text[end + 1 : end + 16].split(" ", 1)[0].strip(".,;:'’")
        after = nxt not in _NAME_NEIGHBOURS
    before = start >= 2 and text[start - 1] == " " and text[start - 2].isalpha()
    if before:
        prv = text[max(0, start - 16) : start - 1].rsplit(" ", 1)[-1].strip("-'’")
        before = bool(prv) and prv[0].isupper() and prv not in _NAME_NEIGHBOURS
    return after or before


_Start = tuple[int, int, int, str, tuple[str, ...]]
"""A key a token can start: (-length of the key, clitic length, key id, clitic, its other tokens)."""
_Starts = tuple[tuple[_Start, ...], dict[str, list[_Start]]] | None
"""The one-word keys a token is, and the longer keys it starts by their second word; None if none."""


class _KeyStarts(dict[str, _Starts]):
    """The keys each folded token can start, worked out once per distinct token.

    A Latin key must start with the token; an Arabic key's first word may follow a clitic in the
    same token ("بالميادين"). This is what an automaton over " ".join(tokens) would find, but a
    report's tokens are looked up in C (`map`), a token seen before costing one dict hit, instead
    of stepping through every character; longer keys are looked up by their second word."""

    def __init__(self, gaz: Gazetteer) -> None:
        super().__init__()
        self.latin: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        self.arabic: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for kid, key in enumerate(gaz.key_names):
            first, *rest = key.split(" ")
            by_first = self.arabic if gaz.keys[kid].arabic else self.latin
            by_first.setdefault(first, []).append((kid, tuple(rest)))
        self.lengths = [info.length for info in gaz.keys]
        self.by_raw = _RawStarts(self)

    def __missing__(self, token: str) -> _Starts:
        # Most tokens start no key: a lookup or two, and the clitic loop only after a clitic letter.
        keys: list[tuple[int, tuple[str, ...], int, str]] = []
        found = self.latin.get(token)
        if found:
            keys += [(kid, rest, 0, "") for kid, rest in found]
        if "\u0600" <= token[0] <= "\u06ff":
            found = self.arabic.get(token)
            if found:
                keys += [(kid, rest, 0, "") for kid, rest in found]
            # The clitics this first letter starts, shortest first: no slice or set lookup per length.
            for prefix in _PREFIXES_BY_LETTER.get(token[0], ()):
                n = len(prefix)
                if n < len(token) and token.startswith(prefix):
                    found = self.arabic.get(token[n:])
                    if found:
                        keys += [(kid, rest, n, prefix) for kid, rest in found]
        starts = self._group(keys) if keys else None
        self[token] = starts
        return starts

    def _group(self, keys: list[tuple[int, tuple[str, ...], int, str]]) -> _Starts:
        single: list[_Start] = []
        longer: dict[str, list[_Start]] = {}
        for kid, rest, n, prefix in keys:
            start = (-self.lengths[kid], n, kid, prefix, rest)
            if rest:
                longer.setdefault(rest[0], []).append(start)
            else:
                single.append(start)
        return tuple(single), longer


class _RawStarts(dict[str, _Starts]):
    """The keys each raw token (as the report writes it) can start: its fold's, looked up once.

    Mapping a report's raw tokens through this one table replaces folding them all and then
    looking the folds up; a token that folding drops (an article) starts no key."""

    def __init__(self, keys: _KeyStarts) -> None:
        super().__init__()
        self.index = keys

    def __missing__(self, raw: str) -> _Starts:
        folded = _FOLDED[raw]
        starts = self[raw] = self.index[folded] if folded else None
        return starts


_STARTS_MAX = 200_000
_PREFIXES_BY_LETTER = {
    letter: tuple(sorted((p for p in AR_PREFIXES if p[0] == letter), key=len))
    for letter in {p[0] for p in AR_PREFIXES}
}


@lru_cache(maxsize=2)
def _key_starts(gaz: Gazetteer) -> _KeyStarts:
    return _KeyStarts(gaz)


def _candidates(f: FoldedText, gaz: Gazetteer) -> list[tuple[int, int, int, int, str, int]]:
    """(first raw token, clitic length, -length, key id, clitic, last raw token) of every whole-word
    key found: in text order, the longest first at each start. A key's words are the tokens that
    folding keeps (articles are skipped: "Deir ez-Zor" is the key "dair zur")."""
    index = _key_starts(gaz)
    if len(index) > _STARTS_MAX:
        index.clear()
    by_raw = index.by_raw
    if len(by_raw) > _STARTS_MAX or len(_FOLDED) > _FOLDED_MAX:
        by_raw.clear()
        _FOLDED.clear()
    raws = f.raws
    starts = list(map(by_raw.__getitem__, raws))
    hits = []
    last = len(raws) - 1
    for ri in compress(range(len(starts)), starts):
        single, longer = starts[ri]  # type: ignore[misc]  # compress kept only the tokens with keys
        for neg_length, clitic_len, kid, prefix, _ in single:
            hits.append((ri, clitic_len, neg_length, kid, prefix, ri))
        if not longer or ri == last:
            continue
        # The next kept token: most often the next token (no article between), looked up inline.
        # Most tokens here are common words that start some longer name ("the", "in", "على"), and
        # the next word is seldom that name's: the lookup comes first.
        nxt = _FOLDED[raws[ri + 1]]
        if nxt:
            names = longer.get(nxt)
            if names is None:
                continue
            following = [(ri + 1, nxt)]
        else:
            following = f.next_folded(ri, 1)
            if not following or (names := longer.get(following[0][1])) is None:
                continue
        for neg_length, clitic_len, kid, prefix, rest in names:
            if len(rest) > 1:
                following = f.next_folded(ri, len(rest))
                if tuple(t for _, t in following) != rest:
                    continue
            hits.append((ri, clitic_len, neg_length, kid, prefix, following[len(rest) - 1][0]))
    hits.sort()
    return hits


def find_mentions(text: str, f: FoldedText, gaz: Gazetteer) -> list[Mention]:
    """The names of places in the report, never overlapping: the longest match wins ("Khan Younis
    camp" over "Khan Younis", "Gaza City" over "Gaza")."""
    kept: list[Mention] = []
    kept_last = -1  # last token of the last kept mention
    raws, keys = f.raws, gaz.keys
    for ri, _, _, kid, prefix, rj in _candidates(f, gaz):
        if ri <= kept_last:
            continue  # inside a longer name already kept: checking its cues would be wasted
        info = keys[kid]
        s0 = s = f.offset(ri)
        last = raws[rj]
        cut = 2 if last.endswith(("'s", "’s")) and len(last) > 3 else 0  # "Mosul's"
        e = f.offset(rj) + len(last) - cut
        if not info.arabic:
            if f.cased and not info.lower_ok and not text[s].isupper():
                continue
            s = f.article_start(ri)
            if f.cased and " " not in gaz.key_names[kid] and _in_name_sequence(text, s, e):
                continue  # "Maher Abu Khater", "Zuhair Saleh": a name among capitalised words
        elif prefix:
            s += _arabic_prefix_len(text, f.span(ri), prefix)
        cue, province, city = _cues(f, ri, rj, s0, e, prefix)
        if cue < -5:
            continue  # a person's name
        if info.needs_cue and cue < 1.0:
            continue
        if not info.arabic and not f.cased and cue <= 0.0 and not province:
            continue  # in text without capitals, an English word is only a place after "in", "near"...
        kept.append(Mention(s, e, ri, rj, info, kid, cue, province, city, list(info.entries)))
        kept_last = rj
    return kept
