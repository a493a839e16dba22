"""Grounded concept recognition: dictionary matches, abbreviations, disambiguation, rules.

Steps, each a small function:

1. :func:`~kg.recognise.matcher.find_candidates` — every vocabulary name in the
   text (token boundaries, case rules, plurals, longest match);
2. choose a concept per candidate — best name rank, then type and source
   priority; a sense that the document supports elsewhere (its long form, its
   definition) wins over the default ("one sense per discourse");
3. abbreviations defined in the text ("dimethyl fumarate (DMF)") are resolved
   for the rest of that document, and undefined short forms that the
   document defines as something unknown are dropped;
4. very short acronyms (two letters: "MS", "AD") count only when the document
   also names their concept in full or defines them;
5. composition rules (:mod:`kg.recognise.rules`): drug classes ("BTK
   inhibitor"), pathways named after a hub ("NF-κB pathway"), model systems
   ("ALS mouse model", "SOD1-G93A mice"), patient-derived samples.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from ..lexicon import Lexicon, load_lexicon
from ..model import Concept, Document, Mention, Sentence
from .abbreviations import find_definitions
from .matcher import Candidate, find_candidates

__all__ = ["Recogniser", "TYPE_PRIORITY", "SOURCE_PRIORITY"]

#: which type wins when names of equal rank collide
TYPE_PRIORITY = {"Gene": 0, "Disease": 1, "Drug": 2, "CellType": 3, "ModelSystem": 4, "Pathway": 5, "Phenotype": 6}
SOURCE_PRIORITY = {"curated": 0, "HGNC": 1, "MONDO": 1, "DrugBank": 1, "GO": 1, "CL": 1, "NCBITaxon": 1,
                   "ChEBI": 2, "Reactome": 2, "MeSH": 3, "HPO": 3, "Cellosaurus": 4}


class Recogniser:
    """Finds grounded, typed concept mentions in a document."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self._lexicon = lexicon

    @property
    def lexicon(self) -> Lexicon:
        if self._lexicon is None:
            self._lexicon = load_lexicon()
        return self._lexicon

    # -- public ---------------------------------------------------------------------
    def mentions(self, doc: Document, sentences: Sequence[Sentence]) -> list[Mention]:
        text = doc.text
        lex = self.lexicon
        cands = find_candidates(text, lex)
        chosen = self._choose(doc, cands)
        chosen = self._apply_abbreviations(doc, chosen)
        chosen = self._require_support(text, chosen)
        from .rules import apply_rules

        mentions = apply_rules(doc, chosen, lex)
        starts = [s.start for s in sentences]
        out = []
        for m in sorted(mentions, key=lambda m: (m.start, -m.end, m.concept.key)):
            i = bisect.bisect_right(starts, m.start) - 1
            out.append(Mention(doc.id, m.start, m.end, m.text, m.concept,
                               i if i >= 0 and m.start < sentences[i].end else -1, m.method, m.score))
        return out

    # -- steps ----------------------------------------------------------------------
    def _options(self, entries: tuple) -> list[tuple[Concept, int]]:
        """Concepts a candidate's entries may name, with their best name rank, best first (memoised)."""
        cache = self.__dict__.setdefault("_options_cache", {})
        hit = cache.get(entries)
        if hit is not None:
            return hit
        if len(cache) > 200_000:
            cache.clear()
        seen: dict[str, tuple] = {}
        concepts: dict[str, Concept] = {}
        for trie, e in entries:
            concept = self.lexicon.concept(e.index)
            # a sign that is also a disease is named as the disease
            rank = e.rank + (2 if concept.type == "Phenotype" else 0)
            key = (rank, 0 if concept.source == "curated" else 1, TYPE_PRIORITY.get(concept.type, 9), SOURCE_PRIORITY.get(concept.source, 5),
                   # then the better-documented sense: "ERK" is MAPK1 (many cross-references), not EPHB2
                   {"cs": 0, "ci": 1}.get(trie, 2), -len(concept.xrefs), concept.key)
            if concept.key not in seen or key < seen[concept.key]:
                seen[concept.key] = key
                concepts[concept.key] = concept
        hit = [(concepts[k], seen[k][0]) for k in sorted(seen, key=seen.__getitem__)]
        cache[entries] = hit
        return hit

    def _choose(self, doc: Document, cands: list[Candidate]) -> list[Mention]:
        text = doc.text
        options = [self._options(c.entries) for c in cands]
        # a concept that some unambiguous mention supports is preferred for ambiguous ones
        supported: set[str] = set()
        for c, opts in zip(cands, options, strict=True):
            if len(opts) == 1 or c.length > 6:
                supported.add(opts[0][0].key)
        out = []
        for c, opts in zip(cands, options, strict=True):
            best, best_rank = opts[0]
            if len(opts) > 1 and best.key not in supported:
                for alt, rank in opts[1:]:
                    # a sense named elsewhere in the document wins over a default of similar standing
                    if alt.key in supported and rank <= best_rank + 1:
                        best, best_rank = alt, rank
                        break
            out.append(Mention(doc.id, c.start, c.end, text[c.start:c.end], best, score=round(1.0 - 0.1 * best_rank, 2)))
        return out

    def _apply_abbreviations(self, doc: Document, mentions: list[Mention]) -> list[Mention]:
        text = doc.text
        defs = find_definitions(text)
        if not defs:
            return mentions
        by_end = {m.end: m for m in mentions}
        resolved: dict[str, Concept | None] = {}
        by_span = {(m.start, m.end): m for m in mentions}
        member_of: dict[tuple[int, int], Concept] = {}
        for d in defs:
            long_m = by_end.get(d.long_end)
            short_m = by_span.get((d.short_start, d.short_end))
            if long_m is not None and short_m is not None and _numbered_member(d.short, d.long, short_m.concept,
                                                                               long_m.concept):
                # "superoxide dismutase (SOD1)": the family's name, the member's symbol
                resolved.setdefault(d.short, short_m.concept)
                member_of[(long_m.start, long_m.end)] = short_m.concept
            elif long_m is not None and long_m.start >= d.long_start - 1:
                resolved.setdefault(d.short, long_m.concept)
            else:
                resolved.setdefault(d.short, None)
        if member_of:
            mentions = [replace(m, concept=member_of[(m.start, m.end)], method="abbreviation")
                        if (m.start, m.end) in member_of else m for m in mentions]
        long_of = {d.short: text[d.long_start:d.long_end] for d in defs}
        out = []
        covered = bytearray(len(text) + 1)
        for m in mentions:
            if m.text in resolved:
                c = resolved[m.text]
                if c is None:
                    if m.concept.type != "Gene":
                        continue  # defined in this document as something we do not know
                    long = long_of.get(m.text, "")
                    if not _fits_long_form(m.concept, m.text, long):
                        if not _ENZYME_NAME.search(long):
                            continue  # "elevated plus maze (EPM)": no gene, whatever else EPM names
                        # an enzyme the vocabulary lacks ("N-acetyl glucosaminidase (NAG)"): a local concept
                        c = resolved[m.text] = Concept(curie=None, type="Gene", label=" ".join(long.split()),
                                                       synonyms=(m.text,), source="abbreviation")
                        m = replace(m, concept=c, method="abbreviation")
                    # proteins are often defined by names the vocabulary does not list verbatim
                    out.append(m)
                    covered[m.start:m.end] = b"\x01" * (m.end - m.start)
                    continue
                m = replace(m, concept=c, method="abbreviation")
            out.append(m)
            covered[m.start:m.end] = b"\x01" * (m.end - m.start)
        # "copper/zinc superoxide dismutase (SOD1)": a long form the vocabulary lacks names the gene its short
        # form names; what the dictionary found inside it ("zinc", "superoxide") are fragments
        for d in defs:
            if resolved.get(d.short) is not None:
                continue
            short_m = next((m for m in out if m.start == d.short_start and m.end == d.short_end
                            and m.concept.type == "Gene"), None)
            if short_m is None:
                continue
            out = [m for m in out if not (d.long_start <= m.start and m.end <= d.long_end
                                          and m.concept.type != "Gene")]
            out.append(Mention(doc.id, d.long_start, d.long_end, text[d.long_start:d.long_end], short_m.concept,
                               method="abbreviation"))
        # occurrences of a defined short form the dictionary did not know
        for sf, c in resolved.items():
            if c is None:
                continue
            for mm in re.finditer(rf"(?<![\w-]){re.escape(sf)}(?![\w-])", text):
                if not any(covered[mm.start():mm.end()]):
                    out.append(Mention(doc.id, mm.start(), mm.end(), sf, c, method="abbreviation"))
                    covered[mm.start():mm.end()] = b"\x01" * (mm.end() - mm.start())
        return sorted(out, key=lambda m: m.start)

    def _require_support(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Drop ambiguous short forms whose concept the document does not name in full.

        Two-letter acronyms ("MS", "AD") and short synonym acronyms that are
        not a preferred label or reviewed name ("SMA", "G1") count only when
        the document also names the concept in full or defines the short form.
        """
        full: dict[str, int] = defaultdict(int)
        for m in mentions:
            if len(m.text) > 5 or m.method == "abbreviation":
                full[m.concept.key] += 1
        return [m for m in mentions if m.method == "abbreviation" or full[m.concept.key]
                or not _needs_support(m)]


def _numbered_member(short: str, long: str, short_c: Concept, long_c: Concept) -> bool:
    """A numbered gene symbol defined by its family's name: the symbol's own gene is meant."""
    return (short_c.type == long_c.type == "Gene" and short_c.key != long_c.key and short[-1].isdigit()
            and not any(ch.isdigit() for ch in long))


_GENERIC_WORDS = frozenset("protein proteins factor factors receptor receptors kinase gene genes domain family member "
                           "subunit type like binding associated related human".split())


#: a definition that reads as a protein's name: a protein head noun, or a numbered member ("-1", " B1")
_PROTEIN_NAME = re.compile(r"\b(?:proteins?|receptors?|kinases?|factors?|inhibitors?|enzymes?|channels?|transporters?|"
                           r"ligands?|antigens?|hormones?|peptides?)$|[-\s](?:[A-Z]?\d{1,3}[a-z]?|[A-Z])$")


_ENZYME_NAME = re.compile(r"[a-z]{4,}ases?$", re.I)


def _content_words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z0-9]{3,}", name.lower()) if w not in _GENERIC_WORDS}


def _fits_long_form(gene: Concept, short: str, long: str) -> bool:
    """Whether a gene the dictionary gives a short form can be what the text defines it as.

    Its own symbol or a well-attested synonym always can ("copper/zinc superoxide dismutase (SOD1)");
    another alias only when the definition shares a word with the gene's names: "N-acetyl
    glucosaminidase (NAG)" is no NBAS (neuroblastoma amplified sequence), one of whose aliases is NAG.
    """
    if gene.label.upper() == short.upper() or short.upper() in (x.upper() for x in gene.synonyms):
        return True
    if _PROTEIN_NAME.search(long):
        return True  # "Epo receptor (EpoR)", "liver kinase B1 (LKB1)": a protein the vocabulary names otherwise
    words = _content_words(long)
    return any(words & _content_words(n) for n in (gene.label, *gene.synonyms))


def _needs_support(m: Mention) -> bool:
    t = m.text
    if len(t) <= 2 and not any(ch.isdigit() for ch in t):
        return True
    short_acronym = len(t) <= 5 and not any(ch.islower() for ch in t)
    return short_acronym and m.score < 0.85 and m.concept.type != "Gene"
