"""Vetoes: readings that no extractor should assert, checked once on every relation.

Each veto is a small function ``(relation, context) -> bool`` registered in
:data:`VETOES`; a relation that any veto rejects is dropped, whichever
extractor or fallback proposed it.  They encode what a claim's words cannot
mean, whatever the trigger:

* ``setting-organism``: an organism named as the setting ("in mice", "a mouse
  model of X") is no agent: it neither causes nor is associated with a disease;
* ``bare-species-level``: a gene's level is up or down in a disease, a cell
  type or a named model, not in a whole species ("higher in mice");
* ``knockout-level``: a knocked-out gene ("Ptpn22(-/-) neutrophils") has no level to
  change;
* ``inducer-tested``: a drug the document uses to induce a disease or injury
  ("STZ-induced diabetes", "isoproterenol-treated rats" beside "isoproterenol-induced")
  was given to build the model, not tested in it; controls (saline, vehicle,
  placebo) are never tested or treating;
* ``cell-line-disease``: a drug acting on "glioma cells" does not cause glioma.

>>> from kg.model import Concept
>>> _is_species(Concept("NCBITaxon:10090", "ModelSystem", "Mus musculus"))
True
>>> _is_species(Concept(None, "ModelSystem", "SOD1-G93A mouse"))
False
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import Concept, Relation
from .context import Context

__all__ = ["VETOES", "vetoed"]

Veto = Callable[[Relation, Context], bool]

#: "in mice", "of ovariectomized rats", "from the treated animals": the setting a claim is made in
_SETTING_BEFORE = re.compile(r"\b(?:in|of|from|on|into|with|within|among|using)\s+(?:(?:the|a|an|these|those|adult|"
                             r"young|aged|old|male|female|transgenic|treated|untreated|wild-type|[\w-]+ed)\s+){0,3}$",
                             re.I)
_MODEL_AFTER = re.compile(r"[\s-]+models?\b", re.I)
_LOSS_AFTER = re.compile(r"\s*(?:\(\s*-/-\s*\)|-/-|\(\s*\+/-\s*\)|[\s-]+(?:knock-?out|null|deficient|KO)\b)", re.I)
_CONTROL = re.compile(r"\b(?:saline|placebos?|vehicles?)\b", re.I)
_INDUCED_AFTER = re.compile(r"\s*(?:\([^()]{0,20}\)\s*)?[\s-]*(?:induced|evoked|elicited|challenged)\b", re.I)
_INDUCED_BY_BEFORE = re.compile(r"\b(?:induced|evoked|elicited|caused|produced|provoked)\s+by\s+(?:[\w-]+\s+){0,3}$",
                                re.I)
#: what an inducer brings on: harm, not a benefit ("riluzole-induced neuroprotection" makes no inducer)
_HARM = re.compile(r"\b(?:injury|injuries|damage|toxicity|lesions?|models?|deficits?|impairments?|dysfunction|"
                   r"stress|inflammation|degeneration|death|loss|pain|hyperalgesia|amnesia|seizures?)\b", re.I)
_CELLS_AFTER = re.compile(r"[\s-]+(?:cells?|cell[\s-]lines?|xenografts?|spheroids?)\b", re.I)


def _is_species(c: Concept) -> bool:
    return (c.curie or "").startswith("NCBITaxon:")


def setting_organism(r: Relation, ctx: Context) -> bool:
    if r.predicate not in ("causes", "associated_with") or not _is_species(r.subject):
        return False
    text = ctx.doc.text
    s, e = r.evidence.subject_span
    return bool(_SETTING_BEFORE.search(text, max(0, s - 60), s) or _MODEL_AFTER.match(text, e))


def bare_species_level(r: Relation, ctx: Context) -> bool:
    return r.predicate in ("upregulated_in", "downregulated_in") and _is_species(r.object)


def knockout_level(r: Relation, ctx: Context) -> bool:
    if r.predicate not in ("upregulated_in", "downregulated_in"):
        return False
    return bool(_LOSS_AFTER.match(ctx.doc.text, r.evidence.subject_span[1]))


def _inducers(ctx: Context) -> frozenset[str]:
    """Drugs the document uses to bring on a disease or an injury: "STZ-induced", "induced by morphine"."""
    cache = ctx.__dict__.get("_inducers")
    if cache is None:
        text = ctx.doc.text
        diseases = [(m.start, m.end) for m in ctx.mentions if m.concept.type == "Disease"]

        def harm(lo: int, hi: int) -> bool:
            return bool(_HARM.search(text, lo, hi)) or any(lo <= a and b <= hi for a, b in diseases)

        keys = set()
        for m in ctx.mentions:
            if m.concept.type != "Drug":
                continue
            after = _INDUCED_AFTER.match(text, m.end)
            by = _INDUCED_BY_BEFORE.search(text, max(0, m.start - 60), m.start)
            if (after and harm(after.end(), after.end() + 50)) or (by and harm(max(0, by.start() - 50), by.start())):
                keys.add(m.concept.key)
        cache = frozenset(keys)
        ctx.__dict__["_inducers"] = cache
    return cache


def inducer_tested(r: Relation, ctx: Context) -> bool:
    if r.predicate not in ("tested_in", "treats") or r.subject.type != "Drug":
        return False
    s, e = r.evidence.subject_span
    if _CONTROL.search(ctx.doc.text, s, e) or _CONTROL.search(r.subject.label):
        return True
    return r.predicate == "tested_in" and r.subject.key in _inducers(ctx)


def cell_line_disease(r: Relation, ctx: Context) -> bool:
    if r.predicate != "causes" or r.subject.type != "Drug" or r.object.type != "Disease":
        return False
    return bool(_CELLS_AFTER.match(ctx.doc.text, r.evidence.object_span[1]))


#: vetoes by name, each checked on every relation
VETOES: dict[str, Veto] = {
    "setting-organism": setting_organism,
    "bare-species-level": bare_species_level,
    "knockout-level": knockout_level,
    "inducer-tested": inducer_tested,
    "cell-line-disease": cell_line_disease,
}


def vetoed(r: Relation, ctx: Context) -> str | None:
    """The name of the first veto that rejects ``r``, or None."""
    return next((name for name, veto in VETOES.items() if veto(r, ctx)), None)
