"""Guess a reader from a file's first bytes (gzip files: from their decompressed start).

>>> sniff(b"12345|t|A title")
'pubtator'
>>> sniff(b"<!DOCTYPE html><html>")
'html'
>>> sniff(b'<?xml version="1.0"?>\\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle//EN" "x.dtd">')
'pubmed'
>>> sniff(b'<collection><source>PubTator</source>')
'bioc'
>>> sniff(b'[{"source": "PMC", "documents": [')
'bioc_json'
>>> sniff(b'{"id": "1", "title": "T", "text": "x"}')
'jsonl'
>>> import gzip; sniff(gzip.compress(b"123|t|Title"))
'pubtator'
>>> sniff(b"Plain words.") is None
True
"""

from __future__ import annotations

import re
import zlib

__all__ = ["sniff", "gunzip_head"]

#: (pattern over the start of an XML file, reader); first match wins
_XML_ROOTS = (
    (re.compile(rb"<(PubmedArticleSet|PubmedArticle|PubmedBookArticleSet|PubmedBookArticle|MedlineCitation)\b"),
     "pubmed"),
    (re.compile(rb"<!DOCTYPE\s+(PubmedArticleSet|PubmedBookArticleSet)\b"), "pubmed"),
    (re.compile(rb"<(pmc-articleset|article)\b[^>]*(jats|dtd-version|article-type|xmlns:xlink)"), "jats"),
    (re.compile(rb"<!DOCTYPE\s+(article|pmc-articleset)\b[^>]*(JATS|NLM|Journal Publishing|Archiving)"), "jats"),
    (re.compile(rb"<pmc-articleset\b"), "jats"),
    (re.compile(rb"<!DOCTYPE\s+collection\b|<collection\b"), "bioc"),
    (re.compile(rb"<(!DOCTYPE\s+html|html)\b", re.I), "html"),
)


def gunzip_head(head: bytes, limit: int = 8192) -> bytes:
    """The first decompressed bytes of a gzip stream's first bytes ('' if corrupt)."""
    try:
        return zlib.decompressobj(wbits=47).decompress(head, limit)
    except zlib.error:
        return b""


def sniff(head: bytes) -> str | None:
    """A reader name for a file starting with ``head``, or None to go by its suffix."""
    if head.startswith(b"\x1f\x8b"):
        inner = gunzip_head(head)
        return sniff(inner) if inner and not inner.startswith(b"\x1f\x8b") else None
    if b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if re.match(rb"(\d+|PMC\d+)\|[ta]\|", text):
        return "pubtator"
    if text.startswith(b"<"):
        for pattern, name in _XML_ROOTS:
            if pattern.search(text):
                return name
        return None
    if text.startswith(b"{"):
        if b'"documents"' in head and re.match(rb'\{\s*"(source|documents|date|key|infons|bioctype|version)"', text):
            return "bioc_json"
        if re.match(rb'\{\s*"PubTator3"', text):
            return "bioc_json"
        return "jsonl"
    if text.startswith(b"["):
        return "bioc_json" if b'"documents"' in head or b'"passages"' in head else "jsonl"
    return None
