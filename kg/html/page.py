"""One self-contained HTML page: template, inline style, inline vis-network, inline data.

pyvis' own template loads vis-network and bootstrap from CDNs and a relative
``node_modules`` path; this page inlines everything instead (vis-network is
read from the installed pyvis package) and forbids every network request with
a Content-Security-Policy whose script hashes allow only the page's own two
scripts.  The graph data sits in a ``<script type="application/json">`` block,
escaped so that no text from an article can close it.

>>> script_json({"label": "</script><img src=x onerror=alert(1)>"})
'{"label":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import logging
import re
from importlib import resources
from pathlib import Path
from typing import Any

from ..atomic import atomic_write
from ..graph import KnowledgeGraph

__all__ = ["render_html", "write_html", "script_json", "vis_network_js", "VIS_VERSION"]

log = logging.getLogger(__name__)

#: the vis-network build pyvis ships (templates/lib/vis-<version>/)
VIS_VERSION = "9.1.2"

_TOKEN = re.compile(r"\{\{([A-Z_]+)\}\}")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: Any) -> str:
    """JSON for a ``<script type="application/json">`` block: sorted keys, no ``<``, ``>`` or ``&``."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text)


def _inline_js(js: str) -> str:
    """Script text that cannot end its ``<script>`` element early."""
    return re.sub(r"<(/script|!--)", r"<\\\1", js, flags=re.IGNORECASE)


def _csp_hash(js: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii") + "'"


def vis_network_js() -> str:
    """The minified vis-network library shipped inside the installed pyvis package."""
    lib = resources.files("pyvis") / "templates" / "lib"
    path = lib / f"vis-{VIS_VERSION}" / "vis-network.min.js"
    if not path.is_file():
        found = sorted(Path(str(lib)).glob("vis-*/vis-network.min.js"))
        if not found:
            raise RuntimeError("vis-network.min.js not found in the installed pyvis package; reinstall pyvis")
        path = found[-1]
    return path.read_text(encoding="utf-8")


def _asset(name: str) -> str:
    return (resources.files(__package__) / "assets" / name).read_text(encoding="utf-8")


def render_html(graph: KnowledgeGraph, min_belief: float = 0.0, **options: Any) -> str:
    """The page as a string (byte-identical for the same graph and options)."""
    from .data import build_payload

    payload = build_payload(graph, min_belief=min_belief, **options)
    vis_js = _inline_js(vis_network_js())
    app_js = _inline_js(_asset("app.js"))
    csp = (
        "default-src 'none'; "
        f"script-src {_csp_hash(vis_js)} {_csp_hash(app_js)}; "
        "style-src 'unsafe-inline'; img-src data:; font-src 'none'; connect-src 'none'; "
        "media-src 'none'; object-src 'none'; frame-src 'none'; worker-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )
    values = {
        "CSP": html.escape(csp, quote=True),
        "TITLE": html.escape(payload["title"]),
        "STYLE": _asset("app.css").replace("</", "<\\/"),
        "VIS_JS": vis_js,
        "APP_JS": app_js,
        "DATA": script_json(payload),
    }
    return _TOKEN.sub(lambda m: values[m.group(1)], _asset("template.html"))


def write_html(graph: KnowledgeGraph, path: str | Path, min_belief: float = 0.0, **options: Any) -> None:
    """Write the interactive, self-contained HTML view of ``graph`` to ``path`` (atomically).

    ``min_belief`` leaves out asserted claims below it, as the RDF exporters do;
    ``options`` are :class:`kg.html.data.ViewOptions` fields (``title``, ``max_edges``...).
    """
    text = render_html(graph, min_belief=min_belief, **options)
    with atomic_write(path) as fh:
        fh.write(text)
    log.info("wrote %s (%d bytes)", path, len(text.encode("utf-8")))
