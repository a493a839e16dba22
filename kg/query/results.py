"""Query results as text: SPARQL 1.1 JSON, XML, CSV and TSV, and an aligned table.

Writers stream rows to a binary file and stop after ``limit`` rows (the
server's result limit); each returns ``(rows written, truncated)``.  CONSTRUCT
and DESCRIBE results are written as RDF (Turtle for ``table``, N-Triples for
``csv``/``tsv``, JSON-LD for ``json``, RDF/XML for ``xml``).

>>> import io
>>> from kg.export.demo import demo_graph
>>> from kg.query.store import GraphStore
>>> r = GraphStore.open(demo_graph()).query(
...     "SELECT ?gene ?label WHERE { ?gene kgs:biomarker_for ?d ; rdfs:label ?label }")
>>> out = io.BytesIO()
>>> write_result(r, out, "csv")
(1, False)
>>> out.getvalue().decode().splitlines()
['gene,label', 'https://identifiers.org/hgnc:7739,NEFL']
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from ..registry import Registry
from .terms import Term, display, nt

if TYPE_CHECKING:  # pragma: no cover
    from .store import QueryResult

__all__ = ["result_formats", "write_result", "MEDIA_TYPES", "GRAPH_FORMATS", "format_for_media_type"]

#: result format name -> writer; meta: media type of SELECT/ASK results
result_formats = Registry("result format")
result_formats.register("table", "kg.query.results:write_table", media_type="text/plain; charset=utf-8")
result_formats.register("json", "kg.query.results:write_json", media_type="application/sparql-results+json")
result_formats.register("xml", "kg.query.results:write_xml", media_type="application/sparql-results+xml")
result_formats.register("csv", "kg.query.results:write_csv", media_type="text/csv; charset=utf-8")
result_formats.register("tsv", "kg.query.results:write_tsv", media_type="text/tab-separated-values; charset=utf-8")

MEDIA_TYPES = {name: result_formats.meta(name)["media_type"] for name in result_formats.names()}

#: result format name -> RDF format of CONSTRUCT/DESCRIBE results
GRAPH_FORMATS = {
    "table": ox.RdfFormat.TURTLE, "json": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML,
    "csv": ox.RdfFormat.N_TRIPLES, "tsv": ox.RdfFormat.N_TRIPLES,
}

_ACCEPT = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv", "text/plain": "table",
}


def format_for_media_type(media_type: str) -> str | None:
    """The result format for a media type (parameters ignored), or None."""
    return _ACCEPT.get(media_type.split(";")[0].strip().lower())


def _limited(result: QueryResult, limit: int | None) -> tuple[Iterator[tuple[Term | None, ...]], list[bool]]:
    """Rows up to ``limit`` and a flag set when more were left."""
    truncated = [False]
    rows = result.rows()
    if limit is None:
        return rows, truncated

    def gen() -> Iterator[tuple[Term | None, ...]]:
        for i, row in enumerate(rows):
            if i >= limit:
                truncated[0] = True
                return
            yield row

    return gen(), truncated


def write_result(result: QueryResult, out: IO[bytes], format: str = "table", limit: int | None = None,
                 graph_format: ox.RdfFormat | None = None) -> tuple[int, bool]:
    """Write a result in ``format``; return (rows or triples written, truncated).

    CONSTRUCT/DESCRIBE results go out in ``graph_format`` if given, else the
    RDF format :data:`GRAPH_FORMATS` pairs with ``format``.
    """
    if result.kind == "graph":
        rdf = graph_format or GRAPH_FORMATS[format]
        triples = result.triples if limit is None else itertools.islice(result.triples, limit + 1)
        items = list(triples)
        truncated = limit is not None and len(items) > limit
        items = items[:limit] if truncated else items
        prefixes = _rdf_prefixes() if rdf in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
        ox.serialize(items, out, rdf, prefixes=prefixes)
        return len(items), truncated
    return result_formats.get(format)(result, out, limit)


def _rdf_prefixes() -> dict[str, str]:
    from .terms import PREFIXES

    return dict(PREFIXES)


# -- JSON --------------------------------------------------------------------------------

def _json_term(t: Term) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        d = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            d["datatype"] = t.datatype.value
        return d
    return {"type": "triple", "value": {"subject": _json_term(t.subject), "predicate": _json_term(t.predicate),
                                        "object": _json_term(t.object)}}


def write_json(result: QueryResult, out: IO[bytes], limit: int | None = None) -> tuple[int, bool]:
    if result.kind == "ask":
        out.write(json.dumps({"head": {}, "boolean": bool(result.boolean)}).encode())
        return 1, False
    rows, truncated = _limited(result, limit)
    out.write(b'{"head":{"vars":' + json.dumps(list(result.variables), separators=(",", ":")).encode() + b'},"results":{"bindings":[')
    n = 0
    for row in rows:
        b = {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
        out.write((b"," if n else b"") + json.dumps(b, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        n += 1
    out.write(b"]}}")
    return n, truncated[0]


# -- XML ---------------------------------------------------------------------------------

def _xml_term(t: Term) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{escape(t.value)}</literal>"
        if t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            return f"<literal datatype={quoteattr(t.datatype.value)}>{escape(t.value)}</literal>"
        return f"<literal>{escape(t.value)}</literal>"
    return (f"<triple><subject>{_xml_term(t.subject)}</subject><predicate>{_xml_term(t.predicate)}</predicate>"
            f"<object>{_xml_term(t.object)}</object></triple>")


def write_xml(result: QueryResult, out: IO[bytes], limit: int | None = None) -> tuple[int, bool]:
    out.write(b'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>')
    if result.kind == "ask":
        out.write(f"</head>\n<boolean>{'true' if result.boolean else 'false'}</boolean>\n</sparql>\n".encode())
        return 1, False
    for v in result.variables:
        out.write(f"<variable name={quoteattr(v)}/>".encode())
    out.write(b"</head>\n<results>\n")
    rows, truncated = _limited(result, limit)
    n = 0
    for row in rows:
        cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                        for v, t in zip(result.variables, row, strict=True) if t is not None)
        out.write(f"<result>{cells}</result>\n".encode())
        n += 1
    out.write(b"</results>\n</sparql>\n")
    return n, truncated[0]


# -- CSV / TSV ---------------------------------------------------------------------------

def _csv_value(t: Term | None) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    if isinstance(t, ox.Triple):
        return str(t)
    return t.value


def write_csv(result: QueryResult, out: IO[bytes], limit: int | None = None) -> tuple[int, bool]:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        w = csv.writer(text, lineterminator="\r\n")
        if result.kind == "ask":
            w.writerow(["_askResult"])
            w.writerow(["true" if result.boolean else "false"])
            return 1, False
        w.writerow(result.variables)
        rows, truncated = _limited(result, limit)
        n = 0
        for row in rows:
            w.writerow([_csv_value(t) for t in row])
            n += 1
        return n, truncated[0]
    finally:
        text.detach()


def write_tsv(result: QueryResult, out: IO[bytes], limit: int | None = None) -> tuple[int, bool]:
    if result.kind == "ask":
        out.write(b"?_askResult\n" + (b"true\n" if result.boolean else b"false\n"))
        return 1, False
    out.write(("\t".join(f"?{v}" for v in result.variables) + "\n").encode())
    rows, truncated = _limited(result, limit)
    n = 0
    for row in rows:
        out.write(("\t".join(nt(t) for t in row) + "\n").encode("utf-8"))
        n += 1
    return n, truncated[0]


# -- table -------------------------------------------------------------------------------

_MAX_WIDTH = 60


def _cell(t: Term | None) -> str:
    s = " ".join(display(t).split())
    return s if len(s) <= _MAX_WIDTH else s[: _MAX_WIDTH - 1] + "…"


def write_table(result: QueryResult, out: IO[bytes], limit: int | None = None) -> tuple[int, bool]:
    """Aligned columns, IRIs as CURIEs, long values cut (use tsv or json for full values)."""
    if result.kind == "ask":
        out.write(b"true\n" if result.boolean else b"false\n")
        return 1, False
    rows, truncated = _limited(result, limit)
    cells = [[_cell(t) for t in row] for row in rows]
    head = list(result.variables)
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(head)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    more = ", truncated" if truncated[0] else ""
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''}{more})")
    out.write(("\n".join(lines) + "\n").encode("utf-8"))
    return len(cells), truncated[0]
