"""Build time and peak memory against corpus size (issue 10, item 1): 1, 5, 20, 50, 200 MB.

    .venv/bin/python bench/curve.py                            # 1 5 20 50 200 MB, this tree
    .venv/bin/python bench/curve.py --mb 1 5 20 --old /tmp/src # also the same builds by another
                                                               # checkout's kg (PYTHONPATH=/tmp/src)

Corpus: bench/run.py's make_corpus (seed pages under distinct names, no two sharing bytes). Each build
is `kg.pipeline.build` (graph.ttl, graph.trig, graph.oxigraph/; no network.html; no cache; one process)
in a fresh child; peak memory is the child's ru_maxrss (the store loader runs in a grandchild: its
peak is reported apart). ``--old`` builds with an older tree's code for a before/after table (its
build API: extract_pages/resolve_pages/build_quads/write_graph, as bench/run.py used before).
Target: peak memory <= 1.5 GB at 200 MB, and not growing with the corpus beyond the entity registry.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import CHILD, ROOT, make_corpus  # noqa: E402

#: the build as the tree before streaming spelt it (for --old): everything in memory
OLD_CHILD = r"""
import json, resource, sys, time
from kg.pipeline import extract_pages
from kg.resolve import resolve_pages
from kg.graph.triples import build_quads
from kg.export import write_graph
src, out = sys.argv[1], sys.argv[2]
t = time.perf_counter(); errors = []
pages = extract_pages([src], errors=errors)
t_extract = time.perf_counter() - t
chars = sum(len(p.raw) for p in pages)
t1 = time.perf_counter(); resolver = resolve_pages(pages); t_resolve = time.perf_counter() - t1
t1 = time.perf_counter(); quads = build_quads(pages, resolver); t_quads = time.perf_counter() - t1
t1 = time.perf_counter(); write_graph(out, quads); t_write = time.perf_counter() - t1
total = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"extract_s": t_extract, "resolve_s": t_resolve, "quads_s": t_quads, "write_s": t_write,
                  "store_s": 0.0, "total_s": total, "chars": chars, "peak_mb": peak, "peak_children_mb": 0,
                  "quads": len(quads), "triples": len({q.triple for q in quads}), "errors": len(errors)}))
"""


def child(code: str, src: Path, out: Path, pythonpath: str | None = None) -> dict:
    env = dict(os.environ, PYTHONHASHSEED="0")
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    proc = subprocess.Popen([sys.executable, "-c", code, str(src), str(out), "1", ""], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=pythonpath or ROOT)
    stdout, stderr = proc.communicate()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)   # cumulative: the difference is this build's
    cpu = usage.ru_utime + usage.ru_stime - child.cpu
    child.cpu += cpu
    if proc.returncode != 0:
        return {"error": (stderr.strip().splitlines() or ["failed"])[-1][:300]}
    r = json.loads(stdout.strip().splitlines()[-1])
    r["cpu_s"] = cpu       # user + system of the build and its store loader: less disturbed by other jobs
    return r


child.cpu = 0.0


def row(label: str, mb: float, r: dict) -> str:
    if "error" in r:
        return f"| {label} | {mb:g} | failed: {r['error']} |"
    cps = r["chars"] / r["total_s"]
    return (f"| {label} | {mb:g} | {r['chars']:,} | {r['triples']:,} | {r['extract_s']:.1f} | {r['resolve_s']:.1f} | "
            f"{r['quads_s']:.1f} | {r['write_s']:.1f} | {r.get('store_s', 0):.1f} | {r['total_s']:.1f} | "
            f"{r.get('cpu_s', float('nan')):.1f} | {cps:,.0f} | "
            f"{r['peak_mb']:,.0f} | {r.get('peak_children_mb', 0):,.0f} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, nargs="*", default=[1, 5, 20, 50, 200])
    ap.add_argument("--old", metavar="SRC", help="also build with the kg package found in SRC (PYTHONPATH)")
    ap.add_argument("--old-max-mb", type=float, default=20, help="largest corpus built with --old (memory)")
    ap.add_argument("--json", metavar="FILE")
    ap.add_argument("--keep", metavar="DIR", help="work (and keep corpora) in DIR")
    args = ap.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="govkg-curve-"))
    work.mkdir(parents=True, exist_ok=True)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    print(f"commit {commit}; load average at start {os.getloadavg()[0]:.1f}; {time.strftime('%Y-%m-%d %H:%M')}")
    print("| build | MB | chars | triples | extract s | resolve s | quads s | write s | store s | total s | CPU s | "
          "chars/s | peak MiB | store loader MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    results = []
    try:
        for mb in args.mb:
            corpus = work / f"corpus-{mb:g}"
            if not corpus.is_dir():
                make_corpus(corpus, int(mb * 1e6))
            r = child(CHILD, corpus, work / "out")
            results.append({"mb": mb, "new": r})
            print(row("streaming", mb, r), flush=True)
            shutil.rmtree(work / "out", ignore_errors=True)
            if args.old and mb <= args.old_max_mb:
                r = child(OLD_CHILD, corpus, work / "out-old", args.old)
                results[-1]["old"] = r
                print(row("in memory (before)", mb, r), flush=True)
                shutil.rmtree(work / "out-old", ignore_errors=True)
            if not args.keep:
                shutil.rmtree(corpus, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"load average at end {os.getloadavg()[0]:.1f}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
