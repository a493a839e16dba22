"""als-kg: articles about ALS and neuroimmunology in, a grounded knowledge graph out.

>>> import kg
>>> g = kg.build(["seeds/"])            # doctest: +SKIP
>>> g.relations("treats")               # doctest: +SKIP

Names are imported lazily: ``import kg`` does no work.
"""

from __future__ import annotations

from .lazy import lazy_exports

__version__ = "0.1.0"

_EXPORTS = {
    "build": "kg.pipeline:build",
    "extract": "kg.pipeline:extract",
    "KnowledgeGraph": "kg.graph:KnowledgeGraph",
    "Node": "kg.graph:Node",
    "Edge": "kg.graph:Edge",
    "Document": "kg.model:Document",
    "Sentence": "kg.model:Sentence",
    "Concept": "kg.model:Concept",
    "Mention": "kg.model:Mention",
    "Evidence": "kg.model:Evidence",
    "Relation": "kg.model:Relation",
    "read_documents": "kg.readers:read_documents",
    "ReadError": "kg.readers:ReadError",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
