from __future__ import annotations

import codecs
import json
from datetime import UTC, datetime, timedelta
from typing import Any

Read = Any
Write = Any

ROW_EN = {
    "id": "r-1",
    "text": "Residents said two people were killed when a strike hit a house.",
    "published": "2017-05-13",
    "url": "https://example.org/r1",
    "publisher": "Example Wire",
    "title": "Strike hits house",
    "extra_field": 5,
    "nested": {"not": "kept in meta"},
}
ROW_AR = {
    "text": "قال ناشطون إن غارة جوية استهدفت منزلاً في القرية",
    "language": "ar",
    "kind": "strike_release",
}


def _jsonl(*rows: object) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


# --- JSON Lines -----------------------------------------------------------------


def test_jsonl_rows(read: Read, write: Write) -> None:
    path = write("batch.jsonl", _jsonl(ROW_EN, ROW_AR))
    items = read(path)
    assert not items.problems
    en, ar = items.reports
    assert en.origin == f"{path}:1" and ar.origin == f"{path}:2"
    assert en.external_id == "r-1"
    assert en.published == datetime(2017, 5, 13, tzinfo=UTC)
    assert en.url == "https://example.org/r1"
    assert en.publisher == "Example Wire"
    assert en.title == "Strike hits house"
    assert en.language == "en"
    assert en.media_type == "application/json"
    assert en.meta == {"extra_field": "5"}
    assert ar.language == "ar" and ar.kind == "strike_release"
    assert en.original == json.dumps(ROW_EN, ensure_ascii=False).encode()


def test_jsonl_malformed_rows_do_not_stop_the_batch(read: Read, write: Write) -> None:
    content = (
        _jsonl(ROW_EN)
        + "{not json\n"  # line 2
        + "[1, 2, 3]\n"  # line 3
        + "\n"  # line 4: blank, skipped
        + '{"text": ""}\n'  # line 5
        + '{"title": "no text"}\n'  # line 6
        + '{"text": 42}\n'  # line 7
        + _jsonl(ROW_AR)  # line 8
    )
    path = write("mixed.jsonl", content)
    items = read(path)
    assert [r.origin for r in items.reports] == [f"{path}:1", f"{path}:8"]
    got = {(p.origin, p.code) for p in items.problems}
    assert got == {
        (f"{path}:2", "bad_json"),
        (f"{path}:3", "not_object"),
        (f"{path}:5", "empty_text"),
        (f"{path}:6", "empty_text"),
        (f"{path}:7", "bad_field"),
    }
    for p in items.problems:
        # The origin names file and line; the message gives only the reason.
        assert not p.message.startswith(str(path))


def test_bad_date_keeps_the_row(read: Read, write: Write) -> None:
    [report] = read(write("d.jsonl", _jsonl({"text": "A strike.", "published": "last spring"}))).reports
    assert report.published is None
    assert report.meta["published_raw"] == "last spring"


def test_a_publication_date_after_arrival_is_set_aside_and_kept(read: Read, write: Write) -> None:
    tomorrow = (datetime.now(UTC) + timedelta(hours=20)).isoformat()
    rows = _jsonl(
        {"text": "A strike.", "published": "2917-05-13"}, {"text": "Another strike.", "published": tomorrow}
    )
    typo, near = read(write("d.jsonl", rows)).reports
    assert typo.published is None
    assert typo.meta["published_raw"] == "2917-05-13T00:00:00+00:00"
    assert typo.meta["published_problem"] == "later than the report was received"
    assert near.published is not None and "published_problem" not in near.meta  # clocks and time zones


def test_naive_datetime_is_utc(read: Read, write: Write) -> None:
    [report] = read(
        write("d.jsonl", _jsonl({"text": "A strike.", "published": "2020-01-02T03:04:05"}))
    ).reports
    assert report.published == datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_undated_row_takes_the_day_its_address_gives(read: Read, write: Write) -> None:
    rows = _jsonl(
        {"text": "A strike.", "url": "https://news.example/2021/06/14/strike"},
        {"text": "A post.", "extra": {"original_url": "https://x.com/a/status/1050118621198921728"}},
        {"text": "Dated.", "published": "2020-01-02", "url": "https://news.example/2021/06/14/x"},
    )
    news, post, dated = read(write("u.jsonl", rows)).reports
    assert news.published == datetime(2021, 6, 14, tzinfo=UTC)
    assert news.meta["published_from"] == "address"
    assert post.published is not None and post.published.date().isoformat() == "2018-10-10"
    assert post.url == "https://x.com/a/status/1050118621198921728"
    assert dated.published == datetime(2020, 1, 2, tzinfo=UTC)
    assert "published_from" not in dated.meta


def test_unknown_kind_keeps_default(read: Read, write: Write) -> None:
    [report] = read(
        write("k.jsonl", _jsonl({"text": "A strike.", "kind": "rumour"})), kind="allegation"
    ).reports
    assert report.kind == "allegation"
    assert report.meta["kind_raw"] == "rumour"


def test_default_kind_applies(read: Read, write: Write) -> None:
    [report] = read(write("k.jsonl", _jsonl({"text": "We struck a target."})), kind="strike_release").reports
    assert report.kind == "strike_release"


def test_row_language_is_respected(read: Read, write: Write) -> None:
    [report] = read(write("l.jsonl", _jsonl({"text": "Clashes in Deir ez-Zor", "language": "AR"}))).reports
    assert report.language == "ar"


def test_jsonl_crlf_and_bom(read: Read, write: Write) -> None:
    row = json.dumps(ROW_AR, ensure_ascii=False)
    data = codecs.BOM_UTF8 + (row + "\r\n" + row + "\r\n").encode()
    items = read(write("crlf.jsonl", data))
    a, b = items.reports
    # The same row hashes the same wherever it sits: no BOM, no line ending in `original`.
    assert a.original == b.original == row.encode()


def test_jsonl_cp1256(read: Read, write: Write) -> None:
    row = json.dumps(ROW_AR, ensure_ascii=False)
    data = (row + "\n").encode("cp1256")
    [report] = read(write("win.jsonl", data)).reports
    assert report.text == ROW_AR["text"]
    assert report.original == row.encode("cp1256")


def test_jsonl_utf16_rows_keep_their_bytes(read: Read, write: Write) -> None:
    row = json.dumps(ROW_AR, ensure_ascii=False)
    data = (row + "\n" + row + "\n").encode("utf-16")  # BOM + little-endian
    a, b = read(write("u16.jsonl", data)).reports
    assert a.original == b.original == row.encode("utf-16-le")
    assert a.original in data


def test_same_row_in_two_batches_hashes_the_same(read: Read, write: Write) -> None:
    first = read(write("a.jsonl", _jsonl(ROW_EN, ROW_AR))).reports
    second = read(write("b.jsonl", _jsonl(ROW_AR))).reports
    assert first[1].sha256 == second[0].sha256
    assert first[0].sha256 != first[1].sha256


# --- CSV --------------------------------------------------------------------------

CSV = (
    "id,Text,published,url,publisher,language\r\n"
    'c1,"Two killed, five injured in shelling",2019-03-01,https://e.org/1,Wire,\r\n'
    'c2,"A report that spans\r\ntwo lines",2019-03-02,,,en\r\n'
    "c3,,2019-03-03,,,\r\n"
    "c4,قال ناشطون إن غارة جوية استهدفت منزلاً,not-a-date,,,\r\n"
)


def test_csv_rows(read: Read, write: Write) -> None:
    path = write("batch.csv", CSV)
    items = read(path)
    c1, c2, c4 = items.reports
    [empty] = items.problems
    # c2 spans lines 3-4, so c3 starts on line 5: origins give physical lines.
    assert (empty.origin, empty.code) == (f"{path}:5", "empty_text")
    assert c1.origin == f"{path}:2" and c2.origin == f"{path}:3" and c4.origin == f"{path}:6"
    assert c1.text == "Two killed, five injured in shelling"
    assert c1.external_id == "c1" and c1.publisher == "Wire" and c1.url == "https://e.org/1"
    assert c1.media_type == "text/csv"
    assert c2.text == "A report that spans\ntwo lines"
    assert c2.original == b'c2,"A report that spans\r\ntwo lines",2019-03-02,,,en'
    assert c4.language == "ar"
    assert c4.published is None and c4.meta["published_raw"] == "not-a-date"


def test_csv_without_text_column(read: Read, write: Write) -> None:
    path = write("nocol.csv", "id,body\n1,hello\n")
    [problem] = read(path).problems
    assert (problem.origin, problem.code) == (f"{path}:1", "missing_column")
    assert "`text`" in problem.message and "'body'" in problem.message


def test_csv_semicolon_delimiter(read: Read, write: Write) -> None:
    [report] = read(
        write("semi.csv", "text;published\nShelling hit a school, locals said;2019-03-01\n")
    ).reports
    assert report.text == "Shelling hit a school, locals said"


def test_csv_row_with_too_many_fields(read: Read, write: Write) -> None:
    path = write("wide.csv", "text,url\nfirst,u1\nsecond,u2,extra\nthird,u3\n")
    items = read(path)
    assert [r.text for r in items.reports] == ["first", "third"]
    [problem] = items.problems
    assert (problem.origin, problem.code) == (f"{path}:3", "bad_csv")


def test_csv_cp1256(read: Read, write: Write) -> None:
    content = "text,language\nقال ناشطون إن غارة جوية استهدفت منزلاً,\n"
    data = content.encode("cp1256")
    [report] = read(write("win.csv", data)).reports
    assert report.language == "ar"
    assert report.original == "قال ناشطون إن غارة جوية استهدفت منزلاً,".encode("cp1256")


# --- JSON documents -----------------------------------------------------------------


def test_json_list(read: Read, write: Write) -> None:
    content = (
        "[\n  " + json.dumps(ROW_EN) + ",\n  " + json.dumps(ROW_AR, ensure_ascii=False) + ',\n  "x"\n]\n'
    )
    path = write("list.json", content)
    items = read(path)
    en, ar = items.reports
    assert en.original == json.dumps(ROW_EN).encode()
    assert en.origin == f"{path}:2" and ar.origin == f"{path}:3"
    [problem] = items.problems
    assert (problem.origin, problem.code) == (f"{path}:4", "not_object")


def test_json_single_object(read: Read, write: Write) -> None:
    [report] = read(write("one.json", json.dumps(ROW_EN))).reports
    assert report.external_id == "r-1"


def test_json_broken(read: Read, write: Write) -> None:
    path = write("broken.json", '[{"text": "ok"},\n {"text": ')
    items = read(path)
    assert [r.text for r in items.reports] == ["ok"]
    [problem] = items.problems
    assert (problem.origin, problem.code) == (f"{path}:2", "bad_json")


def test_unknown_language_is_detected(read: Read, write: Write) -> None:
    rows = _jsonl(
        {"text": "Clashes in Deir ez-Zor", "language": "und"},
        {"text": "اشتباكات في دير الزور", "language": ""},
    )
    en, ar = read(write("und.jsonl", rows)).reports
    assert (en.language, ar.language) == ("en", "ar")


def test_empty_extra_columns_are_not_kept(read: Read, write: Write) -> None:
    [report] = read(write("extra.csv", "text,notes,source\nA strike was reported.,,wire\n")).reports
    assert report.meta == {"source": "wire"}
