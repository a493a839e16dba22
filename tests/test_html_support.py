"""Shared helpers for the HTML view tests: a tiny hand-built graph and headless Chromium.

Holds no tests itself.  Browser tests drive Debian's ``/usr/bin/chromium``
through Playwright (no browser download) and record every request and every
console error of the page.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kg.graph import KnowledgeGraph
from kg.model import Concept, Document, Evidence, Relation

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

BTK = Concept("HGNC:1133", "Gene", "BTK", synonyms=("Bruton tyrosine kinase",), xrefs=("NCBIGene:695",))
TOLEBRUTINIB = Concept("DRUGBANK:DB15247", "Drug", "tolebrutinib")
ALS = Concept("MONDO:0004976", "Disease", "amyotrophic lateral sclerosis", synonyms=("ALS",))
MICROGLIA = Concept("CL:0000129", "CellType", "microglial cell", synonyms=("microglia",))
RILUZOLE = Concept("DRUGBANK:DB00740", "Drug", "riluzole")
SOD1_MOUSE = Concept(None, "ModelSystem", "SOD1 mouse")
NFL = Concept(None, "Gene", "neurofilament light chain", synonyms=("NfL",))
INFLAMMATION = Concept("GO:0006954", "Pathway", "inflammatory response")


def evidence(doc: str, sentence: str, subj: str, obj: str, confidence: float = 0.8, negated: bool = False,
             hedged: bool = False, offset: int = 0) -> Evidence:
    """Evidence whose subject/object spans are the first occurrences of ``subj``/``obj`` in the sentence."""
    s, o = sentence.index(subj), sentence.index(obj)
    return Evidence(doc, f"https://example.org/{doc}", sentence, offset, offset + len(sentence),
                    (offset + s, offset + s + len(subj)), (offset + o, offset + o + len(obj)),
                    "rules", "test-rule", confidence, negated, hedged)


def small_graph() -> KnowledgeGraph:
    """8 concepts of 6 types, 10 claims of 8 predicates (one negated, one hedged)."""
    g = KnowledgeGraph()
    g.add_document(Document("d1", "", title="BTK in ALS", source="https://example.org/btk"))
    g.add_document(Document("d2", "", title="Riluzole review", metadata={"pmid": "123"}))
    for surface, c in (("BTK", BTK), ("ALS", ALS), ("microglia", MICROGLIA)):
        g.add_concept(c, surface, "d1")
    claims = [
        (TOLEBRUTINIB, "inhibits", BTK,
         evidence("d1", "Tolebrutinib inhibits BTK in microglia.", "Tolebrutinib", "BTK", 0.9, offset=100)),
        (BTK, "upregulated_in", ALS, evidence("d1", "BTK is upregulated in ALS spinal cord.", "BTK", "ALS", 0.7)),
        (BTK, "activates", MICROGLIA, evidence("d1", "BTK activates microglia.", "BTK", "microglia", 0.6)),
        (RILUZOLE, "treats", ALS, evidence("d2", "Riluzole treats ALS.", "Riluzole", "ALS", 0.95)),
        (RILUZOLE, "tested_in", SOD1_MOUSE,
         evidence("d2", "Riluzole was tested in the SOD1 mouse.", "Riluzole", "SOD1 mouse", 0.8)),
        (NFL, "biomarker_for", ALS, evidence("d2", "NfL is a biomarker for ALS.", "NfL", "ALS", 0.85)),
        (TOLEBRUTINIB, "treats", ALS,
         evidence("d2", "Tolebrutinib did not treat ALS.", "Tolebrutinib", "ALS", 0.7, negated=True)),
        (BTK, "associated_with", ALS,
         evidence("d1", "BTK may be associated with ALS.", "BTK", "ALS", 0.4, hedged=True)),
        (BTK, "inhibits", INFLAMMATION,
         evidence("d1", "Blocking BTK reduced the inflammatory response.", "BTK", "inflammatory response", 0.5)),
        (SOD1_MOUSE, "model_of", ALS, evidence("d2", "The SOD1 mouse is a model of ALS.", "SOD1 mouse", "ALS", 0.9)),
    ]
    for s, p, o, ev in claims:
        g.add_relation(Relation(s, p, o, ev))
    return g


def synthetic_graph(n_nodes: int, n_edges: int, seed: int = 7) -> KnowledgeGraph:
    """A random graph of every schema type and predicate (deterministic for a seed)."""
    from kg.schema import load_schema

    schema = load_schema()
    rng = random.Random(seed)
    types = list(schema.types)
    preds = list(schema.predicates)
    concepts = [Concept(f"TEST:{i:06d}", types[i % len(types)], f"concept {i}", synonyms=(f"syn{i}",))
                for i in range(n_nodes)]
    g = KnowledgeGraph()
    for doc in range(20):
        g.add_document(Document(f"doc{doc}", "", title=f"Synthetic article {doc}"))
    seen: set[tuple[int, str, int]] = set()
    while len(seen) < n_edges:
        # preferential: a few hubs, many leaves, like real literature graphs
        a = int(rng.paretovariate(1.2)) % n_nodes if rng.random() < 0.5 else rng.randrange(n_nodes)
        b = rng.randrange(n_nodes)
        p = rng.choice(preds)
        if a == b or (a, p, b) in seen:
            continue
        seen.add((a, p, b))
        s, o = concepts[a], concepts[b]
        sentence = f"{s.label} {p.replace('_', ' ')} {o.label} in this synthetic sentence."
        ev = evidence(f"doc{rng.randrange(20)}", sentence, s.label, o.label, round(rng.uniform(0.3, 0.99), 2))
        g.add_relation(Relation(s, p, o, ev))
    for c in concepts:  # isolated concepts stay in the graph
        g.add_concept(c)
    return g


# -- browser -------------------------------------------------------------------------


@dataclass
class PageLog:
    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def outside(self) -> list[str]:
        """Requests for anything but the page file itself (data: URLs are inline, not requests out)."""
        return [u for u in self.requests if u != self.url and not u.startswith("data:")]


def launch_chromium():
    """Yield a headless Debian Chromium (for a module-scoped fixture); skip when it is not installed."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_page(browser, path: Path, width: int = 1400, height: int = 900, timeout_ms: int = 30000):
    """Open ``path`` and wait until the page's layout has settled (``window.kgReady``)."""
    page = browser.new_page(viewport={"width": width, "height": height})
    log = PageLog(url=path.resolve().as_uri())
    page.on("request", lambda r: log.requests.append(r.url))
    page.on("console", lambda m: m.type == "error" and log.errors.append(m.text))
    page.on("pageerror", lambda e: log.errors.append(f"pageerror: {e}"))

    def on_dialog(d) -> None:
        log.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", on_dialog)
    page.goto(log.url)
    # (wait_for_function would eval a string, which the page's CSP rightly refuses)
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=timeout_ms)
    return page, log


_POINT_JS = """
([kind, id]) => {
  const canvas = document.querySelector('#kg-network canvas');
  const r = canvas.getBoundingClientRect();
  const toPage = (p) => { const d = network.canvasToDOM(p); return {x: d.x + r.left, y: d.y + r.top, dom: d}; };
  if (kind === 'node') {
    return toPage(network.getPositions([id])[id]);
  }
  const edge = network.body.edges[id];
  for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
    const p = toPage(edge.edgeType.getPoint(t));
    if (network.getNodeAt(p.dom) === undefined && network.getEdgeAt(p.dom) === id) return p;
  }
  return null;
}
"""


def point_of(page, kind: str, id_: str) -> tuple[float, float]:
    """Page coordinates where a real mouse click hits the node or edge ``id_``."""
    p = page.evaluate(_POINT_JS, [kind, id_])
    assert p is not None, f"no clickable point on {kind} {id_}"
    return p["x"], p["y"]


def assert_clean(log) -> None:
    assert log.errors == [], log.errors
    assert log.outside() == [], log.outside()
    assert log.requests == [log.url]
    assert log.dialogs == []


def poke_everything(page) -> None:
    """Search, hover, click every node and edge so every piece of text gets rendered."""
    page.locator("#kg-search").click()
    page.keyboard.type("<img")
    page.wait_for_timeout(50)
    page.keyboard.press("Escape")
    for nid in page.evaluate("kgView.nodeView.getIds()"):
        x, y = point_of(page, "node", nid)
        page.mouse.move(x, y)
        page.wait_for_timeout(300)  # the tooltip (delay 250 ms)
        page.mouse.click(x, y)
    for eid in page.evaluate("kgView.edgeView.getIds()"):
        page.evaluate("(eid) => kgView.selectEdge(eid)", eid)


def assert_nothing_ran(page, log) -> None:
    assert page.evaluate("window.__pwned") is None
    assert log.dialogs == []
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed, svg image').length") == 0
    assert page.evaluate("document.scripts.length") == 3
    hrefs = page.evaluate("Array.from(document.querySelectorAll('[href]'), a => a.tagName + ' ' + a.getAttribute('href'))")
    assert hrefs[0] == "LINK data:,"  # the inline favicon
    assert all(h.startswith(("A https://", "A http://")) for h in hrefs[1:]), hrefs
    handlers = page.evaluate(
        "Array.from(document.querySelectorAll('*')).flatMap(e => Array.from(e.attributes))"
        ".filter(a => a.name.startsWith('on')).map(a => a.name)")
    assert handlers == []
    assert_clean(log)
