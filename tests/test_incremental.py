"""Incremental builds: unchanged pages come from OUT/.kgcache, and the graph equals a full rebuild."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kg.pipeline as pipeline
from kg.cache import CACHE_DIR, PageCache
from kg.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def outputs(out: Path) -> tuple[bytes, bytes]:
    return (out / "graph.ttl").read_bytes(), (out / "graph.trig").read_bytes()


@pytest.fixture
def pages(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    for s in SEEDS[:3]:
        shutil.copy(s, folder / s.name)
    return folder


@pytest.fixture
def counted(monkeypatch):
    """Counts pages that really go through extraction."""
    calls: list[str] = []
    real = pipeline.process_page

    def counting(page):
        calls.append(Path(page.path).name)
        return real(page)

    monkeypatch.setattr(pipeline, "process_page", counting)
    return calls


def test_second_build_reuses_every_page_and_writes_the_same_bytes(tmp_path, pages, counted):
    out = tmp_path / "out"
    first = build([pages], out=out, viz=False)
    assert (first.cache_hits, first.cache_misses) == (0, 3)
    before = outputs(out)
    counted.clear()
    second = build([pages], out=out, viz=False)
    assert counted == []                      # nothing re-extracted
    assert (second.cache_hits, second.cache_misses) == (3, 0)
    assert outputs(out) == before


def test_changed_added_and_removed_pages_equal_a_full_rebuild(tmp_path, pages, counted):
    out = tmp_path / "out"
    build([pages], out=out, viz=False)
    removed = sorted(pages.iterdir())[0]
    removed_uid = removed.stem
    removed.unlink()                                           # a page removed
    changed = sorted(pages.iterdir())[0]
    changed.write_text(changed.read_text(encoding="utf-8").replace("。", "。\n", 3), encoding="utf-8")
    shutil.copy(SEEDS[4], pages / SEEDS[4].name)               # a page added
    counted.clear()
    inc = build([pages], out=out, viz=False)
    assert sorted(counted) == sorted([changed.name, SEEDS[4].name])
    assert (inc.cache_hits, inc.cache_misses) == (1, 2)
    full_out = tmp_path / "full"
    build([pages], out=full_out, viz=False, cache=False)
    assert outputs(out) == outputs(full_out)
    ttl = outputs(out)[0].decode("utf-8")
    assert f"article/{removed_uid}/" not in ttl and f"page/{removed_uid}" not in ttl   # its facts are gone
    assert not (full_out / CACHE_DIR).exists()


def test_same_bytes_under_another_name_reuse_the_entry_with_the_new_name(tmp_path, pages):
    out = tmp_path / "out"
    build([pages], out=out, viz=False)
    first = sorted(pages.iterdir())[0]
    first.rename(pages / ("renamed_" + first.name))
    inc = build([pages], out=out, viz=False)
    assert inc.cache_hits == 3
    full_out = tmp_path / "full"
    build([pages], out=full_out, viz=False, cache=False)
    assert outputs(out) == outputs(full_out)
    assert "renamed_" in outputs(out)[0].decode("utf-8")


def test_cache_is_pruned_to_the_last_build(tmp_path, pages):
    out = tmp_path / "out"
    build([pages], out=out, viz=False)
    sorted(pages.iterdir())[0].unlink()
    build([pages], out=out, viz=False)
    entries = list((out / CACHE_DIR).rglob("*.pkl"))
    assert len(entries) == 2


def test_a_new_extractor_fingerprint_invalidates_the_cache(tmp_path, pages, counted, monkeypatch):
    out = tmp_path / "out"
    build([pages], out=out, viz=False)
    before = outputs(out)
    monkeypatch.setattr(PageCache, "__init__", _with_fp("0" * 64))
    counted.clear()
    again = build([pages], out=out, viz=False)
    assert len(counted) == 3 and again.cache_hits == 0
    assert outputs(out) == before
    dirs = [d.name for d in (out / CACHE_DIR).iterdir()]
    assert dirs == ["0" * 24]                # the old fingerprint's entries were removed


def _with_fp(fp):
    real = PageCache.__init__

    def init(self, folder, fp_=None):
        real(self, folder, fp)
    return init


def test_damaged_cache_entry_is_ignored(tmp_path, pages, counted):
    out = tmp_path / "out"
    build([pages], out=out, viz=False)
    before = outputs(out)
    victim = sorted((out / CACHE_DIR).rglob("*.pkl"))[0]
    victim.write_bytes(b"not a pickle")
    counted.clear()
    build([pages], out=out, viz=False)
    assert len(counted) == 1
    assert outputs(out) == before


def test_fingerprint_covers_lexicons():
    from kg.cache import SOURCES

    assert "lexicons" in SOURCES and "extract" in SOURCES and "text" in SOURCES
