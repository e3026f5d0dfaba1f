"""Evidence a report mentions and whether it says the evidence was verified."""

from __future__ import annotations

from civcas.extract.evidence import extract_evidence
from civcas.model.vocabulary import EvidenceKind


def _kinds(text: str) -> dict[EvidenceKind, bool | None]:
    return {e.kind: e.verified for e in extract_evidence(text)}


def test_unverified_video() -> None:
    text = (
        "A video, purportedly showing the aftermath, was posted online. We could not independently verify it."
    )
    found = extract_evidence(text)
    assert [(e.kind, e.verified) for e in found] == [(EvidenceKind.VIDEO, False)]
    s, e = found[0].span
    assert text[s:e].startswith("A video")


def test_doubt_later_wins() -> None:
    text = "Footage shows destroyed homes. The authenticity of the footage could not be verified."
    assert _kinds(text) == {EvidenceKind.VIDEO: False}


def test_verified_and_silent() -> None:
    assert _kinds("Airwars geolocated the video to the market square.") == {EvidenceKind.VIDEO: True}
    assert _kinds("Photos show the damaged school.") == {EvidenceKind.PHOTO: None}


def test_other_kinds() -> None:
    text = (
        "Satellite imagery shows a crater. Witnesses said two jets passed over. "
        "Doctors at the hospital counted 9 bodies. Fragments of the munition were found. "
        "Death certificates were issued."
    )
    assert set(_kinds(text)) == {
        EvidenceKind.SATELLITE,
        EvidenceKind.WITNESS,
        EvidenceKind.MEDICAL,
        EvidenceKind.MUNITION,
        EvidenceKind.DOCUMENT,
    }


def test_arabic() -> None:
    kinds = _kinds(
        "نشر ناشطون مقطع فيديو يظهر الدمار، ولم يتسن التحقق من صحته. وقال شهود عيان إن الطائرة حلقت طويلا."
    )
    assert kinds == {EvidenceKind.VIDEO: False, EvidenceKind.WITNESS: None}
    assert _kinds("صور تظهر آثار القصف على المنزل") == {EvidenceKind.PHOTO: None}


def test_verified_account_badge_is_not_verification() -> None:
    assert _kinds("Some Page Verified account · Shared with Public photos of the damaged house") == {
        EvidenceKind.PHOTO: None
    }


def test_verification_words_are_in_every_verdict() -> None:
    """A report with none of the verification words is not searched sentence by sentence: every
    phrase the two patterns know holds one."""
    from civcas.extract import evidence as ev
    from civcas.extract.text import normalise

    phrases = [
        "could not be independently verified",
        "unable to verify",
        "has not been able to verify",
        "purportedly shows",
        "unverified footage",
        "لم يتسن التحقق",
        "لا يمكن التحقق من الصور",
        "لم نتمكن من التحقق",
        "دون التحقق",
        "the video was verified by",
        "geolocated the footage",
        "authenticated images",
        "confirmed the authenticity of",
        "تم التحقق من الفيديو",
        "تحققت الشبكة",
        "تحققنا من",
    ]
    for phrase in phrases:
        text = normalise(phrase)
        assert ev._UNVERIFIED.search(text) or ev._VERIFIED.search(text), phrase
        assert ev._VERIFICATION_WORDS.groups_in(text), phrase
    assert not ev._VERIFICATION_WORDS.groups_in("a video of the strike")
