"""N-Quads: one named graph per source document, for bulk loading into big stores.

Each document's graph is named by the document's IRI and holds what that
document contributes: its own description, the ``kgs:mentionedIn`` links to it,
its evidence records (with the ``kgs:evidence`` link from the claim) and the
plain triples it asserts.  Concept descriptions and the aggregated claims
(``rdf:Statement`` with belief and evidence count) go to the shared graph
:data:`SHARED_GRAPH`.  The union of all graphs is exactly the Turtle graph, so a
store queried with the default graph as the union of named graphs answers the
same as one loaded with the Turtle file; re-processing one document means
replacing one named graph (plus the shared graph).

Lines are sorted, so the output is byte-for-byte deterministic.

>>> from kg.export.demo import demo_graph
>>> lines = list(nquad_lines(demo_graph()))
>>> lines == sorted(lines) and all(line.endswith(" .\\n") for line in lines)
True
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import atomic_write
from ..iri import BASE

if TYPE_CHECKING:  # pragma: no cover
    from ..graph import KnowledgeGraph

__all__ = ["SHARED_GRAPH", "nquad_lines", "write_nquads"]

#: the named graph of what belongs to no single document (concepts, aggregated claims)
SHARED_GRAPH = BASE + "graph/shared"


def nquad_lines(graph: KnowledgeGraph, min_belief: float = 0.0) -> Iterator[str]:
    """The graph's quads as sorted N-Quads lines."""
    from rdflib import URIRef

    from .rdf import nt_line, tagged_triples

    shared = (URIRef(SHARED_GRAPH),)
    lines = set()
    for graphs, (s, p, o) in tagged_triples(graph, min_belief=min_belief):
        for g in graphs or shared:
            lines.add(nt_line(s, p, o, g))
    yield from sorted(lines)


def write_nquads(graph: KnowledgeGraph, path: Path, min_belief: float = 0.0) -> None:
    """Write the graph as N-Quads, one named graph per document (atomically)."""
    with atomic_write(path) as fh:
        fh.writelines(nquad_lines(graph, min_belief=min_belief))
