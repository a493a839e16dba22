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
  drug given right after a sentence naming the model), ``trial`` (a drug that a
  trial-reporting sentence says did something in people with a disease is tested in it), ``described_use``
  ("metformin, the diabetes drug"), ``setting`` ("In SOD1 mice, X ...").

Fallbacks (:data:`FALLBACKS`) speak only where the extractors were silent about a pair, in a
sentence or in the whole document; on by default (:data:`DEFAULT_FALLBACKS`):

* ``title``: a gene the title names is associated with the disease it names (or the main one);
* ``with_topic``: a gene named in a sentence with the document's main disease is associated with it;

and, off by default, ``cooccurrence`` (any gene, drug and disease sharing a sentence).

Every proposed relation then passes the vetoes of :mod:`.vetoes` (:data:`VETOES`):
readings no words can support whatever the trigger, such as a species as the
setting of a claim ("in mice") taken for its agent, or a drug used to induce a
model taken for the drug tested in it.

Modules: :mod:`.context` (what extractors read), :mod:`.pairwise`,
:mod:`.patterns`, :mod:`.triggers` (trigger words as data), :mod:`.cues`
(negation, hedging, background), :mod:`.vetoes`.

Negation, hedging and background are recorded on each evidence; negated
claims are kept as evidence but never asserted as plain triples.  A claim
that a study only set out to examine ("we investigated whether X reduces Y",
"the aim was to assess the effect of X on Y") is no claim: it is dropped,
except that the study did test the drug (``tested_in``) and what names state
by themselves (composition, apposition, "-induced" modifiers).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from ..model import Document, Mention, Relation, Sentence
from .context import Context
from .cues import asks
from .pairwise import pairwise
from .patterns import (
    apposition,
    carryover,
    composition,
    cooccurrence,
    described_use,
    nominal,
    setting,
    title,
    topic,
    trial,
    with_topic,
)
from .vetoes import VETOES, vetoed

__all__ = ["RelationExtractor", "Context", "EXTRACTORS", "FALLBACKS", "DEFAULT_FALLBACKS", "Fallback", "VETOES"]

Extractor = Callable[[Context], Iterator[Relation]]

#: extractors by name, run in order
EXTRACTORS: dict[str, Extractor] = {
    "pairwise": pairwise,
    "nominal": nominal,
    "carryover": carryover,
    "trial": trial,
    "composition": composition,
    "apposition": apposition,
    "described_use": described_use,
    "setting": setting,
    "topic": topic,
}


@dataclass(frozen=True, slots=True)
class Fallback:
    """An extractor that only speaks where the others were silent about a pair, in the sentence of its
    evidence (``scope="sentence"``) or anywhere in the document (``scope="document"``)."""

    extract: Extractor
    scope: str = "sentence"


#: fallbacks by name, run after the extractors
FALLBACKS: dict[str, Fallback] = {
    # off by default: it trades precision for recall (BioRED dev recall 0.24 -> 0.35, precision 0.45 -> 0.41)
    "cooccurrence": Fallback(cooccurrence),
    "title": Fallback(title, scope="document"),
    "with_topic": Fallback(with_topic, scope="document"),
}
#: the fallbacks run unless asked otherwise
DEFAULT_FALLBACKS = ("title", "with_topic")


#: what a study's question still says: that the drug was tested, and what names and appositions state
_STANDS_IN_AIMS = frozenset({"tested_in", "model_of", "part_of"})
_DEFINITIONAL_RULES = ("composition:", "apposition:", "modifier:")


def _question_only(r: Relation) -> bool:
    """A claim stated only as what a study set out to examine."""
    ev = r.evidence
    if r.predicate in _STANDS_IN_AIMS or ev.rule.startswith(_DEFINITIONAL_RULES):
        return False
    return asks(ev.sentence, min(ev.subject_span[0], ev.object_span[0]) - ev.start)


def _pair(r: Relation) -> frozenset[str]:
    return frozenset((r.subject.key, r.object.key))


class RelationExtractor:
    def __init__(self, names: Sequence[str] | None = None, fallbacks: Sequence[str] = DEFAULT_FALLBACKS) -> None:
        self.names = list(names or EXTRACTORS)
        self.fallbacks = list(fallbacks)

    def extract(self, doc: Document, sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> list[Relation]:
        ctx = Context(doc, sentences, mentions)
        out: dict[str, Relation] = {}
        for name in self.names:
            for r in EXTRACTORS[name](ctx):
                if not _question_only(r) and vetoed(r, ctx) is None:
                    out.setdefault(r.full_hash, r)
        said = {(r.evidence.start, _pair(r)) for r in out.values()}
        said_in_doc = {_pair(r) for r in out.values()}
        for name in self.fallbacks:  # each in turn, silent where the extractors or an earlier fallback spoke
            fb = FALLBACKS[name]
            new = [r for r in fb.extract(ctx) if ((_pair(r) not in said_in_doc) if fb.scope == "document"
                                                  else ((r.evidence.start, _pair(r)) not in said))
                   and not _question_only(r) and vetoed(r, ctx) is None]
            for r in new:
                out.setdefault(r.full_hash, r)
            said |= {(r.evidence.start, _pair(r)) for r in new}
            said_in_doc |= {_pair(r) for r in new}
        return sorted(out.values(), key=lambda r: (r.evidence.start, r.evidence.subject_span, r.predicate,
                                                   r.object.key))

