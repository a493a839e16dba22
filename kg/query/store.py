"""An embedded SPARQL store over pyoxigraph, in memory or on disk.

:meth:`GraphStore.open` takes a graph file (Turtle, N-Triples, N-Quads,
JSON-LD, TriG, RDF/XML), a store directory, or a :class:`~kg.graph.KnowledgeGraph`.
With ``store=DIR`` a graph file is loaded into an on-disk store once and the
store is reused while the file is unchanged (same path, size and modification
time), so a big graph is parsed once and queried many times.

Queries see the union of all named graphs as their default graph, so a graph
loaded from N-Quads (one named graph per document) answers like the same graph
loaded from Turtle.  Values are passed as ``bindings`` (pyoxigraph
substitutions), never formatted into the query; a bound variable must appear
in the ``SELECT`` list (or use ``SELECT *``).

>>> from kg.export.demo import demo_graph
>>> from rdflib import URIRef
>>> store = GraphStore.open(demo_graph())
>>> q = "SELECT ?drug ?disease WHERE { ?drug kgs:treats ?disease }"
>>> r = store.query(q, bindings={"disease": URIRef("http://purl.obolibrary.org/obo/MONDO_0005301")})
>>> [row["drug"].value for row in r]
['https://identifiers.org/drugbank:DB08908']
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from .terms import PREFIXES, Term, substitutions

if TYPE_CHECKING:  # pragma: no cover
    from ..graph import KnowledgeGraph

__all__ = ["GraphStore", "QueryResult", "QueryError", "query", "rdf_format", "is_store_dir", "DEFAULT_PREFIXES"]

log = logging.getLogger(__name__)

#: prefixes every query may use without declaring them
DEFAULT_PREFIXES = dict(PREFIXES)
_META = "kg-store.json"
_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD, ".json": ox.RdfFormat.JSON_LD, ".trig": ox.RdfFormat.TRIG,
    ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML, ".n3": ox.RdfFormat.N3,
}


class QueryError(ValueError):
    """A query that cannot run: bad syntax, a binding it cannot take, an unreadable graph."""


def rdf_format(path: str | Path) -> ox.RdfFormat:
    """The RDF format of a file from its suffix (``.gz`` not supported)."""
    suffix = Path(path).suffix.lower()
    try:
        return _FORMATS[suffix]
    except KeyError:
        raise QueryError(f"{path}: unknown RDF suffix {suffix!r}; use one of {', '.join(sorted(_FORMATS))}") from None


def is_store_dir(path: str | Path) -> bool:
    """True for a directory holding an Oxigraph (RocksDB) store."""
    p = Path(path)
    return p.is_dir() and (p / "CURRENT").is_file()


def _check_store_dir(store: str | Path) -> None:
    """Refuse to load into (and so clear) a directory that holds something other than a store."""
    p = Path(store)
    if p.exists() and (not p.is_dir() or (any(p.iterdir()) and not is_store_dir(p))):
        raise QueryError(f"{p} exists and is not a store directory: give a new directory or an existing store")


def _fingerprint(path: Path) -> dict[str, Any]:
    st = path.stat()
    return {"source": str(path.resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns}


@dataclass
class QueryResult:
    """The result of one query.

    ``kind`` is ``"select"`` (iterate for rows: ``{variable: term}``; terms are
    pyoxigraph terms, unbound variables absent), ``"ask"`` (``boolean``) or
    ``"graph"`` (CONSTRUCT/DESCRIBE: iterate :attr:`triples`).
    """

    kind: str
    variables: tuple[str, ...] = ()
    boolean: bool | None = None
    solutions: Any = field(default=None, repr=False)
    triples: Any = field(default=None, repr=False)

    def rows(self) -> Iterator[tuple[Term | None, ...]]:
        """SELECT rows as tuples in :attr:`variables` order (``None`` where unbound)."""
        if self.kind != "select":
            return iter(())
        n = len(self.variables)
        return (tuple(sol[i] for i in range(n)) for sol in self.solutions)

    def __iter__(self) -> Iterator[dict[str, Term]]:
        for row in self.rows():
            yield {v: t for v, t in zip(self.variables, row, strict=True) if t is not None}

    def values(self) -> list[dict[str, str]]:
        """SELECT rows as ``{variable: plain string value}`` (IRIs, literal lexical forms)."""
        return [{k: t.value if not isinstance(t, ox.Triple) else str(t) for k, t in row.items()} for row in self]


def _first(message: str, width: int = 160) -> str:
    text = " ".join(message.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _result(raw: Any) -> QueryResult:
    if isinstance(raw, ox.QuerySolutions):
        return QueryResult("select", tuple(v.value for v in raw.variables), solutions=raw)
    if isinstance(raw, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(raw))
    return QueryResult("graph", triples=raw)


class GraphStore:
    """A pyoxigraph store holding one or more graphs."""

    def __init__(self, store: ox.Store | None = None, path: Path | None = None) -> None:
        self.store = store if store is not None else ox.Store()
        self.path = path

    # -- opening ---------------------------------------------------------------------
    @classmethod
    def memory(cls) -> GraphStore:
        """An empty in-memory store."""
        return cls(ox.Store())

    @classmethod
    def on_disk(cls, path: str | Path, read_only: bool = False) -> GraphStore:
        """An on-disk store in ``path`` (created if missing)."""
        path = Path(path)
        try:
            store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except OSError as exc:
            raise QueryError(f"{path}: cannot open the store: {exc}") from None
        return cls(store, path)

    @classmethod
    def open(cls, source: str | Path | KnowledgeGraph, store: str | Path | None = None,
             read_only: bool = False) -> GraphStore:
        """A store holding ``source``: a graph file, a store directory or a KnowledgeGraph.

        With ``store`` (a directory), a graph file is loaded there once and the
        store reused while the file is unchanged.
        """
        from ..graph import KnowledgeGraph

        if isinstance(source, KnowledgeGraph):
            if store:
                _check_store_dir(store)
            gs = cls.on_disk(store) if store else cls.memory()
            gs.clear()
            gs.add_graph(source)
            return gs
        path = Path(source)
        if is_store_dir(path):
            return cls.on_disk(path, read_only=read_only)
        if not path.is_file():
            raise QueryError(f"{path}: no such graph file or store directory")
        if store is None:
            gs = cls.memory()
            gs.load(path)
            return gs
        _check_store_dir(store)
        gs = cls.on_disk(store)
        if gs.loaded_from() == _fingerprint(path):
            log.info("reusing store %s for %s", store, path)
            return gs
        gs.clear()
        gs.load(path, bulk=True)
        gs._remember(path)
        return gs

    # -- loading ---------------------------------------------------------------------
    def load(self, path: str | Path, format: ox.RdfFormat | None = None, graph: str | None = None,
             bulk: bool | None = None) -> None:
        """Add a graph file's triples (into the named graph ``graph`` if given)."""
        path = Path(path)
        fmt = format or rdf_format(path)
        to_graph = ox.NamedNode(graph) if graph else None
        bulk = self.path is not None if bulk is None else bulk
        try:
            if bulk:
                self.store.bulk_load(path=str(path), format=fmt, to_graph=to_graph)
            else:
                self.store.load(path=str(path), format=fmt, to_graph=to_graph)
        except SyntaxError as exc:
            raise QueryError(f"{path}: not valid {fmt.name}: {str(exc).splitlines()[0]}") from None
        except OSError as exc:
            raise QueryError(f"{path}: cannot read: {exc}") from None
        if self.path is not None:
            self.store.flush()

    def add_graph(self, graph: KnowledgeGraph, min_belief: float = 0.0) -> None:
        """Add a KnowledgeGraph (as N-Quads: one named graph per document)."""
        from ..export.nquads import nquad_lines

        data = "".join(nquad_lines(graph, min_belief=min_belief)).encode("utf-8")
        self.store.load(input=data, format=ox.RdfFormat.N_QUADS)

    def clear(self) -> None:
        self.store.clear()
        if self.path is not None:
            (self.path / _META).unlink(missing_ok=True)

    def loaded_from(self) -> dict[str, Any] | None:
        """The fingerprint of the file this on-disk store was loaded from, if any."""
        if self.path is None:
            return None
        try:
            return json.loads((self.path / _META).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _remember(self, source: Path) -> None:
        from ..atomic import atomic_write

        assert self.path is not None
        with atomic_write(self.path / _META) as fh:
            json.dump(_fingerprint(source), fh)

    def __len__(self) -> int:
        return len(self.store)

    # -- querying --------------------------------------------------------------------
    def query(self, sparql: str, bindings: dict[str, Any] | None = None, *, union: bool = True,
              prefixes: dict[str, str] | None = None, default_graph: list[str] | None = None,
              named_graphs: list[str] | None = None) -> QueryResult:
        """Run a SPARQL 1.1 query; ``bindings`` maps variable names to values (see :func:`kg.query.terms.to_term`).

        ``union`` (default) makes the default graph the union of all graphs;
        ``default_graph`` / ``named_graphs`` (IRIs) set the dataset instead, as
        the protocol's ``default-graph-uri`` / ``named-graph-uri`` do.  The kgs:,
        rdf:, rdfs:, skos:, dcterms:, xsd:, owl:, biolink: prefixes are predeclared.
        """
        dataset: dict[str, Any] = {}
        if default_graph:
            dataset["default_graph"] = [ox.NamedNode(g) for g in default_graph]
        if named_graphs:
            dataset["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        try:
            raw = self.store.query(sparql, use_default_graph_as_union=union and not default_graph,
                                   prefixes={**DEFAULT_PREFIXES, **(prefixes or {})},
                                   substitutions=substitutions(bindings), **dataset)
        except SyntaxError as exc:
            raise QueryError(f"query syntax: {_first(str(exc))}") from None
        except ValueError as exc:
            raise QueryError(str(exc)) from None
        except RuntimeError as exc:
            msg = str(exc)
            if "projection" in msg:
                msg += " (a bound variable must be in the SELECT list, or use SELECT *)"
            raise QueryError(msg) from None
        return _result(raw)


def query(source: str | Path | KnowledgeGraph | GraphStore, sparql: str, bindings: dict[str, Any] | None = None,
          store: str | Path | None = None) -> QueryResult:
    """Run one query against a graph file, a store directory, a KnowledgeGraph or a GraphStore."""
    gs = source if isinstance(source, GraphStore) else GraphStore.open(source, store=store)
    return gs.query(sparql, bindings)
