"""Evidence a report mentions (video, photo, satellite imagery, witnesses, medical, documents,
munition remnants) and whether the report says it was verified.

One entry per kind, at its first mention. `verified` is False when any sentence mentioning that kind
says it could not be verified ("purportedly", "لم يتسن التحقق"), True when one says it was verified or
geolocated, and None when the report says neither: silence is not verification.
"""

from __future__ import annotations

import re

from civcas.extract.text import Norm, normalise_doc, sentences
from civcas.model.extraction import Evidence
from civcas.model.vocabulary import EvidenceKind

COMPONENT_NAME = "civcas.evidence.v1"

_KINDS: tuple[tuple[EvidenceKind, re.Pattern[str]], ...] = (
    (EvidenceKind.SATELLITE, re.compile(r"satellite|اقمار صناعيه|الاقمار الصناعيه|صور فضائيه")),
    (EvidenceKind.VIDEO, re.compile(r"\bvideos?\b|footage|\bclip\b|filmed|فيديو|مقطع|مصور|تسجيل")),
    (
        EvidenceKind.PHOTO,
        re.compile(
            r"\bphoto|(?<!satellite )\bimages?\b|\bpicture|photograph|\bصور\b|\bصوره\b|بالصور|الصور|صورا|لقطات"
        ),
    ),
    (
        EvidenceKind.WITNESS,
        re.compile(
            r"witness|residents? (?:said|told|reported)|survivor|neighbou?r said|شهود|شاهد عيان|الاهالي|اهالي|ناجين"
        ),
    ),
    (
        EvidenceKind.MEDICAL,
        re.compile(
            r"hospital|medical (?:source|staff|team|official)|doctor|morgue|ministry of health|health ministry|paramedic"
            r"|مشفى|المشفى|مستشفى|المستشفى|مصادر طبيه|مصدر طبي|وزاره الصحه|طبيب|الطبابه"
        ),
    ),
    (
        EvidenceKind.DOCUMENT,
        re.compile(r"\bdocument|death certificate|records show|وثيقه|وثائق|شهاده وفاه|شهادات وفاه"),
    ),
    (
        EvidenceKind.MUNITION,
        re.compile(
            r"munition|remnant|fragment|shrapnel|warhead|tail fin|guidance kit|بقايا|شظايا|ذخيره|مخلفات"
        ),
    ),
)
_UNVERIFIED = re.compile(
    r"(?:could|can)\s*not\s+(?:be\s+)?(?:independently\s+)?verif|unable to (?:independently )?verify"
    r"|not (?:been )?(?:able to )?(?:independently )?verif|purported|unverified|cannot be verified|has not been verified"
    r"|لم يتسن|لم يتسنى|لا يمكن التحقق|لم نتمكن من التحقق|لم يتم التحقق|دون التحقق"
)
_VERIFIED = re.compile(
    r"\bverified|geolocated|authenticated|confirmed the authenticity|تم التحقق|تحققت|تحققنا|التحقق من صحه"
)


def extract_evidence(text: str, norm: Norm | None = None) -> list[Evidence]:
    doc = normalise_doc(text) if norm is None else norm
    norm_text = doc.text
    first: dict[EvidenceKind, tuple[int, int]] = {}
    verdict: dict[EvidenceKind, bool | None] = {}
    for s, e in sentences(norm_text):
        sent = norm_text[s:e]
        kinds = [kind for kind, rx in _KINDS if rx.search(sent)]
        if not kinds:
            continue
        says: bool | None = None
        if _UNVERIFIED.search(sent):
            says = False
        elif _VERIFIED.search(sent):
            says = True
        for kind in kinds:
            first.setdefault(kind, doc.span(s, e))
            old = verdict.get(kind)
            # A doubt anywhere wins over a claim of verification elsewhere: reviewers must see it.
            verdict[kind] = False if False in (old, says) else (True if True in (old, says) else None)
    return [
        Evidence(kind=k, verified=verdict[k], span=span)
        for k, span in sorted(first.items(), key=lambda kv: kv[1])
    ]
