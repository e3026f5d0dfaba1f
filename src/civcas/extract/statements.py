"""What each party said about the incident: admissions, denials, investigations, verdicts, blame.

Works sentence by sentence on the normalised text. A stance counts only where the sentence is speech
(a speech verb, a quotation, "according to") or the belligerent's own release wording ("Coalition
military forces conducted one strike"), so a reporter's "Russian warplanes conducted strikes" is not
taken for a Russian admission.
"""

from __future__ import annotations

import bisect
import re

from civcas.extract.actors import Mention, belligerent_mentions
from civcas.extract.terms import TermIndex
from civcas.extract.text import Norm, normalise_doc, sentences
from civcas.model.extraction import Statement
from civcas.model.vocabulary import Stance

COMPONENT_NAME = "civcas.statements.v1"

_SPEECH = re.compile(
    r"\b(?:said|says|stated|states|told|announced|confirmed|acknowledged|admitted|conceded|denied|denies"
    r"|claimed|claims|statement|according to|spokes(?:person|man|woman)|press release|declared|reported|promised"
    r"|added|noted|insisted|rejected)\b|\"|'"
    r"|قال|قالت|صرح|اعلن|اعلنت|بيان|اكد|اكدت|نفى|نفت|اقر|اقرت|اعترف|اعترفت|بحسب|وفق|ذكر|ذكرت|زعم|زعمت|ادعى|ادعت|تعهد"
)
# The belligerent's own release wording, which is an admission without any speech verb.
_RELEASE = re.compile(
    r"(?:coalition|israeli|idf|u\.?s\.?|us|russian|turkish)\s+(?:military\s+)?(?:forces|aircraft|jets|troops)"
    r"\s+(?:conducted|carried out|struck|targeted|engaged)"
)

_STANCES: tuple[tuple[Stance, re.Pattern[str]], ...] = (
    (
        Stance.NON_CREDIBLE,
        re.compile(
            r"non-?credible|not credible|no(?:t)? (?:enough|sufficient) (?:information|evidence)|غير ذي مصداقيه"
        ),
    ),
    (Stance.CREDIBLE, re.compile(r"(?<!non-)(?<!non )(?<!not )\bcredible\b|ذي مصداقيه")),
    (
        Stance.DENIES_CASUALTIES,
        re.compile(
            r"(?:not|n't|no longer) aware of any (?:civilian )?(?:casualties|deaths|harm)|no civilian (?:casualties|deaths|harm)"
            r"|did not (?:acknowledge|cause|result in) (?:the |any )?(?:civilian )?(?:casualties|deaths|harm)"
            r"|denied (?:that )?(?:any )?civilians?|no civilians were (?:killed|harmed|hurt)"
            r"|(?:نفى|نفت|ينفي|تنفي)\s+(?:\S+\s+){0,3}(?:سقوط|وقوع|مقتل)\s+(?:\S+\s+){0,2}(?:مدنيين|ضحايا)"
            r"|لم (?:يسقط|تسقط|يقتل) (?:اي )?(?:ضحايا|مدنيين|مدني)"
        ),
    ),
    (
        Stance.DENIES_STRIKE,
        re.compile(
            r"denied (?:carrying out|conducting|any involvement|responsibility|that it (?:struck|carried|conducted))"
            r"|did not (?:conduct|carry out) (?:any |the |an? )?(?:air ?)?strikes?|no (?:coalition |israeli |us |russian )?strikes? (?:was|were )?(?:conducted |carried out )?(?:in|near|on)"
            r"|(?:نفى|نفت|ينفي|تنفي)\s+(?:\S+\s+){0,3}(?:تنفيذ|قيام|مسؤولي|شن|استهداف)"
        ),
    ),
    (
        Stance.ADMITS_CASUALTIES,
        re.compile(
            r"(?:acknowledged|admitted|conceded|confirmed|regrets?) (?:that )?(?:the )?(?:\w+ )?(?:civilian (?:casualties|deaths)|civilians were"
            r"|the (?:loss|deaths) of)|unintentionally (?:killed|injured)|(?:اقر|اقرت|اعترف|اعترفت)\s+(?:\S+\s+){0,3}(?:بمقتل|بسقوط|بوقوع)"
        ),
    ),
    (
        Stance.ADMITS_STRIKE,
        re.compile(
            r"(?:strike|airstrike|attack) did take place|(?:strike|airstrike) took place|admitted (?:to )?carrying out"
            r"|(?:confirmed|acknowledged|admitted) (?:that )?(?:it|they|its forces) (?:had )?(?:struck|carried out|conducted|targeted|hit)"
            r"|said (?:that )?(?:it|they|its (?:forces|aircraft|jets)) (?:had )?(?:struck|targeted|hit|carried out|conducted)"
            r"|conducted (?:one|two|three|four|five|\d+|an?) (?:air ?)?strikes?|carried out (?:an? |one |\d+ )?(?:air ?)?strikes?"
            r"|declared strike"
            r"|(?:اقر|اقرت|اعترف|اعترفت|اعلن|اعلنت|اكد|اكدت|تبنى|تبنت)\s+(?:\S+\s+){0,4}"
            r"(?:[بل]?تنفيذ|[بل]?استهداف|بضرب|بقصف|مسؤوليت)"
        ),
    ),
    (
        Stance.INVESTIGATING,
        re.compile(
            r"investigat|civilian casualty (?:team|cell)|for further assessment|(?:referred|forwarded) (?:the \w+ )?to"
            r"|looking into|review(?:ing)? (?:the|this) (?:incident|report|allegation)|under review|assessing the (?:report|claim|allegation)"
            r"|فتح تحقيق|تحقيق|سيحقق|يحقق|التحقيق"
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

_SPEAKER = re.compile(
    r"((?:a |an |the )?(?:(?:coalition|military|idf|israeli|army|pentagon|centcom|russian|turkish|us|u\.s\.|defence|defense|ministry)"
    r"\s+){0,2}(?:spokes(?:person|man|woman)|official|press office))"
    r"|(المتحدث (?:باسم|الرسمي باسم) \S+(?: \S+)?|وزاره الدفاع \S+)"
)


# Words without which no stance pattern below can match (terms.TermIndex syntax). Sentences without
# any are skipped, which keeps long reports cheap.
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
            "conducted",
            "carried out",
            "investigat",
            "civilian casualty",
            "further assessment",
            "referred",
            "forwarded",
            "looking into",
            "review",
            "assessing",
            "blame",
            "caused by",
            "misfire",
            "human shield",
            "مصداقيه",
            "نفى",
            "نفت",
            "ينفي",
            "تنفي",
            "لم {يسقط|تسقط|يقتل}",
            "اقر",
            "اعترف",
            "اعلن",
            "اكد",
            "تبنى",
            "تبنت",
            "تحقيق",
            "يحقق",
            "سيحقق",
            "حمل",
            "اتهم",
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
    mentions = belligerent_mentions(norm_text) if mentions is None else mentions
    last_party: str | None = None
    cues = [h.start for h in _CUES.find(norm_text)]
    if not cues:
        return out
    for s, e in sentences(norm_text):
        i = bisect.bisect_left(cues, s)
        if i == len(cues) or cues[i] >= e:
            continue  # no stance word in this sentence: skip the costlier patterns
        sent = norm_text[s:e]
        party = _party(mentions, s, e)
        if party is None and re.search(r"\b(?:it|they|we|our)\b", sent):
            party = last_party  # "it promised to ...": the party of the previous statement
        speech = bool(_SPEECH.search(sent)) or bool(_RELEASE.search(sent))
        if not speech:
            continue
        speaker_m = _SPEAKER.search(sent)
        speaker = (
            speaker_m.group(0).removeprefix("a ").removeprefix("an ").removeprefix("the ")
            if speaker_m
            else None
        )
        found = False
        orig = doc.span(s, e)
        for stance, rx in _STANCES:
            if (
                stance is Stance.CREDIBLE
                and any(st.stance is Stance.NON_CREDIBLE for st in out[-3:])
                and "non" in sent
            ):
                continue
            if rx.search(sent):
                out.append(
                    Statement(
                        speaker=speaker, party=party, stance=stance, span=orig, quote=text[orig[0] : orig[1]]
                    )
                )
                found = True
        if found and party is not None:
            last_party = party
    return out


def _party(mentions: list[Mention], start: int, end: int) -> str | None:
    """The first belligerent named in the sentence as an actor (not as a target)."""
    for m in mentions:
        if start <= m.start < end and m.weight > 0:
            return m.name
    return None
