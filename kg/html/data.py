"""The data the HTML view embeds: vis-network nodes and edges (built with pyvis),
the details shown on click, the legend and the default view.

Everything here is plain JSON-able data; the page renders every string with
``textContent``, so nothing in it is ever parsed as HTML.  Links are included
only after :mod:`kg.html.links` has checked them.

>>> from kg.model import Concept, Evidence, Relation
>>> from kg.graph import KnowledgeGraph
>>> g = KnowledgeGraph()
>>> ev = Evidence("d1", "urn:d1", "Ibrutinib inhibits BTK.", 0, 23, (0, 9), (19, 22), "rules", "inhibits", 0.8)
>>> g.add_relation(Relation(Concept("DRUGBANK:DB09053", "Drug", "ibrutinib"), "inhibits",
...                         Concept("HGNC:1133", "Gene", "BTK"), ev))
>>> p = build_payload(g)
>>> [n["label"] for n in p["nodes"]], p["edges"][0]["label"]
(['ibrutinib', 'BTK'], 'inhibits')
>>> p["edgeInfo"]["e0"]["evidence"][0]["segments"]
[['Ibrutinib', 's'], [' inhibits ', ''], ['BTK', 'o'], ['.', '']]
"""

from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from ..graph import Edge, KnowledgeGraph, Node
from ..iri import curie_to_iri, local_iri
from ..model import Evidence
from ..schema import load_schema
from .layout import clustered_layout
from .links import document_url, resolver_url, safe_url
from .style import Style, predicate_styles, type_styles

__all__ = ["ViewOptions", "build_payload", "segments"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ViewOptions:
    """Knobs of the HTML view (``write_html(..., **options)``).

    ``max_edges``: above this many claims the page opens with the minimum
    belief raised until at most this many show (the slider brings the rest
    back). ``large_nodes``/``large_edges``: from here on the page uses the
    lighter drawing (straight edges, no edge labels, fewer layout steps).
    ``edge_labels``: draw predicate labels on edges (None: only when not large).
    ``layout_seconds``: the browser runs the force layout at most this long, then stops it
    ``cluster_nodes``: graphs with more nodes start from positions clustered by type (hubs in the
    middle), so that a short layout run is enough.
    """

    title: str = "als-kg knowledge graph"
    max_edges: int = 5000
    large_nodes: int = 1000
    large_edges: int = 2500
    edge_labels: bool | None = None
    height: str = "100%"
    layout_seconds: float = 3.0
    cluster_nodes: int = 300

    def __post_init__(self) -> None:
        if self.max_edges < 1:
            raise ValueError("max_edges must be at least 1")


def segments(ev: Evidence) -> list[list[str]]:
    """The evidence sentence cut into ``[text, mark]`` pieces.

    mark is "s" (subject), "o" (object), "so" (both: one mention inside the
    other) or "".  Spans are document offsets; a span that does not fall inside
    the sentence is not highlighted.

    >>> from kg.model import Evidence
    >>> segments(Evidence("d", "", "BTK in ALS", 100, 110, (100, 103), (107, 110), "x", "r", 1.0))
    [['BTK', 's'], [' in ', ''], ['ALS', 'o']]
    >>> segments(Evidence("d", "", "Blocking BTK helps", 0, 18, (0, 12), (9, 12), "x", "r", 1.0))
    [['Blocking ', 's'], ['BTK', 'so'], [' helps', '']]
    >>> segments(Evidence("d", "", "odd", 0, 3, (5, 9), (0, 3), "x", "r", 1.0))
    [['odd', 'o']]
    """
    text = ev.sentence
    spans = []
    for mark, (a, b) in (("s", ev.subject_span), ("o", ev.object_span)):
        a, b = a - ev.start, b - ev.start
        if 0 <= a < b <= len(text):
            spans.append((a, b, mark))
    cuts = sorted({0, len(text)} | {i for a, b, _ in spans for i in (a, b)})
    out: list[list[str]] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        mark = "".join(m for x, y, m in spans if x <= a and b <= y)
        if out and out[-1][1] == mark:
            out[-1][0] += text[a:b]
        else:
            out.append([text[a:b], mark])
    return out or [["", ""]]


def _mix(color: str, other: str, t: float) -> str:
    """Blend two ``#rrggbb`` colours (t=0: color, t=1: other)."""
    a = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b, strict=True))


def _node_color(style: Style) -> dict[str, Any]:
    c = style.color
    return {
        "background": c, "border": _mix(c, "#000000", 0.35),
        "highlight": {"background": _mix(c, "#ffffff", 0.3), "border": "#111111"},
        "hover": {"background": _mix(c, "#ffffff", 0.2), "border": "#111111"},
    }


def _edge_color(style: Style) -> dict[str, Any]:
    return {"color": style.color, "highlight": _mix(style.color, "#000000", 0.3),
            "hover": _mix(style.color, "#000000", 0.2), "opacity": 0.85}


def _names(schema_names: list[str], seen: set[str]) -> list[str]:
    """Schema order first, then names the graph uses that the schema lacks (sorted)."""
    return [n for n in schema_names if n in seen] + sorted(seen - set(schema_names))


def _default_min_belief(edges: list[Edge], cap: int) -> float:
    """The smallest belief threshold that leaves at most ``cap`` asserted claims (0.0 when all fit)."""
    beliefs = sorted((e.belief for e in edges if e.asserted), reverse=True)
    if len(beliefs) <= cap:
        return 0.0
    counts = Counter(beliefs)
    shown = 0
    threshold = beliefs[0]
    for value in sorted(counts, reverse=True):
        if shown + counts[value] > cap:
            break
        shown += counts[value]
        threshold = value
    return threshold


def _node_info(node: Node, degree: int) -> dict[str, Any]:
    c = node.concept
    synonyms = sorted((set(c.synonyms) | set(node.surface_forms)) - {c.label}, key=lambda s: (s.casefold(), s))
    iri = (curie_to_iri(c.curie) if c.curie else None) or local_iri(c.type, c.label)
    return {
        "label": c.label,
        "type": c.type,
        "curie": c.curie or "",
        "href": resolver_url(c.curie),
        "iri": iri,
        "iriHref": safe_url(iri) if c.curie else None,
        "synonyms": synonyms,
        "xrefs": [{"curie": x, "href": resolver_url(x)} for x in c.xrefs],
        "documents": list(node.documents),
        "mentions": node.mentions,
        "degree": degree,
    }


def _evidence_info(ev: Evidence) -> dict[str, Any]:
    return {
        "doc": ev.doc_id,
        "segments": segments(ev),
        "rule": ev.rule,
        "extractor": ev.extractor,
        "confidence": round(ev.confidence, 4),
        "negated": ev.negated,
        "hedged": ev.hedged,
        "section": ev.section,
    }


def build_payload(graph: KnowledgeGraph, min_belief: float = 0.0, **options: Any) -> dict[str, Any]:
    """Everything the page needs, as JSON-able data (deterministic for a given graph)."""
    from pyvis.network import Network  # heavy import (IPython): only when a page is made

    opts = ViewOptions(**options)
    if min_belief > 0:
        graph = graph.filter(min_belief)
    schema = load_schema()
    nodes = graph.nodes()
    edges = list(graph.edges())
    large = len(nodes) > opts.large_nodes or len(edges) > opts.large_edges
    edge_labels = (not large) if opts.edge_labels is None else opts.edge_labels

    type_names = _names(list(schema.types), {n.concept.type for n in nodes})
    pred_names = _names(list(schema.predicates), {e.predicate for e in edges})
    tstyle = type_styles(type_names)
    pstyle = predicate_styles(pred_names)
    plabel = {name: (schema.predicates[name].label if name in schema.predicates else name.replace("_", " "))
              for name in pred_names}
    degree: Counter[str] = Counter()
    for e in edges:
        degree[e.subject.key] += 1
        degree[e.object.key] += 1

    positions: dict[str, tuple[float, float]] = {}
    if len(nodes) > opts.cluster_nodes:  # vis' physics is slow from scratch on thousands of nodes: start clustered
        groups: dict[str, list[str]] = {t: [] for t in type_names}
        for n in sorted(nodes, key=lambda n: (-degree[n.key], n.key)):
            groups[n.concept.type].append(n.key)
        positions = clustered_layout(groups)

    net = Network(directed=True)
    node_info: dict[str, Any] = {}
    node_colors = {t: _node_color(s) for t, s in tstyle.items()}
    for n in nodes:
        c = n.concept
        d = degree[n.key]
        xy = {"x": positions[n.key][0], "y": positions[n.key][1]} if n.key in positions else {}
        net.add_node(
            n.key, label=c.label or n.key, shape=tstyle[c.type].shape, color=node_colors[c.type],
            size=round(min(12 + 5 * math.sqrt(d), 45), 2), **xy,
            title=f"{c.label} · {c.type}" + (f" · {c.curie}" if c.curie else "") + f"\n{d} relation{'s' * (d != 1)}",
        )
        node_info[n.key] = _node_info(n, d)

    edge_info: dict[str, Any] = {}
    edge_colors = {p: _edge_color(s) for p, s in pstyle.items()}
    parallel: defaultdict[frozenset[str], int] = defaultdict(int)
    for i, e in enumerate(edges):
        eid = f"e{i}"
        label = plabel[e.predicate] if e.asserted else f"not {plabel[e.predicate]}"
        extra: dict[str, Any] = {}
        if edge_labels:
            extra["label"] = label
        pair = frozenset((e.subject.key, e.object.key))
        k = parallel[pair]
        parallel[pair] += 1
        if k and not large:
            extra["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": round(0.2 * k, 2)}
        n_ev = len(e.evidence)
        net.add_edge(
            e.subject.key, e.object.key, id=eid, color=edge_colors[e.predicate],
            width=round(min(1.5 + 1.5 * math.log2(n_ev), 7), 2), dashes=not e.asserted,
            title=f"{e.subject.label} {label} {e.object.label}\nbelief {e.belief:.2f} · "
                  f"{n_ev} sentence{'s' * (n_ev != 1)}",
            **extra,
        )
        edge_info[eid] = {
            "from": e.subject.key, "to": e.object.key, "predicate": e.predicate, "label": label,
            "belief": e.belief, "asserted": e.asserted,
            "evidence": [_evidence_info(ev) for ev in e.evidence],
        }

    docs = {
        d.id: {"title": d.title or d.id, "href": document_url(d.source, d.metadata)}
        for d in sorted(graph.documents.values(), key=lambda d: d.id)
    }
    type_count = Counter(n.concept.type for n in nodes)
    pred_count = Counter(e.predicate for e in edges)
    default_belief = _default_min_belief(edges, opts.max_edges)
    log.debug("html: %d nodes, %d edges, large=%s, default min belief %.3f",
              len(nodes), len(edges), large, default_belief)
    return {
        "title": opts.title,
        "meta": {"nodes": len(nodes), "edges": len(edges), "documents": len(docs), "minBelief": min_belief},
        "types": [{"name": t, "label": schema.types[t].label if t in schema.types else t,
                   "count": type_count[t], **asdict(tstyle[t])} for t in type_names],
        "predicates": [{"name": p, "label": plabel[p], "count": pred_count[p], "color": pstyle[p].color}
                       for p in pred_names],
        "nodes": net.nodes,
        "edges": net.edges,
        "nodeInfo": node_info,
        "edgeInfo": edge_info,
        "docs": docs,
        "view": {
            "large": large, "edgeLabels": edge_labels, "maxEdges": opts.max_edges,
            "minBelief": default_belief, "capped": default_belief > 0, "showNegated": not large,
            "layoutMs": opts.layout_seconds * 1000,
        },
        "options": vis_options(large, opts, len(nodes)),
    }


def vis_options(large: bool, opts: ViewOptions, n_nodes: int = 0) -> dict[str, Any]:
    """vis-network options: physics that stabilises (then the page stops it and fits the view),
    lighter drawing when large.  vis' "improved layout" (Kamada-Kawai) only for small graphs: it is slow
    and warns beyond a hundred nodes."""
    physics: dict[str, Any]
    if large:
        physics = {
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -2500, "centralGravity": 0.3, "springLength": 90,
                          "springConstant": 0.04, "damping": 0.4, "avoidOverlap": 0},
            "stabilization": {"enabled": True, "iterations": 300, "updateInterval": 2, "fit": False},
            "minVelocity": 2, "timestep": 0.6,
        }
    else:
        physics = {
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -80, "centralGravity": 0.012, "springLength": 130,
                                 "springConstant": 0.06, "damping": 0.5, "avoidOverlap": 0.5},
            "stabilization": {"enabled": True, "iterations": 600 if n_nodes <= 200 else 300, "updateInterval": 20,
                              "fit": False},
            "minVelocity": 0.75,
        }
    return {
        "autoResize": True,
        "height": opts.height,
        "width": "100%",
        "layout": {"randomSeed": 42, "improvedLayout": n_nodes <= 100},
        "physics": {"enabled": True, **physics},
        "interaction": {"hover": not large, "tooltipDelay": 250, "hideEdgesOnDrag": large,
                        "hideEdgesOnZoom": large, "navigationButtons": False, "keyboard": False,
                        "multiselect": False, "selectConnectedEdges": True},
        "nodes": {"borderWidth": 1.5, "borderWidthSelected": 3,
                  "font": {"size": 12 if large else 14, "face": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
                           "color": "#1d2330", "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
                  "smooth": False if large else {"enabled": True, "type": "continuous", "roundness": 0.3},
                  "font": {"size": 10, "align": "middle", "color": "#444444", "strokeWidth": 3,
                           "strokeColor": "#ffffff"},
                  "selectionWidth": 2.5, "hoverWidth": 1.2},
    }
