"""Negation, hedging and background cues, scoped to the words that state a claim.

>>> negated("DMF did not reduce IL-6 levels", 0, 30)
True
>>> hedged("BTK inhibitors may slow ALS", 0, 27)
True
>>> negated("BTK inhibitors slow ALS", 0, 23)
False
"""

from __future__ import annotations

import re

__all__ = ["negated", "hedged", "background", "NEGATION", "HEDGES", "BACKGROUND"]

NEGATION = re.compile(
    r"\b(not|no|never|neither|nor|cannot|can't|didn't|doesn't|don't|wasn't|weren't|isn't|aren't|"
    r"failed to|fails to|fail to|unable to|without|lack of|lacked|absence of|did not|does not|"
    r"no significant|none of|rather than)\b",
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


def _window(text: str, start: int, end: int) -> str:
    return text[max(0, start):end]


def negated(text: str, start: int, end: int) -> bool:
    """A negation cue inside the stretch of text that states the claim."""
    return bool(NEGATION.search(_window(text, start, end)))


def hedged(text: str, start: int, end: int) -> bool:
    return bool(HEDGES.search(_window(text, start, end)))


def background(sentence: str) -> bool:
    return bool(BACKGROUND.search(sentence))
