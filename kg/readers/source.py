"""Documents streamed from many inputs, with how far the reading has got.

:class:`DocumentSource` is what the build reads from: it yields documents (and,
when asked, the mentions an annotated corpus gives) one at a time, file after
file, never holding a whole file's documents; :attr:`DocumentSource.bytes_read`
and :attr:`~DocumentSource.bytes_total` drive a progress bar's estimate.

A file that fails is reported to ``on_error`` as a :class:`ReadError` and
skipped.  A file that fails part-way (a truncated baseline file) keeps the
documents read before the failure.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..model import Document, Mention
from ..registry import readers
from . import MAX_BYTES, ReadError, iter_paths, reader_for

__all__ = ["DocumentSource"]

log = logging.getLogger(__name__)

Given = tuple[Mention, ...]


class DocumentSource:
    """Iterate ``(document, given_mentions)`` over files, folders and globs, in order."""

    def __init__(
        self,
        inputs: Iterable[str | os.PathLike[str]],
        *,
        on_error: Callable[[ReadError], None],
        max_bytes: int = MAX_BYTES,
        annotations: bool = False,
    ) -> None:
        self.on_error = on_error
        self.max_bytes = max_bytes
        self.annotations = annotations
        self.paths: list[Path] = []
        for item in inputs:  # one bad input does not hide the others
            try:
                self.paths.extend(iter_paths([item]))
            except ReadError as err:
                on_error(err)
        self.sizes = [_size(p) for p in self.paths]
        self.bytes_total = sum(self.sizes)
        self.files_done = 0
        self._bytes_done = 0
        self._current: BinaryIO | None = None

    @property
    def bytes_read(self) -> int:
        """Bytes of input consumed so far (compressed bytes for gzip files)."""
        cur = self._current
        if cur is not None:
            try:
                return self._bytes_done + cur.tell()
            except (OSError, ValueError):
                pass
        return self._bytes_done

    def __iter__(self) -> Iterator[tuple[Document, Given]]:
        for path, size in zip(self.paths, self.sizes, strict=True):
            try:
                yield from self._read(path, size)
            except ReadError as err:
                log.debug("cannot read %s", path, exc_info=True)
                self.on_error(err)
            finally:
                self._current = None
                self._bytes_done += size
                self.files_done += 1

    def _read(self, path: Path, size: int) -> Iterator[tuple[Document, Given]]:
        if size == 0:
            raise ReadError(path, "the file is empty")
        if size > self.max_bytes:
            raise ReadError(path, f"the file is {size / 1e6:.0f} MB, over the {self.max_bytes / 1e6:.0f} MB "
                                  "limit (raise it with --max-bytes)")
        n = 0
        try:
            with open(path, "rb") as fh:
                head = fh.peek(4096)[:4096]
                name = reader_for(path, head)
                streams = readers.meta(name).get("stream", False)
                if streams:
                    self._current = fh
                arg = fh if streams else path
                if self.annotations:
                    from .annotations import read_annotated

                    pairs: Iterator[tuple[Document, Given]] = read_annotated(arg, name)
                else:
                    pairs = ((d, ()) for d in readers.get(name)(arg))
                for pair in pairs:
                    n += 1
                    yield pair
        except ReadError:
            raise
        except OSError as exc:
            raise ReadError(path, exc.strerror or str(exc)) from exc
        except Exception as exc:  # a reader's own failure: reported against the file
            raise ReadError(path, f"{type(exc).__name__}: {exc}") from exc
        if n == 0:
            raise ReadError(path, "no article text found in the file")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
