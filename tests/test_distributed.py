"""The per-page stages on a real (local) Dask cluster of two worker processes give the same graph."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.pipeline import build

distributed = pytest.importorskip("dask.distributed")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def test_local_cluster_builds_the_same_bytes(tmp_path):
    from kg.distributed import dask_mapper

    pages = tmp_path / "pages"
    pages.mkdir()
    for s in SEEDS:
        shutil.copy(s, pages / s.name)
    (pages / "empty.txt").write_bytes(b"")
    local = build([pages], out=tmp_path / "local", viz=False, cache=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        remote = build([pages], out=tmp_path / "dask", viz=False, cache=False, mapper=dask_mapper(client, batch=2))
    for name in ("graph.ttl", "graph.trig"):
        assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes()
    assert [str(e) for e in remote.errors] == [str(e) for e in local.errors] == [f"{pages / 'empty.txt'}: empty file"]
