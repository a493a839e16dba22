"""HTML article pages: the article text, not the page around it.

Boilerplate removal (navigation, footers, related-article lists) is done by
trafilatura, a maintained library built for exactly this; our own structural
clean-up (:func:`clean_text`) then runs over what it returns.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

from ..model import Document
from .decode import decode_text
from .text import document_from_text

__all__ = ["read_html", "html_to_text"]

logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


def html_to_text(html: str) -> tuple[str, str]:
    """Main text and title of an HTML page."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=True, include_links=False,
                               include_images=False, favor_precision=True, deduplicate=True) or ""
    meta = trafilatura.extract_metadata(html)
    title = (meta.title if meta and meta.title else "") or ""
    if not text.strip():
        # a page trafilatura does not recognise as an article: fall back to all visible text
        from lxml import html as lhtml

        tree = lhtml.fromstring(html)
        for bad in tree.xpath("//script|//style|//nav|//footer|//header|//noscript"):
            bad.drop_tree()
        text = "\n".join(t.strip() for t in tree.itertext() if t.strip())
    return text, title


def read_html(path: Path) -> Iterator[Document]:
    with open(path, "rb") as fh:
        raw = fh.read()
    text, title = html_to_text(decode_text(raw, str(path)))
    if text.strip():
        doc = document_from_text(path, text, "html", title)
        yield doc
