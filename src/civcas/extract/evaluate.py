"""Score extractions against labelled records, per field and per language.

The rules follow the project's shared scorer (docs/extraction-output.md): a count is right
when min (or max) equals the gold; `overlap` when the ranges meet; the date when equal; the
place when within `km` of the gold coordinates; admin1 when one folded name contains the
other; the belligerent when the predicted set is a non-empty subset of the gold set.
Records whose text is missing, unreadable or about several incidents are skipped.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

COUNTS = (
    ("civilians_killed", "civilians_killed_min", "civilians_killed_max"),
    ("injured", "injured_min", "injured_max"),
    ("children_killed", "children_killed", "children_killed_max"),
    ("women_killed", "women_killed", "women_killed_max"),
    ("total_killed", "total_killed_min", "total_killed_max"),
)
BELLIGERENTS = (
    ("us-led coalition", r"coalition|united states|u\.?s\.?\b|american"),
    ("russian military", r"russia"),
    ("turkish military", r"turk"),
    ("israeli military", r"israel"),
    ("iranian military", r"iran"),
    ("syrian regime", r"regime|assad|syrian (?:arab )?army|syrian government"),
    ("ypg/sdf", r"ypg|sdf|syrian democratic|kurdish"),
    ("jordanian military", r"jordan"),
    ("isis", r"isis|islamic state|isil|daesh"),
)


def fold(name: str | None) -> str:
    s = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    s = re.sub(r"\b(?:al|el|as|ash|ad|ar|ath)[- ]", "", s)
    return re.sub(r"[^a-z]", "", s)


def belligerent_set(value: str | None) -> set[str]:
    text = (value or "").lower()
    return {name for name, rx in BELLIGERENTS if re.search(rx, text)}


def km_between(a: float, b: float, c: float, d: float) -> float:
    r = math.radians
    h = math.sin(r(c - a) / 2) ** 2 + math.cos(r(a)) * math.cos(r(c)) * math.sin(r(d - b) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def _range(incident: dict[str, Any], key: str) -> tuple[int | None, int | None]:
    v = incident.get(key)
    if isinstance(v, dict):
        return v.get("min"), v.get("max")
    return None, None


@dataclass
class Tally:
    n: int = 0
    right: int = 0
    answered: int = 0

    def add(self, ok: bool, answered: bool) -> None:
        self.n += 1
        self.right += ok
        self.answered += answered

    @property
    def accuracy(self) -> float:
        return self.right / self.n if self.n else 0.0

    @property
    def coverage(self) -> float:
        return self.answered / self.n if self.n else 0.0


@dataclass
class Report:
    # field -> language ("all", "en", "ar", ...) -> tally
    fields: dict[str, dict[str, Tally]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(Tally))
    )
    records: int = 0

    def count(self, name: str, language: str, ok: bool, answered: bool) -> None:
        self.fields[name]["all"].add(ok, answered)
        self.fields[name][language].add(ok, answered)

    def languages(self) -> list[str]:
        seen = {lang for per in self.fields.values() for lang in per if lang != "all"}
        return sorted(seen)


def usable(record: dict[str, Any]) -> bool:
    extra = record.get("extra") or {}
    return (
        bool(record.get("text"))
        and not extra.get("multi_incident")
        and extra.get("text_quality") in (None, "ok")
    )


def score(gold: Iterable[dict[str, Any]], predicted: dict[str, dict[str, Any]], km: float = 25.0) -> Report:
    report = Report()
    for g in gold:
        if not usable(g):
            continue
        report.records += 1
        gg: dict[str, Any] = g.get("gold") or {}
        pred = predicted.get(str(g.get("id"))) or {}
        inc: dict[str, Any] = pred.get("incident") or {}
        lang = pred.get("language") or (g.get("extra") or {}).get("language") or "?"
        for key, lo_key, hi_key in COUNTS:
            lo = gg.get(lo_key)
            if lo is None:
                continue
            hi = gg.get(hi_key, lo)
            hi = lo if hi is None else hi
            pmin, pmax = _range(inc, key)
            report.count(f"{key}.min", lang, pmin == lo, pmin is not None)
            report.count(f"{key}.max", lang, pmax == hi, pmax is not None)
            top = pmax if pmax is not None else pmin
            report.count(
                f"{key}.overlap",
                lang,
                pmin is not None and top is not None and pmin <= hi and top >= lo,
                pmin is not None,
            )
        if gg.get("date"):
            report.count("date", lang, inc.get("date") == gg["date"], bool(inc.get("date")))
        if gg.get("lat") is not None and gg.get("lon") is not None:
            has = inc.get("lat") is not None and inc.get("lon") is not None
            ok = has and km_between(gg["lat"], gg["lon"], inc["lat"], inc["lon"]) <= km
            report.count(f"location@{km:g}km", lang, ok, has)
        if gg.get("admin1"):
            p, t = fold(inc.get("admin1")), fold(gg["admin1"])
            report.count("admin1", lang, bool(p) and (p in t or t in p), bool(inc.get("admin1")))
        gb = belligerent_set(gg.get("belligerent"))
        if gb:
            pb = belligerent_set(inc.get("belligerent"))
            report.count("belligerent", lang, bool(pb) and pb <= gb, bool(pb))
    return report


def markdown_table(report: Report) -> str:
    langs = report.languages()
    head = "| field | n | accuracy | coverage | " + " | ".join(f"{lang} accuracy" for lang in langs) + " |"
    rule = "|---|---:|---:|---:|" + "---:|" * len(langs)
    rows = [head, rule]
    for name in sorted(report.fields):
        per = report.fields[name]
        total = per["all"]
        cells = [f"{per[lang].accuracy:.1%} ({per[lang].n})" if per[lang].n else "–" for lang in langs]
        rows.append(
            f"| {name} | {total.n} | {total.accuracy:.1%} | {total.coverage:.1%} | "
            + " | ".join(cells)
            + " |"
        )
    return "\n".join(rows)
