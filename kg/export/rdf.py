"""The graph as RDF, in the shape of DESIGN.md.

* a grounded node's IRI is its standard IRI (OBO PURL, identifiers.org,
  bioregistry.io); an ungrounded one ``https://w3id.org/als-kg/entity/{Type}/{slug}``;
* every node: ``rdf:type kgs:<Type>``, one ``rdfs:label``, ``skos:altLabel`` for
  synonyms and surface forms, ``dcterms:identifier`` (its CURIE),
  ``skos:exactMatch`` for cross-references, ``kgs:mentionedIn`` its documents;
* every asserted claim: the plain triple ``?s kgs:<predicate> ?o``;
* every claim (asserted or negated) also as an ``rdf:Statement`` (standard RDF
  reification) carrying ``kgs:belief``, ``kgs:asserted``, ``kgs:evidenceCount``
  and one ``kgs:evidence`` link per supporting sentence to a ``kgs:Evidence``
  node: document, sentence text, offsets, extractor, rule, confidence,
  negated/hedged flags.

All IRIs are derived from content (no blank nodes), so output is deterministic.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

from ..atomic import atomic_write
from ..iri import BASE, SCHEMA, curie_to_iri, local_iri
from ..model import Concept, Document, Evidence, stable_hash

if TYPE_CHECKING:  # pragma: no cover
    from ..graph import KnowledgeGraph

__all__ = ["KGS", "node_iri", "document_iri", "triples", "tagged_triples", "nt_term", "nt_line", "to_rdflib", "write_turtle", "write_ntriples", "bind_prefixes"]

KGS = Namespace(SCHEMA)
PROV = Namespace("http://www.w3.org/ns/prov#")
STATEMENT = BASE + "statement/"
EVIDENCE = BASE + "evidence/"


def node_iri(concept: Concept) -> URIRef:
    if concept.curie:
        iri = curie_to_iri(concept.curie)
        if iri:
            return URIRef(iri)
    return URIRef(local_iri(concept.type, concept.label if not concept.curie else concept.curie))


def document_iri(doc: Document) -> URIRef:
    return URIRef(doc.iri or f"{BASE}document/{doc.id}")


def _dec(x: float) -> Literal:
    """A decimal in canonical form (``0.5``, ``1.0``: always a point, so Turtle keeps it byte for byte).

    >>> [str(_dec(v)) for v in (0, 1, 0.5, 0.12345)]
    ['0.0', '1.0', '0.5', '0.1235']
    """
    text = format(Decimal(f"{x:.4f}").normalize(), "f") if x else "0"
    return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)


def _int(x: int) -> Literal:
    return Literal(x, datatype=XSD.integer)


def _bool(x: bool) -> Literal:
    return Literal(x, datatype=XSD.boolean)


def triples(graph: KnowledgeGraph, min_belief: float = 0.0) -> Iterator[tuple[URIRef, URIRef, object]]:
    """Every triple of the graph's RDF form (unordered, each once)."""
    for _, t in tagged_triples(graph, min_belief=min_belief):
        yield t


def tagged_triples(
    graph: KnowledgeGraph, min_belief: float = 0.0
) -> Iterator[tuple[tuple[URIRef, ...], tuple[URIRef, URIRef, object]]]:
    """Every triple once, with the documents it comes from (for one named graph per document).

    The tag is the tuple of document IRIs whose named graph holds the triple:
    a document's own description, the ``kgs:mentionedIn`` links to it, its
    evidence records and the plain triples it asserts.  Concept descriptions
    and the aggregated claim (``rdf:Statement`` with belief and counts) belong
    to no single document and get the empty tuple.
    """
    doc_iris: dict[str, URIRef] = {}
    for doc in graph.documents.values():
        d = document_iri(doc)
        doc_iris[doc.id] = d
        tag = (d,)
        yield tag, (d, RDF.type, KGS.Document)
        yield tag, (d, DCTERMS.identifier, Literal(doc.id))
        if doc.title:
            yield tag, (d, DCTERMS.title, Literal(doc.title))
        if doc.source:
            yield tag, (d, DCTERMS.source, Literal(doc.source))
        for k, v in sorted(doc.metadata.items()):
            if v and k in _DOC_META:
                yield tag, (d, _DOC_META[k], Literal(v))

    shared: tuple[URIRef, ...] = ()
    iris: dict[str, URIRef] = {}
    for node in graph.nodes():
        c = node.concept
        s = node_iri(c)
        iris[node.key] = s
        yield shared, (s, RDF.type, KGS[c.type])
        yield shared, (s, RDFS.label, Literal(c.label))
        if c.curie:
            yield shared, (s, DCTERMS.identifier, Literal(c.curie))
        for alt in set(c.synonyms) | set(node.surface_forms):
            if alt != c.label:
                yield shared, (s, SKOS.altLabel, Literal(alt))
        for x in c.xrefs:
            xi = curie_to_iri(x)
            if xi:
                yield shared, (s, SKOS.exactMatch, URIRef(xi))
        for doc_id in node.documents:
            if doc_id in doc_iris:
                yield (doc_iris[doc_id],), (s, KGS.mentionedIn, doc_iris[doc_id])

    for edge in graph.edges():
        s, o = iris[edge.subject.key], iris[edge.object.key]
        p = KGS[edge.predicate]
        asserted = edge.asserted
        if asserted and edge.belief < min_belief:
            continue
        if asserted:
            yield tuple(sorted({_doc_of(ev, doc_iris) for ev in edge.evidence if not ev.negated})), (s, p, o)
        st = URIRef(STATEMENT + stable_hash(edge.subject.key, edge.predicate, edge.object.key))
        yield shared, (st, RDF.type, RDF.Statement)
        yield shared, (st, RDF.subject, s)
        yield shared, (st, RDF.predicate, p)
        yield shared, (st, RDF.object, o)
        yield shared, (st, KGS.belief, _dec(edge.belief))
        yield shared, (st, KGS.asserted, _bool(asserted))
        yield shared, (st, KGS.evidenceCount, _int(len(edge.evidence)))
        for ev in edge.evidence:
            e = URIRef(EVIDENCE + stable_hash(edge.subject.key, edge.predicate, edge.object.key, ev.key))
            tag = (_doc_of(ev, doc_iris),)
            yield tag, (st, KGS.evidence, e)
            for t in _evidence_triples(e, ev, doc_iris):
                yield tag, t


def _doc_of(ev: Evidence, doc_iris: dict[str, URIRef]) -> URIRef:
    return doc_iris.get(ev.doc_id, URIRef(ev.doc_iri or f"{BASE}document/{ev.doc_id}"))


def _evidence_triples(e: URIRef, ev: Evidence, doc_iris: dict[str, URIRef]) -> Iterator[tuple]:
    yield e, RDF.type, KGS.Evidence
    yield e, KGS.document, _doc_of(ev, doc_iris)
    yield e, KGS.sentence, Literal(ev.sentence)
    yield e, KGS.start, _int(ev.start)
    yield e, KGS.end, _int(ev.end)
    yield e, KGS.subjectStart, _int(ev.subject_span[0])
    yield e, KGS.subjectEnd, _int(ev.subject_span[1])
    yield e, KGS.objectStart, _int(ev.object_span[0])
    yield e, KGS.objectEnd, _int(ev.object_span[1])
    yield e, KGS.extractor, Literal(ev.extractor)
    yield e, KGS.rule, Literal(ev.rule)
    yield e, KGS.confidence, _dec(ev.confidence)
    yield e, KGS.negated, _bool(ev.negated)
    yield e, KGS.hedged, _bool(ev.hedged)
    yield e, KGS.background, _bool(ev.background)
    if ev.section:
        yield e, KGS.section, Literal(ev.section)


_DOC_META = {
    "pmid": KGS.pmid, "pmcid": KGS.pmcid, "doi": KGS.doi, "journal": KGS.journal, "year": DCTERMS.date,
}


def bind_prefixes(g: Graph) -> Graph:
    g.bind("kgs", KGS)
    g.bind("skos", SKOS)
    g.bind("dcterms", DCTERMS)
    g.bind("prov", PROV)
    for prefix in ("MONDO", "GO", "CL", "CHEBI", "NCBITaxon", "HP"):
        g.bind(prefix.lower() if prefix == "NCBITaxon" else prefix, Namespace(f"http://purl.obolibrary.org/obo/{prefix}_"))
    g.bind("hgnc", Namespace("https://identifiers.org/hgnc:"))
    g.bind("drugbank", Namespace("https://identifiers.org/drugbank:"))
    g.bind("mesh", Namespace("https://identifiers.org/mesh:"))
    g.bind("ncbigene", Namespace("https://identifiers.org/ncbigene:"))
    g.bind("reactome", Namespace("https://identifiers.org/reactome:"))
    g.bind("entity", Namespace(BASE + "entity/"))
    g.bind("statement", Namespace(STATEMENT))
    g.bind("evidence", Namespace(EVIDENCE))
    return g


def to_rdflib(graph: KnowledgeGraph, min_belief: float = 0.0) -> Graph:
    g = bind_prefixes(Graph())
    for t in triples(graph, min_belief=min_belief):
        g.add(t)  # type: ignore[arg-type]  # triples() yields rdflib terms
    return g


def write_turtle(graph: KnowledgeGraph, path: Path, min_belief: float = 0.0) -> None:
    data = to_rdflib(graph, min_belief=min_belief).serialize(format="turtle")
    with atomic_write(path) as fh:
        fh.write(data)


# canonical N-Triples escapes (ECHAR for \b \t \n \f \r \" \\, UCHAR for other controls)
_NT_ESCAPES = {0x22: '\\"', 0x5C: "\\\\", 0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t", 0x08: "\\b", 0x0C: "\\f"}
_NT_ESCAPES.update({c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F) if c not in _NT_ESCAPES})


def nt_term(term: object) -> str:
    """A term in canonical N-Triples syntax (rdflib's ``n3()`` writes Turtle long strings).

    >>> nt_term(Literal('say "hi"\\nnow'))
    '"say \\\\"hi\\\\"\\\\nnow"'
    >>> nt_term(Literal("1", datatype=XSD.integer))
    '"1"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    if isinstance(term, Literal):
        text = '"' + str(term).translate(_NT_ESCAPES) + '"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, URIRef):
        return f"<{term}>"
    return term.n3()  # type: ignore[attr-defined]


def nt_line(s: object, p: object, o: object, g: object = None) -> str:
    """One N-Triples (or, with a graph name, N-Quads) line."""
    graph = f" {nt_term(g)}" if g is not None else ""
    return f"{nt_term(s)} {nt_term(p)} {nt_term(o)}{graph} .\n"


def write_ntriples(graph: KnowledgeGraph, path: Path, min_belief: float = 0.0) -> None:
    lines = sorted({nt_line(s, p, o) for s, p, o in triples(graph, min_belief=min_belief)})
    with atomic_write(path) as fh:
        fh.writelines(lines)
