"""``kg build`` and ``kg stats``."""

from __future__ import annotations

import json
import re
import sys
import time
from typing import Any

import click

from ..registry import exporters

__all__ = ["build", "stats"]


def _error(msg: str) -> None:
    click.echo(f"error: {msg}", err=True)


class _Size(click.ParamType):
    """A byte size: ``200000000``, ``200M``, ``2G``."""

    name = "size"
    _UNITS = {"": 1, "K": 10**3, "M": 10**6, "G": 10**9, "T": 10**12}

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        if isinstance(value, int):
            return value
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?\s*", str(value), re.I)
        if not m:
            self.fail(f"{value!r} is not a size such as 500M or 2G", param, ctx)
        return int(float(m.group(1)) * self._UNITS[m.group(2).upper()])


class _Progress:
    """A tqdm bar on stderr (when it is a terminal and not --quiet); remembers the last report."""

    def __init__(self, enabled: bool) -> None:
        self.last = None
        self.bar = None
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=None, unit="doc", desc="kg build", file=sys.stderr, dynamic_ncols=True,
                            smoothing=0.05, mininterval=0.5, leave=False)

    def __call__(self, p) -> None:  # type: ignore[no-untyped-def]
        self.last = p
        bar = self.bar
        if bar is None:
            return
        total = p.estimated_total
        if total and total != bar.total:
            bar.total = total
        bar.set_postfix(cached=p.cached, errors=p.errors, refresh=False)
        bar.update(p.documents - bar.n)

    def echo(self, msg: str) -> None:
        if self.bar is not None:
            self.bar.write(msg, file=sys.stderr)
        else:
            click.echo(msg, err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


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
@click.option("-w", "--workers", type=click.IntRange(min=1), default=None,
              help="Extraction processes (default: one per core; one for inputs under 2 MB).")
@click.option("--cache/--no-cache", "use_cache", default=False, show_default=True,
              help="Keep each document's results so a re-run extracts only new or changed documents.")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
              help="Folder of the result cache (implies --cache; default ~/.cache/als-kg/results).")
@click.option("--dask", "dask_address", metavar="ADDRESS", default=None,
              help="Extract on a Dask cluster, e.g. tcp://scheduler:8786.")
@click.option("--max-bytes", type=_Size(), default=None, metavar="SIZE",
              help="Refuse input files larger than this (default 200M).")
@click.option("--annotations", is_flag=True,
              help="Also use the mentions an annotated corpus gives (PubTator, BioC).")
@click.option("--stream", is_flag=True,
              help="Write each document's graph as it comes (.nt/.nq, optionally .gz): bounded memory, "
                   "per-document graphs instead of one merged graph.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary on stderr.")
def build(inputs: tuple[str, ...], output: str, fmt: str | None, html_out: str | None, min_belief: float,
          workers: int | None, use_cache: bool, cache_dir: str | None, dask_address: str | None,
          max_bytes: int | None, annotations: bool, stream: bool, quiet: bool) -> None:
    """Build a knowledge graph from INPUTS (files, folders, globs; gzip is read transparently).

    Formats: plain text, Markdown, HTML, PubMed XML, PMC/JATS XML, BioC XML/JSON,
    PubTator, JSON Lines.  Files that cannot be read are reported one line each;
    the graph of the others is still written, and the exit status is 1.
    """
    from concurrent.futures.process import BrokenProcessPool

    from .. import pipeline

    if stream:
        if html_out:
            raise click.UsageError("--html needs the merged graph; it cannot be combined with --stream")
        from ..stream import stream_format

        try:
            stream_format(output)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
    else:
        from ..export import format_for

        try:
            fmt = format_for(output, fmt)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
    errors: list[str] = []
    bar = _Progress(enabled=not quiet and sys.stderr.isatty())

    def on_error(err: Exception) -> None:
        errors.append(str(err))
        bar.echo(f"error: {err}")

    options: dict[str, Any] = dict(
        on_error=on_error, min_belief=min_belief, workers=workers, cache=cache_dir or (True if use_cache else None),
        progress=bar, client=dask_address, max_bytes=max_bytes, annotations=annotations,
    )
    t0 = time.perf_counter()
    try:
        if stream:
            written = pipeline.build_stream(inputs, output, **options)
            counts = f"{written.lines} {'quads' if written.quads else 'triples'}"
        else:
            graph = pipeline.build(inputs, **options)
            graph.serialize(output, format=fmt, min_belief=min_belief)
            if html_out:
                from ..html import write_html

                write_html(graph, html_out, min_belief=min_belief)
            s = graph.stats()
            counts = f"{s['nodes']} concepts, {s['edges']} relations ({s['evidence']} evidence)"
    except BrokenProcessPool:
        raise click.ClickException("a worker process died unexpectedly (out of memory?); "
                                   "try fewer --workers") from None
    except (OSError, TimeoutError) as exc:
        raise click.ClickException(f"{type(exc).__name__}: {exc}") from None
    finally:
        bar.close()
    if not quiet:
        p = bar.last
        docs = p.documents if p is not None else 0
        cached = f" ({p.cached} from the cache)" if p is not None and p.cached else ""
        click.echo(f"{docs} documents{cached}, {counts}, {len(errors)} errors, "
                   f"{time.perf_counter() - t0:.1f} s -> {output}", err=True)
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
