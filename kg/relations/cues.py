"""Negation, hedging and background cues, scoped to the words that state a claim.

>>> negated("DMF did not reduce IL-6 levels", 0, 30)
True
>>> hedged("BTK inhibitors may slow ALS", 0, 27)
True
>>> negated("BTK inhibitors slow ALS", 0, 23)
False
>>> denied_before("Lack of association of CCR5 with lupus", 22), denied_before("TIM1 but not the TIM3 gene", 17)
(True, True)
>>> denied_before("None of the variants in TIM3 yielded an association", 23)
True
>>> negated("kindreds who tested negative for mutations in UMOD", 0, 51)
True
>>> asks("We investigated whether riluzole slows ALS.", 28)
True
>>> asks("To test this, we gave riluzole, which slowed ALS.", 22)
False
"""

from __future__ import annotations

import re

__all__ = ["negated", "denied_before", "hedged", "background", "asks", "NEGATION", "HEDGES", "BACKGROUND", "AIM"]

NEGATION = re.compile(
    r"\b(not|no|never|neither|nor|cannot|can't|didn't|doesn't|don't|wasn't|weren't|isn't|aren't|"
    r"failed to|fails to|fail to|unable to|without|lack of|lacked|absence of|did not|does not|"
    r"no significant|none of|rather than|negative for|tested negative)\b",
    re.I,
)
HEDGES = re.compile(
    r"\b(may|might|could|would|possibly|possible|potential(ly)?|perhaps|suggest(s|ed|ing)?|suggestive|"
    r"appear(s|ed)? to|seem(s|ed)? to|likely|unlikely|putative|hypothes\w+|propos\w+|believed|thought to|"
    r"whether|promising|candidate|preliminary|preclinical|speculat\w+|if translated|remains? to be|unclear|"
    r"eventually)\b",
    re.I,
)
BACKGROUND = re.compile(
    r"\b(previous(ly)?|prior (studies|work|research)|it is (well )?known|is known to|are known to|"
    r"has been (shown|reported|described)|have been (shown|reported|identified|described)|"
    r"earlier (studies|work)|already (used|approved|known)|from previous research|long been)\b",
    re.I,
)

#: a denial that heads the claim it denies: "lack of association of X with Y", "no correlation between X and Y"
DENIAL_BEFORE = re.compile(
    r"\b(?:(?:lack|absence|failure) of (?:an? |any )?|no |not (?:an? )?)(?:[\w-]+ ){0,2}?"
    r"(?:associations?|correlations?|relationships?|links?|effects?|roles?|differences?|evidence|influence|impact)"
    r"\s+(?:of|between|for|on|in|with)\b", re.I)


#: "A but not B is associated with D": B is denied
_BUT_NOT = re.compile(r"\b(?:but|and|or)\s+not\s+(?:[\w-]+\s+){0,4}$", re.I)
#: "None of the 3 variants in X yielded ...": the subject itself is denied
_NONE_OF = re.compile(r"\bnone\s+of\b[^.;:,]*$", re.I)


def denied_before(text: str, claim_start: int, floor: int = 0, reach: int = 80) -> bool:
    """A denial heading a claim ("Lack of association of X with Y", "no significant correlation between X
    and Y", "A but not X is associated with Y"): it starts before the claim, in the same clause."""
    if _BUT_NOT.search(text, max(floor, claim_start - 50), claim_start) or \
            _NONE_OF.search(text, max(floor, claim_start - 60), claim_start):
        return True
    for m in DENIAL_BEFORE.finditer(text, max(floor, claim_start - reach), claim_start + 40):
        if m.start() < claim_start and not re.search(r"[.;:]", text[m.end():claim_start]):
            return True
    return False


#: a study's question rather than its answer: "the aim of this study was to investigate the possible links between
#: X and Y", "we examined whether X reduces Y", "OBJECTIVE: To assess the effect of X on Y"
AIM = re.compile(
    r"\b(?:(?:aims?|objectives?|purposes?|goals?)\b[^.;]{0,60}?\b(?:was|were|is|are) to|"
    r"^(?:objectives?|aims?|purposes?|goals?)\s*:\s*to|"
    r"(?:we|study|studies|experiments?|trials?) (?:(?:was|were) designed to |(?:sought|aimed|set out) to )?"
    r"(?:investigated?|examined?|explored?|tested?|asked|evaluated?|assessed?|determined?|studied|study)|"
    r"to (?:investigate|examine|determine|evaluate|assess|explore|test|study|clarify|elucidate|analy[sz]e|compare|"
    r"characteri[sz]e|address|identify))"
    r"\b(?:\s+\S+){0,4}?\s+(?:whether|if|how|the (?:possible |potential |putative )?"
    r"(?:role|effects?|impact|influence|association|relationships?|links?|contribution|efficacy)s?\b)",
    re.I,
)
#: a new clause whose subject speaks for itself: "To test this, we gave X, which slowed Y"
_AIM_SCOPE_END = re.compile(r"[;:]|,\s+(?:we|they|which|and we|but)\b", re.I)


def asks(sentence: str, claim_start: int) -> bool:
    """Whether the claim starting at ``claim_start`` (an offset in ``sentence``) is the question a study
    set out to answer, not a finding: the aim cue comes before it, in the same clause."""
    for m in AIM.finditer(sentence, 0, claim_start):
        if not _AIM_SCOPE_END.search(sentence, m.end(), claim_start):
            return True
    return False


def _window(text: str, start: int, end: int) -> str:
    return text[max(0, start):end]


def negated(text: str, start: int, end: int) -> bool:
    """A negation cue inside the stretch of text that states the claim."""
    return bool(NEGATION.search(_window(text, start, end)))


def hedged(text: str, start: int, end: int) -> bool:
    return bool(HEDGES.search(_window(text, start, end)))


def background(sentence: str) -> bool:
    return bool(BACKGROUND.search(sentence))
