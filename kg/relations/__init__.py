"""Relation extraction: claims between mentions, each with the sentence that states it.

Extractors are small functions registered in :data:`EXTRACTORS`; each takes a
:class:`Context` (document, sentences, mentions) and yields :class:`Relation`
records.  Every relation is checked against the schema's subject/object types.

* ``pairwise``: trigger words between (or just before) two mentions of one
  sentence, read actively ("X inhibits Y"), passively ("Y is inhibited by X",
  "inhibition of Y by X") or either way ("mutations in X ... Y"); coordinated
  objects ("cut IL-6, TNF-α and IFN-γ") each get the claim;
* ``composition``: what composed mentions state by their name: a drug class
  "BTK inhibitor" inhibits BTK, an "ALS mouse model" is a model of ALS;
* ``apposition``: "tofersen, an ASO" / "X is a BTK inhibitor" → part_of;
* ``topic``: a treatment or biomarker sentence that names no disease is about
  the document's main disease ("Riluzole, one of the earliest approved
  treatments", "biomarkers for the disease");
* ``nominal`` ("inhibition of Y by X", "blocking Y with X"), ``carryover`` (a
  drug given right after a sentence naming the model), ``described_use``
  ("metformin, the diabetes drug"), ``setting`` ("In SOD1 mice, X ...").

Modules: :mod:`.context` (what extractors read), :mod:`.pairwise`,
:mod:`.patterns`, :mod:`.triggers` (trigger words as data), :mod:`.cues`
(negation, hedging, background).

Negation, hedging and background are recorded on each evidence; negated
claims are kept as evidence but never asserted as plain triples.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from ..model import Document, Mention, Relation, Sentence
from .context import Context
from .pairwise import pairwise
from .patterns import apposition, carryover, composition, cooccurrence, described_use, nominal, setting, topic

__all__ = ["RelationExtractor", "Context", "EXTRACTORS", "FALLBACKS"]

Extractor = Callable[[Context], Iterator[Relation]]

#: extractors by name, run in order
EXTRACTORS: dict[str, Extractor] = {
    "pairwise": pairwise,
    "nominal": nominal,
    "carryover": carryover,
    "composition": composition,
    "apposition": apposition,
    "described_use": described_use,
    "setting": setting,
    "topic": topic,
}


#: extractors that only speak where the others were silent about a pair in a sentence; off by
#: default (they trade precision for recall: BioRED dev recall 0.24 -> 0.35, precision 0.45 -> 0.41)
FALLBACKS: dict[str, Extractor] = {"cooccurrence": cooccurrence}


class RelationExtractor:
    def __init__(self, names: Sequence[str] | None = None, fallbacks: Sequence[str] = ()) -> None:
        self.names = list(names or EXTRACTORS)
        self.fallbacks = list(fallbacks)

    def extract(self, doc: Document, sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> list[Relation]:
        ctx = Context(doc, sentences, mentions)
        out: dict[str, Relation] = {}
        for name in self.names:
            for r in EXTRACTORS[name](ctx):
                out.setdefault(r.full_hash, r)
        said = {(r.evidence.start, frozenset((r.subject.key, r.object.key))) for r in out.values()}
        for name in self.fallbacks:
            for r in FALLBACKS[name](ctx):
                if (r.evidence.start, frozenset((r.subject.key, r.object.key))) not in said:
                    out.setdefault(r.full_hash, r)
        return sorted(out.values(), key=lambda r: (r.evidence.start, r.evidence.subject_span, r.predicate,
                                                   r.object.key))

