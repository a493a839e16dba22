"""An ``.xml`` file whose start did not tell its kind: choose the reader by its root element.

The root is found with the hardened parser of :mod:`kg.readers.xmlsafe`
(nothing is fetched or expanded); the file is then read by the reader of that
root, from the start.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from ..model import Document
from ..registry import readers
from . import ReadError
from .compressed import Source, open_binary, source_name
from .xmlsafe import PARSER_OPTIONS, local

__all__ = ["read_xml", "ROOTS"]

#: root element -> reader name
ROOTS = {
    "PubmedArticleSet": "pubmed", "PubmedArticle": "pubmed", "PubmedBookArticleSet": "pubmed",
    "pmc-articleset": "jats", "article": "jats",
    "collection": "bioc",
    "html": "html",
}


def root_tag(source: Source) -> str:
    name = source_name(source)
    with open_binary(source) as fh:
        try:
            for _, el in etree.iterparse(fh, events=("start",), **PARSER_OPTIONS):
                return local(el.tag)
        except etree.XMLSyntaxError as exc:
            msg = str(exc).splitlines()[0]
            if "amplification" in msg:
                raise ReadError(name, "the XML's entities would expand enormously; refused (entity expansion "
                                      "attack, 'billion laughs')") from None
            raise ReadError(name, f"malformed XML: {msg}") from None
    raise ReadError(name, "no XML element found")


def read_xml(source: Source) -> Iterator[Document]:
    name = source_name(source)
    if not isinstance(source, (str, os.PathLike)):
        start = source.tell()
        tag = root_tag(source)
        source.seek(start)
    else:
        tag = root_tag(source)
    reader = ROOTS.get(tag)
    if reader is None:
        raise ReadError(name, f"an XML file with root <{tag}>, not PubMed, JATS, BioC or HTML")
    if not readers.meta(reader).get("stream") and not isinstance(source, (str, os.PathLike)):
        source = Path(name)  # a reader that only takes paths
    yield from readers.get(reader)(source)
