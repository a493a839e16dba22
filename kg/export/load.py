"""Read a graph written by ``kg build`` back into a :class:`~kg.graph.KnowledgeGraph`.

The RDF carries everything the graph needs: node types, labels, identifiers,
cross-references, documents, and every claim with its evidence records.
Surface forms and ontology synonyms both come back as synonyms.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from ..graph import KnowledgeGraph
from ..iri import SCHEMA, iri_to_curie
from ..model import Concept, Document, Evidence, Relation

__all__ = ["load", "read_rdf", "from_rdflib", "is_graph_file", "GRAPH_SUFFIXES"]

GRAPH_SUFFIXES = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".jsonld": "json-ld", ".rdf": "xml", ".trig": "trig"}


def is_graph_file(path: str | Path) -> bool:
    return Path(path).suffix.lower() in GRAPH_SUFFIXES and Path(path).is_file()


def read_rdf(path: str | Path, fmt: str) -> Graph:
    """One rdflib Graph from an RDF file; quads (N-Quads, TriG) are merged into the default graph."""
    from rdflib import Dataset

    if fmt in ("nquads", "trig"):
        ds = Dataset()
        ds.parse(path, format=fmt)
        g = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
    g = Graph()
    g.parse(path, format=fmt)
    return g


def load(path: str | Path) -> KnowledgeGraph:
    """Load an RDF graph file (Turtle, N-Triples, N-Quads, JSON-LD, TriG)."""
    path = Path(path)
    return from_rdflib(read_rdf(path, GRAPH_SUFFIXES.get(path.suffix.lower(), "turtle")))


def _lit(g: Graph, s, p, default=None):
    v = g.value(s, p)
    return default if v is None else v.toPython()


def from_rdflib(g: Graph) -> KnowledgeGraph:  # noqa: C901 - one pass per kind of subject
    return _from_rdflib(g)


def _from_rdflib(g: Any) -> KnowledgeGraph:
    kgs = lambda name: URIRef(SCHEMA + name)  # noqa: E731
    out = KnowledgeGraph()
    docs: dict[URIRef, str] = {}
    for d in sorted(g.subjects(RDF.type, kgs("Document"))):
        doc_id = str(_lit(g, d, DCTERMS.identifier, str(d)))
        meta = {k: str(v) for k, v in (("pmid", g.value(d, kgs("pmid"))), ("doi", g.value(d, kgs("doi"))),
                                        ("pmcid", g.value(d, kgs("pmcid"))), ("journal", g.value(d, kgs("journal"))),
                                        ("year", g.value(d, DCTERMS.date))) if v is not None}
        out.add_document(Document(id=doc_id, text="", title=str(_lit(g, d, DCTERMS.title, "")),
                                  source=str(_lit(g, d, DCTERMS.source, "")), iri=str(d), metadata=meta))
        docs[d] = doc_id
    concepts: dict[URIRef, Concept] = {}
    for node, _, t in sorted(g.triples((None, RDF.type, None))):
        if not str(t).startswith(SCHEMA) or str(t)[len(SCHEMA):] in ("Document", "Evidence", "Claim"):
            continue
        label = str(_lit(g, node, RDFS.label, ""))
        curie = _lit(g, node, DCTERMS.identifier)
        synonyms = tuple(sorted(str(x) for x in g.objects(node, SKOS.altLabel)))
        xrefs = tuple(sorted(filter(None, (iri_to_curie(str(x)) for x in g.objects(node, SKOS.exactMatch)))))
        c = Concept(str(curie) if curie else None, str(t)[len(SCHEMA):], label, synonyms, xrefs)
        concepts[node] = c
        out.add_concept(c)
        data = out.graph.nodes[c.key]
        data["docs"] |= {docs[d] for d in g.objects(node, kgs("mentionedIn")) if d in docs}
    for st in sorted(g.subjects(RDF.type, RDF.Statement)):
        s, p, o = g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object)
        if s not in concepts or o not in concepts or not str(p).startswith(SCHEMA):
            continue
        pred = str(p)[len(SCHEMA):]
        for e in sorted(g.objects(st, kgs("evidence"))):
            doc = g.value(e, kgs("document"))
            ev = Evidence(
                doc_id=docs.get(doc, str(doc)), doc_iri=str(doc), sentence=str(_lit(g, e, kgs("sentence"), "")),
                start=int(_lit(g, e, kgs("start"), 0)), end=int(_lit(g, e, kgs("end"), 0)),
                subject_span=(int(_lit(g, e, kgs("subjectStart"), 0)), int(_lit(g, e, kgs("subjectEnd"), 0))),
                object_span=(int(_lit(g, e, kgs("objectStart"), 0)), int(_lit(g, e, kgs("objectEnd"), 0))),
                extractor=str(_lit(g, e, kgs("extractor"), "")), rule=str(_lit(g, e, kgs("rule"), "")),
                confidence=float(_lit(g, e, kgs("confidence"), 0.0)),
                negated=bool(_lit(g, e, kgs("negated"), False)), hedged=bool(_lit(g, e, kgs("hedged"), False)),
                section=str(_lit(g, e, kgs("section"), "")),
                background=bool(_lit(g, e, kgs("background"), False)),
            )
            out.add_relation(Relation(concepts[s], pred, concepts[o], ev))
    return out
