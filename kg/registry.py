"""Lazy registries of pipeline plug-ins, in the manner of rdflib's ``plugin.py``.

A plug-in is registered by name with the dotted path of its implementation;
nothing is imported until the plug-in is asked for.

>>> r = Registry("demo")
>>> r.register("json", "json:dumps")
>>> r.get("json")([1])
'[1]'
>>> r.names()
['json']
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["Registry", "readers", "exporters"]


class Registry:
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._paths: dict[str, str] = {}
        self._loaded: dict[str, Any] = {}
        self._meta: dict[str, dict[str, Any]] = {}

    def register(self, name: str, path: str, **meta: Any) -> None:
        self._paths[name] = path
        self._meta[name] = meta
        self._loaded.pop(name, None)

    def get(self, name: str) -> Any:
        if name not in self._loaded:
            try:
                module, _, attr = self._paths[name].partition(":")
            except KeyError:
                raise KeyError(f"no {self.kind} named {name!r}; choose from {', '.join(self.names())}") from None
            self._loaded[name] = getattr(importlib.import_module(module), attr)
        return self._loaded[name]

    def meta(self, name: str) -> dict[str, Any]:
        return self._meta[name]

    def names(self) -> list[str]:
        return sorted(self._paths)

    def __contains__(self, name: object) -> bool:
        return name in self._paths


# Output formats: name -> writer(graph, path, **options); meta: suffixes, media type.
exporters = Registry("exporter")
exporters.register("turtle", "kg.export.rdf:write_turtle", suffixes=(".ttl",), rdf=True)
exporters.register("ntriples", "kg.export.rdf:write_ntriples", suffixes=(".nt",), rdf=True)
exporters.register("nquads", "kg.export.nquads:write_nquads", suffixes=(".nq",), rdf=True)
exporters.register("jsonld", "kg.export.jsonld:write_jsonld", suffixes=(".jsonld",), rdf=True)
exporters.register("kgx", "kg.export.kgx:write_kgx", suffixes=(".kgx",), rdf=False)

# Input readers: name -> read(path) -> Iterable[Document]; meta: suffixes.
readers = Registry("reader")
readers.register("text", "kg.readers.text:read_text", suffixes=(".txt", ".text"))
readers.register("markdown", "kg.readers.text:read_markdown", suffixes=(".md", ".markdown"))
readers.register("html", "kg.readers.html:read_html", suffixes=(".html", ".htm", ".xhtml"))
# Literature formats (issue 7); stream=True: the reader also takes an open binary file (for progress);
# annotated: a variant giving (Document, given mentions) pairs. gzip is detected by content.
readers.register("pubmed", "kg.readers.pubmed:read_pubmed", suffixes=(), stream=True)
readers.register("jats", "kg.readers.jats:read_jats", suffixes=(".nxml", ".nxml.gz"), stream=True)
readers.register("bioc", "kg.readers.bioc:read_bioc", suffixes=(".bioc.xml", ".bioc.xml.gz"), stream=True,
                 annotated="kg.readers.bioc:read_bioc_annotated")
readers.register("bioc_json", "kg.readers.bioc:read_bioc_json", suffixes=(".bioc.json", ".bioc.json.gz"),
                 stream=True, annotated="kg.readers.bioc:read_bioc_json_annotated")
readers.register("pubtator", "kg.readers.pubtator:read_pubtator", suffixes=(".pubtator", ".pubtator.gz"),
                 stream=True, annotated="kg.readers.pubtator:read_pubtator_annotated")
readers.register("jsonl", "kg.readers.jsonl:read_jsonl", suffixes=(".jsonl", ".jsonl.gz", ".ndjson", ".json", ".json.gz"),
                 stream=True, annotated="kg.readers.jsonl:read_jsonl_annotated")
readers.register("xml", "kg.readers.xmlany:read_xml", suffixes=(".xml", ".xml.gz"), stream=True)
readers.register("text_gz", "kg.readers.compressed:read_text_gz", suffixes=(".txt.gz",), stream=True)
