"""Recognition benchmark: kg's recogniser against spaCy's PhraseMatcher, same vocabulary, same run.

    python benchmarks/bench_recognise.py                 # BioRED train+dev replicated to 10 MB
    python benchmarks/bench_recognise.py --mb 2 --no-build --profile 500

Corpus: the BioRED train+dev PubTator files (500 real PubMed abstracts), each
document being ``title + "\\n" + abstract``; the list is replicated (copies
under fresh ids) until its text reaches ``--mb`` megabytes (UTF-8, 1 MB =
10^6 bytes).

Systems, loaded and timed in this one process on the same documents:

* **ours**: ``kg.recognise.Recogniser().mentions(doc, split_sentences(...))``
  over the shipped vocabulary (``ontology/vocab``), compiled lexicon
  memory-mapped; the time includes sentence splitting;
* **baseline**: spaCy ``PhraseMatcher(nlp.vocab, attr="LOWER")`` on
  ``spacy.blank("en")`` holding every name of ``ontology/vocab/names.tsv.gz``
  (names equal once lower-cased are one pattern, since ``LOWER`` cannot tell
  them apart; each pattern's key maps back to all the CURIEs that name it).
  Timed: ``nlp.pipe`` (tokenisation) + ``matcher(doc)``, i.e. everything the
  baseline needs to find its matches.  It matches every name in any case and
  returns every overlapping match (no disambiguation), so it is a
  high-recall, low-precision reference.

The two are timed over the whole replicated corpus in turns, ten chunks each
(ours, baseline, ours, ...), so that both see the same machine load; wall
time (``time.perf_counter``) is the measure, this process's CPU time
(``time.process_time``) is printed beside it.  ``--repeat N`` keeps the best
of N such passes.  Both systems' caches (spaCy's tokenizer cache, the
lexicon's concept cache) warm up on the first copy of each abstract.

Correct concepts are counted on the distinct (un-replicated) abstracts against
the BioRED annotations: a gold concept is (PMID, id) with genes as
``NCBIGene:<id>``, diseases and chemicals as ``MESH:<id>``, organisms as
``NCBITaxon:<id>``, cell lines as ``cellosaurus:<id>`` (variants are left out).
A system's concepts for a document are the CURIEs it matched plus their
cross-references; correct = |found ∩ gold| summed over documents.

Also measured, in child processes with a fresh vocabulary cache
(``ALS_KG_CACHE``) and this tree first on ``PYTHONPATH``: ``kg build seeds/000_... -o out.ttl -q`` cold (includes
the one-time vocabulary compile) and warm (best of 3), and the time to import
kg and load the lexicon.  Goals (issue 3): >= 5x the baseline's speed, at
least as many correct concepts, warm ``kg build`` < 2 s.  The exit status is
non-zero only on errors, never on a missed goal.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "biored"
DEFAULT_SEED = ROOT / "seeds" / "000_7ab7e18390956353.txt"
CORPUS_FILES = ("Train.PubTator", "Dev.PubTator")
MB = 1_000_000

#: BioRED entity type -> CURIE prefix of its ids (SequenceVariant is left out)
GOLD_PREFIX = {
    "GeneOrGeneProduct": "NCBIGene",
    "DiseaseOrPhenotypicFeature": "MESH",
    "ChemicalEntity": "MESH",
    "OrganismTaxon": "NCBITaxon",
    "CellLine": "cellosaurus",
}
GOLD_NAMESPACES = frozenset(GOLD_PREFIX.values())


# -- corpus ------------------------------------------------------------------------------

@dataclass
class Article:
    """One PubTator abstract with its gold concepts (CURIE -> BioRED type)."""

    pmid: str
    title: str = ""
    abstract: str = ""
    gold: dict[str, str] = field(default_factory=dict)
    surface: dict[str, str] = field(default_factory=dict)  # first mention of each gold CURIE

    @property
    def text(self) -> str:
        return self.title + "\n" + self.abstract


def gold_curies(type_: str, ids: str) -> list[str]:
    """CURIEs of one annotation's ids.

    >>> gold_curies("GeneOrGeneProduct", "3172,3651")
    ['NCBIGene:3172', 'NCBIGene:3651']
    >>> gold_curies("ChemicalEntity", "-"), gold_curies("SequenceVariant", "rs1")
    ([], [])
    """
    prefix = GOLD_PREFIX.get(type_)
    if prefix is None:
        return []
    return [f"{prefix}:{i.strip()}" for i in ids.replace(";", ",").split(",") if i.strip() not in ("", "-")]


def read_pubtator(path: Path) -> list[Article]:
    """Articles of a PubTator file: ``PMID|t|``, ``PMID|a|`` and tab-separated annotation lines."""
    articles: dict[str, Article] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            head = line[:40]
            if "|t|" in head or "|a|" in head:
                pmid, kind, body = line.split("|", 2)
                art = articles.setdefault(pmid, Article(pmid))
                if kind == "t":
                    art.title = body
                else:
                    art.abstract = body
                continue
            cols = line.split("\t")
            if len(cols) >= 6 and cols[0] in articles:  # PMID start end mention type ids
                for curie in gold_curies(cols[4], cols[5]):
                    articles[cols[0]].gold.setdefault(curie, cols[4])
                    articles[cols[0]].surface.setdefault(curie, cols[3])
    return list(articles.values())


def load_corpus(corpus: Path) -> list[Article]:
    """BioRED train + dev; a clear error when the folder or its files are missing."""
    missing = [n for n in CORPUS_FILES if not (corpus / n).is_file()]
    if missing:
        raise SystemExit(f"bench_recognise: no BioRED corpus in {corpus} (missing {', '.join(missing)}); "
                         "pass --corpus DIR")
    articles = [a for name in CORPUS_FILES for a in read_pubtator(corpus / name)]
    if not articles:
        raise SystemExit(f"bench_recognise: no PubTator abstracts in {corpus}")
    return articles


def documents(articles: Sequence[Article]) -> list:
    from kg.model import Document

    return [Document(id=a.pmid, text=a.text, title=a.title, format="pubtator") for a in articles]


def replicate(docs: Sequence, mb: float) -> list:
    """The documents, cycled (copies get ids ``PMID.k``) until their text is >= ``mb`` MB."""
    from dataclasses import replace

    target = mb * MB
    out, size, k = [], 0, 0
    while size < target:
        for d in docs:
            out.append(d if k == 0 else replace(d, id=f"{d.id}.{k}"))
            size += len(d.text.encode("utf-8"))
            if size >= target:
                break
        k += 1
    return out


def megabytes(docs: Iterable) -> float:
    return sum(len(d.text.encode("utf-8")) for d in docs) / MB


# -- vocabulary --------------------------------------------------------------------------

def _tsv(path: Path) -> Iterable[list[str]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            yield line.rstrip("\n").split("\t")


def read_vocab(vocab_dir: Path) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """``(patterns, xrefs)``: lower-cased name -> (first spelling, CURIEs...) and CURIE -> cross-references.

    Only names of concepts in ``concepts.tsv.gz`` count (as in the compiled lexicon).
    """
    xrefs = {row[0]: tuple(x for x in row[3].split("|") if x) for row in _tsv(vocab_dir / "concepts.tsv.gz")}
    first: dict[str, str] = {}
    curies: dict[str, dict[str, None]] = {}
    for name, curie, _case, _rank in _tsv(vocab_dir / "names.tsv.gz"):
        if curie not in xrefs:
            continue
        key = name.lower()
        first.setdefault(key, name)
        curies.setdefault(key, {})[curie] = None
    return {k: (first[k], *c) for k, c in curies.items()}, xrefs


def load_ours(vocab_dir: Path | None = None, cache: Path | None = None):
    """``(recogniser, seconds, compiled)``: the lexicon loaded (compiled first if it was not cached)."""
    from kg.lexicon import Lexicon, cache_root, ensure_compiled, vocab_hash
    from kg.recognise import Recogniser
    from kg.schema import ontology_dir

    vdir = vocab_dir or ontology_dir() / "vocab"
    compiled = not ((cache or cache_root()) / f"lexicon-{vocab_hash(vdir)}" / "FORMAT").is_file()
    t = time.perf_counter()
    if vocab_dir is None and cache is None:
        rec = Recogniser()
        rec.lexicon  # noqa: B018 - the load being timed
    else:
        rec = Recogniser(Lexicon(ensure_compiled(vdir, cache)))
    return rec, time.perf_counter() - t, compiled


class Baseline:
    """spaCy ``PhraseMatcher(attr="LOWER")`` on ``spacy.blank("en")``; match key -> CURIEs."""

    def __init__(self, patterns: dict[str, tuple[str, ...]], xrefs: dict[str, tuple[str, ...]]) -> None:
        import spacy
        from spacy.matcher import PhraseMatcher

        self.nlp = spacy.blank("en")
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self.xrefs = xrefs
        # one key per set of CURIEs: all the names of a concept go in one add() call
        groups: dict[tuple[str, ...], list[str]] = {}
        for spelling, *owners in patterns.values():
            groups.setdefault(tuple(owners), []).append(spelling)
        self.curies: dict[int, tuple[str, ...]] = {}
        tokenizer: Any = self.nlp.tokenizer
        for curies, names in groups.items():
            key = "|".join(curies)
            self.curies[self.nlp.vocab.strings.add(key)] = curies
            self.matcher.add(key, list(tokenizer.pipe(names)))
        self.patterns = len(patterns)

    def run(self, texts: Iterable[str]) -> Iterable[list[tuple[int, int, int]]]:
        """The matches of each text: tokenisation (``nlp.pipe``) + matching."""
        matcher = self.matcher
        for doc in self.nlp.pipe(texts, batch_size=256):
            yield matcher(doc)

    def concepts(self, matches: Iterable[tuple[int, int, int]]) -> set[str]:
        out: set[str] = set()
        for key, _s, _e in matches:
            for curie in self.curies[key]:
                if not curie.startswith("LOCAL:"):
                    out.add(curie)
                out.update(self.xrefs.get(curie, ()))
        return out


# -- runs --------------------------------------------------------------------------------

@dataclass
class Timing:
    wall: float = 0.0  # time.perf_counter
    cpu: float = 0.0  # time.process_time: this process only, less sensitive to a busy machine
    matches: int = 0

    def add(self, other: Timing) -> None:
        self.wall += other.wall
        self.cpu += other.cpu
        self.matches += other.matches


def run_ours(rec, docs: Sequence) -> Timing:
    """Sentence splitting + ``mentions()`` over ``docs``."""
    from kg.segment import split_sentences

    n = 0
    t, c = time.perf_counter(), time.process_time()
    for d in docs:
        n += len(rec.mentions(d, split_sentences(d.id, d.text)))
    return Timing(time.perf_counter() - t, time.process_time() - c, n)


def run_baseline(base: Baseline, docs: Sequence) -> Timing:
    """Tokenisation + matching over ``docs``."""
    n = 0
    t, c = time.perf_counter(), time.process_time()
    for matches in base.run(d.text for d in docs):
        n += len(matches)
    return Timing(time.perf_counter() - t, time.process_time() - c, n)


def interleaved(runners: dict[str, Callable[[Sequence], Timing]], docs: Sequence, chunks: int = 10) -> dict[str, Timing]:
    """Each runner over ``docs``, chunk by chunk in turn (so both see the same machine load); summed."""
    total = {name: Timing() for name in runners}
    step = -(-len(docs) // chunks)
    for lo in range(0, len(docs), step):
        part = docs[lo:lo + step]
        for name, run in runners.items():
            gc.collect()
            total[name].add(run(part))
    return total


def found_ours(rec, docs: Sequence) -> list[set[str]]:
    from kg.segment import split_sentences

    out = []
    for d in docs:
        found: set[str] = set()
        for m in rec.mentions(d, split_sentences(d.id, d.text)):
            if m.concept.curie:
                found.add(m.concept.curie)
            found.update(m.concept.xrefs)
        out.append(found)
    return out


def found_baseline(base: Baseline, docs: Sequence) -> list[set[str]]:
    return [base.concepts(matches) for matches in base.run(d.text for d in docs)]


@dataclass
class Score:
    gold: int = 0
    correct: int = 0
    found: int = 0
    found_gold_ns: int = 0  # found CURIEs in the namespaces the gold uses
    gold_by_type: Counter = field(default_factory=Counter)
    correct_by_type: Counter = field(default_factory=Counter)


def score(found: Sequence[set[str]], articles: Sequence[Article]) -> Score:
    """Correct concepts: |found ∩ gold| per document, summed."""
    s = Score()
    for f, a in zip(found, articles, strict=True):
        s.gold += len(a.gold)
        s.found += len(f)
        s.found_gold_ns += sum(1 for c in f if c.split(":", 1)[0] in GOLD_NAMESPACES)
        for curie, type_ in a.gold.items():
            s.gold_by_type[type_] += 1
            if curie in f:
                s.correct += 1
                s.correct_by_type[type_] += 1
    return s


# -- the command-line tool, in child processes ----------------------------------------------

def kg_command() -> list[str]:
    exe = Path(sys.executable).parent / "kg"
    if exe.is_file():
        return [str(exe)]
    found = shutil.which("kg")
    return [found] if found else [sys.executable, "-m", "kg"]


def timed(cmd: list[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - t
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {' | '.join(tail)}")
    return elapsed


@dataclass
class CliTimes:
    cmd: str
    cold: float
    warm: list[float]
    load: list[float]
    python: list[float]


def time_cli(seed: Path, runs: int = 3) -> CliTimes:
    """Wall times of ``kg build`` (cold: fresh vocabulary cache; warm: best of ``runs``) and of a lexicon load."""
    with tempfile.TemporaryDirectory(prefix="bench-recognise-") as tmp:
        path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
        env = dict(os.environ, ALS_KG_CACHE=str(Path(tmp) / "cache"), PYTHONPATH=path)
        build = [*kg_command(), "build", str(seed), "-o", str(Path(tmp) / "x.ttl"), "-q"]
        cold = timed(build, env)
        warm = [timed(build, env) for _ in range(runs)]
        load = [timed([sys.executable, "-c", "import kg; from kg.lexicon import load_lexicon; load_lexicon()"], env)
                for _ in range(runs)]
        python = [timed([sys.executable, "-c", "pass"], env) for _ in range(runs)]
    return CliTimes(" ".join(["kg", *build[len(kg_command()):]]).replace(tmp, "$TMP"), cold, warm, load, python)


def profile(rec, docs: Sequence, top: int = 10) -> str:
    import cProfile
    import io
    import pstats

    from kg.segment import split_sentences

    for d in docs:  # warm the caches first
        rec.mentions(d, split_sentences(d.id, d.text))
    pr = cProfile.Profile()
    pr.enable()
    for d in docs:
        rec.mentions(d, split_sentences(d.id, d.text))
    pr.disable()
    out = io.StringIO()
    pstats.Stats(pr, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()


# -- report ------------------------------------------------------------------------------

def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "n/a"


def goal(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder with Train.PubTator and Dev.PubTator")
    ap.add_argument("--mb", type=float, default=10.0, help="replicate the corpus to this many MB of text (default 10)")
    ap.add_argument("--repeat", type=int, default=1, help="timed passes per system; the best counts (default 1)")
    ap.add_argument("--no-baseline", action="store_true", help="skip spaCy (ours only)")
    ap.add_argument("--no-build", action="store_true", help="skip the kg build / lexicon load timings")
    ap.add_argument("--seed", type=Path, default=DEFAULT_SEED, help="the article for the kg build timing")
    ap.add_argument("--misses", type=int, default=0, metavar="N",
                    help="also list the N gold concepts the baseline finds and ours misses most often")
    ap.add_argument("--profile", type=int, default=0, metavar="N",
                    help="also print a cProfile (top 10 by own time) of mentions() over N distinct documents")
    args = ap.parse_args(argv)

    articles = load_corpus(args.corpus)
    distinct = documents(articles)
    docs = replicate(distinct, args.mb)
    size = megabytes(docs)
    print(f"corpus: {len(articles)} BioRED train+dev abstracts ({megabytes(distinct):.2f} MB), "
          f"replicated to {len(docs)} documents, {size:.2f} MB")

    from kg.lexicon import vocab_hash
    from kg.schema import ontology_dir

    vocab_dir = ontology_dir() / "vocab"
    vocab_before = vocab_hash(vocab_dir)
    rec, load_ours_s, compiled = load_ours()
    print(f"load ours:     {load_ours_s:7.3f} s  (Recogniser().lexicon{', including the one-time compile' if compiled else ', compiled cache memory-mapped'})")
    base = None
    if not args.no_baseline:
        try:
            import spacy
        except ImportError:
            raise SystemExit("bench_recognise: spaCy is not installed (pip install spacy), or pass --no-baseline") from None
        t = time.perf_counter()
        patterns, xrefs = read_vocab(vocab_dir)
        t_read = time.perf_counter() - t
        base = Baseline(patterns, xrefs)
        del patterns
        t_base = time.perf_counter() - t
        print(f"load baseline: {t_base:7.3f} s  (spaCy {spacy.__version__}: read TSVs {t_read:.1f} s, "
              f"{base.patterns:,} distinct lower-cased names as PhraseMatcher patterns, {len(base.curies):,} keys)")

    runners: dict[str, Callable[[Sequence], Timing]] = {"ours": lambda part: run_ours(rec, part)}
    if base is not None:
        baseline = base
        runners["baseline"] = lambda part: run_baseline(baseline, part)
    passes = [interleaved(runners, docs) for _ in range(max(1, args.repeat))]
    times = {name: min((p[name] for p in passes), key=lambda t: t.wall) for name in runners}

    f_ours = found_ours(rec, distinct)
    f_base = found_baseline(base, distinct) if base is not None else None
    s_ours = score(f_ours, articles)
    s_base = score(f_base, articles) if f_base is not None else None

    print()
    print(f"{'system':<10} {'docs':>7} {'MB':>7} {'seconds':>8} {'MB/s':>7} {'cpu s':>7} {'matches':>9} "
          f"{'correct':>8} {'found':>7} {'found*':>7}")
    scores = {"ours": s_ours} if s_base is None else {"ours": s_ours, "baseline": s_base}
    for name, tm in times.items():
        sc = scores[name]
        print(f"{name:<10} {len(docs):>7} {size:>7.2f} {tm.wall:>8.2f} {size / tm.wall:>7.3f} {tm.cpu:>7.2f} "
              f"{tm.matches:>9} {sc.correct:>8} {sc.found:>7} {sc.found_gold_ns:>7}")
    print(f"gold concepts (PMID, id): {s_ours.gold}; correct = found ∩ gold, on the {len(articles)} distinct abstracts; "
          f"found = CURIEs + xrefs per abstract, summed; found* = those in the gold's namespaces "
          f"({', '.join(sorted(GOLD_NAMESPACES))})")
    print("correct by BioRED type:  " + "; ".join(
        f"{t} {s_ours.correct_by_type[t]}" + (f"/{s_base.correct_by_type[t]}" if s_base else "") + f" of {n}"
        for t, n in sorted(s_ours.gold_by_type.items())) + ("  (ours/baseline)" if s_base else ""))

    if s_base is not None:
        speed = times["baseline"].wall / times["ours"].wall
        print()
        print(f"speed ratio ours/baseline:   {speed:.2f}x wall ({ratio(times['baseline'].cpu, times['ours'].cpu)} cpu)   "
              f"goal >= 5x: {goal(speed >= 5)}")
        print(f"correct ratio ours/baseline: {ratio(s_ours.correct, s_base.correct)}   "
              f"goal >= 1x: {goal(s_ours.correct >= s_base.correct)}")
        print(f"precision-ish (correct/found*): ours {s_ours.correct / max(1, s_ours.found_gold_ns):.3f}, "
              f"baseline {s_base.correct / max(1, s_base.found_gold_ns):.3f}")

    if args.misses and f_base is not None:
        misses: Counter = Counter()
        surfaces: dict[str, Counter] = {}
        for a, fo, fb in zip(articles, f_ours, f_base, strict=True):
            for c in a.gold:
                if c in fb and c not in fo:
                    misses[c, a.gold[c]] += 1
                    surfaces.setdefault(c, Counter())[a.surface[c]] += 1
        print()
        print(f"gold concepts the baseline finds and ours misses ({sum(misses.values())} in all), most frequent:")
        for (curie, type_), n in misses.most_common(args.misses):
            print(f"  {n:4}  {curie:<16} {type_:<27} {', '.join(repr(t) for t, _ in surfaces[curie].most_common(3))}")

    status = 0
    if vocab_hash(vocab_dir) != vocab_before:
        print(f"bench_recognise: {vocab_dir} changed during the run; the two systems may not share a vocabulary: "
              "run again", file=sys.stderr)
        status = 1
    if not args.no_build:
        try:
            cli = time_cli(args.seed)
        except (RuntimeError, OSError) as exc:
            print(f"bench_recognise: {exc}", file=sys.stderr)
            status = 1
        else:
            warm = min(cli.warm)
            print()
            print(f"`{cli.cmd}` (fresh ALS_KG_CACHE):")
            print(f"  cold (includes compiling the vocabulary): {cli.cold:.2f} s")
            print(f"  warm: best {warm:.2f} s, median {statistics.median(cli.warm):.2f} s "
                  f"({', '.join(f'{x:.2f}' for x in cli.warm)})   goal < 2 s: {goal(warm < 2)}")
            print(f"  python -c 'import kg; ...load_lexicon()': best {min(cli.load):.2f} s; "
                  f"python -c pass: best {min(cli.python):.2f} s")

    if args.profile:
        print()
        print(f"cProfile of mentions() over {min(args.profile, len(distinct))} abstracts (second pass):")
        print(profile(rec, distinct[:args.profile]).rstrip())
    return status


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))  # measure this tree's kg, whatever copy is installed
    sys.exit(main())
