"""Stage 7: write outputs atomically (temp file in the same folder, then rename).

A failed or interrupted build never leaves a half-written file and never damages the previous
exports: the old file stays in place until the new one is complete.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from .vocab import PREFIXES

GRAPH_TTL = "graph.ttl"
GRAPH_TRIG = "graph.trig"
NETWORK_HTML = "network.html"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_path(path: str | Path):
    """Yield a temporary path beside ``path``; on success it replaces ``path`` in one rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o666 & ~_umask())   # mkstemp makes 0600; give the usual permissions
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_bytes(path: str | Path, data: bytes) -> Path:
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_text(path: str | Path, text: str) -> Path:
    return write_bytes(path, text.encode("utf-8"))


def serialize_triples(quads: list[ox.Quad]) -> bytes:
    """Plain Turtle: every quad's triple (named graphs merged), in the given (sorted) order."""
    # Sorted as N-Triples lines, in bytes: a line is "s p o ." and str(t) is "s p o", so line order is the
    # order of (str(s), str(p), str(o)) -- no term's text is a proper prefix of another's followed by a
    # character below the separating space -- and UTF-8 byte order is code point order. Rust writes and
    # re-reads the lines; Python only sorts bytes: faster and lighter than Triple objects and str keys.
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
    out = Path(out_dir)
    # both serialised before either is written: a failure in the second never leaves a new graph.ttl
    # beside an old graph.trig
    ttl, trig = serialize_triples(quads), serialize_quads(quads)
    paths = {
        "turtle": write_bytes(out / GRAPH_TTL, ttl),
        "trig": write_bytes(out / GRAPH_TRIG, trig),
    }
    return paths
