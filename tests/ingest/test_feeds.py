from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Example Monitor</title><link>https://monitor.example.org/</link>
<description>Reports</description>
<item>
  <title>Strike reported near river crossing</title>
  <link>https://monitor.example.org/a/1</link>
  <guid>report-1</guid>
  <pubDate>Sat, 13 May 2017 10:30:00 +0300</pubDate>
  <description>&lt;p&gt;Residents said &lt;b&gt;three&lt;/b&gt; people were killed.&lt;/p&gt;</description>
</item>
<item>
  <title>غارة على قرية في الريف الشرقي</title>
  <link>https://monitor.example.org/a/2</link>
  <guid>report-2</guid>
  <pubDate>not a date</pubDate>
  <description>قال ناشطون إن غارة جوية استهدفت منزلاً في القرية وأدت إلى مقتل مدنيين.</description>
</item>
<item>
  <title>Headline only</title>
  <guid>report-3</guid>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example Atom Source</title>
  <id>urn:example:feed</id>
  <updated>2020-02-02T00:00:00Z</updated>
  <entry>
    <title>Shelling of a residential block</title>
    <id>urn:example:entry:1</id>
    <link href="https://atom.example.org/e/1"/>
    <updated>2020-02-01T08:15:00+02:00</updated>
    <summary>Short summary.</summary>
    <content type="html">&lt;p&gt;A longer account: shelling hit a residential block, and
      two civilians were injured.&lt;/p&gt;</content>
  </entry>
</feed>
"""

Read = Any
Write = Any


def test_rss_file(read: Read, write: Write) -> None:
    path = write("feed.rss", RSS)
    items = read(path)
    assert not items.problems
    first, second, third = items.reports
    assert first.text == "Residents said three people were killed."
    assert first.title == "Strike reported near river crossing"
    assert first.url == "https://monitor.example.org/a/1"
    assert first.external_id == "report-1"
    assert first.publisher == "Example Monitor"
    assert first.published == datetime(2017, 5, 13, 7, 30, tzinfo=UTC)
    assert first.language == "en"
    assert first.origin == f"{path}#entry1"
    assert first.media_type == "application/json"
    assert first.meta["feed_media_type"] == "application/rss+xml"
    raw = json.loads(first.original)
    assert raw["id"] == "report-1"
    assert not any(k.endswith("_parsed") for k in raw)

    assert second.language == "ar"
    assert second.published is None
    assert second.meta["published_raw"] == "not a date"
    # An entry with no summary still gives its headline as text.
    assert third.text == "Headline only"


def test_atom_file_prefers_full_content(read: Read, write: Write) -> None:
    [report] = read(write("feed.atom", ATOM)).reports
    assert report.text.startswith("A longer account: shelling hit a residential block")
    assert report.url == "https://atom.example.org/e/1"
    assert report.published == datetime(2020, 2, 1, 6, 15, tzinfo=UTC)
    assert report.publisher == "Example Atom Source"
    assert report.meta["feed_media_type"] == "application/atom+xml"


def test_feed_sniffed_from_content(read: Read, write: Write) -> None:
    items = read(write("download.txt", ATOM))
    assert len(items.reports) == 1


def test_feed_originals_are_byte_stable(read: Read, write: Write) -> None:
    a = read(write("one.xml", RSS)).reports
    b = read(write("two.xml", RSS)).reports
    assert [r.original for r in a] == [r.original for r in b]
    assert [r.sha256 for r in a] == [r.sha256 for r in b]
    assert len({r.sha256 for r in a}) == 3


def test_broken_feed(read: Read, write: Write) -> None:
    items = read(write("broken.xml", "<rss><channel><item><title>oops")).problems
    [problem] = [p for p in items if p.code == "bad_feed"]
    assert problem.origin.endswith("broken.xml")


def test_truncated_feed_keeps_entries_read(read: Read, write: Write) -> None:
    cut = RSS[: RSS.index("<item>\n  <title>Headline only")]
    items = read(write("cut.xml", cut))
    assert len(items.reports) == 2
    assert [p.code for p in items.problems] == ["bad_feed"]


def test_not_xml_at_all(read: Read, write: Write) -> None:
    [problem] = read(write("junk.rss", "this is not a feed")).problems
    assert problem.code == "bad_feed"


def test_feed_without_entries(read: Read, write: Write) -> None:
    empty = '<?xml version="1.0"?><rss version="2.0"><channel><title>Nothing</title></channel></rss>'
    [problem] = read(write("empty.xml", empty)).problems
    assert problem.code == "empty"


def test_feed_bytes_naming_a_file_are_not_opened(read: Read, write: Write, tmp_path: Any) -> None:
    secret = write("secret.xml", RSS)
    # feedparser opens a path given as bytes; the reader must hand it a stream.
    items = read(write("pointer.xml", str(secret)))
    assert not items.reports


AR_FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>شبكة أخبار محلية</title>'
    "<item><title>غارة على قرية</title><description>قال ناشطون إن غارة جوية استهدفت منزلاً في القرية"
    "</description></item></channel></rss>"
)


def test_cp1256_feed_without_declaration(read: Read, write: Write) -> None:
    [report] = read(write("ar.xml", AR_FEED.encode("cp1256"))).reports
    assert report.publisher == "شبكة أخبار محلية"
    assert report.text == "قال ناشطون إن غارة جوية استهدفت منزلاً في القرية"
    assert report.language == "ar"


def test_declared_feed_encoding_is_trusted(read: Read, write: Write) -> None:
    declared = AR_FEED.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="windows-1256"?>')
    [report] = read(write("ar-declared.xml", declared.encode("cp1256"))).reports
    assert report.title == "غارة على قرية"
