"""The HTML view without a browser: self-containment, escaping, determinism, CLI."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_html_support import ALS, BTK, evidence, small_graph, synthetic_graph

from kg.cli import main
from kg.graph import KnowledgeGraph
from kg.html import render_html, write_html
from kg.html.data import build_payload, segments
from kg.html.links import document_url, resolver_url, safe_url
from kg.model import Concept, Document, Relation

DATA_RE = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)


def payload_of(html: str) -> dict:
    return json.loads(DATA_RE.search(html).group(1))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, dict(attrs)))


def test_page_is_self_contained():
    page = render_html(small_graph())
    parser = _Tags()
    parser.feed(page)
    # exactly our three inline scripts; no element loads anything (no src, no href, no img/iframe),
    # the only link is an empty inline favicon (so that no server is asked for /favicon.ico)
    scripts = [a for t, a in parser.tags if t == "script"]
    assert scripts == [{"type": "application/json", "id": "kg-data"}, {}, {}]
    links = [a for t, a in parser.tags if t == "link"]
    assert links == [{"rel": "icon", "href": "data:,"}]
    assert not [(t, a) for t, a in parser.tags if t != "link" and ("src" in a or "href" in a or t in ("img", "iframe"))]
    assert "node_modules" not in page and "bootstrap" not in page.lower()
    assert "default-src 'none'" in page.replace("&#x27;", "'")
    assert "vis-network" in page and "window.network = network" in page


def test_counts_and_content_match_the_graph():
    g = small_graph()
    data = payload_of(render_html(g))
    assert len(data["nodes"]) == len(g) == 8
    assert len(data["edges"]) == g.graph.number_of_edges() == 10
    assert {n["id"] for n in data["nodes"]} == {n.key for n in g.nodes()}
    btk = data["nodeInfo"]["HGNC:1133"]
    assert btk["href"] == "https://bioregistry.io/HGNC:1133"
    assert btk["synonyms"] == ["Bruton tyrosine kinase"]
    assert btk["degree"] == 5
    assert [t["name"] for t in data["types"]] == ["Disease", "Gene", "Pathway", "Drug", "ModelSystem", "CellType"]
    negated = [e for e in data["edgeInfo"].values() if not e["asserted"]]
    assert len(negated) == 1 and negated[0]["label"] == "not treats"
    dashed = [e for e in data["edges"] if e["dashes"]]
    assert len(dashed) == 1


def test_node_shape_and_colour_follow_type_and_edge_colour_follows_predicate():
    data = payload_of(render_html(small_graph()))
    by_type = {t["name"]: t for t in data["types"]}
    for n in data["nodes"]:
        t = by_type[data["nodeInfo"][n["id"]]["type"]]
        assert n["shape"] == t["shape"] and n["color"]["background"] == t["color"]
    by_pred = {p["name"]: p["color"] for p in data["predicates"]}
    for e in data["edges"]:
        assert e["color"]["color"] == by_pred[data["edgeInfo"][e["id"]]["predicate"]]


def test_output_is_deterministic(tmp_path):
    write_html(small_graph(), tmp_path / "a.html")
    write_html(small_graph(), tmp_path / "b.html")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_untrusted_text_cannot_escape_the_data_block():
    g = KnowledgeGraph()
    evil = "</script><script>alert(1)</script><!-- <img src=x onerror=alert(2)> & \u2028"
    g.add_document(Document("d", "", title=evil, source="javascript:alert(3)"))
    a = Concept("X:1", "Gene", evil, synonyms=("</SCRIPT >",))
    b = Concept(None, "Disease", "javascript:alert(4)")
    g.add_relation(Relation(a, "associated_with", b, evidence("d", f"{evil} with javascript:alert(4)", evil,
                                                              "javascript:alert(4)")))
    page = render_html(g)
    data_block = DATA_RE.search(page).group(1)
    assert "<" not in data_block and ">" not in data_block and "&" not in data_block
    assert len(re.findall(r"</script", page, re.I)) == 3
    data = json.loads(data_block)
    assert data["docs"]["d"] == {"title": evil, "href": None}
    assert data["nodeInfo"]["X:1"]["label"] == evil


def test_min_belief_leaves_out_weak_asserted_claims_but_keeps_negated_ones():
    g = small_graph()
    data = build_payload(g, min_belief=0.8)
    kept = sorted(e["predicate"] + ":" + e["from"] for e in data["edgeInfo"].values())
    expected = sorted(e.predicate + ":" + e.subject.key for e in g.edges() if not e.asserted or e.belief >= 0.8)
    assert kept == expected
    assert data["meta"]["minBelief"] == 0.8


def test_large_graph_defaults_cap_the_edges_with_a_lighter_drawing():
    g = synthetic_graph(400, 1200)
    data = build_payload(g, max_edges=300, large_nodes=200)
    view = data["view"]
    assert view["large"] and view["capped"] and not view["edgeLabels"]
    shown = [e for e in data["edgeInfo"].values() if e["asserted"] and e["belief"] >= view["minBelief"]]
    assert 0 < len(shown) <= 300
    assert data["options"]["edges"]["smooth"] is False
    assert data["options"]["layout"]["improvedLayout"] is False
    assert "label" not in data["edges"][0]
    small = build_payload(small_graph())["view"]
    assert not small["large"] and not small["capped"] and small["minBelief"] == 0.0


def test_parallel_edges_are_curved_apart():
    g = KnowledgeGraph()
    for pred in ("inhibits", "associated_with"):
        g.add_relation(Relation(BTK, pred, ALS if pred == "associated_with" else Concept("GO:1", "Pathway", "p"),
                                evidence("d", "BTK ALS p", "BTK", "ALS")))
    g.add_relation(Relation(BTK, "upregulated_in", ALS, evidence("d", "BTK up in ALS", "BTK", "ALS")))
    edges = build_payload(g)["edges"]
    to_als = [e for e in edges if e["to"] == ALS.key]
    assert len(to_als) == 2 and sum("smooth" in e for e in to_als) == 1


@pytest.mark.parametrize(("sentence", "start", "subj", "obj", "expected"), [
    ("BTK in ALS", 0, (0, 3), (7, 10), [["BTK", "s"], [" in ", ""], ["ALS", "o"]]),
    ("ALS and BTK", 50, (58, 61), (50, 53), [["ALS", "o"], [" and ", ""], ["BTK", "s"]]),
    ("overlap", 0, (0, 4), (2, 7), [["ov", "s"], ["er", "so"], ["lap", "o"]]),
    ("same", 0, (0, 4), (0, 4), [["same", "so"]]),
    ("outside", 0, (10, 12), (-3, 2), [["outside", ""]]),
    ("", 0, (0, 0), (0, 0), [["", ""]]),
])
def test_segments(sentence, start, subj, obj, expected):
    from kg.model import Evidence

    ev = Evidence("d", "", sentence, start, start + len(sentence), subj, obj, "x", "r", 1.0)
    assert segments(ev) == expected


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "data:text/html,<b>", "vbscript:x",
    "https://ex.org/a b", "https://ex.org/\"onmouseover=x", "//ex.org/x", "http:/x", "", None, "https://ex.org/\n",
])
def test_unsafe_urls_are_refused(url):
    assert safe_url(url) is None


def test_links():
    assert resolver_url("DRUGBANK:DB00740") == "https://bioregistry.io/DRUGBANK:DB00740"
    assert resolver_url("javascript:alert(1)").startswith("https://bioregistry.io/javascript:")  # inert: https
    assert resolver_url("x y:z") is None
    assert document_url("https://ex.org/a", {"pmid": "1"}) == "https://ex.org/a"
    assert document_url("seeds/a.txt", {"doi": "10.1/x"}) == "https://doi.org/10.1/x"
    assert document_url("", {}) is None


def test_write_is_atomic_and_unknown_options_are_refused(tmp_path):
    out = tmp_path / "sub" / "g.html"
    with pytest.raises(TypeError):
        write_html(small_graph(), out, no_such_option=1)
    assert not out.exists() and not list(tmp_path.rglob("*.part"))
    write_html(small_graph(), out, title="My <graph>")
    text = out.read_text(encoding="utf-8")
    assert "<title>My &lt;graph&gt;</title>" in text
    assert [p.name for p in out.parent.iterdir()] == ["g.html"]


def test_empty_graph_renders():
    data = payload_of(render_html(KnowledgeGraph()))
    assert data["nodes"] == [] and data["edges"] == [] and data["types"] == []


# -- CLI ----------------------------------------------------------------------------------


def test_cli_view_writes_the_page_from_a_graph_file(tmp_path):
    ttl = tmp_path / "g.ttl"
    small_graph().serialize(str(ttl))
    out = tmp_path / "g.html"
    result = CliRunner().invoke(main, ["view", str(ttl), "-o", str(out), "--title", "Seeds"])
    assert result.exit_code == 0, result.output
    data = payload_of(out.read_text(encoding="utf-8"))
    assert data["title"] == "Seeds"
    assert len(data["nodes"]) == 8 and len(data["edges"]) == 10
    assert "Bruton tyrosine kinase" in data["nodeInfo"]["HGNC:1133"]["synonyms"]


def test_cli_view_min_belief(tmp_path):
    ttl = tmp_path / "g.ttl"
    g = small_graph()
    g.serialize(str(ttl))
    out = tmp_path / "g.html"
    result = CliRunner().invoke(main, ["view", str(ttl), "-o", str(out), "--min-belief", "0.8"])
    assert result.exit_code == 0, result.output
    expected = [e for e in g.edges() if not e.asserted or e.belief >= 0.8]
    assert 0 < len(expected) < g.graph.number_of_edges()
    assert len(payload_of(out.read_text(encoding="utf-8"))["edges"]) == len(expected)


@pytest.mark.parametrize(("name", "content", "message"), [
    ("bad.ttl", "this is <not turtle", "cannot read the graph"),
    ("notes.txt", "hello", "not a graph file"),
])
def test_cli_view_bad_input_is_one_clear_line(tmp_path, name, content, message):
    src = tmp_path / name
    src.write_text(content)
    out = tmp_path / "out.html"
    result = CliRunner().invoke(main, ["view", str(src), "-o", str(out)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0] and name in lines[0]
    assert not out.exists()


def test_cli_view_help():
    result = CliRunner().invoke(main, ["view", "--help"])
    assert result.exit_code == 0
    assert "--min-belief" in result.output and "--output" in result.output


def test_assets_ship_with_the_package():
    from importlib import resources

    assets = resources.files("kg.html") / "assets"
    for name in ("template.html", "app.js", "app.css"):
        assert (assets / name).is_file()
    assert Path(str(assets)).is_dir()
