"""Extraction on a Dask cluster, for corpora that outgrow one machine.

Two ways to use it (the workers need ``als-kg`` installed, the same version):

* :class:`DaskRunner`: the build (``kg build --dask tcp://scheduler:8786``, or
  ``build(inputs, client=client)``) reads the documents here, sends batches to
  the workers and merges their results in input order: the same graph as a
  local build, for corpora whose merged graph fits in this machine's memory.
* :func:`export_nquads`: each input file is one task; a worker reads it,
  extracts every document and writes the documents' graphs as (gzipped)
  N-Quads (one named graph per document, :mod:`kg.stream`) into a folder
  the workers share.  Nothing passes through this process but file names and
  counts; the parts are what a large SPARQL store bulk-loads (PubMed's 1,200
  baseline files become 1,200 parts).

Workers run tasks in threads; extraction is pure Python, so give each worker
process one thread (``dask worker --nthreads 1 --nworkers N``).

>>> # from dask.distributed import Client, LocalCluster
>>> # client = Client(LocalCluster(n_workers=2, threads_per_worker=1))
>>> # graph = kg.pipeline.build(["corpus/"], client=client)
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import Document, stable_hash
from .parallel import Handle, extract_batch

__all__ = ["DaskRunner", "connect", "export_nquads", "PartReport"]

log = logging.getLogger(__name__)


def connect(client: Any) -> tuple[Any, bool]:
    """A ``distributed.Client`` from a client or a scheduler address, and whether we opened it."""
    if isinstance(client, (str, os.PathLike)):
        from distributed import Client

        return Client(str(client)), True
    return client, False


class DaskRunner:
    """Runs :func:`kg.parallel.extract_batch` on Dask workers."""

    def __init__(self, client: Any, window: int | None = None, fn: Any = None) -> None:
        self.fn = fn or extract_batch
        self.client, self._owned = connect(client)
        threads = sum(self.client.nthreads().values()) or 1
        self.workers = threads
        self.window = window or 3 * threads

    def submit(self, docs: list[Document]) -> Handle:
        return self.client.submit(self.fn, docs, pure=False)

    def close(self) -> None:
        if self._owned:
            self.client.close()


@dataclass(frozen=True, slots=True)
class PartReport:
    """What one input file gave: its N-Quads part, the documents written and the errors."""

    input: str
    output: str
    documents: int
    lines: int
    errors: tuple[str, ...]


def part_name(path: str, compress: bool = True) -> str:
    """A part's file name: the input's name plus a hash of its full path (names may repeat)."""
    name = Path(path).name
    for suffix in (".gz", ".xml", ".json", ".jsonl", ".nxml", ".txt", ".pubtator"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return f"{name}-{stable_hash(os.path.abspath(path), length=8)}.nq{'.gz' if compress else ''}"


def export_file(path: str, out_dir: str, max_bytes: int | None = None, min_belief: float = 0.0,
                annotations: bool = False, compress: bool = True) -> PartReport:
    """Read, extract and write one input file's documents as an N-Quads part (a worker task)."""
    from .parallel import Extraction
    from .stream import StreamWriter

    errors: list[str] = []
    target = Path(out_dir) / part_name(path, compress)
    with Extraction([path], on_error=lambda e: errors.append(str(e)), workers=1, max_bytes=max_bytes,
                    annotations=annotations) as ex, StreamWriter(target, min_belief=min_belief) as w:
        for r in ex:
            w.write(r)
    if w.documents == 0:
        target.unlink(missing_ok=True)
    return PartReport(path, str(target) if w.documents else "", w.documents, w.lines, tuple(errors))


def export_nquads(
    inputs: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    client: Any,
    *,
    max_bytes: int | None = None,
    min_belief: float = 0.0,
    annotations: bool = False,
    compress: bool = True,
) -> list[PartReport]:
    """One N-Quads part per input file, written by the Dask workers into ``out_dir``.

    ``out_dir`` must be reachable by every worker under the same path (a shared
    or network file system).  Parts are gzipped unless ``compress=False`` (for a
    loader that wants plain files).  Reports come back in input order.
    """
    from .readers import iter_paths

    client, owned = connect(client)
    try:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        paths = [str(p) for p in iter_paths(inputs)]
        futures = client.map(export_file, paths, out_dir=str(out_dir), max_bytes=max_bytes, min_belief=min_belief,
                             annotations=annotations, compress=compress, pure=False)
        return list(client.gather(futures))
    finally:
        if owned:
            client.close()
