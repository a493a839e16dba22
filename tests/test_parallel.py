"""Parallel builds: same bytes as a serial build, progress, errors, the CLI, streamed output."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.parallel import Progress, auto_workers
from kg.pipeline import build, build_stream

FIX = Path(__file__).parent / "fixtures" / "ingest"


def turtle(graph, tmp_path: Path, name: str) -> bytes:
    out = tmp_path / name
    graph.serialize(str(out))
    return out.read_bytes()


@pytest.fixture(scope="module")
def serial_ttl(tmp_path_factory) -> bytes:
    g = build([FIX], workers=1)
    assert g.stats()["documents"] == 21 and g.stats()["edges"] > 0
    return turtle(g, tmp_path_factory.mktemp("serial"), "serial.ttl")


def test_two_workers_give_byte_identical_turtle(serial_ttl, tmp_path):
    seen: list[Progress] = []
    g = build([FIX], workers=2, progress=seen.append)
    assert turtle(g, tmp_path, "parallel.ttl") == serial_ttl
    assert seen[-1].finished and seen[-1].documents == 21 and seen[-1].errors == 0
    assert seen[-1].bytes_read == seen[-1].bytes_total > 0
    assert [p.documents for p in seen] == sorted(p.documents for p in seen)


def test_progress_estimates_the_total_from_bytes():
    p = Progress(documents=100, cached=0, errors=0, bytes_read=1000, bytes_total=10_000, elapsed=1.0)
    assert p.estimated_total == 1000
    assert Progress(0, 0, 0, 0, 10, 0.0).estimated_total is None
    assert Progress(7, 0, 0, 5, 10, 0.0, finished=True).estimated_total == 7
    # documents read ahead of those done (batches in flight) drive the estimate
    assert Progress(64, 0, 0, 5_000, 10_000, 1.0, read=512).estimated_total == 1024


def test_small_inputs_run_in_one_process():
    assert auto_workers(10_000) == 1
    assert auto_workers(10**9) >= 1


def test_a_failing_document_is_reported_and_the_others_kept(monkeypatch):
    from kg import pipeline

    real = pipeline.default_extractor()

    def flaky(doc):
        if doc.id == "pubmed:36000002":
            raise ValueError("boom")
        return real(doc)

    monkeypatch.setattr(pipeline, "default_extractor", lambda: flaky)
    errors = []
    g = build([FIX / "pubmed_efetch.xml"], workers=1, on_error=errors.append)
    assert [str(e) for e in errors] == [
        f"{FIX / 'pubmed_efetch.xml'}: document pubmed:36000002: extraction failed: ValueError: boom"]
    assert sorted(g.documents) == ["pubmed:36000001", "pubmed:36000003"]


def test_given_annotations_become_nodes():
    plain = build([FIX / "biored_slice.PubTator"])
    given = build([FIX / "biored_slice.PubTator"], annotations=True)
    keys = {n.key for n in given.nodes()}
    assert "NCBIGene:3175" in keys and "MESH:D003924" in keys
    assert {n.key for n in plain.nodes()} <= keys


def test_cli_workers_quiet_summary_and_errors(tmp_path):
    inputs = tmp_path / "in"
    shutil.copytree(FIX, inputs)
    out = tmp_path / "g.ttl"
    r = CliRunner().invoke(main, ["build", str(inputs), "-o", str(out), "--workers", "2"])
    assert r.exit_code == 0, r.output
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("21 documents, ") and " errors, " in lines[0]
    assert "\r" not in r.stderr  # no progress bar when stderr is not a terminal
    assert out.stat().st_size > 0

    (inputs / "zz_bad.xml").write_text("<PubmedArticleSet><oops></PubmedArticleSet>")
    q = CliRunner().invoke(main, ["build", str(inputs), "-o", str(tmp_path / "q.ttl"), "-w", "1", "--quiet"])
    assert q.exit_code == 1
    assert q.stderr.strip().splitlines() == [f"error: {inputs / 'zz_bad.xml'}: malformed XML: "
                                             + q.stderr.split("malformed XML: ")[1].strip()]
    assert (tmp_path / "q.ttl").stat().st_size > 0


def test_stream_writes_per_document_named_graphs(tmp_path):
    import pyoxigraph as ox

    out = tmp_path / "g.nq.gz"
    w = build_stream([FIX / "pubmed_efetch.xml", FIX / "articles.jsonl"], out, workers=1)
    assert w.documents == 5 and w.lines > 0
    store = ox.Store()
    store.bulk_load(gzip.decompress(out.read_bytes()), ox.RdfFormat.N_QUADS)
    graphs = {str(q.graph_name.value) for q in store.quads_for_pattern(None, None, None)}
    assert "https://bioregistry.io/pubmed:36000001" in graphs and len(graphs) == 5
    merged = build([FIX / "pubmed_efetch.xml", FIX / "articles.jsonl"])
    docs_triple = ox.NamedNode("https://w3id.org/als-kg/schema#Document")
    assert len({q.subject for q in store.quads_for_pattern(None, None, docs_triple)}) == len(merged.documents)


def test_stream_lines_made_by_workers_are_those_made_here(tmp_path):
    build_stream([FIX], tmp_path / "one.nq", workers=1)
    build_stream([FIX], tmp_path / "two.nq", workers=2)
    assert (tmp_path / "one.nq").read_bytes() == (tmp_path / "two.nq").read_bytes()
    build_stream([FIX / "biored_slice.PubTator"], tmp_path / "given.nt", workers=2, annotations=True)
    assert "<https://identifiers.org/ncbigene:3175>" in (tmp_path / "given.nt").read_text()


def test_stream_failure_leaves_no_file(tmp_path, monkeypatch):
    from kg import stream

    calls = []

    def broken(result, **kwargs):
        calls.append(result)
        if len(calls) == 2:
            raise RuntimeError("disk on fire")
        return []

    monkeypatch.setattr(stream, "document_lines", broken)
    out = tmp_path / "g.nt"
    with pytest.raises(RuntimeError):
        build_stream([FIX / "pubmed_efetch.xml"], out)
    assert list(tmp_path.iterdir()) == []


def test_cli_stream_rejects_other_formats(tmp_path):
    r = CliRunner().invoke(main, ["build", str(FIX), "-o", str(tmp_path / "g.ttl"), "--stream"])
    assert r.exit_code == 2 and "N-Triples (.nt) or N-Quads (.nq)" in r.output
