"""Mentions given by an annotated corpus (PubTator, BioC), as :class:`~kg.model.Mention`.

Readers of annotated formats register, next to their plain reader, an
``annotated`` reader yielding ``(Document, mentions)`` pairs; the build uses it
when asked to (``build(..., annotations=True)``, ``kg build --annotations``)
and adds those mentions to what the recogniser finds.

Annotation types map to the graph's node types, and bare identifiers get the
prefix their corpus implies (BioRED/PubTator: genes are NCBI Gene, diseases and
chemicals MeSH, species NCBI Taxonomy):

>>> [(m.concept.curie, m.concept.type) for m in given_mentions("d", 0, 5, "HNF-6", "GeneOrGeneProduct", "3175,6927")]
[('NCBIGene:3175', 'Gene'), ('NCBIGene:6927', 'Gene')]
>>> given_mentions("d", 0, 7, "glucose", "Chemical", "MESH:D005947")[0].concept.curie
'MESH:D005947'
>>> given_mentions("d", 0, 3, "ALS", "Disease", "-")[0].concept.curie is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..model import Concept, Document, Mention
from ..registry import readers

__all__ = ["TYPES", "given_mentions", "read_annotated"]

#: annotation type (case-insensitive) -> (node type, prefix of a bare identifier)
TYPES: dict[str, tuple[str, str | None]] = {
    "gene": ("Gene", "NCBIGene"),
    "geneorgeneproduct": ("Gene", "NCBIGene"),
    "protein": ("Gene", "NCBIGene"),
    "disease": ("Disease", "MESH"),
    "diseaseorphenotypicfeature": ("Disease", "MESH"),
    "specificdisease": ("Disease", "MESH"),
    "diseaseclass": ("Disease", "MESH"),
    "compositemention": ("Disease", "MESH"),
    "modifier": ("Disease", "MESH"),
    "chemical": ("Drug", "MESH"),
    "chemicalentity": ("Drug", "MESH"),
    "drug": ("Drug", "MESH"),
    "species": ("ModelSystem", "NCBITaxon"),
    "organismtaxon": ("ModelSystem", "NCBITaxon"),
    "organism": ("ModelSystem", "NCBITaxon"),
    "cellline": ("ModelSystem", "cellosaurus"),
    "celltype": ("CellType", "CL"),
    "sequencevariant": ("Variant", None),
    "variant": ("Variant", None),
    "mutation": ("Variant", None),
    "dnamutation": ("Variant", None),
    "proteinmutation": ("Variant", None),
    "snp": ("Variant", None),
}

_PREFIXES = {"mesh": "MESH", "omim": "OMIM", "ncbigene": "NCBIGene", "gene": "NCBIGene", "ncbitaxon": "NCBITaxon",
             "taxonomy": "NCBITaxon", "cellosaurus": "cellosaurus", "cvcl": "cellosaurus", "chebi": "CHEBI",
             "mondo": "MONDO", "doid": "DOID", "cl": "CL", "hgnc": "HGNC", "drugbank": "DRUGBANK"}
_SPLIT = re.compile(r"[,;]")


def _curie(identifier: str, prefix: str | None) -> str | None:
    ident = identifier.strip()
    if not ident or ident in ("-", "None", "null"):
        return None
    if ident.upper().startswith("CVCL_"):
        return f"cellosaurus:{ident.upper()}"
    head, sep, rest = ident.partition(":")
    if sep and head.lower() in _PREFIXES:
        return f"{_PREFIXES[head.lower()]}:{rest}"
    if sep:
        return ident
    if prefix is None:
        return None
    return f"{prefix}:{ident}"


def given_mentions(doc_id: str, start: int, end: int, text: str, type: str, identifier: str,
                   source: str = "annotation") -> list[Mention]:
    """Mentions for one annotation (one per identifier when it lists several)."""
    node_type, prefix = TYPES.get(re.sub(r"[\s_-]", "", type).lower(), (type or "Entity", None))
    parts = [identifier] if node_type == "Variant" else _SPLIT.split(identifier or "") or [""]
    out = []
    seen: set[str | None] = set()
    for part in parts or [""]:
        curie = _curie(part, prefix)
        if curie in seen:
            continue
        seen.add(curie)
        concept = Concept(curie=curie, type=node_type, label=text, source=source)
        out.append(Mention(doc_id, start, end, text, concept, method="given"))
    return out


def read_annotated(source: Any, reader: str) -> Iterator[tuple[Document, tuple[Mention, ...]]]:
    """``(document, given mentions)`` pairs from a file, through the reader's annotated variant.

    Readers without one give their documents with no mentions.
    """
    path = readers.meta(reader).get("annotated")
    if path is None:
        for doc in readers.get(reader)(source):
            yield doc, ()
        return
    import importlib

    module, _, attr = path.partition(":")
    yield from getattr(importlib.import_module(module), attr)(source)
