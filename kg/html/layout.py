"""Starting positions for large graphs: one cluster per node type, hubs in the middle.

A force-directed layout of thousands of nodes takes the browser many seconds;
this one is computed in linear time, is deterministic, and makes the legend's
groups visible at once.  Inside a cluster nodes sit on a sunflower (Vogel)
spiral, most connected first; clusters sit on a ring in schema order.

>>> pos = clustered_layout({"Gene": ["a", "b", "c"], "Drug": ["d"]}, spacing=10)
>>> sorted(pos) == ["a", "b", "c", "d"]
True
>>> pos["a"] != pos["d"]
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

__all__ = ["clustered_layout"]

_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def _sunflower(n: int, spacing: float) -> list[tuple[float, float]]:
    return [(spacing * math.sqrt(i + 0.5) * math.cos(i * _GOLDEN_ANGLE),
             spacing * math.sqrt(i + 0.5) * math.sin(i * _GOLDEN_ANGLE)) for i in range(n)]


def clustered_layout(groups: Mapping[str, Sequence[str]], spacing: float = 45.0,
                     gap: float = 4.0) -> dict[str, tuple[float, float]]:
    """Positions of node ids; ``groups`` maps a group (type) to its ids, in the order to place them.

    ``spacing`` is about the distance between neighbouring nodes; ``gap`` the
    space between clusters in units of ``spacing``.
    """
    clusters = [(name, list(ids)) for name, ids in groups.items() if ids]
    if not clusters:
        return {}
    radii = [spacing * math.sqrt(len(ids) + 0.5) for _, ids in clusters]
    if len(clusters) == 1:
        centres = [(0.0, 0.0)]
    else:
        widths = [2 * r + gap * spacing for r in radii]
        ring = sum(widths) / (2 * math.pi)
        ring = max(ring, max(radii) + gap * spacing)
        centres = []
        angle = -math.pi / 2
        for w in widths:
            half = math.pi * w / sum(widths)
            angle += half
            centres.append((ring * math.cos(angle), ring * math.sin(angle)))
            angle += half
    out: dict[str, tuple[float, float]] = {}
    for (_, ids), (cx, cy) in zip(clusters, centres, strict=True):
        for node_id, (x, y) in zip(ids, _sunflower(len(ids), spacing), strict=True):
            out[node_id] = (round(cx + x, 1), round(cy + y, 1))
    return out
