"""Abbreviations defined in the text: "dimethyl fumarate (DMF)".

The Schwartz & Hearst (2003) algorithm: for a short form in parentheses, the
long form is the shortest run of preceding words whose characters contain the
short form's characters in order, the first one starting a word.

>>> [(d.short, d.long) for d in find_definitions("Patients took dimethyl fumarate (DMF) daily.")]
[('DMF', 'dimethyl fumarate')]
>>> [(d.short, d.long) for d in find_definitions("levels of neurofilament light chain (NfL) rose")]
[('NfL', 'neurofilament light chain')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Definition", "find_definitions"]

_PAREN = re.compile(r"\(([^()]{1,12})\)")


@dataclass(frozen=True, slots=True)
class Definition:
    short: str
    long: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int


def _valid_short(sf: str) -> bool:
    if not (2 <= len(sf) <= 10) or not re.search(r"[A-Za-z]", sf) or not sf[0].isalnum():
        return False
    if len(sf.split()) > 2:
        return False
    return bool(re.search(r"[A-Z]", sf)) or len(sf) <= 5 and sf.isalnum()


def _best_long_form(sf: str, lf: str) -> int | None:
    """Start index in ``lf`` of the long form for ``sf`` (Schwartz & Hearst), or None."""
    s = len(sf) - 1
    l_ = len(lf) - 1
    while s >= 0:
        c = sf[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while l_ >= 0 and (lf[l_].lower() != c or (s == 0 and l_ > 0 and lf[l_ - 1].isalnum())):
            l_ -= 1
        if l_ < 0:
            return None
        l_ -= 1
        s -= 1
    start = lf.rfind(" ", 0, l_ + 1) + 1
    return start


def find_definitions(text: str) -> list[Definition]:
    out = []
    for m in _PAREN.finditer(text):
        sf = m.group(1).strip()
        if not _valid_short(sf):
            continue
        # the long form lies in the words before the parenthesis, same clause
        before_end = m.start()
        while before_end > 0 and text[before_end - 1] == " ":
            before_end -= 1
        window_start = max(0, before_end - 120)
        window = text[window_start:before_end]
        cut = max(window.rfind(". "), window.rfind("; "), window.rfind("("), window.rfind(")"), window.rfind("\n"))
        if cut >= 0:
            window_start += cut + 1
            window = text[window_start:before_end]
        words = window.split()
        if not words:
            continue
        max_words = min(len(sf) + 5, len(sf) * 2)
        words = words[-max_words:]
        lf = " ".join(words)
        lf_offset = before_end - len(lf) if text[before_end - len(lf):before_end] == lf else None
        k = _best_long_form(sf, lf)
        if k is None and re.search(r"[A-Za-z]{2}-?\d+$", sf):
            # gene symbols carry a number the name may lack: "superoxide dismutase (SOD1)"
            k = _best_long_form(re.sub(r"-?\d+$", "", sf), lf)
        if k is None or lf_offset is None:
            continue
        long = lf[k:]
        if len(long) <= len(sf) or long.lower() == sf.lower():
            continue
        ls = lf_offset + k
        out.append(Definition(sf, long, m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip())),
                              m.start(1) + len(m.group(1).rstrip()), ls, before_end))
    return out
