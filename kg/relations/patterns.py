"""Pattern extractors: nominal forms, composed names, appositions, settings and the topic disease."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Mention, Relation, Sentence
from .context import CLAUSE_BREAK as _CLAUSE_BREAK
from .context import MODIFIER_AFTER as _MODIFIER_AFTER
from .context import Context, is_drug_class, named_members
from .context import adjacent_pairs as _adjacent_pairs
from .context import allowed as _allowed
from .context import dedupe as _dedupe

__all__ = ["nominal", "carryover", "trial", "composition", "apposition", "described_use", "setting", "topic", "title",
           "with_topic", "cooccurrence"]

_NOMINAL_BEFORE = re.compile(r"\b(inhibition|blockade|blocking|suppression|reduction|downregulation|attenuation|"
                             r"activation|induction|stimulation|upregulation)\s+of\s+(?:the\s+)?$", re.I)
_BY = re.compile(r"^\s*(?:\([^()]*\)\s*)?by\s+(?:the\s+|a\s+|an\s+)?$", re.I)
_GERUND_BEFORE = re.compile(r"\b(blocking|inhibiting|suppressing|silencing|turning|switching|shutting|knocking)\s+"
                            r"(?:(?:the|that|this|its)\s+)?(?:(?:enzyme|kinase|protein|receptor|gene)\s+)?$", re.I)
_WITH = re.compile(r"^\s*(?:(?:switch|signal|pathway|gene|protein)\s+)?(?:off\s+|down\s+)?with\s+"
                   r"(?:the\s+|a\s+|an\s+)?(?:(?:[\w-]+\s+)?(?:drug|compound|inhibitor|molecule|antibody|agent|"
                   r"antagonist|blocker)\s+)?$", re.I)


def nominal(ctx: Context) -> Iterator[Relation]:
    """"inhibition of Y by X" and "blocking Y with X": X acts on Y."""
    text = ctx.doc.text
    for sent, a, b in _adjacent_pairs(ctx):
        between = text[a.end:b.start]
        lo = max(sent.start, a.start - 40)
        nom = _NOMINAL_BEFORE.search(text, lo, a.start)
        if nom and _BY.match(between):
            pred = "activates" if nom.group(1).lower() in ("activation", "induction", "stimulation",
                                                            "upregulation") else "inhibits"
            rule = "nominal:passive"
        else:
            ger = _GERUND_BEFORE.search(text, lo, a.start)
            if not (ger and _WITH.match(between)):
                continue
            pred, rule = "inhibits", "nominal:instrument"
        # "with the monoclonal antibody tocilizumab": the drug the class names
        b = named_members(text, _dedupe(ctx.by_sentence[sent.index])).get(b.start, b)
        if _allowed(b.concept, pred, a.concept):
            yield Relation(b.concept, pred, a.concept, ctx.evidence(sent, b, a, rule, 0.8, (lo, b.end)))


_ADMINISTERED = re.compile(r"\b(given|giving|administ\w*|dosed|dosing|treated|treatment|injected|fed|received)\b",
                           re.I)


#: the drug is what is given: "treated with X", "X was administered", "X treatment" (not any chemical the
#: sentence names, such as a measured metabolite)
_GIVEN_BEFORE = re.compile(r"\b(?:given|administered|treated with|treatment with|dosed with|injected with|fed|received|"
                           r"receiving)\s+(?:(?:an?|the|either|daily|oral|intraperitoneal|chronic|acute|low-dose|"
                           r"high-dose)\s+)*(?:[\w-]+\s+)?$", re.I)
_GIVEN_AFTER = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?(?:treatment|administration|injections?|infusion|therapy|"
                          r"(?:was|were) (?:given|administered|injected))\b", re.I)


def carryover(ctx: Context) -> Iterator[Relation]:
    """A drug given in a sentence that names no model, right after one that names exactly one."""
    for si, ms in sorted(ctx.by_sentence.items()):
        if any(m.concept.type == "ModelSystem" for m in ms) or si - 1 not in ctx.by_sentence:
            continue
        sent = ctx.sentences[si]
        if not _ADMINISTERED.search(sent.text):
            continue
        models = {m.concept.key: m for m in ctx.by_sentence[si - 1] if m.concept.type == "ModelSystem"}
        if len(models) != 1:
            continue
        (model,) = models.values()
        prev = ctx.sentences[si - 1]
        span = Sentence(sent.doc_id, si, prev.start, sent.end, ctx.doc.text[prev.start:sent.end], sent.section)
        text = ctx.doc.text
        for m in ms:
            given = _GIVEN_BEFORE.search(text, max(sent.start, m.start - 40), m.start) or \
                _GIVEN_AFTER.match(text, m.end)
            if m.concept.type == "Drug" and given and _allowed(m.concept, "tested_in", model.concept):
                yield Relation(m.concept, "tested_in", model.concept,
                               ctx.evidence(span, m, model, "carryover:previous-sentence-model", 0.55,
                                            (sent.start, sent.end)))


#: a sentence that reports a clinical trial ("according to results from a Phase 3 trial", "a phase 2 study found")
_TRIAL = re.compile(r"\b(?:clinical trials?|trials?|phase\s*(?:1|2|3|4|i|ii|iii|iv)(?:/(?:2|3|ii|iii))?[ab]?\b|"
                    r"randomi[sz]ed|placebo|open-label)", re.I)
#: the trial's population: "in 120 people with ALS", "among adults living with NMOSD", "in ALS patients"
_POPULATION_BEFORE = re.compile(r"\b(?:in|among|of|for|to)\s+(?:\d[\d,]*\s+)?(?:[\w-]+\s+){0,2}?(?:people|patients|"
                                r"adults|children|participants|individuals|subjects|volunteers|men|women)\s+(?:living\s+)?"
                                r"(?:with|who have|having|suffering from)\s+(?:[\w-]+\s+){0,4}?$", re.I)
_POPULATION_AFTER = re.compile(r"(?:\s*\([^()]{1,15}\))?\s+(?:patients|participants|subjects|cohorts?)\b", re.I)
_IN_BEFORE = re.compile(r"\b(?:in|among)\s+(?:\d[\d,]*\s+)?(?:[\w-]+\s+){0,2}?$", re.I)
_TESTED_IN = re.compile(r"\b(?:tested|evaluated|trialled|trialed)\s+(?:in|for|as (?:a )?treatments? for)\s+"
                        r"(?:(?:people|patients|adults|children) with\s+)?$", re.I)
#: a drug given alongside the one under test: background care, not the tested drug
_ADD_ON = re.compile(r"\b(?:alongside|plus|on top of|in addition to|on|with|or|versus|vs\.?|compared with)\s+"
                     r"(?:[\w-]+\s+){0,2}$", re.I)


def trial(ctx: Context) -> Iterator[Relation]:
    """A drug that a trial-reporting sentence says did something in people with a disease is tested in it:
    "X slowed decline in people with ALS, according to a Phase 3 trial"; and "X and Y are being tested in MS"."""
    text = ctx.doc.text
    for si, ms in sorted(ctx.by_sentence.items()):
        sent = ctx.sentences[si]
        ms = _dedupe(ms)
        named = named_members(text, ms)
        drugs = [m for m in ms if m.concept.type == "Drug" and m.start not in named]
        for d in ms:  # "evobrutinib and fenebrutinib are also being tested in MS"
            if d.concept.type != "Disease" or not _TESTED_IN.search(text, max(sent.start, d.start - 60), d.start):
                continue
            for drug in drugs:
                if drug.end <= d.start and not _CLAUSE_BREAK.search(text, drug.end, d.start) and \
                        _allowed(drug.concept, "tested_in", d.concept):
                    yield Relation(drug.concept, "tested_in", d.concept,
                                   ctx.evidence(sent, drug, d, "trial:tested-in-disease", 0.6))
        if _TRIAL.search(sent.text) is None:
            continue
        if not drugs or _ADD_ON.search(text, max(sent.start, drugs[0].start - 30), drugs[0].start):
            continue
        subject = drugs[0]
        for d in ms:
            if d.concept.type != "Disease" or d.start < subject.end:
                continue
            lo = max(sent.start, d.start - 80)
            population = _POPULATION_BEFORE.search(text, lo, d.start) or (
                _POPULATION_AFTER.match(text, d.end) and _IN_BEFORE.search(text, lo, d.start))
            if not population or _CLAUSE_BREAK.search(text, subject.end, d.start):
                continue
            if _allowed(subject.concept, "tested_in", d.concept):
                yield Relation(subject.concept, "tested_in", d.concept,
                               ctx.evidence(sent, subject, d, "trial:population", 0.6, (sent.start, sent.end)))
            break


_ROLE_PREDICATE = {"inhibitor": "inhibits", "antagonist": "inhibits", "degrader": "inhibits",
                   "agonist": "activates", "activator": "activates", "modulator": "targets"}


def _class_predicate(cls: Mention) -> str | None:
    """What a class does to its target, from its role word: "BTK inhibitor", "ACE Inhibitors" (a listed class)."""
    for name in (cls.concept.label, cls.text):
        role = name.rsplit(None, 1)[-1].lower() if name.strip() else ""
        role = role[:-1] if role.endswith("s") and role[:-1] in _ROLE_PREDICATE else role
        if role in _ROLE_PREDICATE:
            return _ROLE_PREDICATE[role]
    return None


def composition(ctx: Context) -> Iterator[Relation]:
    """Claims stated by a composed name: "BTK inhibitor" inhibits BTK; "ALS mouse model" model_of ALS."""
    for m in ctx.mentions:
        if not m.method.startswith("rule:") or m.sentence < 0:
            continue
        _, kind, *rest = m.method.split(":", 2)
        part = ctx.concept(rest[0]) if rest else None
        if part is None:
            continue
        sent = ctx.sentences[m.sentence]
        if kind == "drug-class":
            pred = _class_predicate(m) or "targets"
            subj, obj = m.concept, part
        elif kind == "model" and part.type == "Disease":
            pred, subj, obj = "model_of", m.concept, part
        else:
            continue
        if _allowed(subj, pred, obj):
            ev = ctx.evidence(sent, m, m, f"composition:{kind}", 0.85, (m.start, m.end))
            yield Relation(subj, pred, obj, ev)


_APPOS = re.compile(r"^\s*(?:\([^()]{1,40}\)\s*)?(?:,\s*(?:is\s+)?|\s+(?:is|was|as)\s+)(?:an?|the|another|other)\s+"
                    r"(?:[\w-]+\s+){0,4}$", re.I)


def apposition(ctx: Context) -> Iterator[Relation]:
    """"tofersen (Qalsody), an ASO" / "X is a BTK inhibitor" → X part_of the class."""
    text = ctx.doc.text
    for sent, a, b in _adjacent_pairs(ctx):
        if a.concept.type != "Drug" or b.concept.type != "Drug" or a.concept.key == b.concept.key:
            continue
        if not _APPOS.match(text[a.end:b.start]):
            continue
        if not is_drug_class(b):
            continue
        ev = ctx.evidence(sent, a, b, "apposition:is-a", 0.8)
        yield Relation(a.concept, "part_of", b.concept, ev)
        if b.method.startswith("rule:drug-class:"):
            yield from _class_effect(ctx, sent, a, b)
    for si, ms in ctx.by_sentence.items():  # "the JAK inhibitor baricitinib": the class names its member
        sent = ctx.sentences[si]
        for start, member in named_members(text, _dedupe(ms)).items():
            cls = next(m for m in ms if m.start == start and m.concept.type == "Drug")
            yield Relation(member.concept, "part_of", cls.concept,
                           ctx.evidence(sent, member, cls, "apposition:named-member", 0.8))
            if cls.method.startswith("rule:drug-class:"):
                yield from _class_effect(ctx, sent, member, cls)


_DISEASE_DRUG_NOUN = re.compile(r"[\s-]*(drugs?|medicines?|medications?|therap(y|ies)|treatments?)\b", re.I)


def described_use(ctx: Context) -> Iterator[Relation]:
    """"metformin, the widely used diabetes medicine" and "X is an MS drug": the drug treats that disease."""
    text = ctx.doc.text
    for sent, a, b in _adjacent_pairs(ctx):
        if a.concept.type != "Drug" or b.concept.type != "Disease":
            continue
        if _APPOS.match(text[a.end:b.start]) and _DISEASE_DRUG_NOUN.match(text, b.end):
            yield Relation(a.concept, "treats", b.concept, ctx.evidence(sent, a, b, "apposition:disease-drug", 0.75))


_SETTING = re.compile(r"^\s*(?:In|Within|Using)\s+(?:[\w-]+\s+){0,4}?$", re.I)
#: "Earlier work in the SOD1-G93A rat", "Experiments using zebrafish": a study set in a model ...
_STUDY_IN = re.compile(r"^\s*(?:[^,;]{0,40},\s*)?(?:[\w-]+\s+){0,3}?(?:work|stud(?:y|ies)|experiments?|research|data|tests?|testing|"
                       r"findings|results|analys[ie]s|investigations?)\s+(?:in|on|with|using)\s+(?:[\w-]+\s+){0,3}?$",
                       re.I)
_DRUG_AMOUNT = re.compile(r"\s+(?:levels?|concentrations?|exposure|doses?|uptake|metabolism)\b", re.I)
#: ... that reports what a drug did there: "... showed that masitinib reduced microgliosis"
_SHOWED_THAT = re.compile(r"\s*(?:\([^()]*\)\s*)?,?\s*(?:(?:has|have|had)\s+)?(?:also\s+)?(?:show|found|find|"
                          r"demonstrat|reveal|indicat|suggest|confirm|report|establish)\w*\s+(?:that\s+)?", re.I)


def setting(ctx: Context) -> Iterator[Relation]:
    """"In older rats, metformin restored ...": a drug acting in the model the sentence opens with."""
    text = ctx.doc.text
    for si, ms in ctx.by_sentence.items():
        sent = ctx.sentences[si]
        ms = _dedupe(ms)
        models = [m for m in ms if m.concept.type == "ModelSystem"]
        if not models:
            continue
        model = models[0]
        comma = text.find(",", model.end, sent.end)
        if comma >= 0 and _SETTING.match(text[sent.start:model.start]) and not text[model.end:comma].strip():
            after, rule = comma, "setting:in-model"
        elif (_STUDY_IN.match(text[sent.start:model.start])
              and (found := _SHOWED_THAT.match(text, model.end, sent.end)) is not None):
            after, rule = found.end(), "setting:study-in-model"  # "Work in SOD1 rats showed that X ..."
        else:
            continue
        drugs = [m for m in ms if m.concept.type == "Drug" and m.start >= after]
        if rule == "setting:study-in-model" and drugs and (len(text[after:drugs[0].start].split()) > 3
                                                           or _DRUG_AMOUNT.match(text, drugs[0].end)):
            continue  # the drug must be what the clause reports on, not its levels
        if drugs and _allowed(drugs[0].concept, "tested_in", model.concept):
            yield Relation(drugs[0].concept, "tested_in", model.concept,
                           ctx.evidence(sent, drugs[0], model, rule, 0.6))


def _class_effect(ctx: Context, sent: Sentence, drug: Mention, cls: Mention) -> Iterator[Relation]:
    """A member of "BTK inhibitor" inhibits BTK too."""
    target = ctx.concept(cls.method.split(":", 2)[2])
    pred = _class_predicate(cls)
    if target is not None and pred and _allowed(drug.concept, pred, target):
        yield Relation(drug.concept, pred, target, ctx.evidence(sent, drug, cls, "apposition:class-effect", 0.75))


_BACK_REFERENCE = re.compile(r"\b(these|those|such|both|all three|the three|the two) (genes|proteins|markers|"
                             r"molecules|factors|transcripts|candidates)\b|\bthey\b", re.I)
_TREAT_CUE = re.compile(r"\b(approved (treatments?|therap\w+|drugs?|for patients)|(newer|new|first|only) "
                        r"(therapy|treatment|drug)|treatment options?|disease-modifying|"
                        r"(therapy|treatment) (for|of) (the|this) (disease|condition)|"
                        r"(reduced|lowered|cut) the (risk|rate) of (relapses?|attacks?|progression|disability)|"
                        r"(slowed|delayed|halted) (the )?(functional |clinical |disease )?(decline|progression))\b", re.I)
#: a marker of the disease, not of a cell state ("differentiation markers", "a marker of inflammation"): a
#: biomarker, or a marker qualified as clinical ("promising", "diagnostic") or said to be for a disease measure
_MARKER_CUE = re.compile(r"\bbiomarkers?\b|\b(?:promising|potential|candidate|useful|reliable|sensitive|specific|"
                         r"novel|clinical|disease|diagnostic|prognostic|predictive|surrogate|fluid|serum|plasma|csf|"
                         r"blood)\s+(?:[\w-]+\s+)?markers?\b|\bmarkers? (?:of|for) (?:the )?(?:disease|diagnosis|"
                         r"prognosis|progression|severity|activity|outcome|survival|onset)\b|\bindicators? of (the )?"
                         r"disease\b|\bpredict(s|ed)? (relapses?|attacks?|progression|survival|onset|disability)\b",
                         re.I)


def topic(ctx: Context) -> Iterator[Relation]:
    """Treatment/biomarker sentences that leave the disease implicit: the document's main disease."""
    disease = ctx.main_disease
    if disease is None:
        return
    for si, ms in ctx.by_sentence.items():
        sent = ctx.sentences[si]
        if any(m.concept.type == "Disease" and m.concept.key != disease.key for m in ms):
            continue
        treat = _TREAT_CUE.search(sent.text)
        marker = _MARKER_CUE.search(sent.text)
        pseudo = Mention(ctx.doc.id, sent.start, sent.start, "", disease, si, "topic")
        if treat:
            drugs = [m for m in sorted(ms, key=lambda m: m.start) if m.concept.type == "Drug"]
            if drugs and drugs[0].start < sent.start + treat.start() and _allowed(drugs[0].concept, "treats", disease):
                # the sentence's subject drug: "Riluzole, one of the earliest approved treatments, ..."
                yield Relation(drugs[0].concept, "treats", disease,
                               ctx.evidence(sent, drugs[0], pseudo, "topic:treatment", 0.55,
                                            (sent.start, sent.end)))
        if marker:
            # the genes or molecules of this sentence; "these genes could be used as biomarkers": the previous one's
            genes = [m for m in ms if m.concept.type in ("Gene", "Drug")
                     and not _MODIFIER_AFTER.match(ctx.doc.text, m.end)
                     and _allowed(m.concept, "biomarker_for", disease)]
            if not genes and _BACK_REFERENCE.search(sent.text) and si - 1 in ctx.by_sentence:
                genes = [m for m in ctx.by_sentence[si - 1] if m.concept.type == "Gene"]
                if genes:
                    sent_prev = ctx.sentences[si - 1]
                    sent = Sentence(sent.doc_id, si, sent_prev.start, sent.end,
                                    ctx.doc.text[sent_prev.start:sent.end], sent.section)
            for g in genes:
                yield Relation(g.concept, "biomarker_for", disease,
                               ctx.evidence(sent, g, pseudo, "topic:biomarker", 0.6, (sent.start, sent.end)))


_INDUCED = re.compile(r"-(induced|associated|related|mediated)\b|\b(induced|toxicity|poisoning|adverse|side effects?)\b",
                      re.I)
_CO_PAIRS = {("Gene", "Disease"): "associated_with", ("Gene", "Gene"): "associated_with",
             ("Drug", "Gene"): "associated_with", ("Drug", "Disease"): "associated_with"}


def cooccurrence(ctx: Context) -> Iterator[Relation]:
    """Genes, drugs and diseases that one sentence links without a recognised trigger: a weak association.

    Only for pairs the other extractors said nothing about in that sentence; a drug with an
    "-induced"/toxicity cue is taken to cause the disease.
    """
    text = ctx.doc.text
    for si, ms in sorted(ctx.by_sentence.items()):
        sent = ctx.sentences[si]
        ms = [m for m in _dedupe(ms) if m.concept.type in ("Gene", "Disease", "Drug")]
        if len(ms) < 2 or len(ms) > 6:
            continue
        for i, a in enumerate(ms):
            for b in ms[i + 1:]:
                if b.start < a.end or a.concept.key == b.concept.key or b.start - a.end > 120:
                    continue
                if _CLAUSE_BREAK.search(text, a.end, b.start):
                    continue
                s, o = (a, b) if (a.concept.type, b.concept.type) in _CO_PAIRS else (b, a)
                pred = _CO_PAIRS.get((s.concept.type, o.concept.type))
                if pred is None:
                    continue
                if s.concept.type == "Drug" and o.concept.type == "Disease" and _INDUCED.search(text, a.start, b.end):
                    pred = "causes"
                if _allowed(s.concept, pred, o.concept):
                    yield Relation(s.concept, pred, o.concept, ctx.evidence(sent, s, o, "cooccurrence:sentence", 0.35))



def title(ctx: Context) -> Iterator[Relation]:
    """The title's topic claim: a gene it names is associated with the disease it names (or, when it names
    none, with the document's main disease): "TREM2 variants in early-onset Alzheimer disease".

    A weak, document-level reading: used as a fallback where the text states nothing else about the pair.
    """
    titles = ctx.title_sentences
    if not titles:
        return
    ms = _dedupe([m for si in sorted(titles) for m in ctx.by_sentence.get(si, [])])
    diseases = [m for m in ms if m.concept.type == "Disease" and not _MODIFIER_AFTER.match(ctx.doc.text, m.end)]
    genes = [m for m in ms if m.concept.type == "Gene"]
    if not genes:
        return
    if not diseases and ctx.main_disease is not None:
        first = ctx.sentences[min(titles)]
        diseases = [Mention(ctx.doc.id, first.start, first.start, "", ctx.main_disease, first.index, "topic")]
    for g in genes:
        for d in diseases:
            if _allowed(g.concept, "associated_with", d.concept):
                sent = ctx.sentences[g.sentence]
                yield Relation(g.concept, "associated_with", d.concept,
                               ctx.evidence(sent, g, d, "topic:title", 0.45, (sent.start, sent.end)))


def with_topic(ctx: Context) -> Iterator[Relation]:
    """A gene discussed in one sentence with the document's main disease is associated with it (weak: a
    fallback where the text states nothing else about the pair)."""
    disease = ctx.main_disease
    if disease is None:
        return
    for si, ms in sorted(ctx.by_sentence.items()):
        ds = [m for m in ms if m.concept.key == disease.key]
        if not ds:
            continue
        sent = ctx.sentences[si]
        for g in _dedupe(ms):
            if g.concept.type == "Gene" and not _MODIFIER_AFTER.match(ctx.doc.text, g.end) and \
                    _allowed(g.concept, "associated_with", disease):
                d = min(ds, key=lambda m: abs(m.start - g.start))
                yield Relation(g.concept, "associated_with", disease,
                               ctx.evidence(sent, g, d, "topic:same-sentence", 0.35))
