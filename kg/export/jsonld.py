"""JSON-LD with the project's context (``ontology/context.jsonld``), embedded in the output.

The document is ``{"@context": {...}, "@graph": [...]}``: one object per
subject (concept, document, claim, evidence record), with short keys
(``label``, ``altLabel``, ``treats``, ``belief``, ``sentence``...).  The context
is embedded rather than referenced so that any JSON-LD processor reads the
file without fetching anything.  Objects are sorted by ``@id`` and values
within a key sorted, so the output is deterministic.

>>> import json
>>> from kg.export.demo import demo_graph
>>> doc = json.loads(jsonld_text(demo_graph()))
>>> sorted(doc)
['@context', '@graph']
>>> [n["label"] for n in doc["@graph"] if n.get("identifier") == "HGNC:1133"]
['BTK']
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import atomic_write

if TYPE_CHECKING:  # pragma: no cover
    from ..graph import KnowledgeGraph

__all__ = ["context", "jsonld_text", "write_jsonld"]


def context() -> dict[str, Any]:
    """The JSON-LD context: ``ontology/context.jsonld`` if present, else generated from the schema."""
    from ..schema import ontology_dir

    path = ontology_dir() / "context.jsonld"
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    from .ontology import jsonld_context

    return jsonld_context()


def _sort_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _normalise(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _normalise(v) for k, v in node.items()}
    if isinstance(node, list):
        return sorted((_normalise(v) for v in node), key=_sort_key)
    return node


def jsonld_text(graph: KnowledgeGraph, min_belief: float = 0.0) -> str:
    """The graph as a compacted JSON-LD document (text)."""
    ctx = context()
    g = graph.to_rdf(min_belief=min_belief)
    data = json.loads(g.serialize(format="json-ld", context=ctx["@context"], auto_compact=True))
    nodes = data.get("@graph", [data] if "@id" in data else [])
    nodes = sorted((_normalise({k: v for k, v in n.items() if k != "@context"}) for n in nodes),
                   key=lambda n: (n.get("@id", ""), _sort_key(n)))
    return json.dumps({"@context": ctx["@context"], "@graph": nodes}, indent=1, ensure_ascii=False,
                      sort_keys=True) + "\n"


def write_jsonld(graph: KnowledgeGraph, path: Path, min_belief: float = 0.0) -> None:
    """Write the graph as JSON-LD (atomically)."""
    text = jsonld_text(graph, min_belief=min_belief)
    with atomic_write(path) as fh:
        fh.write(text)
