"""``kg query``: SPARQL over a graph file or an on-disk store."""

from __future__ import annotations

import sys

import click

from ..query.results import result_formats

__all__ = ["query"]


def _fail(msg: str) -> None:
    click.echo(f"error: {msg}", err=True)
    sys.exit(1)


def _watchdog(seconds: float) -> None:
    """End the process after ``seconds``: a query cannot be interrupted from Python."""
    import os
    import threading

    def expire() -> None:
        sys.stderr.write(f"error: query timed out after {seconds:g} s (raise --timeout or add a LIMIT)\n")
        sys.stderr.flush()
        os._exit(3)

    t = threading.Timer(seconds, expire)
    t.daemon = True
    t.start()


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("graph", type=click.Path(exists=True))
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.File("r", encoding="utf-8"),
              help="Read the query from this file (- for stdin) instead of the SPARQL argument.")
@click.option("-F", "--format", "fmt", type=click.Choice(result_formats.names()), default="table", show_default=True,
              help="Output format: an aligned table, or SPARQL 1.1 results as json, xml, csv, tsv. "
                   "CONSTRUCT/DESCRIBE give Turtle (table), JSON-LD (json), RDF/XML (xml) or N-Triples (csv, tsv).")
@click.option("-b", "--bind", "binds", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE before evaluation (repeatable). VALUE: <IRI>, a CURIE like MONDO:0004976 "
                   "or kgs:treats, a Turtle literal like '\"5\"^^xsd:integer' or '\"SOD1\"@en', else a plain "
                   "string. The bound variable must be in the SELECT list (or use SELECT *). Overrides the "
                   "query's own '#+ bind: NAME=VALUE' comment lines.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False),
              help="Load GRAPH into this on-disk store once and reuse it while GRAPH is unchanged.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="Print at most this many rows.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Give up after this many seconds (exit status 3).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write the result to this file (atomically) instead of stdout.")
def query(graph: str, sparql: str | None, query_file, fmt: str, binds: tuple[str, ...], store_dir: str | None,
          limit: int | None, timeout: float | None, output: str | None) -> None:
    """Run a SPARQL query on GRAPH: a graph file (.ttl, .nt, .nq, .jsonld, .trig) or a store directory.

    Give the query as the SPARQL argument or with -f FILE.  The prefixes kgs:,
    rdf:, rdfs:, skos:, dcterms:, xsd:, owl: and biolink: are predeclared, and
    the default graph is the union of all named graphs.

    \b
    Examples:
      kg query graph.ttl 'SELECT ?drug ?d WHERE { ?drug kgs:treats ?d }' -b d=MONDO:0004976
      kg query graph.nq -f examples/queries/biomarkers_for_als.rq -F csv
      kg query graph.ttl --store graph.db -f q.rq      # first run loads, later runs reuse
      kg query graph.db -f q.rq                        # query an existing store directly
    """
    import io

    from ..query.guard import RefusedQuery, check_read_only
    from ..query.results import write_result
    from ..query.store import GraphStore, QueryError
    from ..query.terms import default_bindings, parse_binding

    if (sparql is None) == (query_file is None):
        raise click.UsageError("give the query either as the SPARQL argument or with -f FILE (one of the two)")
    text = sparql if sparql is not None else query_file.read()
    try:
        bindings = {**default_bindings(text), **dict(parse_binding(b) for b in binds)}
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--bind") from None
    try:
        check_read_only(text)
    except RefusedQuery as exc:
        _fail(str(exc))
    if timeout:
        _watchdog(timeout)
    try:
        store = GraphStore.open(graph, store=store_dir, read_only=True)
        result = store.query(text, bindings)
        if output is None:
            out = sys.stdout.buffer
            write_result(result, out, fmt, limit)
            out.flush()
            return
        buf = io.BytesIO()
        write_result(result, buf, fmt, limit)
    except QueryError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"query failed: {exc}")
    from ..atomic import atomic_write

    assert output is not None
    with atomic_write(output, "wb") as fh:
        fh.write(buf.getvalue())
