"""Benchmark: how fast the HTML view of a large graph renders and becomes interactive.

Builds a synthetic 5,000-concept / 20,000-claim KnowledgeGraph, writes the page
with ``kg.html.write_html``, opens it from a file:// URL in headless Chromium
(Debian's /usr/bin/chromium through Playwright) and measures:

* write   — Python time to build the page (pyvis data + template);
* ready   — from navigation start until the layout has stabilised, the physics
            is stopped and the page is usable (``window.kgReadyMs``);
* click   — a real mouse click on the biggest node until its details show;
* redraw  — one full canvas redraw (what panning and zooming cost).

Two configurations: the default page (opens showing the 5,000 most believed
claims, the slider brings back the rest) and the page with every claim shown
(``max_edges=20000``).  A 500 / 2,000 graph is the baseline; ratios are
against it, measured in the same run.

    python benchmarks/bench_html.py [--nodes 5000] [--edges 20000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from kg.graph import KnowledgeGraph
from kg.html import write_html
from kg.model import Concept, Document, Evidence, Relation
from kg.schema import load_schema

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def synthetic_graph(n_nodes: int, n_edges: int, seed: int = 1) -> KnowledgeGraph:
    schema = load_schema()
    rng = random.Random(seed)
    types, preds = list(schema.types), list(schema.predicates)
    concepts = [Concept(f"TEST:{i:06d}", types[i % len(types)], f"concept {i}", synonyms=(f"syn{i}",))
                for i in range(n_nodes)]
    g = KnowledgeGraph()
    for d in range(50):
        g.add_document(Document(f"doc{d}", "", title=f"Synthetic article {d}"))
    seen: set[tuple[int, str, int]] = set()
    while len(seen) < n_edges:
        a = int(rng.paretovariate(1.1)) % n_nodes if rng.random() < 0.4 else rng.randrange(n_nodes)
        b = rng.randrange(n_nodes)
        p = rng.choice(preds)
        if a == b or (a, p, b) in seen:
            continue
        seen.add((a, p, b))
        s, o = concepts[a], concepts[b]
        text = f"{s.label} {p.replace('_', ' ')} {o.label} in a synthetic sentence."
        ev = Evidence(f"doc{rng.randrange(50)}", "", text, 0, len(text), (0, len(s.label)),
                      (len(text) - len(o.label) - 22, len(text) - 22), "bench", "bench", round(rng.uniform(0.3, 0.99), 2))
        g.add_relation(Relation(s, p, o, ev))
    for c in concepts:
        g.add_concept(c)
    return g


def measure(browser, path: Path) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    url = path.resolve().as_uri()
    page.on("request", lambda r: r.url != url and outside.append(r.url))
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=120_000)
    wall_ready = time.perf_counter() - t0
    ready_ms = page.evaluate("window.kgReadyMs")
    counts = page.evaluate("[network.body.nodeIndices.length, network.body.edgeIndices.length]")
    nid = page.evaluate("""() => { const d = kgView.data.nodeInfo; let best = null;
        for (const id of kgView.nodeView.getIds()) if (!best || d[id].degree > d[best].degree) best = id; return best; }""")
    box = page.evaluate("""(id) => { const r = document.querySelector('#kg-network canvas').getBoundingClientRect();
        const p = network.canvasToDOM(network.getPositions([id])[id]); return [p.x + r.left, p.y + r.top]; }""", nid)
    label = page.evaluate("(id) => kgView.data.nodeInfo[id].label", nid)
    t1 = time.perf_counter()
    page.mouse.click(*box)
    page.locator("#kg-details h2", has_text=label).wait_for(timeout=10_000)
    click_s = time.perf_counter() - t1
    redraw_ms = page.evaluate("""() => { const t = performance.now();
        for (let i = 0; i < 5; i++) network.redraw(); return (performance.now() - t) / 5; }""")
    page.close()
    return {"ready_s": ready_ms / 1000, "wall_s": wall_ready, "click_s": click_s, "redraw_ms": redraw_ms,
            "nodes": counts[0], "edges": counts[1], "errors": len(errors), "outside": len(outside)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--edges", type=int, default=20000)
    ap.add_argument("--keep", type=Path, default=None, help="write the pages here instead of a temporary folder")
    args = ap.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found: apt-get install chromium", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    out = args.keep or Path(tempfile.mkdtemp(prefix="bench_html_"))
    out.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    base_graph = synthetic_graph(args.nodes // 10, args.edges // 10)
    big = synthetic_graph(args.nodes, args.edges)
    print(f"synthetic graphs built in {time.perf_counter() - t:.1f} s")
    cases = [
        ("baseline", base_graph, {}),
        ("default", big, {}),
        ("all edges", big, {"max_edges": args.edges}),
    ]
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, graph, opts in cases:
            path = out / f"{name.replace(' ', '_')}.html"
            t = time.perf_counter()
            write_html(graph, path, **opts)
            write_s = time.perf_counter() - t
            r = measure(browser, path)
            r.update(name=name, write_s=write_s, mb=path.stat().st_size / 1e6,
                     total=len(graph), total_edges=graph.graph.number_of_edges())
            rows.append(r)
        browser.close()
    base = rows[0]
    print(f"{'case':<10} {'graph':>13} {'shown':>13} {'MB':>5} {'write s':>8} {'ready s':>8} {'click s':>8} "
          f"{'redraw ms':>9} {'ready x':>8} {'errors':>6} {'requests out':>12}")
    for r in rows:
        print(f"{r['name']:<10} {r['total']:>5}/{r['total_edges']:<7} {r['nodes']:>5}/{r['edges']:<7} {r['mb']:>5.1f} "
              f"{r['write_s']:>8.2f} {r['ready_s']:>8.2f} {r['click_s']:>8.2f} {r['redraw_ms']:>9.1f} "
              f"{r['ready_s'] / base['ready_s']:>8.1f} {r['errors']:>6} {r['outside']:>12}")
    worst = max(r["ready_s"] + r["click_s"] for r in rows[1:])
    print(f"{args.nodes:,} nodes / {args.edges:,} edges: rendered and interactive in at most {worst:.2f} s "
          f"(goal < 10 s) -> {'OK' if worst < 10 else 'TOO SLOW'}")
    return 0 if worst < 10 and all(r["errors"] == 0 and r["outside"] == 0 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
