"""Evidence a report mentions (video, photo, satellite imagery, witnesses, medical, documents,
munition remnants) and whether the report says it was verified.

One entry per kind, at its first mention. `verified` is False when any sentence mentioning that kind
says it could not be verified ("purportedly", "لم يتسن التحقق"), True when one says it was verified or
geolocated, and None when the report says neither: silence is not verification.
"""

from __future__ import annotations

import bisect
import re

from civcas.extract.terms import TermIndex
from civcas.extract.text import Norm, normalise_doc, sentences
from civcas.model.extraction import Evidence
from civcas.model.vocabulary import EvidenceKind

COMPONENT_NAME = "civcas.evidence.v1"

# Terms per kind (terms.TermIndex syntax; the longest term wins, so "satellite images" is not a photo).
_KIND_TERMS: tuple[tuple[EvidenceKind, tuple[str, ...]], ...] = (
    (
        EvidenceKind.SATELLITE,
        ("satellite", "اقمار صناعيه", "اقمار الصناعيه", "صور {|ال}اقمار", "صور فضائيه"),
    ),
    (
        EvidenceKind.VIDEO,
        ("video", "footage", "clip\\b", "clips\\b", "filmed", "فيديو", "مقطع", "مصور", "تسجيل"),
    ),
    (
        EvidenceKind.PHOTO,
        ("photo", "image\\b", "images\\b", "picture", "صور\\b", "صوره\\b", "صورا\\b", "لقطات"),
    ),
    (
        EvidenceKind.WITNESS,
        (
            "witness",
            "{resident|residents|neighbour|neighbor|neighbours|neighbors} {said|told|reported}",
            "survivor",
            "شهود",
            "شاهد عيان",
            "اهالي",
            "ناجين",
        ),
    ),
    (
        EvidenceKind.MEDICAL,
        (
            "hospital",
            "medical {source|sources|staff|team|official|officials}",
            "doctor",
            "morgue",
            "ministry of health",
            "health ministry",
            "paramedic",
            "مشفي",
            "مستشفي",
            "مصادر طبيه",
            "مصدر طبي",
            "وزاره الصحه",
            "طبيب",
            "طبابه",
        ),
    ),
    (
        EvidenceKind.DOCUMENT,
        ("document", "death certificate", "records show", "وثيقه", "وثائق", "شهاده وفاه", "شهادات وفاه"),
    ),
    (
        EvidenceKind.MUNITION,
        (
            "munition",
            "remnant",
            "fragment",
            "shrapnel",
            "warhead",
            "tail fin",
            "guidance kit",
            "بقايا",
            "شظايا",
            "ذخيره",
            "مخلفات",
        ),
    ),
)
_KINDS = tuple(kind for kind, _ in _KIND_TERMS)
_KIND_INDEX = TermIndex([terms for _, terms in _KIND_TERMS])
_UNVERIFIED = re.compile(
    r"(?:could|can)\s*not\s+(?:be\s+)?(?:independently\s+)?verif|unable to (?:independently )?verify"
    r"|not (?:been )?(?:able to )?(?:independently )?verif|purported|unverified|cannot be verified|has not been verified"
    r"|لم يتسن|لم يتسني|لا يمكن التحقق|لم نتمكن من التحقق|لم يتم التحقق|دون التحقق"
)
_VERIFIED = re.compile(
    # Not "Verified account": the badge in the header of a crawled Facebook or X post.
    r"\bverified(?![^\S\n]*account)|geolocated|authenticated|confirmed the authenticity"
    r"|تم التحقق|تحققت|تحققنا|التحقق من صحه"
)

# Words every match of the two patterns above holds: a report without any (most) says nothing of
# verification, and its sentences are not searched.
_VERIFICATION_WORDS = TermIndex(
    [("verif", "purported", "لم يتسن", "تحقق", "geolocated", "authenticated", "authenticity")]
)


def extract_evidence(text: str, norm: Norm | None = None) -> list[Evidence]:
    doc = normalise_doc(text) if norm is None else norm
    norm_text = doc.text
    hits = _KIND_INDEX.find(norm_text)
    if not hits:
        return []
    verification = bool(_VERIFICATION_WORDS.groups_in(norm_text))
    first: dict[EvidenceKind, tuple[int, int]] = {}
    verdict: dict[EvidenceKind, bool | None] = {}
    bounds = sentences(norm_text)
    starts = [s for s, _ in bounds]
    said: dict[int, bool | None] = {}  # sentence index -> what it says about verification
    for hit in hits:
        i = max(0, bisect.bisect_right(starts, hit.start) - 1)
        s, e = bounds[i] if bounds else (0, len(norm_text))
        if i not in said and not verification:
            said[i] = None  # the report has no word of verification
        elif i not in said:
            sent = norm_text[s:e]
            said[i] = False if _UNVERIFIED.search(sent) else (True if _VERIFIED.search(sent) else None)
        kind = _KINDS[hit.group]
        first.setdefault(kind, doc.span(s, e))
        old, says = verdict.get(kind), said[i]
        # A doubt anywhere wins over a claim of verification elsewhere: reviewers must see it.
        verdict[kind] = False if False in (old, says) else (True if True in (old, says) else None)
    return [
        Evidence(kind=k, verified=verdict[k], span=span)
        for k, span in sorted(first.items(), key=lambda kv: kv[1])
    ]
