"""The named victims of one report (`Victim`, `Roster` and its counts) and the bookkeeping that
finds a victim already read under another form of the name ("Sami Darwazeh", "Sami").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class Victim:
    start: int
    end: int
    name: str
    age: int | None  # years; under one year is 0
    female: bool | None
    child: bool


@dataclass(frozen=True, slots=True)
class Roster:
    victims: tuple[Victim, ...]

    @property
    def total(self) -> int:
        return len(self.victims)

    @property
    def children(self) -> int:
        return sum(v.child for v in self.victims)

    @property
    def women(self) -> int:
        return sum(1 for v in self.victims if v.female and not v.child)

    @property
    def men(self) -> int:
        return sum(1 for v in self.victims if v.female is False and not v.child)


@lru_cache(maxsize=4096)
def _name_keys(name: str) -> tuple[str, ...]:
    """Keys under which a name is known: its first two names, and for a short form ("Sami
    Darwazeh", "Sami") the given and family name, or the given name alone."""
    tokens = name.lower().replace("\u00a0", " ").split()
    if len(tokens) == 1:
        return ("1:" + tokens[0],)
    return ("2:" + " ".join(tokens[:2]), f"fl:{tokens[0]} {_skeleton(tokens[-1])}", "1:" + tokens[0])


_VOWELS = str.maketrans("", "", "aeiouy’'`-")


def _skeleton(family: str) -> str:
    """A family name without its vowels: transliterations differ in them ("Darwazeh", "Darwazah")."""
    bare = family.removeprefix("al-").removeprefix("el-").translate(_VOWELS)
    return "".join(c for i, c in enumerate(bare) if i == 0 or c != bare[i - 1])


def same_person(seen: dict[str, int], name: str) -> int | None:
    """The victim already read under another form of this name, if any: the same first two
    names; a short form ("Sami Darwazeh", "Sami") of a fuller name given before, or the reverse."""
    keys = _name_keys(name)
    if len(keys) == 1:
        return seen.get(keys[0])  # a given name alone: whoever had it first
    if keys[0] in seen:
        return seen[keys[0]]
    short = len(name.split()) == 2
    if short and keys[1] in seen:
        return seen[keys[1]]
    if ("s" + keys[1]) in seen:  # a fuller form of a short name read before
        return seen["s" + keys[1]]
    return seen.get("s" + keys[2])


def remember(seen: dict[str, int], name: str, idx: int) -> None:
    keys = _name_keys(name)
    if len(keys) == 1:
        seen.setdefault(keys[0], idx)
        seen.setdefault("s" + keys[0], idx)
        return
    seen.setdefault(keys[0], idx)
    seen.setdefault(keys[1], idx)
    seen.setdefault(keys[2], idx)
    if len(name.split()) == 2:
        seen.setdefault("s" + keys[1], idx)
