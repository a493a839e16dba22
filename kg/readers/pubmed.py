"""PubMed XML: efetch output and the annual baseline / daily update files.

Streamed with :func:`~kg.readers.xmlsafe.iter_elements`, one
``<PubmedArticle>`` (or ``<PubmedBookArticle>``) at a time, so a 30,000-article
baseline file never becomes one tree; ``<DeleteCitation>`` entries of update
files are skipped.  A document's text is its title on the first line, then its
abstract, one labelled part (BACKGROUND, METHODS, ...) per line; its sections
are ``title`` and ``abstract``, or for a structured abstract its parts'
NLM categories lower-cased (``background``, ``methods``, ``results``...).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from lxml import etree

from ..model import Document
from .article import TextBuilder, make_document
from .compressed import Source, open_binary, source_name
from .xmlsafe import Parse, iter_elements, text_of

__all__ = ["read_pubmed", "article_document"]

log = logging.getLogger(__name__)

_TAGS = ("PubmedArticle", "PubmedBookArticle")


def _year(el: etree._Element | None) -> str:
    if el is None:
        return ""
    year = el.findtext("Year")
    if year:
        return year.strip()
    m = re.search(r"\b(1[89]\d\d|20\d\d)\b", el.findtext("MedlineDate") or "")
    return m.group(1) if m else ""


def _ids(article: etree._Element) -> dict[str, str]:
    """The article's own ids (not those of its references)."""
    out: dict[str, str] = {}
    for aid in article.iterfind("PubmedData/ArticleIdList/ArticleId"):
        kind = (aid.get("IdType") or "").lower()
        if kind in ("pubmed", "pmc", "doi") and aid.text and kind not in out:
            out[kind] = aid.text.strip()
    for aid in article.iterfind("BookDocument/ArticleIdList/ArticleId"):
        kind = (aid.get("IdType") or "").lower()
        if kind in ("pubmed", "pmc", "doi") and aid.text and kind not in out:
            out[kind] = aid.text.strip()
    return out


def article_document(article: etree._Element, name: str, entities: dict[str, str]) -> Document | None:
    """One ``<PubmedArticle>``/``<PubmedBookArticle>`` element as a document (None if it has no text)."""
    cit = article.find("MedlineCitation")
    if cit is not None:
        art = cit.find("Article")
        pmid = (cit.findtext("PMID") or "").strip()
        journal_el = art.find("Journal") if art is not None else None
        journal = text_of(journal_el.find("Title"), entities) if journal_el is not None else ""
        if not journal and journal_el is not None:
            journal = text_of(journal_el.find("ISOAbbreviation"), entities)
        year = _year(journal_el.find("JournalIssue/PubDate")) if journal_el is not None else ""
        if not year and art is not None:
            year = _year(art.find("ArticleDate"))
        title_el = art.find("ArticleTitle") if art is not None else None
        if title_el is None or not text_of(title_el, entities):
            title_el = art.find("VernacularTitle") if art is not None else None
        abstract = art.find("Abstract") if art is not None else None
        doi = ""
        if art is not None:
            for eloc in art.iterfind("ELocationID"):
                if (eloc.get("EIdType") or "").lower() == "doi" and eloc.text:
                    doi = eloc.text
                    break
    else:
        book = article.find("BookDocument")
        if book is None:
            return None
        pmid = (book.findtext("PMID") or "").strip()
        journal = text_of(book.find("Book/BookTitle"), entities)
        year = _year(book.find("Book/PubDate"))
        title_el = book.find("ArticleTitle")
        if title_el is None:
            title_el = book.find("Book/BookTitle")
        abstract = book.find("Abstract")
        doi = ""
    ids = _ids(article)
    title = text_of(title_el, entities)
    b = TextBuilder()
    if title:
        b.add(title, "title")
    if abstract is not None:
        for part in abstract.iterfind("AbstractText"):
            text = text_of(part, entities)
            if not text:
                continue
            label = (part.get("Label") or "").strip()
            category = (part.get("NlmCategory") or label or "abstract").strip().lower()
            b.add(f"{label}: {text}" if label and not text.upper().startswith(label.upper()) else text,
                  "abstract" if category == "unassigned" else category)
    if not len(b):
        return None
    return make_document(
        text=b.text, title=title, source=name, fmt="pubmed", sections=b.sections(),
        pmid=pmid or ids.get("pubmed", ""), pmcid=ids.get("pmc", ""), doi=doi or ids.get("doi", ""),
        journal=journal, year=year,
    )


def read_pubmed(source: Source) -> Iterator[Document]:
    """Every article with a title or abstract in a PubMed XML file (gzip or not)."""
    name = source_name(source)
    parse = Parse(name)
    with open_binary(source) as fh:
        for el in iter_elements(fh, name, _TAGS, parse):
            doc = article_document(el, name, parse.entities)
            if doc is not None:
                yield doc
            else:
                log.debug("%s: an article without title or abstract skipped", name)
