"""External sort of quad keys: a build's quads go to disk in sorted runs and are merged at the end.

Pages hand their quad keys (kg.graph.nquads) to ``SortedRuns.add``; when the buffer holds ``limit``
keys it is sorted and spilled as two runs: the quad keys (the TriG / N-Quads order) and the N-Triples
lines of their triples (graph.ttl's order: the sorted, de-duplicated lines). ``write_nquads`` and
``write_ntriples`` merge the runs into one sorted, duplicate-free file each, which pyoxigraph then
re-serialises as TriG / Turtle and bulk-loads into the on-disk store. Memory: one buffer plus one small
chunk per run, whatever the corpus size.
"""
from __future__ import annotations

import heapq
import pickle
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator

from ..vocab import GOVKG, ORG, RDF
from .nquads import quad_line, triple_line

#: keys buffered before a spill (~300 bytes each)
DEFAULT_LIMIT = 250_000
#: records per pickled chunk in a run file (what a merge holds per run)
CHUNK = 2_000


def _write_run(path: Path, items: list) -> None:
    with open(path, "wb") as fh:
        for i in range(0, len(items), CHUNK):
            pickle.dump(items[i:i + CHUNK], fh, protocol=pickle.HIGHEST_PROTOCOL)


def _read_run(path: Path) -> Iterator:
    with open(path, "rb") as fh:
        while True:
            try:
                chunk = pickle.load(fh)
            except EOFError:
                return
            yield from chunk


def _unique(items: Iterable) -> Iterator:
    last = None
    for x in items:
        if x != last:
            yield x
            last = x


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
        keys = sorted(self.buffer)
        self.buffer = set()
        n = len(self.quad_runs)
        path = self.folder / f"quads-{n:05d}.run"
        _write_run(path, keys)
        self.quad_runs.append(path)
        lines = sorted({triple_line(k) for k in keys})
        del keys
        path = self.folder / f"triples-{n:05d}.run"
        _write_run(path, lines)
        self.triple_runs.append(path)

    def quads(self) -> Iterator[str]:
        """Every key once, sorted."""
        self.spill()
        return _unique(heapq.merge(*(_read_run(p) for p in self.quad_runs)))

    def triples(self) -> Iterator[str]:
        """Every triple's N-Triples line (no newline) once, sorted."""
        self.spill()
        return _unique(heapq.merge(*(_read_run(p) for p in self.triple_runs)))


def write_nquads(keys: Iterable[str], path: str | Path) -> int:
    n = 0
    with open(path, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as fh:
        batch: list[str] = []
        for k in keys:
            batch.append(quad_line(k))
            if len(batch) >= 10_000:
                fh.write("".join(batch))
                n += len(batch)
                batch = []
        fh.write("".join(batch))
        n += len(batch)
    return n


class TripleCounts:
    """Classes (rdf:type objects) and govkg/org properties of distinct triples, for a build's summary."""

    _TYPE = str(RDF.type)
    _OURS = (str(GOVKG._NS), str(ORG))

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


def write_ntriples(lines: Iterable[str], path: str | Path, counts: TripleCounts | None = None) -> int:
    n = 0
    add = counts.add if counts is not None else None
    with open(path, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as fh:
        batch: list[str] = []
        for line in lines:
            if add is not None:
                add(line)
            batch.append(line)
            if len(batch) >= 10_000:
                fh.write("\n".join(batch) + "\n")
                n += len(batch)
                batch = []
        if batch:
            fh.write("\n".join(batch) + "\n")
            n += len(batch)
    return n


def quad_text(keys: Iterable[str]) -> str:
    return "".join(quad_line(k) for k in keys)
