"""A built wheel carries everything ``kg`` needs at run time: schema, shapes and the vocabularies.

The wheel is built from this checkout with ``pip wheel`` (as a user or PyPI
would get it), unpacked into a temporary folder and imported from there in a
child process, with this checkout's editable-install finder removed so that
the checkout's ``ontology/`` cannot stand in for the wheel's.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_7ab7e18390956353.txt"

CHILD = r"""
import sys
sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in getattr(f, "__module__", "")
                    and "editable" not in getattr(type(f), "__module__", "")]
sys.path.insert(0, sys.argv[1])
for name in [m for m in sys.modules if m == "kg" or m.startswith("kg.")]:
    del sys.modules[name]
import json
import kg
from kg.schema import ontology_dir
from kg.pipeline import build
g = build([sys.argv[2]])
print(json.dumps({"kg": kg.__file__, "ontology": str(ontology_dir()),
                  "labels": sorted(n["label"] for _, n in g.to_networkx().nodes(data=True))}))
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    wheels = list(out.glob("als_kg-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def test_wheel_ships_the_ontology(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("kg/ontology/schema.json", "kg/ontology/shapes.ttl", "kg/ontology/schema.ttl",
                     "kg/ontology/context.jsonld", "kg/ontology/vocab/concepts.tsv.gz",
                     "kg/ontology/vocab/names.tsv.gz", "kg/html/assets/app.js"):
        assert required in names, required
    assert not any(n.endswith(".part") for n in names)


def test_installed_wheel_builds_a_graph_without_the_checkout(wheel: Path, tmp_path: Path, monkeypatch):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    monkeypatch.setenv("ALS_KG_CACHE", str(tmp_path / "cache"))
    proc = subprocess.run([sys.executable, "-c", CHILD, str(site), str(SEED)], capture_output=True, text=True,
                          cwd=tmp_path, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    info = json.loads(proc.stdout.strip().splitlines()[-1])
    assert info["kg"].startswith(str(site))
    assert info["ontology"] == str(site / "kg" / "ontology")
    assert "BTK" in info["labels"] and "amyotrophic lateral sclerosis" in info["labels"]
