"""Trigger words for each predicate, as data.

Each trigger is a regular expression over the words between (or around) two
mentions, and the direction it reads in: ``active`` (subject before object:
"X inhibits Y"), ``passive`` (object before subject: "Y is inhibited by X",
"inhibition of Y by X"), or ``either``.  Type constraints come from
``ontology/schema.json``, so a trigger proposes a predicate and the schema
decides whether the two mentions can stand in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Trigger", "TRIGGERS", "compile_triggers"]


@dataclass(frozen=True, slots=True)
class Trigger:
    predicate: str
    pattern: re.Pattern[str]
    direction: str  # active | passive | either
    confidence: float
    name: str
    objects: frozenset[str] = frozenset()  # object types this trigger may take (empty: as the schema says)
    subjects: frozenset[str] = frozenset()  # subject types this trigger may take (empty: as the schema says)


_DOWN = (r"inhibit\w*|block\w*|suppress\w*|reduc\w*|lower\w*|decreas\w*|attenuat\w*|diminish\w*|"
         r"downregulat\w*|down-regulat\w*|abolish\w*|abrogat\w*|prevent\w*|cut|cuts|dampen\w*|repress\w*|"
         r"impair\w*|antagoni\w*|silenc\w*|knock\w* down|turn\w* (?:that |this |it |them )?\w* ?off|"
         r"calm\w*|limit\w*|curb\w*|slow\w*|stop\w*|halt\w*|counteract\w*|neutrali\w*|deplet\w*")
_UP = (r"activat\w*|induc\w*|increas\w*|enhanc\w*|stimulat\w*|upregulat\w*|up-regulat\w*|promot\w*|"
       r"trigger\w*|turn\w* on|boost\w*|augment\w*|potentiat\w*|elevat\w*|rais\w*|drive[sn]?|driving")

#: an active trigger is a verb or participle ("inhibits", "activated"), not a noun naming the process
#: ("activation", "inhibitor", "blockade"): "X activation of Y" is not X acting on Y
_VERB_FORM = (r"(?<!ion)(?<!ions)(?<!ment)(?<!ments)(?<!or)(?<!ors)(?<!cers)(?<!kers)(?<!ters)(?<!sers)(?<!ners)"
              r"(?<!ade)(?<!ades)")  # "inducers", "blockers", "boosters" are nouns; "lowers", "triggers" are verbs

#: "a marker of epithelial differentiation" marks a cell state, not a disease
_NOT_CELL_STATE = (r"(?!\s+(?:of|for)\s+(?:[\w-]+\s+){0,2}?(?:differentiation|activation|proliferation|inflammation|"
                   r"stress|apoptosis|senescence|maturation|lineage|identity|polari[sz]ation|exposure|cells?)\b)")

#: "increased the risk of D" speaks of risk, not of the amount of a gene product
_NOT_RISK = r"(?!\s+(?:the\s+)?(?:risk|susceptibility|odds|likelihood|incidence|chance)\b)"

_SPEC: list[tuple] = [
    # predicate, pattern, direction, confidence[, object types[, subject types]]
    ("inhibits", rf"\b({_DOWN})\b{_VERB_FORM}", "active", 0.75),
    ("inhibits", r"\b(inhibited|blocked|suppressed|reduced|decreased|attenuated|abolished|prevented|"
                 r"down-?regulated|lowered|diminished|repressed) by( (treatment|stimulation|exposure|incubation) "
                 r"with)?\b", "passive", 0.75),
    ("inhibits", r"\b(inhibition|blockade|suppression|reduction|downregulation|attenuation|loss) of\b[^.;]*\bby\b",
     "passive", 0.7),
    ("inhibits", r"\b(inhibitor|antagonist|blocker)s? (of|against)\b", "active", 0.8),
    ("activates", rf"\b({_UP})\b{_VERB_FORM}", "active", 0.7),
    ("activates", r"\b(activated|induced|increased|enhanced|stimulated|up-?regulated|promoted|triggered) by"
                  r"( (treatment|stimulation|exposure|incubation) with)?\b", "passive", 0.7),
    ("activates", r"\b(activation|induction|stimulation|upregulation) of\b[^.;]*\bby\b", "passive", 0.65),
    ("targets", r"\b(target\w*|directed against|against|bind\w*|aimed at|designed to (bind|target))\b",
     "active", 0.75),
    ("treats", r"\b(treat\w*|therap\w*|approved (for|in)|(used|indicated|prescribed|licensed) (in|for|to treat)|"
               r"drug for|medication for|management of|benefit\w*|effective (in|against|for)|medicines?|"
               r"in the form of)\b", "either", 0.7),
    ("treats", r"\b(drug|medication|therapy|treatment|medicine)s? (called|named)\b", "passive", 0.75),
    ("treats", r"\b(slow\w*|halt\w*|delay\w*|reduc\w*|prevent\w*|lower\w*|cut)\s+(the\s+)?"
               r"(?:(?:risk|rate|number|frequency|odds) of\s+)?(?:(?:functional|clinical|disease|cognitive|motor|confirmed|"
               r"annual|annuali[sz]ed|new|disability|relapse)\s+){0,2}(decline|progression|disability|relapses?|attacks?|"
               r"deterioration|worsening|loss of (?:[\w-]+\s+)?function)\b", "active", 0.7),
    ("treats", r"\b(treated|managed) (with|by)\b", "passive", 0.7),
    # "X attenuated cardiac hypertrophy", "X prevents diabetic nephropathy": a drug easing a disease
    ("treats", r"\b(attenuat\w*|ameliorat\w*|alleviat\w*|mitigat\w*|revers\w*|prevent\w*|protect\w* against|"
               r"rescu\w*|reliev\w*|improv\w*|reduc\w*|suppress\w*|inhibit\w*)\b" + _VERB_FORM,
     "active", 0.65, ("Disease",), ("Drug",)),
    ("treats", r"\b(attenuated|ameliorated|alleviated|mitigated|reversed|prevented|relieved|improved|reduced|"
               r"suppressed|inhibited) by( (treatment|pretreatment|administration|co-?treatment) with)?\b",
     "passive", 0.65, ("Disease",), ("Drug",)),
    ("tested_in", r"\b(test\w*|administ\w*|given|giving|dosed|dosing|treated|treatment|exposed|"
                  r"evaluat\w*|studied|injected|fed)\b", "either", 0.65, ("ModelSystem",)),
    ("tested_in", r"\b(clinical trials?|trials?|phase (1|2|3|i|ii|iii|1/2|2/3)\b|tested in (patients|people)|"
                  r"(randomi[sz]ed|controlled|placebo-controlled|open-label|pivotal) stud(y|ies))",
     "either", 0.65, ("Disease",)),
    ("causes", r"\b(cause[sd]?|causing|responsible for|lead\w* to|result\w* in|underl\w*|contribut\w*|"
               r"give\w* rise to|account\w* for)\b", "active", 0.7),
    ("causes", r"\b(caused|induced) by\b", "passive", 0.75),
    # "streptozotocin induced diabetes", "the drug precipitated seizures": a substance bringing on a disease
    ("causes", r"\b(induc\w*|provok\w*|precipitat\w*|exacerbat\w*|aggravat\w*|worsen\w*|elicit\w*)\b" + _VERB_FORM,
     "active", 0.65, ("Disease",), ("Drug",)),
    ("causes", r"\bmutations? (in|of)\b|\bmutant\b|\bvariants? (in|of)\b", "either", 0.7, (), ("Gene",)),
    ("biomarker_for", r"\b(bio)?markers?\b" + _NOT_CELL_STATE + r"|\bindicators?\b|\bpredictive\b|\bprognostic\b|\bdiagnostic\b",
     "either", 0.7),
    ("upregulated_in", r"\b(higher|increased|elevated|raised|upregulated|up-regulated|overexpress\w*|"
                       r"greater|enhanced|accumulat\w*|rose|rises?|rising)\b" + _NOT_RISK, "either", 0.65),
    ("downregulated_in", r"\b(lower|decreased|reduced|downregulated|down-regulated|diminished|depleted|"
                         r"loss of)\b" + _NOT_RISK, "either", 0.6),
    # "RNA polymerase II associated factor", "microtubule associated protein": part of a protein's name
    ("associated_with", r"(?<![-\w])(associat\w*(?!\s+(?:factor|protein|kinase|antigen|molecule|domain|receptor|"
                        r"peptide)s?\b)|link\w*|implicat\w*|involv\w*|correlat\w*|hallmark|signature|"
                        r"feature|seen (in|with)|observed in|found in|connected|related to|role in|"
                        r"risk factor|susceptib\w*|(risk|odds|likelihood) of)\b", "either", 0.6),
    ("model_of", r"\b(?:is|are|as|serves? as|used as) an? (?:\w+ ){0,2}models? (?:of|for)\b|\bmodels? (?:of|for)\b",
     "active", 0.75),
]


def compile_triggers() -> tuple[Trigger, ...]:
    return tuple(
        Trigger(p, re.compile(rx, re.I), d, c, f"{p}:{i}", frozenset(rest[0]) if rest else frozenset(),
                frozenset(rest[1]) if len(rest) > 1 else frozenset())
        for i, (p, rx, d, c, *rest) in enumerate(_SPEC)
    )


TRIGGERS = compile_triggers()

#: one zero-width scan that stops wherever any trigger could start
ANY_TRIGGER = re.compile(r"\b(?=[A-Za-z])(?=" + "|".join(f"(?:{t.pattern.pattern})" for t in TRIGGERS) + ")", re.I)
