"""``kg serve``: the SPARQL 1.1 Protocol endpoint on a real socket (127.0.0.1, free port)."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest

from kg.export.demo import demo_graph
from kg.server.app import make_server

pytestmark = pytest.mark.server

TREATS = "SELECT ?drug ?disease WHERE { ?drug kgs:treats ?disease } ORDER BY ?drug"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "g.ttl"
    demo_graph().serialize(path)
    srv = make_server(path, "127.0.0.1", 0, timeout=1.5, limit=5, workers=2)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join(5)


def call(server, path="/sparql", *, params=None, data=None, headers=None, method=None):
    url = server.url.rstrip("/") + path
    if params:
        url += "?" + urllib.parse.urlencode(params)
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=20) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_listens_on_loopback(server):
    assert server.server_address[0] == "127.0.0.1"


def test_get_returns_sparql_json(server):
    status, headers, body = call(server, params={"query": TREATS})
    assert status == 200 and headers["Content-Type"] == "application/sparql-results+json"
    rows = json.loads(body)["results"]["bindings"]
    assert {r["drug"]["value"] for r in rows} >= {"https://identifiers.org/drugbank:DB00740"}


@pytest.mark.parametrize("accept,fmt", [
    ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
    ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
])
def test_post_form_with_content_negotiation(server, accept, fmt):
    data = urllib.parse.urlencode({"query": TREATS}).encode()
    status, headers, body = call(server, data=data, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
    assert status == 200 and headers["Content-Type"].startswith(accept)
    assert len(list(ox.parse_query_results(body, fmt))) == 3


def test_post_sparql_query_body_as_csv(server):
    status, headers, body = call(server, data=TREATS.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert body.decode().splitlines()[0] == "drug,disease"


def test_construct_gives_turtle(server):
    q = "CONSTRUCT { ?d kgs:treats ?x } WHERE { ?d kgs:treats ?x }"
    status, headers, body = call(server, params={"query": q}, headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert len(list(ox.parse(body, ox.RdfFormat.TURTLE))) == 3


def test_result_limit_truncates_and_says_so(server):
    status, headers, body = call(server, params={"query": "SELECT * { ?s ?p ?o }"})
    assert status == 200 and headers["X-Result-Truncated"].startswith("true")
    assert len(json.loads(body)["results"]["bindings"]) == 5


@pytest.mark.parametrize("how", ["form", "content-type", "query", "get"])
def test_updates_are_refused(server, how):
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    if how == "form":
        r = call(server, data=urllib.parse.urlencode({"update": update}).encode(),
                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    elif how == "content-type":
        r = call(server, data=update.encode(), headers={"Content-Type": "application/sparql-update"})
    elif how == "query":
        r = call(server, params={"query": update})
    else:
        r = call(server, params={"update": update})
    assert r[0] == 400 and b"read-only" in r[2]
    assert call(server, params={"query": "ASK { <urn:a> <urn:b> <urn:c> }"})[2].find(b"false") > 0


def test_service_is_refused(server):
    status, _, body = call(server, params={"query": "SELECT * { SERVICE <http://127.0.0.1:1/x> { ?s ?p ?o } }"})
    assert status == 400 and b"SERVICE" in body


def test_bad_query_is_a_400_with_a_message(server):
    status, _, body = call(server, params={"query": "SELECT ?x WHERE { ?x"})
    assert status == 400 and body.startswith(b"query syntax")


def test_timeout_stops_the_query_and_the_server_recovers(server):
    t0 = time.monotonic()
    status, _, body = call(server, params={"query": SLOW})
    assert status == 503 and b"timed out" in body
    assert time.monotonic() - t0 < 10
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:  # the killed worker is replaced in the background
        status, _, _ = call(server, params={"query": "ASK { ?s ?p ?o }"})
        if status == 200:
            break
        time.sleep(0.2)
    assert status == 200
    assert [call(server, params={"query": TREATS})[0] for _ in range(4)] == [200] * 4


def test_html_view_and_other_routes(server):
    status, headers, body = call(server, "/")
    assert status == 200 and headers["Content-Type"].startswith("text/html") and b"<html" in body.lower()
    assert call(server, "/sparql")[0] == 200  # query page
    assert call(server, "/nowhere")[0] == 404
    assert call(server, data=b"x", headers={"Content-Type": "text/turtle"}, method="PUT")[0] == 405
    assert call(server, data=b"x", headers={"Content-Type": "text/plain"})[0] == 415
