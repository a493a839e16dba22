"""Outbound links of the HTML view, built only from values that pass a check.

Every identifier, IRI and document source comes from untrusted input, so a
link is emitted only when it is a plain ``http(s)`` URL; anything else
(``javascript:``, ``data:``, spaces, control characters) gives ``None`` and the
page shows the text without a link.

>>> safe_url("https://pubmed.ncbi.nlm.nih.gov/1/")
'https://pubmed.ncbi.nlm.nih.gov/1/'
>>> safe_url("javascript:alert(1)") is None
True
>>> resolver_url("HGNC:1133")
'https://bioregistry.io/HGNC:1133'
>>> resolver_url("not a curie") is None
True
>>> document_url("", {"pmid": "123"})
'https://pubmed.ncbi.nlm.nih.gov/123/'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import quote, urlsplit

__all__ = ["safe_url", "resolver_url", "document_url", "RESOLVER", "DOCUMENT_LINKS"]

RESOLVER = "https://bioregistry.io/"

_CURIE = re.compile(r"^[A-Za-z][A-Za-z0-9._-]*:[^\s/?#][^\s?#]*$")
_BAD = re.compile(r"[\s\x00-\x1f\x7f<>\"'`\\]")

#: document metadata key -> URL template, tried in this order after the source
DOCUMENT_LINKS: tuple[tuple[str, str], ...] = (
    ("doi", "https://doi.org/{}"),
    ("pmid", "https://pubmed.ncbi.nlm.nih.gov/{}/"),
    ("pmcid", "https://www.ncbi.nlm.nih.gov/pmc/articles/{}/"),
)


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL without suspicious characters, else None."""
    if not url or len(url) > 2000 or _BAD.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def resolver_url(curie: str | None) -> str | None:
    """The bioregistry resolver page of a CURIE, or None when it does not look like one."""
    if not curie or not _CURIE.match(curie):
        return None
    return safe_url(RESOLVER + quote(curie, safe=":._-"))


def document_url(source: str, metadata: Mapping[str, str]) -> str | None:
    """Where a reader can open a document: its http(s) source, else its DOI, PMID or PMCID."""
    url = safe_url(source)
    if url:
        return url
    for key, template in DOCUMENT_LINKS:
        value = (metadata.get(key) or "").strip()
        if value:
            url = safe_url(template.format(quote(value, safe="/.:_-()")))
            if url:
                return url
    return None
