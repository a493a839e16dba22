"""What every extractor reads: the document, its sentences and mentions, and shared helpers."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from ..model import Concept, Document, Evidence, Mention, Sentence
from ..schema import load_schema
from .cues import background, hedged, negated

__all__ = ["Context", "EXTRACTOR", "PREDICATE_ORDER", "MAX_GAP", "allowed", "dedupe", "adjacent_pairs",
           "CLAUSE_BREAK", "MODIFIER_AFTER"]

EXTRACTOR = "als-kg.rules"
#: when two predicates fit one pair, the more specific wins
PREDICATE_ORDER = ["biomarker_for", "causes", "model_of", "targets", "treats", "tested_in", "inhibits",
                   "activates", "upregulated_in", "downregulated_in", "part_of", "associated_with"]
CLAUSE_BREAK = re.compile(r";|\b(but|whereas|while|although|however|unlike)\b|\.\s", re.I)
MAX_GAP = 220


@dataclass
class Context:
    doc: Document
    sentences: Sequence[Sentence]
    mentions: Sequence[Mention]
    by_sentence: dict[int, list[Mention]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for m in self.mentions:
            if m.sentence >= 0:
                self.by_sentence.setdefault(m.sentence, []).append(m)

    @cached_property
    def main_disease(self) -> Concept | None:
        """The document's topic disease: the most mentioned one, if clearly so."""
        counts = Counter(m.concept.key for m in self.mentions if m.concept.type == "Disease")
        if not counts:
            return None
        (key, n), *rest = counts.most_common(2) + [(None, 0)]
        if n < 2 or (rest and rest[0][1] == n):
            return None
        return next(m.concept for m in self.mentions if m.concept.key == key)

    @cached_property
    def title_sentences(self) -> frozenset[int]:
        """Indices of the sentences of the title: a "title" section, else the text's opening title line."""
        named = frozenset(s.index for s in self.sentences if s.section.lower() == "title")
        if named:
            return named
        title = self.doc.title.strip()
        lead = self.doc.text.lstrip()
        if not title or not lead.startswith(title):
            return frozenset()
        end = len(self.doc.text) - len(lead) + len(title)
        return frozenset(s.index for s in self.sentences if s.end <= end + 1)

    def concept(self, key: str) -> Concept | None:
        """A concept by key: from this document's mentions, else from the vocabulary."""
        for m in self.mentions:
            if m.concept.key == key:
                return m.concept
        from ..lexicon import load_lexicon

        return load_lexicon().by_curie(key) if ":" in key else None

    def evidence(self, sent: Sentence, s: Mention, o: Mention, rule: str, conf: float,
                 claim: tuple[int, int] | None = None) -> Evidence:
        text = self.doc.text
        lo, hi = claim or (min(s.start, o.start), max(s.end, o.end))
        neg = negated(text, lo, hi)
        # a hedge covers what follows it up to the claim ("may inhibit", "it is possible that X ..."),
        # not a claim that precedes it ("X inhibits Y, suggesting Z")
        hed = hedged(text, sent.start, min(sent.end, hi + 1))
        return Evidence(
            doc_id=self.doc.id, doc_iri=self.doc.iri, sentence=sent.text, start=sent.start, end=sent.end,
            subject_span=(s.start, s.end), object_span=(o.start, o.end), extractor=EXTRACTOR, rule=rule,
            confidence=round(conf * (0.7 if hed else 1.0), 3), negated=neg, hedged=hed,
            section=sent.section, background=background(sent.text),
        )


def allowed(s: Concept, p: str, o: Concept) -> bool:
    return s.key != o.key and load_schema().allows(s.type, p, o.type)


def dedupe(mentions: list[Mention]) -> list[Mention]:
    """One mention per span; nested mentions of composed concepts keep their parts."""
    seen = set()
    out = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        k = (m.start, m.end, m.concept.key)
        if k not in seen:
            seen.add(k)
            out.append(m)
    return out



def adjacent_pairs(ctx: Context) -> Iterator[tuple[Sentence, Mention, Mention]]:
    """Each sentence's neighbouring mention pairs, in text order."""
    for si, ms in ctx.by_sentence.items():
        ms = dedupe(ms)
        for a, b in zip(ms, ms[1:], strict=False):
            yield ctx.sentences[si], a, b



#: "C9orf72-associated ALS", "TDP-43-positive inclusions": the mention modifies the next noun
MODIFIER_AFTER = re.compile(r"(?:-[A-Za-z0-9]+)?-(associated|related|linked|positive|negative|mutant|deficient|"
                            r"expressing|derived|dependent|induced|mediated|driven)\b", re.I)
