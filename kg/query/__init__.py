"""SPARQL over the graph: an embedded pyoxigraph store, result formats, a read-only guard, push.

>>> from kg.query import GraphStore              # doctest: +SKIP
>>> store = GraphStore.open("graph.ttl")         # doctest: +SKIP
>>> rows = store.query("SELECT ?d WHERE { ?d kgs:treats ?x }", bindings={"x": URIRef(ALS)})  # doctest: +SKIP

Names are imported lazily.
"""

from __future__ import annotations

from ..lazy import lazy_exports

_EXPORTS = {
    "GraphStore": "kg.query.store:GraphStore",
    "QueryResult": "kg.query.store:QueryResult",
    "QueryError": "kg.query.store:QueryError",
    "query": "kg.query.store:query",
    "check_read_only": "kg.query.guard:check_read_only",
    "RefusedQuery": "kg.query.guard:RefusedQuery",
    "parse_binding": "kg.query.terms:parse_binding",
    "to_term": "kg.query.terms:to_term",
    "push": "kg.query.push:push",
    "PushError": "kg.query.push:PushError",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
