"""BioC, XML and JSON (PubTator3 exports, the PMC BioC API, BioC-JSON lines).

A BioC document is a list of passages (title, abstract, paragraphs, table and
figure text), each with a document-level ``offset`` and optional annotations.
Passages become one line each, in order; reference-list, funding, author
contribution and competing-interest passages are left out.  Annotation
offsets are moved along with their passage, so the optional mentions
(:func:`read_bioc_annotated`, :func:`read_bioc_json_annotated`) point at the
right characters.  Bibliographic ids and journal/year come from the document
and passage ``infons`` (``article-id_pmid``, ``article-id_pmc``,
``article-id_doi``, ``journal``/``source``, ``year``) or the document id.

BioC XML is streamed one ``<document>`` at a time; a BioC JSON file is loaded
whole (its size is bounded by ``--max-bytes``), BioC-JSON lines one line at a time.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from typing import Any

from lxml import etree

from ..model import Document, Mention
from . import ReadError
from .annotations import given_mentions
from .article import TextBuilder, make_document
from .compressed import Source, open_binary, read_all, source_name
from .xmlsafe import Entities, Parse, iter_elements, local, text_of

__all__ = ["read_bioc", "read_bioc_annotated", "read_bioc_json", "read_bioc_json_annotated", "bioc_document",
           "json_documents"]

log = logging.getLogger(__name__)

#: passage section types (PMC BioC ``section_type``) that are not article text
SKIP_SECTIONS = frozenset({"REF", "COMP_INT", "AUTH_CONT", "ACK_FUND"})
_SECTION_NAMES = {"TITLE": "title", "ABSTRACT": "abstract", "INTRO": "introduction", "METHODS": "methods",
                  "RESULTS": "results", "DISCUSS": "discussion", "CONCL": "conclusions", "TABLE": "table",
                  "FIG": "figure", "SUPPL": "supplementary", "ABBR": "abbreviations", "APPENDIX": "appendix",
                  "CASE": "case"}
_PMID_KEYS = ("article-id_pmid", "pmid")
_PMC_KEYS = ("article-id_pmc", "pmcid", "pmc")
_DOI_KEYS = ("article-id_doi", "doi")
_JOURNAL_KEYS = ("journal", "source", "journal-title")
_YEAR_KEYS = ("year",)


def _first(infons: Iterable[dict[str, Any]], keys: tuple[str, ...]) -> str:
    for inf in infons:
        for k in keys:
            v = inf.get(k)
            if isinstance(v, (str, int)) and str(v).strip():
                return str(v).strip()
    return ""


def _section(infons: dict[str, Any]) -> str:
    kind = str(infons.get("section_type") or "").upper()
    if kind:
        return _SECTION_NAMES.get(kind, kind.lower())
    t = str(infons.get("section") or infons.get("type") or "").lower()
    if t in ("front", "title") or t.startswith("title"):
        return "title"
    return "abstract" if t.startswith("abstract") else (t or "body")


def _passage_text(p: dict[str, Any]) -> str:
    text = p.get("text") or ""
    if text or not p.get("sentences"):
        return str(text)
    base = int(p.get("offset") or 0)
    out = ""
    for s in sorted(p["sentences"], key=lambda s: int(s.get("offset") or 0)):
        pos = int(s.get("offset") or 0) - base
        out += " " * max(1 if out else 0, pos - len(out)) + str(s.get("text") or "")
    return out


def _annotations(p: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield from p.get("annotations") or ()
    for s in p.get("sentences") or ():
        yield from s.get("annotations") or ()


def bioc_document(d: dict[str, Any], name: str, annotated: bool = False) -> tuple[Document, tuple[Mention, ...]] | None:
    """One BioC document (in its JSON shape) as a document and its given mentions."""
    passages = sorted(d.get("passages") or (), key=lambda p: int(p.get("offset") or 0))
    b = TextBuilder()
    placed: list[tuple[dict[str, Any], int, int]] = []  # passage, start in our text, length
    title = ""
    for p in passages:
        infons = p.get("infons") or {}
        if str(infons.get("section_type") or "").upper() in SKIP_SECTIONS or str(infons.get("type")).lower() == "ref":
            continue
        text = _passage_text(p)
        if not text.strip():
            continue
        section = _section(infons)
        if section == "title" and not title:
            title = re.sub(r"\s+", " ", text).strip()
        placed.append((p, b.add(text, section), len(text)))
    if not len(b):
        return None
    infons = [d.get("infons") or {}] + [(p.get("infons") or {}) for p, _, _ in placed[:2]]
    doc_id = str(d.get("id") or d.get("_id") or "").split("|")[0].strip()
    pmid = _first(infons, _PMID_KEYS) or str(d.get("pmid") or "") or (doc_id if doc_id.isdigit() else "")
    pmcid = _first(infons, _PMC_KEYS) or str(d.get("pmcid") or "") or (doc_id if doc_id.upper().startswith("PMC") else "")
    doc = make_document(text=b.text, title=title, source=name, fmt="bioc", sections=b.sections(),
                        pmid=pmid, pmcid=pmcid, doi=_first(infons, _DOI_KEYS),
                        journal=_first(infons, _JOURNAL_KEYS), year=_first(infons, _YEAR_KEYS)[:4],
                        local_id=doc_id)
    mentions: list[Mention] = []
    if annotated:
        text = doc.text
        for p, start, length in placed:
            delta = start - int(p.get("offset") or 0)
            for a in _annotations(p):
                ainf = a.get("infons") or {}
                ident = str(ainf.get("identifier") or ainf.get("Identifier") or ainf.get("MESH")
                            or ainf.get("NCBI Gene") or ainf.get("NCBI Taxonomy") or "")
                for loc in a.get("locations") or ():
                    s = int(loc.get("offset", -1)) + delta
                    e = s + int(loc.get("length", 0))
                    if not start <= s < e <= start + length:
                        log.debug("%s: annotation %s outside its passage", name, a.get("id"))
                        continue
                    mentions.extend(given_mentions(doc.id, s, e, str(a.get("text") or text[s:e]),
                                                   str(ainf.get("type") or ""), ident, source="bioc"))
    return doc, tuple(mentions)


# -- XML ------------------------------------------------------------------------------

def _infons(el: etree._Element, entities: Entities) -> dict[str, str]:
    return {i.get("key", ""): text_of(i, entities) for i in el if local(i.tag) == "infon"}


def _xml_annotation(a: etree._Element, entities: Entities) -> dict[str, Any]:
    return {
        "id": a.get("id"),
        "infons": _infons(a, entities),
        "text": text_of(a.find("text"), entities),
        "locations": [{"offset": int(loc.get("offset", -1)), "length": int(loc.get("length", 0))}
                      for loc in a.iterfind("location")],
    }


def _raw_text(el: etree._Element | None) -> str:
    """Text content without whitespace collapsing (annotation offsets count every character)."""
    return "".join(el.itertext()) if el is not None else ""


def _xml_document(el: etree._Element, entities: Entities) -> dict[str, Any]:
    passages = []
    for p in el.iterfind("passage"):
        passages.append({
            "infons": _infons(p, entities),
            "offset": int(p.findtext("offset") or 0),
            "text": _raw_text(p.find("text")),
            "sentences": [{"offset": int(s.findtext("offset") or 0), "text": _raw_text(s.find("text")),
                           "annotations": [_xml_annotation(a, entities) for a in s.iterfind("annotation")]}
                          for s in p.iterfind("sentence")],
            "annotations": [_xml_annotation(a, entities) for a in p.iterfind("annotation")],
        })
    return {"id": (el.findtext("id") or "").strip(), "infons": _infons(el, entities), "passages": passages}


def _iter_xml(source: Source, annotated: bool) -> Iterator[tuple[Document, tuple[Mention, ...]]]:
    name = source_name(source)
    parse = Parse(name)
    with open_binary(source) as fh:
        for el in iter_elements(fh, name, ("document",), parse):
            try:
                out = bioc_document(_xml_document(el, parse.entities), name, annotated)
            except (TypeError, ValueError) as exc:
                raise ReadError(name, f"not a valid BioC document ({exc})") from None
            if out:
                yield out


def read_bioc(source: Source) -> Iterator[Document]:
    """The documents of a BioC XML file (gzip or not)."""
    for doc, _ in _iter_xml(source, annotated=False):
        yield doc


def read_bioc_annotated(source: Source) -> Iterator[tuple[Document, tuple[Mention, ...]]]:
    yield from _iter_xml(source, annotated=True)


# -- JSON -----------------------------------------------------------------------------

def json_documents(data: Any) -> Iterator[dict[str, Any]]:
    """The BioC documents in parsed JSON: a collection, a list of collections or documents,
    a ``{"PubTator3": [...]}`` export, or one document."""
    if isinstance(data, list):
        for item in data:
            yield from json_documents(item)
    elif isinstance(data, dict):
        if "passages" in data:
            yield data
        elif isinstance(data.get("documents"), list):
            yield from json_documents(data["documents"])
        elif isinstance(data.get("PubTator3"), list):
            yield from json_documents(data["PubTator3"])


def _iter_json(source: Source, annotated: bool) -> Iterator[tuple[Document, tuple[Mention, ...]]]:
    name = source_name(source)
    raw = read_all(source)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ReadError(name, f"not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise ReadError(name, f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    for d in json_documents(data):
        try:
            out = bioc_document(d, name, annotated)
        except (TypeError, ValueError, AttributeError) as exc:
            raise ReadError(name, f"not a valid BioC document ({exc})") from None
        if out:
            yield out


def read_bioc_json(source: Source) -> Iterator[Document]:
    """The documents of a BioC JSON file (gzip or not)."""
    for doc, _ in _iter_json(source, annotated=False):
        yield doc


def read_bioc_json_annotated(source: Source) -> Iterator[tuple[Document, tuple[Mention, ...]]]:
    yield from _iter_json(source, annotated=True)
