"""The interactive HTML view: one self-contained, offline page per graph.

>>> from kg.html import write_html          # doctest: +SKIP
>>> write_html(graph, "graph.html")          # doctest: +SKIP

Built with pyvis (node and edge data) and the vis-network library pyvis ships,
inlined into the project's own template: no CDN, no external request.
"""

from __future__ import annotations

from .page import render_html, write_html

__all__ = ["render_html", "write_html"]
