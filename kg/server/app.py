"""A read-only SPARQL 1.1 Protocol endpoint plus the HTML view, on the standard library's HTTP server.

* ``GET /sparql?query=...`` and ``POST /sparql`` (form-encoded ``query=`` or an
  ``application/sparql-query`` body); ``/query`` is an alias.  Results as
  ``application/sparql-results+json`` (default), ``+xml``, ``text/csv`` or
  ``text/tab-separated-values`` by ``Accept`` header or ``format=`` parameter;
  CONSTRUCT/DESCRIBE as Turtle (default), N-Triples, JSON-LD or RDF/XML.
  ``default-graph-uri`` / ``named-graph-uri`` set the dataset.
* Updates (``update=``, ``application/sparql-update``, ``INSERT``...) and
  federated ``SERVICE`` calls are refused with 400; a query running past the
  timeout is stopped (503); SELECT results stop at the result limit, flagged by
  the ``X-Result-Truncated`` header.
* ``GET /`` serves the interactive HTML view of the graph (when ``kg.html`` is
  available and GRAPH is a graph file), else a small query page.

Listens on 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .workers import Job, QueryPool, Reply

__all__ = ["KGServer", "make_server", "prepare_store", "MAX_BODY"]

log = logging.getLogger(__name__)

MAX_BODY = 1 << 20  # 1 MiB of query text is plenty

_GRAPH_TYPES = {
    "text/turtle": "TURTLE", "application/x-turtle": "TURTLE", "application/n-triples": "N_TRIPLES",
    "application/ld+json": "JSON_LD", "application/rdf+xml": "RDF_XML", "application/trig": "TRIG",
    "application/n-quads": "N_QUADS",
}
_FORMAT_PARAM = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "text": "table", "table": "table"}
_GRAPH_PARAM = {"turtle": "TURTLE", "ttl": "TURTLE", "nt": "N_TRIPLES", "ntriples": "N_TRIPLES",
                "jsonld": "JSON_LD", "json-ld": "JSON_LD", "rdfxml": "RDF_XML"}


def _accepted(header: str) -> list[str]:
    """Media types of an Accept header, best first."""
    items = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                with contextlib.suppress(ValueError):
                    q = float(f[2:])
        items.append((-q, i, fields[0].lower()))
    return [m for _, _, m in sorted(items)]


def negotiate(accept: str, param: str | None) -> tuple[str, str]:
    """(result format, RDF format name) from the ``format`` parameter or the Accept header.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", None)
    ('xml', 'TURTLE')
    >>> negotiate("*/*", "tsv")
    ('tsv', 'TURTLE')
    >>> negotiate("application/n-triples", None)
    ('json', 'N_TRIPLES')
    """
    from ..query.results import format_for_media_type

    fmt, rdf = "json", "TURTLE"
    if param:
        p = param.lower()
        if p in _FORMAT_PARAM:
            fmt = _FORMAT_PARAM[p]
        elif p in _GRAPH_PARAM:
            rdf = _GRAPH_PARAM[p]
        elif format_for_media_type(p):
            fmt = format_for_media_type(p) or fmt
        elif p in _GRAPH_TYPES:
            rdf = _GRAPH_TYPES[p]
        return fmt, rdf
    found_fmt = found_rdf = False
    for media in _accepted(accept or "*/*"):
        if not found_fmt and (f := format_for_media_type(media)) and f != "table":
            fmt, found_fmt = f, True
        if not found_rdf and media in _GRAPH_TYPES:
            rdf, found_rdf = _GRAPH_TYPES[media], True
    return fmt, rdf


class KGServer(ThreadingHTTPServer):
    """The HTTP server: a query pool plus what the handler needs."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], pool: QueryPool, limit: int | None, graph_file: Path | None,
                 html: bool = True, cleanup: Any = None) -> None:
        super().__init__(address, Handler)
        self.pool = pool
        self.limit = limit
        self.graph_file = graph_file
        self.html_enabled = html
        self._html: bytes | None = None
        self._html_lock = threading.Lock()
        self._cleanup = cleanup

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else host
        return f"http://{host}:{port}/"

    def html_page(self) -> bytes:
        """The HTML view (rendered on first request), or the query page."""
        with self._html_lock:
            if self._html is None:
                self._html = self._render_html()
            return self._html

    def _render_html(self) -> bytes:
        if self.html_enabled and self.graph_file is not None:
            try:
                from ..export.load import load
                from ..html import render_html

                return render_html(load(self.graph_file)).encode("utf-8")
            except ImportError:
                log.info("kg.html is not available: serving the query page at /")
            except Exception as exc:  # noqa: BLE001 - the endpoint still works without the view
                log.warning("could not render the HTML view of %s: %s", self.graph_file, exc)
        return _QUERY_PAGE.encode("utf-8")

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()
        if self._cleanup:
            self._cleanup()
            self._cleanup = None


class Handler(BaseHTTPRequestHandler):
    server: KGServer
    server_version = "als-kg"
    protocol_version = "HTTP/1.1"

    # -- plumbing -----------------------------------------------------------------------
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        log.info("%s %s", self.address_string(), format % args)

    def _send(self, reply: Reply, head_only: bool = False) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Expose-Headers", "X-Result-Count, X-Result-Truncated")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in reply.headers.items():
            self.send_header(k, v)
        self.end_headers()
        if not head_only:
            self.wfile.write(reply.body)

    def _error(self, status: int, message: str) -> None:
        self._send(Reply.text(status, message))

    # -- routes -------------------------------------------------------------------------
    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        url = urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            self._send(Reply(200, "text/html; charset=utf-8", self.server.html_page()))
            return
        if url.path in ("/sparql", "/query"):
            params = parse_qs(url.query, keep_blank_values=True)
            if "update" in params:
                self._error(400, "updates are not allowed: this endpoint is read-only")
                return
            if "query" not in params:
                self._send(Reply(200, "text/html; charset=utf-8", _QUERY_PAGE.encode("utf-8")))
                return
            self._query(params)
            return
        self._error(404, f"no such page: {url.path}; the SPARQL endpoint is /sparql")

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path not in ("/sparql", "/query", "/update"):
            self._error(404, f"no such endpoint: {url.path}; POST queries to /sparql")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self._error(400, "bad Content-Length")
            return
        if length > MAX_BODY:
            self._error(413, f"request body over {MAX_BODY} bytes")
            return
        body = self.rfile.read(length) if length else b""
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/sparql-update" or url.path == "/update":
            self._error(400, "updates are not allowed: this endpoint is read-only")
            return
        if ctype == "application/x-www-form-urlencoded":
            form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
            if "update" in form:
                self._error(400, "updates are not allowed: this endpoint is read-only")
                return
            for k, v in form.items():
                params.setdefault(k, []).extend(v)
        elif ctype == "application/sparql-query":
            params["query"] = [body.decode("utf-8", "replace")]
        else:
            self._error(415, "send application/sparql-query or application/x-www-form-urlencoded (query=...)")
            return
        if "query" not in params:
            self._error(400, "missing the query parameter")
            return
        self._query(params)

    def _refuse(self) -> None:
        self.send_response(405)
        self.send_header("Allow", "GET, POST, OPTIONS")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_PUT = do_DELETE = do_PATCH = _refuse  # noqa: N815 - read-only

    def do_OPTIONS(self) -> None:  # noqa: N802 - CORS preflight
        self.send_response(204)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _query(self, params: dict[str, list[str]]) -> None:
        from ..query.guard import RefusedQuery, check_read_only

        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._error(400, "give exactly one non-empty query parameter")
            return
        text = queries[0]
        try:
            check_read_only(text)
        except RefusedQuery as exc:
            self._error(400, str(exc))
            return
        fmt, rdf = negotiate(self.headers.get("Accept", ""), next(iter(params.get("format", ())), None))
        job = Job(text, fmt, rdf, self.server.limit, tuple(params.get("default-graph-uri", ())),
                  tuple(params.get("named-graph-uri", ())))
        self._send(self.server.pool.run(job))


_QUERY_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>als-kg SPARQL endpoint</title>
<style>body{font:15px/1.4 system-ui,sans-serif;margin:2em;max-width:60em}textarea{width:100%;height:12em;
font:13px monospace}</style></head>
<body><h1>als-kg SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 Protocol endpoint at <code>/sparql</code> (GET or POST). The prefixes
<code>kgs: rdf: rdfs: skos: dcterms: xsd: owl: biolink:</code> are predeclared.</p>
<form action="sparql" method="post">
<textarea name="query">SELECT ?drug ?drugLabel ?disease ?diseaseLabel WHERE {
  ?drug kgs:treats ?disease .
  ?drug rdfs:label ?drugLabel . ?disease rdfs:label ?diseaseLabel .
} LIMIT 50</textarea>
<p><label>Results <select name="format"><option>json</option><option>xml</option><option>csv</option>
<option>tsv</option></select></label> <button type="submit">Run</button></p>
</form></body></html>
"""


def prepare_store(graph: str | Path, store: str | Path | None = None) -> tuple[Path, Path | None, Any]:
    """An on-disk store for ``graph``: (store path, graph file or None, cleanup callable or None).

    A store directory is used as is; a graph file is loaded into ``store`` (reused
    while the file is unchanged) or into a temporary directory removed at shutdown.
    """
    import gc

    from ..query.store import GraphStore, is_store_dir

    graph = Path(graph)
    if is_store_dir(graph):
        return graph, None, None
    cleanup = None
    if store is None:
        tmp = tempfile.mkdtemp(prefix="kg-serve-")
        store = tmp
        cleanup = lambda: shutil.rmtree(tmp, ignore_errors=True)  # noqa: E731
    try:
        gs = GraphStore.open(graph, store=store)
    except Exception:
        if cleanup:
            cleanup()
        raise
    del gs
    gc.collect()  # release the read-write handle before the workers open it read-only
    return Path(store), graph, cleanup


def make_server(graph: str | Path, host: str = "127.0.0.1", port: int = 7070, *, timeout: float = 30.0,
                limit: int | None = 10_000, workers: int = 2, store: str | Path | None = None,
                html: bool = True) -> KGServer:
    """Load ``graph`` (a graph file or store directory), start the query workers, bind the socket."""
    store_path, graph_file, cleanup = prepare_store(graph, store)
    pool = QueryPool(str(store_path), workers=workers, timeout=timeout)
    try:
        pool.start()
        return KGServer((host, port), pool, limit, graph_file, html=html, cleanup=cleanup)
    except BaseException:
        pool.close()
        if cleanup:
            cleanup()
        raise
