"""Cold `kg query officials` (a fresh process each time) on a synthetic graph: parsing graph.ttl vs
opening the build's graph.oxigraph/ store (issue 10, item 3).

    .venv/bin/python bench/cold_query.py                          # 1M and 10M triples
    .venv/bin/python bench/cold_query.py --triples 1000000 --runs 3

For each size: bench/synthetic.py writes DIR/graph.ttl (streamed); `kg query officials --graph DIR
--format csv` runs --runs times without a store (graph.ttl parsed into memory: the behaviour before),
then kg.export.store_for makes the store beside it (timed: a build pays this once) and the same
command runs again (store opened read-only). Wall time and peak RSS of each process (wait4); medians.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))


def timed(cmd: list[str]) -> tuple[float, float, int]:
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT)
    out = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"cold_query: {' '.join(cmd)} failed")
    return time.perf_counter() - t, usage.ru_maxrss / 1024, out.count(b"\n") - 1


def main() -> None:
    from kg.export import GRAPH_STORE, store_for
    from synthetic import PER_ARTICLE, write

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, nargs="*", default=[1_000_000, 10_000_000])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="govkg-coldq-"))
    cmd = [sys.executable, "-m", "kg", "query", "officials", "--format", "csv", "--graph"]
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    print("| triples | graph.ttl MB | make graph s | cold query, parse graph.ttl: s / peak MiB | "
          "make store s | cold query, open store: s / peak MiB | rows |")
    print("|---:|---:|---:|---|---:|---|---:|")
    try:
        for n in args.triples:
            d = work / f"g{n}"
            d.mkdir()
            t = time.perf_counter()
            write(n // PER_ARTICLE, str(d / "graph.ttl"))
            make_s = time.perf_counter() - t
            before = [timed(cmd + [str(d)]) for _ in range(args.runs)]
            t = time.perf_counter()
            store_for(d / "graph.ttl")
            store_s = time.perf_counter() - t
            after = [timed(cmd + [str(d)]) for _ in range(args.runs)]
            assert before[0][2] == after[0][2], "same rows either way"
            b_s, b_mb = statistics.median(x[0] for x in before), statistics.median(x[1] for x in before)
            a_s, a_mb = statistics.median(x[0] for x in after), statistics.median(x[1] for x in after)
            size = (d / "graph.ttl").stat().st_size / 1e6
            print(f"| {n:,} | {size:.0f} | {make_s:.0f} | {b_s:.2f} s / {b_mb:,.0f} | {store_s:.1f} | "
                  f"{a_s:.2f} s / {a_mb:,.0f} | {after[0][2]:,} |", flush=True)
            shutil.rmtree(d / GRAPH_STORE, ignore_errors=True)
            shutil.rmtree(d, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
