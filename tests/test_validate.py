"""SHACL validation of graphs: the project's own output conforms, broken graphs are reported readably."""

from __future__ import annotations

from click.testing import CliRunner
from rdflib import RDFS, XSD, Literal, URIRef

from kg.cli import main
from kg.export.demo import demo_graph
from kg.export.validate import validate_file, validate_graph

KGS = "https://w3id.org/als-kg/schema#"
ALS = URIRef("http://purl.obolibrary.org/obo/MONDO_0004976")
BTK = URIRef("https://identifiers.org/hgnc:1133")


def test_demo_graph_conforms_in_every_format(tmp_path):
    kg = demo_graph()
    for name in ("g.ttl", "g.nt", "g.nq", "g.jsonld"):
        kg.serialize(tmp_path / name)
        report = validate_file(tmp_path / name)
        assert report.conforms, [str(v) for v in report.violations]


def test_violations_name_the_node_the_property_and_the_rule():
    g = demo_graph().to_rdf()
    g.add((ALS, URIRef(KGS + "treats"), BTK))                         # a disease does not treat a gene
    g.add((BTK, RDFS.label, Literal("second label")))                 # two labels
    ev = next(g.subjects(URIRef(KGS + "sentence"), None))
    g.set((ev, URIRef(KGS + "confidence"), Literal("1.5", datatype=XSD.decimal)))
    st = next(g.subjects(URIRef(KGS + "evidenceCount"), None))
    g.set((st, URIRef(KGS + "evidenceCount"), Literal(7)))
    report = validate_graph(g)
    assert not report.conforms
    lines = [str(v) for v in report.violations]
    assert any("MONDO:0004976" in x and "subject of kgs:treats must be a Drug" in x for x in lines)
    assert any("kgs:treats" in x and "object of kgs:treats must be a Disease or Phenotype" in x and "HGNC:1133" in x
               for x in lines)
    assert any("HGNC:1133 (BTK" in x and "rdfs:label" in x for x in lines)
    assert any("kgs:confidence" in x and '"1.5"' in x for x in lines)
    assert any("evidenceCount differs" in x for x in lines)
    assert report.summary().startswith("invalid: 5 violations")


def test_an_asserted_claim_needs_its_plain_triple():
    g = demo_graph().to_rdf()
    g.remove((URIRef("https://identifiers.org/drugbank:DB00740"), URIRef(KGS + "treats"), ALS))
    lines = [str(v) for v in validate_graph(g).violations]
    assert len(lines) == 1 and "needs its plain triple" in lines[0]


def test_cli_exit_status_and_output(tmp_path):
    good = tmp_path / "good.ttl"
    demo_graph().serialize(good)
    runner = CliRunner()
    r = runner.invoke(main, ["validate", str(good)])
    assert r.exit_code == 0 and "valid:" in r.output
    bad = tmp_path / "bad.ttl"
    bad.write_text(good.read_text().replace("kgs:belief 0.8 ", "kgs:belief 1.8 "))
    r = runner.invoke(main, ["validate", str(bad), "--max", "1"])
    assert r.exit_code == 1
    assert "Violation: statement:" in r.output and "kgs:belief" in r.output and "more (use --max 0" in r.output
    junk = tmp_path / "junk.ttl"
    junk.write_text("this is not turtle")
    r = runner.invoke(main, ["validate", str(junk)])
    assert r.exit_code == 1 and "cannot read the graph" in r.output
