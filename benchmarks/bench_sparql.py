"""SPARQL benchmark: the project's embedded store (pyoxigraph) against rdflib in memory, side by side.

    python benchmarks/bench_sparql.py                     # >= 1,000,000 triples, every examples/queries/*.rq
    python benchmarks/bench_sparql.py --triples 200000 --runs 3
    python benchmarks/bench_sparql.py --inputs seeds/ ../shared/eval/biored-dev

The corpus graph (``kg build`` of ``--inputs``, default ``seeds/``) is
replicated until it holds at least ``--triples`` triples: copy 0 is the corpus
graph itself; copy k renames every IRI that is not a vocabulary term
(concepts, documents, claims, evidence records) by appending ``#k``, so the big
graph is k disjoint copies.  Queries bound to one concept (ALS, BTK...) find
copy 0's answer among a million triples; unbound ones (aggregates, shared
concepts, speculative claims) scan every copy.

Both stores load the same N-Triples file, in memory; then every example query
runs ``--runs`` times on each (with its ``#+ bind:`` default bindings:
pyoxigraph substitutions, rdflib initBindings), and the median latency is
printed per query with the ratio.  rdflib runs each query in a forked child
that is stopped after ``--rdflib-budget`` seconds; such a query's rdflib time
counts as the budget and its ratio is printed as a lower bound (``>``).  The goal (issue 5): the project's store is
at least 10x faster on the median query.  Both engines must return the same
number of rows; a mismatch is flagged.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VOCAB = ("https://w3id.org/als-kg/schema#", "http://www.w3.org/", "http://purl.org/dc/terms/",
         "https://w3id.org/biolink/")
_IRI = re.compile(r"<([^>]*)>")


def corpus_lines(inputs: list[str]) -> list[str]:
    import kg
    from kg.export.rdf import nt_line, triples

    graph = kg.build(inputs)
    return sorted({nt_line(s, p, o) for s, p, o in triples(graph)})


def replicate(lines: list[str], target: int, out: Path) -> tuple[int, int]:
    """Write copies of ``lines`` to ``out`` until ``target`` triples; returns (triples, copies)."""

    def rename(k: int):
        def sub(m: re.Match) -> str:
            iri = m.group(1)
            return m.group(0) if iri.startswith(VOCAB) else f"<{iri}#{k}>"
        return sub

    copies = max(1, -(-target // len(lines)))
    with out.open("w", encoding="utf-8") as fh:
        fh.writelines(lines)
        for k in range(1, copies):
            sub = rename(k)
            fh.writelines(_IRI.sub(sub, line) for line in lines)
    return copies * len(lines), copies


def timed(fn) -> tuple[float, object]:
    t0 = time.perf_counter()
    value = fn()
    return time.perf_counter() - t0, value


def rdflib_bindings(bindings: dict) -> dict:
    import pyoxigraph as ox
    from rdflib import Literal, URIRef, Variable

    out = {}
    for name, term in bindings.items():
        if isinstance(term, ox.NamedNode):
            out[Variable(name)] = URIRef(term.value)
        elif term.language:
            out[Variable(name)] = Literal(term.value, lang=term.language)
        elif term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
            out[Variable(name)] = Literal(term.value)  # rdflib tells "x" from "x"^^xsd:string
        else:
            out[Variable(name)] = Literal(term.value, datatype=URIRef(term.datatype.value))
    return out


_RDFLIB_GRAPH: list = []  # the rdflib graph, set before forking so children share it


def _rdflib_child(conn, query: str, bindings: dict, runs: int) -> None:  # runs in a forked child
    g = _RDFLIB_GRAPH[0]
    for _ in range(runs):
        t0 = time.perf_counter()
        rows = len(list(g.query(query, initBindings=bindings)))
        conn.send((time.perf_counter() - t0, rows))
    conn.close()


def time_rdflib(query: str, bindings: dict, runs: int, budget: float) -> tuple[list[float], int | None, bool]:
    """rdflib run times (a forked child per query, killed after ``budget`` s per run); (times, rows, finished)."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_rdflib_child, args=(child, query, bindings, runs))
    proc.start()
    child.close()
    times, rows, finished = [], None, True
    try:
        for _ in range(runs):
            if not parent.poll(budget):
                finished = False
                times.append(budget)
                break
            dt, rows = parent.recv()
            times.append(dt)
            if dt * 2 > budget:  # no time for more runs
                break
    finally:
        proc.kill()
        proc.join()
    return times, rows, finished


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000, help="size of the replicated graph (default 1M)")
    ap.add_argument("--inputs", nargs="+", default=[str(ROOT / "seeds")], help="articles of the corpus graph")
    ap.add_argument("--queries", default=str(ROOT / "examples" / "queries"), help="folder of .rq files")
    ap.add_argument("--runs", type=int, default=5, help="runs per query on the project's store")
    ap.add_argument("--rdflib-runs", type=int, default=3, help="runs per query on rdflib")
    ap.add_argument("--rdflib-budget", type=float, default=60.0,
                    help="stop an rdflib run after this many seconds (its time then counts as the budget)")
    args = ap.parse_args(argv)

    import pyoxigraph as ox
    from rdflib import Graph

    from kg.query.expect import load_examples
    from kg.query.store import GraphStore

    examples = load_examples(args.queries)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        nt = Path(tmp) / "big.nt"
        t_build, lines = timed(lambda: corpus_lines(args.inputs))
        n, copies = replicate(lines, args.triples, nt)
        print(f"corpus graph: {len(lines)} triples from {' '.join(args.inputs)} ({t_build:.1f} s); "
              f"replicated x{copies} -> {n:,} triples, {nt.stat().st_size / 1e6:.0f} MB N-Triples")

        def load_ox() -> GraphStore:
            gs = GraphStore.memory()
            gs.store.load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
            return gs

        t_ox_load, gs = timed(load_ox)
        t_rdf_load, g = timed(lambda: Graph().parse(nt, format="nt"))
        _RDFLIB_GRAPH[:] = [g]
        print(f"load (in memory)      project store (pyoxigraph) {t_ox_load:7.2f} s   rdflib {t_rdf_load:7.2f} s   "
              f"ratio {t_rdf_load / t_ox_load:6.1f}x   ({len(gs):,} / {len(g):,} triples)")
        db = Path(tmp) / "db"
        t_disk, disk = timed(lambda: GraphStore.open(nt, store=db))
        del disk
        t_reopen, disk = timed(lambda: GraphStore.open(nt, store=db))
        print(f"on-disk store (--store): first load {t_disk:.2f} s, later opens {t_reopen * 1e3:.0f} ms "
              f"({len(disk):,} triples, no re-parse)")
        del disk

        header = f"{'query':<34}{'rows':>7}{'oxigraph ms':>14}{'rdflib ms':>12}{'ratio':>9}"
        print(header)
        print("-" * len(header))
        ox_medians, rdf_medians, ratios, mismatches, unfinished = [], [], [], [], []
        for ex in examples:
            ox_times, rows = [], 0
            for _ in range(args.runs):
                dt, res = timed(lambda ex=ex: list(gs.query(ex.query, ex.bindings)))
                ox_times.append(dt)
                rows = len(res)
            rdf_times, rdf_rows, finished = time_rdflib(ex.query, rdflib_bindings(ex.bindings), args.rdflib_runs,
                                                        args.rdflib_budget)
            m_ox, m_rdf = statistics.median(ox_times), statistics.median(rdf_times)
            ox_medians.append(m_ox)
            rdf_medians.append(m_rdf)
            ratios.append(m_rdf / m_ox)
            bound = "" if finished else ">"
            if not finished:
                unfinished.append(ex.name)
                flag = f"   rdflib stopped after {args.rdflib_budget:g} s"
            elif rows != rdf_rows:
                flag = f"   ROWS DIFFER (rdflib {rdf_rows})"
                mismatches.append(ex.name)
            else:
                flag = ""
            print(f"{ex.name:<34}{rows:>7}{m_ox * 1e3:>14.2f}{bound + f'{m_rdf * 1e3:.1f}':>12}"
                  f"{bound + f'{m_rdf / m_ox:.0f}':>8}x{flag}", flush=True)
        med_ox, med_rdf = statistics.median(ox_medians), statistics.median(rdf_medians)
        print("-" * len(header))
        lower = ">=" if unfinished else ""
        print(f"median query latency  project store {med_ox * 1e3:.2f} ms   rdflib {lower}{med_rdf * 1e3:.1f} ms   "
              f"ratio {lower}{med_rdf / med_ox:.0f}x (goal >= 10x)   per-query ratios: min {min(ratios):.0f}x, "
              f"median {lower}{statistics.median(ratios):.0f}x, max {lower}{max(ratios):.0f}x")
        if unfinished:
            print(f"rdflib did not finish within {args.rdflib_budget:g} s: {', '.join(unfinished)} "
                  "(their rdflib time counts as the budget, so those ratios are lower bounds)")
        if mismatches:
            print(f"warning: row counts differ for {', '.join(mismatches)}")
        return 0 if med_rdf / med_ox >= 10 and not mismatches else 1


if __name__ == "__main__":
    sys.exit(main())
