"""Incremental builds: per-page extraction results kept in OUT/.kgcache/, so an unchanged page is not
re-extracted.

A page's entry is keyed by the SHA-256 of its bytes, inside a folder named by a fingerprint of
everything that shapes extraction: govkg's version, the Python version, the source and data files of
kg.read / kg.text / kg.extract / kg.lexicons / kg.model / kg.pipeline (so editing a lexicon or a rule
invalidates the cache), and the versions of the libraries they call (division data, segmenter,
converter, detector). Only the per-page stages (read, normalise, segment, extract) are cached; resolution
across pages, triples and exports are redone from all current pages on every build, so a removed page's
facts disappear and the result equals a full rebuild.

After a successful build the cache is pruned to the pages of that build (and other fingerprints are
removed), so it never grows past one build's worth of pages. Entries are written atomically; a
damaged or unreadable entry is ignored (the page is extracted again).
"""
from __future__ import annotations

import hashlib
import pickle
import shutil
import sys
from functools import lru_cache
from importlib import metadata
from pathlib import Path

CACHE_DIR = ".kgcache"
#: package parts whose code or data decide what a page's extraction gives
SOURCES = ("read.py", "model.py", "pipeline.py", "text", "extract", "lexicons")
LIBRARIES = ("cpca", "rjieba", "opencc", "charset-normalizer", "python-crfsuite")


@lru_cache(maxsize=1)
def fingerprint() -> str:
    from . import __version__

    h = hashlib.sha256()
    h.update(f"govkg {__version__} python {sys.version_info[0]}.{sys.version_info[1]}\n".encode())
    for dist in LIBRARIES:
        try:
            h.update(f"{dist} {metadata.version(dist)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist} -\n".encode())
    pkg = Path(__file__).resolve().parent
    for part in SOURCES:
        p = pkg / part
        files = [p] if p.is_file() else sorted(f for f in p.rglob("*") if f.is_file() and "__pycache__" not in f.parts
                                                and f.suffix != ".pyc")
        for f in files:
            h.update(f.relative_to(pkg).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()


class PageCache:
    """Pickled ``Page`` objects (after extraction, before resolution) by content hash."""

    def __init__(self, folder: str | Path, fp: str | None = None):
        self.root = Path(folder)
        self.fp = fp or fingerprint()
        self.dir = self.root / self.fp[:24]
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0
        self.duplicates = 0    # pages with the same bytes as an earlier page of the same build

    def entry(self, content_hash: str) -> Path:
        return self.dir / content_hash[:2] / f"{content_hash}.pkl"

    def get(self, content_hash: str):
        try:
            with open(self.entry(content_hash), "rb") as fh:
                return pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception:  # a damaged entry (interrupted disk, other version): extract again
            return None

    def put(self, page) -> None:
        from .export import atomic_path

        try:
            with atomic_path(self.entry(page.content_hash)) as tmp, open(tmp, "wb") as fh:
                pickle.dump(page, fh, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def prune(self) -> None:
        """Keep only the entries this build used, under the current fingerprint."""
        if not self.root.is_dir():
            return
        for other in self.root.iterdir():
            if other.is_dir() and other != self.dir:
                shutil.rmtree(other, ignore_errors=True)
        if not self.dir.is_dir():
            return
        for sub in self.dir.iterdir():
            if not sub.is_dir():
                continue
            for f in sub.iterdir():
                if f.suffix != ".pkl" or f.stem not in self.used:
                    try:
                        f.unlink()
                    except OSError:
                        pass
            try:
                sub.rmdir()
            except OSError:
                pass  # not empty


def cached_process(path: str, cache_dir: str | None, fp: str | None, process):
    """Read ``path``; return (page, hit). The page comes from the cache when its bytes are known."""
    from .read import display_name, page_from_bytes, read_bytes

    name = display_name(path)
    data = read_bytes(path, name)
    content_hash = hashlib.sha256(data).hexdigest()
    cache = PageCache(cache_dir, fp) if cache_dir else None
    if cache is not None:
        page = cache.get(content_hash)
        if page is not None and getattr(page, "content_hash", None) == content_hash:
            page.path = name
            return page, True
    page = process(page_from_bytes(data, name))
    if cache is not None:
        cache.put(page)
    return page, False
