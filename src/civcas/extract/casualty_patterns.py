"""Compiled patterns for casualty extraction (English and Arabic, on `numbers.normalize`d text).

Kept apart from the logic in `casualties.py` so the word lists can grow without the
control flow getting lost. Every quantifier is bounded: these run on untrusted text.
"""

from __future__ import annotations

import re
from typing import Literal

from civcas.extract.numbers import trie_rx

Category = Literal["civilian", "people", "child", "woman", "man", "combatant"]
Event = Literal["killed", "injured"]


def _guarded(rx: str, first: str = "a-z\u0621-\u064a") -> re.Pattern[str]:
    # A cheap guard first (word start, a plausible letter): most positions fail there,
    # which keeps Python's re fast on long alternations.
    return re.compile(r"(?<!\w)(?=[" + first + "])(?:" + rx + ")")


_ARABIC = "\u0621-\u064a"


_DIA = "[\u064b-\u0652\u0640]{0,3}"  # Arabic diacritics/tatweel that may trail a word

# Person nouns by category. English singular forms are listed separately so that
# "a child" / "his wife" count as one.
_EN_NOUNS: dict[Category, tuple[str, str]] = {
    # (plural or invariant, singular)
    "child": (
        r"children|childs|kids|boys|girls|infants|babies|minors|toddlers|newborns|sons|daughters|"
        r"schoolchildren|grandchildren|teenagers|teens|students|pupils",
        r"child|kid|boy|girl|infant|baby|minor|toddler|newborn|son|daughter|grandchild|grandson|"
        r"granddaughter|teenager|teen|student|pupil",
    ),
    "woman": (
        r"women|mothers|wives|sisters|grandmothers|aunts|nieces",
        r"woman|mother|wife|sister|grandmother|aunt|niece|lady",
    ),
    "man": (
        r"men|fathers|husbands|brothers|grandfathers|uncles|nephews",
        r"man|father|husband|brother|grandfather|uncle|nephew|elderly man|young man",
    ),
    "civilian": (r"civilians|non-combatants|noncombatants", r"civilian"),
    "combatant": (
        r"militants|fighters|combatants|insurgents|suspects|operatives|gunmen|terrorists|soldiers|"
        r"jihadists|commanders|leaders|members of (?:hamas|al[- ]qassam|(?:palestinian )?islamic jihad|"
        r"al[- ]qaeda|aqap|al[- ]shabaab|the taliban|isis|is)|taliban|mujahideen|guards|bodyguards|"
        r"security personnel|police(?:men)?|police officers|officers|troops",
        r"militant|fighter|combatant|insurgent|suspect|operative|gunman|terrorist|soldier|jihadist|"
        r"commander|guard|bodyguard|policeman|police officer|officer",
    ),
    "people": (
        r"people|persons|individuals|palestinians|residents|members|relatives|victims|bodies|others|"
        r"journalists|paramedics|medics|doctors|nurses|workers|worshippers|displaced|refugees|guests|"
        r"neighbou?rs|youths|citizens|villagers|farmers|fishermen|passengers|family members|"
        r"persons|inhabitants|occupants|individuals|siblings|cousins|adults|elderly|pedestrians|"
        r"shepherds|truckers|labou?rers|men and women|women and children|children and women|"
        r"generations|yemenis|pakistanis|somalis|afghans|tribesmen|locals|employees|staff|staff members|"
        r"crew members|colleagues|patients|parents|more",
        r"person|individual|palestinian|resident|member|relative|victim|body|journalist|paramedic|medic|"
        r"doctor|nurse|worker|worshipper|refugee|guest|neighbour|neighbor|youth|citizen|villager|farmer|"
        r"fisherman|passenger|family member|inhabitant|occupant|cousin|adult|pedestrian|shepherd|"
        r"local|employee|staff member|crew member|colleague|patient|other",
    ),
}

_AR_NOUNS: dict[Category, str] = {
    "child": r"اطفال|طفل|طفلا|طفله|طفلة|طفلين|طفلان|طفلتين|طفلتان|قاصرين|قاصر|رضيع|رضيعا|رضيعة|رضيعه|اطفالا",
    "woman": r"نساء|امراه|امراة|امرات|امراتين|امراتان|سيده|سيدة|سيدات|سيدتين|نسوة|نسوه|فتاه|فتاة",
    "man": r"رجال|رجل|رجلا|رجلين|رجلان|شاب|شابا|شبان|شابين|شابان|مسن|مسنا",
    "civilian": r"مدنيين|مدنيا|مدني|مدنيون|مدنيان|المدنيين",
    "combatant": (
        r"عناصر|عنصر|عنصرا|عنصرين|مقاتلين|مقاتلا|مقاتل|مسلحين|مسلحا|جنود|جندي|جنديا|عسكريين|عسكريا|"
        r"عسكري|قياديين|قيادي|قياديا"
    ),
    "people": (
        r"اشخاص|شخصا|شخص|شخصين|شخصان|مواطنين|مواطنا|مواطن|مواطنون|افراد|فردا|ضحايا|ضحيه|ضحية|"
        r"نازحين|اخرين|اخرون|اخر|اخرى|اخري|اشخاصا"
    ),
}

# "وأطفالها الأربعة", "أطفاله الثلاثة": a family's children, counted after the noun with the article.
AR_CHILDREN_WORDS = ("اطفال", "صغار")
AR_DEFINITE_COUNTS = {
    "اثنين": 2, "اثنان": 2, "ثلاثة": 3, "ثلاثه": 3, "اربعة": 4, "اربعه": 4, "خمسة": 5, "خمسه": 5,
    "ستة": 6, "سته": 6, "سبعة": 7, "سبعه": 7, "ثمانية": 8, "ثمانيه": 8, "تسعة": 9, "تسعه": 9,
    "عشرة": 10, "عشره": 10,
}  # fmt: skip
AR_CHILDREN_COUNTED_AFTER = re.compile(
    r"(?:اطفال|صغار)(?:ه|ها|هما|هم|هن)\s{1,3}ال(?P<n>"
    + "|".join(AR_DEFINITE_COUNTS)
    + r")(?![\u0621-\u064a])"
)


# "بينهم طفل وامرأة": singular nouns (one each) listed after an "including" word.
# Arabic scans start with a literal (re then scans fast); callers check the word start with
# `ar_word_start`, which allows a one-letter proclitic (و ب ل).
AR_INCLUDED_WORDS = ("بينهم", "بينهن", "منهم", "منهن", "بينهما")
AR_INCLUDED_START = re.compile("(?:" + "|".join(AR_INCLUDED_WORDS) + r")\s{1,3}(?=[\u0621-\u064a])")
# The persons a list of the dead names one by one ("طفل", "امرأة"...).
_AR_LIST_NOUN = (
    r"(?:ال)?(?P<noun>طفل|طفلة|طفله|رضيع|رضيعة|امراة|امراه|سيدة|سيده|فتاة|فتاه|رجل|شاب|شابة|مسن|مسنة"
    # A wife, mother or father, by whose they are ("وزوجته", "ووالدتها"): the stem, its possessive
    # after. (A brother, sister, son or daughter may be a child or an adult: not listed here.)
    r"|(?:زوجت|والدت|والد)(?=ه))"
)
AR_INCLUDED_ITEM = re.compile(r"\s{0,3}(?:و\s{0,2})?" + _AR_LIST_NOUN + r"[\u064b-\u0652\u0640]{0,3}(?!\w)")
# A dual with a possessive drops its ن: "مقتل امرأة وطفليها" (a woman and her two children).
_AR_DUAL_POSSESSED: dict[str, Category] = {
    stem + ending: "child"
    for stem in ("طفل", "طفلت")
    for ending in ("يه", "يها", "يهما", "يهم", "اه", "اها", "اهما")
}
# Another person joined by و to a singular after its event word: "مقتل امرأة وطفل", "وطفلها".
AR_AND_ITEM = re.compile(
    r"\s{0,3}و\s{0,2}" + _AR_LIST_NOUN + r"(?:هما|هم|ها|ه)?[\u064b-\u0652\u0640]{0,3}(?!\w)"
)
# Arabic nouns whose unvocalized form is a dual (= 2) without any number word.
AR_DUAL_WORDS = (
    "طفلين طفلان طفلتين طفلتان شخصين شخصان امراتين امراتان رجلين رجلان شابين شابان مدنيان قتيلين قتيلان "
    "جريحين جريحان شهيدين شهيدان سيدتين شقيقين شقيقان عنصرين"
).split() + list(_AR_DUAL_POSSESSED)
AR_DUALS = re.compile("(?:" + trie_rx(AR_DUAL_WORDS) + ")" + _DIA + r"(?!\w)")
# One relative, named by whose they are: "إصابة والدتهما" (their mother was injured), "زوجته".
_AR_KIN_SUFFIXES = ("ه", "ها", "هما", "هم")
_AR_KIN: dict[str, Category] = {
    **{"والد" + e: "man" for e in _AR_KIN_SUFFIXES},
    **{"والدت" + e: "woman" for e in _AR_KIN_SUFFIXES},
    **{"زوجت" + e: "woman" for e in _AR_KIN_SUFFIXES},
    **{"شقيق" + e: "people" for e in _AR_KIN_SUFFIXES},
    **{"شقيقت" + e: "people" for e in _AR_KIN_SUFFIXES},
    **{"ابن" + e: "people" for e in _AR_KIN_SUFFIXES},
    **{"ابنت" + e: "people" for e in _AR_KIN_SUFFIXES},
}
_AR_SING_NOUNS = (
    "طفل طفلة طفله مدني امراة امراه سيدة سيده رجل شاب شابة شابه مسن مسنة مواطن مواطنة مواطنه شخص فتاة فتاه "
    "رضيع رضيعة عنصر مقاتل جندي صحفي ناشط عامل مزارع راع طالب"
).split() + list(_AR_KIN)
AR_SING_EVENTS = (
    "مقتل قتل تقتل يقتل قتلت استشهاد استشهد استشهدت ارتقاء ارتقي وفاة وفاه مصرع اصابة اصابه اصيب اصيبت جرح "
    "شهيد شهيدة شهيده سقوط اعدام"
).split()
_AR_SING_NOUN = "(?P<noun>" + trie_rx(_AR_SING_NOUNS) + r")(?:ا(?!\w))?"
# "مقتل طفل", "تقتل طفلاً", "لمقتل مدني", "بمقتل شخص".
AR_SING_EVENT_FIRST = re.compile(
    "(?P<ev>" + trie_rx(AR_SING_EVENTS) + r")\s{1,3}(?:ال)?" + _AR_SING_NOUN + _DIA + r"(?!\w)"
)
# "مدنياً قتل", "طفل استشهد". Every match contains one of AR_NOUN_FIRST_KEYS (its event words):
# most reports lack them all, and then the pattern is not tried.
AR_NOUN_FIRST_KEYS = ("قتل", "استشهد", "لقي", "توفي", "اصيب", "جرح")
AR_NOUN_FIRST_WORDS = _AR_SING_NOUNS + ["ال" + n for n in _AR_SING_NOUNS]
AR_SING_NOUN_FIRST = re.compile(
    "(?:"
    + trie_rx(AR_NOUN_FIRST_WORDS)
    + r")(?:ا(?!\w))?"
    + _DIA
    + r"\s{1,3}(?P<ev>قتل|استشهد|لقي\s{1,3}حتفه|لقي\s{1,3}مصرعه|توفي|اصيب|جرح)(?!\w)"
)


def ar_word_start(text: str, pos: int) -> bool:
    """`pos` starts a word, possibly after a one-letter proclitic (و ب ل)."""
    if pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] == "_"):
        return True
    return text[pos - 1] in "وبل" and (pos == 1 or not text[pos - 2].isalnum())


def ar_noun(word: str) -> str:
    """The dictionary form of a matched singular noun: no article, accusative alef or diacritics."""
    word = word.rstrip("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640")
    if word.startswith("ال") and word[2:].rstrip("ا") in AR_SINGULAR_CATEGORY:
        word = word[2:]
    if word not in AR_SINGULAR_CATEGORY and word.endswith("ا"):
        word = word[:-1]
    return word


AR_SINGULAR_CATEGORY: dict[str, Category] = {
    "طفل": "child", "طفلة": "child", "طفله": "child", "رضيع": "child", "رضيعة": "child", "فتاة": "child",
    "فتاه": "child", "مدني": "civilian", "امراة": "woman", "امراه": "woman", "سيدة": "woman",
    "سيده": "woman", "رجل": "man", "شاب": "man", "مسن": "man", "شابة": "woman", "شابه": "woman",
    "مسنة": "woman", "مواطن": "people", "مواطنة": "woman", "مواطنه": "woman", "شخص": "people",
    "عنصر": "combatant", "مقاتل": "combatant", "جندي": "combatant", "صحفي": "people", "ناشط": "people",
    "عامل": "people", "مزارع": "people", "راع": "people", "طالب": "child", **_AR_KIN,
    "زوجت": "woman", "والدت": "woman", "والد": "man",
}  # fmt: skip
AR_DUAL_CATEGORY: dict[str, tuple[Category, Event | None]] = {
    "طفلين": ("child", None), "طفلان": ("child", None), "طفلتين": ("child", None),
    "طفلتان": ("child", None), "شخصين": ("people", None), "شخصان": ("people", None),
    "امراتين": ("woman", None), "امراتان": ("woman", None), "سيدتين": ("woman", None),
    "رجلين": ("man", None), "رجلان": ("man", None), "شابين": ("man", None), "شابان": ("man", None),
    "مدنيان": ("civilian", None), "قتيلين": ("people", "killed"), "قتيلان": ("people", "killed"),
    "شهيدين": ("people", "killed"), "شهيدان": ("people", "killed"), "جريحين": ("people", "injured"),
    "جريحان": ("people", "injured"), "مصابين اثنين": ("people", "injured"),
    "شقيقين": ("people", None), "شقيقان": ("people", None), "عنصرين": ("combatant", None),
    "مقاتلين اثنين": ("combatant", None),
    **{word: (cat, None) for word, cat in _AR_DUAL_POSSESSED.items()},
}  # fmt: skip


def _group_rx(prefix: str, groups: dict[Category, str]) -> str:
    # Group names are "<prefix>_<category>"; `category_of` reads them back.
    return "|".join(f"(?P<{prefix}_{name}>{rx})" for name, rx in groups.items())


def category_of(m: re.Match[str]) -> Category | None:
    """The noun category a match of `EN_NOUN_AFTER` or `AR_NOUN_AFTER` found, if any.

    Their only groups are the alternatives for the noun, one of which matched: the last group
    closed names it (`lastgroup`, instead of building the dict of every group)."""
    name = m.lastgroup
    if name is not None and "_" in name:
        cat = name.split("_", 1)[1]
        if cat in _EN_NOUNS:
            return cat  # type: ignore[return-value,unused-ignore]
    return None


_EN_PLURAL_RX = _group_rx("enp", {cat: plural for cat, (plural, _s) in _EN_NOUNS.items()})
_EN_SING_RX = _group_rx("ens", {cat: sing for cat, (_p, sing) in _EN_NOUNS.items()})
_AR_NOUN_RX = _group_rx("ar", _AR_NOUNS)

# Event nouns that can stand right after a number: "18 killed", "14 injuries", "12 قتيلا".
_EV_KILLED_NOUN = (
    r"killed|dead|deaths|fatalities|martyrs|died|perished|bodies|"
    r"قتلي|قتيلا|قتيل|شهداء|شهيدا|شهيد|ضحايا|ضحية|وفيات|حالات وفاة"
)
_EV_INJURED_NOUN = (
    r"injured|wounded|injuries|injury|hurt|جرحي|جريحا|جريح|مصابين|مصابا|مصاب|اصابات|اصابة|اصابه|حالات اصابة"
)

# After a number: optional "of (the|them)", up to 4 modifier words, then a person noun
# or an event noun. Modifiers exclude words that would cross into another clause.
_MOD = (
    r"(?:(?!(?:were|was|are|is|had|have|and|or|in|by|on|at|from|when|as|who|after|while|but|"
    r"including|killed|injured|wounded|dead|died|year|years|month|months|day|days|hours|minutes|km|"
    r"kilometers|kilometres|meters|metres|miles|am|pm|missiles|rockets|bombs|strikes|airstrikes|times|"
    r"houses|homes|buildings|floors|storey|story|cars|vehicles|percent)\b)[\w'’-]{1,20}\s{1,3}){0,4}?"
)
_NOUN_EVENTS = r"(?P<evk>" + _EV_KILLED_NOUN + r")|(?P<evi>" + _EV_INJURED_NOUN + r")"
_EN_NOUN_ALT = f"(?:{_NOUN_EVENTS}|{_EN_PLURAL_RX}|{_AR_NOUN_RX})"
_AR_NOUN_ALT = f"(?:{_NOUN_EVENTS}|{_AR_NOUN_RX})"


def _branches(alternation: str) -> list[str]:
    """The top-level branches of a regex alternation (groups kept whole)."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(alternation):
        if ch == "(" and alternation[i - 1 : i] != "\\":
            depth += 1
        elif ch == ")" and alternation[i - 1 : i] != "\\":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(alternation[start:i])
            start = i + 1
    out.append(alternation[start:])
    return out


def _leading_pairs(*alternations: str) -> list[str]:
    """The first two characters of every branch, each a required literal there (checked)."""
    pairs = set()
    for alternation in alternations:
        for branch in _branches(alternation):
            if branch.startswith(("(?P<", "(?:")) and branch.endswith(")"):  # a group, unquantified
                inner = branch[branch.index(">") + 1 : -1] if branch[2] == "P" else branch[3:-1]
                pairs.update(_leading_pairs(inner))
                continue
            lead = branch[:2]
            if len(branch) < 2 or not lead.isalpha() or branch[2:3] in ("?", "*", "{"):
                raise ValueError(f"no literal start in {branch!r}")
            pairs.add(lead)
    return sorted(pairs)


# The noun alternatives are named groups, so `re` enters every group at every position it tries
# (after each of up to four modifier words): some 250 branches. A look-ahead for the two letters
# that every branch starts with (a trie: it fails at the first letter in most places) lets only the
# positions where some noun could begin reach them; the matches are the same.
_NOUN_GUARD = "(?=" + trie_rx(_leading_pairs(_EN_NOUN_ALT)) + ")"
_AR_NOUN_GUARD = "(?=" + trie_rx(_leading_pairs(_AR_NOUN_ALT)) + ")"
# "8 of them children", "8 of whom were children": the count's own noun, after "of whom were" (not
# "two of whom were among the seven women": an aside on a group already counted).
_EN_BEFORE_NOUN = (
    r"[\"”“']?(?:\s{0,3}|\s{1,3}(?:of\s{1,3}(?:the\s{1,3}|(?:them|whom|those)"
    r"(?:\s{1,3}(?:were|are|being)(?!\s{1,3}(?:among|also|part|from|in|of)\b))?)?\s{0,3})?)"
)
EN_NOUN_AFTER = re.compile(_EN_BEFORE_NOUN + _MOD + _NOUN_GUARD + _EN_NOUN_ALT + r"(?!\w)" + _DIA)
# Arabic: "3 من المدنيين", numbers before nouns with the article.
_AR_BEFORE_NOUN = r"\s{0,3}(?:من\s{1,3})?(?:ال)?"
# "ثلاثة من أطفالهما": the noun may carry a possessive ("their children").
AR_NOUN_AFTER = re.compile(
    _AR_BEFORE_NOUN + _AR_NOUN_GUARD + _AR_NOUN_ALT + _DIA + r"(?:ه|ها|هما|هم|هن)?(?!\w)"
)
# "a child", "an elderly woman", "his wife", "one man".
_SING_ADJ = (
    r"(?:young|elderly|old|older|pregnant|little|small|teenage|local|palestinian|disabled|displaced|female|male|"
    r"another|other|second|third|fourth|fifth|sixth|further|newborn|new-born|infant|baby|unnamed|unidentified|"
    r"unarmed|civilian|single|wounded|injured|\w{1,12}[- ](?:years?|months?|days?|weeks?)[- ]old|"
    r"\w{1,12}-(?:year|month|day|week)|old|youngest|eldest|oldest|\w{1,10}'s|"
    # nationalities: "a dutch woman", "a british man"
    r"[a-z]{2,10}(?:an|ish|ese|ch))"
)
# Singular nouns as one prefix-factored alternation; the category comes from a dict lookup
# (named groups per category would make every attempt try six alternations).
EN_SING_CATEGORY: dict[str, Category] = {
    word: cat for cat, (_plural, sing) in _EN_NOUNS.items() for word in sing.split("|")
}
EN_SINGULAR_ARTICLES = ("a", "an", "one", "his", "her", "their")
EN_SINGULAR = re.compile(
    # Starts with literals (no guard); callers check the word boundary.
    "(?:"
    + "|".join(EN_SINGULAR_ARTICLES)
    + r")\s{1,3}(?:"
    + _SING_ADJ
    + r",?\s{1,3}){0,3}?(?P<noun>"
    + trie_rx(list(EN_SING_CATEGORY))
    + r")\b(?!['’]s|-|\s{1,3}(?:camp|of\s{1,3}(?:hamas|the\s{1,3}(?:hamas|al|qassam|islamic|board))))"
)
# A number that is an age, a time or a measure, never a head count.
NOT_A_COUNT_AFTER = re.compile(
    r"\s{0,2}-?\s{0,2}(?:years?|yrs?|months?|weeks?|days?|hours?|minutes?|km|kilomet(?:er|re)s?|met(?:er|re)s?|"
    # a date: "3 june", "on 12 may a strike ..." (not "3 may have been killed")
    r"jan(?:uary)?|feb(?:ruary)?|march|april|may(?!\s{1,3}(?:have|be|not|also|still))|june|july|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    r"miles?|am|a\.m|pm|p\.m|%|percent|storey|story|floors?|generations?|sa|عاما|عام|سنوات|سنة|سنه|اعوام|شهرا|اشهر|يوما|ايام|"
    r"ساعة|ساعات|كم|كيلو|متر|عاماً)\b"
)
NOT_A_COUNT_BEFORE = re.compile(
    r"(?:aged|age|ages|born\s+in|no\.|number|street|st\.|block|route|road|building|عمر|العمر|الساعة|رقم)\s{1,3}$"
    r"|[#/]\s?$"
)

# Event words; "before" ones precede the count ("killing 5"), "after" ones follow it
# ("5 people were killed"). Arabic puts the event noun first: "مقتل 5 مدنيين".
EV_BEFORE = _guarded(
    r"(?P<killed>\b(?:killed|killing|kills|kill|killings?\s+of|deaths?\s+of|death\s+toll\s+(?:of|at|rose\s+to|"
    r"reached|to|stands\s+at|was|is)|toll\s+(?:of|at|rose\s+to|reached|to|was|is)|claim(?:ed|ing)?\s+the\s+lives\s+of|"
    r"took\s+the\s+lives\s+of|taking\s+the\s+lives\s+of|left|leaving|lives\s+of|dead|died|martyred|massacred|"
    r"bodies\s+of|murder(?:ed|ing)?|slaughtered|slew|incinerat(?:ed|ing)|victims\s+(?:of\s+the\s+\w{1,12}\s+)?(?:included|include|were)|"
    r"among\s+the\s+(?:dead|killed|victims|fatalities)(?:\s+(?:were|was))?|the\s+dead\s+(?:included|include|were)|(?:death\s+)?toll(?:\s+(?:ranged|rose|reached|stood|stands|climbed|increased|was|is))?(?:\s+(?:at|to|of|from))?)\b"
    r"|(?<!\w)[وب]?(?:مقتل|قتل|قتلت|يقتل|تقتل|استشهاد|استشهد|استشهدت|ارتقاء|ارتقي|ارتقت|وفاة|وفاه|مصرع|سقوط|"
    r"حصيلة|حصيله|عدد\s{1,3}(?:القتلي|الشهداء|الضحايا)|القتلي|الشهداء|الضحايا|اودت\s{1,3}بحياة|اودي\s{1,3}بحياة|"
    r"حياة|بحياة|مجزرة|مجزره)(?!\w))"
    r"|(?P<injured>\b(?:injuring|injured|injures|injure|wounding|wounded|wounds|injuries\s+(?:to|of)|"
    r"injury\s+(?:to|of)|hurt|hurting|maiming|maimed)\b"
    r"|(?<!\w)[وب]?(?:اصابة|اصابه|اصيب|اصيبت|اصابت|جرح|جرحت|يصاب|اصابات|عدد\s{1,3}(?:الجرحي|المصابين)|"
    r"الجرحي|المصابين)(?!\w))"
)
EV_AFTER = _guarded(
    r"(?P<killed>\b(?:killed|dead|died|die|perished|lost\s+their\s+lives|lost\s+his\s+life|lost\s+her\s+life|"
    r"martyred|slain|incinerated|deaths|fatalities|fatally|murdered|massacred|bodies\s+were\s+recovered|"
    r"among\s+the\s+dead|death)\b"
    r"|(?<!\w)(?:قتلوا|قتلي|قتيلا|قتيل|شهداء|شهيدا|استشهدوا|استشهد|ارتقوا|لقوا\s{1,3}حتفهم|لقي\s{1,3}حتفه|"
    r"لقوا\s{1,3}مصرعهم|لقي\s{1,3}مصرعه|قضوا|حتفهم|مصرعهم)(?!\w))"
    r"|(?P<injured>\b(?:injured|wounded|hurt|injuries|wounds|hospitali[sz]ed|"
    r"treated|among\s+the\s+injured)\b"
    r"|(?<!\w)(?:اصيبوا|اصيب|جرحي|جريحا|جرحوا|مصابين|باصابات|بجروح|اصابات|اصابة|اصابه)(?!\w))"
)
# A count with no noun, then its own verb: "at least 13 were injured", "dozens were reportedly wounded".
COUNT_THEN_PASSIVE = re.compile(
    r"\s{1,3}(?:were|have\s{1,3}been|had\s{1,3}been)\s{1,3}(?:(?:[a-z]{2,12}ly|also|all|later|reported)\s{1,3}){0,2}"
    r"(?:(?P<killed>killed|dead|martyred|slain|incinerated)|(?P<injured>injured|wounded|hurt|hospitali[sz]ed))\b"
)
# Between a sub-count and a member it singles out: "nine children, one of them a baby".
ONE_OF_THEM = re.compile(
    r"[\s,;:(\u2013\u2014-]{0,4}(?:(?:one|two|three|\d{1,2})\s{1,3}of\s{1,3}(?:them|whom|those)|among\s{1,3}(?:them|whom)|"
    r"amongst\s{1,3}them)\s{0,3}(?:was\s{1,3}|were\s{1,3}|is\s{1,3}|being\s{1,3})?"
)
# After an event verb: an object follows, so the verb belongs to the next count.
TAKES_OBJECT = re.compile(
    r"\s{1,3}(?:up\s+to|at\s+least|more\s+than|about|around|nearly|some|between|over|\d|an?\s|one|two|three|four|"
    r"five|six|seven|eight|nine|ten|eleven|twelve|dozens|scores|hundreds|several|others|many|numerous|his|her|their)"
)
# "14 civilians, killed and wounded": a casualty total, neither figure.
KILLED_AND_INJURED = re.compile(
    r"\s{0,3}(?:بين\s{1,3}(?:قتيل\s{0,2}و\s{0,2}جريح|شهيد\s{0,2}و\s{0,2}جريح|قتلي\s{0,2}و\s{0,2}جرحي|شهداء\s{0,2}و\s{0,2}جرحي)"
    r"|(?:were\s{1,3})?(?:killed|dead)\s{1,3}(?:or|and)\s{1,3}(?:injured|wounded)|casualties)"
)
# Right before a count: "استشهاد وإصابة 3 مواطنين", "killed or injured 14 people".
KILLED_AND_INJURED_BEFORE = re.compile(
    r"(?:(?:استشهاد|مقتل|قتل|سقوط|وفاة)\s{0,2}و\s{0,2}(?:اصابة|اصابه|اصيب|جرح)|"
    r"(?:killed|killing|dead)\s{1,3}(?:or|and)\s{1,3}(?:injured|injuring|wounded|wounding))\s{1,3}$"
)
# The words a KILLED_AND_INJURED_BEFORE match ends with, before its spaces: `str.endswith` rules
# out most counts without running that search.
KILLED_AND_INJURED_LAST = ("اصابة", "اصابه", "اصيب", "جرح", "injured", "injuring", "wounded", "wounding")
# A new clause about other people: an "including" after it does not break down the earlier count.
NEW_CLAUSE = re.compile(
    r"\b(?:and|while|whereas|but)\s{1,3}(?:many|several|numerous|other|others|another|a\s+number|an\s+unknown|dozens|"
    r"scores|hundreds|some|more|at\s+least|up\s+to|\d)|(?<!\w)و\s{0,2}(?:اصابة|اصابه|جرح|اصيب)"
)
# Where a list of sub-groups starts: "18 killed, including five children".
INCLUDING = _guarded(
    r"\b(?:including|includ(?:ed|es)|among\s+them|among\s+whom|among\s+those(?:\s+killed|\s+injured|\s+wounded)?|"
    r"among\s+the\s+(?:dead|victims|killed|injured|wounded|fatalities)|of\s+whom|of\s+them|amongst\s+them|"
    r"comprising|consisting\s+of|namely|most\s+of\s+them|mostly|mainly|all\s+of\s+them)\b"
    r"|(?<!\w)(?:بينهم|بينهن|منهم|منهن|من\s{1,3}بينهم|من\s{1,3}بينهن|بينهما|وبينهم|معظمهم|غالبيتهم)(?!\w)"
)
# Sentences about cumulative tolls, not this incident.
CUMULATIVE = _guarded(
    r"\b(?:since\s+(?:the\s+(?:start|beginning|outbreak)|october|oct\.?\s+7|7\s+october|the\s+war|then|the\s+escalation)|"
    r"so\s+far|total\s+(?:death\s+)?toll|overall\s+toll|cumulative|throughout\s+the\s+war|in\s+total\s+since|"
    r"over\s+the\s+past|this\s+year|last\s+year|in\s+the\s+past\s+(?:week|month|year|\d+)|war\s+on\s+gaza\s+to|"
    r"across\s+gaza|in\s+the\s+gaza\s+strip\s+(?:to|has|rose)|(?:rose|risen|climbed)\s+to\s+[\d,]{5,}|"
    r"monthly|per\s+month|previous|earlier\s+(?:strike|attack|incident)|during\s+the\s+campaign)\b"
    r"|(?<!\w)(?:خلال\s{1,3}(?:هذه\s{1,3})?الحملة|خلال\s{1,3}العام|منذ\s{1,3}بدء|منذ\s{1,3}بداية|منذ\s{1,3}مطلع|الحصيلة\s{1,3}الاجمالية|اجمالي|منذ\s{1,3}السابع)(?!\w)"
)
# "two female civilians, both children": every one of the count is of that group.
ALL_OF_THEM = re.compile(
    r",?\s{0,2}(?:both|all(?:\s{1,3}of\s{1,3}them)?)\s{1,3}(?:(?:[a-z]{3,12})\s{1,3})?"
    r"(?P<noun>children|boys|girls|minors|women|men)\b"
    r"(?!\s{0,3}(?:,\s{0,3}|and\s{1,3}|or\s{1,3}|&\s{0,3})(?:women|children|men|boys|girls|minors|elderly))"
)
# "20 people were killed, half of them children": half the count is of that group.
HALF_OF_THEM = re.compile(
    r"(?:\s{1,3}(?:were|have\s{1,3}been)\s{1,3}(?:[a-z]{2,12}ly\s{1,3})?(?:killed|martyred|slain))?"
    r",?\s{0,2}half\s{1,3}of\s{1,3}(?:them|whom)\s{1,3}(?:were\s{1,3})?"
    r"(?P<noun>children|boys|girls|minors|women|men)\b"
)
# "five of them civilians": the civilians among a larger count.
OF_THEM_CIVILIANS = _guarded(
    r"\b(?:of\s+(?:them|whom)|of\s+those)\s{1,3}(?:were\s{1,3})?(?:reportedly\s{1,3})?(?:civilians|civilian)\b"
)
# "unknown/unspecified number" and similar: no figure.
# Sentence ends: punctuation (kept in the sentence) then space, or newlines. Starting with a
# character class lets re scan fast.
SENTENCE_SPLIT = re.compile(
    r"[.!?؟;\n](?<!\bdr\.)(?<!\bmr\.)(?<!\bmrs\.)(?<!\bms\.)(?<!\bprof\.)(?<!\bst\.)"  # not "Dr. Darwazeh"
    r"(?:(?<=\n)\n{0,9}|[\s\"”’)]{1,4}(?=\S))"
)

# "No one was killed", "no casualties": the lead says there is no figure to fall back on.
NO_VICTIMS = re.compile(
    r"\b(?:no\s+one|nobody|none|no\s+(?:\w+\s+)?(?:civilians|people|persons|residents|children|women|men))\s+"
    r"(?:\w+\s+){0,2}?(?:was|were|(?:had|has|have)\s+been)\s+(?:\w+\s+)?(?:killed|hurt|injured|wounded|harmed)"
    r"|\bno\s+(?:\w+\s+)?(?:casualties|deaths|fatalities|injuries)\b"
    # "(من) دون وقوع إصابات", "لم يسفر القصف عن وقوع ضحايا", "ولم تسجل اصابات", "لا ضحايا" (normalised
    # text: إ→ا, ى→ي).
    r"|(?<![\u0621-\u064a])(?:[وف]?(?:ب?دون|دونما)\s+(?:(?:وقوع|تسجيل|حدوث|اي)\s+)?"
    r"|[وف]?لم\s+(?:يسفر|تسفر|يسفرا|يؤد|تؤد|يخلف|تخلف|تسجل|يسجل|ترد|يرد|تقع|يقع)\s+(?:[\u0621-\u064a]+\s+){0,3}?"
    r"|[وف]?لا\s+(?:(?:معلومات|انباء|اخبار)\s+(?:عن\s+)?(?:(?:وقوع|سقوط)\s+)?)?)(?:اصابات|ضحايا|خسائر\s+بشري[ةه]|قتلي|جرحي|وفيات|اصابات\s+بشري[ةه])(?![\u0621-\u064a])"
)
# Fallbacks when no figure is given: a plural ("others were injured") is at least two,
# as analysts code it; "X was killed" is one.
LEAD_INJURED = _guarded(
    r"\b(?:injur\w{0,6}|wound\w{0,4}|hurt)\b|(?<!\w)(?:[وب]?(?:اصابة|اصابه|اصابات|جرحي|جرح|اصيب\w{0,3}|مصابين|جريح\w{0,2}))(?!\w)"
)
LEAD_KILLED = _guarded(
    r"\b(?:killed|killing|dead|died|deaths?|fatalities|lives)\b"
    r"|(?<!\w)[وب]?(?:مقتل|قتل|قتلي|استشهاد|شهداء|شهيد|ارتقاء|وفاة|مصرع|ضحايا)(?!\w)"
)
# The lead says that several people (not one) were injured, without a figure.
PLURAL_INJURED = _guarded(
    r"\b(?:others|people|civilians|residents|members|relatives|persons|individuals|many)\s{1,3}(?:\w{1,12}\s{1,3}){0,2}?"
    r"(?:(?:were|have\s+been|had\s+been)\s{1,3})?(?:[a-z]{2,12}ly\s{1,3})?(?:injured|wounded|hurt)\b"
    r"|\b(?:injuring|wounding|injured|wounded)\s{1,3}(?:\w{1,12}\s{1,3}){0,2}?(?:others|people|civilians|members|relatives)\b"
)
SINGLE_KILLED = _guarded(
    r"\b(?:was|has\s+been|had\s+been)\s{1,3}(?:\w{1,12}\s{1,3}){0,2}?(?:killed|shot\s+dead|martyred)\b"
    r"|\b(?:killing|killed)\s{1,3}(?:a|an|one|him)\b|\b(?:death|killing)\s{1,3}of\s{1,3}(?:a|an|one)\b"
)
# One victim beyond the stated figures, in a monitor's write-up: "a fourth boy, Karim, was also
# killed", "another relative also lost his life", "an unidentified man was also killed", "the toll
# could be six". Each match begins with one of
# ONE_MORE_WORDS (`casualty_scan`). One subject, one verb: "another member ... and her children
# were also killed" goes on a list of victims already counted.
_ORDINALS = "second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()
ONE_MORE_NUMBERED = [f"{n}{s}" for n in range(2, 21) for s in ("nd", "rd", "th")]
ONE_MORE_WORDS = ["another", "further", "additional", "unknown", "unidentified", *_ORDINALS]
_ONE_MORE_NOUN = (
    r"(?:civilian|person|man|woman|female|male|child|boy|girl|infant|baby|victim|relative|"
    r"(?:family\s+)?member|body)"
)
ONE_MORE = re.compile(
    r"(?:(?:another|one\smore)(?P<also_needed>)|(?:(?<=\ba\s)|(?<=\ban\s))(?:further|additional|unknown|unidentified|"
    + "|".join(_ORDINALS)
    + r"|(?:[2-9]|1\d|20)(?:nd|rd|th)))\s+(?:[\w-]+\s+){0,2}?"
    + _ONE_MORE_NOUN
    + r"\b(?P<mid>[^.\n]{0,120}?)\b(?:killed|died|lost\s+(?:his|her|their)\s+li(?:fe|ves)|martyred)\b"
)
# A toll's own upper bound, after its figure: "the toll could be six", "killed at least three, possibly
# as many as seven". Each match begins with one of ONE_MORE_TOLL_WORDS (`casualty_scan`).
ONE_MORE_TOLL_WORDS = ["toll", "possibly", "perhaps", "maybe"]
ONE_MORE_TOLL = re.compile(
    r"(?:toll\s+(?:could|may|might)\s+(?:be|have\s+been|reach)\s+(?:as\s+high\s+as\s+)?"
    r"|(?:possibly|perhaps|maybe)\s+(?:as\s+many\s+as|up\s+to|as\s+high\s+as)\s+)(?P<n>\d{1,3}|[a-z]+)\b"
    r"(?![^.;\n]{0,30}?(?:injur|wound|hurt))"
)
