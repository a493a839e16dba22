"""JSON Lines: one article per line, ``{"id": ..., "title": ..., "text": ...}``.

Also accepted: ``abstract`` for ``text``; ``pmid``, ``pmcid``, ``doi``,
``journal``, ``year`` as metadata; a line that is a BioC document (it has
``passages``); a ``.json`` file holding one such object or a list of them.
Streamed line by line; a malformed line is an error naming the file and line.

>>> import io
>>> data = b'{"id": "a1", "title": "T", "text": "Body."}\\n{"pmid": 12, "abstract": "More."}\\n'
>>> [(d.id, d.text) for d in read_jsonl(io.BytesIO(data))]
[('a1', 'T\\nBody.'), ('pubmed:12', 'More.')]
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Iterator
from typing import Any

from ..model import Document, Mention
from . import ReadError
from .article import TextBuilder, make_document
from .bioc import bioc_document, json_documents
from .compressed import Source, open_binary, source_name

__all__ = ["read_jsonl", "read_jsonl_annotated", "record_document"]

_TEXT_KEYS = ("text", "abstract", "body", "content")


def _str(record: dict[str, Any], key: str) -> str:
    v = record.get(key)
    return "" if v is None or isinstance(v, (dict, list)) else str(v)


def record_document(record: dict[str, Any], name: str, annotated: bool = False
                    ) -> tuple[Document, tuple[Mention, ...]] | None:
    """One JSON record as a document (a BioC document if it has ``passages``)."""
    if "passages" in record:
        return bioc_document(record, name, annotated)
    title = " ".join(_str(record, "title").split())
    body = next((_str(record, k) for k in _TEXT_KEYS if _str(record, k).strip()), "")
    b = TextBuilder()
    if title:
        b.add(title, "title")
    if body.strip():
        b.add(body.strip(), "abstract" if "abstract" in record and "text" not in record else "body")
    if not len(b):
        return None
    doc = make_document(
        text=b.text, title=title, source=name, fmt="jsonl", sections=b.sections(),
        pmid=_str(record, "pmid"), pmcid=_str(record, "pmcid"), doi=_str(record, "doi"),
        journal=_str(record, "journal"), year=_str(record, "year")[:4], local_id=_str(record, "id"),
    )
    return doc, ()


def _records(source: Source) -> Iterator[tuple[int, Any]]:
    name = source_name(source)
    with open_binary(source) as raw:
        lines = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict")
        lineno = 0
        try:
            first = True
            for lineno, line in enumerate(lines, 1):  # noqa: B007
                if not line.strip():
                    continue
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as exc:
                    if first:  # a pretty-printed .json file: parse it whole
                        rest = line + lines.read()
                        try:
                            value = json.loads(rest)
                        except json.JSONDecodeError as exc2:
                            raise ReadError(name, f"malformed JSON: {exc2.msg} (line {exc2.lineno})") from None
                        yield 1, value
                        return
                    raise ReadError(name, f"line {lineno}: malformed JSON ({exc.msg})") from None
                first = False
                yield lineno, value
        except UnicodeDecodeError as exc:
            raise ReadError(name, f"not UTF-8 text near line {lineno + 1} ({exc.reason})") from None
        finally:
            with contextlib.suppress(ValueError):  # the file may already be closed on an interrupt
                lines.detach()


def _iter(source: Source, annotated: bool) -> Iterator[tuple[Document, tuple[Mention, ...]]]:
    name = source_name(source)
    for lineno, value in _records(source):
        records = value if isinstance(value, list) else [value]
        for record in records:
            if not isinstance(record, dict):
                raise ReadError(name, f"line {lineno}: expected a JSON object, found {type(record).__name__}")
            inner = list(json_documents(record)) if "passages" not in record and (
                "documents" in record or "PubTator3" in record) else [record]
            for rec in inner:
                out = record_document(rec, name, annotated)
                if out:
                    yield out


def read_jsonl(source: Source) -> Iterator[Document]:
    """The documents of a JSON Lines (or JSON) file, gzip or not."""
    for doc, _ in _iter(source, annotated=False):
        yield doc


def read_jsonl_annotated(source: Source) -> Iterator[tuple[Document, tuple[Mention, ...]]]:
    yield from _iter(source, annotated=True)
