"""Stage 7: write a build's outputs atomically (temp file or folder beside the target, then rename).

A failed or interrupted build never leaves a half-written file and never damages the previous
exports: the old files stay in place until every new one is complete, then all are renamed in.

What a build writes into OUT:
  graph.ttl        plain Turtle: every triple once (named graphs merged), sorted as N-Triples lines
  graph.trig       TriG: the same with one named graph per article (provenance-keeping)
  graph.oxigraph/  an Oxigraph store of graph.ttl's triples, ready to query (kg.graph.store.open_graph);
                   it records which graph.ttl it was loaded from, so a replaced graph.ttl is never
                   answered from a stale store
The two files are re-serialised by pyoxigraph from sorted N-Quads / N-Triples files that
kg.graph.runs merged on disk: nothing holds the whole graph in memory.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from .errors import KgError
from .vocab import PREFIXES

GRAPH_TTL = "graph.ttl"
GRAPH_TRIG = "graph.trig"
ONTOLOGY_TTL = "ontology.ttl"   # the govkg ontology beside the graph: exports describe themselves
GRAPH_STORE = "graph.oxigraph"
NETWORK_HTML = "network.html"
#: inside the store folder: size and mtime of the graph.ttl it holds
STORE_STAMP = "govkg-source.json"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_paths(*targets: str | Path, folders: tuple[str | Path, ...] = ()):
    """Yield temporary paths beside each target (files, then ``folders``: empty temp directories).

    On success each replaces its target (files in one rename each; a folder by moving the old one
    aside, renaming the new one in, then deleting the old), in the order given; on any failure the
    temporaries are removed and the targets are untouched."""
    temps: list[tuple[Path, Path, bool]] = []
    try:
        for target in targets:
            target = Path(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            os.close(fd)
            temps.append((Path(tmp), target, False))
        for target in folders:
            target = Path(target)
            target.parent.mkdir(parents=True, exist_ok=True)
            temps.append((Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)),
                          target, True))
        yield [t for t, _target, _is_dir in temps]
        mode = 0o666 & ~_umask()          # mkstemp makes 0600; give the usual permissions
        for tmp, target, is_dir in temps:
            if is_dir:
                os.chmod(tmp, (0o777 & ~_umask()))
                old = None
                if target.exists():
                    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
                    os.replace(target, old / "x")
                os.replace(tmp, target)
                if old is not None:
                    shutil.rmtree(old, ignore_errors=True)
            else:
                os.chmod(tmp, mode)
                os.replace(tmp, target)
    except BaseException:
        for tmp, _target, is_dir in temps:
            if is_dir:
                shutil.rmtree(tmp, ignore_errors=True)
            else:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
        raise


@contextmanager
def atomic_path(path: str | Path):
    """Yield a temporary path beside ``path``; on success it replaces ``path`` in one rename."""
    with atomic_paths(path) as (tmp,):
        yield tmp


def write_bytes(path: str | Path, data: bytes) -> Path:
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_text(path: str | Path, text: str) -> Path:
    return write_bytes(path, text.encode("utf-8"))


def serialize_file(src: str | Path, src_format: ox.RdfFormat, dst: str | Path, dst_format: ox.RdfFormat,
                   lenient: bool = False) -> None:
    """Re-serialise an RDF file with the project's prefixes, streaming (pyoxigraph reads and writes).
    ``lenient``: skip IRI validation, for files a build wrote itself (its IRIs are percent-escaped
    by kg.graph.iris, entity and page IRIs checked where they are made); ~30% faster."""
    ox.serialize(ox.parse(path=str(src), format=src_format, lenient=lenient), output=str(dst), format=dst_format,
                 prefixes=PREFIXES)


def stamp_of(path: str | Path) -> dict:
    st = os.stat(path)
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns}


#: run by ``sys.executable -c`` with (RDF file, store folder, source file, stamp name, format): pyoxigraph
#: only, no kg import (that would cost rdflib's import time)
_LOAD_STORE = """
import itertools, json, os, sys
import pyoxigraph as ox
data, folder, source, stamp, fmt, lenient = sys.argv[1:]
store = ox.Store(folder)
if fmt == "N_TRIPLES":
    # line-based: loaded 250,000 lines at a time (the bulk loader holds a whole input in memory:
    # 1.6 GB for 2M triples at once, 0.3 GB in chunks, and no slower)
    with open(data, "rb") as fh:
        while True:
            chunk = b"".join(itertools.islice(fh, 250_000))
            if not chunk:
                break
            store.bulk_load(input=chunk, format=ox.RdfFormat.N_TRIPLES, lenient=lenient == "1")
else:
    store.bulk_load(path=data, format=getattr(ox.RdfFormat, fmt), lenient=lenient == "1")
store.flush()
del store
st = os.stat(source)
with open(os.path.join(folder, stamp), "w", encoding="utf-8") as fh:
    json.dump({"graph.ttl": {"size": st.st_size, "mtime_ns": st.st_mtime_ns}}, fh)
"""


class StoreLoader:
    """Bulk-load an RDF file (``fmt``: a pyoxigraph RdfFormat name) into an Oxigraph store in
    ``folder``, stamped with ``source``'s size and mtime (the graph.ttl it equals; see stamp_of).

    Runs in a child process, started by the constructor and awaited by ``wait()`` (so the caller can
    write other files meanwhile, on another core). A child because RocksDB starts background threads
    that outlive the store, and a process that forks after that (multiprocessing, a test harness, a
    server) deadlocks in its children. ``lenient``: skip IRI validation (for data pyoxigraph already
    parsed). When no child can be started, ``wait()`` returns False and no store is made."""

    def __init__(self, data: str | Path, folder: str | Path, source: str | Path, fmt: str = "N_TRIPLES",
                 lenient: bool = False):
        import subprocess
        import sys

        self.folder = folder
        argv = [str(data), str(folder), str(source), STORE_STAMP, fmt, "1" if lenient else "0"]
        try:
            self.proc = subprocess.Popen([sys.executable, "-c", _LOAD_STORE, *argv], stdout=subprocess.DEVNULL,
                                         stderr=subprocess.PIPE, text=True)
        except OSError:
            # no interpreter this process may start (a sandbox, another user): no store, rather than a
            # load here (a forked process with RocksDB threads in its parent deadlocks); queries parse
            self.proc = None

    def wait(self) -> bool:
        if self.proc is None:
            return False
        _out, err = self.proc.communicate()
        if self.proc.returncode != 0:
            lines = err.strip().splitlines() or ["no message"]
            raise KgError(f"{self.folder}: cannot load the store: {lines[-1]}")
        return True

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def store_for(ttl: str | Path) -> Path:
    """Make (or replace, atomically) the graph.oxigraph/ store beside an existing graph.ttl."""
    ttl = Path(ttl)
    with atomic_paths(ttl.parent / ".graph-for-store.nt", folders=(ttl.parent / GRAPH_STORE,)) as (nt, tmp):
        serialize_file(ttl, ox.RdfFormat.TURTLE, nt, ox.RdfFormat.N_TRIPLES)   # lines: loaded in chunks
        if not StoreLoader(nt, tmp, ttl, lenient=True).wait():
            raise KgError(f"{ttl.parent / GRAPH_STORE}: cannot start a process to load the store")
    (ttl.parent / ".graph-for-store.nt").unlink()
    return ttl.parent / GRAPH_STORE


def write_sorted(out_dir: str | Path, nquads: str | Path, ntriples: str | Path, store: bool = True,
                 seconds: dict | None = None) -> dict[str, Path]:
    """graph.ttl, graph.trig (and graph.oxigraph/) of sorted, duplicate-free N-Quads and N-Triples files.
    ``seconds``: where to add the time spent writing graph.ttl ("write"), graph.trig ("write") and the
    wait for the store ("store", the part of its load that TriG writing did not hide)."""
    from time import perf_counter

    seconds = seconds if seconds is not None else {}
    out = Path(out_dir)
    paths = {"turtle": out / GRAPH_TTL, "trig": out / GRAPH_TRIG}
    folders = (out / GRAPH_STORE,) if store else ()
    loader = None
    # everything made before anything is renamed in: a failure never leaves a new graph.ttl beside an
    # old graph.trig, nor a store of another graph
    with atomic_paths(paths["turtle"], paths["trig"], folders=folders) as temps:
        try:
            t = perf_counter()
            serialize_file(ntriples, ox.RdfFormat.N_TRIPLES, temps[0], ox.RdfFormat.TURTLE, lenient=True)
            if store:       # graph.ttl is complete (its stamp is taken from it): load while TriG is written
                os.chmod(temps[0], 0o666 & ~_umask())   # its final mode now: chmod later is no change
                loader = StoreLoader(ntriples, temps[2], temps[0], lenient=True)
            serialize_file(nquads, ox.RdfFormat.N_QUADS, temps[1], ox.RdfFormat.TRIG, lenient=True)
            seconds["write"] = seconds.get("write", 0) + perf_counter() - t
            t = perf_counter()
            loaded = loader.wait() if loader is not None else False
            seconds["store"] = seconds.get("store", 0) + perf_counter() - t
        except BaseException:
            if loader is not None:
                loader.kill()
            raise
    if loaded:
        paths["store"] = out / GRAPH_STORE
    elif store:
        shutil.rmtree(out / GRAPH_STORE, ignore_errors=True)    # empty: readers parse graph.ttl
    return paths


# ---------------------------------------------------------------- in-memory graphs (small, API)

def serialize_triples(quads: list[ox.Quad]) -> bytes:
    """Plain Turtle: every quad's triple (named graphs merged), in sorted N-Triples line order."""
    nt = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES)
    lines = sorted(set(nt.split(b"\n")))
    del nt
    if lines and lines[0] == b"":
        del lines[0]
    body = b"\n".join(lines)
    del lines
    return ox.serialize(ox.parse(input=body, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.TURTLE,
                        prefixes=PREFIXES)


def serialize_quads(quads: list[ox.Quad]) -> bytes:
    """TriG: the provenance-keeping export, one named graph per article."""
    return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)


def write_graph(out_dir: str | Path, quads: list[ox.Quad]) -> dict[str, Path]:
    """graph.ttl and graph.trig of an in-memory list of sorted quads (no store)."""
    out = Path(out_dir)
    ttl, trig = serialize_triples(quads), serialize_quads(quads)
    with atomic_paths(out / GRAPH_TTL, out / GRAPH_TRIG) as (t1, t2):
        t1.write_bytes(ttl)
        t2.write_bytes(trig)
    return {"turtle": out / GRAPH_TTL, "trig": out / GRAPH_TRIG}
