"""Ingestion benchmark: BioRED abstracts replicated to a large PubTator corpus, built with 1 and N workers.

    python benchmarks/bench_ingest.py                       # 100,000 abstracts, workers 1 and 2
    python benchmarks/bench_ingest.py --docs 5000 --workers 1,2 --extractor null

The BioRED train+dev PubTator files (500 real abstracts) are replicated, each
copy under a fresh PMID, into ``--files`` PubTator files.  Each configuration
runs ``kg.pipeline.build()`` (read, extract, assemble the merged graph) in a
fresh child process while this process samples the resident memory of the
child and all its workers (psutil, every 0.1 s), and their CPU time.  Printed
side by side, in one run: documents per second, per second per worker core,
the speed-up over one worker, documents per CPU-second, and the peak memory.  Goal (issue 7): >= 1,000 abstracts/s/core and
< 2 GB peak.

``--extractor null`` replaces extraction with a no-op, to measure what the
ingestion machinery itself (reading, batching, IPC, ordering, assembly) costs.
``--extractor replay`` extracts the 500 distinct abstracts for real once, then
gives each copy its original's results re-labelled with the copy's id: the
graph (and so the memory) of a real build of the whole corpus, at the cost of
the machinery only.
``--output nq`` runs a streamed build instead (per-document N-Quads, made by
the workers, written as they come: no merged graph); ``--output ttl`` also
writes the merged graph as Turtle; both count that time.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "biored"
FIRST_PMID = 90_000_000


# -- corpus -----------------------------------------------------------------------------

def blocks(path: Path) -> list[list[str]]:
    out, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            cur.append(line)
        elif cur:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def make_corpus(corpus: Path, target: Path, docs: int, files: int) -> int:
    """Write ``docs`` abstracts into ``files`` PubTator files; returns the bytes written."""
    source = [b for name in ("Train.PubTator", "Dev.PubTator") for b in blocks(corpus / name)]
    if not source:
        raise SystemExit(f"no PubTator abstracts in {corpus}")
    target.mkdir(parents=True, exist_ok=True)
    per_file = -(-docs // files)
    written = n = 0
    for f in range(files):
        with open(target / f"part-{f:04d}.PubTator", "w", encoding="utf-8") as fh:
            for _ in range(min(per_file, docs - n)):
                block = source[n % len(source)]
                old = block[0].split("|", 1)[0]
                new = str(FIRST_PMID + n)
                for line in block:
                    fh.write(new + line[len(old):] + "\n")
                fh.write("\n")
                n += 1
        written += (target / f"part-{f:04d}.PubTator").stat().st_size
    return written


# -- the measured child --------------------------------------------------------------------

def null_batch(docs):
    """A no-op extractor (``--extractor null``): what the machinery alone costs."""
    return [((), ()) for _ in docs]


_REPLAY: list = []


def replay_batch(docs):
    """``--extractor replay``: each copy gets its original's real results, re-labelled."""
    import pickle
    from dataclasses import replace

    if not _REPLAY:
        with open(os.environ["KG_BENCH_REPLAY"], "rb") as fh:
            _REPLAY.extend(pickle.load(fh))
    out = []
    for d in docs:
        mentions, relations = _REPLAY[(int(d.metadata["pmid"]) - FIRST_PMID) % len(_REPLAY)]
        out.append((tuple(replace(m, doc_id=d.id) for m in mentions),
                    tuple(replace(r, evidence=replace(r.evidence, doc_id=d.id, doc_iri=d.iri)) for r in relations)))
    return out


def prepare_replay(corpus: Path, target: Path) -> Path:
    """Extract the distinct abstracts once, for real, in order; their results pickled for :func:`replay_batch`."""
    import pickle

    from kg.parallel import extract_batch
    from kg.readers.pubtator import read_pubtator

    docs = [d for name in ("Train.PubTator", "Dev.PubTator") for d in read_pubtator(corpus / name)]
    results = extract_batch(docs)
    bad = [r for r in results if isinstance(r, str)]
    if bad:
        raise SystemExit(f"extraction failed on {len(bad)} source abstracts: {bad[0]}")
    path = target / "replay.pickle"
    path.write_bytes(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
    return path


def child(args: argparse.Namespace) -> None:
    t0 = time.perf_counter()
    from kg.pipeline import build

    errors = []
    fn = {"null": null_batch, "replay": replay_batch}.get(args.extractor)
    t1 = time.perf_counter()
    if args.output == "nq":
        from kg.parallel import Extraction
        from kg.stream import StreamWriter

        with Extraction([args.input], on_error=errors.append, workers=args.workers, batch_fn=fn,
                        lines=(True, 0.0)) as ex, StreamWriter(Path(args.tmp) / f"out-{args.workers}.nq") as w:
            for r, lines in ex:
                w.write(r, lines)
        docs = w.documents
        stats = {}
    else:
        if fn is None:
            graph = build([args.input], workers=args.workers, on_error=errors.append)
        else:
            from kg.parallel import Extraction
            from kg.pipeline import assemble

            with Extraction([args.input], on_error=errors.append, workers=args.workers, batch_fn=fn) as ex:
                graph = assemble(ex)
        stats = graph.stats()
        docs = stats["documents"]
        if args.output == "ttl":
            graph.serialize(str(Path(args.tmp) / f"out-{args.workers}.ttl"))
    t2 = time.perf_counter()
    print(json.dumps({"documents": docs, "errors": len(errors), "seconds": t2 - t1, "startup": t1 - t0,
                      "concepts": stats.get("nodes"), "relations": stats.get("edges"),
                      "first_error": str(errors[0]) if errors else ""}))


# -- the parent ------------------------------------------------------------------------------

def sample_tree(proc, cpu: dict[int, float]) -> int:
    """Resident bytes of ``proc`` and its descendants; records each one's CPU seconds in ``cpu``."""
    import psutil

    total = 0
    try:
        procs = [proc] + proc.children(recursive=True)
    except psutil.Error:
        return 0
    for p in procs:
        try:
            with p.oneshot():
                total += p.memory_info().rss
                t = p.cpu_times()
                cpu[p.pid] = t.user + t.system
        except psutil.Error:
            pass
    return total


def measure(args: argparse.Namespace, workers: int, corpus_dir: Path) -> dict:
    import psutil

    cmd = [sys.executable, __file__, "--child", "--input", str(corpus_dir), "--workers", str(workers),
           "--extractor", args.extractor, "--output", args.output, "--tmp", str(corpus_dir.parent)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    ps = psutil.Process(proc.pid)
    peak = 0
    cpu: dict[int, float] = {}
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, sample_tree(ps, cpu))
            stop.wait(0.1)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    out, err = proc.communicate()
    stop.set()
    t.join()
    if proc.returncode != 0:
        raise SystemExit(f"child failed ({proc.returncode}):\n{err[-3000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_mb"] = peak / 2**20
    result["cpu_seconds"] = sum(cpu.values())
    result["workers"] = workers
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder with BioRED Train/Dev.PubTator")
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--files", type=int, default=20)
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts, run in this order")
    ap.add_argument("--extractor", choices=("real", "replay", "null"), default="real")
    ap.add_argument("--output", choices=("none", "nq", "ttl"), default="none")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--input", help=argparse.SUPPRESS)
    ap.add_argument("--tmp", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        args.workers = int(args.workers)
        child(args)
        return

    counts = [int(w) for w in args.workers.split(",")]
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        corpus_dir = Path(tmp) / "corpus"
        size = make_corpus(args.corpus, corpus_dir, args.docs, args.files)
        if args.extractor == "replay":
            os.environ["KG_BENCH_REPLAY"] = str(prepare_replay(args.corpus, Path(tmp)))
        print(f"corpus: {args.docs:,} PubTator abstracts (BioRED train+dev replicated) in {args.files} files, "
              f"{size / 1e6:.0f} MB; extractor: {args.extractor}; output: {args.output}; "
              f"{os.cpu_count()} cores", flush=True)
        rows = []
        for w in counts:
            r = measure(args, w, corpus_dir)
            rows.append(r)
            print(f"  ran workers={w}: {r['documents']:,} documents in {r['seconds']:.1f} s", flush=True)

    base = rows[0]["documents"] / rows[0]["seconds"]
    print()
    print(f"{'workers':>7} {'documents':>10} {'errors':>6} {'seconds':>8} {'docs/s':>8} {'docs/s/core':>11} "
          f"{'speed-up':>8} {'CPU s':>7} {'docs/CPU-s':>10} {'peak MB':>8}")
    for r in rows:
        rate = r["documents"] / r["seconds"]
        print(f"{r['workers']:>7} {r['documents']:>10,} {r['errors']:>6} {r['seconds']:>8.1f} {rate:>8.0f} "
              f"{rate / r['workers']:>11.0f} {rate / base:>7.2f}x {r['cpu_seconds']:>7.1f} "
              f"{r['documents'] / max(r['cpu_seconds'], 1e-9):>10.0f} {r['peak_mb']:>8.0f}")
    print("(docs/s/core = wall-clock rate / workers; docs/CPU-s = documents / CPU seconds of the build's "
          "processes, which a machine busy with other work does not distort)")
    best = min(r["documents"] / r["seconds"] / r["workers"] for r in rows)
    peak = max(r["peak_mb"] for r in rows)
    print(f"\ngoal: >= 1,000 docs/s/core ({'met' if best >= 1000 else 'NOT met'}: worst {best:.0f}); "
          f"< 2,048 MB peak ({'met' if peak < 2048 else 'NOT met'}: {peak:.0f} MB)")
    if rows[0].get("first_error"):
        print(f"first error: {rows[0]['first_error']}")


if __name__ == "__main__":
    main()
