"""The vocabulary build (scripts/build_vocab.py): name folding, cross-vocabulary matching, protein families,
and the shipped files it wrote."""

from __future__ import annotations

import gzip
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VOCAB = ROOT / "ontology" / "vocab"


@pytest.fixture(scope="module")
def bv():
    spec = importlib.util.spec_from_file_location("build_vocab", ROOT / "scripts" / "build_vocab.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_vocab", mod)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def concepts() -> dict[str, list[str]]:
    with gzip.open(VOCAB / "concepts.tsv.gz", "rt", encoding="utf-8") as fh:
        next(fh)
        return {row[0]: row for row in (line.rstrip("\n").split("\t") for line in fh)}


def test_key_folds_case_punctuation_plural_and_disease_suffix(bv):
    assert bv.key("Arrhythmias, Cardiac") == bv.key("arrhythmias cardiac")
    assert bv.key("Neoplasms") == bv.key("neoplasm") == "neoplasm"
    assert bv.key("asthma (disease)") == "asthma"
    assert bv.key("Stress") == "stress"  # "ss" is not a plural


def test_lexical_match_prefers_label_then_votes_and_refuses_ties(bv):
    by_label = {"acutelymphoblasticleukemia": {"M:1"}, "lymphoblasticleukemia": {"M:2"}}
    by_syn = {"acutelymphocyticleukemia": {"M:1"}, "arrhythmia": {"M:3", "M:4"}}
    # a label equal to the other's label wins outright
    assert bv.lexical_match("Acute Lymphoblastic Leukemia", [], by_label, by_syn, lambda c: True) == "M:1"
    # two candidates by label: the one more of the record's names point at wins
    names = ["Lymphoblastic Leukemia", "Acute Lymphoblastic Leukemia", "Acute Lymphocytic Leukemia"]
    assert bv.lexical_match("Precursor Cell Lymphoblastic Leukemia-Lymphoma", names, by_label, by_syn,
                            lambda c: True) == "M:1"
    # a tie is no match
    assert bv.lexical_match("Arrhythmias, Cardiac", ["Arrhythmia"], by_label, by_syn, lambda c: True) is None
    # synonym-to-synonym evidence counts only for concepts loose_ok accepts
    assert bv.lexical_match("X", ["Acute Lymphocytic Leukemia"], by_label, by_syn, lambda c: False) is None
    # short names never decide
    assert bv.lexical_match("X", ["ALL"], {"all": {"M:9"}}, {}, lambda c: True) is None


@pytest.mark.parametrize(("name", "generic"), [
    ("Membrane Proteins", True), ("Transcription Factors", True), ("Receptors, Cell Surface", True),
    ("Recombinant Proteins", True), ("DNA-Binding Proteins", True),
    ("Matrix Metalloproteinases", False), ("Creatine Kinase", False), ("Protein Kinase C", False),
    ("Wnt Proteins", False), ("Histone Deacetylases", False), ("NMDA Receptor", False),
])
def test_generic_family(bv, name, generic):
    from wordfreq import zipf_frequency

    assert bv.generic_family(name, zipf_frequency) is generic


def test_family_names_rank_below_gene_names(bv):
    from wordfreq import zipf_frequency

    b = bv.Builder(set(), zipf_frequency)
    b.family("MESH:D051153", "Wnt Proteins", ["Wnt Proteins", "Wnt Protein", "Membrane Proteins"])
    assert b.concepts["MESH:D051153"]["type"] == "Gene"
    names = {n: r for (n, c, _case), r in b.names.items() if c == "MESH:D051153"}
    assert names["Wnt"] >= 3 and min(names.values()) >= 3  # HGNC symbols are 1, approved names 2
    assert "membrane proteins" not in names
    b.family("MESH:D015415", "Biomarkers", ["Membrane Proteins"])
    assert "MESH:D015415" not in b.concepts  # nothing specific to name it by


def test_shipped_vocabulary_merges_and_families(concepts):
    # Mondo's exact-match mapping lacks this MeSH descriptor; the shared name merges them
    assert "MESH:D054198" in concepts["MONDO:0004967"][3].split("|")
    assert "MESH:D054198" not in concepts
    # protein families without one gene are genes, not dropped
    assert concepts["MESH:D020782"][1] == "Gene"  # Matrix Metalloproteinases
    assert concepts["MESH:D020928"][1] == "Gene"  # Mitogen-Activated Protein Kinases
    assert "MESH:D015415" not in concepts  # Biomarkers: a role, not a molecule
    # HPO phenotypes and ChEBI drugs gain the MeSH descriptor that shares their name
    assert any(row[4] == "HPO" and "MESH:" in row[3] for row in concepts.values())
    assert any(row[4] == "ChEBI" and "MESH:" in row[3] for row in concepts.values())
