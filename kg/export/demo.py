"""A tiny hand-built graph in the project's shape, for examples, tests and docs.

It states, with evidence, a few facts the seed articles state (BTK inhibitors
in an ALS mouse model, riluzole for ALS, NfL as an ALS biomarker, SOD1 mutations
causing ALS, dimethyl fumarate used in MS and tested on HAM/TSP blood cells),
plus one negated and one hedged claim.  It needs no recogniser.

>>> g = demo_graph()
>>> sorted(e.object.label for e in g.relations("inhibits") if e.subject.label == "BTK inhibitor")
['BTK', 'NF-κB signaling']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..graph import KnowledgeGraph

__all__ = ["demo_graph"]


def demo_graph() -> KnowledgeGraph:
    """A small graph of two ALS articles and one MS article, with evidence."""
    from ..graph import KnowledgeGraph
    from ..model import Concept, Document, Evidence, Relation

    als = Concept("MONDO:0004976", "Disease", "amyotrophic lateral sclerosis", ("ALS", "Lou Gehrig disease"),
                  ("MESH:D000690",))
    ms = Concept("MONDO:0005301", "Disease", "multiple sclerosis", ("MS",))
    ham = Concept(None, "Disease", "HTLV-1-associated myelopathy", ("HAM/TSP",))
    btk = Concept("HGNC:1133", "Gene", "BTK", ("Bruton tyrosine kinase",), ("NCBIGene:695",))
    sod1 = Concept("HGNC:11179", "Gene", "SOD1", ("superoxide dismutase 1",))
    nefl = Concept("HGNC:7739", "Gene", "NEFL", ("neurofilament light chain", "NfL"))
    il6 = Concept("HGNC:6018", "Gene", "IL6", ("IL-6",))
    nfkb = Concept("GO:0007249", "Pathway", "NF-κB signaling")
    btki = Concept(None, "Drug", "BTK inhibitor", ("BTK blocker",))
    riluzole = Concept("DRUGBANK:DB00740", "Drug", "riluzole", (), ("CHEBI:8863",))
    dmf = Concept("DRUGBANK:DB08908", "Drug", "dimethyl fumarate", ("DMF",))
    mouse = Concept("NCBITaxon:10090", "ModelSystem", "Mus musculus", ("ALS mouse model",))
    pbmc = Concept(None, "ModelSystem", "HAM/TSP patient blood cells")
    microglia = Concept("CL:0000129", "CellType", "microglial cell", ("microglia",))

    a1 = Document("btk-als", "", "BTK blockers in ALS models", "seeds/btk.txt", metadata={"pmid": "40000001"})
    a2 = Document("als-review", "", "Current research on ALS treatment", "seeds/review.txt")
    a3 = Document("dmf-ham", "", "DMF on HAM/TSP blood cells", "seeds/dmf.txt", metadata={"year": "2026"})
    g = KnowledgeGraph()
    for d in (a1, a2, a3):
        g.add_document(d)

    def claim(s: Concept, p: str, o: Concept, doc: Document, sentence: str, start: int,
              conf: float = 0.8, negated: bool = False, hedged: bool = False, rule: str = "pattern") -> None:
        si = max(sentence.find(s.label), sentence.find(s.synonyms[0]) if s.synonyms else -1, 0)
        oi = max(sentence.find(o.label), sentence.find(o.synonyms[0]) if o.synonyms else -1, 0)
        ev = Evidence(doc.id, "", sentence, start, start + len(sentence), (start + si, start + si + 3),
                      (start + oi, start + oi + 3), "demo", rule, conf, negated, hedged)
        g.add_relation(Relation(s, p, o, ev))

    s1 = "Blocking BTK with a drug lowered the NF-κB pathways in ALS models."
    claim(btki, "inhibits", btk, a1, s1, 100, 0.9)
    claim(btki, "inhibits", nfkb, a1, s1, 100, 0.7)
    s2 = "In a common ALS mouse model, giving a BTK blocker daily improved movement."
    claim(btki, "tested_in", mouse, a1, s2, 300)
    claim(mouse, "model_of", als, a1, s2, 300, 0.6)
    claim(btk, "upregulated_in", als, a1, "Higher activity of BTK was found in tissue from people with ALS.", 20)
    claim(btki, "treats", als, a1, "BTK blockers could point to a new treatment for ALS.", 0, 0.5, hedged=True)
    claim(btk, "activates", microglia, a1, "BTK does not activate microglia at rest.", 700, 0.6, negated=True)
    claim(sod1, "causes", als, a1, "A hereditary form of ALS is caused by mutations in the SOD1 gene.", 900)
    claim(sod1, "causes", als, a2, "In familial ALS, mutations in SOD1 are contributing factors.", 50, 0.7)
    claim(riluzole, "treats", als, a2, "Riluzole, one of the earliest approved treatments for ALS.", 400, 0.9)
    claim(nefl, "biomarker_for", als, a2, "Neurofilament light chain (NfL) is a promising marker for ALS.", 800)
    claim(dmf, "treats", ms, a3, "DMF is already used in MS and has a known safety profile.", 600, 0.85)
    claim(dmf, "tested_in", pbmc, a3, "Researchers tested DMF on HAM/TSP patient blood cells.", 100)
    claim(pbmc, "model_of", ham, a3, "HAM/TSP patient blood cells from 16 people with HAM/TSP.", 100, 0.5)
    claim(dmf, "inhibits", il6, a3, 'DMF also cut levels of "IL-6", a signal\tthat acts like an alarm.', 300)
    for c, docs in ((als, (a1, a2)), (btk, (a1,)), (sod1, (a1, a2)), (ms, (a3,)), (dmf, (a3,)), (il6, (a3,))):
        for d in docs:
            g.add_concept(c, c.synonyms[0] if c.synonyms else c.label, d.id)
    return g
