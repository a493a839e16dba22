"""The recogniser's vocabulary: every matchable name, compiled for fast lookup.

The shipped vocabulary (``ontology/vocab/{concepts,names}.tsv.gz``, built by
``scripts/build_vocab.py``) is compiled once into a cache folder:

* two ``marisa-trie`` record tries, memory-mapped, so that loading costs
  milliseconds whatever the vocabulary's size: ``ci`` (lower-cased names,
  matched in any case) and ``cs`` (exact forms: gene symbols, acronyms,
  cell-line names); each key maps to ``(concept index, rank)`` records;
* a SQLite table of the concepts (CURIE, type, label, cross-references,
  synonyms), read only for the concepts a document mentions.

The cache lives in ``$ALS_KG_CACHE`` (default ``~/.cache/als-kg``), keyed by
the vocabulary's content hash; ``kg vocab compile`` builds it ahead of time.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import logging
import mmap
import os
import shutil
import sqlite3
import tempfile
import threading
from array import array
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

from .model import Concept
from .schema import ontology_dir

__all__ = ["Lexicon", "load_lexicon", "cache_root", "normalise", "FOLD", "Entry"]

log = logging.getLogger(__name__)

FORMAT = "lexicon-v6"
#: ci: lower-cased names, any case; cs: exact forms; csi: symbols matched in mixed case ("Akt", "mTOR")
TRIES = ("ci", "cs", "csi")
MAX_NAME = 80

#: one-to-one character folding applied to names and text alike (keeps offsets)
FOLD = str.maketrans({
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00ad": "-",
    "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
})


def normalise(text: str, lower: bool) -> str:
    """Fold dashes/quotes/spaces (and case) without changing the length.

    >>> normalise("TNF‐α’s", lower=True)
    "tnf-α's"
    """
    t = text.translate(FOLD)
    if lower:
        low = t.lower()
        if len(low) == len(t):
            return low
        return "".join(c.lower() if len(c.lower()) == 1 else c for c in t)
    return t


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon hit: the concept index and how preferred the name is (0 best)."""

    index: int
    rank: int


def cache_root() -> Path:
    env = os.environ.get("ALS_KG_CACHE")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "als-kg"


def _vocab_files(vocab_dir: Path) -> tuple[Path, Path]:
    return vocab_dir / "concepts.tsv.gz", vocab_dir / "names.tsv.gz"


def _read_vocab(vocab_dir: Path) -> tuple[str, dict[str, bytes]]:
    """The vocabulary files' bytes and their hash, read once so that both agree."""
    data = {f.name: f.read_bytes() for f in _vocab_files(vocab_dir)}
    h = hashlib.blake2b(FORMAT.encode(), digest_size=12)
    for name in sorted(data):
        h.update(data[name])
    return h.hexdigest(), data


def vocab_hash(vocab_dir: Path) -> str:
    return _read_vocab(vocab_dir)[0]


def _lines(name: str, raw: bytes):
    try:
        text = gzip.decompress(raw).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise RuntimeError(f"vocabulary file {name} is damaged ({exc}); rebuild it with scripts/build_vocab.py") from None
    lines = text.split("\n")
    if not lines or not lines[0].strip():
        raise RuntimeError(f"vocabulary file {name} is empty; rebuild it with scripts/build_vocab.py")
    for line in lines[1:]:
        if line:
            yield line.split("\t")


def _fold(name: str) -> str:
    """Names that differ only in case, spacing or punctuation fold together."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def compile_lexicon(vocab_dir: Path, target: Path, data: dict[str, bytes] | None = None) -> None:
    """Compile the TSV vocabulary into ``target`` (tries + SQLite), atomically."""
    if data is None:
        data = _read_vocab(vocab_dir)[1]
    concepts_name, names_name = (f.name for f in _vocab_files(vocab_dir))
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".compile-", dir=target.parent))
    try:
        index: dict[str, int] = {}
        db = sqlite3.connect(tmp / "concepts.sqlite")
        db.execute("CREATE TABLE concept (idx INTEGER PRIMARY KEY, curie TEXT, type TEXT, label TEXT, "
                   "xrefs TEXT, source TEXT, synonyms TEXT)")
        concept_rows: list[list] = []
        for curie, type_, label, xrefs, source in _lines(concepts_name, data[concepts_name]):
            index[curie] = len(concept_rows)
            concept_rows.append([len(concept_rows), curie, type_, label, xrefs, source, []])
        tries: dict[str, list[tuple[str, tuple[int, int]]]] = {"ci": [], "cs": [], "csi": []}
        for name, curie, case, rank in _lines(names_name, data[names_name]):
            idx = index.get(curie)
            if idx is None:
                continue
            r = int(rank)
            tries[case].append((normalise(name, lower=case != "cs"), (idx, r)))
            syn = concept_rows[idx][6]
            if r <= 2 and len(syn) < 12 and _fold(name) != _fold(concept_rows[idx][3]):
                if all(_fold(name) != _fold(x) for x in syn):
                    syn.append(name)
        db.executemany("INSERT INTO concept VALUES (?,?,?,?,?,?,?)",
                       [(*row[:6], "|".join(dict.fromkeys(row[6]))) for row in concept_rows])
        db.execute("CREATE INDEX concept_curie ON concept (curie)")
        db.commit()
        db.close()
        for name, items in tries.items():
            _save_trie(tmp, name, items)
        (tmp / "FORMAT").write_text(FORMAT)
        if target.exists():
            shutil.rmtree(target, ignore_errors=True)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _save_trie(folder: Path, name: str, items: list[tuple[str, tuple[int, int]]]) -> None:
    """A key trie plus postings arrays: key id -> [offsets[id], offsets[id+1]) in index/rank."""
    import marisa_trie

    grouped: dict[str, list[tuple[int, int]]] = {}
    for key, value in items:
        grouped.setdefault(key, []).append(value)
    trie = marisa_trie.Trie(grouped)
    n = len(trie)
    by_id: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for key, values in grouped.items():
        by_id[trie[key]] = sorted(set(values))
    offsets = array("I", [0])
    index = array("I")
    ranks = array("B")
    for values in by_id:
        for i, r in values:
            index.append(i)
            ranks.append(r)
        offsets.append(len(index))
    trie.save(str(folder / f"{name}.marisa"))
    (folder / f"{name}.off").write_bytes(offsets.tobytes())
    (folder / f"{name}.idx").write_bytes(index.tobytes())
    (folder / f"{name}.rank").write_bytes(ranks.tobytes())


class _Postings:
    """A memory-mapped key trie and its postings (concept index, rank) per key id."""

    def __init__(self, folder: Path, name: str) -> None:
        import marisa_trie

        self.trie = marisa_trie.Trie()
        self.trie.mmap(str(folder / f"{name}.marisa"))
        self._maps: list[mmap.mmap] = []
        self.offsets = self._map(folder / f"{name}.off", "I")
        self.index = self._map(folder / f"{name}.idx", "I")
        self.ranks = self._map(folder / f"{name}.rank", "B")
        self.prefixes = self.trie.prefixes

    def _map(self, path: Path, code: Literal["I", "B"]) -> memoryview:
        if path.stat().st_size == 0:
            return memoryview(array(code))
        with open(path, "rb") as fh:
            mm = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        self._maps.append(mm)
        return memoryview(mm).cast(code)

    def __contains__(self, key: str) -> bool:
        return key in self.trie

    def __getitem__(self, key: str) -> list[tuple[int, int]]:
        kid = self.trie[key]
        lo, hi = self.offsets[kid], self.offsets[kid + 1]
        return [(self.index[i], self.ranks[i]) for i in range(lo, hi)]

    def keys(self) -> list[str]:
        return self.trie.keys()


class Lexicon:
    """Memory-mapped name tries plus the concept table."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.tries: dict[str, _Postings] = {name: _Postings(folder, name) for name in TRIES}
        self.ci, self.cs, self.csi = self.tries["ci"], self.tries["cs"], self.tries["csi"]
        self._local = threading.local()

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(f"file:{self.folder / 'concepts.sqlite'}?mode=ro", uri=True, check_same_thread=False)
            self._local.db = db
        return db

    def entries(self, trie_name: str, key: str) -> list[Entry]:
        return [Entry(i, r) for i, r in self.tries[trie_name][key]]

    def lookup(self, name: str) -> list[Entry]:
        """Entries for a whole name: exact form, then any case, then mixed-case symbols."""
        out: list[Entry] = []
        key = normalise(name, lower=False)
        if key in self.cs:
            out += self.entries("cs", key)
        low = normalise(name, lower=True)
        if low in self.ci:
            out += self.entries("ci", low)
        if low in self.csi and name != name.lower():
            out += self.entries("csi", low)
        return out

    @lru_cache(maxsize=4096)  # noqa: B019 - one Lexicon per process, lives as long as it
    def by_curie(self, curie: str) -> Concept | None:
        """The concept with this CURIE (or local ``LOCAL:Type/slug`` id), if the vocabulary has it."""
        row = self._db().execute("SELECT idx FROM concept WHERE curie=?", (curie,)).fetchone()
        return self.concept(row[0]) if row else None

    @lru_cache(maxsize=65536)  # noqa: B019 - one Lexicon per process, lives as long as it
    def concept(self, index: int) -> Concept:
        row = self._db().execute("SELECT curie, type, label, xrefs, source, synonyms FROM concept WHERE idx=?",
                                 (index,)).fetchone()
        curie, type_, label, xrefs, source, synonyms = row
        local = curie.startswith("LOCAL:")
        return Concept(
            curie=None if local else curie, type=type_, label=label,
            synonyms=tuple(s for s in synonyms.split("|") if s), xrefs=tuple(x for x in xrefs.split("|") if x),
            source=source,
        )


def ensure_compiled(vocab_dir: Path | None = None, root: Path | None = None) -> Path:
    vocab_dir = vocab_dir or ontology_dir() / "vocab"
    if not (vocab_dir / "names.tsv.gz").is_file():
        raise FileNotFoundError(f"no vocabulary in {vocab_dir} (run scripts/build_vocab.py)")
    digest, data = _read_vocab(vocab_dir)
    target = (root or cache_root()) / f"lexicon-{digest}"
    if not (target / "FORMAT").is_file():
        log.warning("compiling the vocabulary into %s (once; takes a few seconds)", target)
        with contextlib.suppress(FileExistsError, OSError):
            compile_lexicon(vocab_dir, target, data)
        if not (target / "FORMAT").is_file():
            raise RuntimeError(f"could not compile the vocabulary into {target}")
    return target


@cache
def load_lexicon() -> Lexicon:
    """The process's lexicon (compiled on first use, then memory-mapped)."""
    return Lexicon(ensure_compiled())
