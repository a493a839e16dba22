"""How node types and predicates look in the HTML view: data, not if-chains.

Types and predicates come from ``ontology/schema.json``; this module only maps
a name to a colour and a vis-network shape.  Names the table does not know (a
type added to the schema later) get the next colour and shape of a fallback
cycle, in a deterministic order.

>>> s = type_styles(["Gene", "Drug", "Widget"])
>>> s["Gene"].shape, s["Drug"].shape, s["Widget"].color
('dot', 'triangle', '#8c564b')
>>> predicate_styles(["inhibits"])["inhibits"].color
'#d62728'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Style", "type_styles", "predicate_styles", "TYPE_STYLES", "PREDICATE_COLORS"]


@dataclass(frozen=True, slots=True)
class Style:
    color: str
    shape: str = "dot"


#: node type -> (colour, vis-network shape); colours are distinguishable on white
TYPE_STYLES: dict[str, Style] = {
    "Disease": Style("#d62728", "diamond"),
    "Gene": Style("#1f77b4", "dot"),
    "Pathway": Style("#2ca02c", "square"),
    "Drug": Style("#ff7f0e", "triangle"),
    "ModelSystem": Style("#9467bd", "star"),
    "CellType": Style("#17becf", "hexagon"),
    "Phenotype": Style("#e377c2", "triangleDown"),
}

#: predicate -> edge colour
PREDICATE_COLORS: dict[str, str] = {
    "inhibits": "#d62728",
    "activates": "#2ca02c",
    "biomarker_for": "#9467bd",
    "tested_in": "#ff7f0e",
    "treats": "#1f77b4",
    "associated_with": "#8c8c8c",
    "causes": "#8c564b",
    "upregulated_in": "#e377c2",
    "downregulated_in": "#17becf",
    "model_of": "#bcbd22",
    "targets": "#393b79",
    "part_of": "#637939",
}

_FALLBACK_COLORS = ("#8c564b", "#bcbd22", "#7f7f7f", "#393b79", "#637939", "#843c39", "#7b4173", "#3182bd")
_FALLBACK_SHAPES = ("dot", "square", "diamond", "triangle", "star", "hexagon", "triangleDown")


def type_styles(names: Iterable[str]) -> dict[str, Style]:
    """Style of each node type name, known ones from :data:`TYPE_STYLES`."""
    out: dict[str, Style] = {}
    extra = 0
    for name in names:
        if name in out:
            continue
        if name in TYPE_STYLES:
            out[name] = TYPE_STYLES[name]
        else:
            out[name] = Style(_FALLBACK_COLORS[extra % len(_FALLBACK_COLORS)],
                              _FALLBACK_SHAPES[extra % len(_FALLBACK_SHAPES)])
            extra += 1
    return out


def predicate_styles(names: Iterable[str]) -> dict[str, Style]:
    """Edge style of each predicate name (the shape is unused for edges)."""
    out: dict[str, Style] = {}
    extra = 0
    for name in names:
        if name in out:
            continue
        if name in PREDICATE_COLORS:
            out[name] = Style(PREDICATE_COLORS[name])
        else:
            out[name] = Style(_FALLBACK_COLORS[extra % len(_FALLBACK_COLORS)])
            extra += 1
    return out
