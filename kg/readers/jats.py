"""PMC / JATS full-text XML (a single ``<article>`` or a ``<pmc-articleset>``).

The text of a document is, one block per line: the article title, the
abstract, then the body in reading order (section headings, paragraphs, list
items, figure captions and tables; a table becomes its caption and one line
per row, cells joined by `` | ``).  The back matter (references,
acknowledgements) is left out, and so are citation call-outs
(``<xref ref-type="bibr">``), formulas and supplementary material.  Sections are
``title``, ``abstract`` and the top-level body sections, named by their
``sec-type`` or, failing that, their heading in lower case.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from ..model import Document
from .article import TextBuilder, make_document
from .compressed import Source, open_binary, source_name
from .xmlsafe import Entities, Parse, iter_elements, local, text_of

__all__ = ["read_jats", "article_document"]

_SKIP = frozenset({"table-wrap", "fig", "disp-formula", "inline-formula", "supplementary-material", "list",
                   "alternatives", "graphic", "media", "fn-group", "tex-math", "math"})
_BLOCK = frozenset({"td", "th", "list-item", "title", "label", "p"})
_EMPTY_BRACKETS = re.compile(r"\s*(?:\[\s*[,;–—-]*\s*\]|\(\s*[,;]*\s*\))")
_DANGLING_SEPARATORS = re.compile(r"\s+(?:[,;–—]\s*)+(?=[.:;)])")
_HEADING_NUMBER = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+")


def _clean(text: str) -> str:
    return _DANGLING_SEPARATORS.sub("", _EMPTY_BRACKETS.sub("", text)).strip()


def _drop_citations(article: etree._Element) -> None:
    """Remove ``<xref ref-type="bibr">`` call-outs, keeping the text that follows them."""
    for xref in list(article.iter("xref")):
        if xref.get("ref-type") == "bibr":
            parent = xref.getparent()
            if parent is None:
                continue
            tail = xref.tail or ""
            prev = xref.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
            parent.remove(xref)


class _Body:
    """Walks JATS block structure into a :class:`TextBuilder`."""

    def __init__(self, builder: TextBuilder, entities: Entities) -> None:
        self.b = builder
        self.ents = entities

    def line(self, text: str, section: str) -> None:
        text = _clean(text)
        if text:
            self.b.add(text, section)

    def table(self, wrap: etree._Element, section: str) -> None:
        self.line(" ".join(filter(None, (text_of(wrap.find("label"), self.ents),
                                          text_of(wrap.find("caption"), self.ents, block=_BLOCK)))), section)
        for row in wrap.iter("tr"):
            cells = [text_of(c, self.ents, skip=_SKIP) for c in row if local(c.tag) in ("td", "th")]
            if any(cells):
                self.line(" | ".join(cells), section)
        for foot in wrap.iter("table-wrap-foot"):
            self.line(text_of(foot, self.ents, block=_BLOCK), section)

    def block(self, el: etree._Element, section: str) -> None:
        tag = local(el.tag)
        if tag in ("sec", "body", "boxed-text", "app", "disp-quote", "glossary"):
            for child in el:
                self.block(child, section)
        elif tag == "title":
            self.line(text_of(el, self.ents), section)
        elif tag == "p":
            self.line(text_of(el, self.ents, skip=_SKIP), section)
            for nested in el:
                if local(nested.tag) in ("table-wrap", "fig", "list", "boxed-text", "disp-quote"):
                    self.block(nested, section)
        elif tag == "table-wrap":
            self.table(el, section)
        elif tag == "table-wrap-group":
            for child in el:
                self.block(child, section)
        elif tag == "fig":
            self.line(" ".join(filter(None, (text_of(el.find("label"), self.ents),
                                             text_of(el.find("caption"), self.ents, block=_BLOCK)))), section)
        elif tag == "list":
            for item in el.iterfind("list-item"):
                for child in item:
                    self.block(child, section)
        elif tag in ("label", "supplementary-material", "disp-formula", "ref-list", "fn-group", "graphic",
                     "media", "sec-meta", "alternatives"):
            return
        elif isinstance(el.tag, str):
            self.line(text_of(el, self.ents, skip=_SKIP, block=_BLOCK), section)


def _section_name(sec: etree._Element, entities: Entities) -> str:
    kind = (sec.get("sec-type") or "").strip().lower()
    if kind:
        return kind.split("|")[0]
    title = _HEADING_NUMBER.sub("", text_of(sec.find("title"), entities)).strip().lower()
    return title or "body"


def _year(meta: etree._Element) -> str:
    for date in meta.iterfind("pub-date"):
        year = (date.findtext("year") or "").strip()
        if year:
            return year
    return ""


def article_document(article: etree._Element, name: str, entities: Entities) -> Document | None:
    """One ``<article>`` element as a document (None when it has no text)."""
    meta = article.find("front/article-meta")
    jmeta = article.find("front/journal-meta")
    ids: dict[str, str] = {}
    if meta is not None:
        for aid in meta.iterfind("article-id"):
            kind = (aid.get("pub-id-type") or "").lower()
            kind = "pmc" if kind in ("pmc", "pmcid") else kind
            if aid.text and kind not in ids:
                ids[kind] = aid.text.strip()
    _drop_citations(article)
    title = text_of(meta.find("title-group/article-title"), entities) if meta is not None else ""
    b = TextBuilder()
    body = _Body(b, entities)
    if title:
        b.add(title, "title")
    if meta is not None:
        abstracts = [a for a in meta.iterfind("abstract") if a.get("abstract-type") in (None, "abstract")]
        for abstract in abstracts[:1]:
            for child in abstract:
                body.block(child, "abstract")
    main = article.find("body")
    if main is not None:
        for child in main:
            section = _section_name(child, entities) if local(child.tag) == "sec" else "body"
            body.block(child, section)
    if not len(b):
        return None
    journal = ""
    if jmeta is not None:
        journal = text_of(jmeta.find("journal-title-group/journal-title"), entities) or text_of(
            jmeta.find("journal-title"), entities)
    return make_document(
        text=b.text, title=title, source=name, fmt="jats", sections=b.sections(),
        pmid=ids.get("pmid", ""), pmcid=ids.get("pmc", ""), doi=ids.get("doi", ""), journal=journal,
        year=_year(meta) if meta is not None else "",
    )


def read_jats(source: Source) -> Iterator[Document]:
    """Every article in a JATS / PMC XML file (gzip or not)."""
    name = source_name(source)
    parse = Parse(name)
    with open_binary(source) as fh:
        for el in iter_elements(fh, name, ("article",), parse):
            if el.getparent() is not None and local(el.getparent().tag) not in ("pmc-articleset", "articles"):
                continue
            doc = article_document(el, name, parse.entities)
            if doc is not None:
                yield doc
