"""KGX TSV: ``nodes.tsv`` and ``edges.tsv`` with Biolink categories and predicates.

The output path is a directory (by convention ``NAME.kgx``) holding the two
files, the format the Biolink KGX tool, the Translator ingest pipelines and
Neo4j/Kùzu importers read.  Multi-valued fields are joined with ``|``; tabs,
newlines and ``|`` inside values are replaced by spaces.

* ``nodes.tsv``: ``id`` (the CURIE, or ``ALSKG:{Type}/{slug}`` for an
  ungrounded concept), ``category`` (the Biolink class of the node type),
  ``name``, ``synonym``, ``xref``, ``provided_by``, ``kgs_type``.
* ``edges.tsv``: ``id``, ``subject``, ``predicate`` (the Biolink predicate the
  project predicate maps to), ``object``, ``original_predicate`` (``kgs:...``),
  ``object_direction_qualifier`` (``decreased`` for inhibits, ``increased`` for
  activates), ``negated``, ``knowledge_level``, ``agent_type``,
  ``primary_knowledge_source``, ``publications``, ``has_evidence_count``,
  ``belief``, ``supporting_text``.

>>> from kg.export.demo import demo_graph
>>> nodes, edges = kgx_rows(demo_graph())
>>> [n["category"] for n in nodes if n["id"] == "HGNC:1133"]
['biolink:Gene']
>>> [(e["predicate"], e["object_direction_qualifier"]) for e in edges
...  if e["subject"] == "DRUGBANK:DB08908" and e["object"] == "HGNC:6018"]
[('biolink:affects', 'decreased')]
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import atomic_write

if TYPE_CHECKING:  # pragma: no cover
    from ..graph import KnowledgeGraph
    from ..model import Concept

__all__ = ["NODE_COLUMNS", "EDGE_COLUMNS", "kgx_rows", "write_kgx", "kgx_id"]

NODE_COLUMNS = ("id", "category", "name", "synonym", "xref", "provided_by", "kgs_type")
EDGE_COLUMNS = (
    "id", "subject", "predicate", "object", "original_predicate", "object_direction_qualifier", "negated",
    "knowledge_level", "agent_type", "primary_knowledge_source", "publications", "has_evidence_count", "belief",
    "supporting_text",
)
SOURCE = "infores:als-kg"
_DIRECTION = {"inhibits": "decreased", "activates": "increased"}


def kgx_id(concept: Concept) -> str:
    """A node's KGX id: its CURIE, else ``ALSKG:{Type}/{slug}``.

    >>> from kg.model import Concept
    >>> kgx_id(Concept(None, "Drug", "BTK inhibitor"))
    'ALSKG:Drug/btk-inhibitor'
    """
    return concept.curie or f"ALSKG:{concept.key}"


def _cell(value: str) -> str:
    return " ".join(value.replace("|", " ").split())


def _multi(values) -> str:
    return "|".join(sorted({_cell(v) for v in values if v}))


def _publication(doc_id: str, graph: KnowledgeGraph) -> str:
    doc = graph.documents.get(doc_id)
    meta = doc.metadata if doc else {}
    if meta.get("pmid"):
        return f"PMID:{meta['pmid']}"
    if meta.get("doi"):
        return f"doi:{meta['doi']}"
    if meta.get("pmcid"):
        return f"PMC:{meta['pmcid'].removeprefix('PMC')}"
    if doc is not None:
        from .rdf import document_iri

        return str(document_iri(doc))
    return doc_id


def kgx_rows(graph: KnowledgeGraph, min_belief: float = 0.0) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Node and edge rows (column -> cell text), sorted by id."""
    from ..model import stable_hash
    from ..schema import load_schema

    schema = load_schema()
    nodes = []
    for n in graph.nodes():
        c = n.concept
        t = schema.types.get(c.type)
        nodes.append({
            "id": kgx_id(c),
            "category": t.biolink if t else "biolink:NamedThing",
            "name": _cell(c.label),
            "synonym": _multi(set(c.synonyms) | set(n.surface_forms) - {c.label}),
            "xref": _multi(c.xrefs),
            "provided_by": SOURCE,
            "kgs_type": c.type,
        })
    edges = []
    for e in graph.edges():
        if e.asserted and e.belief < min_belief:
            continue
        p = schema.predicates.get(e.predicate)
        edges.append({
            "id": "ALSKG:statement/" + stable_hash(e.subject.key, e.predicate, e.object.key),
            "subject": kgx_id(e.subject),
            "predicate": p.biolink if p else "biolink:related_to",
            "object": kgx_id(e.object),
            "original_predicate": f"kgs:{e.predicate}",
            "object_direction_qualifier": _DIRECTION.get(e.predicate, ""),
            "negated": "false" if e.asserted else "true",
            "knowledge_level": "knowledge_assertion",
            "agent_type": "text_mining_agent",
            "primary_knowledge_source": SOURCE,
            "publications": _multi(_publication(d, graph) for d in e.documents),
            "has_evidence_count": str(len(e.evidence)),
            "belief": f"{e.belief:g}",
            "supporting_text": _multi(ev.sentence for ev in e.evidence),
        })
    nodes.sort(key=lambda r: r["id"])
    edges.sort(key=lambda r: r["id"])
    return nodes, edges


def _tsv(rows: list[dict[str, str]], columns: tuple[str, ...]) -> str:
    lines = ["\t".join(columns)]
    lines += ["\t".join(r[c] for c in columns) for r in rows]
    return "\n".join(lines) + "\n"


def write_kgx(graph: KnowledgeGraph, path: Path, min_belief: float = 0.0) -> None:
    """Write ``path/nodes.tsv`` and ``path/edges.tsv`` (each atomically)."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise ValueError(f"{path} is a file; KGX output is a directory holding nodes.tsv and edges.tsv")
    nodes, edges = kgx_rows(graph, min_belief=min_belief)
    with atomic_write(path / "nodes.tsv") as fh:
        fh.write(_tsv(nodes, NODE_COLUMNS))
    with atomic_write(path / "edges.tsv") as fh:
        fh.write(_tsv(edges, EDGE_COLUMNS))
