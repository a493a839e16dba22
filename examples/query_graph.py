#!/usr/bin/env python
"""Query a graph from Python: build it (or load a graph file), then ask SPARQL questions with bindings.

    python examples/query_graph.py                 # builds the graph of seeds/
    python examples/query_graph.py graph.ttl       # or queries a graph written by ``kg build``

Values reach the query as bindings, never as text pasted into it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import URIRef

import kg
from kg.query import GraphStore

HERE = Path(__file__).resolve().parent
ALS = URIRef("http://purl.obolibrary.org/obo/MONDO_0004976")

# Every claim is an rdf:Statement with its evidence records: belief, sentence, article.
EVIDENCE = """
SELECT DISTINCT ?drugLabel ?disease ?belief ?sentence WHERE {
  ?drug kgs:treats ?disease ; rdfs:label ?drugLabel .
  ?claim rdf:subject ?drug ; rdf:predicate kgs:treats ; rdf:object ?disease ;
         kgs:belief ?belief ; kgs:evidence ?e .
  ?e kgs:sentence ?sentence ; kgs:negated false .
} ORDER BY DESC(?belief) ?drugLabel
"""


def main(argv: list[str]) -> int:
    if argv:
        store = GraphStore.open(argv[0])                 # a .ttl/.nt/.nq/.jsonld file or a store directory
    else:
        store = GraphStore.open(kg.build([HERE.parent / "seeds"]))
    print("What treats ALS, and which sentence says so?")
    for row in store.query(EVIDENCE, bindings={"disease": ALS}):
        print(f"  {row['drugLabel'].value:<28} belief {float(row['belief'].value):.2f}  {row['sentence'].value[:70]}")
    # the example queries of examples/queries/ run the same way, with their '#+ bind:' defaults
    from kg.query.expect import load_examples

    for ex in load_examples(HERE / "queries"):
        if ex.name == "what_inhibits":
            print(ex.question or "What inhibits BTK?")
            for row in store.query(ex.query, ex.bindings):
                print(f"  {row['inhibitorLabel'].value} ({int(row['evidence'].value)} sentences)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
