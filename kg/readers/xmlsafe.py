"""Hardened, streaming XML parsing for the article readers.

lxml parses with ``resolve_entities=False``, ``no_network=True``,
``load_dtd=False`` and ``huge_tree=False``: no DTD or external entity is ever
fetched, no entity is expanded by the parser, and libxml2's size and depth
limits stay on.  On top of that the internal DTD subset is inspected before any
text is used:

* an entity with a SYSTEM/PUBLIC identifier (XXE) is refused;
* an entity whose replacement text refers to other entities (the
  "billion laughs" pattern) is refused;
* a plain internal entity (``<!ENTITY nbsp "&#160;">``) is expanded by
  :func:`text_of`, once per reference, so expansion is bounded by the file size
  times a small constant.

Undeclared named entities (``&ndash;`` in a file whose DTD is not loaded) are
looked up in the HTML5 entity table.

>>> import io
>>> xml = b'<a><b>x &amp; <i>y</i></b><b>z</b></a>'
>>> [text_of(el) for el in iter_elements(io.BytesIO(xml), "t.xml", ("b",))]
['x & y', 'z']
"""

from __future__ import annotations

import html.entities
import re
from collections.abc import Iterator
from typing import BinaryIO

from lxml import etree

from . import ReadError

__all__ = ["PARSER_OPTIONS", "iter_elements", "text_of", "local", "Entities"]

#: options of every XML parse in the readers
PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}

#: longest replacement text accepted for an internal entity
MAX_ENTITY_TEXT = 256

Entities = dict[str, str]
_WS = re.compile(r"\s+")


def local(tag: object) -> str:
    """Tag name without namespace ('' for comments and entities)."""
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def safe_entities(tree: etree._ElementTree, name: str) -> Entities:
    """The internal entities a document declares, or :class:`ReadError` if any is unsafe."""
    dtd = tree.docinfo.internalDTD
    out: Entities = {}
    if dtd is None:
        return out
    for ent in dtd.iterentities():
        if ent.system_url or ent.content is None:
            raise ReadError(name, f"the XML declares an external entity <!ENTITY {ent.name} SYSTEM ...>; "
                                  "refused (external entities are never resolved)")
        content = ent.content or ""
        if "&" in content or "%" in content or len(content) > MAX_ENTITY_TEXT:
            raise ReadError(name, f"the XML declares a nested or oversized entity <!ENTITY {ent.name} ...>; "
                                  "refused (entity expansion attack)")
        out[ent.name] = content
    return out


class Parse:
    """State of one streaming parse: the file name and the entities it declared."""

    __slots__ = ("name", "entities")

    def __init__(self, name: str) -> None:
        self.name = name
        self.entities: Entities = {}


def iter_elements(
    source: BinaryIO, name: str, tags: tuple[str, ...], parse: Parse | None = None,
) -> Iterator[etree._Element]:
    """Each complete element named in ``tags``, in document order, freed after use.

    The tree is pruned behind the cursor, so memory stays that of one element
    however large the file.  Syntax errors and unsafe DTDs raise
    :class:`ReadError` naming the file.
    """
    parse = parse or Parse(name)
    context = etree.iterparse(source, events=("end",), tag=tags, **PARSER_OPTIONS)
    checked = False
    try:
        for _, el in context:
            if not checked:
                parse.entities = safe_entities(el.getroottree(), name)
                checked = True
            yield el
            el.clear(keep_tail=False)
            parent = el.getparent()
            if parent is not None:
                while el.getprevious() is not None:
                    del parent[0]
        if not checked and context.root is not None:
            safe_entities(context.root.getroottree(), name)
    except etree.XMLSyntaxError as exc:
        msg = str(exc.msg if getattr(exc, "msg", None) else exc).strip().splitlines()[0]
        if "amplification" in msg or "entity" in msg.lower() and "loop" in msg.lower():
            raise ReadError(name, "the XML's entities would expand enormously; refused (entity expansion "
                                  "attack, 'billion laughs')") from None
        raise ReadError(name, f"malformed XML: {msg}") from None


def _entity_text(name: str, entities: Entities) -> str:
    if name in entities:
        return entities[name]
    return html.entities.html5.get(name + ";", f"&{name};")


def _walk(el: etree._Element, parts: list[str], entities: Entities, skip: frozenset[str],
          block: frozenset[str]) -> None:
    if el.text:
        parts.append(el.text)
    for child in el:
        if isinstance(child, etree._Entity):
            parts.append(_entity_text(child.name, entities))
        elif isinstance(child.tag, str):
            tag = local(child.tag)
            if tag not in skip:
                if tag in block:
                    parts.append(" ")
                _walk(child, parts, entities, skip, block)
                if tag in block:
                    parts.append(" ")
        if child.tail:
            parts.append(child.tail)


def text_of(el: etree._Element | None, entities: Entities | None = None,
            skip: frozenset[str] = frozenset(), block: frozenset[str] = frozenset()) -> str:
    """The text of an element with whitespace collapsed.

    Children named in ``skip`` are left out (their tail text is kept);
    children named in ``block`` are separated from their neighbours by a space.
    """
    if el is None:
        return ""
    parts: list[str] = []
    _walk(el, parts, entities or {}, skip, block)
    return _WS.sub(" ", "".join(parts)).strip()
