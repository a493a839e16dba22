"""The assembled knowledge graph: one node per concept, one edge per claim.

Backed by a networkx ``MultiDiGraph`` whose nodes are concept keys and whose
edges are keyed by predicate.  Each edge keeps every :class:`Evidence` that
supports or negates the claim and a belief score combining them.

>>> from kg.model import Concept, Evidence, Relation
>>> g = KnowledgeGraph()
>>> drug = Concept("DRUGBANK:DB00740", "Drug", "riluzole")
>>> als = Concept("MONDO:0004976", "Disease", "amyotrophic lateral sclerosis")
>>> ev = Evidence("d1", "urn:d1", "Riluzole treats ALS.", 0, 20, (0, 8), (16, 19), "rules", "treats", 0.8)
>>> g.add_relation(Relation(drug, "treats", als, ev))
>>> [(e.subject.label, e.predicate, e.object.label) for e in g.relations()]
[('riluzole', 'treats', 'amyotrophic lateral sclerosis')]
>>> g.edge("DRUGBANK:DB00740", "treats", "MONDO:0004976").belief
0.8
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import networkx as nx

from .model import Concept, Document, Evidence, Mention, Relation

if TYPE_CHECKING:  # pragma: no cover
    import rdflib

__all__ = ["KnowledgeGraph", "Node", "Edge", "belief"]


def belief(evidence: Iterable[Evidence]) -> float:
    """Belief in a claim from its evidence, in [0, 1].

    Sentences of one document are not independent: a document contributes its
    best sentence plus a damped share of the others.  Documents combine as
    independent sources (noisy-or).  Negating evidence lowers the belief.

    >>> from kg.model import Evidence
    >>> e = lambda doc, c, neg=False: Evidence(doc, "", "", 0, 1, (0, 1), (0, 1), "x", "r", c, neg)
    >>> belief([e("a", 0.6)])
    0.6
    >>> belief([e("a", 0.6), e("b", 0.6)]) > belief([e("a", 0.6), e("a", 0.6)]) > 0.6
    True
    >>> belief([e("a", 0.6), e("b", 0.9, True)]) < 0.6
    True
    """
    by_doc: dict[str, list[float]] = {}
    negating: list[float] = []
    for ev in evidence:
        if ev.negated:
            negating.append(ev.confidence)
        else:
            by_doc.setdefault(ev.doc_id, []).append(ev.confidence)
    disbelief = 1.0
    for confs in by_doc.values():
        confs.sort(reverse=True)
        p = confs[0]
        rest = 1.0
        for c in confs[1:]:
            rest *= 1.0 - 0.25 * c
        p = p + (1.0 - p) * (1.0 - rest)
        disbelief *= 1.0 - p
    b = 1.0 - disbelief
    for c in negating:
        b *= 1.0 - 0.5 * c
    return round(b, 4)


@dataclass(frozen=True, slots=True)
class Node:
    """A concept as it stands in the graph, with what the texts called it."""

    concept: Concept
    surface_forms: tuple[str, ...]
    documents: tuple[str, ...]
    mentions: int

    @property
    def key(self) -> str:
        return self.concept.key


@dataclass(frozen=True, slots=True)
class Edge:
    """One claim with all its evidence."""

    subject: Concept
    predicate: str
    object: Concept
    evidence: tuple[Evidence, ...]
    belief: float

    @property
    def asserted(self) -> bool:
        """True when at least one evidence states the claim without negation."""
        return any(not e.negated for e in self.evidence)

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(sorted({e.doc_id for e in self.evidence}))


def _belief_of(data: dict) -> float:
    """An edge's belief, computed from its evidence on first read after a change."""
    if data["belief"] is None:
        data["belief"] = belief(data["evidence"])
    return data["belief"]


def _merge_concepts(a: Concept, b: Concept) -> Concept:
    if a == b:
        return a
    syn = tuple(sorted(set(a.synonyms) | set(b.synonyms) - {a.label}))
    xrefs = tuple(sorted(set(a.xrefs) | set(b.xrefs)))
    return replace(a, synonyms=syn, xrefs=xrefs)


@dataclass
class KnowledgeGraph:
    """Concepts, claims and their evidence, with a small typed API."""

    graph: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)
    documents: dict[str, Document] = field(default_factory=dict)

    # -- building -----------------------------------------------------------------
    def add_document(self, doc: Document) -> None:
        # keep the text out of the graph: only what the exporters need
        self.documents[doc.id] = replace(doc, text="", sections=())

    def add_concept(self, concept: Concept, surface: str | None = None, doc_id: str | None = None) -> None:
        g = self.graph
        key = concept.key
        if key in g:
            data = g.nodes[key]
            data["concept"] = _merge_concepts(data["concept"], concept)
        else:
            g.add_node(key, concept=concept, surface=set(), docs=set(), mentions=0)
            data = g.nodes[key]
        if surface:
            data["surface"].add(surface)
            data["mentions"] += 1
        if doc_id:
            data["docs"].add(doc_id)

    def add_mention(self, mention: Mention) -> None:
        self.add_concept(mention.concept, mention.text, mention.doc_id)

    def add_relation(self, relation: Relation) -> None:
        s, o = relation.subject, relation.object
        self.add_concept(s)
        self.add_concept(o)
        g = self.graph
        p = relation.predicate
        ev = relation.evidence
        k = ev.key
        if g.has_edge(s.key, o.key, key=p):
            data = g.edges[s.key, o.key, p]
            if k not in data["keys"]:
                data["keys"].add(k)
                data["evidence"].append(ev)
                data["belief"] = None  # recomputed when read
        else:
            g.add_edge(s.key, o.key, key=p, evidence=[ev], keys={k}, belief=None)

    def update(self, other: KnowledgeGraph) -> None:
        """Merge another graph into this one (same concept → one node, same claim → one edge)."""
        for doc in other.documents.values():
            self.documents[doc.id] = doc
        for key, data in other.graph.nodes(data=True):
            self.add_concept(data["concept"])
            mine = self.graph.nodes[key]
            mine["surface"] |= data["surface"]
            mine["docs"] |= data["docs"]
            mine["mentions"] += data["mentions"]
        for s, o, p, data in other.graph.edges(keys=True, data=True):
            for ev in data["evidence"]:
                self.add_relation(Relation(other.graph.nodes[s]["concept"], p, other.graph.nodes[o]["concept"], ev))

    # -- reading ------------------------------------------------------------------
    def __len__(self) -> int:
        return self.graph.number_of_nodes()

    def _node(self, key: str) -> Node:
        d = self.graph.nodes[key]
        return Node(d["concept"], tuple(sorted(d["surface"])), tuple(sorted(d["docs"])), d["mentions"])

    def node(self, key: str) -> Node:
        """The node of a concept key (a CURIE or ``Type/slug``)."""
        return self._node(key)

    def nodes(self, type: str | None = None) -> list[Node]:
        """Nodes, optionally of one type (``"Gene"``, ``"Drug"``...), sorted by key."""
        keys = sorted(self.graph.nodes)
        return [self._node(k) for k in keys if type is None or self.graph.nodes[k]["concept"].type == type]

    def edge(self, subject: str, predicate: str, object: str) -> Edge:
        d = self.graph.edges[subject, object, predicate]
        return Edge(self.graph.nodes[subject]["concept"], predicate, self.graph.nodes[object]["concept"],
                    tuple(sorted(d["evidence"], key=_evidence_order)), _belief_of(d))

    def edges(self) -> Iterator[Edge]:
        for s, o, p in sorted(self.graph.edges(keys=True)):
            yield self.edge(s, p, o)

    def relations(self, predicate: str | None = None, min_belief: float = 0.0,
                  include_negated: bool = False) -> list[Edge]:
        """Claims, optionally of one predicate, above a belief threshold.

        Claims whose every evidence is negated are left out unless asked for.
        """
        out = []
        for e in self.edges():
            if predicate and e.predicate != predicate:
                continue
            if not include_negated and not e.asserted:
                continue
            if e.belief < min_belief and e.asserted:
                continue
            out.append(e)
        return out

    def evidence(self, subject: str, predicate: str, object: str) -> tuple[Evidence, ...]:
        return self.edge(subject, predicate, object).evidence

    def filter(self, min_belief: float = 0.0) -> KnowledgeGraph:
        """A copy without the asserted claims whose belief is below ``min_belief``."""
        out = KnowledgeGraph(documents=dict(self.documents))
        out.graph = self.graph.copy()
        drop = [(s, o, p) for s, o, p, d in out.graph.edges(keys=True, data=True)
                if _belief_of(d) < min_belief and any(not e.negated for e in d["evidence"])]
        out.graph.remove_edges_from(drop)
        return out

    def stats(self) -> dict[str, Any]:
        by_type: dict[str, int] = {}
        for _, d in self.graph.nodes(data=True):
            by_type[d["concept"].type] = by_type.get(d["concept"].type, 0) + 1
        by_pred: dict[str, int] = {}
        evidence = 0
        negated = 0
        for _, _, p, d in self.graph.edges(keys=True, data=True):
            by_pred[p] = by_pred.get(p, 0) + 1
            evidence += len(d["evidence"])
            negated += not any(not e.negated for e in d["evidence"])
        return {
            "documents": len(self.documents),
            "nodes": self.graph.number_of_nodes(),
            "edges": self.graph.number_of_edges(),
            "evidence": evidence,
            "negated_claims": negated,
            "nodes_by_type": dict(sorted(by_type.items())),
            "edges_by_predicate": dict(sorted(by_pred.items())),
        }

    # -- conversion -----------------------------------------------------------------
    def to_networkx(self) -> nx.MultiDiGraph:
        """A plain networkx copy: node and edge attributes are simple values."""
        out = nx.MultiDiGraph()
        for n in self.nodes():
            c = n.concept
            out.add_node(n.key, type=c.type, label=c.label, curie=c.curie or "", synonyms=list(c.synonyms),
                         xrefs=list(c.xrefs), surface_forms=list(n.surface_forms), documents=list(n.documents),
                         mentions=n.mentions)
        for e in self.edges():
            out.add_edge(e.subject.key, e.object.key, key=e.predicate, predicate=e.predicate, belief=e.belief,
                         asserted=e.asserted, evidence=[
                             {"document": ev.doc_id, "sentence": ev.sentence, "start": ev.start, "end": ev.end,
                              "rule": ev.rule, "confidence": ev.confidence, "negated": ev.negated,
                              "hedged": ev.hedged} for ev in e.evidence])
        return out

    def to_rdf(self, min_belief: float = 0.0) -> rdflib.Graph:
        """The graph as an rdflib Graph in the project's RDF shape (see README)."""
        from .export.rdf import to_rdflib

        return to_rdflib(self, min_belief=min_belief)

    def serialize(self, path: str, format: str | None = None, **options: Any) -> None:
        """Write the graph to ``path``; the format comes from the suffix unless given."""
        from .export import write

        write(self, path, format=format, **options)


def _evidence_order(e: Evidence) -> tuple:
    return (e.doc_id, e.start, e.subject_span, e.object_span, e.rule, e.negated)
