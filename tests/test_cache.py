"""Incremental builds: unchanged documents come from the cache, and the graph is that of a full build."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from kg import parallel
from kg.cache import ResultCache
from kg.cli import main
from kg.model import Document
from kg.pipeline import build

FIX = Path(__file__).parent / "fixtures" / "ingest"


class Spy:
    """Counts the documents sent to extraction."""

    def __init__(self, monkeypatch):
        self.extracted: list[str] = []
        real = parallel.extract_batch

        def spy(docs):
            self.extracted.extend(d.id for d in docs)
            return real(docs)

        monkeypatch.setattr(parallel, "extract_batch", spy)


def ttl(graph, path: Path) -> bytes:
    graph.serialize(str(path))
    return path.read_bytes()


def test_second_run_extracts_nothing_and_gives_the_same_graph(tmp_path, monkeypatch):
    spy = Spy(monkeypatch)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("pubmed_efetch.xml", "biored_slice.PubTator", "pmc_article.nxml"):
        shutil.copy(FIX / name, corpus / name)
    cache = tmp_path / "cache"
    full = ttl(build([corpus]), tmp_path / "full.ttl")
    spy.extracted.clear()

    seen = []
    first = ttl(build([corpus], cache=cache, progress=seen.append), tmp_path / "first.ttl")
    assert len(spy.extracted) == 10 and seen[-1].cached == 0
    spy.extracted.clear()
    second = ttl(build([corpus], cache=cache, progress=seen.append), tmp_path / "second.ttl")
    assert spy.extracted == [] and seen[-1].cached == seen[-1].documents == 10
    assert first == second == full


def test_grown_and_changed_folder_extracts_only_what_is_new(tmp_path, monkeypatch):
    spy = Spy(monkeypatch)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(FIX / "pubmed_efetch.xml", corpus / "a.xml")
    cache = tmp_path / "cache"
    build([corpus], cache=cache)
    shutil.copy(FIX / "articles.jsonl", corpus / "b.jsonl")  # grown
    text = (corpus / "a.xml").read_text().replace("NfL correlated with", "NfL strongly correlated with")
    (corpus / "a.xml").write_text(text)  # one abstract changed
    spy.extracted.clear()
    incremental = ttl(build([corpus], cache=cache), tmp_path / "inc.ttl")
    assert sorted(spy.extracted) == ["news-1", "pubmed:36000002", "pubmed:36000070"]
    assert incremental == ttl(build([corpus]), tmp_path / "full.ttl")


def test_parallel_build_fills_and_uses_the_same_cache(tmp_path):
    cache = tmp_path / "cache"
    seen = []
    a = ttl(build([FIX], cache=cache, workers=2), tmp_path / "a.ttl")
    b = ttl(build([FIX], cache=cache, workers=1, progress=seen.append), tmp_path / "b.ttl")
    assert seen[-1].cached == 21 and a == b


def test_key_covers_content_and_extractor_fingerprint(tmp_path):
    d = Document(id="d", text="Riluzole treats ALS.", title="T")
    with ResultCache(tmp_path, fingerprint="v1") as c1, ResultCache(tmp_path, fingerprint="v2") as c2:
        assert c1.key(d) != c2.key(d)
        assert c1.key(d) == c1.key(Document(id="d", text="Riluzole treats ALS.", title="T", source="elsewhere"))
        assert c1.key(d) != c1.key(Document(id="d", text="Riluzole treats ALS!", title="T"))
        assert c1.key(d) != c1.key(Document(id="e", text="Riluzole treats ALS.", title="T"))
        c1.put_many([(c1.key(d), ((), ()))])
        assert c2.get_many([c2.key(d)]) == {}
        assert len(c1) == 1


def test_cli_cache_dir(tmp_path):
    cache = tmp_path / "cache"
    args = ["build", str(FIX / "pubmed_efetch.xml"), "-o", str(tmp_path / "g.ttl"), "--cache-dir", str(cache)]
    first = CliRunner().invoke(main, args)
    second = CliRunner().invoke(main, args)
    assert first.exit_code == second.exit_code == 0
    assert "from the cache" not in first.stderr
    assert second.stderr.startswith("3 documents (3 from the cache), ")
    assert (cache / "results.sqlite").is_file()
