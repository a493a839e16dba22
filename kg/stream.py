"""N-Triples / N-Quads written document by document, in bounded memory.

A streamed build never holds the merged graph: each document's results
become that document's own graph (:func:`kg.pipeline.assemble` of one
result), written at once with the exporter's triple generator
(:func:`kg.export.rdf.triples`), so every triple has the RDF shape of a full
build.  In N-Quads each document's triples go into a named graph, the
document's IRI, ready for a SPARQL store's bulk loader (Oxigraph
``bulk_load``, Virtuoso ``ld_dir``, Jena ``tdb2.tdbloader``, Blazegraph
``DataLoader``).

What differs from a merged build: the per-claim aggregates of a statement
(``kgs:belief``, ``kgs:evidenceCount``, ``kgs:asserted``) are those of one
document, so the union of the graphs can hold several values for a claim
found in several documents (query them per graph, or aggregate in SPARQL);
node triples (labels, types) are repeated in each graph that mentions the node.

>>> from kg.model import Document
>>> from kg.pipeline import DocResult
>>> lines = document_lines(DocResult(Document(id="d1", text="x", title="T"), (), (), ()), quads=True)
>>> lines[0].endswith("<https://w3id.org/als-kg/document/d1> .\\n")
True
"""

from __future__ import annotations

import gzip
import io
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .atomic import atomic_write

__all__ = ["document_lines", "StreamWriter", "write_stream", "stream_format"]

_SUFFIXES = {".nq": True, ".nquads": True, ".nt": False, ".ntriples": False}


def stream_format(path: str | os.PathLike[str]) -> bool:
    """True for N-Quads, False for N-Triples, from the file suffix (``.gz`` allowed)."""
    p = Path(path)
    suffix = Path(p.stem).suffix if p.suffix.lower() == ".gz" else p.suffix
    try:
        return _SUFFIXES[suffix.lower()]
    except KeyError:
        raise ValueError(f"a streamed build writes N-Triples (.nt) or N-Quads (.nq), optionally .gz; not {p.name}") \
            from None


def document_lines(result: Any, *, quads: bool, min_belief: float = 0.0) -> list[str]:
    """The sorted N-Triples (or N-Quads) lines of one document's results."""
    from .export.rdf import document_iri, triples
    from .pipeline import assemble

    graph = assemble([result])
    end = f" {document_iri(result.document).n3()} .\n" if quads else " .\n"
    return sorted({f"{s.n3()} {p.n3()} {o.n3()}{end}"  # type: ignore[attr-defined]
                   for s, p, o in triples(graph, min_belief=min_belief)})


class StreamWriter:
    """Writes documents' lines to ``path`` as they come; the file appears only when closed without error."""

    def __init__(self, path: str | os.PathLike[str], min_belief: float = 0.0) -> None:
        self.path = Path(path)
        self.quads = stream_format(self.path)
        self.min_belief = min_belief
        self.documents = 0
        self.lines = 0
        self._cm = atomic_write(self.path, "wb")
        raw = self._cm.__enter__()
        self._gz = gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) if self.path.suffix.lower() == ".gz" else None
        self._fh = io.TextIOWrapper(self._gz or raw, encoding="utf-8", newline="\n", write_through=False)

    def write(self, result: Any, lines: list[str] | None = None) -> None:
        """Write one document's results (``lines``: already made by a worker, else made here)."""
        if lines is None:
            lines = document_lines(result, quads=self.quads, min_belief=self.min_belief)
        self._fh.writelines(lines)
        self.documents += 1
        self.lines += len(lines)

    def close(self, error: BaseException | None = None) -> None:
        try:
            self._fh.detach()  # flushes into the gzip or raw file, leaves it open
            if self._gz is not None and error is None:
                self._gz.close()  # writes the gzip trailer
        finally:
            if error is None:
                self._cm.__exit__(None, None, None)
            else:
                self._cm.__exit__(type(error), error, error.__traceback__)

    def __enter__(self) -> StreamWriter:
        return self

    def __exit__(self, typ: object, exc: BaseException | None, tb: object) -> None:
        self.close(exc)


def write_stream(results: Iterable[Any], path: str | os.PathLike[str], min_belief: float = 0.0) -> StreamWriter:
    """Write every result's lines to ``path`` (N-Triples or N-Quads by suffix); the writer, closed."""
    with StreamWriter(path, min_belief=min_belief) as w:
        for r in results:
            w.write(r)
    return w
