"""Smoke test of benchmarks/bench_recognise.py: its core functions on a tiny corpus and vocabulary.

No timing is asserted (performance belongs in the benchmark itself).
"""

from __future__ import annotations

import gzip
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("bench_recognise", ROOT / "benchmarks" / "bench_recognise.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(spec.name, None)


PUBTATOR = """\
111|t|SOD1 mutations cause amyotrophic lateral sclerosis.
111|a|Riluzole is used in ALS. Mutant SOD1 mice were studied.
111\t0\t4\tSOD1\tGeneOrGeneProduct\t6647
111\t21\t50\tamyotrophic lateral sclerosis\tDiseaseOrPhenotypicFeature\tD000690
111\t52\t60\tRiluzole\tChemicalEntity\tD019782
111\t84\t88\tmice\tOrganismTaxon\t10090
111\t70\t74\tp.G93A\tSequenceVariant\tp|SUB|G|93|A
111\tAssociation\t6647\tD000690\tNovel

222|t|Riluzole in patients.
222|a|No gene here; breast or ovarian cancer is unrelated.
222\t0\t8\tRiluzole\tChemicalEntity\tD019782
222\t36\t60\tbreast or ovarian cancer\tDiseaseOrPhenotypicFeature\tD001943,D010051
222\t0\t1\tx\tChemicalEntity\t-
"""

CONCEPTS = [
    ("HGNC:11179", "Gene", "SOD1", "NCBIGene:6647|UniProtKB:P00441", "HGNC"),
    ("MONDO:0004976", "Disease", "amyotrophic lateral sclerosis", "MESH:D000690", "MONDO"),
    ("MESH:D019782", "Drug", "Riluzole", "", "MeSH"),
    ("MESH:D001943", "Disease", "Breast Neoplasms", "", "MeSH"),
]
NAMES = [
    ("SOD1", "HGNC:11179", "cs", "0"),
    ("superoxide dismutase 1", "HGNC:11179", "ci", "1"),
    ("amyotrophic lateral sclerosis", "MONDO:0004976", "ci", "0"),
    ("Amyotrophic Lateral Sclerosis", "MONDO:0004976", "ci", "0"),  # same once lower-cased
    ("riluzole", "MESH:D019782", "ci", "0"),
    ("breast cancer", "MESH:D001943", "ci", "1"),
    ("orphan name", "MESH:D999999", "ci", "0"),  # no such concept: ignored, as by the lexicon
]


def write_tsv(path: Path, header: str, rows) -> None:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(header + "\n")
        fh.writelines("\t".join(r) + "\n" for r in rows)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    base = tmp_path_factory.mktemp("bench")
    corpus = base / "biored"
    corpus.mkdir()
    (corpus / "Train.PubTator").write_text(PUBTATOR, encoding="utf-8")
    (corpus / "Dev.PubTator").write_text("", encoding="utf-8")
    vocab = base / "vocab"
    vocab.mkdir()
    write_tsv(vocab / "concepts.tsv.gz", "curie\ttype\tlabel\txrefs\tsource", CONCEPTS)
    write_tsv(vocab / "names.tsv.gz", "name\tcurie\tcase\trank", NAMES)
    return corpus, vocab, base / "cache"


def test_corpus_and_gold(bench, tiny):
    corpus, _, _ = tiny
    articles = bench.load_corpus(corpus)
    assert [a.pmid for a in articles] == ["111", "222"]
    assert articles[0].text.startswith("SOD1 mutations cause") and "\nRiluzole is used" in articles[0].text
    assert articles[0].gold == {"NCBIGene:6647": "GeneOrGeneProduct", "MESH:D000690": "DiseaseOrPhenotypicFeature",
                                "MESH:D019782": "ChemicalEntity", "NCBITaxon:10090": "OrganismTaxon"}
    assert set(articles[1].gold) == {"MESH:D019782", "MESH:D001943", "MESH:D010051"}


def test_missing_corpus_is_a_clear_error(bench, tmp_path):
    with pytest.raises(SystemExit, match="no BioRED corpus in"):
        bench.load_corpus(tmp_path / "nowhere")


def test_replicate_reaches_the_size_with_fresh_ids(bench, tiny):
    docs = bench.documents(bench.load_corpus(tiny[0]))
    copies = bench.replicate(docs, 0.001)
    assert bench.megabytes(copies) >= 0.001
    assert bench.megabytes(copies[:-1]) < 0.001
    assert len({d.id for d in copies}) == len(copies)
    assert copies[0] is docs[0] and copies[len(docs)].text == docs[0].text


def test_both_systems_on_a_tiny_vocabulary(bench, tiny):
    corpus, vocab, cache = tiny
    articles = bench.load_corpus(corpus)
    docs = bench.documents(articles)

    rec, _, compiled = bench.load_ours(vocab, cache)
    assert compiled  # a fresh cache folder: compiled on first use
    ours = bench.found_ours(rec, docs)
    assert {"HGNC:11179", "NCBIGene:6647", "MESH:D000690", "MESH:D019782"} <= ours[0]
    s = bench.score(ours, articles)
    assert s.gold == 7 and s.correct >= 4
    assert bench.run_ours(rec, docs).matches >= 4

    pytest.importorskip("spacy")
    patterns, xrefs = bench.read_vocab(vocab)
    assert "orphan name" not in patterns
    assert patterns["amyotrophic lateral sclerosis"] == ("amyotrophic lateral sclerosis", "MONDO:0004976")
    base = bench.Baseline(patterns, xrefs)
    found = bench.found_baseline(base, docs)
    assert {"HGNC:11179", "NCBIGene:6647", "MONDO:0004976", "MESH:D000690", "MESH:D019782"} <= found[0]
    assert found[1] == {"MESH:D019782"}  # "breast or ovarian cancer" is not the name "breast cancer"
    timings = bench.interleaved({"ours": lambda p: bench.run_ours(rec, p),
                                 "baseline": lambda p: bench.run_baseline(base, p)}, docs, chunks=2)
    assert timings["baseline"].matches == sum(len(m) for m in base.run(d.text for d in docs))
    assert bench.score(found, articles).correct == 4
