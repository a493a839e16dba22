"""Lazy package attributes: names resolve to ``module:attribute`` on first use (PEP 562).

>>> getattr_, dir_ = lazy_exports("kg", {"KnowledgeGraph": "kg.graph:KnowledgeGraph"})
>>> getattr_("KnowledgeGraph").__name__
'KnowledgeGraph'
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib import import_module
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(package: str, exports: dict[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package`` that import each export when first asked for."""

    def __getattr__(name: str) -> Any:
        try:
            module, attr = exports[name].split(":")
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = getattr(import_module(module), attr)
        setattr(sys.modules[package], name, value)  # later lookups skip this function
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(exports))

    return __getattr__, __dir__
