"""PubTator: ``PMID|t|title``, ``PMID|a|abstract`` and tab-separated annotation lines.

::

    10491763|t|Hepatocyte nuclear factor-6: associations ...
    10491763|a|The transcription factor hepatocyte nuclear factor ...
    10491763	0	27	Hepatocyte nuclear factor-6	GeneOrGeneProduct	3175
    10491763	Association	3175	D003924	No

Documents are separated by a blank line (or a new id).  A document's text is
its title, a line break and its abstract, so the corpus's character offsets
(computed on ``title + " " + abstract``) stay valid.  The file is streamed
line by line.  :func:`read_pubtator_annotated` also gives each annotation as
a :class:`~kg.model.Mention` (relation lines are ignored).
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
from collections.abc import Iterator

from ..model import Document, Mention, Section
from . import ReadError
from .annotations import given_mentions
from .article import make_document
from .compressed import Source, open_binary, source_name

__all__ = ["read_pubtator", "read_pubtator_annotated"]

log = logging.getLogger(__name__)

_TA = re.compile(r"([^|\t]+)\|([ta])\|(.*)")


class _Doc:
    __slots__ = ("id", "title", "abstract", "annotations", "line")

    def __init__(self, doc_id: str, line: int) -> None:
        self.id = doc_id
        self.title = ""
        self.abstract = ""
        self.annotations: list[list[str]] = []
        self.line = line


def _finish(d: _Doc, name: str, annotated: bool) -> tuple[Document, tuple[Mention, ...]] | None:
    title, abstract = d.title.strip(), d.abstract.rstrip()
    if not title and not abstract.strip():
        return None
    text = f"{d.title}\n{abstract}" if abstract else d.title
    sections = [Section("title", 0, len(d.title))] if d.title else []
    if abstract:
        sections.append(Section("abstract", len(d.title) + 1, len(text)))
    pmid = d.id if d.id.isdigit() else ""
    doc = make_document(text=text, title=title, source=name, fmt="pubtator", sections=tuple(sections),
                        pmid=pmid, pmcid=d.id if d.id.upper().startswith("PMC") else "", local_id=d.id)
    mentions: list[Mention] = []
    if annotated:
        for fields in d.annotations:
            start, end = int(fields[1]), int(fields[2])
            if not 0 <= start < end <= len(text):
                log.debug("%s: document %s: annotation %s-%s outside the text", name, d.id, start, end)
                continue
            mentions.extend(given_mentions(doc.id, start, end, fields[3], fields[4],
                                           fields[5] if len(fields) > 5 else "", source="pubtator"))
    return doc, tuple(mentions)


def _iter(source: Source, annotated: bool) -> Iterator[tuple[Document, tuple[Mention, ...]]]:
    name = source_name(source)
    with open_binary(source) as raw:
        lines = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline=None)
        cur: _Doc | None = None
        lineno = 0
        try:
            for lineno, line in enumerate(lines, 1):  # noqa: B007 (lineno is used after the loop)
                line = line.rstrip("\n")
                if not line.strip():
                    if cur is not None:
                        out = _finish(cur, name, annotated)
                        cur = None
                        if out:
                            yield out
                    continue
                if "\t" in line:
                    fields = line.split("\t")
                    if cur is None or fields[0] != cur.id:
                        raise ReadError(name, f"line {lineno}: an annotation line for "
                                              f"{fields[0]!r} outside its document")
                    if annotated and len(fields) >= 5 and fields[1].isdigit() and fields[2].isdigit():
                        cur.annotations.append(fields)
                    continue
                m = _TA.match(line)
                if m is None:
                    raise ReadError(name, f"line {lineno}: not a PubTator line (expected ID|t|, ID|a| or "
                                          "tab-separated annotations)")
                doc_id, kind, body = m.groups()
                if cur is not None and doc_id != cur.id:
                    out = _finish(cur, name, annotated)
                    if out:
                        yield out
                    cur = None
                if cur is None:
                    cur = _Doc(doc_id, lineno)
                if kind == "t":
                    cur.title = body
                else:
                    cur.abstract = body
        except UnicodeDecodeError as exc:
            raise ReadError(name, f"not UTF-8 text near line {lineno + 1} ({exc.reason})") from None
        finally:
            with contextlib.suppress(ValueError):  # the file may already be closed on an interrupt
                lines.detach()
        if cur is not None:
            out = _finish(cur, name, annotated)
            if out:
                yield out


def read_pubtator(source: Source) -> Iterator[Document]:
    """The documents of a PubTator file (gzip or not), without their annotations."""
    for doc, _ in _iter(source, annotated=False):
        yield doc


def read_pubtator_annotated(source: Source) -> Iterator[tuple[Document, tuple[Mention, ...]]]:
    """``(document, annotations as mentions)`` for each document of a PubTator file."""
    yield from _iter(source, annotated=True)
