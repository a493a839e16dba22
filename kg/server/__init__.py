"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint and the HTML view.

>>> from kg.server import make_server              # doctest: +SKIP
>>> srv = make_server("graph.ttl", port=0)         # doctest: +SKIP
>>> srv.serve_forever()                            # doctest: +SKIP
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "make_server": "kg.server.app:make_server",
    "KGServer": "kg.server.app:KGServer",
    "QueryPool": "kg.server.workers:QueryPool",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    try:
        module, attr = _EXPORTS[name].split(":")
    except KeyError:
        raise AttributeError(f"module 'kg.server' has no attribute {name!r}") from None
    value = getattr(import_module(module), attr)
    globals()[name] = value
    return value
