"""Shared fixtures: the seeds and a built seeds graph (built once per session)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seeds_graph():
    import kg

    return kg.build([str(SEEDS)])


@pytest.fixture(scope="session")
def extract_text():
    """Extract from a text written for a test: returns the DocResult."""
    from kg.model import Document
    from kg.pipeline import extract

    def run(text: str, doc_id: str = "t"):
        return extract(Document(id=doc_id, text=text, iri=f"urn:test:{doc_id}"))

    return run
