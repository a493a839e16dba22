"""Shared by the literature readers: bibliographic ids, document IRIs, text layout.

A document's id and IRI come from its PMID, else its PMCID, else its DOI, else
the file name: ``pubmed:31234567`` → ``https://bioregistry.io/pubmed:31234567``
(the CURIE ↔ IRI mapping of :mod:`kg.iri`).

>>> d = make_document(text="T\\nA", title="T", source="x.xml", fmt="pubmed", pmid="123", doi="10.1000/X")
>>> d.id, d.iri, d.metadata["doi"]
('pubmed:123', 'https://bioregistry.io/pubmed:123', '10.1000/X')
>>> make_document(text="t", title="", source="x", fmt="jsonl", doi="10.1000/a b").iri
'https://bioregistry.io/doi:10.1000/a%20b'
>>> b = TextBuilder()
>>> b.add("Title", "title"); b.add("First.", "abstract"); b.add("Second.", "abstract")
0
6
13
>>> b.text, b.sections()
('Title\\nFirst.\\nSecond.', (Section(name='title', start=0, end=5), Section(name='abstract', start=6, end=20)))
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from ..iri import curie_to_iri
from ..model import Document, Section, slugify

__all__ = ["make_document", "TextBuilder", "normalise_pmcid", "normalise_doi", "fallback_id"]

_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|\\^`#?%\x7f]')


def normalise_pmcid(value: str) -> str:
    """``'PMC123'`` from ``'123'``, ``'pmc123'`` or ``'PMC123'``; '' if not a PMCID.

    >>> normalise_pmcid("4567"), normalise_pmcid("pmc4567"), normalise_pmcid("x")
    ('PMC4567', 'PMC4567', '')
    """
    m = re.fullmatch(r"\s*(?:PMC)?(\d+)\s*", value or "", re.I)
    return f"PMC{m.group(1)}" if m else ""


def normalise_doi(value: str) -> str:
    """A bare DOI from a DOI, ``doi:`` CURIE or doi.org URL; '' if not one.

    >>> normalise_doi("https://doi.org/10.1000/XYZ"), normalise_doi("nothing")
    ('10.1000/XYZ', '')
    """
    v = (value or "").strip()
    v = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", v, flags=re.I)
    return v if re.match(r"10\.\d{3,9}/\S", v) else ""


def fallback_id(source: str) -> str:
    """An id from a file name (for documents without PMID, PMCID or DOI)."""
    name = Path(source).name
    for suffix in (".gz", ".xml", ".nxml", ".json", ".jsonl", ".txt", ".pubtator"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return slugify(name)


def _iri(curie: str) -> str:
    prefix, _, local = curie.partition(":")
    return curie_to_iri(f"{prefix}:{_IRI_UNSAFE.sub(lambda m: quote(m.group()), local)}") or ""


def make_document(
    *, text: str, title: str, source: str, fmt: str, sections: tuple[Section, ...] = (),
    pmid: str = "", pmcid: str = "", doi: str = "", journal: str = "", year: str = "", local_id: str = "",
) -> Document:
    """A :class:`Document` with its bibliographic metadata, id and IRI."""
    pmid = (pmid or "").strip()
    pmcid = normalise_pmcid(pmcid)
    doi = normalise_doi(doi)
    if pmid:
        curie = f"pubmed:{pmid}"
    elif pmcid:
        curie = f"pmc:{pmcid}"
    elif doi:
        curie = f"doi:{doi}"
    else:
        curie = ""
    meta = {k: v for k, v in (("pmid", pmid), ("pmcid", pmcid), ("doi", doi), ("journal", journal.strip()),
                              ("year", year.strip())) if v}
    doc_id = curie or (slugify(local_id) if local_id else fallback_id(source))
    return Document(id=doc_id, text=text, title=title, source=source, iri=_iri(curie) if curie else "",
                    format=fmt, metadata=meta, sections=sections)


class TextBuilder:
    """Lays out a document's parts one per line and records their sections."""

    __slots__ = ("_parts", "_length", "_spans")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._spans: list[list] = []

    def add(self, text: str, section: str = "") -> int:
        """Append ``text`` on a new line; its start offset in the document."""
        if self._parts:
            self._parts.append("\n")
            self._length += 1
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        if section:
            if self._spans and self._spans[-1][0] == section and self._spans[-1][2] == start - 1:
                self._spans[-1][2] = self._length
            else:
                self._spans.append([section, start, self._length])
        return start

    def __len__(self) -> int:
        return self._length

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def sections(self) -> tuple[Section, ...]:
        return tuple(Section(n, s, e) for n, s, e in self._spans)
