"""``kg export``: convert a graph file to another format (Turtle, N-Triples, N-Quads, JSON-LD, KGX)."""

from __future__ import annotations

import sys

import click

from ..registry import exporters

__all__ = ["export"]


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("graph", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(),
              help="Output file (a directory for .kgx); the format comes from its suffix unless --format is given.")
@click.option("-f", "--format", "fmt", type=click.Choice(exporters.names()), default=None,
              help="Output format (default: from the output suffix).")
@click.option("--min-belief", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="Leave out asserted claims whose belief is below this.")
def export(graph: str, output: str, fmt: str | None, min_belief: float) -> None:
    """Convert GRAPH (a file written by "kg build") to another format.

    \b
    Examples:
      kg export graph.ttl -o graph.nq          # one named graph per document, for bulk loaders
      kg export graph.ttl -o graph.kgx         # KGX nodes.tsv / edges.tsv (Biolink)
      kg export graph.nq -o graph.jsonld
    """
    from ..export import format_for
    from ..export.load import GRAPH_SUFFIXES, is_graph_file, load

    try:
        fmt = format_for(output, fmt)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if not is_graph_file(graph):
        click.echo(f"error: {graph}: not a graph file (expected {', '.join(sorted(GRAPH_SUFFIXES))})", err=True)
        sys.exit(1)
    try:
        kg = load(graph)
    except Exception as exc:  # noqa: BLE001 - rdflib raises parser-specific types
        click.echo(f"error: {graph}: cannot read the graph: {' '.join(str(exc).split())[:200]}", err=True)
        sys.exit(1)
    try:
        kg.serialize(output, format=fmt, min_belief=min_belief)
    except (ValueError, OSError) as exc:
        click.echo(f"error: {output}: {exc}", err=True)
        sys.exit(1)
