"""Refuse what a read-only endpoint must not run: updates and federated ``SERVICE`` calls.

pyoxigraph's ``Store.query`` parses queries only (an update is a syntax error
there), but it does execute ``SERVICE`` by calling out over HTTP, so every
query that reaches the store from outside goes through :func:`check_read_only`.
The check looks at the query's tokens with strings, IRIs and comments removed,
so a ``"SERVICE"`` inside a literal or an IRI is fine.

>>> check_read_only("SELECT * WHERE { ?s ?p 'no SERVICE here' } # SERVICE")
>>> check_read_only("SELECT * { SERVICE <http://x/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
...
kg.query.guard.RefusedQuery: federated SERVICE calls are not allowed here
>>> check_read_only("PREFIX ex: <http://x/> INSERT DATA { ex:a ex:b ex:c }")
Traceback (most recent call last):
...
kg.query.guard.RefusedQuery: updates (INSERT) are not allowed: this endpoint is read-only
"""

from __future__ import annotations

import re

__all__ = ["RefusedQuery", "check_read_only", "strip_literals"]


class RefusedQuery(ValueError):
    """The query asks for something this endpoint does not do."""


_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'        # long strings
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'               # short strings
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'           # IRIs (a '<' operator is followed by a space or a term)
    r"|#[^\n\r]*",                           # comments
    re.DOTALL,
)
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:-])", re.IGNORECASE)
_PROLOGUE = re.compile(r"\s*(?:(?:BASE\s*|PREFIX\s+[\w.-]*:\s*)\s*)+", re.IGNORECASE)
_UPDATE = re.compile(r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)


def strip_literals(query: str) -> str:
    """The query with strings, IRIs and comments replaced by spaces."""
    return _TOKENS.sub(" ", query)


def check_read_only(query: str) -> None:
    """Raise :class:`RefusedQuery` for an update or a query with ``SERVICE``."""
    bare = strip_literals(query)
    head = _PROLOGUE.sub(" ", bare).lstrip()
    m = _UPDATE.match(head)
    if m:
        raise RefusedQuery(f"updates ({m.group(1).upper()}) are not allowed: this endpoint is read-only")
    if _SERVICE.search(bare):
        raise RefusedQuery("federated SERVICE calls are not allowed here")
