"""The pipeline: documents → sentences → mentions → relations → graph.

:func:`extract` is a pure function of one document (so it can run in worker
processes or on a cluster); :func:`assemble` merges per-document results into
one :class:`~kg.graph.KnowledgeGraph`; :func:`build` does both over paths.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from .graph import KnowledgeGraph
from .model import Document, Mention, Relation, Sentence
from .readers import ReadError

__all__ = ["DocResult", "Extractor", "extract", "assemble", "build", "build_stream", "EXTRACTOR_VERSION"]

log = logging.getLogger(__name__)

#: bump when recognition or extraction changes what a document yields (keys caches)
EXTRACTOR_VERSION = "0.1.0"


@dataclass(frozen=True, slots=True)
class DocResult:
    """What one document yields."""

    document: Document
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...]


class Extractor:
    """Recogniser plus relation extractors; the lexicon is loaded on first use."""

    def __init__(self) -> None:
        from .recognise import Recogniser
        from .relations import RelationExtractor

        self.recogniser = Recogniser()
        self.relations = RelationExtractor()

    def __call__(self, doc: Document) -> DocResult:
        from .segment import sentences_of

        sentences = sentences_of(doc)
        mentions = self.recogniser.mentions(doc, sentences)
        relations = self.relations.extract(doc, sentences, mentions)
        return DocResult(doc, tuple(sentences), tuple(mentions), tuple(relations))


@cache
def default_extractor() -> Extractor:
    return Extractor()


def extract(doc: Document) -> DocResult:
    """Mentions and relations of one document."""
    return default_extractor()(doc)


def assemble(results: Iterable[DocResult], graph: KnowledgeGraph | None = None) -> KnowledgeGraph:
    """Merge per-document results: one node per concept, one edge per claim."""
    g = graph if graph is not None else KnowledgeGraph()
    for r in results:
        g.add_document(r.document)
        for m in r.mentions:
            g.add_mention(m)
        for rel in r.relations:
            g.add_relation(rel)
    return g


def unique_ids(docs: Iterable[Document]) -> Iterable[Document]:
    """Give documents that share an id (same file name in two folders) distinct ids, in order."""
    from dataclasses import replace

    seen: dict[str, int] = {}
    for d in docs:
        n = seen.get(d.id, 0)
        seen[d.id] = n + 1
        yield d if n == 0 else replace(d, id=f"{d.id}-{n + 1}", iri="")


def _log_error(err: ReadError) -> None:
    log.error("%s", err)


def build(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    on_error: Callable[[ReadError], None] | None = None,
    min_belief: float = 0.0,
    workers: int | None = 1,
    cache: Any = None,
    progress: Callable[[Any], None] | None = None,
    client: Any = None,
    max_bytes: int | None = None,
    annotations: bool = False,
) -> KnowledgeGraph:
    """Read every input (files, folders, globs) and build the graph.

    Files that cannot be read, and documents whose extraction fails, go to
    ``on_error`` (default: logged and skipped).  Documents are streamed, so
    memory holds the growing graph, not the corpus.

    * ``workers``: extraction processes (1: this process; None: every core,
      or one for a small input); the graph is the same whatever the number.
    * ``cache``: a folder (or True for the default one, or a
      :class:`~kg.cache.ResultCache`) keeping each document's results, so a
      re-run extracts only new or changed documents.
    * ``progress``: called with a :class:`~kg.parallel.Progress` after each batch.
    * ``client``: a ``dask.distributed.Client`` or scheduler address to extract on.
    * ``max_bytes``: larger input files are refused.
    * ``annotations``: add the mentions an annotated corpus (PubTator, BioC) gives.
    """
    from .parallel import Extraction

    with Extraction(inputs, on_error=on_error or _log_error, workers=workers, cache=cache, client=client,
                    max_bytes=max_bytes, annotations=annotations, progress=progress) as ex:
        g = assemble(ex)
    return g.filter(min_belief) if min_belief > 0 else g


def build_stream(
    inputs: Iterable[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    on_error: Callable[[ReadError], None] | None = None,
    min_belief: float = 0.0,
    workers: int | None = 1,
    cache: Any = None,
    progress: Callable[[Any], None] | None = None,
    client: Any = None,
    max_bytes: int | None = None,
    annotations: bool = False,
) -> Any:
    """Like :func:`build`, but write each document's graph to ``output`` (.nt/.nq, optionally .gz)
    as it comes, never holding the merged graph (see :mod:`kg.stream`).

    Returns the closed :class:`~kg.stream.StreamWriter` (``documents`` and ``lines`` written).
    """
    from .parallel import Extraction
    from .stream import StreamWriter, stream_format

    with Extraction(inputs, on_error=on_error or _log_error, workers=workers, cache=cache, client=client,
                    max_bytes=max_bytes, annotations=annotations, progress=progress,
                    lines=(stream_format(output), min_belief)) as ex, \
            StreamWriter(output, min_belief=min_belief) as w:
        for r, lines in ex:
            w.write(r, lines)
    return w
