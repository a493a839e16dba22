"""Open an input as a binary stream, gunzipping it transparently and within bounds.

Readers accept a path or an already-open binary file (so that the build can
watch how far into a large file it is).  A gzip file is recognised by its magic
bytes, whatever its name; its decompressed size is bounded so that a small
"zip bomb" cannot fill the disk or the memory of a reader.

>>> import gzip, io
>>> with open_binary(io.BytesIO(gzip.compress(b"hello"))) as fh:
...     fh.read()
b'hello'
>>> with open_binary(io.BytesIO(b"plain")) as fh:
...     fh.read()
b'plain'
"""

from __future__ import annotations

import contextlib
import gzip
import io
import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO

from . import ReadError

__all__ = ["GZIP_MAGIC", "open_binary", "source_name", "read_all", "read_text_gz", "Source"]

GZIP_MAGIC = b"\x1f\x8b"
#: decompressed bytes allowed per compressed byte, and the floor of that bound
MAX_RATIO = 200
MIN_DECOMPRESSED = 256 * 1024 * 1024

Source = str | os.PathLike[str] | BinaryIO


def source_name(source: Source) -> str:
    """The file name of a path or an open file (for messages and ``Document.source``)."""
    if isinstance(source, (str, os.PathLike)):
        return str(source)
    return str(getattr(source, "name", "<stream>"))


class _Bounded(io.RawIOBase):
    """A read-only stream that fails once more than ``limit`` bytes came out of ``inner``."""

    def __init__(self, inner: Any, limit: int, name: str) -> None:
        self._inner = inner
        self._left = limit
        self._limit = limit
        self.name = name

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[override]
        try:
            data = self._inner.read(len(b))
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise ReadError(self.name, f"corrupt gzip data ({exc})") from None
        n = len(data)
        self._left -= n
        if self._left < 0:
            raise ReadError(self.name, f"decompresses to more than {self._limit / 1e6:.0f} MB; refused "
                                       "(a compression bomb, or raise --max-bytes)")
        b[:n] = data
        return n


@contextlib.contextmanager
def open_binary(source: Source) -> Iterator[BinaryIO]:
    """A binary stream of the (decompressed) content of ``source``.

    An open file passed in is not closed here; a path is opened and closed.
    """
    name = source_name(source)
    with contextlib.ExitStack() as stack:
        if isinstance(source, (str, os.PathLike)):
            raw: BinaryIO = stack.enter_context(open(source, "rb"))
        else:
            raw = source
        head = raw.peek(2)[:2] if hasattr(raw, "peek") else b""
        if not head and hasattr(raw, "seek"):
            pos = raw.tell()
            head = raw.read(2)
            raw.seek(pos)
        if head == GZIP_MAGIC:
            size = _size(raw)
            limit = max(MIN_DECOMPRESSED, MAX_RATIO * size)
            gz = stack.enter_context(gzip.GzipFile(fileobj=raw, mode="rb"))
            yield io.BufferedReader(_Bounded(gz, limit, name), buffer_size=1 << 16)
        else:
            yield raw


def _size(raw: BinaryIO) -> int:
    try:
        return os.fstat(raw.fileno()).st_size
    except (OSError, AttributeError, io.UnsupportedOperation):
        return len(raw.getbuffer()) if isinstance(raw, io.BytesIO) else 0


def read_all(source: Source) -> bytes:
    """The whole decompressed content (for formats that are not streamed)."""
    with open_binary(source) as fh:
        return fh.read()


def read_text_gz(source: Source) -> Iterator:
    """A gzipped plain-text article (``.txt.gz``): one document."""
    from .decode import decode_text
    from .text import document_from_text

    name = source_name(source)
    text = decode_text(read_all(source), name)
    if text.strip():
        path = Path(name)
        doc = document_from_text(path.with_suffix("") if path.suffix == ".gz" else path, text, "text")
        yield replace(doc, source=name)
