"""The schema as RDF: OWL/RDFS terms, SHACL shapes and a JSON-LD context.

Everything here is generated from ``ontology/schema.json`` (the single source of
truth) by ``scripts/build_schema.py``, which writes ``ontology/schema.ttl``,
``ontology/shapes.ttl`` and ``ontology/context.jsonld``; a test checks that the
committed files equal what the script produces.

* :func:`schema_graph`: one ``owl:Class`` per node type and one
  ``owl:ObjectProperty`` per predicate (label, definition, domain and range),
  each mapped to Biolink Model and OBO (RO/BFO, MONDO, GO, ...) terms with
  ``skos:exactMatch`` / ``skos:closeMatch`` / ``skos:relatedMatch``; plus the
  classes and properties of the evidence model (``kgs:Document``,
  ``kgs:Evidence``, ``kgs:belief``...).
* :func:`shapes_graph`: SHACL shapes for a valid graph: every concept has one
  label and a well-formed identifier, every predicate links the types its
  domain and range allow, every ``rdf:Statement`` has one subject, predicate
  and object, a belief in [0, 1] and at least one evidence record, every
  evidence record has its document, sentence and offsets.
* :func:`jsonld_context`: the JSON-LD context of the JSON-LD export.

>>> g = schema_graph()
>>> from rdflib import URIRef
>>> str(g.value(URIRef(SCHEMA + "treats"), SKOS.exactMatch))
'https://w3id.org/biolink/vocab/treats'
"""

from __future__ import annotations

from typing import Any

from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, SH, SKOS
from rdflib.term import Node

from ..iri import SCHEMA, curie_to_iri
from ..schema import load_schema

__all__ = ["schema_graph", "shapes_graph", "jsonld_context", "ONTOLOGY_IRI", "SHAPES", "BIOLINK",
           "EVIDENCE_PROPERTIES", "DOCUMENT_PROPERTIES"]

KGS = Namespace(SCHEMA)
SHAPES = Namespace("https://w3id.org/als-kg/shapes#")
BIOLINK = Namespace("https://w3id.org/biolink/vocab/")
ONTOLOGY_IRI = URIRef("https://w3id.org/als-kg/schema")
_MATCH = {"exact": SKOS.exactMatch, "close": SKOS.closeMatch, "related": SKOS.relatedMatch,
          "broad": SKOS.broadMatch, "narrow": SKOS.narrowMatch}

#: properties of an evidence record: name -> (range, min count, max count, definition)
EVIDENCE_PROPERTIES: dict[str, tuple[URIRef, int, int, str]] = {
    "document": (KGS.Document, 1, 1, "The document the sentence comes from."),
    "sentence": (XSD.string, 1, 1, "The text of the sentence that states (or negates) the claim."),
    "start": (XSD.integer, 1, 1, "Character offset of the sentence's start in the document text."),
    "end": (XSD.integer, 1, 1, "Character offset of the sentence's end in the document text."),
    "subjectStart": (XSD.integer, 1, 1, "Character offset of the subject mention's start."),
    "subjectEnd": (XSD.integer, 1, 1, "Character offset of the subject mention's end."),
    "objectStart": (XSD.integer, 1, 1, "Character offset of the object mention's start."),
    "objectEnd": (XSD.integer, 1, 1, "Character offset of the object mention's end."),
    "extractor": (XSD.string, 1, 1, "The relation extractor that found the claim."),
    "rule": (XSD.string, 1, 1, "The extractor's rule or pattern that matched."),
    "confidence": (XSD.decimal, 1, 1, "The extractor's confidence in this evidence, in [0, 1]."),
    "negated": (XSD.boolean, 1, 1, "True when the sentence states that the claim does not hold."),
    "hedged": (XSD.boolean, 1, 1, "True when the sentence states the claim with hedging (may, could, suggests)."),
    "background": (XSD.boolean, 0, 1,
                   "True when the text reports the claim as prior knowledge rather than as its own finding."),
    "section": (XSD.string, 0, 1, "The section of the document the sentence is in."),
}

#: properties of a reified claim (rdf:Statement): name -> (range, min, max, definition)
STATEMENT_PROPERTIES: dict[str, tuple[URIRef, int, int, str]] = {
    "belief": (XSD.decimal, 1, 1, "Belief in the claim from all its evidence, in [0, 1]."),
    "asserted": (XSD.boolean, 1, 1, "True when at least one evidence states the claim without negation."),
    "evidenceCount": (XSD.integer, 1, 1, "Number of evidence records of the claim."),
    "evidence": (KGS.Evidence, 1, -1, "An evidence record (one sentence) of the claim."),
}

#: properties of documents beyond Dublin Core: name -> definition
DOCUMENT_PROPERTIES = {
    "pmid": "PubMed identifier of the document.",
    "pmcid": "PubMed Central identifier of the document.",
    "doi": "DOI of the document.",
    "journal": "Journal the document was published in.",
}


def _iri(curie: str) -> URIRef | None:
    if curie.startswith("biolink:"):
        return BIOLINK[curie.split(":", 1)[1]]
    iri = curie_to_iri(curie)
    return URIRef(iri) if iri else None


def _schema_json() -> dict[str, Any]:
    import json

    from ..schema import ontology_dir

    return json.loads((ontology_dir() / "schema.json").read_text(encoding="utf-8"))


def _union(g: Graph, classes: list[URIRef]) -> URIRef | BNode:
    if len(classes) == 1:
        return classes[0]
    node = BNode()
    lst = BNode()
    Collection(g, lst, list[Node](classes))
    g.add((node, RDF.type, OWL.Class))
    g.add((node, OWL.unionOf, lst))
    return node


def _bind(g: Graph) -> Graph:
    for prefix, ns in (("kgs", KGS), ("sh", SH), ("owl", OWL), ("skos", SKOS), ("dcterms", DCTERMS),
                       ("biolink", BIOLINK), ("obo", Namespace("http://purl.obolibrary.org/obo/")),
                       ("shapes", SHAPES), ("xsd", XSD)):
        g.bind(prefix, ns)
    return g


def schema_graph() -> Graph:
    """The OWL/RDFS schema with its Biolink and OBO mappings."""
    schema = load_schema()
    raw = _schema_json()
    g = _bind(Graph())
    o = ONTOLOGY_IRI
    g.add((o, RDF.type, OWL.Ontology))
    g.add((o, RDFS.label, Literal("als-kg schema")))
    g.add((o, DCTERMS.description, Literal(
        "Node types, predicates and the evidence model of als-kg knowledge graphs, "
        "mapped to Biolink Model and OBO terms. Generated from ontology/schema.json.")))
    g.add((o, RDFS.seeAlso, URIRef("https://w3id.org/als-kg/shapes")))

    def term(iri: URIRef, kind: URIRef, label: str, definition: str) -> None:
        g.add((iri, RDF.type, kind))
        g.add((iri, RDFS.label, Literal(label)))
        g.add((iri, SKOS.definition, Literal(definition)))
        g.add((iri, RDFS.isDefinedBy, o))

    for t in schema.types.values():
        c = KGS[t.name]
        term(c, OWL.Class, t.label, t.definition)
        b = _iri(t.biolink)
        if b is not None:
            g.add((c, _MATCH[t.match], b))
        obo = raw["types"][t.name].get("obo")
        if obo and (oi := _iri(obo)) is not None:
            g.add((c, SKOS.closeMatch, oi))
    for p in schema.predicates.values():
        prop = KGS[p.name]
        term(prop, OWL.ObjectProperty, p.label, p.definition)
        g.add((prop, RDFS.domain, _union(g, [KGS[x] for x in sorted(p.domain)])))
        g.add((prop, RDFS.range, _union(g, [KGS[x] for x in sorted(p.range)])))
        for curie, match in ((p.biolink, p.biolink_match), (p.ro, p.ro_match)):
            if curie and (mi := _iri(curie)) is not None:
                g.add((prop, _MATCH[match], mi))

    term(KGS.Document, OWL.Class, "document", "An article, abstract or news text the graph was extracted from.")
    g.add((KGS.Document, SKOS.closeMatch, BIOLINK.Publication))
    term(KGS.Evidence, OWL.Class, "evidence",
         "One sentence of one document that states (or negates) one claim, with the offsets and the rule.")
    g.add((KGS.Evidence, SKOS.closeMatch, URIRef("http://purl.obolibrary.org/obo/ECO_0000000")))
    term(KGS.mentionedIn, OWL.ObjectProperty, "mentioned in", "The concept is named in the document.")
    g.add((KGS.mentionedIn, RDFS.range, KGS.Document))
    for name, (rng, _, _, definition) in STATEMENT_PROPERTIES.items():
        kind = OWL.ObjectProperty if rng == KGS.Evidence else OWL.DatatypeProperty
        term(KGS[name], kind, name, definition)
        g.add((KGS[name], RDFS.domain, RDF.Statement))
        g.add((KGS[name], RDFS.range, rng))
    g.add((KGS.evidence, SKOS.closeMatch, BIOLINK.has_evidence))
    for name, (rng, _, _, definition) in EVIDENCE_PROPERTIES.items():
        kind = OWL.ObjectProperty if rng == KGS.Document else OWL.DatatypeProperty
        term(KGS[name], kind, name, definition)
        g.add((KGS[name], RDFS.domain, KGS.Evidence))
        g.add((KGS[name], RDFS.range, rng))
    g.add((KGS.sentence, SKOS.closeMatch, BIOLINK.supporting_text))
    for name, definition in DOCUMENT_PROPERTIES.items():
        term(KGS[name], OWL.DatatypeProperty, name, definition)
        g.add((KGS[name], RDFS.domain, KGS.Document))
        g.add((KGS[name], RDFS.range, XSD.string))
    return g


# -- SHACL ------------------------------------------------------------------------------

def _prop(g: Graph, shape: URIRef, name: str, path: URIRef, message: str, **constraints: Any) -> URIRef:
    ps = SHAPES[name]
    g.add((shape, SH.property, ps))
    g.add((ps, RDF.type, SH.PropertyShape))
    g.add((ps, SH.path, path))
    g.add((ps, SH.message, Literal(message)))
    for key, value in constraints.items():
        if value is None:
            continue
        if isinstance(value, list):
            lst = BNode()
            Collection(g, lst, value)
            value = lst
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            value = Literal(value)
        g.add((ps, SH[key], value))
    return ps


def _class_or(g: Graph, classes: list[URIRef]) -> list[BNode]:
    out = []
    for c in classes:
        b = BNode()
        g.add((b, SH["class"], c))
        out.append(b)
    return out


_ASSERTED_HAS_TRIPLE = """\
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX kgs: <https://w3id.org/als-kg/schema#>
SELECT $this WHERE {
    $this kgs:asserted true ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
    FILTER NOT EXISTS { ?s ?p ?o }
}"""

_COUNT_MATCHES = """\
PREFIX kgs: <https://w3id.org/als-kg/schema#>
SELECT $this ?value WHERE {
    $this kgs:evidenceCount ?value .
    { SELECT $this (COUNT(DISTINCT ?e) AS ?n) WHERE { $this kgs:evidence ?e } GROUP BY $this }
    FILTER (?n != ?value)
}"""


def shapes_graph() -> Graph:
    """SHACL shapes of a valid als-kg graph."""
    schema = load_schema()
    g = _bind(Graph())
    g.add((URIRef("https://w3id.org/als-kg/shapes"), RDF.type, OWL.Ontology))
    g.add((URIRef("https://w3id.org/als-kg/shapes"), RDFS.label, Literal("als-kg SHACL shapes")))
    g.add((URIRef("https://w3id.org/als-kg/shapes"), OWL.imports, ONTOLOGY_IRI))

    def node_shape(name: str) -> URIRef:
        s = SHAPES[name]
        g.add((s, RDF.type, SH.NodeShape))
        return s

    # every concept, whatever its type
    for t in sorted(schema.types):
        s = node_shape(t)
        g.add((s, SH.targetClass, KGS[t]))
        _prop(g, s, f"{t}-label", RDFS.label, f"a {t} needs exactly one rdfs:label (a plain string)",
              minCount=1, maxCount=1, datatype=XSD.string)
        _prop(g, s, f"{t}-identifier", DCTERMS.identifier,
              f"a {t} has at most one dcterms:identifier, a CURIE like PREFIX:local",
              maxCount=1, datatype=XSD.string, pattern=Literal(r"^[A-Za-z][A-Za-z0-9_.]*:\S+$"))
        _prop(g, s, f"{t}-altLabel", SKOS.altLabel, "skos:altLabel values are plain strings", datatype=XSD.string)
        _prop(g, s, f"{t}-exactMatch", SKOS.exactMatch, "skos:exactMatch values are IRIs", nodeKind=SH.IRI)
        _prop(g, s, f"{t}-mentionedIn", KGS.mentionedIn, "kgs:mentionedIn points to a kgs:Document",
              **{"class": KGS.Document})

    # domain and range of every predicate, on the plain triples
    for p in sorted(schema.predicates.values(), key=lambda p: p.name):
        s = node_shape(f"{p.name}-domain")
        g.add((s, SH.targetSubjectsOf, KGS[p.name]))
        dom = sorted(p.domain)
        g.add((s, SH.message, Literal(f"the subject of kgs:{p.name} must be a {' or '.join(dom)}")))
        lst = BNode()
        Collection(g, lst, list[Node](_class_or(g, [KGS[x] for x in dom])))
        g.add((s, SH["or"], lst))
        allowed = sorted(p.range)
        _prop(g, s, f"{p.name}-range", KGS[p.name], f"the object of kgs:{p.name} must be a {' or '.join(allowed)}",
              nodeKind=SH.IRI, **{"or": _class_or(g, [KGS[x] for x in allowed])})

    # reified claims
    s = node_shape("Statement")
    g.add((s, SH.targetClass, RDF.Statement))
    _prop(g, s, "Statement-subject", RDF.subject, "a claim has exactly one rdf:subject, an IRI",
          minCount=1, maxCount=1, nodeKind=SH.IRI)
    _prop(g, s, "Statement-predicate", RDF.predicate, "a claim's rdf:predicate is exactly one kgs: predicate",
          minCount=1, maxCount=1, **{"in": [KGS[p] for p in sorted(schema.predicates)]})
    _prop(g, s, "Statement-object", RDF.object, "a claim has exactly one rdf:object, an IRI",
          minCount=1, maxCount=1, nodeKind=SH.IRI)
    _prop(g, s, "Statement-belief", KGS.belief, "a claim has exactly one kgs:belief, a decimal in [0, 1]",
          minCount=1, maxCount=1, datatype=XSD.decimal, minInclusive=Literal(0, datatype=XSD.decimal),
          maxInclusive=Literal(1, datatype=XSD.decimal))
    _prop(g, s, "Statement-asserted", KGS.asserted, "a claim has exactly one kgs:asserted boolean",
          minCount=1, maxCount=1, datatype=XSD.boolean)
    _prop(g, s, "Statement-evidenceCount", KGS.evidenceCount,
          "a claim has exactly one kgs:evidenceCount, a positive integer",
          minCount=1, maxCount=1, datatype=XSD.integer, minInclusive=1)
    _prop(g, s, "Statement-evidence", KGS.evidence, "a claim has at least one kgs:evidence, a kgs:Evidence",
          minCount=1, **{"class": KGS.Evidence})
    for name, query, message in (
        ("Statement-assertedTriple", _ASSERTED_HAS_TRIPLE,
         "an asserted claim (kgs:asserted true) needs its plain triple ?s ?p ?o"),
        ("Statement-countMatches", _COUNT_MATCHES, "kgs:evidenceCount differs from the number of kgs:evidence links"),
    ):
        c = SHAPES[name]
        g.add((s, SH.sparql, c))
        g.add((c, RDF.type, SH.SPARQLConstraint))
        g.add((c, SH.message, Literal(message)))
        g.add((c, SH.select, Literal(query)))

    # evidence records
    s = node_shape("Evidence")
    g.add((s, SH.targetClass, KGS.Evidence))
    for name, (rng, lo, hi, _) in EVIDENCE_PROPERTIES.items():
        count = "exactly one" if lo == hi == 1 else "at most one"
        kind = {XSD.integer: "a non-negative integer", XSD.decimal: "a decimal in [0, 1]",
                XSD.boolean: "a boolean", XSD.string: "a string", KGS.Document: "a kgs:Document"}[rng]
        extra: dict[str, Any] = {"minCount": lo or None, "maxCount": hi}
        if rng == KGS.Document:
            extra["class"] = KGS.Document
        else:
            extra["datatype"] = rng
        if rng == XSD.integer:
            extra["minInclusive"] = 0
        if rng == XSD.decimal:
            extra["minInclusive"] = Literal(0, datatype=XSD.decimal)
            extra["maxInclusive"] = Literal(1, datatype=XSD.decimal)
        if name == "start":
            extra["lessThanOrEquals"] = KGS.end
        _prop(g, s, f"Evidence-{name}", KGS[name], f"an evidence record has {count} kgs:{name}, {kind}", **extra)

    # documents
    s = node_shape("Document")
    g.add((s, SH.targetClass, KGS.Document))
    _prop(g, s, "Document-identifier", DCTERMS.identifier, "a document has exactly one dcterms:identifier",
          minCount=1, maxCount=1, datatype=XSD.string)
    _prop(g, s, "Document-title", DCTERMS.title, "a document has at most one dcterms:title",
          maxCount=1, datatype=XSD.string)
    return g


# -- JSON-LD context -------------------------------------------------------------------

def jsonld_context() -> dict[str, Any]:
    """The JSON-LD context of the JSON-LD export (``ontology/context.jsonld``)."""
    from ..iri import BASE, converter

    schema = load_schema()
    ctx: dict[str, Any] = {
        "@version": 1.1,
        "@vocab": SCHEMA,
        "kgs": SCHEMA,
        "rdf": str(RDF),
        "rdfs": str(RDFS),
        "xsd": str(XSD),
        "skos": str(SKOS),
        "dcterms": str(DCTERMS),
        "biolink": str(BIOLINK),
        "entity": BASE + "entity/",
        "statement": BASE + "statement/",
    }
    for record in sorted(converter().records, key=lambda r: r.prefix):
        if record.prefix in ctx:
            continue
        ctx[record.prefix] = ({"@id": record.uri_prefix, "@prefix": True}
                              if record.uri_prefix[-1] not in ":/?#[]@" else record.uri_prefix)
    ctx.update({
        "Statement": "rdf:Statement",
        "subject": {"@id": "rdf:subject", "@type": "@id"},
        "predicate": {"@id": "rdf:predicate", "@type": "@vocab"},
        "object": {"@id": "rdf:object", "@type": "@id"},
        "label": "rdfs:label",
        "altLabel": "skos:altLabel",
        "exactMatch": {"@id": "skos:exactMatch", "@type": "@id"},
        "identifier": "dcterms:identifier",
        "title": "dcterms:title",
        "source": "dcterms:source",
        "date": "dcterms:date",
        "mentionedIn": {"@id": "kgs:mentionedIn", "@type": "@id"},
        "evidence": {"@id": "kgs:evidence", "@type": "@id"},
        "document": {"@id": "kgs:document", "@type": "@id"},
        "belief": {"@id": "kgs:belief", "@type": "xsd:decimal"},
        "confidence": {"@id": "kgs:confidence", "@type": "xsd:decimal"},
    })
    for p in sorted(schema.predicates):
        ctx[p] = {"@id": f"kgs:{p}", "@type": "@id"}
    return {"@context": ctx}
