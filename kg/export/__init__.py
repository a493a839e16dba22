"""Exporters: one function per output format, looked up in :data:`kg.registry.exporters`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..registry import exporters

if TYPE_CHECKING:  # pragma: no cover
    from ..graph import KnowledgeGraph

__all__ = ["write", "format_for"]


def format_for(path: str | Path, format: str | None = None) -> str:
    """The exporter name for an output path: ``format`` if given, else from the suffix.

    >>> format_for("out.ttl")
    'turtle'
    """
    if format:
        if format not in exporters:
            raise ValueError(f"unknown format {format!r}; choose from {', '.join(exporters.names())}")
        return format
    name = str(path).lower()
    for fmt in exporters.names():
        if any(name.endswith(s) for s in exporters.meta(fmt).get("suffixes", ())):
            return fmt
    suffixes = sorted(s for f in exporters.names() for s in exporters.meta(f).get("suffixes", ()))
    raise ValueError(f"cannot tell the format of {path}: use one of the suffixes {', '.join(suffixes)} or --format")


def write(graph: KnowledgeGraph, path: str | Path, format: str | None = None, **options: Any) -> None:
    exporters.get(format_for(path, format))(graph, Path(path), **options)
