"""Packaging hook: ship ``ontology/`` (schema, shapes, vocabularies) inside the wheel as ``kg/ontology``.

Everything else is declared in ``pyproject.toml``.  In a checkout (and an
editable install) ``kg.schema.ontology_dir()`` finds ``ontology/`` next to the
package; in an installed wheel it finds this copy.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ONTOLOGY = Path(__file__).resolve().parent / "ontology"
SHIPPED = ("*.json", "*.jsonld", "*.ttl", "curated/*.tsv", "curated/*.txt", "vocab/*.tsv.gz", "vocab/*.md")


class BuildWithOntology(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        target = Path(self.build_lib) / "kg" / "ontology"
        shutil.rmtree(target, ignore_errors=True)  # an earlier build's leftovers must not ship
        for pattern in SHIPPED:
            for src in sorted(ONTOLOGY.glob(pattern)):
                if src.is_file():
                    dest = target / src.relative_to(ONTOLOGY)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    self.copy_file(str(src), str(dest))


setup(cmdclass={"build_py": BuildWithOntology})
