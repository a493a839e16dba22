"""``kg serve``: a read-only SPARQL endpoint and the HTML view of a graph."""

from __future__ import annotations

import sys

import click

__all__ = ["serve"]


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("graph", type=click.Path(exists=True))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but a loopback address exposes the graph to the network.")
@click.option("-p", "--port", type=click.IntRange(0, 65535), default=7070, show_default=True,
              help="Port to listen on (0 picks a free one).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True,
              help="Stop a query after this many seconds (HTTP 503).")
@click.option("--limit", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Return at most this many rows per SELECT (header X-Result-Truncated when cut).")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Queries answered in parallel (one process each).")
@click.option("--store", "store_dir", type=click.Path(file_okay=False),
              help="Keep the loaded graph in this on-disk store and reuse it while GRAPH is unchanged "
                   "(default: a temporary store removed at exit).")
@click.option("--no-html", is_flag=True, help="Serve a query page at / instead of the graph's HTML view.")
def serve(graph: str, host: str, port: int, timeout: float, limit: int, workers: int, store_dir: str | None,
          no_html: bool) -> None:
    """Serve GRAPH (a graph file or a store directory) over the SPARQL 1.1 Protocol.

    \b
    GET or POST /sparql     SPARQL query; results as JSON (default), XML, CSV or TSV
    GET /                   the interactive HTML view of the graph
    Updates and federated SERVICE calls are refused. Stop with Ctrl-C.

    \b
    Example:
      kg serve graph.ttl --port 7070
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s kgs:treats ?o }' \\
           http://127.0.0.1:7070/sparql
    """
    from ..query.store import QueryError
    from ..server.app import make_server

    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: anyone who can reach this address can query the graph",
                   err=True)
    try:
        server = make_server(graph, host, port, timeout=timeout, limit=limit, workers=workers, store=store_dir,
                             html=not no_html)
    except QueryError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"error: cannot listen on {host}:{port}: {exc.strerror or exc}", err=True)
        sys.exit(1)
    click.echo(f"serving {graph} at {server.url} (SPARQL endpoint {server.url}sparql); Ctrl-C to stop", err=True)
    import signal

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # clean up (temporary store, workers) on SIGTERM too
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
