"""A belligerent's own verdict on an allegation, and the vocabulary around it."""

from __future__ import annotations

from civcas.errors import InputError
from civcas.model.vocabulary import Verdict

# Reasons the coalition gave for non-credible findings (docs/vocabulary.md); free text is allowed too.
NON_CREDIBLE_REASONS = (
    "no_strikes_in_area",
    "insufficient_information",
    "harm_caused_by_other_party",
    "combatants_only",
    "other",
)

# Belligerent codes seen in monitors' archives, mapped to civcas' vocabulary.
BELLIGERENT_CODES = {
    "coalition": "US-led Coalition",
    "us_led_coalition": "US-led Coalition",
    "united_states": "United States",
    "us_forces": "United States",
    "russia": "Russian Military",
    "russian_forces": "Russian Military",
    "syrian_regime": "Syrian Regime",
    "turkey": "Turkish Military",
    "turkish_forces": "Turkish Military",
    "ypg_forces": "YPG/SDF",
    "syrian_democratic_forces": "YPG/SDF",
    "israel": "Israeli Military",
    "israeli_forces": "Israeli Military",
    "iran": "Iranian Military",
    "iranian_forces": "Iranian Military",
    "isis": "ISIS",
    "unknown": "Unknown",
    # Display spellings seen in archives.
    "u.s.-led_coalition": "US-led Coalition",
    "us-led_coalition": "US-led Coalition",
    "ypg": "YPG/SDF",
    "sdf": "YPG/SDF",
    "kurdish_forces": "YPG/SDF",
    "russian_military": "Russian Military",
    "turkish_military": "Turkish Military",
    "israeli_military": "Israeli Military",
    "iranian_military": "Iranian Military",
    "jordanian_military": "Jordanian Military",
}

# How archives spell verdicts.
VERDICT_CODES = {
    "credible": Verdict.CREDIBLE,
    "non_credible": Verdict.NON_CREDIBLE,
    "not_credible": Verdict.NON_CREDIBLE,
    "noncredible": Verdict.NON_CREDIBLE,
    "duplicate": Verdict.DUPLICATE,
    "open": Verdict.OPEN,
    "open_incident": Verdict.OPEN,
}

# Old spellings of reasons, normalised.
REASON_CODES = {
    "no_coalition_strikes": "no_strikes_in_area",
    "insufficient_evidence": "insufficient_information",
}


def parse_verdict(value: str) -> Verdict:
    key = value.strip().casefold().replace(" ", "_").replace("-", "_")
    if key in VERDICT_CODES:
        return VERDICT_CODES[key]
    options = ", ".join(v.value for v in Verdict)
    raise InputError(f"unknown verdict {value!r}; valid: {options}", code="bad_verdict")


def belligerent_name(code: str) -> str:
    """civcas' name for an archive's belligerent code or spelling; unknown ones are kept, made readable."""
    raw = code.strip()
    key = raw.casefold().replace(" ", "_")
    found = BELLIGERENT_CODES.get(key) or BELLIGERENT_CODES.get(key.replace("-", "_"))
    if found:
        return found
    return raw.replace("_", " ").title() if raw.islower() else raw


def belligerent_names(value: str | None) -> str | None:
    """A field of several suspected belligerents ("A, B"), each in civcas' vocabulary."""
    parts = [belligerent_name(p) for p in (value or "").split(",") if p.strip()]
    return ", ".join(dict.fromkeys(parts)) or None


def normalise_reasons(reasons: object) -> list[str]:
    """Reasons as a clean list; archives sometimes hold one reason as a bare string."""
    items = (
        [reasons] if isinstance(reasons, str) else list(reasons) if isinstance(reasons, list | tuple) else []
    )
    out: list[str] = []
    for item in items:
        text = str(item).strip()
        if not text:
            continue
        key = text.casefold().replace(" ", "_")
        text = REASON_CODES.get(key, text)
        if text not in out:
            out.append(text)
    return out


def check_conceded(lo: int | None, hi: int | None, what: str) -> None:
    if lo is None and hi is None:
        return
    if lo is None or hi is None or lo < 0 or hi < lo:
        raise InputError(f"{what} conceded must be a range with 0 <= min <= max", code="bad_range")
