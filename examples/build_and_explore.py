#!/usr/bin/env python
"""Build the seeds graph from Python and explore it without SPARQL.

    python examples/build_and_explore.py            # the seed articles
    python examples/build_and_explore.py my/folder  # any files, folders or globs

Prints which drugs were tested in which model systems (with the sentence that says so),
the best-supported claims, and the most connected concepts (networkx degree).
"""

from __future__ import annotations

import sys
from pathlib import Path

import kg

HERE = Path(__file__).resolve().parent


def main(inputs: list[str]) -> None:
    g = kg.build(inputs or [str(HERE.parent / "seeds")])
    s = g.stats()
    print(f"{s['documents']} documents, {s['nodes']} concepts, {s['edges']} relations")

    print("\nDrugs tested in model systems:")
    for e in g.relations("tested_in"):
        if e.object.type == "ModelSystem":
            ev = e.evidence[0]
            print(f"  {e.subject.label} -> {e.object.label}  (belief {e.belief:.2f}, {ev.doc_id})")
            print(f"      \"{ev.sentence[:110]}\"")

    print("\nBest-supported claims:")
    for e in sorted(g.relations(), key=lambda e: (-e.belief, e.subject.label))[:8]:
        print(f"  {e.belief:.2f}  {e.subject.label} {e.predicate} {e.object.label}  "
              f"[{len(e.evidence)} sentences, {len(e.documents)} documents]")

    nx_graph = g.to_networkx()
    print("\nMost connected concepts:")
    for key, degree in sorted(nx_graph.degree(), key=lambda kv: (-kv[1], kv[0]))[:8]:
        node = nx_graph.nodes[key]
        print(f"  {degree:3d}  {node['label']} ({node['type']}, {node['curie'] or 'local'})")


if __name__ == "__main__":
    main(sys.argv[1:])
