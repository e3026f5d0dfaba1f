"""Turn input bytes into text, trying the encodings reports actually come in.

Order: a BOM (UTF-8 or UTF-16) wins; then strict UTF-8; then cp1256 (Arabic
Windows), only if the result looks like text, since cp1256 maps almost every
byte and would otherwise "decode" any binary file.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

from civcas.errors import InputError
from civcas.ingest import problems


@dataclass(frozen=True)
class Decoded:
    text: str
    # Codec that re-encodes a piece of `text` to its exact bytes in the input
    # (no BOM), so batch rows can keep their original bytes.
    codec: str


class DecodeError(InputError):
    pass


def is_arabic_char(ch: str) -> bool:
    o = ord(ch)
    return 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0x08A0 <= o <= 0x08FF or 0xFB50 <= o <= 0xFEFF


def looks_like_text(text: str) -> bool:
    """True when `text` is mostly letters, digits, spaces and punctuation."""
    if not text:
        return True
    bad = 0
    for ch in text:
        if ch in "\t\n\r\f":
            continue
        # Control characters mean binary or a wrong codec. Unassigned code points do not:
        # newer emoji are unassigned in this Python's Unicode tables.
        if unicodedata.category(ch) == "Cc":
            bad += 1
    # A stray control character happens in scraped text; binary data has many.
    return bad <= max(1, len(text) // 20)


def _cp1256_plausible(text: str) -> bool:
    if not looks_like_text(text):
        return False
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if not non_ascii:
        return True
    # Arabic text in cp1256 is mostly Arabic letters; Latin-1 accents or symbols
    # dominating means this was some other codec.
    arabic = sum(1 for ch in non_ascii if is_arabic_char(ch))
    return arabic >= 0.6 * len(non_ascii)


def decode_bytes(data: bytes, origin: str) -> Decoded:
    """Decode `data`, raising DecodeError (code `binary` or `bad_encoding`) naming `origin`."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8")
        except UnicodeDecodeError as exc:
            raise DecodeError(
                f"{origin}: has a UTF-8 BOM but is not valid UTF-8 (byte {exc.start})",
                code=problems.BAD_ENCODING,
            ) from exc
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"{origin}: has a UTF-16 BOM but is not valid UTF-16 (byte {exc.start})",
                    code=problems.BAD_ENCODING,
                ) from exc
            if not looks_like_text(text):
                raise DecodeError(f"{origin}: UTF-16 content is not text", code=problems.BINARY)
            return Decoded(text, codec)
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise DecodeError(f"{origin}: binary content (NUL byte on line {line})", code=problems.BINARY)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    else:
        if not looks_like_text(text):
            raise DecodeError(f"{origin}: binary content (control characters)", code=problems.BINARY)
        return Decoded(text, "utf-8")
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        pass
    else:
        if _cp1256_plausible(text):
            return Decoded(text, "cp1256")
    line = data.count(b"\n", 0, utf8_error.start) + 1
    raise DecodeError(
        f"{origin}: unknown encoding: not UTF-8 (bad byte 0x{data[utf8_error.start]:02x} on line {line}), "
        "UTF-16 with BOM or Arabic Windows (cp1256)",
        code=problems.BAD_ENCODING,
    )


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
