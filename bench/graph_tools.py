"""Time kg validate / export / stats on a synthetic graph (bench/synthetic.py) of a given size.

    .venv/bin/python bench/graph_tools.py 800      # 800 articles, ~50k triples
"""
from __future__ import annotations

import sys
import time

import pyoxigraph as ox

from kg.convert import FORMATS, serialize
from kg.stats import stats
from kg.validate import validate

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from synthetic import generate  # noqa: E402


def main(articles: int) -> None:
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in generate(articles))
    print(f"{articles} articles, {len(store)} triples")
    for fmt in FORMATS:
        t = time.perf_counter()
        size = len(serialize(store, fmt))
        print(f"export {fmt:<8} {time.perf_counter() - t:6.2f} s  {size / 1e6:6.1f} MB")
    t = time.perf_counter()
    stats(store)
    print(f"stats           {time.perf_counter() - t:6.2f} s")
    report = validate(store)
    print(f"validate        {report.seconds:6.2f} s  conforms={report.conforms} results={len(report.results)}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 800)
