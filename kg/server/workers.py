"""Query worker processes with a real timeout.

pyoxigraph cannot cancel a running query, and a thread cannot be killed, so
queries run in a small pool of worker processes, each with the on-disk store
opened read-only.  A query that runs past the timeout has its worker killed and
replaced; the client gets an error instead of an endless wait, and the CPU is
freed.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Job", "Reply", "QueryPool"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Job:
    """One query to run: the text, the result formats wanted and the dataset."""

    query: str
    format: str = "json"
    graph_format: str = "TURTLE"
    limit: int | None = None
    default_graph: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Reply:
    """An HTTP-ready answer: status, content type, body and extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def text(cls, status: int, message: str) -> Reply:
        return cls(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


def run_job(store: Any, job: Job) -> Reply:
    """Evaluate a job against a :class:`~kg.query.store.GraphStore` (in the worker)."""
    import io

    import pyoxigraph as ox

    from ..query.results import MEDIA_TYPES, write_result
    from ..query.store import QueryError

    try:
        result = store.query(job.query, default_graph=list(job.default_graph) or None,
                             named_graphs=list(job.named_graphs) or None)
        buf = io.BytesIO()
        rdf = getattr(ox.RdfFormat, job.graph_format)
        n, truncated = write_result(result, buf, job.format, job.limit, graph_format=rdf)
    except QueryError as exc:
        return Reply.text(400, str(exc))
    except OSError as exc:
        return Reply.text(500, f"query failed: {exc}")
    ctype = rdf.media_type if result.kind == "graph" else MEDIA_TYPES[job.format]
    if ctype.startswith("text/") and "charset" not in ctype:
        ctype += "; charset=utf-8"
    headers = {"X-Result-Count": str(n)}
    if truncated:
        headers["X-Result-Truncated"] = f"true; limit={job.limit}"
    return Reply(200, ctype, buf.getvalue(), headers)


def _worker_main(conn: Any, store_path: str) -> None:  # pragma: no cover - runs in a child process
    from ..query.store import GraphStore

    store = GraphStore.on_disk(store_path, read_only=True)
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if job is None:
            return
        try:
            reply = run_job(store, job)
        except Exception as exc:  # noqa: BLE001 - report, keep serving
            reply = Reply.text(500, f"query failed: {type(exc).__name__}: {exc}")
        conn.send(reply)


class _Worker:
    def __init__(self, ctx: Any, store_path: str) -> None:
        parent, child = ctx.Pipe()
        self.conn = parent
        self.process = ctx.Process(target=_worker_main, args=(child, store_path), daemon=True,
                                   name="kg-query-worker")
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise RuntimeError(f"query worker did not start within {timeout:g} s")
        msg = self.conn.recv()
        if msg != "ready":  # pragma: no cover - defensive
            raise RuntimeError(f"query worker failed to start: {msg!r}")

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class QueryPool:
    """``workers`` processes answering queries from a read-only on-disk store."""

    def __init__(self, store_path: str, workers: int = 2, timeout: float = 30.0, start_timeout: float = 60.0) -> None:
        self.store_path = str(store_path)
        self.size = max(1, workers)
        self.timeout = timeout
        self.start_timeout = start_timeout
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> None:
        workers = [self._spawn() for _ in range(self.size)]
        for w in workers:
            w.wait_ready(self.start_timeout)
            self._idle.put(w)

    def _spawn(self) -> _Worker:
        w = _Worker(self._ctx, self.store_path)
        with self._lock:
            self._all.add(w)
        return w

    def _discard(self, w: _Worker) -> None:
        w.kill()
        with self._lock:
            self._all.discard(w)

    def _replace(self, w: _Worker) -> None:
        self._discard(w)
        if self._closed:
            return

        def respawn() -> None:
            try:
                new = self._spawn()
                new.wait_ready(self.start_timeout)
            except Exception as exc:  # noqa: BLE001 - logged; the pool shrinks by one
                log.error("could not replace a query worker: %s", exc)
                return
            if self._closed:
                self._discard(new)
            else:
                self._idle.put(new)

        threading.Thread(target=respawn, daemon=True, name="kg-respawn").start()

    def run(self, job: Job) -> Reply:
        """Run a job on an idle worker, within the timeout."""
        try:
            w = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return Reply.text(503, f"all {self.size} query workers are busy; try again later")
        try:
            w.conn.send(job)
            if not w.conn.poll(self.timeout):
                log.warning("query timed out after %g s; restarting its worker", self.timeout)
                self._replace(w)
                return Reply.text(503, f"query timed out after {self.timeout:g} s; add a LIMIT or narrow the query")
            reply = w.conn.recv()
        except (EOFError, OSError, BrokenPipeError) as exc:
            self._replace(w)
            return Reply.text(500, f"query worker died: {exc or type(exc).__name__}")
        self._idle.put(w)
        return reply

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for w in workers:
            try:
                w.conn.send(None)
            except OSError:
                pass
            w.process.join(1)
            self._discard(w)
