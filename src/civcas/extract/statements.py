"""What each party said about the incident: admissions, denials, investigations, verdicts, blame.

Works sentence by sentence on the normalised text. A stance is a party's only when that party is
the speaker: a belligerent named next to a speech verb ("the coalition said", "نفت وزارة الدفاع
التركية"), a spokesperson, or the belligerent's own release wording ("Coalition military forces
conducted one strike"); "it"/"they" carry the previous statement's party on. So a reporter's
"Russian warplanes conducted strikes", a monitor's "Airwars investigation" or an NGO calling for an
inquiry are not taken for a party's statement. Accusations by others are `alleges`, with the accused
as the party.
"""

from __future__ import annotations

import bisect
import re

from civcas.extract.actors import Mention, belligerent_mentions
from civcas.extract.terms import TermIndex, matches_at
from civcas.extract.text import Norm, normalise_doc, sentences
from civcas.model.extraction import Statement
from civcas.model.vocabulary import Stance

COMPONENT_NAME = "civcas.statements.v1"

_SPEECH = re.compile(
    r"\b(?:said|says|say|stated|states|told|announced|confirmed|acknowledged|admitted|conceded|denied|denies"
    r"|claimed|claims|statement|according to|spokes(?:person|man|woman)|press release|declared|promised"
    r"|pledged|vowed|added|noted|insisted|rejected|assessed|wrote|responded|aware|regrets?|blamed|accused)\b"
    r"|قال|صرح|اعلن|بيان|اكد|نفي|نفت|ينفي|تنفي|اقر|اعترف|بحسب|وفق|ذكر|زعم|ادعي|ادعت|تعهد|اتهم|حمل|تبني|تبنت"
)
# The belligerent's own release wording, which is an admission without any speech verb.
# Every match of _SPEECH begins with one of these: it is tried where they occur (`matches_at`).
_SPEECH_WORDS = TermIndex(
    [
        (
            *("said", "say", "stated", "states", "told", "announced", "confirmed", "acknowledged"),
            *("admitted", "conceded", "denied", "denies", "claimed", "claims", "statement", "according to"),
            *("spokes", "press release", "declared", "promised", "pledged", "vowed", "added", "noted"),
            *(
                "insisted",
                "rejected",
                "assessed",
                "wrote",
                "responded",
                "aware",
                "regret",
                "blamed",
                "accused",
            ),
            *(
                "قال",
                "صرح",
                "اعلن",
                "بيان",
                "اكد",
                "نفي",
                "نفت",
                "ينفي",
                "تنفي",
                "اقر",
                "اعترف",
                "بحسب",
                "وفق",
            ),
            *("ذكر", "زعم", "ادعي", "ادعت", "تعهد", "اتهم", "حمل", "تبني", "تبنت"),
        )
    ]
)
_RELEASE = re.compile(
    r"(?:coalition|israeli|idf|u\.?s\.?|us|russian|turkish)\s+(?:military\s+)?(?:forces|aircraft|jets|troops)"
    r"\s+(?:conducted|carried out|struck|targeted|engaged)"
)
_PRONOUN = re.compile(r"\b(?:it|its|they|their|we|our)\b")
_NEAR = 90  # characters between a party's name and the speech verb or stance words it goes with

_STANCES: tuple[tuple[Stance, re.Pattern[str]], ...] = (
    (
        Stance.NON_CREDIBLE,
        re.compile(
            r"non-?credible|not credible|no(?:t)? (?:enough|sufficient) (?:information|evidence)"
            r"|insufficient (?:information|evidence)|غير ذي مصداقيه"
        ),
    ),
    (Stance.CREDIBLE, re.compile(r"(?<!non-)(?<!non )(?<!not )\bcredible\b|ذي مصداقيه")),
    (
        Stance.DENIES_CASUALTIES,
        re.compile(
            r"(?:not|n't|no longer) aware of any (?:civilian )?(?:casualties|deaths|harm)"
            r"|no civilian (?:casualties|deaths|harm)"
            r"|did not (?:acknowledge|cause|result in) (?:the |any )?(?:civilian )?(?:casualties|deaths|harm)"
            r"|denied (?:that )?(?:any )?civilians?|no civilians were (?:killed|harmed|hurt)"
            r"|(?:نفي|نفت|ينفي|تنفي)\s+(?:\S+\s+){0,3}(?:سقوط|وقوع|مقتل)\s+(?:\S+\s+){0,2}(?:مدنيين|ضحايا)"
            r"|لم (?:يسقط|تسقط|يقتل) (?:اي )?(?:ضحايا|مدنيين|مدني)"
        ),
    ),
    (
        Stance.DENIES_STRIKE,
        re.compile(
            r"denied (?:carrying out|conducting|any involvement|responsibility|that it (?:struck|carried|conducted))"
            # "denied that its aircraft were involved", "denied involvement", "had no role in the strike"
            r"|denied (?:that )?(?:its|their) (?:\w+ )?(?:aircraft|forces|jets|warplanes|planes|drones|troops|units)"
            r" (?:were|was|had been) involved|denied (?:any )?(?:involvement|role)"
            r"|(?:had|has|have) no (?:role|involvement|part) in"
            r"|did not (?:conduct|carry out) (?:any |the |an? )?(?:air ?)?strikes?"
            r"|no (?:coalition |israeli |us |u\.s\. |russian |turkish )?strikes? (?:was |were )?"
            r"(?:conducted |carried out )?(?:in|near|on)"
            r"|(?:نفي|نفت|ينفي|تنفي)\s+(?:\S+\s+){0,3}(?:تنفيذ|قيام|مسؤولي|شن|استهداف|علاقت)"
        ),
    ),
    (
        Stance.ADMITS_CASUALTIES,
        re.compile(
            r"(?:acknowledged|admitted|conceded|confirmed|regrets?) (?:that )?(?:the )?(?:\w+ )?"
            r"(?:civilian (?:casualties|deaths)|civilians were|the (?:loss|deaths) of)"
            r"|unintentionally (?:killed|injured)"
            r"|(?:اقر|اقرت|اعترف|اعترفت)\s+(?:\S+\s+){0,3}(?:بمقتل|بسقوط|بوقوع)|يعتذر|اعتذر|تعتذر"
        ),
    ),
    (
        Stance.ADMITS_STRIKE,
        re.compile(
            r"(?:strike|airstrike|attack) did take place|(?:strike|airstrike) took place"
            r"|admitted (?:to )?carrying out"
            r"|(?:confirmed|acknowledged|admitted) (?:that )?(?:it|they|its forces) (?:had )?"
            r"(?:struck|carried out|conducted|targeted|hit)"
            r"|(?:said|stated|claimed) (?:that )?(?:it|they|its (?:forces|aircraft|jets)) (?:had |were |was )?"
            r"(?:struck|targeted|targeting|hit|carried out|conducted|eliminated|killed)"
            r"|conducted (?:one|two|three|four|five|\d+|an?) (?:precise |targeted )?(?:air ?)?strikes?"
            r"|confirmed (?:the|its|an?) (?:air ?)?strike|(?:claimed|took|assumed|claims) responsibility"
            r"|\b(?:iaf|idf)(?: warplanes| aircraft| jets)? (?:conducted|struck|targeted|liquidated|eliminated)"
            r"|carried out (?:an? |one |\d+ )?(?:air ?)?strikes?|declared strike"
            r"|(?:اقر|اقرت|اعترف|اعترفت|اعلن|اعلنت|اكد|اكدت|تبني|تبنت)\s+(?:\S+\s+){0,4}"
            r"(?:[بل]?تنفيذ|[بل]?استهداف|بضرب|بقصف|مسؤوليت)"
        ),
    ),
    (
        Stance.INVESTIGATING,
        re.compile(
            r"(?:launch|open)(?:ed|ing)? an? (?:\w+ )?investigation|(?:is|was|are|were) investigating"
            r"|will investigate|to investigate (?:the|this|these)|under investigation"
            # Reported speech shifts "will" back: "said it would investigate", "would be looked into".
            r"|would investigate|(?:will|would) be (?:investigated|looked into|reviewed|examined)"
            r"|(?:is|was|are|were) being (?:investigated|looked into|reviewed|examined)"
            r"|(?:will|would) (?:look into|review|examine) (?:the|this|these|it|its|any|all)\b"
            r"|civilian casualty (?:team|cell|assessment)|for further (?:assessment|review)"
            r"|(?:referred|forwarded|refer|forward) (?:the (?:report|case|allegation|incident|matter|claim)s?|it"
            r"|this information) to|looking into (?:the|this|these) (?:report|incident|allegation|claim)"
            r"|(?:is|are|was|were) (?:reviewing|assessing|examining) (?:the|this|these|them|it)\b|under review|fact-finding"
            r"|(?:فتح|اجراء|بدء|اطلاق|سيفتح|يفتح|تفتح) (?:\S+ )?تحقيق|التحقيق في|تحقيقا في|تحقيقات"
            r"|[يس]?يحقق في|تواصل التحقيق"
        ),
    ),
    (
        Stance.BLAMES_OTHER,
        re.compile(
            r"blamed|(?:was|were) caused by (?:a |an )?(?:\w+ )?(?:rocket|militants|hamas|isis|another)|misfired"
            r"|human shields|حمل\S*\s+(?:\S+\s+){0,3}المسؤوليه|اتهم\S*"
        ),
    ),
)
# Literals without which each stance pattern cannot match (every alternative contains one of them):
# `in` scans a sentence at C speed, whereas each pattern is tried at every position of a sentence.
_STANCE_LITERALS: dict[Stance, tuple[str, ...]] = {
    Stance.NON_CREDIBLE: ("credible", "sufficient", "enough", "مصداقيه"),
    Stance.CREDIBLE: ("credible", "مصداقيه"),
    Stance.DENIES_CASUALTIES: ("aware", "no civilian", "did not", "denied", "نف", "لم "),
    Stance.DENIES_STRIKE: ("denied", "did not", "strike", "no role", "no involvement", "no part", "نف"),
    Stance.ADMITS_CASUALTIES: (
        *("acknowledged", "admitted", "conceded", "confirmed", "regret", "unintentionally"),
        *("اقر", "اعترف", "عتذر"),
    ),
    Stance.ADMITS_STRIKE: (
        *("take place", "took place", "admitted", "confirmed", "acknowledged", "said", "stated", "claimed"),
        *("conducted", "responsibility", "iaf", "idf", "carried out", "declared strike"),
        *("اقر", "اعترف", "اعلن", "اكد", "تبن"),
    ),
    Stance.INVESTIGATING: (
        *("investigat", "civilian casualty", "further", "refer", "forward", "looking into", "review"),
        *(
            "look into",
            "looked into",
            "examine",
            "examining",
            "assessing",
            "under review",
            "fact-finding",
            "تحقيق",
            "يحقق",
        ),
    ),
    Stance.BLAMES_OTHER: ("blamed", "caused by", "misfired", "human shields", "حمل", "اتهم"),
}
assert set(_STANCE_LITERALS) == {stance for stance, _ in _STANCES}
_STANCE_CHECKS = tuple((stance, rx, _STANCE_LITERALS[stance]) for stance, rx in _STANCES)

_ACCUSATION = re.compile(r"accus|blamed|اتهم|حمل\S*\s+(?:\S+\s+){0,3}المسؤوليه")

_SPEAKER_OF = r"(?:coalition|military|idf|israeli|army|pentagon|centcom|russian|turkish|us|u\.s\.|defence|defense|ministry)"
_SPEAKER = re.compile(
    rf"(?:a |an |the )?(?:{_SPEAKER_OF}\s+){{0,2}}spokes(?:person|man|woman)"
    rf"|(?:a |an |the )?(?:{_SPEAKER_OF}\s+){{1,2}}(?:official|press office)"
    r"|المتحدث (?:باسم|الرسمي باسم) \S+(?: \S+)?|وزاره الدفاع \S+"
)
# Every speaker phrase holds one of these: most sentences have none, and the pattern, which starts
# with optional words, would be tried at each of their positions.
_SPEAKER_WORDS = ("spokes", "official", "press office", "المتحدث", "وزاره الدفاع")

# Words without which no stance pattern can match (terms.TermIndex syntax): sentences without any are
# skipped, which keeps long reports cheap.
_CUES = TermIndex(
    [
        [
            "credible",
            "sufficient",
            "enough",
            "aware",
            "no civilian",
            "did not",
            "deni",
            "deny",
            "no {|coalition |israeli |us |u.s. |russian |turkish }strike",
            "declared",
            "acknowledg",
            "admit",
            "conced",
            "confirm",
            "regret",
            "unintentional",
            "take place",
            "took place",
            "said {|that }{it|they|its}",
            "stated {|that }{it|they}",
            "claimed {|that }{it|they}",
            "responsibility",
            "iaf",
            "idf",
            "conducted",
            "carried out",
            "investigat",
            "civilian casualty",
            "further",
            "refer",
            "forward",
            "looking into",
            "look into",
            "looked into",
            "examine",
            "review",
            "assessing",
            "fact-finding",
            "blame",
            "caused by",
            "misfire",
            "human shield",
            "accus",
            "مصداقيه",
            "نفي",
            "نفت",
            "ينفي",
            "تنفي",
            "لم {يسقط|تسقط|يقتل}",
            "اقر",
            "اعترف",
            "اعلن",
            "اكد",
            "تبني",
            "تبنت",
            "تحقيق",
            "يحقق",
            "سيحقق",
            "حمل",
            "اتهم",
            "اعتذر",
            "يعتذر",
            "تعتذر",
        ]
    ]
)


def extract_statements(
    text: str, norm: Norm | None = None, mentions: list[Mention] | None = None
) -> list[Statement]:
    """One Statement per (sentence, stance), in text order."""
    doc = normalise_doc(text) if norm is None else norm
    norm_text = doc.text
    out: list[Statement] = []
    cues = [h.start for h in _CUES.find(norm_text)]
    if not cues:
        return out
    mentions = belligerent_mentions(norm_text) if mentions is None else mentions
    # In text order (as belligerent_mentions gives them), so a sentence's mentions are one slice:
    # a long report names a party hundreds of times, and filtering them all per sentence added up.
    positive = sorted((m for m in mentions if m.weight > 0), key=lambda m: m.start)
    positive_starts = [m.start for m in positive]
    last_party: str | None = None
    speech_starts: list[int] | None = None  # where the speech words occur, looked up once needed
    for s, e in sentences(norm_text):
        i = bisect.bisect_left(cues, s)
        if i == len(cues) or cues[i] >= e:
            continue  # no stance word in this sentence: skip the costlier patterns
        sent = norm_text[s:e]
        possible = [(stance, rx) for stance, rx, lits in _STANCE_CHECKS if any(map(sent.__contains__, lits))]
        if not possible:
            continue  # no stance pattern can match: nothing to find in this sentence
        release = _RELEASE.search(sent)
        if speech_starts is None:
            speech_starts = _SPEECH_WORDS.starts(norm_text, 0)
        here = speech_starts[bisect.bisect_left(speech_starts, s) : bisect.bisect_left(speech_starts, e)]
        speech = [m.start() + s for m in matches_at(_SPEECH, sent, [p - s for p in here])]
        if not speech and not release:
            continue
        in_sentence = positive[
            bisect.bisect_left(positive_starts, s) : bisect.bisect_left(positive_starts, e)
        ]
        speaker_m = _SPEAKER.search(sent) if any(map(sent.__contains__, _SPEAKER_WORDS)) else None
        speaker = _clean_speaker(speaker_m.group(0)) if speaker_m else None
        orig = doc.span(s, e)
        quote = text[orig[0] : orig[1]]
        found: list[tuple[Stance, str | None]] = []
        for stance, rx in possible:
            m = rx.search(sent)
            if m is None or (stance is Stance.CREDIBLE and any(st is Stance.NON_CREDIBLE for st, _ in found)):
                continue
            hooks = [*speech, m.start() + s] + ([release.start() + s] if release else [])
            party = _speaker_party(in_sentence, hooks)
            if party is None and _PRONOUN.search(sent):
                party = last_party  # "it promised to ...": the party of the previous statement
            accusation = _ACCUSATION.search(sent) if stance is Stance.BLAMES_OTHER else None
            if accusation is not None:
                # "X blamed Y", "اتهمت X Y": the accused follows the verb, the accuser comes first.
                at = accusation.start() + s
                accused = [mm.name for mm in in_sentence if at < mm.start <= at + _NEAR]
                accusers = [mm.name for mm in in_sentence if at - _NEAR <= mm.start < at]
                accusers = [a for a in accusers if a not in accused]
                if accusers:
                    found.append((Stance.BLAMES_OTHER, accusers[-1]))
                elif accused:
                    # Someone who is not a belligerent accuses one: an allegation against the accused.
                    found.append((Stance.ALLEGES, accused[0]))
                continue
            if party is None:
                continue  # no party speaks here: a reporter's or a monitor's words
            found.append((stance, party))
        for stance, party in found:
            out.append(Statement(speaker=speaker, party=party, stance=stance, span=orig, quote=quote))
            if stance is not Stance.ALLEGES:
                last_party = party
    return out


def _speaker_party(mentions: list[Mention], hooks: list[int]) -> str | None:
    """The belligerent named closest to a speech verb or the stance words, if close enough."""
    best: tuple[int, str] | None = None
    for m in mentions:
        distance = min(abs(m.start - h) for h in hooks)
        if distance <= _NEAR and (best is None or distance < best[0]):
            best = (distance, m.name)
    return best[1] if best else None


def _clean_speaker(raw: str) -> str:
    for article in ("a ", "an ", "the "):
        if raw.startswith(article):
            return raw[len(article) :]
    return raw
