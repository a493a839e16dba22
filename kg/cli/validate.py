"""``kg validate``: check a graph file against the project's SHACL shapes."""

from __future__ import annotations

import sys

import click

__all__ = ["validate"]


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("graph", type=click.Path(exists=True, dir_okay=False))
@click.option("--shapes", type=click.Path(exists=True, dir_okay=False), default=None,
              help="SHACL shapes (Turtle) to use instead of the project's ontology/shapes.ttl.")
@click.option("--max", "max_shown", type=click.IntRange(min=0), default=50, show_default=True,
              help="Print at most this many violations (0: all).")
def validate(graph: str, shapes: str | None, max_shown: int) -> None:
    """Check GRAPH (.ttl, .nt, .nq, .jsonld, .trig) against the SHACL shapes with pyshacl.

    Prints one line per violation (focus node, property, message, offending
    value) and a summary; the exit status is 0 when the graph conforms, 1 when
    it does not or cannot be read.
    """
    from ..export.validate import validate_file

    try:
        report = validate_file(graph, shapes)
    except (ValueError, SyntaxError, OSError) as exc:
        click.echo(f"error: {graph}: cannot read the graph: {' '.join(str(exc).split())[:200]}", err=True)
        sys.exit(1)
    shown = report.violations if not max_shown else report.violations[:max_shown]
    for v in shown:
        click.echo(str(v))
    if len(shown) < len(report.violations):
        click.echo(f"... and {len(report.violations) - len(shown)} more (use --max 0 to see all)")
    click.echo(f"{graph}: {report.summary()}")
    if not report.conforms:
        sys.exit(1)
