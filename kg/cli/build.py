"""``kg build`` and ``kg stats``."""

from __future__ import annotations

import json
import sys
import time

import click

from ..registry import exporters

__all__ = ["build", "stats"]


def _error(msg: str) -> None:
    click.echo(f"error: {msg}", err=True)


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="Output file; the format comes from its suffix (.ttl, .nt, ...) unless --format is given.")
@click.option("-f", "--format", "fmt", type=click.Choice(exporters.names()), default=None,
              help="Output format (default: from the output suffix).")
@click.option("--html", "html_out", type=click.Path(dir_okay=False), default=None,
              help="Also write the interactive HTML view here.")
@click.option("--min-belief", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Leave out asserted claims whose belief is below this.")
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
def build(inputs: tuple[str, ...], output: str, fmt: str | None, html_out: str | None, min_belief: float,
          quiet: bool) -> None:
    """Build a knowledge graph from INPUTS (files, folders, globs).

    Files that cannot be read are reported one line each; the graph of the
    others is still written, and the exit status is 1.
    """
    from ..export import format_for
    from ..pipeline import build as build_graph

    try:
        fmt = format_for(output, fmt)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    errors: list[str] = []

    def on_error(err: Exception) -> None:
        errors.append(str(err))
        _error(str(err))

    t0 = time.perf_counter()
    graph = build_graph(inputs, on_error=on_error, min_belief=min_belief)
    graph.serialize(output, format=fmt, min_belief=min_belief)
    if html_out:
        from ..html import write_html

        write_html(graph, html_out, min_belief=min_belief)
    if not quiet:
        s = graph.stats()
        click.echo(
            f"{s['documents']} documents, {s['nodes']} concepts, {s['edges']} relations "
            f"({s['evidence']} evidence), {len(errors)} errors, {time.perf_counter() - t0:.1f} s -> {output}",
            err=True,
        )
    if errors:
        sys.exit(1)


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
def stats(inputs: tuple[str, ...], as_json: bool) -> None:
    """Counts of documents, concepts by type and relations by predicate.

    INPUTS are articles to build from, or one graph file written by ``kg build``.
    """
    from ..export.load import is_graph_file, load

    if len(inputs) == 1 and is_graph_file(inputs[0]):
        graph = load(inputs[0])
    else:
        from ..pipeline import build as build_graph

        graph = build_graph(inputs, on_error=lambda e: _error(str(e)))
    s = graph.stats()
    if as_json:
        click.echo(json.dumps(s, indent=2))
        return
    click.echo(f"documents  {s['documents']}")
    click.echo(f"concepts   {s['nodes']}")
    for t, n in s["nodes_by_type"].items():
        click.echo(f"  {t:<16}{n}")
    click.echo(f"relations  {s['edges']}  ({s['evidence']} evidence, {s['negated_claims']} negated only)")
    for p, n in s["edges_by_predicate"].items():
        click.echo(f"  {p:<16}{n}")
