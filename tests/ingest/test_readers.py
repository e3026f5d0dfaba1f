from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from civcas.config import Settings
from civcas.ingest.readers import detect_format, read_inputs
from civcas.model.report import IncomingReport

Read = Any
Write = Any


def test_directory_is_read_recursively_sorted_skipping_hidden(
    read: Read, write: Write, tmp_path: Path
) -> None:
    write("in/b.txt", "Second report.")
    write("in/a.txt", "First report.")
    write("in/sub/c.jsonl", json.dumps({"text": "Third report."}) + "\n")
    write("in/.hidden.txt", "Never read.")
    write("in/.git/config.txt", "Never read either.")
    items = read(tmp_path / "in")
    assert not items.problems
    assert [r.text for r in items.reports] == ["First report.", "Second report.", "Third report."]


def test_empty_directory(read: Read, tmp_path: Path) -> None:
    (tmp_path / "none").mkdir()
    [problem] = read(tmp_path / "none").problems
    assert problem.code == "empty"


def test_missing_file_does_not_stop_others(read: Read, write: Write, tmp_path: Path) -> None:
    ok = write("ok.txt", "A report.")
    items = read(tmp_path / "missing.txt", ok, "")
    assert [p.code for p in items.problems] == ["not_found", "not_found"]
    assert items.problems[0].origin == str(tmp_path / "missing.txt")
    assert [r.origin for r in items.reports] == [str(ok)]


def test_too_large_file(read: Read, write: Write, settings: Settings) -> None:
    path = write("big.txt", "a" * (settings.fetch_max_bytes + 1))
    [problem] = read(path).problems
    assert problem.code == "too_large" and problem.origin == str(path)


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
@pytest.mark.parametrize("name", ["e.txt", "e.jsonl", "e.csv", "e.html", "e.xml", "e.json"])
def test_empty_files(read: Read, write: Write, name: str, content: bytes) -> None:
    path = write(name, content)
    [problem] = read(path).problems
    assert problem.code == "empty"
    assert problem.origin == str(path)


@pytest.mark.parametrize("name", ["blob.txt", "blob.jsonl", "blob.csv", "blob.json", "blob.bin"])
def test_binary_files(read: Read, write: Write, name: str) -> None:
    path = write(name, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    [problem] = read(path).problems
    assert problem.code == "binary"
    assert problem.origin == str(path)


def test_undecodable_file(read: Read, write: Write) -> None:
    path = write("latin.txt", "Le café où l'été à Noël déjà".encode("latin-1"))
    [problem] = read(path).problems
    assert problem.code == "bad_encoding"
    assert problem.origin == str(path) and "line 1" in problem.message


def test_a_bad_file_in_a_folder_does_not_stop_it(read: Read, write: Write, tmp_path: Path) -> None:
    write("mix/1.txt", "First report.")
    write("mix/2.bin", b"\x00\x01\x02")
    write("mix/3.jsonl", '{"text": "Row one."}\n{oops\n{"text": "Row three."}\n')
    items = read(tmp_path / "mix")
    assert [r.text for r in items.reports] == ["First report.", "Row one.", "Row three."]
    assert [(Path(p.origin).name, p.code) for p in items.problems] == [
        ("2.bin", "binary"),
        ("3.jsonl:2", "bad_json"),
    ]


def test_same_content_twice_gives_the_same_hash(read: Read, write: Write) -> None:
    content = "Published: 2017-05-13\n\nA strike was reported near the crossing.\n"
    a = read(write("a.txt", content)).reports[0]
    b = read(write("copy/b.txt", content)).reports[0]
    assert a.original == b.original == content.encode()
    assert a.sha256 == b.sha256


def test_every_report_is_finished(read: Read, write: Write, tmp_path: Path) -> None:
    write("all/a.txt", "  \n A report with spaces around it. \n\n")
    write("all/b.jsonl", json.dumps({"text": "  Row text  "}) + "\n")
    write("all/c.csv", 'text\n"  cell text  "\n')
    for report in read(tmp_path / "all").reports:
        assert report.text == report.text.strip()
        assert report.language == "en"
        assert report.origin


def test_read_inputs_is_lazy(tmp_path: Path, settings: Settings) -> None:
    # A generator: nothing is read until asked, so the CLI can stream large folders.
    it = read_inputs([str(tmp_path / "missing")], settings=settings)
    first = next(it)
    assert not isinstance(first, IncomingReport)


@pytest.mark.parametrize(
    ("name", "head", "media_type", "expected"),
    [
        ("a.xml", b"anything", "", "feed"),
        ("a.rss", b"", "", "feed"),
        ("a.atom", b"", "", "feed"),
        ("a.jsonl", b"", "", "jsonl"),
        ("a.ndjson", b"", "", "jsonl"),
        ("a.csv", b"", "", "csv"),
        ("a.json", b"", "", "json"),
        ("a.HTML", b"", "", "html"),
        ("a.htm", b"", "", "html"),
        ("a.txt", b"plain", "", "text"),
        ("a.txt", b"  <!DOCTYPE html><html>", "", "html"),
        ("a", b"\xef\xbb\xbf<?xml version='1.0'?><rss>", "", "feed"),
        ("a", b"<feed xmlns='http://www.w3.org/2005/Atom'>", "", "feed"),
        ("a", b"<?xml version='1.0'?><!DOCTYPE html><html>", "", "html"),
        ("a.dat", b"<HTML><body>", "", "html"),
        ("", b"<p>x</p>", "text/html", "html"),
        ("", b"x", "application/rss+xml", "feed"),
        ("", b"<rss>", "text/plain", "feed"),
        ("", b"<doc/>", "application/xml", "feed"),
        ("/path/rows.jsonl", b"{}", "application/octet-stream", "jsonl"),
    ],
)
def test_detect_format(name: str, head: bytes, media_type: str, expected: str) -> None:
    assert detect_format(head, name=name, media_type=media_type) == expected


def test_fifo_is_not_opened(read: Read, tmp_path: Path) -> None:
    import os

    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    [problem] = read(fifo).problems
    assert problem.code == "unreadable"
