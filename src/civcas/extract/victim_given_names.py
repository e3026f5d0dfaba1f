"""A victim's gender from the given name: common women's names in their usual transliterations,
and the -a ending most women's names share (less the men's names that have it).
"""

from __future__ import annotations

import re

# Common female given names in Gaza/Levant write-ups (transliteration variants), used for gender.
_FEMALE_NAMES = frozenset(
    {
        "aisha", "aysha", "ayesha", "amal", "amani", "amira", "ameera", "amna", "aminah", "amina", "areej",
        "arij", "asmaa", "asma", "aseel", "aya", "ayat", "batoul", "bisan", "bushra", "dalal", "dalia",
        "dana", "dania", "danya", "dima", "dina", "doaa", "duaa", "dua", "eman", "iman", "fatima", "fatma",
        "fatimah", "fedaa", "fida", "farah", "ghada", "ghadeer", "hadeel", "hala", "halima", "hana",
        "hanan", "haneen", "hanin", "hiba", "heba", "hind", "hoda", "huda", "ibtisam", "ikram", "ikhlas",
        "inshirah", "intisar", "isra", "israa", "jana", "janan", "jannat", "jenin", "jude", "judy",
        "jumana", "kawthar", "khadija", "khitam", "lana", "lamia", "lama", "lamees", "layan", "layla",
        "leila", "lina", "lubna", "lujain", "maha", "malak", "malika", "manar", "maria", "mariam",
        "maryam", "marwa", "maysaa", "mays", "mayar", "mervat", "mirna", "mona", "muna", "nada", "nadia",
        "najwa", "narges", "nawal", "nesreen", "nisreen", "nimat", "nima", "noor", "nour",
        "noura", "nora", "ola", "omnia", "rabab", "rafif", "raghad", "rahaf", "rama", "rana",
        "raneem", "rania", "rasha", "rasmiya", "rawan", "razan", "reem", "rim", "rima", "reham", "rand",
        "ruba", "rula", "sabreen", "safa", "safaa", "sahar", "saja", "salma", "sama", "samah",
        "samar", "samira", "sana", "sara", "sarah", "sawsan", "shahd", "sham", "shaima", "shaimaa",
        "shatha", "shireen", "siham", "somaya", "sondos", "souad", "suad", "suha", "suhair", "sumaya",
        "tahani", "tala", "taqwa", "tasneem", "wafa", "walaa", "ward", "wesal", "widad", "yara",
        "yasmeen", "yasmin", "yousra", "yusra", "zahra", "zainab", "zeinab", "zeina", "zena", "zaina",
        "suzan", "susan", "hiyam", "hiam", "samia", "nabila", "fadwa", "jamila", "latifa", "mahasen",
        "maisa", "nahed", "nehad", "randa", "sajida", "sajeda", "raya", "lian", "sila", "dunia",
        "donia", "masa", "massa", "malk", "mira", "miral", "nagham", "rital", "tuleen", "yaqeen", "joud",
        "jood", "lujayn", "ghazal", "wafaa", "hanaa", "maysoon", "basma", "suhaila", "safiya", "sumayya",
        "marah", "besan", "bissan", "gharam", "sabah", "habiba",
        "faten", "leen", "layn", "rahma", "nahla", "nuha", "najah", "ibtihal", "insaf", "jihan", "kholoud",
        "khuloud", "lamis", "mai", "manal", "najla", "nariman", "nisrin", "rabiha", "raghda", "rasmia",
        "salwa", "samiha", "shadia", "sharifa", "suhad", "taghreed", "wedad", "wijdan", "zakia", "zuhur",
        "aziza", "basima", "fadia", "fairouz", "fawzia", "ghalia", "hadil", "hamida", "hayat", "itaf",
        "ataf", "karima", "khawla", "majida", "munira", "naima", "rawia", "sanaa", "tamam", "umayma", "wisal",
    }
)  # fmt: skip


_FEMALE_NAMES_FOLDED = frozenset(
    re.sub(r"(?<=[a-z])(?:aa|ah)$", "a", n).replace("ee", "i").replace("oo", "u").replace("ou", "u")
    for n in _FEMALE_NAMES
)


# Arabic given names ending in a single -a are mostly women's (Lama, Rasha); the common men's
# names with that ending are listed.
_MALE_NAMES_IN_A = frozenset(
    """hamza osama usama mustafa moustafa mostafa yahya yahia zakaria zakariya zakariyya musa mousa moussa
    issa isa taha reda rida huthaifa hudhaifa hudaifa huzaifa hozyfa moawia muawiya muawiyah salama
    obaida ubaida ubayda abu abo hamada jumaa juma attia atiya atta omara ammar shehada shahada maysara
    dia dhia bara mousa ata akrama ikrima ukasha usaama""".split()
)


def known_female_name(first: str) -> bool:
    """A woman's given name in any of its usual transliterations: a doubled or final long vowel
    (-aa, -ah), "ee"/"ou"/"oo" for i and u."""
    if first in _FEMALE_NAMES:
        return True
    variant = re.sub(r"(?<=[a-z])(?:aa|ah)$", "a", first)
    variant = variant.replace("ee", "i").replace("oo", "u").replace("ou", "u")
    return variant != first and variant in _FEMALE_NAMES_FOLDED


def feminine_form(first: str) -> bool:
    if first.endswith("ah") and not first.endswith("llah"):
        first = first[:-1]  # "-iyah" as "-iya": the same -a ending ("-llah" names are men's)
    return (
        len(first) >= 3
        and first.endswith("a")
        and not first.endswith("aa")
        and first.isalpha()
        and first not in _MALE_NAMES_IN_A
    )
