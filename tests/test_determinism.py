"""Exports are byte-identical across runs, PYTHONHASHSEED values, --jobs and the cache."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXPORTS = ("graph.ttl", "graph.trig")


def kg_build(out: Path, seed: str, *extra: str) -> dict[str, bytes]:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    proc = subprocess.run([sys.executable, "-m", "kg", "build", "seeds", "--out", str(out), "-q", *extra],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    return kg_build(tmp_path_factory.mktemp("ref"), "0", "--no-cache")


@pytest.mark.parametrize("seed,extra", [
    ("1", ("--no-cache",)),
    ("12345", ("--no-cache", "--jobs", "2")),
    ("random", ()),
])
def test_same_bytes_whatever_the_hash_seed(tmp_path, reference, seed, extra):
    got = kg_build(tmp_path / "out", seed, *extra)
    assert set(EXPORTS) <= set(got)
    for name in sorted(reference):
        assert got[name] == reference[name], f"{name} differs with PYTHONHASHSEED={seed} {' '.join(extra)}"


def test_warm_cache_build_under_another_seed(tmp_path, reference):
    out = tmp_path / "out"
    kg_build(out, "7")
    again = kg_build(out, "8")                     # every page from the cache, written by another seed
    for name in sorted(reference):
        assert again[name] == reference[name]
