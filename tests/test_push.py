"""``kg push`` against a real Oxigraph server (the ``oxigraph`` package) started on 127.0.0.1."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.export.demo import demo_graph
from kg.graph import KnowledgeGraph
from kg.model import Concept
from kg.query.push import DEFAULT_GRAPH, PushError, push

pytestmark = [pytest.mark.server,
              pytest.mark.skipif(shutil.which("oxigraph") is None, reason="the oxigraph server is not installed")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """A real Oxigraph server; yields its base URL."""
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph-store")
    proc = subprocess.Popen(["oxigraph", "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=2):
                break
        except (urllib.error.URLError, ConnectionError, OSError):
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"oxigraph did not start: {proc.stderr.read().decode()[:500]}")
            time.sleep(0.1)
    yield base
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def sparql(base: str, query: str, graph: str | None = None) -> list[dict]:
    params = {"query": query}
    if graph:
        params["default-graph-uri"] = graph
    req = urllib.request.Request(base + "/query?" + urllib.parse.urlencode(params),
                                 headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=20) as resp:
        return json.loads(resp.read())["results"]["bindings"]


def count(base: str, graph: str) -> int:
    rows = sparql(base, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", graph)
    return int(rows[0]["n"]["value"])


@pytest.mark.parametrize("name", ["g.ttl", "g.nq", "g.jsonld"])
def test_push_then_query_back(oxigraph, tmp_path, name):
    kg = demo_graph()
    path = tmp_path / name
    kg.serialize(path)
    graph = f"https://example.org/graphs/{name}"
    result = push(path, oxigraph + "/store", graph)
    assert result.status in (200, 201, 204)
    assert count(oxigraph, graph) == len(kg.to_rdf())
    rows = sparql(oxigraph, "PREFIX kgs: <https://w3id.org/als-kg/schema#> "
                            "SELECT ?d WHERE { ?d kgs:treats <http://purl.obolibrary.org/obo/MONDO_0005301> }", graph)
    assert [r["d"]["value"] for r in rows] == ["https://identifiers.org/drugbank:DB08908"]


def test_push_replaces_the_graph(oxigraph, tmp_path):
    big, small = tmp_path / "big.ttl", tmp_path / "small.nt"
    demo_graph().serialize(big)
    tiny = KnowledgeGraph()
    tiny.add_concept(Concept("HGNC:1133", "Gene", "BTK"))
    tiny.serialize(small)
    runner = CliRunner()
    r = runner.invoke(main, ["push", str(big), "--endpoint", oxigraph + "/store"])
    assert r.exit_code == 0, r.output
    assert count(oxigraph, DEFAULT_GRAPH) == len(demo_graph().to_rdf())
    r = runner.invoke(main, ["push", str(small), "--endpoint", oxigraph + "/store"])
    assert r.exit_code == 0 and DEFAULT_GRAPH in r.output
    assert count(oxigraph, DEFAULT_GRAPH) == len(tiny.to_rdf())


def test_server_errors_are_reported(oxigraph, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix x: <http://x/> .\nthis is not turtle\n")
    with pytest.raises(PushError, match=r"HTTP 400"):
        push(bad, oxigraph + "/store")
    good = tmp_path / "g.ttl"
    demo_graph().serialize(good)
    r = CliRunner().invoke(main, ["push", str(good), "--endpoint", oxigraph + "/no-such-endpoint"])
    assert r.exit_code == 1 and "HTTP 404" in r.output and r.output.startswith("error:")


def test_unreachable_store_and_bad_arguments(tmp_path):
    good = tmp_path / "g.ttl"
    demo_graph().serialize(good)
    with pytest.raises(PushError, match="cannot reach"):
        push(good, f"http://127.0.0.1:{free_port()}/store")
    with pytest.raises(PushError, match="not an http"):
        push(good, "ftp://example.org/store")
    with pytest.raises(PushError, match="absolute IRI"):
        push(good, "http://127.0.0.1:1/store", graph="relative")
