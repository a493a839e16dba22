"""Check an RDF graph against the project's SHACL shapes (``ontology/shapes.ttl``) with pyshacl.

>>> from kg.export.demo import demo_graph
>>> report = validate_graph(demo_graph().to_rdf())
>>> report.conforms, report.violations
(True, ())
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph

__all__ = ["Violation", "Report", "validate_graph", "validate_file", "read_rdf", "shapes_path"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL validation result, with its terms already made readable."""

    severity: str
    focus: str
    path: str
    value: str
    message: str
    shape: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value and self.value != self.focus else ""
        return f"{self.severity}: {self.focus}{where}: {self.message}{value}"


@dataclass(frozen=True, slots=True)
class Report:
    conforms: bool
    violations: tuple[Violation, ...]
    triples: int

    def summary(self) -> str:
        if self.conforms:
            return f"valid: {self.triples} triples conform to the shapes"
        by: dict[str, int] = {}
        for v in self.violations:
            by[v.severity] = by.get(v.severity, 0) + 1
        counts = ", ".join(f"{n} {s.lower()}{'s' if n > 1 else ''}" for s, n in sorted(by.items()))
        return f"invalid: {counts} in {self.triples} triples"


def shapes_path() -> Path:
    from ..schema import ontology_dir

    return ontology_dir() / "shapes.ttl"


def read_rdf(path: str | Path) -> Graph:
    """An RDF file as one rdflib Graph (named graphs of N-Quads/TriG merged)."""

    from .load import GRAPH_SUFFIXES

    path = Path(path)
    fmt = GRAPH_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"{path}: unknown RDF suffix; use one of {', '.join(sorted(GRAPH_SUFFIXES))}")
    from .load import read_rdf
    from .rdf import bind_prefixes

    return bind_prefixes(read_rdf(path, fmt))


def _readable(g: Graph, term: object) -> str:
    from rdflib import RDFS, BNode, Literal, URIRef

    if term is None:
        return ""
    from ..iri import iri_to_curie

    if isinstance(term, Literal):
        return term.n3(g.namespace_manager)
    if isinstance(term, URIRef):
        label = g.value(term, RDFS.label)
        name = iri_to_curie(str(term)) or g.namespace_manager.normalizeUri(term)
        return f"{name} ({label})" if label is not None else name
    if isinstance(term, BNode):
        return "[blank node]"
    return str(term)


def validate_graph(data: Graph, shapes: Graph | str | Path | None = None) -> Report:
    """Validate ``data`` against ``shapes`` (default: the project's shapes)."""
    import pyshacl
    from rdflib import RDF, Graph
    from rdflib.namespace import SH

    if shapes is None or isinstance(shapes, (str, Path)):
        shapes_graph = Graph().parse(shapes or shapes_path(), format="turtle")
    else:
        shapes_graph = shapes
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes_graph, inference="none",
                                            abort_on_first=False, allow_warnings=True)
    out = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        sev = results.value(r, SH.resultSeverity)
        out.append(Violation(
            severity=str(sev).rsplit("#", 1)[-1] if sev is not None else "Violation",
            focus=_readable(data, results.value(r, SH.focusNode)),
            path=_readable(data, results.value(r, SH.resultPath)),
            value=_readable(data, results.value(r, SH.value)),
            message=str(results.value(r, SH.resultMessage) or ""),
            shape=_readable(shapes_graph, results.value(r, SH.sourceShape)),
        ))
    out.sort(key=lambda v: (v.severity, v.focus, v.path, v.message, v.value))
    return Report(bool(conforms), tuple(out), len(data))


def validate_file(path: str | Path, shapes: str | Path | None = None) -> Report:
    """Validate an RDF file (Turtle, N-Triples, N-Quads, JSON-LD, TriG)."""
    return validate_graph(read_rdf(path), shapes)
