"""Readers: files, folders and globs in, :class:`~kg.model.Document` records out.

The reader for a file is chosen from its content first (XML root element, JSON
shape, PubTator lines) and its suffix second; see :data:`kg.registry.readers`.
A file that cannot be read raises :class:`ReadError` naming it; callers that
read many files collect those errors and go on with the others.
"""

from __future__ import annotations

import glob
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..model import Document
from ..registry import readers

__all__ = ["ReadError", "iter_paths", "read_path", "read_documents", "reader_for", "MAX_BYTES"]

log = logging.getLogger(__name__)

#: files above this size are refused (a document, not a data dump); see ``--max-bytes``
MAX_BYTES = 200 * 1024 * 1024


class ReadError(Exception):
    """A file that could not be read; ``str()`` is a one-line message naming it."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


def iter_paths(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Files named by ``inputs``: files as given, folders recursively, globs expanded.

    Hidden files and folders inside a folder are skipped; order is sorted and
    each file is given once.
    """
    seen: set[Path] = set()
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*")
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
        elif p.exists():
            found = [p]
        elif glob.has_magic(str(item)):
            found = sorted(Path(f) for f in glob.glob(str(item), recursive=True) if Path(f).is_file())
            if not found:
                raise ReadError(item, "the pattern matches no file")
        else:
            raise ReadError(item, "no such file or folder")
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                yield f


def _sniff(head: bytes) -> str | None:
    """A reader name from the first bytes of a file, or None to go by suffix."""
    from .sniff import sniff

    return sniff(head)


def reader_for(path: Path, head: bytes) -> str:
    name = _sniff(head)
    if name and name in readers:
        return name
    suffixes = "".join(path.suffixes[-2:]).lower()
    for candidate in readers.names():
        for s in readers.meta(candidate).get("suffixes", ()):
            if suffixes.endswith(s) or path.suffix.lower() == s:
                return candidate
    return "text"


def read_path(path: str | os.PathLike[str], max_bytes: int = MAX_BYTES) -> list[Document]:
    """All documents in one file (most files hold one; corpora hold many)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size == 0:
            raise ReadError(path, "the file is empty")
        if size > max_bytes:
            raise ReadError(path, f"the file is {size / 1e6:.0f} MB, over the {max_bytes / 1e6:.0f} MB limit "
                                  "(raise it with --max-bytes)")
        with open(path, "rb") as fh:
            head = fh.read(4096)
        name = reader_for(path, head)
        docs = list(readers.get(name)(path))
    except ReadError:
        raise
    except OSError as exc:
        raise ReadError(path, exc.strerror or str(exc)) from exc
    except Exception as exc:  # a reader's own parse failure: report it against the file
        raise ReadError(path, f"{type(exc).__name__}: {exc}") from exc
    if not docs:
        raise ReadError(path, "no article text found in the file")
    return docs


def read_documents(
    inputs: Iterable[str | os.PathLike[str]],
    on_error: Callable[[ReadError], None] | None = None,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Document]:
    """Documents from every input, in order; errors go to ``on_error`` (or are raised)."""

    def fail(err: ReadError) -> None:
        if on_error is None:
            raise err
        on_error(err)

    try:
        paths = list(iter_paths(inputs))
    except ReadError as err:
        fail(err)
        paths = [p for item in inputs for p in _safe_iter(item)]
    for path in paths:
        try:
            yield from read_path(path, max_bytes=max_bytes)
        except ReadError as err:
            log.debug("cannot read %s", path, exc_info=True)
            fail(err)


def _safe_iter(item: str | os.PathLike[str]) -> list[Path]:
    try:
        return list(iter_paths([item]))
    except ReadError:
        return []
