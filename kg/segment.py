"""Sentence segmentation with character offsets.

Rule-based and fast: a sentence ends at ``.``, ``!`` or ``?`` followed by space
and an upper-case letter, digit or opening quote/bracket, unless the period ends
a known abbreviation, an initial or a decimal; every line break also ends a
sentence (scraped text keeps one paragraph, heading or bullet a line).

>>> [s.text for s in split_sentences("d", "Dr. Smith et al. found 1.5 mg. It worked. See Fig. 2 here.")]
['Dr. Smith et al. found 1.5 mg.', 'It worked.', 'See Fig. 2 here.']
>>> [s.text for s in split_sentences("d", "Lungs fail in CF. We discuss it, cf. ref. 2.")]
['Lungs fail in CF.', 'We discuss it, cf. ref. 2.']
>>> s = split_sentences("d", "First one.\\nSecond one")[1]
>>> (s.start, s.end, s.text)
(11, 21, 'Second one')
"""

from __future__ import annotations

import re

from .model import Document, Sentence

__all__ = ["split_sentences", "sentences_of"]

_ABBREV = frozenset(
    """e.g i.e et al vs cf fig figs no nos dr mr mrs ms prof st approx ca ref refs eq eqs vol jr sr inc ltd
    co corp dept univ resp sp spp var nat sci med biol chem proc natl acad etc suppl"""
    .split()
)
# candidate boundary: terminal punctuation (+closing quotes/brackets), whitespace, then a sentence start
_BOUNDARY = re.compile(r"""([.!?])(["'”’)\]]*)(\s+)(?=["'“‘(\[]?[A-Z0-9\u0391-\u03A9])""")
_LINE = re.compile(r"[^\n]+")


def _is_abbreviation(text: str, dot: int) -> bool:
    m = re.search(r"([A-Za-z][A-Za-z.]*)$", text[max(0, dot - 12):dot])
    if not m:
        return False
    raw = m.group(1).rstrip(".")
    word = raw.lower()
    if len(raw) >= 2 and raw.isupper() and "." not in raw:
        return False  # an acronym ("in patients with CF. We ..."), not "cf." or "no."
    if word in _ABBREV:
        return True
    # single initials ("J. Smith") and dotted forms ("U.S.")
    return len(word) == 1 and word.isalpha() and text[dot - 1].isupper() or "." in word


def _split_line(line: str, base: int) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in _BOUNDARY.finditer(line):
        punct = m.start(1)
        if m.group(1) == "." and _is_abbreviation(line, punct):
            continue
        end = m.end(2)
        if line[start:end].strip():
            spans.append((start, end))
        start = m.end(3)
    if line[start:].strip():
        spans.append((start, len(line)))
    out = []
    for s, e in spans:
        seg = line[s:e]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        out.append((base + s + lead, base + e - trail))
    return out


def split_sentences(doc_id: str, text: str, sections: tuple = ()) -> list[Sentence]:
    sentences: list[Sentence] = []
    for m in _LINE.finditer(text):
        for s, e in _split_line(m.group(0), m.start()):
            section = ""
            for sec in sections:
                if sec.start <= s < sec.end:
                    section = sec.name
                    break
            sentences.append(Sentence(doc_id, len(sentences), s, e, text[s:e], section))
    return sentences


def sentences_of(doc: Document) -> list[Sentence]:
    return split_sentences(doc.id, doc.text, doc.sections)
