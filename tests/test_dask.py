"""Extraction on a real ``dask.distributed.LocalCluster`` gives the graph of a local build."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.pipeline import build, build_stream

distributed = pytest.importorskip("distributed")

FIX = Path(__file__).parent / "fixtures" / "ingest"


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as c:
        yield c


def ttl(graph, path: Path) -> bytes:
    graph.serialize(str(path))
    return path.read_bytes()


def test_dask_build_equals_local_build(client, tmp_path):
    local = ttl(build([FIX], workers=1), tmp_path / "local.ttl")
    seen = []
    on_dask = ttl(build([FIX], client=client, progress=seen.append), tmp_path / "dask.ttl")
    assert on_dask == local
    assert seen[-1].documents == 21 and seen[-1].finished


def test_cli_dask_address(client, tmp_path):
    out = tmp_path / "g.ttl"
    r = CliRunner().invoke(main, ["build", str(FIX), "-o", str(out), "--dask", client.scheduler.address])
    assert r.exit_code == 0, r.output
    assert r.stderr.startswith("21 documents, ")
    assert out.read_bytes() == ttl(build([FIX]), tmp_path / "local.ttl")


def test_per_file_nquads_parts_are_the_local_stream(client, tmp_path):
    from kg.distributed import export_nquads

    reports = export_nquads([FIX], tmp_path / "parts", client)
    assert [Path(r.input).name for r in reports] == sorted(p.name for p in FIX.iterdir())
    assert sum(r.documents for r in reports) == 21 and all(not r.errors for r in reports)
    remote = set()
    for r in reports:
        remote |= set(gzip.decompress(Path(r.output).read_bytes()).decode().splitlines())
    build_stream([FIX], tmp_path / "local.nq")
    local = set((tmp_path / "local.nq").read_text().splitlines())
    assert remote == local

    import pyoxigraph as ox

    store = ox.Store()
    for r in reports:  # bulk-loadable as they are
        store.bulk_load(gzip.decompress(Path(r.output).read_bytes()), format=ox.RdfFormat.N_QUADS)
    assert len(store) == len(local)
