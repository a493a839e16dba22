"""Plain-text and Markdown articles (one file, one document)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..model import Document, slugify
from .boilerplate import clean_text
from .decode import read_text_file

__all__ = ["read_text", "read_markdown", "markdown_to_text", "document_from_text"]


def document_from_text(path: Path, text: str, fmt: str, title: str = "") -> Document:
    text = clean_text(text)
    if not title:
        first = text.split("\n", 1)[0].strip()
        title = first if 0 < len(first) <= 200 else ""
    return Document(id=slugify(path.stem), text=text, title=title, source=str(path), format=fmt)


def read_text(path: Path) -> Iterator[Document]:
    text = read_text_file(path)
    if text.strip():
        yield document_from_text(path, text, "text")


def markdown_to_text(source: str) -> tuple[str, str]:
    """Plain text and first heading of a Markdown document (markdown-it-py's parser).

    >>> markdown_to_text("# Title\\n\\nSome *bold* [link](http://x).")
    ('Title\\nSome bold link.', 'Title')
    """
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    blocks: list[str] = []
    title = ""
    in_heading = False
    for tok in tokens:
        if tok.type == "heading_open":
            in_heading = True
        elif tok.type == "heading_close":
            in_heading = False
        elif tok.type == "inline":
            text = "".join(child.content for child in tok.children or ()
                           if child.type in ("text", "code_inline", "softbreak") or child.type.endswith("_inline"))
            text = "".join(
                (" " if child.type == "softbreak" else child.content)
                for child in tok.children or () if child.type in ("text", "code_inline", "softbreak")
            )
            if text.strip():
                blocks.append(text.strip())
                if in_heading and not title:
                    title = text.strip()
        elif tok.type in ("code_block", "fence"):
            continue
    return "\n".join(blocks), title


def read_markdown(path: Path) -> Iterator[Document]:
    text, title = markdown_to_text(read_text_file(path))
    if text.strip():
        yield document_from_text(path, text, "markdown", title)
