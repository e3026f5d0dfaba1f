from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

ARTICLE = """Coalition confirms strike near the river crossing
The coalition said on Saturday that its aircraft struck a position near the river crossing.
Residents said a family of six was killed when the strike hit a neighbouring house.
The coalition said it would review the reports.
"""

FRONT = (
    """Published: 2017-05-13
Publisher: Example Wire
URL: https://example.org/news/strike-report
Language: en
Kind: strike_release

"""
    + ARTICLE
)


Read = Any
Write = Any


def test_plain_text_with_headline(read: Read, write: Write) -> None:
    path = write("article.txt", "\n\n" + ARTICLE + "\n\n")
    [report] = read(path).reports
    assert report.text == ARTICLE.strip()
    assert report.title == "Coalition confirms strike near the river crossing"
    assert report.origin == str(path)
    assert report.media_type == "text/plain"
    assert report.language == "en"
    assert report.kind == "allegation"
    assert report.original == path.read_bytes()


def test_single_paragraph_has_no_title(read: Read, write: Write) -> None:
    [report] = read(write("short.txt", "One line about a strike near the crossing.")).reports
    assert report.title is None


def test_long_first_line_is_not_a_title(read: Read, write: Write) -> None:
    first = "word " * 60
    [report] = read(write("long.txt", first + "\nsecond paragraph")).reports
    assert report.title is None


def test_front_matter(read: Read, write: Write) -> None:
    [report] = read(write("release.txt", FRONT)).reports
    assert report.published == datetime(2017, 5, 13, tzinfo=UTC)
    assert report.publisher == "Example Wire"
    assert report.url == "https://example.org/news/strike-report"
    assert report.language == "en"
    assert report.kind == "strike_release"
    assert report.text == ARTICLE.strip()
    assert "Published:" not in report.text
    assert report.title == "Coalition confirms strike near the river crossing"


def test_front_matter_crlf_and_title_key(read: Read, write: Write) -> None:
    content = "Title: Given headline\r\nDate: 13 May 2017\r\n\r\nBody of the report.\r\nMore body.\r\n"
    [report] = read(write("crlf.txt", content)).reports
    assert report.title == "Given headline"
    assert report.published == datetime(2017, 5, 13, tzinfo=UTC)
    assert report.text == "Body of the report.\nMore body."


def test_bad_front_matter_date_is_kept_raw(read: Read, write: Write) -> None:
    [report] = read(write("baddate.txt", "Published: sometime in May\n\nA strike was reported.")).reports
    assert report.published is None
    assert report.meta["published_raw"] == "sometime in May"


def test_unknown_key_means_no_front_matter(read: Read, write: Write) -> None:
    content = "Note: this is not front matter\n\nThe rest of the text."
    [report] = read(write("note.txt", content)).reports
    assert report.text.startswith("Note: this is not front matter")


def test_front_matter_only_is_empty_text(read: Read, write: Write) -> None:
    items = read(write("only.txt", "Published: 2017-05-13\nLanguage: en\n\n   \n"))
    [p] = items.problems
    assert p.code == "empty_text"


def test_arabic_text_file(read: Read, write: Write) -> None:
    content = (
        "غارة على قرية شرق المدينة\n"
        "قال ناشطون إن غارة جوية استهدفت منزلاً في القرية وأدت إلى مقتل أربعة مدنيين.\n"
    )
    [report] = read(write("ar.txt", content)).reports
    assert report.language == "ar"
    assert report.title == "غارة على قرية شرق المدينة"


def test_cp1256_text_file(read: Read, write: Write) -> None:
    text = "قال ناشطون إن غارة جوية استهدفت منزلاً في القرية"
    data = text.encode("cp1256")
    [report] = read(write("windows.txt", data)).reports
    assert report.text == text
    assert report.language == "ar"
    assert report.original == data
    assert report.meta["encoding"] == "cp1256"


def test_utf16_text_file(read: Read, write: Write) -> None:
    data = "Clashes in Deir ez-Zor\r\nTwo people were killed.".encode("utf-16")
    [report] = read(write("u16.txt", data)).reports
    assert report.text == "Clashes in Deir ez-Zor\nTwo people were killed."
    assert report.original == data


def test_language_given_in_front_matter_wins(read: Read, write: Write) -> None:
    [report] = read(write("lang.txt", "Language: ar\n\nA short English line.")).reports
    assert report.language == "ar"
