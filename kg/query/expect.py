"""Competency questions: a ``.rq`` query beside a ``.expected.json`` of rows its answer must contain.

The expected file holds ``question``, ``source`` (what the text says),
``expect`` (rows that must be in the answer) and ``pending`` (rows the texts
state that the extractor does not find yet).  A row matches when every key
matches a variable of a result row; keys are compared on stable things:

* ``"var": "HGNC:1133"``: the value's CURIE, IRI or literal text (case-insensitive);
  a list gives alternatives;
* ``"var~": "text"``: the value contains the text (case-insensitive);
* ``"var>=": 2``: the value is a number at least this.

The answer is checked for a subset, so it can grow as extraction improves.

>>> from kg.export.demo import demo_graph
>>> from kg.query.store import GraphStore
>>> r = GraphStore.open(demo_graph()).query("SELECT ?d ?l WHERE { ?d kgs:treats ?x ; rdfs:label ?l }")
>>> missing(r, [{"d": "DRUGBANK:DB00740"}, {"l~": "fumarate"}, {"l": "aspirin"}])
[{'l': 'aspirin'}]
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .terms import Term, default_bindings, display

if TYPE_CHECKING:  # pragma: no cover
    from .store import QueryResult

__all__ = ["Example", "load_examples", "missing", "row_matches"]


@dataclass(frozen=True, slots=True)
class Example:
    name: str
    path: Path
    query: str
    bindings: dict[str, Term]
    question: str
    expect: tuple[dict[str, Any], ...]
    pending: tuple[dict[str, Any], ...]


def load_examples(folder: str | Path) -> list[Example]:
    """Every ``NAME.rq`` of a folder with its ``NAME.expected.json`` (if any), sorted by name."""
    out = []
    for rq in sorted(Path(folder).glob("*.rq")):
        text = rq.read_text(encoding="utf-8")
        exp_path = rq.with_suffix(".expected.json")
        exp = json.loads(exp_path.read_text(encoding="utf-8")) if exp_path.is_file() else {}
        out.append(Example(rq.stem, rq, text, default_bindings(text), exp.get("question", ""),
                           tuple(exp.get("expect", ())), tuple(exp.get("pending", ()))))
    return out


def _texts(term: Term) -> set[str]:
    values = {display(term).casefold()}
    values.add(getattr(term, "value", str(term)).casefold())
    return values


def _matches(key: str, want: Any, row: dict[str, Term]) -> bool:
    if key.endswith(">="):
        t = row.get(key[:-2])
        try:
            return t is not None and float(getattr(t, "value", "")) >= float(want)
        except ValueError:
            return False
    if key.endswith("~"):
        t = row.get(key[:-1])
        return t is not None and any(str(want).casefold() in v for v in _texts(t))
    t = row.get(key)
    if t is None:
        return False
    wants = want if isinstance(want, list) else [want]
    texts = _texts(t)
    return any(str(w).casefold() in texts for w in wants)


def row_matches(expected: dict[str, Any], row: dict[str, Term]) -> bool:
    return all(_matches(k, v, row) for k, v in expected.items())


def missing(result: QueryResult | list[dict[str, Term]], expected: list[dict[str, Any]] | tuple) -> list[dict]:
    """The expected rows no row of the result matches."""
    rows = list(result)
    return [e for e in expected if not any(row_matches(e, r) for r in rows)]
