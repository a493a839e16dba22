"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint and the HTML view.

>>> from kg.server import make_server              # doctest: +SKIP
>>> srv = make_server("graph.ttl", port=0)         # doctest: +SKIP
>>> srv.serve_forever()                            # doctest: +SKIP
"""

from __future__ import annotations

from ..lazy import lazy_exports

_EXPORTS = {
    "make_server": "kg.server.app:make_server",
    "KGServer": "kg.server.app:KGServer",
    "QueryPool": "kg.server.workers:QueryPool",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
