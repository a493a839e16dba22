"""Relation rules for news-style text: sentences written for these tests, each with a case the rule must not fire on."""

from __future__ import annotations

from test_relations import claims, has


def test_participle_inside_a_term_is_no_trigger(extract_text):
    r = extract_text("Riluzole was applied to induced pluripotent stem cell-derived motor neurons from donors with "
                     "SOD1 mutations.")
    assert not any(x.predicate == "activates" for x in r.relations), claims(r)
    r = extract_text("Nigericin induced NLRP3 in macrophages.")
    assert has(r, "nigericin", "activates", "NLRP3"), claims(r)


def test_participle_after_a_preposition_is_an_adjective(extract_text):
    r = extract_text("Edaravone was studied in activated astrocytes expressing GFAP.")
    assert not any(x.predicate == "activates" for x in r.relations), claims(r)


def test_cell_survival_or_number_is_not_activation(extract_text):
    r = extract_text("Rapamycin increased motor neuron survival in culture.")
    assert not has(r, "rapamycin", "activates", "motor neuron"), claims(r)
    r = extract_text("Fingolimod reduced the number of T cells in blood.")
    assert not has(r, "fingolimod", "inhibits", "T cell"), claims(r)
    r = extract_text("Interferon gamma stimulated astrocytes in the spinal cord.")
    assert any(x.predicate == "activates" and x.object.type == "CellType" for x in r.relations), claims(r)


def test_drug_effect_is_not_a_disease_change(extract_text):
    r = extract_text("In the study, ibudilast lowered serum CHIT1 in patients with multiple sclerosis.")
    assert has(r, "ibudilast", "inhibits", "CHIT1"), claims(r)
    assert not any(x.predicate == "downregulated_in" for x in r.relations), claims(r)
    # no drug acting: the disease state
    r = extract_text("Patients with multiple sclerosis had reduced serum CHIT1.")
    assert has(r, "CHIT1", "downregulated_in", "multiple sclerosis"), claims(r)


def test_gene_acting_on_something_is_not_its_own_level(extract_text):
    r = extract_text("GDNF increased the survival of cultured motor neurons.")
    assert not any(x.predicate == "upregulated_in" for x in r.relations), claims(r)
    r = extract_text("GFAP increased in Alzheimer disease.")
    assert has(r, "GFAP", "upregulated_in", "Alzheimer disease"), claims(r)


def test_study_in_a_model_showed_that_a_drug(extract_text):
    r = extract_text("Previous experiments in SOD1-G93A mice demonstrated that edaravone delayed paralysis.")
    assert has(r, "edaravone", "tested_in", "SOD1-G93A mouse"), claims(r)
    r = extract_text("Studies in zebrafish revealed riluzole concentrations in the brain.")
    assert not any(x.predicate == "tested_in" for x in r.relations), claims(r)


def test_the_mice_are_the_model_named_before(extract_text):
    r = extract_text("The lab bred a FUS mouse model of amyotrophic lateral sclerosis. Ibudilast given daily improved the "
                     "gait of the mice.")
    tested = {x.object.label for x in r.relations if x.predicate == "tested_in"}
    assert tested and all("FUS" in label for label in tested), claims(r)
    r = extract_text("The lab bred SOD1-G93A mice. Later, these animals were given rapamycin.")
    assert has(r, "rapamycin", "tested_in", "SOD1-G93A mouse"), claims(r)
    # an indefinite "mice" is the organism itself
    r = extract_text("Ibudilast was given to mice.")
    assert has(r, "ibudilast", "tested_in", "Mus musculus"), claims(r)


def test_trial_in_people_with_a_disease(extract_text):
    r = extract_text("Ibudilast slowed brain atrophy in 255 adults with multiple sclerosis, according to a "
                     "randomized phase 2 trial.")
    assert has(r, "ibudilast", "tested_in", "multiple sclerosis"), claims(r)
    r = extract_text("Ocrelizumab and ofatumumab are now being tested in multiple sclerosis.")
    assert has(r, "ocrelizumab", "tested_in", "multiple sclerosis"), claims(r)
    assert has(r, "ofatumumab", "tested_in", "multiple sclerosis"), claims(r)
    # no trial, and the disease is not the population
    r = extract_text("Ibudilast lowered IL-6 in cells from a randomized donor, unlike multiple sclerosis drugs.")
    assert not any(x.predicate == "tested_in" for x in r.relations), claims(r)


def test_efficacy_wording(extract_text):
    r = extract_text("Inebilizumab prevented attacks in people with neuromyelitis optica.")
    assert has(r, "inebilizumab", "treats", "neuromyelitis optica"), claims(r)
    r = extract_text("Siponimod lowered the risk of disability progression in multiple sclerosis.")
    assert has(r, "siponimod", "treats", "multiple sclerosis"), claims(r)


def test_class_named_by_its_member(extract_text):
    r = extract_text("The anti-CD20 antibody ocrelizumab depleted B cells. A tyrosine kinase inhibitor called "
                     "imatinib was given.")
    assert has(r, "ocrelizumab", "inhibits", "B cell"), claims(r)
    assert not has(r, "MS4A1", "inhibits", "B cell"), claims(r)
    assert has(r, "imatinib", "part_of", "tyrosine kinase inhibitors"), claims(r)
    r = extract_text("Riluzole and edaravone were given.")
    assert not any(x.predicate == "part_of" for x in r.relations), claims(r)


def test_relative_clause_right_after_a_drug_describes_it(extract_text):
    r = extract_text("Ofatumumab, which depletes B cells, and tocilizumab, which blocks IL-6, were compared.")
    assert has(r, "ofatumumab", "inhibits", "B cell"), claims(r)
    assert has(r, "tocilizumab", "inhibits", "IL6"), claims(r)
    r = extract_text("An antibody that binds CD20, rituximab, reduced relapses.")
    assert not has(r, "MS4A1", "inhibits", "rituximab"), claims(r)


def test_object_of_a_relative_clause_is_not_the_main_subject(extract_text):
    r = extract_text("Rituximab, an antibody that blocks CD20 protein, lowered serum GFAP in patients.")
    assert has(r, "rituximab", "inhibits", "MS4A1"), claims(r)
    assert has(r, "rituximab", "inhibits", "GFAP"), claims(r)
    assert not has(r, "MS4A1", "inhibits", "GFAP"), claims(r)


def test_antibodies_against_a_protein_act_not_the_protein(extract_text):
    r = extract_text("Autoantibodies against MOG activate complement in the optic nerve.")
    assert not any(x.subject.label == "MOG" and x.predicate == "activates" for x in r.relations), claims(r)
    r = extract_text("MOG activates complement in the optic nerve.")
    assert any(x.subject.label == "MOG" and x.predicate == "activates" for x in r.relations), claims(r)


def test_inhibitors_of_a_gene_flip_its_effect(extract_text):
    r = extract_text("Inhibitors of RIPK1 reduce inflammation in oligodendrocytes.")
    assert has(r, "RIPK1", "activates", "inflammatory response"), claims(r)


def test_genetic_form_of_a_disease(extract_text):
    r = extract_text("Ibudilast lowered plasma GFAP in TARDBP-ALS carriers.")
    assert has(r, "TARDBP", "associated_with", "ALS"), claims(r)
    assert not any(x.subject.label == "TARDBP" and x.predicate in ("inhibits", "activates") for x in r.relations)


def test_new_clause_with_its_own_subject(extract_text):
    r = extract_text("OPTN binds TBK1, and it is linked to frontotemporal dementia.")
    assert not has(r, "TBK1", "associated_with", "frontotemporal dementia"), claims(r)
    r = extract_text("OPTN binds TBK1 and is linked to frontotemporal dementia.")
    assert any(x.object.label == "frontotemporal dementia" for x in r.relations), claims(r)


def test_sentence_opening_then_the_drug(extract_text):
    r = extract_text("Evobrutinib entered trials. In cultured cells, the drug blocked BTK.")
    assert has(r, "evobrutinib", "inhibits", "BTK"), claims(r)
    r = extract_text("Evobrutinib entered trials. In cultured cells, BTK was measured.")
    assert not any(x.predicate == "inhibits" for x in r.relations), claims(r)


def test_blocking_with_a_named_antibody(extract_text):
    r = extract_text("Blocking IL-17 with the antibody secukinumab reduced lesions.")
    assert has(r, "secukinumab", "inhibits", "IL17A"), claims(r)


def test_qualifying_mention_is_not_a_target(extract_text):
    r = extract_text("Satralizumab reduced relapses in MOG antibody-positive neuromyelitis optica.")
    assert not has(r, "satralizumab", "inhibits", "MOG"), claims(r)
    assert has(r, "MOG", "associated_with", "neuromyelitis optica"), claims(r)


def test_cell_marker_is_not_a_disease_marker(extract_text):
    r = extract_text("The astrocytic marker GFAP was lower in Alzheimer disease.")
    assert not any(x.predicate == "biomarker_for" for x in r.relations), claims(r)
    r = extract_text("Plasma GFAP in the blood has been proposed as a biomarker for Alzheimer disease.")
    assert has(r, "GFAP", "biomarker_for", "Alzheimer disease"), claims(r)


def test_cells_in_a_list_are_where_not_what(extract_text):
    r = extract_text("Ibrutinib blocked BTK in B cells and microglia.")
    assert has(r, "ibrutinib", "inhibits", "BTK"), claims(r)
    assert not any(x.object.type == "CellType" for x in r.relations), claims(r)


def test_verb_ending_like_a_noun(extract_text):
    r = extract_text("Tofersen lowers SOD1 in spinal fluid.")
    assert has(r, "tofersen", "inhibits", "SOD1"), claims(r)


def test_loss_of_a_protein_in_a_model_is_its_level_going_down(extract_text):
    r = extract_text("In SOD1-G93A mice, loss of the transporter EAAT2 preceded motor neuron death.")
    preds = {(x.subject.label, x.predicate) for x in r.relations}
    assert ("SLC1A2", "downregulated_in") in preds
    assert ("SLC1A2", "upregulated_in") not in preds
