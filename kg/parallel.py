"""Extraction over many documents: in this process, in worker processes or on Dask.

Documents are read as a stream and cut into batches; each batch goes to a
*runner* (:class:`SerialRunner`, :class:`ProcessRunner`, or
:class:`kg.distributed.DaskRunner`) and its results come back **in input
order**, whatever order the workers finish in, so a parallel build gives
byte-identical output to a serial one.  At most ``window`` batches are in
flight, so memory stays bounded however large the input.  A
:class:`~kg.cache.ResultCache` answers the documents it has seen; only the
others are sent to the runner.

Workers send back only the mentions and relations (the main process already
has the document), so results stream as :class:`~kg.pipeline.DocResult`
records whose ``sentences`` are empty: what :func:`~kg.pipeline.assemble`
and the RDF writers need.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any, Protocol

from .model import Document, Mention, Relation
from .readers import ReadError

__all__ = [
    "Progress", "Runner", "SerialRunner", "ProcessRunner", "extract_batch", "results", "available_cores",
    "auto_workers",
]

log = logging.getLogger(__name__)

#: what a worker returns for one document: its mentions and relations (and, for a streamed
#: build, its N-Triples/N-Quads lines), or an error message
Compact = tuple[tuple[Mention, ...], tuple[Relation, ...]] | tuple[tuple, tuple, list[str]] | str

#: below this many input bytes a build runs in one process (starting workers costs more)
SMALL_INPUT = 2_000_000


def available_cores() -> int:
    """Cores this process may run on (CPU affinity / cgroup aware where the OS tells)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def auto_workers(bytes_total: int) -> int:
    """The default worker count: every core, or one for a small input."""
    return 1 if bytes_total < SMALL_INPUT else available_cores()


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a build has got; given to the ``progress`` callback after every batch."""

    documents: int  #: documents done (extracted or from the cache)
    cached: int  #: of which from the cache
    errors: int  #: files and documents that failed
    bytes_read: int  #: input bytes read so far
    bytes_total: int  #: input bytes in all
    elapsed: float  #: seconds since the start
    finished: bool = False
    read: int = 0  #: documents read so far (ahead of ``documents`` while batches are in flight)

    @property
    def estimated_total(self) -> int | None:
        """Documents expected in all, extrapolated from the documents and bytes read (None before any)."""
        if self.finished:
            return self.documents
        read = max(self.read, self.documents)
        if self.bytes_read <= 0 or read == 0:
            return None
        return max(read, round(read * self.bytes_total / self.bytes_read))


# -- the worker side ------------------------------------------------------------------

def extract_batch(docs: list[Document]) -> list[Compact]:
    """Extract a batch of documents (runs in a worker; must stay importable and picklable).

    A failure of one document becomes its error message; a failure to set up
    the extractor at all is raised (every document would fail the same way).
    """
    from .pipeline import default_extractor

    extractor = default_extractor()
    out: list[Compact] = []
    for doc in docs:
        try:
            r = extractor(doc)
        except Exception as exc:  # one bad document must not sink its batch
            log.debug("extraction failed for %s", doc.id, exc_info=True)
            out.append(f"{type(exc).__name__}: {exc}")
        else:
            out.append((r.mentions, r.relations))
    return out


def serialize_batch(docs: list[Document], fn: Callable[[list[Document]], list[Compact]] | None = None,
                    quads: bool = True, min_belief: float = 0.0) -> list[Compact]:
    """``fn`` (default :func:`extract_batch`) plus each document's RDF lines, made in the worker.

    Used by streamed builds so that serialising, not only extracting, runs in parallel.
    """
    from .pipeline import DocResult
    from .stream import document_lines

    out: list[Compact] = []
    for doc, value in zip(docs, (fn or extract_batch)(docs), strict=True):
        if isinstance(value, str):
            out.append(value)
        else:
            result = DocResult(doc, (), tuple(value[0]), tuple(value[1]))
            out.append((value[0], value[1], document_lines(result, quads=quads, min_belief=min_belief)))
    return out


# -- runners --------------------------------------------------------------------------

class Handle(Protocol):
    def done(self) -> bool: ...
    def result(self) -> list[Compact]: ...


class Runner(Protocol):
    """Runs :func:`extract_batch` on batches; ``window`` batches may be in flight."""

    window: int

    def submit(self, docs: list[Document]) -> Handle: ...
    def close(self) -> None: ...


class _Done:
    __slots__ = ("value",)

    def __init__(self, value: list[Compact]) -> None:
        self.value = value

    def done(self) -> bool:
        return True

    def result(self) -> list[Compact]:
        return self.value


class SerialRunner:
    """Extraction in this process."""

    window = 1

    def __init__(self, fn: Callable[[list[Document]], list[Compact]] | None = None) -> None:
        self.fn = fn or extract_batch

    def submit(self, docs: list[Document]) -> Handle:
        return _Done(self.fn(docs))

    def close(self) -> None:
        pass


def _mp_context() -> multiprocessing.context.BaseContext:
    # forkserver: workers start from a clean single-threaded server, not a copy of a
    # process that may run threads (progress bar, Dask client); spawn where there is no fork
    method = "forkserver" if sys.platform != "win32" and "forkserver" in multiprocessing.get_all_start_methods() \
        else "spawn"
    return multiprocessing.get_context(method)


def _prepare_vocabulary() -> None:
    """Compile the lexicon here, once, rather than in every worker at the same time."""
    try:
        from .lexicon import ensure_compiled

        ensure_compiled()
    except Exception:  # the workers will report it
        log.debug("could not compile the vocabulary ahead of the workers", exc_info=True)


class ProcessRunner:
    """Extraction in ``workers`` processes (each loads the lexicon once, lazily)."""

    def __init__(self, workers: int, window: int | None = None,
                 fn: Callable[[list[Document]], list[Compact]] | None = None) -> None:
        from concurrent.futures import ProcessPoolExecutor

        self.fn = fn or extract_batch
        self.workers = workers
        self.window = window or 4 * workers
        _prepare_vocabulary()
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context())

    def submit(self, docs: list[Document]) -> Handle:
        return self._pool.submit(self.fn, docs)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


# -- the driver -----------------------------------------------------------------------

Given = tuple[Mention, ...]


def results(
    items: Iterable[tuple[Document, Given]],
    runner: Runner,
    *,
    cache: Any = None,
    on_error: Callable[[ReadError], None],
    batch_size: int = 64,
    progress: Callable[[Progress], None] | None = None,
    position: Callable[[], tuple[int, int]] = lambda: (0, 0),
    errors: Callable[[], int] = lambda: 0,
    with_lines: bool = False,
) -> Iterator[Any]:
    """:class:`~kg.pipeline.DocResult` for every document of ``items``, in input order.

    ``items`` gives each document with the mentions its corpus annotates (or
    ``()``); those are added to what the extractor finds.  ``position()`` gives
    ``(bytes_read, bytes_total)`` and ``errors()`` the errors so far, for
    :class:`Progress`.  With ``with_lines``, yields ``(result, lines)`` pairs:
    the RDF lines the runner made (see :func:`serialize_batch`), or None where
    the caller must make them (cached results, given annotations).
    """
    from .pipeline import DocResult

    t0 = time.perf_counter()
    done = cached = read = 0
    pending: deque[tuple[list[tuple[Document, Given]], list[str] | None, dict[str, Any], Handle | None]] = deque()
    it = iter(items)

    def report(finished: bool = False) -> None:
        if progress is not None:
            at, total = position()
            progress(Progress(done, cached, errors(), at, total, time.perf_counter() - t0, finished, read))

    def emit(batch, keys, hits, handle) -> Iterator[Any]:
        nonlocal done, cached
        computed = iter(handle.result()) if handle is not None else iter(())
        fresh: list[tuple[str, Any]] = []
        for i, (doc, given) in enumerate(batch):
            key = keys[i] if keys is not None else None
            if key is not None and key in hits:
                value = hits[key]
                cached += 1
            else:
                value = next(computed)
                if isinstance(value, str):
                    on_error(ReadError(doc.source or doc.id, f"document {doc.id}: extraction failed: {value}"))
                    continue
                if key is not None:
                    fresh.append((key, (value[0], value[1])))
            mentions, relations = value[0], value[1]
            done += 1
            result = DocResult(doc, (), tuple(mentions) + tuple(given), tuple(relations))
            if with_lines:
                yield result, (value[2] if len(value) > 2 and not given else None)
            else:
                yield result
        if fresh:
            cache.put_many(fresh)
        report()

    while True:
        batch = list(islice(it, batch_size))
        if not batch:
            break
        read += len(batch)
        keys = [cache.key(d) for d, _ in batch] if cache is not None else None
        hits = cache.get_many(keys) if keys is not None else {}
        misses = [d for i, (d, _) in enumerate(batch) if keys is None or keys[i] not in hits]
        handle = runner.submit(misses) if misses else None
        pending.append((batch, keys, hits, handle))
        while pending and (len(pending) >= runner.window or pending[0][3] is None or pending[0][3].done()):
            yield from emit(*pending.popleft())
    while pending:
        yield from emit(*pending.popleft())
    report(finished=True)


def unique_pairs(items: Iterable[tuple[Document, Given]]) -> Iterator[tuple[Document, Given]]:
    """Give documents that share an id distinct ids (``id-2``, ...), in order, with their mentions.

    Same rule as :func:`kg.pipeline.unique_ids`.
    """
    from dataclasses import replace

    seen: dict[str, int] = {}
    for doc, given in items:
        n = seen.get(doc.id, 0)
        seen[doc.id] = n + 1
        if n:
            new = replace(doc, id=f"{doc.id}-{n + 1}", iri="")
            given = tuple(replace(m, doc_id=new.id) for m in given)
            doc = new
        yield doc, given


class Extraction:
    """Reading, cache and runner of one build, set up and torn down together.

    Iterating gives the :class:`~kg.pipeline.DocResult` of every document in
    input order; ``workers=None`` picks :func:`auto_workers`; ``client`` (a
    ``dask.distributed.Client`` or a scheduler address) runs extraction on Dask;
    ``batch_fn`` replaces :func:`extract_batch` (a picklable, importable function
    with the same contract, e.g. another extractor).  With ``lines=(quads,
    min_belief)`` the runner also serialises each document (see
    :func:`serialize_batch`) and iterating gives ``(result, lines)`` pairs.
    """

    def __init__(
        self,
        inputs: Iterable[str | os.PathLike[str]],
        *,
        on_error: Callable[[ReadError], None],
        workers: int | None = 1,
        cache: Any = None,
        client: Any = None,
        max_bytes: int | None = None,
        annotations: bool = False,
        progress: Callable[[Progress], None] | None = None,
        batch_size: int | None = None,
        batch_fn: Callable[[list[Document]], list[Compact]] | None = None,
        lines: tuple[bool, float] | None = None,
    ) -> None:
        from .readers import MAX_BYTES
        from .readers.source import DocumentSource

        self.errors = 0

        def count_error(err: ReadError) -> None:
            self.errors += 1
            on_error(err)

        self.on_error = count_error
        self.source = DocumentSource(inputs, on_error=count_error, max_bytes=max_bytes or MAX_BYTES,
                                     annotations=annotations)
        self._own_cache = False
        self.cache = None
        if cache is not None and cache is not False:
            from .cache import ResultCache

            if isinstance(cache, ResultCache):
                self.cache = cache
            else:
                self.cache = ResultCache(None if cache is True else cache)
                self._own_cache = True
        self.lines = lines
        if lines is not None:
            from functools import partial

            batch_fn = partial(serialize_batch, fn=batch_fn, quads=lines[0], min_belief=lines[1])
        self.runner: Runner
        if client is not None:
            from .distributed import DaskRunner

            self.runner = DaskRunner(client, fn=batch_fn)
            self.workers = self.runner.workers
        else:
            n = auto_workers(self.source.bytes_total) if workers is None else max(1, workers)
            self.workers = n
            self.runner = SerialRunner(batch_fn) if n == 1 else ProcessRunner(n, fn=batch_fn)
        self.progress = progress
        self.batch_size = batch_size or (256 if client is not None else 64)

    def __iter__(self) -> Iterator[Any]:
        src = self.source
        return results(
            unique_pairs(src), self.runner, cache=self.cache, on_error=self.on_error, batch_size=self.batch_size,
            progress=self.progress, position=lambda: (src.bytes_read, src.bytes_total), errors=lambda: self.errors,
            with_lines=self.lines is not None,
        )

    def close(self) -> None:
        try:
            self.runner.close()
        finally:
            if self._own_cache and self.cache is not None:
                self.cache.close()

    def __enter__(self) -> Extraction:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
