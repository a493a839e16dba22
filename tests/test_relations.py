"""Relation extraction on sentences written for these tests (one per behaviour)."""

from __future__ import annotations

import pytest


def claims(result, predicate: str | None = None) -> set[tuple[str, str, str]]:
    return {(r.subject.label, r.predicate, r.object.label) for r in result.relations
            if (predicate is None or r.predicate == predicate) and not r.evidence.negated}


def _names(result, concept) -> set[str]:
    """A concept's label, synonyms and the surface forms the text used for it."""
    names = {concept.label, *concept.synonyms}
    names |= {m.text for m in result.mentions if m.concept.key == concept.key}
    return {n.lower() for n in names}


def has(result, s: str, p: str, o: str) -> bool:
    return any(r.predicate == p and s.lower() in _names(result, r.subject) and o.lower() in _names(result, r.object)
               for r in result.relations if not r.evidence.negated)


@pytest.mark.parametrize("text,s,p,o", [
    # inhibits: verb, passive, nominalisation, "blocking Y with X"
    ("Ibrutinib inhibits BTK in B cells.", "ibrutinib", "inhibits", "BTK"),
    ("BTK was inhibited by ibrutinib.", "ibrutinib", "inhibits", "BTK"),
    ("Inhibition of BTK by ibrutinib was complete.", "ibrutinib", "inhibits", "BTK"),
    ("Metformin suppressed mTOR signalling in the liver.", "metformin", "inhibits", "mTOR signalling"),
    # activates
    ("Lipopolysaccharide activates TLR4 on macrophages.", "lipopolysaccharide", "activates", "TLR4"),
    ("NLRP3 was activated by nigericin.", "nigericin", "activates", "NLRP3"),
    # biomarker_for
    ("Serum GFAP is a promising biomarker for Alzheimer disease.", "GFAP", "biomarker_for", "Alzheimer disease"),
    # tested_in (model system and clinical trial)
    ("Rapamycin was tested in SOD1-G93A mice.", "rapamycin", "tested_in", "SOD1-G93A mouse"),
    ("Masitinib was evaluated in a phase 3 trial in patients with multiple sclerosis.", "masitinib", "tested_in",
     "multiple sclerosis"),
    # treats
    ("Natalizumab is approved for the treatment of multiple sclerosis.", "natalizumab", "treats", "multiple sclerosis"),
    ("Levodopa remains the most effective therapy for Parkinson disease.", "levodopa", "treats", "Parkinson disease"),
    # associated_with
    ("TREM2 variants are associated with Alzheimer disease.", "TREM2", "associated_with", "Alzheimer disease"),
    # causes
    ("Mutations in HTT cause Huntington disease.", "HTT", "causes", "Huntington disease"),
    ("Huntington disease is caused by an expansion in HTT.", "HTT", "causes", "Huntington disease"),
    # up / down regulated
    ("CHI3L1 was upregulated in multiple sclerosis lesions.", "CHI3L1", "upregulated_in", "multiple sclerosis"),
    ("Higher levels of CHIT1 were found in patients with amyotrophic lateral sclerosis.", "CHIT1", "upregulated_in",
     "amyotrophic lateral sclerosis"),
    ("MBP was downregulated in multiple sclerosis.", "MBP", "downregulated_in", "multiple sclerosis"),
    # model_of
    ("Experimental autoimmune encephalomyelitis is a model of multiple sclerosis.",
     "experimental autoimmune encephalomyelitis", "model_of", "multiple sclerosis"),
    # targets
    ("Ocrelizumab targets CD20 on B cells.", "ocrelizumab", "targets", "MS4A1"),
    # part_of (drug class membership, apposition and copula)
    ("Evobrutinib, a BTK inhibitor, was well tolerated.", "evobrutinib", "part_of", "BTK inhibitor"),
    ("Fenebrutinib is a BTK inhibitor.", "fenebrutinib", "part_of", "BTK inhibitor"),
])
def test_each_predicate(extract_text, text, s, p, o):
    r = extract_text(text)
    assert has(r, s, p, o), f"{s} {p} {o} not in {claims(r)}"


def test_class_member_inherits_the_class_effect(extract_text):
    r = extract_text("Evobrutinib, a BTK inhibitor, was well tolerated.")
    assert has(r, "evobrutinib", "inhibits", "BTK")


def test_drug_class_name_states_its_target(extract_text):
    r = extract_text("A TYK2 inhibitor reduced relapses.")
    assert has(r, "TYK2 inhibitor", "inhibits", "TYK2")


def test_coordination_gives_one_claim_per_object(extract_text):
    r = extract_text("Tocilizumab lowered IL-1β, TNF-α and IFN-γ in serum.")
    for target in ("IL1B", "TNF", "IFNG"):
        assert has(r, "tocilizumab", "inhibits", target), claims(r)


def test_coordination_of_subjects(extract_text):
    r = extract_text("Mutations in SOD1, FUS and TARDBP cause familial amyotrophic lateral sclerosis.")
    for gene in ("SOD1", "FUS", "TARDBP"):
        assert has(r, gene, "causes", "familial amyotrophic lateral sclerosis"), claims(r)


def test_negation_is_recorded_and_not_asserted(extract_text):
    r = extract_text("Simvastatin did not reduce IL-6 levels.")
    negs = [x for x in r.relations if x.evidence.negated]
    assert negs and negs[0].subject.label.lower() == "simvastatin"
    assert not has(r, "simvastatin", "inhibits", "IL6")


def test_negated_claim_kept_as_evidence_but_not_as_plain_triple():
    from rdflib import URIRef

    from kg.graph import KnowledgeGraph
    from kg.model import Document
    from kg.pipeline import assemble, extract

    g: KnowledgeGraph = assemble([extract(Document(id="n", text="Simvastatin did not reduce IL-6 levels."))])
    edges = g.relations(include_negated=True)
    assert edges and not edges[0].asserted
    assert g.relations() == []
    rdf = g.to_rdf()
    kgs = "https://w3id.org/als-kg/schema#"
    assert not list(rdf.triples((None, URIRef(kgs + "inhibits"), None)))
    assert list(rdf.triples((None, URIRef(kgs + "negated"), None)))


def test_hedging_lowers_confidence(extract_text):
    plain = extract_text("Riluzole inhibits glutamate release.").relations
    hedged = extract_text("Riluzole may inhibit glutamate release.").relations
    assert plain and hedged
    assert hedged[0].evidence.hedged and not plain[0].evidence.hedged
    assert hedged[0].evidence.confidence < plain[0].evidence.confidence


def test_background_is_flagged(extract_text):
    r = extract_text("Previous studies have shown that riluzole inhibits glutamate release.")
    assert r.relations and r.relations[0].evidence.background


def test_lay_language_switch_off(extract_text):
    r = extract_text("Turning the NLRP3 switch off with dapansutrile calmed inflammation.")
    assert has(r, "NLRP3 inhibitor", "inhibits", "NLRP3") or has(r, "dapansutrile", "inhibits", "NLRP3")


def test_model_named_in_previous_sentence(extract_text):
    r = extract_text("We studied SOD1-G93A mice. Daily edaravone was given from day 60.")
    assert has(r, "edaravone", "tested_in", "SOD1-G93A mouse")


def test_relative_clause_does_not_leak_subject(extract_text):
    r = extract_text("Fingolimod, which is used for multiple sclerosis, reduced IL-17 in mice.")
    assert has(r, "fingolimod", "treats", "multiple sclerosis")
    assert not has(r, "multiple sclerosis", "inhibits", "IL17A")


def test_type_constraints_hold(extract_text):
    from kg.schema import load_schema

    schema = load_schema()
    r = extract_text("Riluzole and edaravone treat ALS; SOD1 mutations cause ALS; NfL is a biomarker for ALS.")
    assert r.relations
    for rel in r.relations:
        assert schema.allows(rel.subject.type, rel.predicate, rel.object.type), rel


def test_loss_of_function_flips_the_effect(extract_text):
    r = extract_text("Knockdown of TREM2 increased IL-1β secretion in microglia.")
    assert has(r, "TREM2", "inhibits", "IL1B"), claims(r)
    r = extract_text("Loss of PGRN reduced lysosomal CTSD activity.")
    assert has(r, "PGRN", "activates", "CTSD") or has(r, "GRN", "activates", "CTSD"), claims(r)


def test_sentence_initial_pronoun_is_the_previous_drug(extract_text):
    r = extract_text("Masitinib was given to patients. It also lowered CCL2 in plasma.")
    assert has(r, "masitinib", "inhibits", "CCL2"), claims(r)


def test_appositive_description_is_not_the_subject(extract_text):
    r = extract_text("Siponimod, a sphingosine-1-phosphate receptor modulator approved for multiple sclerosis, "
                     "was administered to Lewis rats.")
    assert has(r, "siponimod", "part_of", "sphingosine-1-phosphate receptor modulator"), claims(r)
    assert has(r, "siponimod", "treats", "multiple sclerosis"), claims(r)
    assert has(r, "siponimod", "tested_in", "Rattus norvegicus"), claims(r)
    assert not any(x.subject.label.lower().startswith("sphingosine") and x.predicate == "tested_in"
                   for x in r.relations)


def test_gene_name_with_symbol_then_role_is_a_class(extract_text):
    r = extract_text("Remibrutinib, an oral Bruton's tyrosine kinase (BTK) inhibitor, was safe.")
    assert has(r, "remibrutinib", "part_of", "BTK inhibitor"), claims(r)
    assert has(r, "remibrutinib", "inhibits", "BTK"), claims(r)


def test_failed_trial_is_still_a_test(extract_text):
    r = extract_text("Dexpramipexole failed to slow decline in a phase 3 trial in amyotrophic lateral sclerosis.")
    tested = [x for x in r.relations if x.predicate == "tested_in"]
    assert tested and not tested[0].evidence.negated


def test_drug_described_by_its_use(extract_text):
    r = extract_text("Levetiracetam, a common epilepsy drug, was well tolerated.")
    assert has(r, "levetiracetam", "treats", "epilepsy"), claims(r)


def test_drug_acting_in_the_model_the_sentence_opens_with(extract_text):
    r = extract_text("In aged zebrafish, rapamycin restored autophagy in motor neurons.")
    assert has(r, "rapamycin", "tested_in", "zebrafish"), claims(r)


def test_marker_for_a_trial_is_not_the_drug(extract_text):
    r = extract_text("Plasma NfL may serve as a pharmacodynamic marker in trials of tofersen in ALS.")
    assert not any(x.predicate == "biomarker_for" and x.subject.type == "Drug" for x in r.relations)


def test_hyphenated_modifier_states_its_own_relation(extract_text):
    r = extract_text("Cisplatin-induced neuropathy was common. GRN-associated frontotemporal dementia is rare.")
    assert has(r, "cisplatin", "causes", "neuropathy"), claims(r)
    assert has(r, "GRN", "associated_with", "frontotemporal dementia"), claims(r)


def test_modifier_gene_is_not_a_biomarker(extract_text):
    r = extract_text("Plasma markers in C9orf72-associated amyotrophic lateral sclerosis were studied.")
    assert not any(x.predicate == "biomarker_for" for x in r.relations)


def test_efficacy_wording_and_grounded_class(extract_text):
    r = extract_text("Masitinib, a tyrosine kinase inhibitor, slowed functional decline in people with "
                     "amyotrophic lateral sclerosis.")
    assert has(r, "masitinib", "treats", "amyotrophic lateral sclerosis"), claims(r)
    assert any(x.predicate == "part_of" and x.subject.label.lower() == "masitinib" for x in r.relations)


def test_mention_describing_patients_is_not_a_target(extract_text):
    r = extract_text("Eculizumab blocks complement C5 and lowered relapses in AQP4-IgG-positive patients.")
    assert has(r, "eculizumab", "inhibits", "C5"), claims(r)
    assert not has(r, "eculizumab", "inhibits", "AQP4"), claims(r)


def test_hedge_after_the_claim_does_not_cover_it(extract_text):
    r = extract_text("Riluzole inhibits glutamate release, suggesting a possible benefit in ALS.")
    first = [x for x in r.relations if x.subject.label.lower() == "riluzole" and x.predicate == "inhibits"]
    assert first and not first[0].evidence.hedged


def test_marker_sentence_takes_its_own_molecule(extract_text):
    r = extract_text("IL-6 rose in the spinal cord of mice. In people with amyotrophic lateral sclerosis, plasma "
                     "creatinine was lower, suggesting it could serve as a marker of the disease. "
                     "Amyotrophic lateral sclerosis progressed.")
    assert not any(x.predicate == "biomarker_for" and x.subject.label == "IL6" for x in r.relations)


def test_coordinated_objects_are_not_related_to_each_other(extract_text):
    r = extract_text("GJB2 mutations are associated with hearing loss and retinitis pigmentosa.")
    assert not any({x.subject.type, x.object.type} == {"Disease"} for x in r.relations), claims(r)
    assert has(r, "GJB2", "associated_with", "retinitis pigmentosa") or has(r, "GJB2", "causes", "retinitis pigmentosa")


def test_increased_risk_is_an_association_not_expression(extract_text):
    r = extract_text("The APOE4 allele of APOE increased the risk of Alzheimer disease.")
    assert not any(x.predicate == "upregulated_in" for x in r.relations), claims(r)
    assert has(r, "APOE", "associated_with", "Alzheimer disease"), claims(r)


def test_passive_with_hyphen_and_stimulation(extract_text):
    r = extract_text("The level of PRMT5 was up-regulated by stimulation with IL-1β.")
    assert has(r, "IL1B", "activates", "PRMT5"), claims(r)
    assert not has(r, "PRMT5", "activates", "IL1B"), claims(r)


def test_process_noun_is_not_a_verb(extract_text):
    # "activation" names a process; it does not make the gene before it act on the molecule after it
    r = extract_text("Elevated GFAP accompanied microglial activation and IL-6 release in the cortex.")
    assert not has(r, "GFAP", "activates", "IL6"), claims(r)
    r = extract_text("Lipopolysaccharide strongly activated TLR4 on macrophages.")
    assert has(r, "lipopolysaccharide", "activates", "TLR4"), claims(r)


def test_disease_in_patients_on_a_drug_is_an_adverse_effect(extract_text):
    r = extract_text("Hepatitis developed in two patients treated with isoniazid.")
    assert has(r, "isoniazid", "causes", "hepatitis") and not has(r, "isoniazid", "treats", "hepatitis"), claims(r)
    r = extract_text("Cough appeared during lisinopril therapy in one woman.")
    assert not has(r, "lisinopril", "treats", "cough"), claims(r)
    # what the drug did to the disease: still a treatment
    r = extract_text("Remission of psoriasis in patients treated with methotrexate was common.")
    assert has(r, "methotrexate", "treats", "psoriasis"), claims(r)
    r = extract_text("Patients with tuberculosis were treated with isoniazid.")
    assert has(r, "isoniazid", "treats", "tuberculosis"), claims(r)


def _doc(text: str, title: str = ""):
    from kg.model import Document
    from kg.pipeline import extract

    return extract(Document(id="d", text=text, title=title, iri="urn:test:d"))


def test_title_names_the_topic_pair():
    text = "A cohort study of LRRK2\nWe sequenced 300 people with Parkinson disease. Parkinson disease began early."
    r = _doc(text, "A cohort study of LRRK2")
    assert has(r, "LRRK2", "associated_with", "Parkinson disease"), claims(r)
    assert {x.evidence.rule for x in r.relations} == {"topic:title"}
    # no title: no topic claim
    r = _doc(text.split("\n", 1)[1])
    assert not has(r, "LRRK2", "associated_with", "Parkinson disease"), claims(r)


def test_title_claim_only_where_the_text_says_nothing_else():
    text = "LRRK2 and Parkinson disease\nMutations in LRRK2 cause Parkinson disease in many families."
    r = _doc(text, "LRRK2 and Parkinson disease")
    assert has(r, "LRRK2", "causes", "Parkinson disease"), claims(r)
    assert not any(x.predicate == "associated_with" for x in r.relations), claims(r)


def test_gene_discussed_with_the_main_disease():
    r = _doc("We studied Parkinson disease in a large cohort. In Parkinson disease, GBA and SNCA were sequenced "
             "in every participant. TNF was measured in serum of healthy donors.")
    assert has(r, "GBA", "associated_with", "Parkinson disease"), claims(r)
    assert has(r, "SNCA", "associated_with", "Parkinson disease"), claims(r)
    assert not has(r, "TNF", "associated_with", "Parkinson disease"), claims(r)  # another sentence
    # a disease named once is no topic
    r = _doc("In Parkinson disease, GBA and SNCA were sequenced in every participant.")
    assert not any(x.evidence.rule == "topic:same-sentence" for x in r.relations), claims(r)
    # off when asked
    from kg.relations import RelationExtractor

    assert RelationExtractor(fallbacks=()).fallbacks == []


def test_marker_of_a_cell_state_is_not_a_biomarker(extract_text):
    r = extract_text("Keratin 12, a marker of corneal differentiation, was reduced in psoriasis. Psoriasis was severe.")
    assert not any(x.predicate == "biomarker_for" for x in r.relations), claims(r)
    r = extract_text("Serum GFAP is a promising marker in psoriasis. Psoriasis was severe.")
    assert has(r, "GFAP", "biomarker_for", "psoriasis"), claims(r)


def test_carryover_takes_the_drug_given_not_a_measured_chemical(extract_text):
    r = extract_text("We studied SOD1-G93A mice. Glutamate in the cortex was measured after edaravone treatment.")
    assert has(r, "edaravone", "tested_in", "SOD1-G93A mouse"), claims(r)
    assert not any(x.predicate == "tested_in" and "glutam" in x.subject.label.lower() for x in r.relations), claims(r)
