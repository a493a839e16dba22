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
