"""`kg build --jobs N` extracts in N processes and writes exactly what one process writes."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The seeds twice over (second copy in a sub-folder) plus one bad file: order and errors matter."""
    folder = tmp_path_factory.mktemp("pages")
    (folder / "more").mkdir()
    for s in SEEDS:
        shutil.copy(s, folder / s.name)
        shutil.copy(s, folder / "more" / ("b_" + s.name))
    (folder / "broken.txt").write_bytes(b"")
    return folder


def files(out: Path) -> dict[str, bytes]:
    return {n: (out / n).read_bytes() for n in ("graph.ttl", "graph.trig")}


def test_two_processes_write_the_same_bytes_as_one(tmp_path, pages):
    one = build([pages], out=tmp_path / "one", viz=False, cache=False, jobs=1)
    two = build([pages], out=tmp_path / "two", viz=False, cache=False, jobs=2)
    assert files(tmp_path / "one") == files(tmp_path / "two")
    assert [p.uid for p in one.pages] == [p.uid for p in two.pages]
    assert [str(e) for e in one.errors] == [str(e) for e in two.errors] == [f"{pages / 'broken.txt'}: empty file"]


def test_jobs_with_the_cache(tmp_path, pages):
    out = tmp_path / "out"
    cold = build([pages], out=out, viz=False, jobs=2)
    # each seed is there twice: the second copy is counted as a duplicate, not as a page the cache kept
    assert (cold.cache_hits, cold.duplicates, cold.cache_misses) == (0, len(SEEDS), len(SEEDS))
    assert f"{len(SEEDS)} the same bytes as another page (built once)" in cold.summary()
    assert "unchanged since the last build" not in cold.summary()
    first = files(out)
    warm = build([pages], out=out, viz=False, jobs=2)
    assert (warm.cache_hits, warm.duplicates, warm.cache_misses) == (len(SEEDS), len(SEEDS), 0)
    assert files(out) == first
    build([pages], out=tmp_path / "plain", viz=False, cache=False)
    assert files(tmp_path / "plain") == first


def test_cli_jobs(tmp_path, pages):
    for n in ("1", "3"):
        proc = subprocess.run([sys.executable, "-m", "kg", "build", str(pages), "--out", str(tmp_path / n), "--jobs", n,
                               "--no-viz", "-q", "--no-cache"], capture_output=True, text=True, cwd=ROOT, timeout=600)
        assert proc.returncode == 1            # broken.txt
        assert proc.stderr.strip().splitlines() == [f"kg build: {pages / 'broken.txt'}: empty file"]
    assert files(tmp_path / "1") == files(tmp_path / "3")


def test_jobs_must_be_positive(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(SEEDS[0]), "--out", str(tmp_path), "--jobs", "0"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1 and "--jobs must be at least 1" in proc.stderr and "Traceback" not in proc.stderr
