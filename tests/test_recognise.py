"""Concept recognition on sentences written for these tests."""

from __future__ import annotations

import pytest


def concepts(result) -> dict[str, tuple[str, str]]:
    """surface text -> (type, key) of every mention."""
    return {m.text: (m.concept.type, m.concept.key) for m in result.mentions}


@pytest.mark.parametrize("surface", ["TNF-alpha", "TNF-α", "TNFα", "tumor necrosis factor", "TNF-a"])
def test_greek_and_hyphen_variants_of_one_gene(extract_text, surface):
    found = concepts(extract_text(f"Serum {surface} rose in the cohort."))
    assert found.get(surface) == ("Gene", "HGNC:11892")


@pytest.mark.parametrize("surface", ["IL-6", "IL6", "interleukin 6", "interleukin-6"])
def test_interleukin_spellings(extract_text, surface):
    assert concepts(extract_text(f"We measured {surface} in plasma."))[surface] == ("Gene", "HGNC:6018")


@pytest.mark.parametrize("surface,key", [("NF-κB pathway", "GO:0007249"), ("NF-kB signaling", "GO:0007249")])
def test_pathway_named_after_its_hub(extract_text, surface, key):
    assert concepts(extract_text(f"The {surface} was silent."))[surface] == ("Pathway", key)


def test_mouse_style_gene_symbols(extract_text):
    found = concepts(extract_text("Expression of Sod1, Atf3 and Nefl changed in the spinal cord."))
    assert found["Sod1"] == ("Gene", "HGNC:11179")
    assert found["Atf3"] == ("Gene", "HGNC:785")
    assert found["Nefl"] == ("Gene", "HGNC:7739")


def test_plurals_and_longest_match(extract_text):
    found = concepts(extract_text("Reactive astrocytes and motor neurons were counted."))
    assert found["astrocytes"] == ("CellType", "CL:0000127")
    assert found["motor neurons"] == ("CellType", "CL:0000100")
    assert "neurons" not in found


def test_plurals_in_ies(extract_text):
    found = concepts(extract_text("Malignancies and mitochondrial myopathies were rare; rabies was not seen."))
    single = concepts(extract_text("Malignancy and mitochondrial myopathy were rare."))
    assert found["Malignancies"] == single["Malignancy"]
    assert found["mitochondrial myopathies"] == single["mitochondrial myopathy"]
    assert found["rabies"][0] == "Disease"  # a name that itself ends in -ies is still found


def test_mixed_case_symbol_after_a_capital_and_hyphen(extract_text):
    found = concepts(extract_text("Loss of E-cadherin and of Akt was seen; beta2 was not."))
    assert found["E-cadherin"] == ("Gene", "HGNC:1748")  # CDH1, not the cadherin family
    assert "beta2" not in found  # an all-lower-case word is no mixed-case symbol


def test_a_sign_is_not_the_disease_its_cui_shares(extract_text):
    # HPO "Seizure" shares a UMLS CUI with epilepsy, and Mondo maps MeSH "Seizures" to visual epilepsy
    found = concepts(extract_text("Seizures were recorded in two patients; epilepsy was diagnosed in one."))
    assert found["Seizures"][1] not in {found["epilepsy"][1], "MONDO:0001386"}
    assert found["Seizures"][0] == "Disease"


def test_a_salt_named_like_a_drug_is_that_drug(extract_text):
    found = concepts(extract_text("Rats were given valproate or valproic acid."))
    assert found["valproate"] == found["valproic acid"] == ("Drug", "DRUGBANK:DB00313")


def test_abbreviation_defined_in_text_is_resolved(extract_text):
    r = extract_text("Patients received fingolimod hydrochloride (FH). Later, FH was stopped in two patients.")
    fh = [m for m in r.mentions if m.text == "FH"]
    assert len(fh) == 2
    assert all(m.concept.type == "Drug" for m in fh)


def test_short_form_defined_as_something_unknown_is_dropped(extract_text):
    # "ALS" here is defined as something else: it must not become the disease
    r = extract_text("We used an alternating least squares (ALS) solver. ALS converged quickly.")
    assert not any(m.concept.key == "MONDO:0004976" for m in r.mentions)


def test_two_letter_acronym_needs_its_long_form(extract_text):
    alone = extract_text("MS data were collected on a new instrument.")
    assert not any(m.text == "MS" for m in alone.mentions)
    backed = extract_text("Patients with multiple sclerosis were enrolled. MS relapses were rare.")
    assert concepts(backed)["MS"] == ("Disease", "MONDO:0005301")


def test_common_words_are_not_concepts(extract_text):
    r = extract_text("The cat sat on the set while a mess was made in the lab.")
    assert r.mentions == ()


def test_gene_symbol_that_is_a_word_needs_capitals(extract_text):
    r = extract_text("Catalase (CAT) activity was measured. CAT activity fell.")
    assert concepts(r)["CAT"] == ("Gene", "HGNC:1516")


def test_drug_class_from_gene_and_role(extract_text):
    r = extract_text("Two TREM2 agonists and a CD20 antagonist were compared with JAK inhibitors.")
    found = concepts(r)
    assert found["TREM2 agonists"] == ("Drug", "Drug/trem2-agonist")
    assert found["CD20 antagonist"] == ("Drug", "Drug/ms4a1-antagonist")
    assert found["JAK inhibitors"][0] == "Drug"  # MeSH lists this class: grounded


def test_model_systems(extract_text):
    r = extract_text("SOD1-G93A mice and a mouse model of multiple sclerosis were treated; iPSC-derived motor neurons too.")
    found = concepts(r)
    assert found["SOD1-G93A mice"][0] == "ModelSystem"
    assert found["mouse model of multiple sclerosis"] == ("ModelSystem", "ModelSystem/multiple-sclerosis-mouse-model")
    assert found["iPSC-derived motor neurons"][0] == "ModelSystem"


def test_patient_derived_sample(extract_text):
    r = extract_text("Fibroblasts isolated from patients with Parkinson disease were cultured.")
    assert concepts(r)["Fibroblasts"] == ("ModelSystem", "ModelSystem/patient-derived-fibroblast")


def test_shared_head_coordination(extract_text):
    r = extract_text("Both CD4+ and CD8+ T cells expanded.")
    found = concepts(r)
    assert found["CD4+"] == ("CellType", "CL:0000624")
    assert found["CD8+ T cells"] == ("CellType", "CL:0000625")


def test_species_vs_human_gene(extract_text):
    r = extract_text("Zebrafish were injected with an antisense oligonucleotide.")
    found = concepts(r)
    assert found["Zebrafish"] == ("ModelSystem", "NCBITaxon:7955")
    assert found["antisense oligonucleotide"][0] == "Drug"


def test_amino_acid_residues_are_not_drugs(extract_text):
    r = extract_text("An arginine to cysteine substitution at position 72 was found.")
    assert not any(m.concept.type == "Drug" for m in r.mentions)
    r = extract_text("The protein carries glycine repeats and a glutamine-rich domain.")
    assert not any(m.concept.type == "Drug" for m in r.mentions)
    r = extract_text("Oral arginine supplementation improved endothelial function.")
    assert any(m.text == "arginine" and m.concept.type == "Drug" for m in r.mentions)


def test_description_followed_by_its_name(extract_text):
    r = extract_text("Twelve people had a relapsing demyelinating disease (NMOSD). The demyelinating disease "
                     "was treated early.")
    described = [m for m in r.mentions if m.text == "demyelinating disease"]
    assert len(described) == 2
    assert {m.concept.key for m in described} == {"MONDO:0019100"}


def test_lay_cell_model(extract_text):
    r = extract_text("They used cultured human motor nerve cells derived from people with ALS.")
    assert concepts(r)["cultured human motor nerve cells"] == ("ModelSystem", "ModelSystem/patient-derived-cells")


def test_organism_with_a_disease_is_a_model(extract_text):
    r = extract_text("Rats with an MS-like disease and mice with multiple sclerosis were compared.")
    found = concepts(r)
    assert found["mice with multiple sclerosis"] == ("ModelSystem", "ModelSystem/multiple-sclerosis-mouse-model")


def test_unknown_long_form_of_a_gene_symbol(extract_text):
    r = extract_text("Mutations in copper/zinc superoxide dismutase (SOD1) cause familial ALS.")
    found = concepts(r)
    assert found["superoxide dismutase"] == ("Gene", "HGNC:11179")
    assert "superoxide" not in found


@pytest.mark.parametrize("sentence,code", [
    ("Mice received XQ-4417, a selective inhibitor of the complement receptor.", "XQ-4417"),
    ("The experimental compound ZR2290 lowered cytokine release.", "ZR2290"),
    ("After treatment with Bvk-Al7 for six weeks, grip strength improved.", "Bvk-Al7"),
])
def test_unknown_drug_code_named_as_a_drug(extract_text, sentence, code):
    r = extract_text(sentence + f" Later, {code} was well tolerated.")
    hits = [m for m in r.mentions if m.text == code]
    assert len(hits) == 2  # the second, bare use is the same drug
    assert {(m.concept.type, m.concept.key) for m in hits} == {("Drug", f"Drug/{code.lower()}")}


def test_code_without_drug_context_is_not_a_drug(extract_text):
    r = extract_text("Samples were run on the QX2200 reader and the trial NCT01234567 enrolled 40 people.")
    assert not any(m.concept.type == "Drug" for m in r.mentions)


def test_organism_carrying_a_gene_is_a_model(extract_text):
    r = extract_text("Mice carrying a mutant human SOD1 gene and transgenic rats expressing TDP-43 were studied.")
    found = concepts(r)
    assert found["Mice carrying a mutant human SOD1 gene"] == ("ModelSystem", "ModelSystem/sod1-mouse-model")
    assert found["transgenic rats expressing TDP-43"] == ("ModelSystem", "ModelSystem/tardbp-rat-model")
    assert found["SOD1"] == ("Gene", "HGNC:11179")  # the gene is still named


def test_models_of_the_disease_name_the_topic(extract_text):
    r = extract_text("Multiple sclerosis damages myelin. In multiple sclerosis, relapses vary. "
                     "Rat models of the disease respond to the drug.")
    assert concepts(r)["Rat models of the disease"] == ("ModelSystem", "ModelSystem/multiple-sclerosis-rat-model")


def test_induced_stem_cell_derived_cells_are_a_model_but_the_cell_type_stays(extract_text):
    r = extract_text("Microglia were activated. We used induced pluripotent stem cell (iPSC)-derived microglia "
                     "from donors.")
    found = {(m.text, m.concept.type) for m in r.mentions}
    assert ("induced pluripotent stem cell (iPSC)-derived microglia", "ModelSystem") in found
    assert ("Microglia", "CellType") in found


@pytest.mark.parametrize("name", ["zelnorimab", "tavocrutinib", "ulmatersen", "Brelosiran", "Quinarimod"])
def test_new_drug_named_by_its_inn_stem(extract_text, name):
    r = extract_text(f"Patients were randomised to {name} or placebo for a year.")
    assert concepts(r)[name] == ("Drug", f"Drug/{name.lower()}")


def test_english_words_with_drug_like_endings_are_not_drugs(extract_text):
    r = extract_text("Symptoms may worsen in April; the concept was accepted by the nib holder.")
    assert not any(m.concept.type == "Drug" for m in r.mentions)


def test_anti_gene_therapy_is_a_drug_class_but_autoantibodies_are_not(extract_text):
    found = concepts(extract_text("Anti-CD20 therapy depleted B cells in the cohort."))
    assert found["Anti-CD20 therapy"] == ("Drug", "Drug/ms4a1-inhibitor")
    r = extract_text("Patients with anti-AChR antibodies had worse symptoms.")
    assert not any(m.concept.type == "Drug" for m in r.mentions)


@pytest.mark.parametrize("phrase", ["TBK1-deficient mice", "mice lacking one copy of Tbk1", "TBK1 knockout mice"])
def test_more_ways_to_name_a_genetic_model(extract_text, phrase):
    r = extract_text(f"We studied {phrase} for a year.")
    assert ("ModelSystem", "ModelSystem/tbk1-mouse-model") in concepts(r).values()


def test_gene_glued_to_its_variant(extract_text):
    r = extract_text("SOD1G93A transgenic mice lost weight.")
    found = concepts(r)
    assert found["SOD1"] == ("Gene", "HGNC:11179")
    assert ("ModelSystem", "ModelSystem/sod1-g93a-mouse-model") in found.values()


def test_drug_code_given_as_an_example_of_a_class(extract_text):
    r = extract_text("Compounds that block the exporter (XPO1), such as QV-118, rescued the cells.")
    assert concepts(r)["QV-118"] == ("Drug", "Drug/qv-118")


def test_equal_aliases_go_to_the_better_documented_gene(extract_text):
    # "ERK" is an alias of MAPK1 and a previous symbol of EPHB2
    assert concepts(extract_text("ERK phosphorylation increased."))["ERK"] == ("Gene", "HGNC:6871")


def test_short_forms_go_to_the_protein_mesh_files_them_under(extract_text):
    # HGNC lists "p21" for TCEAL1 and "PKC" for PRRT2 too; MeSH writes them for CDKN1A and protein kinase C
    got = concepts(extract_text("Doxorubicin raised p21 levels and activated PKC in cardiomyocytes."))
    assert got["p21"] == ("Gene", "HGNC:1784"), got
    assert got["PKC"] == ("Gene", "MESH:D011493"), got
    # "HSP" stays the disease MeSH does not file under a protein
    got = concepts(extract_text("Hereditary spastic paraplegia (HSP) is a group of disorders. HSP begins in youth."))
    assert got["HSP"][0] == "Disease", got


def test_a_gene_alias_must_fit_what_the_text_defines(extract_text):
    # NBAS has the alias NAG; a text defining NAG as an enzyme the vocabulary lacks does not mean NBAS
    got = concepts(extract_text("Urinary N-acetyl-beta-D-glucosaminidase (NAG) was high. NAG fell later."))
    assert got["NAG"] == got["N-acetyl-beta-D-glucosaminidase"] != ("Gene", "HGNC:15625"), got
    r = extract_text("A neuronal aminoacylglucosylase (NAG) was found. NAG fell later.")
    assert {(m.text, m.concept.type, m.concept.curie, m.concept.label) for m in r.mentions if m.text == "NAG"} == {
        ("NAG", "Gene", None, "neuronal aminoacylglucosylase")}, concepts(r)
    # a definition that is no protein's name does not make its short form a gene ("elevated plus maze")
    got = concepts(extract_text("Anxiety was tested in the elevated plus maze (EPM). Time in the EPM fell."))
    assert got.get("EPM", ("", ""))[0] != "Gene", got
    # one that reads as a protein's name keeps the gene ("Epo receptor (EpoR)")
    got = concepts(extract_text("The erythropoietin-binding Epo receptor (EpoR) was expressed. EpoR rose."))
    assert got["EpoR"] == ("Gene", "HGNC:3416"), got
    # the symbol itself is kept whatever the long form ("copper/zinc superoxide dismutase")
    got = concepts(extract_text("Copper/zinc superoxide dismutase (SOD1) misfolds. SOD1 aggregates."))
    assert got["SOD1"] == ("Gene", "HGNC:11179"), got


def test_ros_is_reactive_oxygen_species(extract_text):
    got = concepts(extract_text("Microglia released ROS and nitric oxide."))
    assert got["ROS"] == ("Drug", "MESH:D017382"), got
    got = concepts(extract_text("ROS1 fusions drive some lung cancers."))
    assert got["ROS1"][0] == "Gene", got


def test_codons_are_not_genes_or_chemicals(extract_text):
    r = extract_text("A silent polymorphism (GAC/GAT) and a TAG stop codon were found in the tumours.")
    assert not {"GAC", "GAT", "TAG"} & set(concepts(r)), concepts(r)
    r = extract_text("Catalase (CAT) activity rose after treatment.")
    assert concepts(r).get("CAT") == ("Gene", "HGNC:1516"), concepts(r)


def test_a_family_name_with_a_member_number_is_not_the_family(extract_text):
    r = extract_text("Mutations in HNF1B (hepatocyte nuclear factor 1b) cause renal cysts.")
    assert not any(m.concept.label == "Hepatocyte Nuclear Factors" for m in r.mentions), concepts(r)
    r = extract_text("Hepatocyte nuclear factors regulate liver genes.")
    assert any(m.concept.label == "Hepatocyte Nuclear Factors" for m in r.mentions), concepts(r)


def test_a_synonym_many_processes_share_names_none(extract_text):
    r = extract_text("IL-10 is thought to play a role in the pathogenesis of periodontitis.")
    assert "pathogenesis" not in concepts(r), concepts(r)
