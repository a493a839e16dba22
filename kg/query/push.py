"""Load a graph into any SPARQL 1.1 store through the Graph Store HTTP Protocol.

One ``PUT {endpoint}?graph={IRI}`` replaces the named graph with the file's
triples in a single request (Turtle and N-Triples are sent as they are; N-Quads,
TriG and JSON-LD are first converted to N-Triples, the named graphs merged).
The body is streamed from disk, so big files are not read into memory.
Errors from the server are raised as :class:`PushError` with the status and
the start of the server's message.

``endpoint`` is the store's Graph Store endpoint, for example
``http://127.0.0.1:7878/store`` for Oxigraph, ``http://HOST:3030/DATASET/data``
for Fuseki, ``http://HOST:8890/sparql-graph-crud-auth`` for Virtuoso or
``http://HOST:7200/repositories/REPO/rdf-graphs/service`` for GraphDB.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

__all__ = ["DEFAULT_GRAPH", "PushError", "PushResult", "push", "graph_store_url"]

log = logging.getLogger(__name__)

#: the named graph a push replaces unless told otherwise
DEFAULT_GRAPH = "https://w3id.org/als-kg/graph"
_AS_IS = {".ttl": "text/turtle", ".nt": "application/n-triples"}


class PushError(RuntimeError):
    """The store could not be reached or refused the graph."""


@dataclass(frozen=True, slots=True)
class PushResult:
    url: str
    graph: str
    status: int
    bytes_sent: int


def graph_store_url(endpoint: str, graph: str) -> str:
    """The request URL for ``graph`` at a Graph Store endpoint.

    >>> graph_store_url("http://127.0.0.1:7878/store", "https://w3id.org/als-kg/graph")
    'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fw3id.org%2Fals-kg%2Fgraph'
    """
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PushError(f"endpoint {endpoint!r} is not an http(s) URL (e.g. http://127.0.0.1:7878/store)")
    if not urlsplit(graph).scheme:
        raise PushError(f"graph name {graph!r} is not an absolute IRI (e.g. {DEFAULT_GRAPH})")
    sep = "&" if parts.query else "?"
    return f"{endpoint}{sep}{urlencode({'graph': graph})}"


@contextlib.contextmanager
def _body(path: Path) -> Iterator[tuple[Path, str]]:
    """The file to send and its media type (a temporary N-Triples file for other formats)."""
    suffix = path.suffix.lower()
    if suffix in _AS_IS:
        yield path, _AS_IS[suffix]
        return
    import pyoxigraph as ox

    from .store import QueryError, rdf_format

    try:
        fmt = rdf_format(path)
    except QueryError as exc:
        raise PushError(str(exc)) from None
    fd, tmp = tempfile.mkstemp(prefix="kg-push-", suffix=".nt")
    try:
        with os.fdopen(fd, "wb") as out:
            try:
                quads = ox.parse(path=str(path), format=fmt)
                ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads), out,
                             ox.RdfFormat.N_TRIPLES)
            except SyntaxError as exc:
                raise PushError(f"{path}: not valid {fmt.name}: {str(exc).splitlines()[0]}") from None
        yield Path(tmp), "application/n-triples"
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def push(path: str | Path, endpoint: str, graph: str = DEFAULT_GRAPH, headers: dict[str, str] | None = None,
         timeout: float = 600.0) -> PushResult:
    """Replace ``graph`` at the Graph Store ``endpoint`` with the triples of the file at ``path``."""
    import urllib.error
    import urllib.request

    path = Path(path)
    if not path.is_file():
        raise PushError(f"{path}: no such file")
    url = graph_store_url(endpoint, graph)
    with _body(path) as (body, media_type):
        size = body.stat().st_size
        with body.open("rb") as fh:
            req = urllib.request.Request(url, data=fh, method="PUT", headers={
                "Content-Type": f"{media_type}; charset=utf-8", "Content-Length": str(size),
                "User-Agent": "als-kg", **(headers or {}),
            })
            log.info("PUT %s (%d bytes, %s)", url, size, media_type)
            try:
                with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - http(s) checked above
                    status = resp.status
            except urllib.error.HTTPError as exc:
                detail = " ".join(exc.read(2000).decode("utf-8", "replace").split())[:300]
                raise PushError(f"{endpoint} refused the graph: HTTP {exc.code} {exc.reason}"
                                + (f": {detail}" if detail else "")) from None
            except urllib.error.URLError as exc:
                raise PushError(f"cannot reach {endpoint}: {exc.reason}") from None
            except (TimeoutError, OSError) as exc:
                raise PushError(f"push to {endpoint} failed: {exc}") from None
    return PushResult(url, graph, status, size)
