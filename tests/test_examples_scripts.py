"""Every script in examples/ runs as documented (default arguments) and prints an answer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted((ROOT / "examples").glob("*.py"))


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.name for s in SCRIPTS])
def test_example_script_runs(script: Path):
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip()


def test_build_and_explore_names_the_mouse_model():
    proc = subprocess.run([sys.executable, str(ROOT / "examples" / "build_and_explore.py")], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)
    out = proc.stdout
    assert "BTK inhibitor -> amyotrophic lateral sclerosis mouse model" in out
    assert "5 documents" in out
