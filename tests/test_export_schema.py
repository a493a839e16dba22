"""The OWL schema, SHACL shapes and JSON-LD context are generated from schema.json and say what it says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, Namespace, URIRef
from rdflib.namespace import SH, SKOS

from kg.schema import load_schema, ontology_dir

ROOT = Path(__file__).resolve().parents[1]
KGS = Namespace("https://w3id.org/als-kg/schema#")
BIOLINK = "https://w3id.org/biolink/vocab/"


def test_committed_files_are_what_the_script_generates():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_schema
    finally:
        sys.path.pop(0)
    for name, text in build_schema.generated().items():
        assert (ontology_dir() / name).read_text(encoding="utf-8") == text, (
            f"ontology/{name} is stale: run python scripts/build_schema.py")


def test_script_check_mode_passes():
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_schema.py"), "--check"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr


def _schema() -> Graph:
    return Graph().parse(ontology_dir() / "schema.ttl")


def _classes(g: Graph, node) -> set[str]:
    if isinstance(node, URIRef):
        return {str(node)[len(str(KGS)):]}
    from rdflib.collection import Collection

    return {str(c)[len(str(KGS)):] for c in Collection(g, g.value(node, OWL.unionOf))}


def test_every_predicate_has_domain_range_label_definition_and_mappings():
    schema = load_schema()
    g = _schema()
    for p in schema.predicates.values():
        prop = KGS[p.name]
        assert (prop, RDF.type, OWL.ObjectProperty) in g
        assert g.value(prop, RDFS.label) is not None and g.value(prop, SKOS.definition) is not None
        assert _classes(g, g.value(prop, RDFS.domain)) == set(p.domain), p.name
        assert _classes(g, g.value(prop, RDFS.range)) == set(p.range), p.name
        matches = {str(o) for m in (SKOS.exactMatch, SKOS.closeMatch, SKOS.relatedMatch) for o in g.objects(prop, m)}
        assert any(m.startswith(BIOLINK) for m in matches), f"{p.name}: no Biolink mapping"
        assert any(m.startswith("http://purl.obolibrary.org/obo/") for m in matches), f"{p.name}: no RO/OBO mapping"


def test_every_type_is_a_class_mapped_to_biolink():
    g = _schema()
    for t in load_schema().types.values():
        c = KGS[t.name]
        assert (c, RDF.type, OWL.Class) in g
        assert URIRef(BIOLINK + t.biolink.split(":")[1]) in set(g.objects(c, SKOS.exactMatch)) | set(
            g.objects(c, SKOS.closeMatch))


def test_shapes_cover_types_predicates_claims_and_evidence():
    g = Graph().parse(ontology_dir() / "shapes.ttl")
    targets = set(g.objects(None, SH.targetClass))
    assert {KGS[t] for t in load_schema().types} | {RDF.Statement, KGS.Evidence, KGS.Document} <= targets
    assert {KGS[p] for p in load_schema().predicates} == set(g.objects(None, SH.targetSubjectsOf))


def test_context_defines_every_predicate():
    import json

    ctx = json.loads((ontology_dir() / "context.jsonld").read_text())["@context"]
    for p in load_schema().predicates:
        assert ctx[p] == {"@id": f"kgs:{p}", "@type": "@id"}
