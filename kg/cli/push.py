"""``kg push``: load a graph into a SPARQL store over the Graph Store HTTP Protocol."""

from __future__ import annotations

import sys

import click

from ..query.push import DEFAULT_GRAPH

__all__ = ["push"]


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("graph", type=click.Path(exists=True, dir_okay=False))
@click.option("--endpoint", required=True, metavar="URL",
              help="The store's Graph Store endpoint, e.g. http://127.0.0.1:7878/store (Oxigraph), "
                   "http://HOST:3030/DATASET/data (Fuseki).")
@click.option("--graph", "graph_iri", default=DEFAULT_GRAPH, show_default=True, metavar="IRI",
              help="The named graph to replace with GRAPH's triples.")
@click.option("-H", "--header", "headers", multiple=True, metavar="'NAME: VALUE'",
              help="Extra request header, e.g. 'Authorization: Basic ...' (repeatable).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=600.0, show_default=True,
              help="Seconds to wait for the store.")
def push(graph: str, endpoint: str, graph_iri: str, headers: tuple[str, ...], timeout: float) -> None:
    """Replace a named graph in a SPARQL 1.1 store with the triples of GRAPH, in one PUT request.

    GRAPH is a graph file (.ttl, .nt, .nq, .jsonld, .trig); named graphs of
    N-Quads/TriG are merged into the one target graph.

    \b
    Example:
      oxigraph serve --location store/ --bind 127.0.0.1:7878 &
      kg push graph.ttl --endpoint http://127.0.0.1:7878/store
      kg push graph.nt --endpoint http://127.0.0.1:3030/kg/data --graph https://example.org/als
    """
    from ..query.push import PushError
    from ..query.push import push as push_graph

    extra = {}
    for h in headers:
        name, sep, value = h.partition(":")
        if not sep or not name.strip():
            raise click.BadParameter(f"{h!r} is not 'NAME: VALUE'", param_hint="--header")
        extra[name.strip()] = value.strip()
    try:
        result = push_graph(graph, endpoint, graph_iri, headers=extra, timeout=timeout)
    except PushError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    click.echo(f"pushed {graph} ({result.bytes_sent} bytes) into <{result.graph}> at {endpoint} "
               f"(HTTP {result.status})", err=True)
