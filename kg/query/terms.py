"""RDF terms for SPARQL bindings and for display.

Values reach a query only as bindings (pyoxigraph's ``substitutions``, the
equivalent of rdflib's ``initBindings``), never as text formatted into the
query.  :func:`to_term` turns Python values into pyoxigraph terms;
:func:`parse_value` reads the ``--bind name=VALUE`` syntax of the CLI.

>>> parse_value("MONDO:0004976")
<NamedNode value=http://purl.obolibrary.org/obo/MONDO_0004976>
>>> parse_value("<http://example.org/x>")
<NamedNode value=http://example.org/x>
>>> parse_value("riluzole")
<Literal value=riluzole datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
>>> parse_value('"5"^^xsd:integer').datatype
<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>
>>> parse_binding("disease=MONDO:0005301")[0]
'disease'
>>> display(parse_value("HGNC:1133"))
'HGNC:1133'
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pyoxigraph as ox

__all__ = ["Term", "to_term", "parse_value", "parse_binding", "default_bindings", "substitutions", "display", "nt",
           "PREFIXES"]

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

XSD = "http://www.w3.org/2001/XMLSchema#"
#: prefixes understood in bindings and used for display, besides the CURIE prefixes of kg.iri
PREFIXES = {
    "kgs": "https://w3id.org/als-kg/schema#",
    "entity": "https://w3id.org/als-kg/entity/",
    "doc": "https://w3id.org/als-kg/document/",
    "statement": "https://w3id.org/als-kg/statement/",
    "evidence": "https://w3id.org/als-kg/evidence/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": XSD,
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "biolink": "https://w3id.org/biolink/vocab/",
}


def to_term(value: Any) -> Term:
    """A pyoxigraph term from a pyoxigraph term, an rdflib term or a Python value.

    ``str`` becomes a plain literal (pass an IRI as ``rdflib.URIRef`` or
    ``pyoxigraph.NamedNode``); ``bool``, ``int``, ``float`` and ``Decimal`` become
    typed literals.
    """
    from decimal import Decimal

    if isinstance(value, (ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple)):
        return value
    try:
        from rdflib import BNode, Literal, URIRef
    except ImportError:  # pragma: no cover - rdflib is a dependency
        URIRef = BNode = Literal = ()  # type: ignore[assignment,misc]
    if isinstance(value, URIRef):
        return ox.NamedNode(str(value))
    if isinstance(value, BNode):
        return ox.BlankNode(str(value))
    if isinstance(value, Literal):
        if value.language:
            return ox.Literal(str(value), language=value.language)
        if value.datatype:
            return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
        return ox.Literal(str(value))
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(XSD + "double"))
    if isinstance(value, Decimal):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "decimal"))
    if isinstance(value, str):
        return ox.Literal(value)
    raise TypeError(f"cannot bind a {type(value).__name__}: pass a str, number, bool, rdflib or pyoxigraph term")


def _expand(name: str) -> str | None:
    prefix, sep, local = name.partition(":")
    if not sep or not prefix or local.startswith("//"):
        return None
    if prefix in PREFIXES:
        return PREFIXES[prefix] + local
    from ..iri import curie_to_iri

    return curie_to_iri(name)


def parse_value(text: str) -> Term:
    """A term from the CLI syntax.

    ``<IRI>`` is an IRI; ``PREFIX:local`` with a known prefix (``MONDO:0004976``,
    ``HGNC:1133``, ``kgs:treats``) the IRI it stands for; ``"text"``,
    ``"text"@en`` or ``"5"^^xsd:integer`` a literal in Turtle syntax; anything
    else a plain string literal.
    """
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        return ox.NamedNode(text[1:-1])
    if text.startswith('"') and text.rfind('"') > 0:
        end = text.rfind('"')
        lexical, rest = text[1:end], text[end + 1:]
        lexical = lexical.replace('\\"', '"').replace("\\\\", "\\")
        if rest.startswith("@"):
            return ox.Literal(lexical, language=rest[1:])
        if rest.startswith("^^"):
            dt = rest[2:]
            iri = dt[1:-1] if dt.startswith("<") and dt.endswith(">") else _expand(dt)
            if not iri:
                raise ValueError(f"unknown datatype {dt!r}: write it as <IRI> or xsd:NAME")
            return ox.Literal(lexical, datatype=ox.NamedNode(iri))
        if rest:
            raise ValueError(f"cannot read {text!r}: after the closing quote, expect @lang or ^^datatype")
        return ox.Literal(lexical)
    iri = _expand(text)
    if iri:
        return ox.NamedNode(iri)
    return ox.Literal(text)


def parse_binding(text: str) -> tuple[str, Term]:
    """``name=VALUE`` → (name, term); a leading ``?`` or ``$`` on the name is dropped."""
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not name or not name.replace("_", "a").isalnum():
        raise ValueError(f"binding {text!r} is not NAME=VALUE (e.g. disease=MONDO:0004976)")
    return name, parse_value(value)


def default_bindings(query: str) -> dict[str, Term]:
    """Default bindings a query file declares in ``#+ bind: NAME=VALUE`` comment lines.

    They make a parameterised ``.rq`` file answer its question as it stands;
    ``kg query -b NAME=VALUE`` overrides them.

    >>> default_bindings("#+ bind: disease=MONDO:0004976\\nSELECT ?disease ?drug { ?drug kgs:treats ?disease }")
    {'disease': <NamedNode value=http://purl.obolibrary.org/obo/MONDO_0004976>}
    """
    out: dict[str, Term] = {}
    for line in query.splitlines():
        m = _BIND_LINE.match(line)
        if m:
            name, term = parse_binding(m.group(1))
            out[name] = term
    return out


def substitutions(bindings: dict[str, Any] | None) -> dict[ox.Variable, Term] | None:
    """pyoxigraph ``substitutions`` from ``{name: value}``."""
    if not bindings:
        return None
    return {ox.Variable(str(k).lstrip("?$")): to_term(v) for k, v in bindings.items()}


_BIND_LINE = re.compile(r"^\s*#\+\s*bind:\s*(.+?)\s*$")


@cache
def _compactor() -> list[tuple[str, str]]:
    from ..iri import converter

    pairs = [(ns, p) for p, ns in PREFIXES.items()]
    pairs += [(r.uri_prefix, r.prefix) for r in converter().records]
    return sorted(pairs, key=lambda x: -len(x[0]))


def display(term: Term | None) -> str:
    """Short text for a table cell: IRIs as CURIEs when a prefix is known, literals as their value."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        iri = term.value
        for ns, prefix in _compactor():
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return f"<{iri}>"
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return f"<< {display(term.subject)} {display(term.predicate)} {display(term.object)} >>"


def nt(term: Term | None) -> str:
    """A term in N-Triples syntax (as SPARQL TSV results write it); '' when unbound."""
    return "" if term is None else str(term)
