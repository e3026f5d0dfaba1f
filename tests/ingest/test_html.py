from __future__ import annotations

from typing import Any

from civcas.ingest.html import html_to_text

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Strike hits market in eastern town | Example News</title>
<meta property="og:title" content="Strike hits market in eastern town">
<meta property="og:site_name" content="Example News">
<script>var tracking = "do not keep";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Strike hits market in eastern town</h1>
<p>An airstrike hit a crowded market in the eastern town on Saturday morning, killing at least
twelve civilians including four children, residents and a local medic said.</p>
<p>The local health office said twenty more people were hurt and were being treated at two hospitals
in the area, where doctors appealed for blood donations.</p>
<p>No party has yet said it carried out the strike. A monitoring group said it was
examining video of the aftermath that was posted online.</p>
</article>
<footer>Copyright 2019 Example News. All rights reserved.</footer>
</body></html>
"""

ARABIC_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">
<title>غارة على سوق في بلدة شرقية</title></head><body><article>
<h1>غارة على سوق في بلدة شرقية</h1>
<p>قال سكان محليون إن غارة جوية استهدفت سوقاً مزدحماً في البلدة صباح يوم السبت، ما أدى إلى مقتل
اثني عشر مدنياً على الأقل بينهم أربعة أطفال، وإصابة عشرين آخرين نقلوا إلى مستشفيات المنطقة.</p>
<p>وأضاف مصدر طبي أن عدد الضحايا مرشح للارتفاع بسبب خطورة حالة بعض المصابين.</p>
</article></body></html>
"""

Read = Any
Write = Any


def test_html_file(read: Read, write: Write) -> None:
    path = write("page.html", PAGE)
    [report] = read(path).reports
    assert report.media_type == "text/html"
    assert report.original == PAGE.encode()
    assert "twelve civilians" in report.text
    assert "tracking" not in report.text
    assert "Copyright" not in report.text
    assert report.title == "Strike hits market in eastern town"
    assert report.publisher == "Example News"
    assert report.language == "en"
    assert report.origin == str(path)


def test_html_sniffed_without_extension(read: Read, write: Write) -> None:
    [report] = read(write("saved-page", PAGE)).reports
    assert report.media_type == "text/html"


def test_declared_windows_1256_page(read: Read, write: Write) -> None:
    data = ARABIC_PAGE.encode("cp1256")
    [report] = read(write("ar.htm", data)).reports
    assert report.original == data
    assert "اثني عشر مدنياً" in report.text
    assert report.title == "غارة على سوق في بلدة شرقية"
    assert report.language == "ar"


def test_tiny_page_falls_back_to_bare_text(read: Read, write: Write) -> None:
    [report] = read(write("tiny.html", "<html><body><p>Two killed.</p></body></html>")).reports
    assert report.text == "Two killed."


def test_page_without_text(read: Read, write: Write) -> None:
    [problem] = read(write("blank.html", "<html><body><script>x()</script></body></html>")).problems
    assert problem.code == "empty_text"
    assert problem.origin.endswith("blank.html")


def test_html_to_text() -> None:
    fragment = "<p>First &amp; <b>bold</b></p><p>Second<br/>line</p><script>no()</script>"
    assert html_to_text(fragment) == "First & bold\nSecond\nline"
    assert html_to_text("plain  text ") == "plain  text"
