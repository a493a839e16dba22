"""The HTML view in real headless Chromium: offline, complete, searchable, clickable, and safe."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_html_support import (
    ALS,
    BTK,
    assert_clean,
    assert_nothing_ran,
    evidence,
    launch_chromium,
    open_page,
    point_of,
    poke_everything,
    small_graph,
    synthetic_graph,
)

from kg.graph import KnowledgeGraph
from kg.html import write_html
from kg.model import Concept, Document, Relation

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chromium():
    yield from launch_chromium()

COUNTS = "[network.body.nodeIndices.length, network.body.edgeIndices.length]"


@pytest.fixture(scope="module")
def small_page(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("html") / "small.html"
    write_html(small_graph(), path)
    return path


def test_page_loads_offline_and_renders_every_node_and_edge(chromium, small_page):
    g = small_graph()
    page, log = open_page(chromium, small_page)
    assert page.evaluate("typeof window.network.getPositions") == "function"
    assert page.evaluate(COUNTS) == [len(g), g.graph.number_of_edges()]
    assert page.evaluate("network.physics.physicsEnabled") is False  # stabilised, then stopped
    assert page.locator("#kg-types label").count() == len(g.stats()["nodes_by_type"])
    assert page.locator("#kg-preds label").count() == len(g.stats()["edges_by_predicate"])
    assert page.locator("#kg-counts").inner_text().startswith("8 of 8 concepts")
    assert_clean(log)
    page.close()


def test_search_finds_btk_by_label_and_synonym(chromium, small_page):
    page, log = open_page(chromium, small_page)
    box = page.locator("#kg-search")
    box.click()
    page.keyboard.type("BTK")
    first = page.locator("#kg-results li").first
    assert first.get_attribute("data-node") == BTK.key
    assert first.locator(".kg-r-label").inner_text() == "BTK"
    page.keyboard.press("Enter")
    assert page.evaluate("network.getSelectedNodes()") == [BTK.key]
    assert page.locator("#kg-details h2").inner_text() == "BTK"
    link = page.locator("#kg-details").get_by_role("link", name="HGNC:1133", exact=True)
    assert link.get_attribute("href") == "https://bioregistry.io/HGNC:1133"
    assert "Bruton tyrosine kinase" in page.locator("#kg-details .kg-synonyms").inner_text()
    assert page.locator("#kg-details ul.kg-neigh li").count() == 5
    box.fill("")
    box.click()
    page.keyboard.type("bruton")
    assert page.locator("#kg-results li").first.get_attribute("data-node") == BTK.key
    assert "(Bruton tyrosine kinase)" in page.locator("#kg-results li").first.inner_text()
    box.fill("zzz-nothing")
    assert page.locator("#kg-results li").inner_text() == "No concept matches"
    assert_clean(log)
    page.close()


def test_clicking_an_edge_shows_its_evidence_sentence_highlighted(chromium, small_page):
    page, log = open_page(chromium, small_page)
    eid = page.evaluate(
        "Object.keys(kgView.data.edgeInfo).find(k => { const e = kgView.data.edgeInfo[k];"
        " return e.predicate === 'inhibits' && e.to === 'HGNC:1133'; })")
    x, y = point_of(page, "edge", eid)
    page.mouse.click(x, y)
    details = page.locator("#kg-details")
    assert details.locator("blockquote.kg-sentence").inner_text() == "Tolebrutinib inhibits BTK in microglia."
    assert details.locator("mark.kg-s").inner_text() == "Tolebrutinib"
    assert details.locator("mark.kg-o").inner_text() == "BTK"
    assert details.locator(".kg-doc a").get_attribute("href") == "https://example.org/btk"
    assert "belief 0.90" in details.locator(".kg-sub").inner_text()
    assert page.evaluate("network.getSelectedEdges()") == [eid]
    assert_clean(log)
    page.close()


def test_clicking_a_node_shows_identifier_synonyms_and_neighbours(chromium, small_page):
    page, log = open_page(chromium, small_page)
    x, y = point_of(page, "node", ALS.key)
    page.mouse.click(x, y)
    details = page.locator("#kg-details")
    assert details.locator("h2").inner_text() == "amyotrophic lateral sclerosis"
    assert details.get_by_role("link", name="MONDO:0004976", exact=True).get_attribute("href") == \
        "https://bioregistry.io/MONDO:0004976"
    assert details.locator(".kg-synonyms").inner_text() == "ALS"
    neighbours = details.locator("ul.kg-neigh li")
    assert neighbours.count() == 6
    # a neighbour's name selects it; its predicate badge shows the claim's evidence
    details.locator("ul.kg-neigh li", has_text="riluzole").locator(".kg-badge").first.click()
    assert "Riluzole treats ALS." in details.locator("blockquote").first.inner_text()
    details.locator("h2 .kg-linkbtn", has_text="riluzole").click()
    assert details.locator("h2").inner_text() == "riluzole"
    assert_clean(log)
    page.close()


def test_filters_by_type_predicate_belief_and_negation(chromium, small_page):
    g = small_graph()
    page, log = open_page(chromium, small_page)
    n, m = len(g), g.graph.number_of_edges()
    page.locator("#kg-types input[data-type=Gene]").uncheck()
    gene_edges = sum(1 for e in g.edges() if "Gene" in (e.subject.type, e.object.type))
    assert page.evaluate(COUNTS) == [n - 2, m - gene_edges]
    page.locator("#kg-types input[data-type=Gene]").check()
    page.locator("#kg-preds input[data-predicate=treats]").uncheck()
    assert page.evaluate(COUNTS) == [n, m - 2]
    page.locator("#kg-reset").click()
    assert page.evaluate(COUNTS) == [n, m]
    page.locator("#kg-belief").fill("0.8")
    page.wait_for_timeout(100)
    strong = sum(1 for e in g.edges() if not e.asserted or e.belief >= 0.8)
    assert page.evaluate(COUNTS) == [n, strong]
    page.locator("#kg-negated").uncheck()
    assert page.evaluate(COUNTS) == [n, strong - 1]
    page.locator("#kg-reset").click()
    for pred in ("treats", "tested_in"):
        page.locator(f"#kg-preds input[data-predicate={pred}]").uncheck()
    page.locator("#kg-isolated").check()
    keep = {k for e in g.edges() if e.predicate not in ("treats", "tested_in")
            for k in (e.subject.key, e.object.key)}
    assert page.evaluate(COUNTS) == [len(keep), m - 3]
    assert "DRUGBANK:DB00740" not in page.evaluate("kgView.nodeView.getIds()")  # riluzole: treats, tested in
    # positions survive filtering (the layout is not thrown away)
    before = page.evaluate("network.getPositions(['HGNC:1133'])['HGNC:1133']")
    page.locator("#kg-reset").click()
    after = page.evaluate("network.getPositions(['HGNC:1133'])['HGNC:1133']")
    assert before == pytest.approx(after)
    assert_clean(log)
    page.close()


PAYLOADS = (
    "<script>window.__pwned='script'</script>",
    "<img src=x onerror=\"window.__pwned='img'\">",
    "javascript:window.__pwned='js'",
    "<svg onload=\"window.__pwned='svg'\"></svg>",
    "<a href=\"javascript:window.__pwned='a'\">click me</a>",
)
EVIL = " ".join(PAYLOADS)


def evil_graph() -> KnowledgeGraph:
    g = KnowledgeGraph()
    g.add_document(Document("evil", "", title=EVIL, source="javascript:window.__pwned='source'",
                            metadata={"doi": "javascript:window.__pwned='doi'"}))
    drug = Concept("javascript:window.__pwned='curie'", "Drug", PAYLOADS[0] + " inhibitor",
                   synonyms=(PAYLOADS[1], PAYLOADS[2]), xrefs=("javascript:alert(1)",))
    gene = Concept(None, "Gene", PAYLOADS[1], synonyms=(PAYLOADS[3],))
    g.add_concept(drug, PAYLOADS[4], "evil")
    sentence = f"{drug.label} inhibits {gene.label} while {PAYLOADS[2]} and {PAYLOADS[3]}"
    ev = evidence("evil", sentence, drug.label, gene.label)
    from dataclasses import replace

    g.add_relation(Relation(drug, "inhibits", gene, replace(ev, rule=PAYLOADS[4], section=PAYLOADS[1])))
    return g


def test_untrusted_text_is_shown_as_text_and_never_runs(chromium, tmp_path):
    path = tmp_path / "evil.html"
    write_html(evil_graph(), path, title=PAYLOADS[0])
    page, log = open_page(chromium, path)
    assert page.title() == PAYLOADS[0]
    poke_everything(page)
    eid = page.evaluate("kgView.edgeView.getIds()[0]")
    page.evaluate("(eid) => kgView.selectEdge(eid)", eid)
    text = page.locator("#kg-details").inner_text()
    assert PAYLOADS[0] in text and PAYLOADS[1] in text and PAYLOADS[4] in text  # shown, literally
    doc = page.locator("#kg-details .kg-doc")
    # the javascript: source gives no link; the "DOI" only an inert https://doi.org/ link
    assert doc.locator("a").get_attribute("href").startswith("https://doi.org/javascript:")
    page.evaluate("kgView.selectNode(Object.keys(kgView.data.nodeInfo).find(k => k.startsWith('javascript')))")
    assert PAYLOADS[2] in page.locator("#kg-details .kg-synonyms").inner_text()
    assert_nothing_ran(page, log)
    page.close()


def test_large_graph_opens_capped_with_a_notice_and_stays_responsive(chromium, tmp_path):
    g = synthetic_graph(1500, 4000)
    path = tmp_path / "large.html"
    write_html(g, path, max_edges=1500)
    page, log = open_page(chromium, path, timeout_ms=60000)
    nodes, edges = page.evaluate(COUNTS)
    assert nodes == 1500 and 0 < edges <= 1500
    notice = page.locator("#kg-notice")
    assert notice.is_visible() and "Large graph: 4000 relations" in notice.inner_text()
    assert page.evaluate("network.physics.physicsEnabled") is False
    page.locator("#kg-belief").fill("0")
    page.wait_for_timeout(400)
    assert page.evaluate(COUNTS) == [1500, 4000]
    assert not notice.is_visible()
    page.locator("#kg-search").click()
    page.keyboard.type("syn42")
    page.keyboard.press("Enter")
    assert page.evaluate("network.getSelectedNodes()") == ["TEST:000042"]
    assert_clean(log)
    page.close()


def test_layout_can_be_run_again_and_stops_once_stable(chromium, small_page):
    page, log = open_page(chromium, small_page)
    button = page.locator("#kg-layout")
    assert button.inner_text() == "Run layout"
    pos = "network.getPositions(['HGNC:1133'])['HGNC:1133']"
    far = page.evaluate(f"(() => {{ const p = {pos}; network.moveNode('HGNC:1133', p.x + 600, p.y + 600);"
                        f" return {pos}; }})()")
    button.click()
    page.wait_for_timeout(50)
    page.locator("#kg-layout", has_text="Run layout").wait_for(timeout=15000)  # stopped by itself
    assert page.evaluate("network.physics.physicsEnabled") is False
    back = page.evaluate(pos)
    assert abs(back["x"] - far["x"]) + abs(back["y"] - far["y"]) > 100  # the springs pulled BTK back
    assert_clean(log)
    page.close()
