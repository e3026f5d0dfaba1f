from __future__ import annotations

import codecs

import pytest

from civcas.ingest.decode import DecodeError, decode_bytes

ARABIC = "قالت مصادر محلية إن الغارة استهدفت منزلاً في الحي الشرقي"


def test_utf8() -> None:
    d = decode_bytes("Strike — café".encode(), "x.txt")
    assert (d.text, d.codec) == ("Strike — café", "utf-8")


def test_utf8_bom_is_dropped() -> None:
    d = decode_bytes(codecs.BOM_UTF8 + ARABIC.encode(), "x.txt")
    assert (d.text, d.codec) == (ARABIC, "utf-8")


@pytest.mark.parametrize(
    ("bom", "codec"), [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
)
def test_utf16_with_bom(bom: bytes, codec: str) -> None:
    d = decode_bytes(bom + ARABIC.encode(codec), "x.txt")
    assert d.text == ARABIC
    # The codec re-encodes a piece of text to its exact bytes in the file.
    assert d.codec == codec
    assert ARABIC.encode(d.codec) in bom + ARABIC.encode(codec)


def test_cp1256_arabic() -> None:
    data = ARABIC.encode("cp1256")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    d = decode_bytes(data, "x.txt")
    assert (d.text, d.codec) == (ARABIC, "cp1256")
    assert d.text.encode(d.codec) == data


def test_latin1_accents_are_not_taken_for_cp1256() -> None:
    # "é" and friends decode in cp1256 too, but to non-Arabic characters: refuse rather than guess.
    data = "Le café où l'été à Noël déjà".encode("latin-1")
    with pytest.raises(DecodeError) as err:
        decode_bytes(data, "notes.txt")
    assert err.value.code == "bad_encoding"
    assert "notes.txt" in err.value.message


def test_nul_bytes_are_binary_with_line() -> None:
    with pytest.raises(DecodeError) as err:
        decode_bytes(b"first line\nsecond\x00line\n", "blob.txt")
    assert err.value.code == "binary"
    assert "blob.txt" in err.value.message and "line 2" in err.value.message


def test_random_high_bytes_are_bad_encoding() -> None:
    data = bytes(range(0x80, 0x100)) * 4
    with pytest.raises(DecodeError) as err:
        decode_bytes(data, "blob.bin")
    assert err.value.code in ("bad_encoding", "binary")


def test_control_characters_are_binary() -> None:
    with pytest.raises(DecodeError) as err:
        decode_bytes(bytes(range(1, 32)) * 10, "ctl.txt")
    assert err.value.code == "binary"
