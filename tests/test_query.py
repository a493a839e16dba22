"""The embedded SPARQL store, bindings, result formats and ``kg query``."""

from __future__ import annotations

import io
import json
import os

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef

from kg.cli import main
from kg.export.demo import demo_graph
from kg.query.guard import RefusedQuery, check_read_only
from kg.query.results import write_result
from kg.query.store import GraphStore, QueryError, is_store_dir
from kg.query.terms import parse_binding, parse_value

ALS = "http://purl.obolibrary.org/obo/MONDO_0004976"
TREATS = "SELECT ?drug ?disease WHERE { ?drug kgs:treats ?disease }"


@pytest.fixture(scope="module")
def store() -> GraphStore:
    return GraphStore.open(demo_graph())


@pytest.fixture(scope="module")
def graph_files(tmp_path_factory):
    d = tmp_path_factory.mktemp("graphs")
    kg = demo_graph()
    for name in ("g.ttl", "g.nt", "g.nq", "g.jsonld"):
        kg.serialize(d / name)
    return d


def drugs(result) -> set[str]:
    return {row["drug"].value for row in result}


@pytest.mark.parametrize("name", ["g.ttl", "g.nt", "g.nq", "g.jsonld"])
def test_every_format_answers_the_same(graph_files, name, store):
    gs = GraphStore.open(graph_files / name)
    assert len(gs) >= len(demo_graph().to_rdf())
    assert drugs(gs.query(TREATS, {"disease": URIRef(ALS)})) == drugs(store.query(TREATS, {"disease": URIRef(ALS)}))


def test_bindings_take_rdflib_pyoxigraph_and_python_values(store):
    by_rdflib = drugs(store.query(TREATS, {"disease": URIRef(ALS)}))
    assert by_rdflib == {"https://identifiers.org/drugbank:DB00740", "https://w3id.org/als-kg/entity/Drug/btk-inhibitor"}
    assert drugs(store.query(TREATS, {"?disease": ox.NamedNode(ALS)})) == by_rdflib
    q = "SELECT ?drug ?label WHERE { ?drug rdfs:label ?label ; kgs:treats ?d }"
    assert drugs(store.query(q, {"label": "riluzole"})) == {"https://identifiers.org/drugbank:DB00740"}
    assert drugs(store.query(q, {"label": Literal("riluzole")})) == {"https://identifiers.org/drugbank:DB00740"}
    q = "SELECT ?st ?n WHERE { ?st kgs:evidenceCount ?n }"
    assert len(list(store.query(q, {"n": 2}))) == 1  # SOD1 causes ALS, stated twice


def test_a_hostile_value_stays_a_value(store):
    """Bindings are never spliced into the query text."""
    q = "SELECT ?x ?label WHERE { ?x rdfs:label ?label }"
    evil = 'x" } ; ?x ?p ?o . FILTER(true) } #'
    assert list(store.query(q, {"label": evil})) == []


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=40))
def test_any_string_binds_as_one_literal(value):
    gs = _small_store()
    rows = list(gs.query("SELECT ?x ?label WHERE { ?x rdfs:label ?label }", {"label": value}))
    labels = {"riluzole", "BTK"}
    assert len(rows) == (1 if value in labels else 0)


_SMALL: list[GraphStore] = []


def _small_store() -> GraphStore:
    if not _SMALL:
        gs = GraphStore.memory()
        data = ('<http://e/r> <http://www.w3.org/2000/01/rdf-schema#label> "riluzole" .\n'
                '<http://e/b> <http://www.w3.org/2000/01/rdf-schema#label> "BTK" .\n')
        gs.store.load(input=data, format=ox.RdfFormat.N_TRIPLES)
        _SMALL.append(gs)
    return _SMALL[0]


def test_a_bound_variable_must_be_projected(store):
    with pytest.raises(QueryError, match="SELECT list"):
        store.query("SELECT ?drug WHERE { ?drug kgs:treats ?disease }", {"disease": URIRef(ALS)})


def test_syntax_errors_are_one_line(store):
    with pytest.raises(QueryError) as e:
        store.query("SELECT ?x WHERE { ?x ")
    assert str(e.value).startswith("query syntax:") and "\n" not in str(e.value)


def test_parse_value_syntax():
    assert parse_value("MONDO:0004976") == ox.NamedNode(ALS)
    assert parse_value("kgs:treats") == ox.NamedNode("https://w3id.org/als-kg/schema#treats")
    assert parse_value("<urn:x>") == ox.NamedNode("urn:x")
    assert parse_value('"ALS"@en') == ox.Literal("ALS", language="en")
    assert parse_value('"2"^^xsd:integer') == ox.Literal("2", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer"))
    assert parse_value("plain text") == ox.Literal("plain text")
    assert parse_value("http://example.org/x") == ox.Literal("http://example.org/x")  # write IRIs as <...>
    with pytest.raises(ValueError):
        parse_binding("no equals sign")


def test_on_disk_store_is_loaded_once_and_reloaded_when_the_file_changes(graph_files, tmp_path):
    src = tmp_path / "g.ttl"
    src.write_bytes((graph_files / "g.ttl").read_bytes())
    db = tmp_path / "db"
    first = GraphStore.open(src, store=db)
    n = len(first)
    assert first.loaded_from()["size"] == src.stat().st_size
    del first
    assert is_store_dir(db)
    again = GraphStore.open(src, store=db)
    assert len(again) == n and again.loaded_from()["source"] == str(src.resolve())
    del again
    extra = "\n<urn:a> <urn:b> <urn:c> .\n"
    src.write_text(src.read_text() + extra)
    os.utime(src, ns=(src.stat().st_atime_ns, src.stat().st_mtime_ns + 10**9))
    third = GraphStore.open(src, store=db)
    assert len(third) == n + 1
    del third
    # a store directory can be queried directly, read-only
    ro = GraphStore.open(db, read_only=True)
    assert len(ro) == n + 1


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_results_parse_back_as_standard_sparql_results(store, fmt):
    q = ("SELECT ?claim ?sentence ?belief ?missing WHERE { ?claim kgs:evidence ?e ; kgs:belief ?belief . "
         "?e kgs:sentence ?sentence } ORDER BY ?sentence")
    out = io.BytesIO()
    n, truncated = write_result(store.query(q), out, fmt)
    assert n == 15 and not truncated  # one row per evidence record
    back = list(ox.parse_query_results(out.getvalue(), getattr(ox.QueryResultsFormat, fmt.upper())))
    direct = list(store.query(q))
    assert [[s[v] for v in ("claim", "sentence", "belief", "missing")] for s in back] == [
        [row.get(v) for v in ("claim", "sentence", "belief", "missing")] for row in direct]


def test_csv_and_table_and_limit(store):
    out = io.BytesIO()
    assert write_result(store.query(TREATS), out, "csv", limit=2) == (2, True)
    lines = out.getvalue().decode().split("\r\n")
    assert lines[0] == "drug,disease" and len([x for x in lines if x]) == 3
    out = io.BytesIO()
    write_result(store.query("SELECT ?d ?l WHERE { ?d kgs:treats ?x ; rdfs:label ?l } ORDER BY ?l"), out, "table")
    text = out.getvalue().decode()
    assert "DRUGBANK:DB00740" in text and "riluzole" in text and text.rstrip().endswith("(3 rows)")


def test_ask_and_construct(store):
    out = io.BytesIO()
    write_result(store.query("ASK { ?d kgs:treats ?x }"), out, "json")
    assert json.loads(out.getvalue()) == {"head": {}, "boolean": True}
    out = io.BytesIO()
    n, _ = write_result(store.query("CONSTRUCT { ?d kgs:treats ?x } WHERE { ?d kgs:treats ?x }"), out, "tsv")
    assert n == 3 and len(list(ox.parse(out.getvalue(), ox.RdfFormat.N_TRIPLES))) == 3


def test_guard_refuses_updates_and_service_but_not_lookalikes():
    check_read_only('PREFIX ex: <http://x/service> SELECT ?service WHERE { ?service ex:load "SERVICE" } # SERVICE')
    check_read_only("SELECT * WHERE { ?a ?b ?c FILTER(?c < 5 && ?c > 1) }")
    for q in ("INSERT DATA { <a:a> <a:b> <a:c> }", "PREFIX x: <a:> DELETE WHERE { ?s ?p ?o }", "CLEAR ALL",
              "BASE <http://x/> LOAD <http://x/g>", "SELECT * { SERVICE <http://x/s> { ?s ?p ?o } }",
              "select * { service silent ?endpoint { ?s ?p ?o } }"):
        with pytest.raises(RefusedQuery):
            check_read_only(q)


# -- kg query ---------------------------------------------------------------------------------

def test_cli_query_with_bindings_file_and_formats(graph_files, tmp_path):
    runner = CliRunner()
    q = "SELECT ?drug ?disease WHERE { ?drug kgs:treats ?disease }"
    r = runner.invoke(main, ["query", str(graph_files / "g.nq"), q, "-b", "disease=MONDO:0005301"])
    assert r.exit_code == 0, r.output
    assert "DRUGBANK:DB08908" in r.output and "DB00740" not in r.output
    qf = tmp_path / "q.rq"
    qf.write_text("#+ bind: disease=MONDO:0004976\n" + q)
    r = runner.invoke(main, ["query", str(graph_files / "g.ttl"), "-f", str(qf), "-F", "json"])
    assert r.exit_code == 0
    got = {b["drug"]["value"] for b in json.loads(r.output)["results"]["bindings"]}
    assert "https://identifiers.org/drugbank:DB00740" in got and len(got) == 2
    # -b overrides the file's default binding; -o writes the file atomically
    out = tmp_path / "out.csv"
    r = runner.invoke(main, ["query", str(graph_files / "g.ttl"), "-f", str(qf), "-b", "disease=MONDO:0005301",
                             "-F", "csv", "-o", str(out)])
    assert r.exit_code == 0 and out.read_text().splitlines()[1].startswith("https://identifiers.org/drugbank:DB08908")
    assert not list(tmp_path.glob("*.part"))


def test_cli_query_store_option(graph_files, tmp_path):
    runner = CliRunner()
    db = tmp_path / "db"
    for _ in range(2):
        r = runner.invoke(main, ["query", str(graph_files / "g.ttl"), "--store", str(db), "ASK { ?s kgs:treats ?o }"])
        assert r.exit_code == 0 and r.output.strip() == "true"
    r = runner.invoke(main, ["query", str(db), "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "-F", "tsv"])
    assert r.exit_code == 0 and r.output.splitlines()[0] == "?n"


def test_cli_query_errors_are_one_line(graph_files):
    runner = CliRunner()
    g = str(graph_files / "g.ttl")
    for args, fragment in (
        ([g, "SELECT ?x WHERE { ?x"], "query syntax"),
        ([g, "SELECT * { SERVICE <http://x/s> { ?s ?p ?o } }"], "SERVICE"),
        ([g, "INSERT DATA { <a:a> <a:b> <a:c> }"], "read-only"),
        ([g, "SELECT ?x WHERE { ?x ?p ?o }", "-b", "y=1"], "SELECT list"),
    ):
        r = runner.invoke(main, ["query", *args])
        assert r.exit_code == 1, args
        assert fragment in r.output and r.output.count("\n") == 1, r.output
    r = runner.invoke(main, ["query", g])
    assert r.exit_code == 2 and "either as the SPARQL argument or with -f" in r.output


def test_cli_timeout_ends_the_query(graph_files):
    """--timeout ends the process (a running query cannot be interrupted from Python): exit 3, one line."""
    import subprocess
    import sys
    import time

    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    t0 = time.monotonic()
    cmd = [sys.executable, "-c", "from kg.cli import main; main()", "query", str(graph_files / "g.ttl"), slow,
           "--timeout", "1"]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert r.returncode == 3 and "timed out after 1 s" in r.stderr
    assert time.monotonic() - t0 < 30


def test_store_option_refuses_a_directory_that_is_not_a_store(graph_files, tmp_path):
    (tmp_path / "notes.txt").write_text("my files")
    with pytest.raises(QueryError, match="is not a store directory"):
        GraphStore.open(graph_files / "g.ttl", store=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
