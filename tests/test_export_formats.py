"""Every RDF export round-trips to an isomorphic graph; N-Quads, JSON-LD and KGX keep their promises."""

from __future__ import annotations

import csv
import json

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.export import write
from kg.export.demo import demo_graph
from kg.export.load import load
from kg.export.nquads import SHARED_GRAPH
from kg.graph import KnowledgeGraph
from kg.model import Concept, Document, Evidence, Relation

RDF_FORMATS = {"turtle": ("g.ttl", "turtle"), "ntriples": ("g.nt", "nt"), "nquads": ("g.nq", "nquads"),
               "jsonld": ("g.jsonld", "json-ld")}
OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
              "jsonld": ox.RdfFormat.JSON_LD}


def parse(path, rdflib_format: str) -> Graph:
    """A file as one rdflib Graph (the union of its named graphs for N-Quads)."""
    if rdflib_format == "nquads":
        ds = Dataset()
        ds.parse(path, format="nquads")
        g = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
    return Graph().parse(path, format=rdflib_format)


def roundtrip(kg: KnowledgeGraph, fmt: str, tmp_path) -> None:
    name, rdflib_format = RDF_FORMATS[fmt]
    path = tmp_path / name
    write(kg, path, format=fmt)
    expected = kg.to_rdf()
    first = parse(path, rdflib_format)
    assert isomorphic(first, expected), f"{fmt}: parsed graph differs from the graph's RDF"
    # serialise again with rdflib, re-parse: still the same graph
    again = tmp_path / f"again-{name}"
    if rdflib_format == "nquads":
        ds = Dataset()
        ds.parse(path, format="nquads")
        ds.serialize(again, format="nquads")
    else:
        first.serialize(again, format=rdflib_format)
    assert isomorphic(parse(again, rdflib_format), expected), f"{fmt}: rdflib re-serialisation differs"
    # an independent parser (Oxigraph) reads the same triples
    quads = list(ox.parse(path=str(path), format=OX_FORMATS[fmt]))
    nt = ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads], format=ox.RdfFormat.N_TRIPLES)
    assert isomorphic(Graph().parse(data=nt.decode(), format="nt"), expected), f"{fmt}: Oxigraph reads otherwise"
    # and the graph read back by kg.export.load gives the same RDF again
    assert isomorphic(load(path).to_rdf(), expected), f"{fmt}: load() loses information"


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_roundtrip_demo_graph(fmt, tmp_path):
    roundtrip(demo_graph(), fmt, tmp_path)


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS) + ["kgx"])
def test_output_is_deterministic(fmt, tmp_path):
    suffix = RDF_FORMATS[fmt][0] if fmt in RDF_FORMATS else "g.kgx"
    a, b = tmp_path / "a", tmp_path / "b"
    write(demo_graph(), a / suffix, format=fmt)
    write(demo_graph(), b / suffix, format=fmt)
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files
    for f in files:
        assert (a / f).read_bytes() == (b / f).read_bytes(), f


def test_formats_are_registered_and_found_by_suffix():
    from kg.export import format_for

    assert [format_for(n) for n in ("x.ttl", "x.nt", "x.nq", "x.jsonld", "x.kgx")] == [
        "turtle", "ntriples", "nquads", "jsonld", "kgx"]


def test_ntriples_escapes_literals(tmp_path):
    """N-Triples has no long strings: quotes, newlines and tabs are escaped on one line."""
    g = KnowledgeGraph()
    c = Concept(None, "Drug", 'odd "name"\nwith\ttabs \\ and κ')
    g.add_concept(c)
    path = tmp_path / "g.nt"
    write(g, path)
    text = path.read_text(encoding="utf-8")
    assert '"""' not in text
    assert all(line.endswith(" .") for line in text.splitlines())
    assert isomorphic(Graph().parse(path, format="nt"), g.to_rdf())


def test_nquads_one_named_graph_per_document(tmp_path):
    kg = demo_graph()
    path = tmp_path / "g.nq"
    write(kg, path)
    ds = Dataset()
    ds.parse(path, format="nquads")
    names = {str(c.identifier) for c in ds.graphs() if len(c)}
    docs = {f"https://w3id.org/als-kg/document/{d}" for d in kg.documents}
    assert names == docs | {SHARED_GRAPH}
    kgs = "https://w3id.org/als-kg/schema#"
    for d in docs:
        g = ds.graph(URIRef(d))
        # every evidence record in a document's graph comes from that document
        evidence_docs = set(g.objects(None, URIRef(kgs + "document")))
        assert evidence_docs == {URIRef(d)}
    # riluzole treats ALS is stated by the review only: its plain triple lives in that graph
    triple = (URIRef("https://identifiers.org/drugbank:DB00740"), URIRef(kgs + "treats"),
              URIRef("http://purl.obolibrary.org/obo/MONDO_0004976"))
    holders = {str(c.identifier) for c in ds.graphs() if triple in c}
    assert holders == {"https://w3id.org/als-kg/document/als-review"}


def test_jsonld_uses_the_context(tmp_path):
    path = tmp_path / "g.jsonld"
    write(demo_graph(), path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    ctx = json.loads((__import__("kg.schema", fromlist=["x"]).ontology_dir() / "context.jsonld").read_text())
    assert doc["@context"] == ctx["@context"]
    riluzole = next(n for n in doc["@graph"] if n["@id"] == "https://identifiers.org/drugbank:DB00740")
    assert riluzole["@type"] == "Drug" and riluzole["label"] == "riluzole"
    assert riluzole["treats"] == "http://purl.obolibrary.org/obo/MONDO_0004976"
    claims = [n for n in doc["@graph"] if n.get("@type") == "Statement"]
    assert claims and all({"subject", "predicate", "object", "belief", "evidence"} <= set(n) for n in claims)


def test_kgx_nodes_and_edges(tmp_path):
    kg = demo_graph()
    out = tmp_path / "g.kgx"
    write(kg, out)
    with (out / "nodes.tsv").open(encoding="utf-8") as fh:
        nodes = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    with (out / "edges.tsv").open(encoding="utf-8") as fh:
        edges = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(nodes) == len(kg) and len(edges) == kg.graph.number_of_edges()
    ids = {n["id"] for n in nodes}
    assert all(n["category"].startswith("biolink:") for n in nodes)
    assert all(e["predicate"].startswith("biolink:") and e["subject"] in ids and e["object"] in ids for e in edges)
    by = {(e["subject"], e["original_predicate"], e["object"]): e for e in edges}
    e = by[("DRUGBANK:DB08908", "kgs:inhibits", "HGNC:6018")]
    assert (e["predicate"], e["object_direction_qualifier"], e["negated"]) == ("biolink:affects", "decreased", "false")
    assert "IL-6" in e["supporting_text"]  # the sentence's tab became a space, the row kept its columns
    neg = by[("HGNC:1133", "kgs:activates", "CL:0000129")]
    assert neg["negated"] == "true"
    assert by[("ALSKG:Drug/btk-inhibitor", "kgs:inhibits", "HGNC:1133")]["publications"] == "PMID:40000001"


def test_kgx_refuses_a_file_path(tmp_path):
    target = tmp_path / "g.kgx"
    target.write_text("not a directory")
    with pytest.raises(ValueError, match="directory"):
        write(demo_graph(), target)


# -- property: random graphs round-trip through every RDF format ---------------------------

_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=30)
_TYPES = ("Drug", "Gene", "Disease", "Pathway", "ModelSystem", "CellType")


@st.composite
def graphs(draw) -> KnowledgeGraph:
    kg = KnowledgeGraph()
    docs = [Document(f"d{i}", "", draw(_text), f"file{i}.txt") for i in range(draw(st.integers(1, 3)))]
    for d in docs:
        kg.add_document(d)
    concepts = []
    for i in range(draw(st.integers(2, 5))):
        t = draw(st.sampled_from(_TYPES))
        grounded = draw(st.booleans())
        label = draw(_text)
        curie = f"HGNC:{1000 + i}" if grounded else None
        concepts.append(Concept(curie, t, label, tuple(draw(st.lists(_text, max_size=2))) if grounded else ()))
    for _ in range(draw(st.integers(1, 6))):
        s, o = draw(st.sampled_from(concepts)), draw(st.sampled_from(concepts))
        d = draw(st.sampled_from(docs))
        start = draw(st.integers(0, 500))
        # confidences on a 0.05 grid: RDF keeps 4 decimals, and load() recomputes belief from them
        ev = Evidence(d.id, "", draw(_text), start, start + 10, (start, start + 2), (start + 4, start + 6),
                      "prop", draw(_text), draw(st.integers(0, 20)) / 20, draw(st.booleans()), draw(st.booleans()))
        kg.add_relation(Relation(s, draw(st.sampled_from(("treats", "inhibits", "causes"))), o, ev))
    for c in concepts:
        kg.add_concept(c, draw(_text), draw(st.sampled_from(docs)).id)
    return kg


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kg=graphs())
def test_roundtrip_random_graphs(kg, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("rt")
    for fmt in RDF_FORMATS:
        roundtrip(kg, fmt, tmp)


def test_cli_export_converts_between_formats(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    src = tmp_path / "g.ttl"
    write(demo_graph(), src)
    runner = CliRunner()
    for out in ("g.nq", "g.jsonld", "g.nt", "g.kgx"):
        r = runner.invoke(main, ["export", str(src), "-o", str(tmp_path / "out" / out)])
        assert r.exit_code == 0, r.output
    assert isomorphic(parse(tmp_path / "out" / "g.nq", "nquads"), demo_graph().to_rdf())
    assert (tmp_path / "out" / "g.kgx" / "edges.tsv").is_file()
    r = runner.invoke(main, ["export", str(src), "-o", str(tmp_path / "g.unknown")])
    assert r.exit_code == 2 and "cannot tell the format" in r.output
