"""The HTML view of graphs built by the real pipeline: the seed articles, and a hostile article."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from test_html_support import (
    assert_clean,
    assert_nothing_ran,
    launch_chromium,
    open_page,
    point_of,
    poke_everything,
)

import kg
from kg.cli import main
from kg.html import write_html

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chromium():
    yield from launch_chromium()

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
COUNTS = "[network.body.nodeIndices.length, network.body.edgeIndices.length]"


@pytest.fixture(scope="module")
def seeds_graph():
    return kg.build([str(SEEDS)])


def test_seeds_page_renders_the_whole_graph_and_finds_btk(chromium, seeds_graph, tmp_path):
    path = tmp_path / "seeds.html"
    write_html(seeds_graph, path, title="ALS seed articles")
    page, log = open_page(chromium, path)
    assert page.evaluate(COUNTS) == [len(seeds_graph), seeds_graph.graph.number_of_edges()]
    page.locator("#kg-search").click()
    page.keyboard.type("BTK")
    assert page.locator("#kg-results li .kg-r-label").first.inner_text() == "BTK"
    page.keyboard.press("Enter")
    btk = page.evaluate("network.getSelectedNodes()")
    assert len(btk) == 1 and seeds_graph.node(btk[0]).concept.label == "BTK"
    assert page.locator("#kg-details h2").inner_text() == "BTK"
    # click one of BTK's relations on the canvas: its evidence sentences show, BTK highlighted
    # an edge's midpoint can sit under a node drawn on top of it: click BTK's edges until one opens
    quotes = page.locator("#kg-details blockquote.kg-sentence")
    # let the focus animation on the found node finish before computing click points
    page.wait_for_function("""() => new Promise(done => {
        const a = network.getViewPosition(); setTimeout(() => { const b = network.getViewPosition();
        done(a.x === b.x && a.y === b.y && network.getScale() > 0); }, 300); })""", timeout=10000)
    for eid in page.evaluate("(id) => network.getConnectedEdges(id)", btk[0]):
        x, y = point_of(page, "edge", eid)
        page.mouse.click(x, y)
        if page.evaluate("() => network.getSelectedEdges().length === 1 && network.getSelectedNodes().length === 0"):
            eid = page.evaluate("() => network.getSelectedEdges()[0]")
            break
    info = page.evaluate("(eid) => kgView.data.edgeInfo[eid]", eid)
    edge = seeds_graph.edge(info["from"], info["predicate"], info["to"])
    assert quotes.count() == len(edge.evidence)
    assert quotes.first.inner_text() == edge.evidence[0].sentence
    marks = page.locator("#kg-details mark").all_inner_texts()
    assert marks and any("BTK" in m for m in marks)
    page.screenshot(path=str(tmp_path / "seeds.png"))
    assert_clean(log)
    page.close()


def test_kg_build_html_and_kg_view_show_the_same_graph(chromium, tmp_path):
    runner = CliRunner()
    built = runner.invoke(main, ["build", str(SEEDS), "-o", str(tmp_path / "g.ttl"), "--html", str(tmp_path / "b.html"),
                                 "-q"])
    assert built.exit_code == 0, built.output
    viewed = runner.invoke(main, ["view", str(tmp_path / "g.ttl"), "-o", str(tmp_path / "v.html")])
    assert viewed.exit_code == 0, viewed.output
    counts = []
    for name in ("b.html", "v.html"):
        page, log = open_page(chromium, tmp_path / name)
        counts.append(page.evaluate(COUNTS))
        assert_clean(log)
        page.close()
    assert counts[0] == counts[1] and counts[0][1] > 0


HOSTILE_ARTICLE = """\
<script>window.__pwned='title'</script> BTK inhibitors in ALS

Tolebrutinib <script>window.__pwned='script'</script> inhibits BTK <img src=x onerror="window.__pwned='img'"> \
in microglia javascript:window.__pwned='js' from people with ALS.

Riluzole treats ALS <svg onload="window.__pwned='svg'"></svg> and \
<a href="javascript:window.__pwned='a'">click me</a> was tested in SOD1 mice.
"""


def test_an_article_with_script_tags_renders_as_text_and_runs_nothing(chromium, tmp_path):
    article = tmp_path / "hostile.txt"
    article.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(article), "-o", str(tmp_path / "g.ttl"),
                                       "--html", str(tmp_path / "built.html"), "-q"])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["view", str(tmp_path / "g.ttl"), "-o", str(tmp_path / "viewed.html")])
    assert result.exit_code == 0, result.output
    for name in ("built.html", "viewed.html"):
        page, log = open_page(chromium, tmp_path / name)
        sentences = page.evaluate(
            "Object.values(kgView.data.edgeInfo).flatMap(e => e.evidence.map(v => v.segments.map(s => s[0]).join('')))")
        hostile = [s for s in sentences if "<script>" in s or "onerror" in s or "javascript:" in s]
        assert hostile, "the pipeline should keep the hostile sentences as evidence"
        poke_everything(page)
        eid = page.evaluate("Object.keys(kgView.data.edgeInfo).find(k => kgView.data.edgeInfo[k].evidence"
                            ".some(v => v.segments.map(s => s[0]).join('').includes('<script>')))")
        page.evaluate("(eid) => kgView.selectEdge(eid)", eid)
        shown = page.locator("#kg-details blockquote.kg-sentence").all_inner_texts()
        assert any("<script>window.__pwned='script'</script>" in s for s in shown)
        assert_nothing_ran(page, log)
        page.close()
