"""The words for belligerents and kinds of attack, in English and Arabic (data for actors.py).

Terms are in normalised form (text.normalise: lower case, alef/ya/ta-marbuta folded, Arabic marks
dropped) and use the syntax of terms.TermIndex: `{a|b}` alternatives, a trailing `\\b` for a whole
word, Arabic written without the article and attached clitics, which the index allows.
"""

from __future__ import annotations

# (canonical name, terms in normalised form; see terms.TermIndex for the syntax). At one offset the
# longest term wins, then the earlier group: "US-led coalition" is not also the United States, nor
# "الاحتلال التركي" (the Turkish occupation) the Israeli "الاحتلال". Arabic terms are written without
# the article and clitics, which the index allows in front of any Arabic term.
BELLIGERENT_TERMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Saudi-led Coalition",
        ("saudi{-| }led coalition", "arab coalition", "تحالف العربي", "تحالف دعم الشرعيه", "تحالف السعودي"),
    ),
    (
        "US-led Coalition",
        (
            "{us|u.s.|u.s|american}{-| }led {coalition|forces}",
            "{international|global} coalition",
            "anti-{isis|isil|is|daesh} coalition",
            "operation inherent resolve",
            "cjtf",
            "coalition\\b",
            "تحالف\\b",
        ),
    ),
    (
        "United States",
        (
            "{us|u.s.} {drone|drones|military|forces|army|airstrike|airstrikes|air strike|air strikes|strike|strikes"
            "|aircraft|warplane|warplanes|troops|navy|special forces|missile|missiles|central command|government}",
            "cia\\b",
            "centcom",
            "central command",
            "pentagon",
            "united states",
            "american",
            "امريك",
            "واشنطن",
            "ولايات المتحده",
            "قياده المركزيه",
        ),
    ),
    ("Russian Military", ("russia", "احتلال {|#}الروس", "روسي", "روس\\b", "موسكو", "سوخوي")),
    (
        "Turkish Military",
        (
            "turk",
            "bayraktar",
            "syrian national army",
            "sna\\b",
            "احتلال {|#}الترك",
            "تركي",
            "اتراك",
            "انقره",
            "بيرقدار",
            "جيش الوطني",
            "مرتزق",
        ),
    ),
    (
        "YPG/SDF",
        (
            "ypg\\b",
            "sdf\\b",
            "pkk\\b",
            "pyd\\b",
            "syrian democratic forces",
            "kurdish {forces|militia|militias|fighters}",
            "قسد",
            "ب ي د\\b",
            "ي ب ك\\b",
            "بي كا كا",
            "وحدات حمايه الشعب",
            "قوات سوريا الديمقراطيه",
            "عمال الكردستاني",
            "وحدات الكرديه",
            "اسايش",
        ),
    ),
    (
        "Syrian Regime",
        (
            "regime",
            "assad",
            "syrian {|arab }army",
            "{syrian government|pro-government|government} forces",
            "نظام\\b",
            "اسد\\b",
            "قوات {الحكومه|الحكوميه}",
            "جيش السوري",
            "حكومه دمشق",
            "فرقه الرابعه",
            "طيران {|الحربي }السوري",
            "طائرات {|الحربيه }السوريه",
            "syrian {jets|warplanes|air force|aircraft|helicopters}",
        ),
    ),
    (
        "Israeli Military",
        (
            "israel",
            "idf\\b",
            "iaf\\b",
            "zionist",
            "احتلال\\b",
            "احتلال الاسرائيلي",
            "اسرائيل",
            "اسراييل",
            "صهيون",
        ),
    ),
    ("Iranian Military", ("iran", "irgc", "revolutionary guard", "ايران", "حرس الثوري")),
    ("ISIS", ("isis\\b", "isil\\b", "islamic state", "daesh", "داعش", "تنظيم الدوله")),
    (
        "Palestinian Militants",
        (
            "hamas",
            "islamic jihad",
            "palestinian militant",
            "misfired {|palestinian }rocket",
            "qassam",
            "al-quds brigades",
            "حماس",
            "جهاد الاسلامي",
            "قسام",
            "سرايا القدس",
        ),
    ),
)


# Event types in tie-break order, each with its terms (terms.TermIndex syntax). "قصف جوي" (air
# bombardment) and "قصف مدفعي" (artillery bombardment) are longer than the bare "قصف" (shelling), so
# the index files them under air and artillery.
EVENT_TERMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "drone strike",
        (
            "drone",
            "uav",
            "unmanned",
            "predator",
            "reaper",
            "مسير",
            "{طائره|طائرات} بدون طيار",
            "درون",
            "بيرقدار",
        ),
    ),
    (
        "airstrike",
        (
            "airstrike",
            "air strike",
            "air raid",
            "warplane",
            "fighter jet",
            "jet\\b",
            "jets\\b",
            "aircraft",
            "aerial",
            "bombing raid",
            "bombed",
            "helicopter",
            "barrel bomb",
            "strike\\b",
            "strikes\\b",
            "bombardment",
            "bombing",
            "missile",
            "غاره",
            "غارات",
            "غارتان",
            "غارتين",
            "{ضربه|ضربات} {جويه|الجويه}",
            "طيران",
            "طائرات {|ال}حربيه",
            "قصف جوي",
            "مروحي",
            "براميل",
        ),
    ),
    (
        "artillery",
        (
            "artillery",
            "mortar",
            "howitzer",
            "مدفعي",
            "هاون",
            "قذائف",
            "قذيفه",
            "راجم",
            "قصف مدفعي",
            "قصف بري",
        ),
    ),
    ("naval strike", ("naval", "warship", "frigate", "gunboat", "بارجه", "بوارج", "زوارق حربيه")),
    # A bare "strike" or "missile" in these reports is mostly from the air; "rocket" mostly from the ground.
    ("shelling", ("shelled", "shelling", "rocket", "قصف", "صاروخ", "صواريخ")),
    (
        "ground fighting",
        (
            "clashes",
            "gunfire",
            "gunmen",
            "sniper",
            "shot dead",
            "ground {operation|assault|raid|incursion}",
            "اشتباك",
            "قنص",
            "قناص",
            "رصاص",
            "اقتحام",
            "مداهم",
            "انزال جوي",
            "اعدام",
            "اعدم",
            "{اطلاق|باطلاق} {نار|النار}",
            "shot\\b",
            "shooting",
            "raid\\b",
            "execut",
        ),
    ),
    (
        "explosion",
        (
            "explosion",
            "explosive device",
            "ied\\b",
            "car bomb",
            "landmine",
            "انفجار",
            "عبوه ناسفه",
            "لغم",
            "الغام",
            "مفخخ",
        ),
    ),
    # Words of an attack that say nothing of the weapon: the event type of last resort.
    ("other", ("attack", "targeted", "عدوان", "هجوم", "استهداف", "استهدف", "اعتداء")),
)
