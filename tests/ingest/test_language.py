from __future__ import annotations

import pytest

from civcas.ingest.language import detect_language, normalize_language


@pytest.mark.parametrize(
    "text",
    [
        "Clashes in Deir ez-Zor",
        "Airstrike kills five civilians in a village east of the city, residents say",
        "The coalition said it would investigate the reports.",
    ],
)
def test_english(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    "text",
    [
        "اشتباكات في دير الزور",
        "قتل خمسة مدنيين بينهم طفلان في غارة جوية استهدفت قرية شرق المدينة",
        # Mostly Arabic with a Latin name inside still counts as Arabic.
        "مقتل ثلاثة مدنيين في قصف على بلدة Hajin بحسب ناشطين محليين",
    ],
)
def test_arabic(text: str) -> None:
    assert detect_language(text) == "ar"


def test_arabic_post_inside_english_interface_text() -> None:
    # Made-up post in the shape scraped social media pages take.
    text = (
        "Copy link to Tweet\n\nEmbed Tweet\n\n"
        "عاجل: قصف مدفعي على أطراف البلدة صباح اليوم\n\n"
        "3 Retweets\n\n12 Likes\n\nBack to top\n\n"
        "Loading seems to be taking a while. Try again or visit the status page for more information."
    )
    assert detect_language(text) == "ar"


@pytest.mark.parametrize("text", ["", "   ", "12 34 -- 2017/05/13", "!!!"])
def test_undecidable(text: str) -> None:
    assert detect_language(text) is None


def test_english_article_quoting_arabic_is_english() -> None:
    text = (
        "Local activists reported the strike on the village early on Monday. "
        "One post read «قصف على القرية» and showed damaged houses. "
        "The monitoring group said four people had been killed."
    )
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    ("given", "expected"),
    [("en", "en"), ("EN-us", "en"), ("English", "en"), ("arabic", "ar"), ("ar_SY", "ar"), ("fr", "fr"),
     ("", None), ("  ", None), (None, None), ("und", None)],
)  # fmt: skip
def test_normalize_language(given: str | None, expected: str | None) -> None:
    assert normalize_language(given) == expected
