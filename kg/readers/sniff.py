"""Guess a reader from a file's first bytes.

>>> sniff(b"12345|t|A title")
'pubtator'
>>> sniff(b"<!DOCTYPE html><html>") 
'html'
>>> sniff(b"Plain words.") is None
True
"""

from __future__ import annotations

import re

__all__ = ["sniff"]

_XML_ROOTS = (
    (re.compile(rb"<(PubmedArticleSet|PubmedArticle|MedlineCitation)\b"), "pubmed"),
    (re.compile(rb"<(pmc-articleset|article)\b[^>]*(jats|dtd-version|article-type|xmlns:xlink)"), "jats"),
    (re.compile(rb"<collection\b"), "bioc"),
    (re.compile(rb"<(!DOCTYPE\s+html|html)\b", re.I), "html"),
)


def sniff(head: bytes) -> str | None:
    if b"\x00" in head[:4096] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if re.match(rb"\d+\|[ta]\|", text):
        return "pubtator"
    if text.startswith(b"<"):
        for pattern, name in _XML_ROOTS:
            if pattern.search(text):
                return name
        return None
    if text.startswith(b"{"):
        if re.match(rb'\{\s*"(source|documents|date|key|infons)"', text) and b'"documents"' in head:
            return "bioc_json"
        return "jsonl"
    if text.startswith(b"["):
        return "bioc_json" if b'"documents"' in head else None
    return None
