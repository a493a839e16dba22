"""Dictionary matching over the whole vocabulary.

At every token start the two tries are asked for all names that are prefixes
of the text from there (one C call each); a name counts only if it ends on a
token boundary, optionally followed by a plural ``s``/``es``; a word whose
plural ends in ``-ies`` is looked up in a copy of the text where it reads
``-y`` ("neuropathies" finds "neuropathy", "inflammatory myopathies" finds
"inflammatory myopathy").  The longest name wins at each start, and
overlapping candidates are resolved longest-first.

>>> _boundary_ok("il-6 levels", 4), _boundary_ok("il-6x", 4)
(True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicon import Entry, Lexicon, normalise

__all__ = ["Candidate", "find_candidates"]

_WORD = re.compile(r"\w+")
_ACRONYM_PLURAL = re.compile(r"[A-Z][A-Z0-9]+s")
#: a plural in -ies ("therapies"); the copy of the text reads "therap" + "y  " there, offsets unchanged
_IES = re.compile(r"ies\b")  # a literal first: the scan is one fast search, the checks below run per hit
#: everyday plurals in -ies that end no name
_NOT_NAMES = ("studies", "species", "series", "varies", "applies", "relies", "implies", "carries")
#: how far before an "-ies" word a name may start ("inflammatory myopathies")
_IES_REACH = 50
#: words that never begin a vocabulary name: skipping them halves the lookups
_FUNCTION_WORDS = frozenset("""a an the of in on at to for from by with and or but nor as is are was were be been being
has have had do does did this that these those it its their there which who whom whose what when where while than
then thus also not no into onto upon over under after before between among within without both either each such
we our they them he she his her you your i me my may might can could would should will shall""".split())


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span of text that equals one or more vocabulary names."""

    start: int
    end: int
    entries: tuple[tuple[str, Entry], ...]  # (trie name, entry)
    plural: bool = False

    @property
    def length(self) -> int:
        return self.end - self.start


def _boundary_ok(text: str, end: int) -> bool:
    return end >= len(text) or not (text[end].isalnum() or text[end] == "_")


def _plural_end(low: str, end: int, key: str) -> int | None:
    """End of a plural form of ``key`` at ``end`` ("cells", "mice" aside), or None."""
    if len(key) < 3 or not key[-1].isalpha():
        return None
    if low.startswith("s", end) and _boundary_ok(low, end + 1):
        return end + 1
    if low.startswith("es", end) and _boundary_ok(low, end + 2) and key[-1] in "sxhz":
        return end + 2
    return None


def find_candidates(text: str, lexicon: Lexicon, max_len: int = 80) -> list[Candidate]:
    """All longest-at-start vocabulary matches in ``text``, overlaps resolved."""
    low = normalise(text, lower=True)
    exact = normalise(text, lower=False)
    ies_ends = _ies_ends(low)
    singular = "".join(low[a:e - 3] + "y  " for a, e in zip([0, *ies_ends[:-1]], ies_ends, strict=True)) + low[ies_ends[-1]:] \
        if ies_ends else ""
    next_ies = 0
    found: list[Candidate] = []
    ci_prefixes = lexicon.ci.prefixes
    cs_prefixes = lexicon.cs.prefixes
    csi_prefixes = lexicon.csi.prefixes
    for m in _WORD.finditer(text):
        w = m.group()
        if w in _FUNCTION_WORDS:
            continue
        p = m.start()
        hits: list[tuple[int, bool, str, str]] = []  # end, plural, trie, key
        for key in ci_prefixes(low[p:p + max_len]):
            _add_hit(hits, low, p, key, "ci")
        while next_ies < len(ies_ends) and ies_ends[next_ies] <= p:
            next_ies += 1
        if next_ies < len(ies_ends) and ies_ends[next_ies] <= p + _IES_REACH:
            for key in ci_prefixes(singular[p:p + max_len]):
                end = p + len(key)
                if key[-1] == "y" and singular.startswith("  ", end):
                    hits.append((end + 2, True, "ci", key))
        if not (w.islower() and w.isalpha()):
            for key in cs_prefixes(exact[p:p + max_len]):
                _add_hit(hits, exact, p, key, "cs")
            # mixed-case symbols: "Akt", "mTOR", and "E-cadherin", whose first word alone is upper-case;
            # "HCCs", "MSCs" are plurals of acronyms, not the symbols HCCS, MSCS
            if (not w.isupper() and not w.islower() and not _ACRONYM_PLURAL.fullmatch(w)
                    or w.isupper() and exact.startswith("-", m.end())):
                for key in csi_prefixes(low[p:p + max_len]):
                    if w.isupper() and not _mixed_case(exact, p, p + len(key)):
                        continue
                    _add_hit(hits, low, p, key, "csi")
        if not hits:
            continue
        best_end = max(h[0] for h in hits)
        at_end = [h for h in hits if h[0] == best_end]
        plural = all(h[1] for h in at_end)
        entries = tuple((trie, e) for end, pl, trie, key in at_end if pl == plural
                        for e in lexicon.entries(trie, key))
        found.append(Candidate(p, best_end, entries, plural))
    return _resolve_overlaps(found)


def _ies_ends(low: str) -> list[int]:
    """Ends of words in -ies after at least three letters ("therapies"), everyday plurals aside.

    >>> _ies_ends("new therapies and studies of flies")
    [13]
    """
    out = []
    for m in _IES.finditer(low):
        stem = low[m.start() - 3:m.start()]
        if len(stem) == 3 and stem.isalpha() and not low.endswith(_NOT_NAMES, 0, m.end()):
            out.append(m.end())
    return out


def _mixed_case(text: str, start: int, end: int) -> bool:
    span = text[start:end]
    return not span.isupper() and not span.islower()


def _add_hit(hits: list, src: str, p: int, key: str, trie: str) -> None:
    end = p + len(key)
    if _boundary_ok(src, end):
        hits.append((end, False, trie, key))
    elif trie == "ci":
        pe = _plural_end(src, end, key)
        if pe is not None:
            hits.append((pe, True, trie, key))


def _resolve_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Keep the longest candidates; a shorter one survives only where no longer one overlaps it."""
    if not cands:
        return []
    chosen: list[Candidate] = []
    taken = bytearray(max(c.end for c in cands) + 1)
    for c in sorted(cands, key=lambda c: (-c.length, c.start)):
        if any(taken[c.start:c.end]):
            continue
        chosen.append(c)
        taken[c.start:c.end] = b"\x01" * c.length
    return sorted(chosen, key=lambda c: c.start)
