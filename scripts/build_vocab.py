#!/usr/bin/env python3
"""Build the shipped vocabularies in ontology/vocab/ from the real term lists.

    python scripts/build_vocab.py --source ../shared/vocab --out ontology/vocab

Reads the gzip TSV term lists (HGNC, MONDO, MeSH, HPO, GO BP, Reactome, CL,
DrugBank, ChEBI, NCBITaxon, Cellosaurus) and the curated domain file
ontology/curated/domain.tsv, and writes two deterministic gzip TSV files:

* ``concepts.tsv.gz``: curie, type, label, xrefs, source — one row per concept;
* ``names.tsv.gz``: name, curie, case, rank — the names the recogniser matches.
  ``case`` is ``ci`` (match in any letter case), ``cs`` (match this exact
  form: gene symbols, acronyms, short names, cell-line names) or ``csi``
  (a symbol that may be written in mixed case: "Akt", "mTOR"); ``rank`` 0 is a
  reviewed curated name, 1 a preferred label or approved symbol, 2 an exact
  synonym, 3 an alias or previous symbol, 4 a generated variant.

The rules here are general (what kind of name is safe to match, how sources
merge); nothing is specific to an article.  Needs ``wordfreq`` (English word
frequencies) at build time only, to keep common English words out of the
matchable names.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import os
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

csv.field_size_limit(10**9)

GREEK = {"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "kappa": "κ", "epsilon": "ε"}
# a symbol-like name: one token of letters/digits/hyphens with a capital or a digit
SYMBOL = re.compile(r"^(?=.*[0-9]|.*[A-Z].*[A-Z]|.+[A-Z])[A-Za-z0-9][A-Za-z0-9.\-/+]{0,14}$")
# MeSH species-specific gene product records ("Sod1 protein, mouse"): not drugs (vocab README)
MESH_GENE_PRODUCT = re.compile(r"\b(protein|peptide|polypeptide|antigen|receptor|factor|kinase|enzyme)s?\b.*, [^,]+$", re.I)
GROUPING = re.compile(r"(?i)(disease|disorder)s? (of|by|involving|affecting) ")
ADJECTIVE = re.compile(r"(al|ary|ed|ic|ive|ous|ile|ful|less|able|ible)$")
# alias names that name a family, not a gene: "neurotrophic factor", "protein kinase"
GENERIC_ALIAS = re.compile(r"^(\w+[ -]){0,2}(factor|protein|receptor|kinase|enzyme|antigen|subunit|peptide|"
                           r"hormone|channel|transporter|inhibitor|activator|regulator)s?$", re.I)
IUPACISH = re.compile(r"[\[\]{}();]|\d,\d|^\W|\(\+\)|\(-\)")
# MeSH subtrees of proteins and enzymes (D12 amino acids/peptides/proteins, D08 enzymes, D23 biological factors,
# D05 macromolecular substances, D24 immunologic factors)
PROTEIN_TREES = frozenset({"D12", "D08", "D23", "D05", "D24"})
# a family name that says nothing specific: "Membrane Proteins", "Transcription Factors", "Receptors, Cell Surface"
FAMILY_HEAD = re.compile(r"(?i)^(?:(\S+(?: \S+){0,3}) )?(proteins?|peptides?|polypeptides?|factors?|receptors?|enzymes?|"
                         r"antigens?|hormones?|channels?|subunits?|complex(?:es)?|isoforms?|isoenzymes?|isozymes?|"
                         r"cytokines?|kinases?|transporters?|molecules?)$")
# words that qualify a protein family without naming one ("Recombinant Proteins", "Neoplasm Proteins")
GENERIC_MODIFIERS = frozenset("""recombinant neoplasm tumor intracellular extracellular fungal viral bacterial archaeal
plant insect helminth protozoan dna rna binding signaling signalling regulatory carrier membrane nuclear mitochondrial
cytoskeletal adaptor adapter scaffold transducing transporting transport secreted secretory serum blood milk egg
muscle nerve tissue cell surface""".split())
# MeSH permuted/inverted terms ("Leukemia, Acute Lymphocytic") and qualifiers that never occur in running text
INVERTED = re.compile(r", ")


def key(name: str) -> str:
    """A name reduced for comparing vocabularies: case, punctuation, spacing, a plural "s" and "(disease)" folded.

    >>> key("Arrhythmias, Cardiac") == key("arrhythmias cardiac"), key("Neoplasms"), key("asthma (disease)")
    (True, 'neoplasm', 'asthma')
    """
    n = re.sub(r"\s*\((disease|disorder)\)$", "", name.casefold())
    return singular(re.sub(r"[^0-9a-z\u03b1-\u03c9]+", "", n))


def singular(word: str) -> str:
    """A plural "s" folded ("neoplasms"), not in short words or "-ss" ("abscess")."""
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def rows(path: Path) -> Iterator[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)


def split(v: str | None) -> list[str]:
    return [x for x in (v or "").split("|") if x]


class Builder:
    def __init__(self, stop: set[str], zipf) -> None:
        self.concepts: dict[str, dict] = {}
        self.names: dict[tuple[str, str, str], int] = {}
        self.stop = stop
        self.zipf = zipf
        self.alias_of: dict[str, str] = {}  # an HPO CURIE -> the MeSH phenotype that stands for it

    # -- concepts ---------------------------------------------------------------
    def concept(self, curie: str, type_: str, label: str, xrefs: list[str], source: str) -> None:
        if curie in self.concepts:
            self.concepts[curie]["xrefs"].update(xrefs)
            return
        self.concepts[curie] = {"type": type_, "label": label, "xrefs": set(xrefs), "source": source}

    def family(self, cid: str, label: str, names: list[str], symbols: Sequence[str] = ()) -> None:
        """A MeSH protein family or enzyme without one gene ("Matrix Metalloproteinases"), typed Gene."""
        specific = [n for n in names if not generic_family(n, self.zipf)
                    # "Muscarinic", "Placental": adjectives; "CSF", "HMG": acronyms with other senses
                    and not (" " not in n and ADJECTIVE.search(n.lower()))
                    and not (len(n) <= 3 and not any(c.isdigit() for c in n))]
        if not specific:
            return  # "Membrane Proteins", "Transcription Factors": categories, not things a text studies
        readable = next((n for n in names if ", " not in n), label)
        self.concept(cid, "Gene", readable, [], "MeSH")
        for i, n in enumerate(specific):
            # below a gene's own names (approved name 1, alias 2): "VEGF" stays VEGFA, not the VEGF family
            self.name(n, cid, 2 if i == 0 else 3, common=5.0)
            # "Wnt Proteins", "Smad Proteins": the family is written by its root alone
            # (not "Galanin Receptors": a receptor's root names its ligand)
            m = re.match(r"^([A-Z][A-Za-z0-9-]{1,8}) (Proteins?|Family)$", n)
            if m and self.zipf(m[1].lower(), "en") < 4.0:
                self.name(m[1], cid, 3, "cs", allow_common=True)
        for w in symbols:  # "PKC" of "PKC Serine-Threonine Kinase": the family's own short form
            if self.zipf(w.lower(), "en") < 3.0:
                self.name(w, cid, 1, "cs", allow_common=True)

    # -- names ----------------------------------------------------------------
    def common_word(self, name: str, threshold: float = 4.0) -> bool:
        words = name.lower().split()
        return len(words) == 1 and self.zipf(words[0], "en") >= threshold

    def adjective_like(self, name: str) -> bool:
        """A common single word with an adjective ending ("familial", "hereditary", "inherited")."""
        words = name.lower().split()
        return len(words) == 1 and self.zipf(words[0], "en") >= 3.0 and bool(ADJECTIVE.search(words[0]))

    def name(self, name: str, curie: str, rank: int, case: str | None = None, allow_common: bool = False,
             common: float = 4.0, curated: bool = False) -> None:
        name = " ".join(name.split())
        rank = 0 if curated else rank + 1  # a reviewed curated name outranks every ontology name
        if len(name) < 2 or len(name) > 80:
            return
        if name.lower() in self.stop:
            return
        if not allow_common and self.common_word(name, common):
            return
        if re.search(r"\s([A-Z]|[IVX]{1,3})$", name):
            case = "cs"  # "factor I", "protein S", "vitamin A": the capital carries the meaning
        if case is None:
            if name.islower() and len(name) <= 4:
                # short lower-case names ("ham", "tsp") are words far more often than terms
                if not allow_common:
                    return
                case = "ci"
            else:
                short_word = (name[:1].isupper() and name[1:].islower() and name.isalpha() and len(name) >= 3
                              and (rank <= 1 or not self.common_word(name, 3.0)))
                case = "cs" if ((len(name) <= 4 and not short_word) or SYMBOL.match(name) and not name.islower()) else "ci"
        if case == "cs" and not allow_common and (name.islower() and not any(c.isdigit() for c in name) or len(name) <= 2 and not any(c.isdigit() for c in name)
                             and not name.isupper()):
            return
        forms = {name} if case == "cs" else {name.lower()}
        for v in variants(name):
            forms.add(v if case == "cs" else v.lower())
        if case == "csi":  # symbols matched in any mixed case ("Akt", "mTOR", "Nrf2"): stored lower-case
            forms = {f.lower() for f in forms}
        for f in sorted(forms):
            r = rank if f in (name, name.lower()) else min(rank + 1, 4)
            key = (f, curie, case)
            if key not in self.names or self.names[key] > r:
                self.names[key] = r


def variants(name: str) -> set[str]:
    """Spelling variants of a name: Greek letters, hyphen/space, symbol hyphenation, +/-positive.

    >>> sorted(variants("TNF-alpha"))
    ['TNF a', 'TNF alpha', 'TNF α', 'TNF-a', 'TNF-α', 'TNFα']
    >>> sorted(variants("IL6"))
    ['IL-6']
    """
    out: set[str] = set()
    base = {name}
    # Greek: latin name <-> letter, also kappaB <-> kB
    for word, letter in GREEK.items():
        for n in list(base):
            if re.search(rf"(?i)(?<![a-z]){word}|(?<=[a-z0-9-]){word}", n):
                base.add(re.sub(rf"(?i){word}", letter, n))
            if letter in n:
                base.add(n.replace(letter, word))
    for n in list(base):
        # PubMed's ASCII folding writes a Greek letter as its first Latin letter: TNF-a, IL-1b, b-catenin
        if len(n) <= 14 and re.search(r"[αβγκ]", n):
            base.add(n.translate(str.maketrans({"α": "a", "β": "b", "γ": "g", "κ": "k"})))
    for n in list(base):
        if "kappaB" in n:
            base.add(n.replace("kappaB", "kB"))
        if "κB" in n:
            base.add(n.replace("κB", "kB"))
    for n in base:
        out.add(n)
        seps = len(re.findall(r"[ -]", n))
        if 0 < seps <= 3:
            out.add(n.replace("-", " "))
            if " " in n and len(n) <= 30:
                out.add(n.replace(" ", "-"))
            if len(n) <= 14 and re.search(r"\d|[α-ω]|^[A-Z0-9 -]+$", n):
                out.add(re.sub(r"(?<=\w)[ -](?=\w)", "", n))
        m = re.match(r"^([A-Z]{2,5})(\d{1,2}[A-Z]?)$", n)
        if m:
            out.add(f"{m[1]}-{m[2]}")
        if "-positive" in n:
            out.add(n.replace("-positive", "+"))
            out.add(n.replace("-positive", "+").replace(", alpha-beta", ""))
        if ", alpha-beta" in n:
            out.add(n.replace(", alpha-beta", ""))
        # carboxylic acids are named by their anion in biology: glutamic acid -> glutamate
        m3 = re.match(r"(?i)^(l-|d-)?(\w{3,})ic acid$", n)
        if m3:
            out.add(f"{m3[1] or ''}{m3[2]}ate")
        # standard abbreviations of cytokine names: interferon gamma -> IFN-gamma, interleukin 6 -> IL-6
        for long, short in (("interferon", "IFN"), ("interleukin", "IL"), ("tumor necrosis factor", "TNF"),
                            ("transforming growth factor", "TGF")):
            m2 = re.match(rf"(?i)^{long}[ -](\S+)$", n)
            if m2:
                out.add(f"{short}-{m2[1]}")
                out.add(f"{short}{m2[1]}")
    out.discard(name)
    return {v for v in out if len(v) >= 2}


def lexical_match(label: str, synonyms: list[str], by_label: dict[str, set[str]], by_syn: dict[str, set[str]],
                  loose_ok) -> str | None:
    """The one concept of another vocabulary that a record names, or None.

    The other concept whose label is the record's label wins outright.  Otherwise names vote: each of
    the record's names that is another concept's label gives it 2 votes, the record's label being one
    of its synonyms 1 vote, and a synonym shared on both sides 1 vote, the last only for concepts that
    ``loose_ok`` accepts.  The concept with the most votes wins if no other has as many.

    >>> lexical_match("Arrhythmias, Cardiac", ["Arrhythmia", "Cardiac Arrhythmia"], {"cardiacarrhythmia": {"A"}},
    ...               {"arrhythmia": {"A", "B"}}, lambda c: True)
    'A'
    >>> lexical_match("Tumor", [], {}, {"tumor": {"A", "B"}}, lambda c: True) is None
    True
    """
    exact = by_label.get(key(label), set())
    if len(exact) == 1:
        return next(iter(exact))
    votes: dict[str, int] = {}
    names = [label, *(n for n in synonyms if len(key(n)) >= 4)]  # "CA", "ALL": too short to tell concepts apart
    for i, n in enumerate(names):
        k = key(n)
        for c in by_label.get(k, ()):
            votes[c] = votes.get(c, 0) + 2
        for c in by_syn.get(k, ()):
            if i == 0 or loose_ok(c):
                votes[c] = votes.get(c, 0) + 1
    if not votes:
        return None
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0][0]


def fold(name: str) -> str:
    """Letters and digits only, lower case: "Superoxide Dismutase-1" and "superoxide dismutase 1" agree."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


#: words that say what kind of condition a name is, not which one ("Jaw Neoplasms" ~ "jaw cancer")
DISEASE_KIND = frozenset("""disease disorder syndrome infection infectious neoplasm cancer tumor tumour carcinoma
condition abnormality""".split())
_FILLER = frozenset("of the and in with".split())


def shared_synonyms(records: list[dict], at_least: int) -> frozenset[str]:
    """Synonyms (lower-cased) that ``at_least`` records share and none has as its label: they identify none.

    GO lists "pathogenesis" for six processes of symbionts; the text's "pathogenesis of periodontitis"
    is none of them.

    >>> sorted(shared_synonyms([{"label": "a", "synonyms": "x|y"}, {"label": "b", "synonyms": "x"},
    ...                         {"label": "y", "synonyms": "x"}], 2))
    ['x']
    """
    labels = {r["label"].lower() for r in records}
    counts = Counter(s for r in records for s in {x.lower() for x in split(r["synonyms"])})
    return frozenset(s for s, n in counts.items() if n >= at_least and s not in labels)


def word_set(name: str, drop: frozenset[str] = frozenset()) -> frozenset[str]:
    """A name's words, any order, plural "s" folded, filler words (and ``drop``) left out.

    >>> sorted(word_set("Shock, Septic")), sorted(word_set("neoplasm of jaw"))
    (['septic', 'shock'], ['jaw', 'neoplasm'])
    """
    words = (singular(w) for w in re.findall(r"[0-9a-z\u03b1-\u03c9]+", name.casefold()))
    return frozenset(w for w in words if w not in _FILLER and w not in drop)


def share_word(names_a: Sequence[str], names_b: Sequence[str]) -> bool:
    """Whether two records' names share a word (its first six letters, kinds such as "disease" aside):
    an HPO class and a disease that only share a UMLS CUI are one concept only then ("Neurodegeneration"
    and "neurodegenerative disease", not "Hemifacial hypertrophy" and "Friedreich ataxia").

    >>> share_word(["Neurodegeneration"], ["neurodegenerative disease"])
    True
    >>> share_word(["Hemifacial hypertrophy"], ["Friedreich ataxia", "FRDA"])
    False
    """
    a = {w[:6] for n in names_a for w in word_set(n, DISEASE_KIND)}
    return any(w[:6] in a for n in names_b for w in word_set(n, DISEASE_KIND))


def compatible_names(names_a: Sequence[str], names_b: Sequence[str]) -> bool:
    """Whether a mapping between two disease records is plausible by name: some name's words, kinds
    ("disease", "neoplasm"...) aside, lie within a name of the other.  Mondo maps MeSH "Seizures" to
    "visual epilepsy" and "Shock, Septic" to "toxic shock syndrome"; neither is the same disease.

    >>> compatible_names(["Hepatitis C"], ["hepatitis C virus infection"])
    True
    >>> compatible_names(["Jaw Neoplasms"], ["jaw cancer"]), compatible_names(["Neoplasms", "Cancer"], ["cancer"])
    (True, True)
    >>> compatible_names(["Seizures", "Seizure"], ["visual epilepsy", "epilepsy, visual"])
    False
    >>> compatible_names(["Shock, Septic"], ["toxic shock syndrome"])
    False
    """
    a = {word_set(n, DISEASE_KIND) or word_set(n) for n in names_a}
    b = {word_set(n, DISEASE_KIND) or word_set(n) for n in names_b}
    return any(x and y and (x <= y or y <= x) for x in a for y in b)


def product_names(approved: str) -> list[str]:
    """An approved gene name and the peptide it is the precursor of.

    >>> product_names("galanin and GMAP prepropeptide")
    ['galanin and GMAP prepropeptide', 'galanin']
    >>> product_names("superoxide dismutase 1")
    ['superoxide dismutase 1']
    """
    out = [approved]
    core = re.sub(r"\s+(?:prepropeptide|preproprotein|proprotein|precursor)$", "", approved)
    if core != approved:
        out.append(core.split(" and ")[0])
    return out


def mesh_protein_gene(label: str, names: dict[str, str | None], symbols: dict[str, str],
                      entry_terms: Sequence[str] = ()) -> str | None:
    """The HGNC gene a MeSH protein descriptor without cross-references names, by its name.

    >>> mesh_protein_gene("Superoxide Dismutase-1", {"superoxidedismutase1": "HGNC:11179"}, {})
    'HGNC:11179'
    >>> mesh_protein_gene("Chemokine CXCL13", {}, {"CXCL13": "HGNC:10639"})
    'HGNC:10639'
    >>> mesh_protein_gene("Galanin Receptors", {}, {"GAL": "HGNC:4114"}) is None
    True
    >>> mesh_protein_gene("Cyclin-Dependent Kinase Inhibitor p21", {}, {"CDKN1A": "HGNC:1784"}, ["CDKN1A Protein"])
    'HGNC:1784'
    """
    hit = names.get(fold(label))
    if hit:
        return hit
    words = label.split()
    # "Chemokine CXCL13", "Protein Kinase C-alpha" aside: a class word followed by an approved symbol
    if len(words) == 2 and len(words[1]) >= 3 and any(c.isdigit() for c in words[1]) and words[1] in symbols:
        return symbols[words[1]]
    # "Cyclin-Dependent Kinase Inhibitor p21" has the entry term "CDKN1A Protein": the symbol's product
    for n in entry_terms:
        m = re.fullmatch(r"(\S{3,}) Protein", n)
        if m and m[1] in symbols:
            return symbols[m[1]]
    return None


def attested_aliases(names: list[str], approved: dict[str, str]) -> list[str]:
    """Symbols a MeSH protein heading writes as a word of its names ("p21", "PKC", "p38").

    MeSH's indexers attach such a short form to the protein they file it under,
    so it outweighs the same string as one more alias of an unrelated gene
    (HGNC lists "p21" for TCEAL1 too, "PKC" for PRRT2).  Approved symbols of
    other genes ("Cdk2 Inhibitor Protein") and hyphen-joined parts are left out.

    >>> attested_aliases(["Cyclin-Dependent Kinase Inhibitor p21", "Cdk2 Inhibitor Protein"], {"CDK2": "HGNC:1771"})
    ['p21']
    >>> attested_aliases(["PKC Serine-Threonine Kinase", "Protein Kinase C", "PKC alpha"], {})
    ['PKC']
    >>> attested_aliases(["Oncogene Protein p21(ras)", "PKC-alpha", "PKC alpha", "p53 II"], {})
    []
    """
    out: list[str] = []
    upper = {s.upper() for s in approved}
    for n in names:
        for m in re.finditer(r"(?<![\w-])([A-Za-z][A-Za-z0-9]{1,6})(?![\w(-])(?!\s+(?:[a-z]|[IVX]+|\d+)\b)"
                             r"(?!\s+(?:alpha|beta|gamma|delta|epsilon|zeta|eta|theta|iota|kappa|lambda|mu)\b)", n):
            w = m[1]
            ups = sum(c.isupper() for c in w)
            if len(w) < 3 or w.upper() in upper or not (any(c.isdigit() for c in w) or ups >= 2 and ups == len(w)):
                continue
            if w not in out:
                out.append(w)
    return out


def generic_family(name: str, zipf) -> bool:
    """A protein-family name made only of everyday words and a class noun ("Nuclear Proteins").

    >>> from wordfreq import zipf_frequency as z
    >>> generic_family("Membrane Proteins", z), generic_family("Matrix Metalloproteinases", z)
    (True, False)
    >>> generic_family("Creatine Kinase", z), generic_family("Receptors, Cell Surface", z)
    (False, True)
    """
    words = [w for w in re.split(r"[ ,()-]+", name) if w]
    m = FAMILY_HEAD.match(" ".join(w for w in words if w.lower() not in {"and", "of", "the"}))
    if not m and not (len(words) >= 2 and FAMILY_HEAD.match(words[0])):
        return False
    rest = [w for w in words if not FAMILY_HEAD.match(w) and w.lower() not in {"and", "of", "the"}]
    return all(w.lower() in GENERIC_MODIFIERS or zipf(w.lower(), "en") >= 3.5 and not re.search(r"\d|[A-Z].*[A-Z]|^[A-Z]$", w)
               for w in rest)


def mouse_style(symbol: str) -> str:
    """Mouse gene notation of a human symbol: SOD1 -> Sod1."""
    return symbol[0] + symbol[1:].lower()


# ---------------------------------------------------------------------------------
def build(src: Path, curated: Path, stoplist: Path) -> Builder:
    from wordfreq import zipf_frequency

    stop = {line.strip().lower() for line in stoplist.read_text().splitlines() if line.strip() and not line.startswith("#")}
    b = Builder(stop, zipf_frequency)

    # --- genes: HGNC --------------------------------------------------------------
    keep_kinds = {"gene with protein product", "RNA, micro", "RNA, long non-coding"}
    uniprot_to_hgnc: dict[str, str] = {}
    hgnc_symbols: dict[str, str] = {}
    hgnc_names: dict[str, str | None] = {}  # folded approved name -> HGNC id (None: two genes share it)
    for r in rows(src / "hgnc.tsv.gz"):
        if r["kind"] not in keep_kinds:
            continue
        cid, sym = r["id"], r["label"]
        b.concept(cid, "Gene", sym, split(r["xrefs"]), "HGNC")
        hgnc_symbols[sym] = cid
        for full in split(r["synonyms"])[:1]:  # the approved name comes first
            for folded in {fold(n) for n in product_names(full)} if " " in full else ():
                hgnc_names[folded] = None if folded in hgnc_names else cid
        for x in split(r["xrefs"]):
            if x.startswith("UniProtKB:"):
                uniprot_to_hgnc[x] = cid
        b.name(sym, cid, 0, "cs", allow_common=True)
        if sym != sym.upper() and any(c.isdigit() for c in sym):
            b.name(sym.upper(), cid, 1, "cs", allow_common=True)  # C9orf72 is often written C9ORF72
        if sym[0].isalpha() and (len(sym) >= 3 and any(c.isdigit() for c in sym)
                                 or len(sym) >= 4 and zipf_frequency(sym.lower(), "en") < 1.0):
            b.name(sym.lower(), cid, 2, "cs", allow_common=True)  # gene tables in lower case: "ccl7", "plaur"
        if re.match(r"^[A-Z]{3,5}[A-Z]$", sym) and zipf_frequency(sym[:-1].lower(), "en") < 3.0:
            b.name(sym[:-1].lower() + sym[-1], cid, 2, "cs", allow_common=True)  # protein style: "apoE"
        low = sym.lower()
        if len(sym) >= 3 and (any(c.isdigit() for c in sym) or zipf_frequency(low, "en") < 3.0):
            b.name(mouse_style(sym), cid, 2, "cs", allow_common=True)
        if r["kind"] != "gene with protein product":
            continue
        if len(sym) >= 3 and zipf_frequency(sym.lower(), "en") < 3.0:
            b.name(sym, cid, 1, "csi", allow_common=True)
        for k, s in enumerate(split(r["synonyms"])):
            if SYMBOL.match(s) and " " not in s:
                # alias/previous symbols: exact case only, never common words
                # an upper-case alias is an acronym even when the lower-case word is English ("STING"),
                # but the commonest words stay out ("SET", "ALL", "CAT")
                if zipf_frequency(s.lower(), "en") < (4.5 if s.isupper() and len(s) >= 5 else 3.5) and len(s) >= 3:
                    b.name(s, cid, 2, "cs")
                    if re.fullmatch(r"[pP]\d{2,3}", s):
                        b.name(s.swapcase()[0] + s[1:], cid, 2, "cs")  # "p21" and "P21": the protein of 21 kDa
                    if zipf_frequency(s.lower(), "en") < 3.0:
                        b.name(s, cid, 3, "csi")
            elif k == 0:
                b.name(s, cid, 1, "ci")  # the approved name
            elif len(s) > 4 and not GENERIC_ALIAS.search(s):
                b.name(s, cid, 2, "ci")

    # --- diseases: MONDO, then MeSH C merged through MONDO's MeSH xrefs --------------
    mesh_to_mondo: dict[str, str] = {}
    mondo_label: dict[str, set[str]] = {}
    mondo_syn: dict[str, set[str]] = {}
    mondo_names: dict[str, list[str]] = {}
    for r in rows(src / "mondo.tsv.gz"):
        label = r["label"]
        if re.search(r", non-human animal$|, (dog|cat|cattle|horse|pig|sheep|goat|chicken|mouse|rat)$", label):
            continue
        if GROUPING.match(label):
            continue  # anatomical grouping classes ("disease of spinal cord"), not diseases one studies
        cid = r["id"]
        xrefs = split(r["xrefs"])
        b.concept(cid, "Disease", label, xrefs, "MONDO")
        for x in xrefs:
            if x.startswith("MESH:"):
                mesh_to_mondo.setdefault(x, cid)
        if not b.adjective_like(label):
            b.name(label, cid, 0, common=6.0)
        mondo_label.setdefault(key(label), set()).add(cid)
        mondo_names[cid] = [label, *split(r["synonyms"])]
        for s in split(r["synonyms"]):
            mondo_syn.setdefault(key(s), set()).add(cid)
            if not b.adjective_like(s) and not GROUPING.match(s):
                b.name(s, cid, 1, common=4.5)
    # MeSH diseases that Mondo's exact-match mapping leaves out but that share a name with a Mondo class
    # ("Arrhythmias, Cardiac" ~ "arrhythmia", "Precursor Cell Lymphoblastic Leukemia-Lymphoma" ~ "acute
    # lymphoblastic leukemia"): the same disease, so one concept, grounded to both
    mesh_index: dict[str, tuple[dict[str, set[str]], dict[str, set[str]]]] = {"C": ({}, {}), "D": ({}, {})}
    mesh_c_rows = []
    # a short form counts as attested only when one protein heading alone writes it ("p21", not "p53",
    # which several headings of p53-binding and p53-induced proteins repeat)
    attested: dict[str, int] = {}
    for r in rows(src / "mesh.tsv.gz"):
        cats = {t[0] for t in split(r["tree"])}
        if r["id"].startswith("MESH:D") and {t[:3] for t in split(r["tree"])} & {"D08", "D12"}:
            for w in attested_aliases([r["label"], *split(r["synonyms"])], hgnc_symbols):
                attested[w] = attested.get(w, 0) + 1
        for cat in cats & {"C", "D"}:
            by_label, by_syn = mesh_index[cat]
            by_label.setdefault(key(r["label"]), set()).add(r["id"])
            for n in split(r["synonyms"]):
                by_syn.setdefault(key(n), set()).add(r["id"])
        if "C" in cats:
            mesh_c_rows.append(r)
    for r in mesh_c_rows:
        mapped = [m for m in dict.fromkeys([mesh_to_mondo.pop(r["id"], None),
                                            *(x for x in split(r["xrefs"]) if x.startswith("MONDO:"))]) if m]
        if mapped:
            # a mapping stands where the names allow it; Mondo maps "Seizures" to "visual epilepsy"
            mesh_names = [r["label"], *split(r["synonyms"])]
            fit = next((m for m in mapped if m not in mondo_names or compatible_names(mesh_names, mondo_names[m])),
                       None)
            for m in mapped:
                if m != fit and m in b.concepts:
                    b.concepts[m]["xrefs"].discard(r["id"])
            if fit is not None:
                mesh_to_mondo[r["id"]] = fit
                continue
        mondo = lexical_match(r["label"], split(r["synonyms"]), mondo_label, mondo_syn,
                              lambda c: not any(x.startswith("MESH:") for x in b.concepts[c]["xrefs"]))
        if mondo:
            mesh_to_mondo[r["id"]] = mondo

    hpo_labels: dict[str, str] = {}
    for r in rows(src / "hpo.tsv.gz"):
        if r["branch"] not in ("phenotypic_abnormality", ""):
            continue
        hpo_labels[r["label"].lower()] = r["id"]

    # names a gene owns: a recombinant drug named after the gene product does not take them
    gene_names = {d["label"].lower() for d in b.concepts.values() if d["type"] == "Gene"}
    gene_names |= {n.lower() for (n, c, _) in b.names if c.startswith("HGNC:") and b.names[(n, c, _)] <= 2}

    chebi_to_db: dict[str, str] = {}
    db_names: dict[str, str] = {}
    db_label: dict[str, set[str]] = {}
    db_syn: dict[str, set[str]] = {}
    for r in rows(src / "drugbank.tsv.gz"):
        cid = r["id"]
        xrefs = [x for x in split(r["xrefs"]) if not x.startswith("InChIKey:")]
        b.concept(cid, "Drug", r["label"], xrefs, "DrugBank")
        for x in xrefs:
            if x.startswith("CHEBI:"):
                chebi_to_db.setdefault(x, cid)
        db_names.setdefault(r["label"].lower(), cid)
        db_label.setdefault(key(r["label"]), set()).add(cid)
        for s in split(r["synonyms"]):
            db_syn.setdefault(key(s), set()).add(cid)
        for i, s in enumerate([r["label"], *split(r["synonyms"])]):
            if not IUPACISH.search(s) and len(s) <= 60 and s.lower() not in gene_names:
                b.name(s, cid, min(i, 1), common=5.0)
                db_names.setdefault(s.lower(), cid)

    # attested short forms (counted above) name a protein only where no disease, drug or cell already goes
    # by them ("HSP" stays hereditary spastic paraplegia)
    other_senses = {f for (f, c, _case) in b.names if b.concepts[c]["type"] != "Gene"}

    def own_aliases(names: list[str]) -> list[str]:
        return [w for w in attested_aliases(names, hgnc_symbols) if attested.get(w) == 1 and w not in other_senses]

    for r in rows(src / "mesh.tsv.gz"):
        cid, label, trees = r["id"], r["label"], set(split(r["tree"]))
        xrefs = split(r["xrefs"])
        cats = {t[0] for t in trees}
        names = [label] + [s for s in split(r["synonyms"]) if ", " not in s]
        hgnc = next((x for x in xrefs if x.startswith("HGNC:")), None) or next(
            (uniprot_to_hgnc[x] for x in xrefs if x in uniprot_to_hgnc), None)
        if hgnc is None and "D" in cats and trees & {"D08", "D12"}:
            hgnc = mesh_protein_gene(label, hgnc_names, hgnc_symbols, names[1:])
        if hgnc and hgnc in b.concepts:
            # a protein descriptor: its names are names of the gene
            b.concepts[hgnc]["xrefs"].add(cid)
            for n in names:
                if ", " not in n:
                    b.name(n, hgnc, 2, common=5.0)
            for w in own_aliases(names) if cid.startswith("MESH:D") else ():
                b.name(w, hgnc, 1, "cs", allow_common=True)
            continue
        if cid.startswith("MESH:C") and MESH_GENE_PRODUCT.search(label):
            continue
        if "C" in cats:
            disease = any(t.startswith("C") for t in trees)
            mondo = mesh_to_mondo.get(cid)
            if disease and mondo and mondo in b.concepts:
                b.concepts[mondo]["xrefs"].add(cid)
                for n in names:
                    if not b.adjective_like(n):
                        b.name(n, mondo, 2, common=6.0)
                continue
            # a Mondo class the names ruled out above is not this record's match
            xrefs = [x for x in xrefs if not (x.startswith("MONDO:") and x in b.concepts)]
            if disease:
                b.concept(cid, "Disease", label, xrefs, "MeSH")
            else:
                hp = hpo_labels.get(label.lower())
                b.concept(cid, "Phenotype", label, xrefs + ([hp] if hp else []), "MeSH")
                if hp:
                    b.alias_of[hp] = cid
            for i, n in enumerate(names):
                if not b.adjective_like(n):
                    b.name(n, cid, 0 if i == 0 else 1, common=6.0)
            continue
        if "D" in cats:
            if IUPACISH.search(label) and cid.startswith("MESH:C"):
                continue
            chebi = next((x for x in xrefs if x.startswith("CHEBI:")), None)
            target = ((chebi_to_db.get(chebi) if chebi else None) or db_names.get(label.lower())
                      or lexical_match(label, names[1:], db_label, db_syn, lambda c: True))
            if target and target in b.concepts:
                b.concepts[target]["xrefs"].update([cid] + [x for x in xrefs if not x.startswith("MESH:")])
                for n in names:
                    b.name(n, target, 2, common=5.0)
                continue
            if trees and trees <= PROTEIN_TREES and not re.search(r"mab$|cept$", label.lower()):
                # D23 alone ("Biomarkers", "Growth Substances") holds roles, not molecules
                # protein families and enzymes without one gene ("Matrix Metalloproteinases", "p38 MAPK",
                # "Creatine Kinase"): gene products in the design's sense, never drugs
                if (cid.startswith("MESH:D") and trees & {"D08", "D12"}
                        and not any(x.startswith(("CHEBI:", "pubchem.compound:")) for x in xrefs)):
                    b.family(cid, label, names, own_aliases(names))
                continue
            if trees and "D13" in trees and not trees & {"D02", "D03", "D04", "D26", "D27"}:
                continue  # nucleic acids and their parts are not substances one studies as drugs
            b.concept(cid, "Drug", label, xrefs, "MeSH")
            for i, n in enumerate(names):
                # supplementary records carry many everyday words as names ("substances")
                if not IUPACISH.search(n) and len(n) <= 60 and not (cid.startswith("MESH:C") and b.common_word(n, 3.0)):
                    b.name(n, cid, 0 if i == 0 else 1, common=5.0)
            continue
        if "B" in cats and any(x.startswith("NCBITaxon:") for x in xrefs):
            continue  # organisms come from NCBITaxon

    # HPO classes that are the same clinical concept as a disease (shared UMLS CUI) name that disease
    umls_to_disease: dict[str, str] = {}
    for dcid, d in b.concepts.items():
        if d["type"] == "Disease":
            for x in d["xrefs"]:
                if x.startswith("UMLS:"):
                    umls_to_disease.setdefault(x, dcid)

    # phenotypes from HPO that are neither MeSH phenotypes nor diseases
    for r in rows(src / "hpo.tsv.gz"):
        if r["branch"] not in ("phenotypic_abnormality", "") or r["id"] in b.alias_of:
            continue
        cid = r["id"]
        hpo_names = [r["label"], *split(r["synonyms"])]
        # the same clinical concept shares a word of its name too, and MeSH gives it no heading of its own:
        # HPO "Seizure" carries epilepsy's CUI among its own, but MeSH has "Seizures" apart from "Epilepsy"
        own_heading = key(r["label"]) in mesh_index["C"][0]
        twin = None if own_heading else next(
            (t for t in (umls_to_disease[x] for x in split(r["xrefs"]) if x in umls_to_disease)
             if share_word(hpo_names, mondo_names.get(t) or [b.concepts[t]["label"]])), None)
        if twin is not None:
            b.concepts[twin]["xrefs"].add(cid)
            for i, s in enumerate([r["label"], *split(r["synonyms"])]):
                if not b.adjective_like(s):
                    b.name(s, twin, 2, common=6.0 if i == 0 else 4.5)
            continue
        # HPO carries no MeSH mappings; MeSH's signs and symptoms (C23) name many of the same phenotypes
        mesh = lexical_match(r["label"], split(r["synonyms"]), *mesh_index["C"], lambda c: False)
        b.concept(cid, "Phenotype", r["label"], split(r["xrefs"]) + ([mesh] if mesh else []), "HPO")
        for i, s in enumerate([r["label"], *split(r["synonyms"])]):
            if not b.adjective_like(s):
                b.name(s, cid, min(i, 1), common=6.0 if i == 0 else 4.5)

    # ChEBI: drugs only (its other 130k entities are chemistry, not pharmacology)
    for r in rows(src / "chebi.tsv.gz"):
        cid = r["id"]
        if cid in chebi_to_db:
            db = chebi_to_db[cid]
            b.concepts[db]["xrefs"].add(cid)
            continue
        if r["kind"] != "drug":
            continue
        db = db_names.get(r["label"].lower())
        if db is not None:
            # an ion or salt named like a DrugBank drug ("valproate" of valproic acid) is that drug
            b.concepts[db]["xrefs"].add(cid)
            continue
        mesh = lexical_match(r["label"], split(r["synonyms"]), *mesh_index["D"], lambda c: False)
        b.concept(cid, "Drug", r["label"], split(r["xrefs"]) + ([mesh] if mesh else []), "ChEBI")
        b.name(r["label"], cid, 0)
        for s in split(r["synonyms"]):
            if not IUPACISH.search(s):
                b.name(s, cid, 1)

    # --- pathways: GO BP, Reactome --------------------------------------------------------
    go_rows = list(rows(src / "go_bp.tsv.gz"))
    go_vague = shared_synonyms(go_rows, 3)
    for r in go_rows:
        cid = r["id"]
        b.concept(cid, "Pathway", r["label"], [], "GO")
        b.name(r["label"], cid, 0, common=3.2)
        for s in split(r["synonyms"]):
            if s.lower() not in go_vague:
                b.name(s, cid, 1, common=3.2)
    for r in rows(src / "reactome.tsv.gz"):
        b.concept(r["id"], "Pathway", r["label"], [], "Reactome")
        b.name(r["label"], r["id"], 1)

    # --- cell types: CL ------------------------------------------------------------
    for r in rows(src / "cl.tsv.gz"):
        cid = r["id"]
        xrefs = [x for x in split(r["xrefs"]) if x.startswith(("MESH:", "UMLS:"))]
        b.concept(cid, "CellType", r["label"], xrefs, "CL")
        b.name(r["label"], cid, 0, common=3.2)
        for s in split(r["synonyms"]):
            if not re.match(r"^[A-Z]{1,3}\.", s):  # immgen-style codes
                b.name(s, cid, 1, common=2.5)

    # --- model systems: organisms, cell lines -------------------------------------------------
    for r in rows(src / "ncbitaxon.tsv.gz"):
        cid = r["id"]
        b.concept(cid, "ModelSystem", r["label"], [], "NCBITaxon")
        b.name(r["label"], cid, 0, allow_common=True)
        for s in split(r["synonyms"]):
            if "(" not in s and "'" not in s:
                b.name(s, cid, 1, allow_common=True)
    for r in rows(src / "cellosaurus.tsv.gz"):
        label = r["label"]
        if len(label) < 4 or not re.search(r"\d|[A-Z].*[A-Z]", label) or " " in label:
            continue
        if zipf_frequency(label.lower(), "en") >= 2.5:
            continue
        cid = r["id"]
        b.concept(cid, "ModelSystem", label, [], "Cellosaurus")
        b.name(label, cid, 1, "cs")

    # --- curated domain terms (reviewed by hand) ------------------------------------------------
    with open(curated, encoding="utf-8") as fh:
        for r in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t"):
            cid = r["curie"] or f"LOCAL:{r['type']}/{re.sub(r'[^0-9a-z]+', '-', r['label'].lower()).strip('-')}"
            if cid in b.concepts:
                b.concepts[cid]["xrefs"].update(split(r["xrefs"]))
                if r.get("type") and r["type"] != b.concepts[cid]["type"]:
                    b.concepts[cid]["type"] = r["type"]
                if ", " in b.concepts[cid]["label"]:
                    b.concepts[cid]["label"] = r["label"]  # MeSH's inverted headings read badly as labels
            else:
                b.concept(cid, r["type"], r["label"], split(r["xrefs"]), "curated")
            b.name(r["label"], cid, 0, allow_common=True, curated=True)
            for s in split(r["synonyms"]):
                b.name(s, cid, 0, allow_common=True, curated=True)
    return b


def write(b: Builder, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)

    def gz(path: Path, header: list[str], lines: list[list[str]]) -> None:
        buf = io.StringIO()
        buf.write("\t".join(header) + "\n")
        for line in lines:
            buf.write("\t".join(c.replace("\t", " ").replace("\n", " ") for c in line) + "\n")
        tmp = path.with_name(path.name + ".part")
        with open(tmp, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, compresslevel=9) as z:
            z.write(buf.getvalue().encode("utf-8"))
        os.replace(tmp, path)  # readers never see a half-written vocabulary

    used = {c for (_, c, _) in b.names}
    concepts = [[cid, d["type"], d["label"], "|".join(sorted(x for x in d["xrefs"] if x != cid)), d["source"]]
                for cid, d in sorted(b.concepts.items()) if cid in used]
    names = [[n, c, case, str(r)] for (n, c, case), r in sorted(b.names.items()) if c in b.concepts]
    gz(out / "concepts.tsv.gz", ["curie", "type", "label", "xrefs", "source"], concepts)
    gz(out / "names.tsv.gz", ["name", "curie", "case", "rank"], names)
    print(f"{len(concepts)} concepts, {len(names)} names -> {out}", file=sys.stderr)


def main() -> int:
    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", type=Path, default=here.parent / "shared" / "vocab", help="folder of the term lists")
    ap.add_argument("--out", type=Path, default=here / "ontology" / "vocab")
    ap.add_argument("--curated", type=Path, default=here / "ontology" / "curated" / "domain.tsv")
    ap.add_argument("--stoplist", type=Path, default=here / "ontology" / "curated" / "stoplist.txt")
    a = ap.parse_args()
    if not (a.source / "hgnc.tsv.gz").is_file():
        ap.error(f"no term lists in {a.source} (expected hgnc.tsv.gz etc.)")
    write(build(a.source, a.curated, a.stoplist), a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
