"""Bytes to text, refusing binary files and unknown encodings with a clear reason.

>>> decode_text(b"caf\\xc3\\xa9", "x.txt")
'café'
"""

from __future__ import annotations

import codecs

from . import ReadError

__all__ = ["decode_text", "read_text_file"]


def decode_text(data: bytes, path: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError(path, f"not valid UTF-16 text ({exc.reason} at byte {exc.start})") from None
    if b"\x00" in data[:65536]:
        raise ReadError(path, "binary file (contains NUL bytes), not an article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReadError(
            path, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                  "convert it first, e.g. iconv -f latin1 -t utf-8",
        ) from None
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(8, len(text[:65536]) // 100):
        raise ReadError(path, "binary file (control characters), not an article")
    return text


def read_text_file(path) -> str:
    with open(path, "rb") as fh:
        return decode_text(fh.read(), str(path))
