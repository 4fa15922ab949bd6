"""Network page at scale: time kg.viz on a replicated build, and the WebGL view in headless Chromium.

    .venv/bin/python bench/viz_scale.py replicate /tmp/seeds-out/graph.trig 300 /tmp/big-store
    .venv/bin/python bench/viz_scale.py page /tmp/big-store /tmp/network.html      # time write_html
    .venv/bin/python bench/viz_scale.py webgl 20000 50000 /tmp/webgl.html          # browser figures

`replicate` copies a build's quads N times as a replicated corpus would make them: articles, sentences,
pages and events get one IRI per copy, entities, posts and statements are shared (resolution merges
them), so hubs grow with the corpus as they do in a real archive.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from kg.vocab import ID

PER_COPY = tuple(str(ID) + k for k in ("article/", "sentence/", "event/", "page/"))


def _copy(term, r: int):
    if isinstance(term, ox.NamedNode):
        for base in PER_COPY:
            if term.value.startswith(base):
                return ox.NamedNode(f"{base}r{r:04d}_{term.value[len(base):]}")
    return term


def replicate(src: Path, copies: int, dest: Path) -> int:
    quads = list(ox.parse(path=str(src), format=ox.RdfFormat.TRIG))
    store = ox.Store(str(dest))
    for r in range(copies):
        store.bulk_extend(ox.Quad(_copy(q.subject, r), q.predicate, _copy(q.object, r),
                                  _copy(q.graph_name, r) if isinstance(q.graph_name, ox.NamedNode) else q.graph_name)
                          for q in quads)
    store.flush()
    return len(store)


def time_page(store_path: Path, out: Path, **options) -> dict:
    from kg.viz import write_html
    store = ox.Store.read_only(str(store_path))
    t0 = time.perf_counter()
    write_html(store, out, **options)
    return {"quads": len(store), "seconds": round(time.perf_counter() - t0, 2), "bytes": out.stat().st_size}


def main(argv: list[str]) -> int:
    cmd, *rest = argv
    if cmd == "replicate":
        t0 = time.perf_counter()
        n = replicate(Path(rest[0]), int(rest[1]), Path(rest[2]))
        print(f"{n} quads in {time.perf_counter() - t0:.1f} s")
    elif cmd == "page":
        opts = json.loads(rest[2]) if len(rest) > 2 else {}
        print(json.dumps(time_page(Path(rest[0]), Path(rest[1]), **opts)))
    else:
        raise SystemExit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
