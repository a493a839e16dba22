"""What every extractor reads: the document, its sentences and mentions, and shared helpers."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from ..model import Concept, Document, Evidence, Mention, Sentence
from ..schema import load_schema
from .cues import background, denied_before, hedged, negated

__all__ = ["Context", "resolve_model_anaphora", "named_members", "is_drug_class", "EXTRACTOR", "PREDICATE_ORDER", "MAX_GAP", "allowed", "dedupe", "adjacent_pairs",
           "CLAUSE_BREAK", "MODIFIER_AFTER"]

EXTRACTOR = "als-kg.rules"
#: when two predicates fit one pair, the more specific wins
PREDICATE_ORDER = ["biomarker_for", "causes", "model_of", "targets", "treats", "tested_in", "inhibits",
                   "activates", "upregulated_in", "downregulated_in", "part_of", "associated_with"]
CLAUSE_BREAK = re.compile(r";|\b(but|whereas|while|although|however|unlike)\b|\.\s|"
                          # ", and it interacts with ...", ", and the animals lost ...": a new clause with its own subject
                          r",\s+(?:and|or|so)\s+(?:it|they|(?:the|these)\s+(?:animals|mice|rats|"
                          r"patients|participants|team|researchers|authors|investigators|drug|treatment|cells))\b", re.I)
MAX_GAP = 220


@dataclass
class Context:
    doc: Document
    sentences: Sequence[Sentence]
    mentions: Sequence[Mention]
    by_sentence: dict[int, list[Mention]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.mentions = resolve_model_anaphora(self.doc.text, self.sentences, self.mentions)
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
        neg = negated(text, lo, hi) or denied_before(text, lo, sent.start)
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
MODIFIER_AFTER = re.compile(r"(?:-[A-Za-z0-9]+)?(?:\s+(?:antibody|antibodies|autoantibody|IgG|gene|protein))?-(associated|related|linked|positive|negative|mutant|deficient|"
                            r"expressing|derived|dependent|induced|mediated|driven)\b", re.I)


#: organisms by taxon, and the words a model of that organism is named with
_ORGANISM_WORDS = {"NCBITaxon:10090": re.compile(r"\b(mouse|mice|murine)\b", re.I),
                   "NCBITaxon:10116": re.compile(r"\brats?\b", re.I),
                   "NCBITaxon:7955": re.compile(r"\bzebrafish\b", re.I),
                   "NCBITaxon:7227": re.compile(r"\b(fl(y|ies)|drosophila)\b", re.I),
                   "NCBITaxon:6239": re.compile(r"\b(worms?|elegans)\b", re.I)}
_ANIMAL = re.compile("|".join(r.pattern for r in _ORGANISM_WORDS.values()), re.I)
#: "the mice", "these animals", "the treated rats": a definite phrase that points back at a model already named
_DEFINITE = re.compile(r"\b(?:the|these|those|such|both)\s+(?:(?:treated|untreated|transgenic|mutant|same|"
                       r"diseased|sick|affected)\s+)?$", re.I)
_ANIMALS = re.compile(r"\b(?:the|these|those)\s+(?:(?:treated|untreated|transgenic|mutant|same)\s+)?animals\b", re.I)


def _organism_of(concept: Concept) -> str | None:
    """The taxon a model concept is a model in, from the words that name it ("SOD1-G93A mouse")."""
    names = " ".join([concept.label, *concept.synonyms])
    return next((taxon for taxon, words in _ORGANISM_WORDS.items() if words.search(names)), None)


def resolve_model_anaphora(text: str, sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> list[Mention]:
    """"The mice", "these animals": the animal model the document named most recently, not the bare organism.

    >>> from kg.model import Concept, Mention
    >>> t = "We bred TDP-43 mice. Drug X helped the mice."
    >>> model = Concept(None, "ModelSystem", "TDP-43 mouse model")
    >>> mouse = Concept("NCBITaxon:10090", "ModelSystem", "Mus musculus")
    >>> ms = [Mention("d", 8, 19, "TDP-43 mice", model, 0), Mention("d", 39, 43, "mice", mouse, 1)]
    >>> [m.concept.label for m in resolve_model_anaphora(t, [], ms)]
    ['TDP-43 mouse model', 'TDP-43 mouse model']
    """
    models = [m for m in mentions if m.concept.type == "ModelSystem" and not (m.concept.curie or "").startswith(
        "NCBITaxon:") and _ANIMAL.search(" ".join([m.concept.label, *m.concept.synonyms]))]
    if not models:
        return list(mentions)

    def antecedent(at: int, taxon: str | None) -> Concept | None:
        before = [m for m in models if m.end <= at and (taxon is None or _organism_of(m.concept) == taxon)]
        if not before:
            return None
        last = max(m.sentence for m in before)
        same = [m for m in before if m.sentence == last]
        # "a TDP-43 mouse model of ALS": the named model rather than the generic "ALS mouse model" inside it
        named = [m for m in same if not m.method.startswith("rule:model:MONDO")]
        return (named or same)[-1].concept

    out: list[Mention] = []
    for m in mentions:
        taxon = m.concept.curie if m.concept.type == "ModelSystem" else None
        if taxon in _ORGANISM_WORDS and _DEFINITE.search(text, max(0, m.start - 30), m.start):
            ref = antecedent(m.start, taxon)
            if ref is not None:
                m = Mention(m.doc_id, m.start, m.end, m.text, ref, m.sentence, "anaphora:model", m.score)
        out.append(m)
    taken = [(m.start, m.end) for m in mentions]
    for sent in sentences:
        for hit in _ANIMALS.finditer(text, sent.start, sent.end):
            if any(a < hit.end() and hit.start() < b for a, b in taken):
                continue
            ref = antecedent(hit.start(), None)
            if ref is not None:
                out.append(Mention(models[0].doc_id, hit.start(), hit.end(), hit.group(0), ref, sent.index,
                                   "anaphora:model"))
    return sorted(out, key=lambda m: (m.start, -m.end))


_CLASS_WORD = re.compile(r"\b(inhibitor|antagonist|agonist|blocker|modulator|agent|antibod(y|ies)|drug|"
                         r"oligonucleotide|vaccine|therapy|analog(ue)?|derivative)s?\s*$", re.I)
_NAMED = re.compile(r"\s*(?:(?:called|named|known as|dubbed)\s+)?", re.I)


def is_drug_class(m: Mention) -> bool:
    """A drug mention that names a class or kind of drug ("BTK inhibitor", "antisense oligonucleotides")."""
    c = m.concept
    return c.type == "Drug" and (c.curie is None or m.method.startswith("rule:") or c.source == "curated"
                                 or m.text.endswith("s") or _CLASS_WORD.search(c.label) is not None)


def named_members(text: str, ms: Sequence[Mention]) -> dict[int, Mention]:
    """"the JAK inhibitor baricitinib", "a kinase inhibitor called masitinib": class start -> the drug it names.

    >>> from kg.model import Concept, Mention
    >>> cls = Mention("d", 4, 17, "JAK inhibitor", Concept(None, "Drug", "JAK inhibitor"))
    >>> drug = Mention("d", 18, 29, "baricitinib", Concept("DRUGBANK:DB11817", "Drug", "Baricitinib"))
    >>> named_members("the JAK inhibitor baricitinib", [cls, drug])[4].text
    'baricitinib'
    """
    out: dict[int, Mention] = {}
    ordered = sorted(ms, key=lambda m: m.start)
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.concept.type == "Drug" and b.concept.type == "Drug" and a.concept.key != b.concept.key and \
                b.start >= a.end and _NAMED.fullmatch(text, a.end, b.start) and is_drug_class(a) and \
                not is_drug_class(b):
            out[a.start] = b
    return out
