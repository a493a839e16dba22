"""A cache of per-document extraction results, for incremental builds.

A result is stored under a key made of the document's content (id, IRI,
title, text, sections: everything extraction reads) and the extractor's
fingerprint (:data:`kg.pipeline.EXTRACTOR_VERSION` plus a hash of the
package's code and of the ``ontology/`` data the recogniser uses).  Re-running
a build on a grown folder therefore extracts only the new or changed
documents; any change to the extractor or its vocabulary makes every entry
miss, so a cached build always gives the graph a full build would.

The store is one SQLite file, ``results.sqlite`` in the cache folder (default
``$ALS_KG_CACHE/results``, else ``~/.cache/als-kg/results``); values are
zlib-compressed pickles of the mentions and relations.  Only the process that
runs the build reads and writes it (workers never do), and SQLite's locking
makes two builds sharing a folder safe.  Delete the folder to empty it.

>>> import tempfile
>>> from kg.model import Document
>>> with ResultCache(tempfile.mkdtemp(), fingerprint="test") as c:
...     d = Document(id="d1", text="Some text.")
...     c.put_many([(c.key(d), ((), ()))])
...     list(c.get_many([c.key(d), "missing"]).values())
[((), ())]
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sqlite3
import zlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from .model import Document

__all__ = ["ResultCache", "extractor_fingerprint", "default_cache_dir"]

log = logging.getLogger(__name__)

_SCHEMA = "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB NOT NULL)"
_CHUNK = 500  # SQLite's bound-parameter limit is well above this


def default_cache_dir() -> Path:
    """``$ALS_KG_CACHE/results`` (default ``~/.cache/als-kg/results``)."""
    from .lexicon import cache_root

    return cache_root() / "results"


@cache
def extractor_fingerprint() -> str:
    """Hash of :data:`~kg.pipeline.EXTRACTOR_VERSION`, the package's files and the ontology data."""
    from .pipeline import EXTRACTOR_VERSION
    from .schema import ontology_dir

    h = hashlib.blake2b(EXTRACTOR_VERSION.encode(), digest_size=16)
    roots = [Path(__file__).resolve().parent, ontology_dir()]
    for root in roots:
        if not root.is_dir():
            continue
        for f in sorted(root.rglob("*")):
            if f.is_file() and "__pycache__" not in f.parts and f.suffix not in (".pyc", ".part"):
                h.update(str(f.relative_to(root)).encode())
                h.update(f.read_bytes())
    return h.hexdigest()


class ResultCache:
    """Document content → (mentions, relations), in SQLite."""

    def __init__(self, directory: str | os.PathLike[str] | None = None, fingerprint: str | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_cache_dir()
        self.directory.mkdir(parents=True, exist_ok=True)
        self.fingerprint = fingerprint or extractor_fingerprint()
        self.path = self.directory / "results.sqlite"
        self._db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(_SCHEMA)
        self.hits = 0
        self.misses = 0

    def key(self, doc: Document) -> str:
        h = hashlib.blake2b(self.fingerprint.encode(), digest_size=20)
        for part in (doc.id, doc.iri, doc.title, doc.text):
            h.update(b"\x1f")
            h.update(part.encode("utf-8", "surrogatepass"))
        for s in doc.sections:
            h.update(f"\x1e{s.name}\x1f{s.start}\x1f{s.end}".encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def get_many(self, keys: list[str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for i in range(0, len(keys), _CHUNK):
            chunk = keys[i:i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            for key, blob in self._db.execute(f"SELECT key, value FROM results WHERE key IN ({marks})", chunk):
                try:
                    out[key] = pickle.loads(zlib.decompress(blob))
                except Exception:  # a corrupt or incompatible entry is a miss
                    log.debug("dropping an unreadable cache entry %s", key, exc_info=True)
        self.hits += len(out)
        self.misses += len(keys) - len(out)
        return out

    def put_many(self, items: Iterable[tuple[str, Any]]) -> None:
        rows = [(k, zlib.compress(pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL), 1)) for k, v in items]
        if rows:
            with self._db:
                self._db.execute("BEGIN")
                self._db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?)", rows)

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM results").fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ResultCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
