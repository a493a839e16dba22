"""Relation rules for abstract-style text: sentences written for these tests, each with a case the rule must not fire on."""

from __future__ import annotations

from test_relations import claims, has


def test_a_drug_easing_a_disease_treats_it(extract_text):
    r = extract_text("Minocycline attenuated diabetic neuropathy in rats.")
    assert has(r, "minocycline", "treats", "diabetic neuropathy"), claims(r)
    r = extract_text("Neuropathic pain was alleviated by gabapentin.")
    assert has(r, "gabapentin", "treats", "neuropathic pain"), claims(r)
    # a gene lowering a disease is not a treatment
    r = extract_text("TREM2 reduced amyloidosis in these animals.")
    assert not any(x.predicate == "treats" for x in r.relations), claims(r)


def test_the_nearest_disease_is_what_a_drug_eases(extract_text):
    r = extract_text("Fasudil reduced neuroinflammation in a mouse model of Parkinson disease.")
    assert not has(r, "fasudil", "treats", "Parkinson"), claims(r)


def test_a_substance_bringing_on_a_disease_causes_it(extract_text):
    r = extract_text("Cuprizone induced demyelination, and kainic acid provoked seizures.")
    assert any(x.subject.label.lower() == "kainic acid" and x.predicate == "causes" and x.object.type == "Disease"
               for x in r.relations), claims(r)
    r = extract_text("Cuprizone induced microglia in the corpus callosum.")
    assert not any(x.predicate == "causes" for x in r.relations), claims(r)


def test_a_listed_class_names_its_target(extract_text):
    r = extract_text("Patients received enalapril, an ACE inhibitor, before surgery.")
    assert has(r, "enalapril", "inhibits", "ACE"), claims(r)
    assert has(r, "enalapril", "part_of", "angiotensin-converting enzyme inhibitors"), claims(r)
    # a class built on an everyday word has no gene target
    r = extract_text("Patients received amlodipine, a calcium channel blocker, before surgery.")
    assert not any(x.predicate == "inhibits" and x.object.type == "Gene" for x in r.relations), claims(r)


def test_a_list_of_changes_has_no_subject(extract_text):
    r = extract_text("Lesions showed raised expression of CD68 and CD163, as well as increased activation of STAT3.")
    assert not has(r, "CD68", "activates", "STAT3"), claims(r)
    assert not has(r, "CD163", "activates", "STAT3"), claims(r)
    r = extract_text("CD40 increased activation of STAT3 in B cells.")
    assert has(r, "CD40", "activates", "STAT3"), claims(r)


def test_a_bare_participle_qualifies_the_noun_before_it(extract_text):
    r = extract_text("Variants of TLR4 shape the severity of the liver injury induced by acetaminophen.")
    assert not has(r, "acetaminophen", "activates", "TLR4"), claims(r)
    r = extract_text("IL-6 release induced by lipopolysaccharide was measured.")
    assert has(r, "lipopolysaccharide", "activates", "IL6"), claims(r)
    r = extract_text("IL-6 secretion from the treated monocytes was strongly induced by lipopolysaccharide.")
    assert has(r, "lipopolysaccharide", "activates", "IL6"), claims(r)


def test_independently_of_and_undone_changes(extract_text):
    r = extract_text("Valproate increased neurite growth independently of GSK3B.")
    assert not any(x.object.label == "GSK3B" for x in r.relations), claims(r)
    r = extract_text("Lithium prevented the decrease in BDNF after stress.")
    assert not has(r, "lithium", "inhibits", "BDNF"), claims(r)
    r = extract_text("Lithium decreased BDNF after stress.")
    assert has(r, "lithium", "inhibits", "BDNF"), claims(r)


def test_a_qualifying_substance_is_not_the_subject(extract_text):
    r = extract_text("Insulin signalling protects against glucose-induced cardiomyopathy by blocking NOX2.")
    assert not has(r, "glucose", "inhibits", "CYBB"), claims(r)


def test_a_substance_naming_part_of_a_protein_acts_on_nothing(extract_text):
    r = extract_text("Copper/zinc superoxide dismutase (SOD1) mutations cause familial ALS.")
    assert has(r, "SOD1", "causes", "amyotrophic lateral sclerosis"), claims(r)
    assert not any(x.subject.label.lower() in ("zinc", "copper") for x in r.relations), claims(r)


def test_a_study_aim_is_no_claim(extract_text):
    r = extract_text("The aim of this study was to examine the possible association between TREM2 and Parkinson disease.")
    assert not any(x.predicate == "associated_with" for x in r.relations), claims(r)
    r = extract_text("We investigated whether minocycline attenuates diabetic neuropathy in rats.")
    assert not has(r, "minocycline", "treats", "diabetic neuropathy"), claims(r)
    # the finding that follows a stated purpose is a claim
    r = extract_text("To test this, we gave rats minocycline, which attenuated diabetic neuropathy.")
    assert has(r, "minocycline", "treats", "diabetic neuropathy"), claims(r)
    # a study that evaluated a drug in patients did test it there
    r = extract_text("This trial evaluated the efficacy of riluzole in patients with amyotrophic lateral sclerosis.")
    assert has(r, "riluzole", "tested_in", "amyotrophic lateral sclerosis"), claims(r)


def test_a_denial_heading_the_claim_negates_it(extract_text):
    r = extract_text("Lack of association of TREM2 with Parkinson disease and with multiple sclerosis.")
    assert r.relations and all(x.evidence.negated for x in r.relations), claims(r)
    r = extract_text("There was no significant correlation between IL-6 levels and multiple sclerosis.")
    assert r.relations and all(x.evidence.negated for x in r.relations), claims(r)
    r = extract_text("A strong correlation between IL-6 levels and multiple sclerosis was found.")
    assert r.relations and not any(x.evidence.negated for x in r.relations), claims(r)


def test_an_object_belongs_to_the_nearer_verb(extract_text):
    r = extract_text("Betaine (200 and 400 mg/kg) treatment increased the ventricular expression of BCL2 and reduced the level "
                     "of BAX in the heart.")
    assert has(r, "betaine", "activates", "BCL2"), claims(r)
    assert not has(r, "betaine", "activates", "BAX"), claims(r)


def test_a_participle_glued_to_a_word_has_that_word_as_subject(extract_text):
    r = extract_text("Curcumin inhibited LPS-induced IL-6 release in macrophages.")
    assert has(r, "curcumin", "inhibits", "IL6"), claims(r)
    assert not has(r, "curcumin", "activates", "IL6"), claims(r)


def test_a_list_stays_a_list_across_an_unknown_item(extract_text):
    r = extract_text("Several transcripts have been implicated in neuroinflammation: ccl7, cd63, xq7b, cfl1 and dusp1.")
    genes = {"CCL7", "CD63", "CFL1", "DUSP1"}
    assert not any(x.subject.label in genes and x.object.label in genes for x in r.relations), claims(r)


def test_but_not_denies_the_claim_for_what_follows(extract_text):
    r = extract_text("Expression of TREM2 but not the APOE level was associated with Parkinson disease.")
    assert not any(x.subject.label == "APOE" for x in r.relations if not x.evidence.negated), claims(r)
    r = extract_text("Expression of TREM2 and the APOE level were associated with Parkinson disease.")
    assert any(x.subject.label == "APOE" for x in r.relations if not x.evidence.negated), claims(r)


def test_objects_of_an_earlier_verb_do_not_act(extract_text):
    r = extract_text("Overexpression upregulated the mesenchymal markers N-cadherin and vimentin and concurrently "
                     "downregulated E-cadherin.")
    assert not any(x.subject.label in {"CDH2", "VIM"} and x.predicate == "inhibits" for x in r.relations), claims(r)


def test_an_opposite_change_in_a_list_has_its_own_object(extract_text):
    r = extract_text("Here, glucose decreased the expression of CASR, and activation of the proteasome subunit PSMB5 "
                     "followed.")
    assert not has(r, "glucose", "inhibits", "PSMB5"), claims(r)
    r = extract_text("Here, glucose decreased the expression of CASR and of PSMB5.")
    assert has(r, "glucose", "inhibits", "PSMB5"), claims(r)


def test_a_noun_of_change_heads_its_own_list(extract_text):
    r = extract_text("A decrease in urinary tetrahydrocortisol was found, revealing reduced activity of HSD11B2.")
    assert not any(x.predicate == "inhibits" for x in r.relations), claims(r)
    r = extract_text("Urinary tetrahydrocortisol reduced the activity of HSD11B2.")
    assert any(x.predicate == "inhibits" for x in r.relations), claims(r)


def test_a_species_as_setting_is_no_agent(extract_text):
    r = extract_text("Nicotine eased the anxiety induced by caffeine in mice.")
    assert not any(x.subject.curie == "NCBITaxon:10090" for x in r.relations), claims(r)
    # a pathogen is an agent
    r = extract_text("Epstein-Barr virus causes infectious mononucleosis.")
    assert any(x.predicate == "causes" and x.subject.type == "ModelSystem" for x in r.relations), claims(r)


def test_levels_change_in_a_condition_not_in_a_species(extract_text):
    r = extract_text("Serum IL-6 levels were higher in the mice.")
    assert not any(x.predicate == "upregulated_in" and x.object.curie == "NCBITaxon:10090" for x in r.relations), claims(r)
    r = extract_text("IL-6 levels were higher in patients with lupus.")
    assert has(r, "IL6", "upregulated_in", "lupus"), claims(r)


def test_a_knocked_out_gene_has_no_level(extract_text):
    r = extract_text("Neutrophil adhesion was reduced in Ptpn22(-/-) neutrophils.")
    assert not any(x.predicate == "downregulated_in" for x in r.relations), claims(r)


def test_a_drug_inducing_the_model_is_not_tested_in_it(extract_text):
    r = extract_text("Streptozotocin-induced diabetes was studied in rats. Streptozotocin-treated rats received metformin.")
    assert not has(r, "streptozocin", "tested_in", "Rattus norvegicus"), claims(r)
    assert has(r, "metformin", "tested_in", "Rattus norvegicus"), claims(r)
    r = extract_text("Rats were treated with saline or with riluzole.")
    assert not any(x.subject.label.lower().startswith("saline") for x in r.relations), claims(r)
    assert has(r, "riluzole", "tested_in", "Rattus norvegicus"), claims(r)


def test_a_drug_acting_on_cancer_cells_does_not_cause_the_cancer(extract_text):
    r = extract_text("Gartanin induces cell cycle arrest in human glioma cells.")
    assert not any(x.predicate == "causes" for x in r.relations), claims(r)
    r = extract_text("Streptozotocin induced diabetes in rats.")
    assert has(r, "streptozocin", "causes", "diabetes"), claims(r)


def test_what_characterises_a_disease_is_not_caused_directly(extract_text):
    r = extract_text("Mutations in REN cause renal tubular dysgenesis, which is characterized by kidney failure.")
    assert has(r, "REN", "causes", "renal tubular dysgenesis"), claims(r)
    assert not has(r, "REN", "causes", "kidney failure"), claims(r)


def test_a_substance_naming_a_kind_of_protein_acts_on_nothing(extract_text):
    r = extract_text("Mutation in the calcium-channel subunit CACNA2D4 causes cone dystrophy.")
    assert not any(x.subject.label.lower() == "calcium" for x in r.relations), claims(r)
    assert has(r, "CACNA2D4", "causes", "cone dystrophy"), claims(r)


def test_a_drug_is_no_remedy_for_the_disease_it_induces(extract_text):
    r = extract_text("The interval between dexrazoxane and doxorubicin administration affects the protection against "
                     "doxorubicin-induced cardiotoxicity.")
    assert not has(r, "doxorubicin", "treats", "cardiotoxicity"), claims(r)
    assert has(r, "doxorubicin", "causes", "cardiotoxicity"), claims(r)


def test_side_effects_reported_for_treated_patients_are_caused(extract_text):
    r = extract_text("Nausea and headache were reported for patients treated with desipramine.")
    assert has(r, "desipramine", "causes", "nausea"), claims(r)
    assert not has(r, "desipramine", "treats", "nausea"), claims(r)


def test_negative_results_for_mutations_deny_the_claim(extract_text):
    r = extract_text("Families with gout tested negative for mutations in UMOD.")
    assert not has(r, "UMOD", "causes", "gout"), claims(r)
    r = extract_text("None of the variants in HAVCR2 yielded an association with asthma.")
    assert not any(x.object.label.lower() == "asthma" for x in r.relations if not x.evidence.negated), claims(r)
    r = extract_text("Families with gout carried mutations in UMOD.")
    assert has(r, "UMOD", "causes", "gout"), claims(r)


def test_associated_inside_a_protein_name_is_no_trigger(extract_text):
    r = extract_text("Ctr9 is a component of the RNA polymerase II associated factor complex with PAF1.")
    assert not any(x.predicate == "associated_with" for x in r.relations), claims(r)


def test_a_verb_after_coordinated_objects_has_the_earlier_subject(extract_text):
    r = extract_text("The combination upregulates MHC class II and p21 genes and activates caspase-3 in colon cancer cells.")
    assert not has(r, "CDKN1A", "activates", "CASP3"), claims(r)


def test_a_shared_trigger_before_slashed_pairs_links_none_of_them(extract_text):
    r = extract_text("We studied genes involved in Wnt/beta-catenin, insulin/IGF-1 and Notch signalling pathways.")
    assert not any(x.subject.type == x.object.type == "Gene" for x in r.relations), claims(r)


def test_a_listed_change_after_and_has_its_own_direction(extract_text):
    r = extract_text("Two doses of isoproterenol led to a marked increase in serum creatine kinase and lactate dehydrogenase "
                     "activities, total cholesterol, cardiac malondialdehyde (MDA), and nitric oxide levels and a marked "
                     "decrease in levels of glutathione and superoxide dismutase in the heart.")
    assert not any(x.object.label == "Superoxide Dismutase" for x in r.relations), claims(r)
    assert has(r, "isoprenaline", "activates", "creatine kinase"), claims(r)


def test_a_measure_acts_on_nothing(extract_text):
    r = extract_text("The urinary cortisone-cortisol ratio reduced HSD11B2 activity.")
    assert not any(x.predicate == "inhibits" for x in r.relations), claims(r)
    r = extract_text("Cortisol reduced HSD11B2 activity.")
    assert has(r, "cortisol", "inhibits", "HSD11B2"), claims(r)


def test_diseases_listed_as_adverse_events_are_caused(extract_text):
    r = extract_text("Adverse events after desipramine treatment included nausea and headache.")
    assert has(r, "desipramine", "causes", "nausea"), claims(r)
    assert not has(r, "desipramine", "treats", "headache"), claims(r)
    r = extract_text("Desipramine is used to treat depression.")
    assert has(r, "desipramine", "treats", "depression"), claims(r)


def test_a_numbered_item_is_a_noun_phrase_not_a_verb(extract_text):
    r = extract_text("Low adiponectin expression is dependent on 1) increased ALDH1A1 expression in adipocytes.")
    assert not has(r, "ADIPOQ", "activates", "ALDH1A1"), claims(r)


def test_an_antibody_against_a_gene_acts_not_the_gene(extract_text):
    r = extract_text("In endothelial cells, anti-Dll4 reduced Akt phosphorylation.")
    assert not any(x.subject.label == "DLL4" for x in r.relations), claims(r)
    assert not any(x.predicate == "downregulated_in" for x in r.relations), claims(r)


def test_a_level_change_reaches_its_condition_across_a_place(extract_text):
    r = extract_text("Researchers found higher activity of TREM2 (a receptor on microglia) in spinal cord and brain "
                     "tissue from people with ALS.")
    assert has(r, "TREM2", "upregulated_in", "amyotrophic lateral sclerosis"), claims(r)
