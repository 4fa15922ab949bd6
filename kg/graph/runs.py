"""External sort of quad keys: a build's quads go to disk in sorted runs and are merged at the end.

Pages hand their quad keys (kg.graph.nquads) to ``SortedRuns.add``; when the buffer holds ``limit``
keys it is sorted and spilled as two runs: the quad keys (the TriG / N-Quads order) and the N-Triples
lines of their triples (graph.ttl's order: the sorted, de-duplicated lines). ``write_nquads`` and
``write_ntriples`` merge the runs into one sorted, duplicate-free file each, which pyoxigraph then
re-serialises as TriG / Turtle and bulk-loads into the on-disk store. Memory: one buffer plus one small
chunk per run, whatever the corpus size.

From the spill on, keys and lines are UTF-8 ``bytes``: UTF-8 orders byte strings as ``str`` orders
code points, so every sort and merge gives the same order, but bytes compare with memcmp (``str``
keys holding Chinese compare character by character: the sort was the costliest step), pickle
without re-encoding and go to the files as they are.
"""
from __future__ import annotations

import pickle
from bisect import bisect_right
from itertools import chain
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator

from ..vocab import GOVKG, ORG, RDF
from .nquads import quad_line_bytes, triple_lines_bytes

#: keys buffered before a spill (~300 bytes each)
DEFAULT_LIMIT = 250_000
#: records per pickled chunk in a run file (what a merge holds per run)
CHUNK = 2_000


def _write_run(path: Path, items: list) -> None:
    with open(path, "wb") as fh:
        for i in range(0, len(items), CHUNK):
            pickle.dump(items[i:i + CHUNK], fh, protocol=pickle.HIGHEST_PROTOCOL)


def _read_chunks(path: Path) -> Iterator[list]:
    with open(path, "rb") as fh:
        while True:
            try:
                chunk = pickle.load(fh)
            except EOFError:
                return
            if chunk:
                yield chunk


def merge_chunks(paths: list[Path]) -> Iterator[list]:
    """The union of sorted, duplicate-free runs as sorted, duplicate-free chunks.

    A chunk at a time rather than an item at a time (heapq.merge costs a Python step per item): the
    smallest of the runs' current chunk ends bounds a batch; everything up to it is cut from every run
    (bisect), sorted together (timsort merges the sorted pieces) and de-duplicated (dict.fromkeys keeps
    the first of equal neighbours). No item left in any run is <= the bound, so batches follow each other
    in order, and equal items of two runs fall in the same batch."""
    heads = []
    for path in paths:
        it = _read_chunks(path)
        chunk = next(it, None)
        if chunk is not None:
            heads.append([chunk, it])
    while heads:
        bound = min(h[0][-1] for h in heads)
        batch: list = []
        live = []
        for h in heads:
            chunk = h[0]
            k = bisect_right(chunk, bound)
            if k == 0:
                pass                     # nothing of this run is that small yet
            elif k == len(chunk):
                batch += chunk
                h[0] = next(h[1], None)
            else:
                batch += chunk[:k]
                h[0] = chunk[k:]
            if h[0] is not None:
                live.append(h)
        heads = live
        batch.sort()
        yield list(dict.fromkeys(batch)) if len(paths) > 1 else batch


class SortedRuns:
    def __init__(self, folder: str | Path, limit: int | None = None):
        self.folder = Path(folder)
        self.limit = limit or DEFAULT_LIMIT
        self.buffer: set[str] = set()
        self.quad_runs: list[Path] = []
        self.triple_runs: list[Path] = []

    def add(self, keys: set[str]) -> None:
        self.buffer |= keys
        if len(self.buffer) >= self.limit:
            self.spill()

    def spill(self) -> None:
        if not self.buffer:
            return
        keys = sorted([k.encode("utf-8") for k in self.buffer])
        self.buffer = set()
        n = len(self.quad_runs)
        path = self.folder / f"quads-{n:05d}.run"
        _write_run(path, keys)
        self.quad_runs.append(path)
        lines = sorted(triple_lines_bytes(keys))
        del keys
        path = self.folder / f"triples-{n:05d}.run"
        _write_run(path, lines)
        self.triple_runs.append(path)

    def quad_chunks(self) -> Iterator[list[bytes]]:
        """Every key once, sorted (UTF-8), in chunks."""
        self.spill()
        return merge_chunks(self.quad_runs)

    def triple_chunks(self) -> Iterator[list[bytes]]:
        """Every triple's N-Triples line (UTF-8, no newline) once, sorted, in chunks."""
        self.spill()
        return merge_chunks(self.triple_runs)

    def quads(self) -> Iterator[bytes]:
        return chain.from_iterable(self.quad_chunks())

    def triples(self) -> Iterator[bytes]:
        return chain.from_iterable(self.triple_chunks())


def write_nquads(chunks: Iterable[list[bytes]], path: str | Path) -> int:
    """The N-Quads file of sorted keys (in chunks, as merge_chunks gives them); returns their number."""
    n = 0
    with open(path, "wb", buffering=1 << 20) as fh:
        for chunk in chunks:
            fh.write(b"".join(map(quad_line_bytes, chunk)))
            n += len(chunk)
    return n


class TripleCounts:
    """Classes (rdf:type objects) and govkg/org properties of distinct triples, for a build's summary."""

    _TYPE = str(RDF.type)
    _OURS = (str(GOVKG._NS), str(ORG))
    _TYPE_B = _TYPE.encode()
    _OURS_B = tuple(o.encode() for o in _OURS)

    def __init__(self):
        self.classes: Counter = Counter()
        self.properties: Counter = Counter()
        self.triples = 0

    def add(self, line: str) -> None:
        self.triples += 1
        i = line.index("> <") + 3
        j = line.index("> ", i)
        p = line[i:j]
        if p == self._TYPE:
            if line[j + 2] == "<":
                self.classes[line[j + 3:-3].rsplit("#", 1)[-1]] += 1
        elif p.startswith(self._OURS):
            self.properties[p.rsplit("#", 1)[-1]] += 1

    def add_bytes(self, lines: list[bytes]) -> None:
        """``add`` of UTF-8 lines, a batch at a time (counted as bytes; local names decoded once)."""
        self.triples += len(lines)
        classes: Counter = Counter()
        properties: Counter = Counter()
        rdf_type, ours = self._TYPE_B, self._OURS_B
        for line in lines:
            i = line.index(b"> <") + 3
            j = line.index(b"> ", i)
            p = line[i:j]
            if p == rdf_type:
                if line[j + 2] == 60:    # "<": an IRI object
                    classes[line[j + 3:-3].rsplit(b"#", 1)[-1]] += 1
            elif p.startswith(ours):
                properties[p] += 1
        for name, n in classes.items():
            self.classes[name.decode("utf-8")] += n
        for p, n in properties.items():
            self.properties[p.rsplit(b"#", 1)[-1].decode("utf-8")] += n


def write_ntriples(chunks: Iterable[list[bytes]], path: str | Path, counts: TripleCounts | None = None) -> int:
    """The N-Triples file of sorted lines (in chunks); returns their number. ``counts``: counted too."""
    n = 0
    with open(path, "wb", buffering=1 << 20) as fh:
        for chunk in chunks:
            if counts is not None:
                counts.add_bytes(chunk)
            fh.write(b"\n".join(chunk) + b"\n")
            n += len(chunk)
    return n
