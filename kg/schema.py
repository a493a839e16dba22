"""The project's node types and predicates, read from ``ontology/schema.json``.

Types and predicates are data, not class hierarchies: extractors read their
subject/object constraints here, exporters read the Biolink/RO mappings.

>>> s = load_schema()
>>> s.allows("Drug", "treats", "Disease")
True
>>> s.allows("Disease", "treats", "Drug")
False
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

__all__ = ["Schema", "TypeDef", "PredicateDef", "load_schema", "ontology_dir"]


def ontology_dir() -> Path:
    """The ``ontology/`` folder: next to the package in a checkout, inside it when installed."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "ontology", here / "ontology"):
        if (candidate / "schema.json").is_file():
            return candidate
    return Path(str(resources.files("kg"))) / "ontology"


@dataclass(frozen=True, slots=True)
class TypeDef:
    name: str
    label: str
    definition: str
    prefixes: tuple[str, ...]
    biolink: str
    match: str
    score_name: str


@dataclass(frozen=True, slots=True)
class PredicateDef:
    name: str
    label: str
    definition: str
    domain: frozenset[str]
    range: frozenset[str]
    biolink: str
    biolink_match: str
    ro: str
    ro_match: str
    extra_pairs: frozenset[tuple[str, str]] = frozenset()
    pairs_only: frozenset[tuple[str, str]] = frozenset()

    def allows(self, subject_type: str, object_type: str) -> bool:
        if self.pairs_only:
            return (subject_type, object_type) in self.pairs_only
        return (subject_type in self.domain and object_type in self.range) or (
            (subject_type, object_type) in self.extra_pairs)


@dataclass(frozen=True, slots=True)
class Schema:
    namespace: str
    entity_base: str
    types: dict[str, TypeDef]
    predicates: dict[str, PredicateDef]

    def allows(self, subject_type: str, predicate: str, object_type: str) -> bool:
        p = self.predicates.get(predicate)
        return p is not None and p.allows(subject_type, object_type)

    def type_of(self, score_name: str) -> str | None:
        for t in self.types.values():
            if t.score_name == score_name:
                return t.name
        return None


@cache
def load_schema() -> Schema:
    data = json.loads((ontology_dir() / "schema.json").read_text(encoding="utf-8"))
    types = {
        name: TypeDef(name, d["label"], d["definition"], tuple(d["prefixes"]), d["biolink"], d["match"], d["score_name"])
        for name, d in data["types"].items()
    }
    preds = {
        name: PredicateDef(
            name, d["label"], d["definition"], frozenset(d["domain"]), frozenset(d["range"]),
            d["biolink"], d["biolink_match"], d["ro"], d["ro_match"],
            frozenset(tuple(x) for x in d.get("extra_pairs", ())), frozenset(tuple(x) for x in d.get("pairs_only", ())),
        )
        for name, d in data["predicates"].items()
    }
    return Schema(data["namespace"], data["entity_base"], types, preds)
