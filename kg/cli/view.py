"""``kg view``: the interactive HTML page of a graph file."""

from __future__ import annotations

import sys

import click

__all__ = ["view"]


@click.command()
@click.argument("graph", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The HTML file to write (one self-contained page, works offline).")
@click.option("--min-belief", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Leave out asserted claims whose belief is below this.")
@click.option("--title", default="als-kg knowledge graph", show_default=True, help="Page title.")
@click.option("--max-edges", type=click.IntRange(min=1), default=5000, show_default=True,
              help="Above this many relations the page opens showing only the most believed ones "
                   "(a slider shows the rest).")
def view(graph: str, output: str, min_belief: float, title: str, max_edges: int) -> None:
    """Write an interactive HTML view of GRAPH (a file written by "kg build").

    \b
    Example:
      kg build seeds/ -o graph.ttl
      kg view graph.ttl -o graph.html
    """
    from ..export.load import GRAPH_SUFFIXES, is_graph_file, load
    from ..html import write_html

    if not is_graph_file(graph):
        click.echo(f"error: {graph}: not a graph file (expected {', '.join(sorted(GRAPH_SUFFIXES))}); "
                   "to view articles use 'kg build ARTICLES -o graph.ttl --html graph.html'", err=True)
        sys.exit(1)
    try:
        kg = load(graph)
    except Exception as exc:  # rdflib raises many parser-specific types
        msg = " ".join(str(exc).split()) or type(exc).__name__
        click.echo(f"error: {graph}: cannot read the graph: {msg[:300]}", err=True)
        sys.exit(1)
    write_html(kg, output, min_belief=min_belief, title=title, max_edges=max_edges)
