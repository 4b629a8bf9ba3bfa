"""Bytes to text: byte-order marks, UTF-8, UTF-16 and detected legacy charsets.

``decode`` raises ``UnreadableFile`` for empty, binary or undecodable data; the loader
skips such a file with one warning naming it.  ``read_capped`` reads at most a given
number of bytes, so a huge file is never loaded whole.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

SNIFF_BYTES = 8192
MAX_CONTROL_SHARE = 0.05  # share of control characters above which text is binary
_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


class UnreadableFile(Exception):
    """The file cannot be decoded or parsed as its format."""


def read_capped(path: Path, max_bytes: int) -> tuple[bytes, bool]:
    """At most ``max_bytes`` of the file, and whether it was cut short."""
    with path.open("rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        return data[:max_bytes], True
    return data, False


def decode(data: bytes) -> str:
    """Decode article bytes; raise UnreadableFile when they are empty or not text."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise UnreadableFile("the file is empty")
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return _check_text(_decode_prefix(data[len(bom) :], codec))
    utf16 = _utf16_without_bom(data[:SNIFF_BYTES])
    if utf16:
        return _check_text(_decode_prefix(data, utf16))
    if b"\x00" in data[:SNIFF_BYTES]:
        raise UnreadableFile("binary content, not text")
    try:
        return _check_text(_decode_prefix(data, "utf-8", strict=True))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnreadableFile("binary or undecodable content, not text")
    return _check_text(str(best))


def _decode_prefix(data: bytes, codec: str, strict: bool = False) -> str:
    """Decode, tolerating a character cut in two at the very end (a capped read)."""
    unit = 4 if "32" in codec else 2 if "16" in codec else 1
    data = data[: len(data) - len(data) % unit]
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 4 and exc.reason in (
            "unexpected end of data",
            "truncated data",
        ):
            return data[: exc.start].decode(codec, errors="strict" if strict else "replace")
        if strict:
            raise
        return data.decode(codec, errors="replace")


def _utf16_without_bom(sample: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when most odd or even bytes are NUL (ASCII-range text)."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _check_text(text: str) -> str:
    sample = text[:SNIFF_BYTES]
    if not sample.strip():
        raise UnreadableFile("the file is empty")
    controls = len(_CONTROL.findall(sample))
    if controls > MAX_CONTROL_SHARE * len(sample):
        raise UnreadableFile("binary content, not text")
    return text
