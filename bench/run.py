"""govkg benchmark: build throughput vs jieba.posseg, peak memory, and load/query/export at 1M triples.

    .venv/bin/python bench/run.py              # full: >= 50 MB of pages, >= 1,000,000 triples (~15 min)
    .venv/bin/python bench/run.py --quick      # 5 MB, 100,000 triples (~2 min)
    .venv/bin/python bench/run.py --mb 20 --triples 500000 --json /tmp/bench.json

What it does, in one run:
1. corpus: the seed pages copied round-robin under new names (00000_000_x.txt, 00001_001_y.txt ...) into a
   temp folder until it holds --mb megabytes. Replicas have distinct file names, so every page gets its own
   article/sentence/statement IRIs; their entities merge across pages, as a real archive's would. Each
   replica also ends in a different run of blank lines (text unchanged), so no two share bytes.
2. build: `kg.pipeline.build` of that folder (graph.ttl + graph.trig + graph.oxigraph/, no network.html)
   in a fresh child process, one process, no cache; stage times (BuildResult.seconds) and the child's
   peak RSS (getrusage ru_maxrss; the store is bulk-loaded in a grandchild, reported separately).
3. segmenter baseline: a plain `jieba.posseg.lcut` of every page's text in this process (same text), and
   `rjieba.tag` for reference. The build/posseg ratio is the figure that counts.
4. 1M triples: pages replicated until their build yields >= --triples triples (page count calibrated on a
   small build), built in a child (peak RSS again); then, on its graph.ttl: load (pyoxigraph bulk load via
   kg.graph.store.load_store), each bundled named query (kg/query/queries/*.rq, via kg.query.engine),
   and each `kg export` format (kg.convert.export).
Prints a Markdown report (paste into bench/RESULTS.md) and optionally writes JSON.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

TARGETS = {
    "build_chars_per_s": 1_000_000,
    "load_s": 10.0,
    "query_s": 1.0,
    "peak_mb_1m": 2048,
}


# ---------------------------------------------------------------- corpus

def unique(data: bytes, n: int) -> bytes:
    """The page with a trailing run of blank lines and spaces that spells n in binary: the text (and so
    the graph) is unchanged, but no two replicas share bytes, so no cache or memo can reuse one for
    another (incremental builds key pages by content hash)."""
    return data + b"\n" + bytes(10 if bit == "1" else 32 for bit in format(n + 1, "b")) + b"\n"



def make_corpus(folder: Path, target_bytes: int, seeds: Path = SEEDS) -> tuple[int, int]:
    """Copy seed pages round-robin under distinct names until ``target_bytes``; returns (files, bytes)."""
    sources = sorted(seeds.glob("*.txt"))
    if not sources:
        sys.exit(f"bench: no *.txt pages in {seeds}")
    folder.mkdir(parents=True, exist_ok=True)
    datas = [(s.name, s.read_bytes()) for s in sources]
    n = total = 0
    while total < target_bytes:
        name, data = datas[n % len(datas)]
        page = unique(data, n)
        (folder / f"{n:05d}_{name}").write_bytes(page)
        total += len(page)
        n += 1
    return n, total


def make_pages(folder: Path, n_pages: int, seeds: Path = SEEDS) -> int:
    sources = sorted(seeds.glob("*.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for n in range(n_pages):
        src = sources[n % len(sources)]
        data = unique(src.read_bytes(), n)
        (folder / f"{n:05d}_{src.name}").write_bytes(data)
        total += len(data)
    return total


# ---------------------------------------------------------------- child: one build, measured

CHILD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from kg.pipeline import build
t_import = time.perf_counter() - t0
src, out = sys.argv[1], sys.argv[2]
cache = sys.argv[4] if len(sys.argv) > 4 and sys.argv[4] else False
viz = len(sys.argv) > 5 and sys.argv[5] == "viz"
t = time.perf_counter()
cpu0 = time.process_time()
result = build([src], out=out, jobs=int(sys.argv[3]), viz=viz, cache=cache)
total = time.perf_counter() - t
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB -> MiB (Linux)
peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
cpu_children = sum(resource.getrusage(resource.RUSAGE_CHILDREN)[:2])
sec = result.seconds
print(json.dumps({"cpu_s": time.process_time() - cpu0, "cpu_children_s": cpu_children, "import_s": t_import, "extract_s": sec["extract"], "resolve_s": sec["resolve"],
                  "quads_s": sec["quads"] + sec["runs"], "write_s": sec["merge"] + sec["write"],
                  "store_s": sec["store"], "viz_s": sec.get("viz", 0.0), "total_s": total, "chars": result.chars, "peak_mb": peak,
                  "peak_children_mb": peak_children, "quads": result.n_quads,
                  "triples": result.triple_counts.triples, "errors": len(result.errors)}))
"""


def child_build(src: Path, out: Path, jobs: int = 1, cache: Path | None = None, viz: bool = False) -> dict:
    env = dict(os.environ, PYTHONHASHSEED="0")
    proc = subprocess.run([sys.executable, "-c", CHILD, str(src), str(out), str(jobs), str(cache or ""),
                           "viz" if viz else ""],
                          capture_output=True,
                          text=True, env=env, cwd=ROOT)
    if proc.returncode != 0:
        sys.exit(f"bench: build of {src} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- segmenter baselines

def page_texts(folder: Path) -> list[str]:
    from kg.read import read_page
    return [read_page(p).raw for p in sorted(folder.glob("*.txt"))]


def posseg_pass(texts: list[str]) -> dict:
    import jieba
    import jieba.posseg as pseg

    jieba.setLogLevel(60)
    jieba.initialize()
    t, cpu = time.perf_counter(), time.process_time()
    tokens = 0
    for text in texts:
        tokens += len(pseg.lcut(text))
    dt = time.perf_counter() - t
    return {"s": dt, "cpu_s": time.process_time() - cpu, "tokens": tokens}


def rjieba_pass(texts: list[str]) -> dict | None:
    try:
        import rjieba
    except ImportError:
        return None
    rjieba.tag("预热")
    t, cpu = time.perf_counter(), time.process_time()
    tokens = sum(len(rjieba.tag(text)) for text in texts)
    return {"s": time.perf_counter() - t, "cpu_s": time.process_time() - cpu, "tokens": tokens}


# ---------------------------------------------------------------- 1M triples: load, query, export

def pick_name(store) -> str:
    """A person's label from the graph itself (most-mentioned official), to bind ?name."""
    q = """PREFIX govkg: <https://w3id.org/govkg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
           SELECT ?l (COUNT(?a) AS ?n) WHERE { ?p a govkg:Official ; rdfs:label ?l ; govkg:mentionedIn ?a }
           GROUP BY ?l ORDER BY DESC(?n) ?l LIMIT 1"""
    for row in store.query(q, use_default_graph_as_union=True):
        return row[0].value
    return "无名"


QUERY_CHILD = r"""
import json, statistics, sys, time
import pyoxigraph as ox
from kg.graph.store import load_store
from kg.query.engine import execute
from kg.query.engine import parse_params
from kg.query.named import get_query
from kg.query.safety import check_query
path, name, value, repeat = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
store = load_store(path)
q = get_query(name)
items = [f"{p}={value}" for p in q.params]        # as `kg query NAME --param p=value` binds them
languages = getattr(q, "languages", None)
params = parse_params(items, languages) if languages else parse_params(items)
checked = check_query(q.text)
times, rows = [], 0
for _ in range(repeat):
    t = time.perf_counter()
    res = execute(store, checked, params)
    if res.rows is not None:
        rows = sum(1 for _ in res.rows)
    elif res.triples is not None:
        rows = sum(1 for _ in res.triples)
    else:
        rows = int(bool(res.boolean))
    times.append(time.perf_counter() - t)
print(json.dumps({"first_s": times[0], "median_s": statistics.median(times), "rows": rows}))
"""


def time_queries(store, ttl: Path, repeat: int, timeout: float) -> list[dict]:
    """Each named query in its own process (so one that runs away can be stopped at ``timeout``)."""
    from kg.query.named import list_queries

    name = pick_name(store)
    out = []
    for q in list_queries():
        row = {"query": q.name, "params": {p: name for p in q.params}}
        try:
            proc = subprocess.run([sys.executable, "-c", QUERY_CHILD, str(ttl), q.name, name, str(repeat)],
                                  capture_output=True, text=True, cwd=ROOT, timeout=timeout)
            if proc.returncode == 0:
                row.update(json.loads(proc.stdout.strip().splitlines()[-1]))
            else:
                row.update({"first_s": float("nan"), "median_s": float("nan"), "rows": 0,
                            "error": proc.stderr.strip().splitlines()[-1][:200] if proc.stderr.strip() else "failed"})
        except subprocess.TimeoutExpired:
            row.update({"first_s": float("inf"), "median_s": float("inf"), "rows": 0,
                        "error": f"stopped after {timeout:.0f} s (load + {repeat} runs)"})
        log(f"  query {q.name}: {row['median_s']:.3f} s, {row['rows']} rows")
        out.append(row)
    return out


def time_exports(store, folder: Path, formats: list[str]) -> list[dict]:
    from kg.convert import export

    out = []
    for fmt in formats:
        path = folder / f"bench.{fmt}"
        t = time.perf_counter()
        export(store, fmt, path)
        out.append({"format": fmt, "s": time.perf_counter() - t, "mb": path.stat().st_size / 1e6})
        path.unlink()
    return out


def graph_phase(graph_dir: Path, repeat: int, formats: list[str], query_timeout: float) -> dict:
    from kg.graph.store import load_store

    ttl = graph_dir / "graph.ttl"
    t = time.perf_counter()
    store = load_store(ttl)
    load_s = time.perf_counter() - t
    n = len(store)
    t = time.perf_counter()
    trig_store = load_store(graph_dir / "graph.trig")
    load_trig_s = time.perf_counter() - t
    n_quads = len(trig_store)
    del trig_store
    return {"load_ttl_s": load_s, "triples": n, "load_trig_s": load_trig_s, "trig_quads": n_quads,
            "ttl_mb": ttl.stat().st_size / 1e6, "queries": time_queries(store, ttl, repeat, query_timeout),
            "exports": time_exports(store, graph_dir, formats)}


# ---------------------------------------------------------------- report

def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    libs = {}
    for dist in ("govkg", "pyoxigraph", "jieba", "rjieba", "rdflib", "charset-normalizer", "cpca"):
        try:
            libs[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            libs[dist] = "-"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": mem, "python": platform.python_version(),
            "load_start": os.getloadavg()[0],
            "os": f"{platform.system()} {platform.release()}", "libs": libs, "commit": commit}


def verdict(ok: bool) -> str:
    return "met" if ok else "**NOT met**"


def report(r: dict) -> str:
    b, g, m = r["build"], r.get("graph"), r["machine"]
    cps = b["chars"] / b["total_s"]
    lines = [
        f"Run {r['date']} ({r['mode']} mode), commit {m['commit']}. Machine: {m['cpu']}, {m['cores']} cores, "
        f"{m['memory']}; Python {m['python']}, {m['os']}. Load average (1 min) at start "
        f"{m['load_start']:.1f}, at end {r.get('load_end', float('nan')):.1f} (other jobs share these cores: "
        f"above {m['cores']} the figures are slowed down).",
        "Libraries: " + ", ".join(f"{k} {v}" for k, v in m["libs"].items()) + ".",
        "",
        f"### Build throughput ({r['corpus']['files']} pages, {r['corpus']['bytes'] / 1e6:.1f} MB, "
        f"{b['chars']:,} characters, one process)",
        "| | seconds | chars/s | pages/s | vs jieba.posseg |",
        "|---|---:|---:|---:|---:|",
    ]
    ps = r["posseg"]
    p_cps = b["chars"] / ps["s"]
    lines.append(f"| `kg` build end to end (read .. graph.ttl + graph.trig written) | {b['total_s']:.1f} | "
                 f"{cps:,.0f} | {r['corpus']['files'] / b['total_s']:,.1f} | {cps / p_cps:.2f}x |")
    for stage in ("extract", "resolve", "quads", "write", "store"):
        s = b.get(f"{stage}_s") or float("nan")
        lines.append(f"| - stage {stage} | {s:.1f} | {b['chars'] / s:,.0f} | | |")
    lines.append(f"| plain `jieba.posseg.lcut` (same text) | {ps['s']:.1f} | {p_cps:,.0f} | "
                 f"{r['corpus']['files'] / ps['s']:,.1f} | 1.00x |")
    if r.get("rjieba"):
        rj = r["rjieba"]
        lines.append(f"| `rjieba.tag` (reference) | {rj['s']:.1f} | {b['chars'] / rj['s']:,.0f} | "
                     f"{r['corpus']['files'] / rj['s']:,.1f} | {ps['s'] / rj['s']:.2f}x |")
    if b.get("cpu_s") and ps.get("cpu_s"):
        # CPU seconds: less disturbed than wall time when other jobs share the cores
        b_cps, p_cpu = b["chars"] / b["cpu_s"], ps["cpu_s"]
        lines += ["", "In CPU seconds (user + system of each process):", "",
                  "| | CPU s | chars/s | vs jieba.posseg |", "|---|---:|---:|---:|",
                  f"| `kg` build, main process | {b['cpu_s']:.1f} | {b_cps:,.0f} | "
                  f"{b_cps / (b['chars'] / p_cpu):.2f}x |",
                  f"| `kg` build, store loader child | {b.get('cpu_children_s', float('nan')):.1f} | | |",
                  f"| plain `jieba.posseg.lcut` | {p_cpu:.1f} | {b['chars'] / p_cpu:,.0f} | 1.00x |"]
        if r.get("rjieba") and r["rjieba"].get("cpu_s"):
            rj = r["rjieba"]["cpu_s"]
            lines.append(f"| `rjieba.tag` | {rj:.1f} | {b['chars'] / rj:,.0f} | {p_cpu / rj:.2f}x |")
    if g is None:    # --build-only
        lines += ["", f"Triples produced: {b['triples']:,} ({b['quads']:,} quads in graph.trig). "
                      f"Peak memory of that build: {b['peak_mb']:,.0f} MiB."]
        return "\n".join(lines)
    lines += [
        "",
        f"Triples produced: {b['triples']:,} ({b['quads']:,} quads in graph.trig). "
        f"Peak memory of that build: {b['peak_mb']:,.0f} MiB (store loader child: "
        f"{b.get('peak_children_mb', float('nan')):,.0f} MiB).",
        "",
        f"### Graph of {g['triples']:,} triples ({r['graph_build']['files']} replicated pages built; "
        f"graph.ttl {g['ttl_mb']:.0f} MB)",
        f"Build: {r['graph_build']['total_s']:.1f} s, peak memory {r['graph_build']['peak_mb']:,.0f} MiB. "
        f"Load graph.ttl: {g['load_ttl_s']:.2f} s; load graph.trig ({g['trig_quads']:,} quads): "
        f"{g['load_trig_s']:.2f} s.",
        "",
        "| query | params | first run s | median s | rows |",
        "|---|---|---:|---:|---:|",
    ]
    for q in g["queries"]:
        params = ", ".join(f"{k}={v}" for k, v in q["params"].items())
        note = f" ({q['error']})" if q.get("error") else ""
        lines.append(f"| {q['query']} | {params} | {q['first_s']:.3f} | {q['median_s']:.3f}{note} | {q['rows']:,} |")
    if r.get("jobs2"):
        one, two, cold, warm = r["graph_build"], r["jobs2"], r["cache_cold"], r["cache_warm"]
        n = r["graph_build"]["files"]
        lines += ["", f"Same {n} pages, other ways (extract stage / whole build, seconds):", "",
                  "| build | extract s | total s | pages/s (total) |", "|---|---:|---:|---:|"]
        for label, b in (("one process, no cache", one), ("--jobs 2", two), ("cold cache (writes .kgcache)", cold),
                         ("warm cache (nothing changed)", warm)):
            lines.append(f"| {label} | {b['extract_s']:.1f} | {b['total_s']:.1f} | {n / b['total_s']:,.1f} |")
    lines += ["", "| export format | seconds | MB |", "|---|---:|---:|"]
    for e in g["exports"]:
        lines.append(f"| {e['format']} | {e['s']:.2f} | {e['mb']:.1f} |")
    worst = max(g["queries"], key=lambda q: q["median_s"] if q["median_s"] == q["median_s"] else float("inf"))
    lines += [
        "",
        "### Targets",
        "| target | measured | |",
        "|---|---|---|",
        f"| build >= 1,000,000 chars/s, one process | {cps:,.0f} chars/s | {verdict(cps >= TARGETS['build_chars_per_s'])} |",
        f"| load 1M triples <= 10 s | {g['load_ttl_s']:.2f} s ({g['triples']:,} triples) | "
        f"{verdict(g['load_ttl_s'] <= TARGETS['load_s'])} |",
        f"| each bundled query <= 1 s on 1M triples | slowest: {worst['query']} {worst['median_s']:.3f} s | "
        f"{verdict(all(q['median_s'] <= TARGETS['query_s'] for q in g['queries']))} |",
        f"| peak memory <= 2 GB for a 1M-triple build | {r['graph_build']['peak_mb']:,.0f} MiB | "
        f"{verdict(r['graph_build']['peak_mb'] <= TARGETS['peak_mb_1m'])} |",
    ]
    return "\n".join(lines)


# ---------------------------------------------------------------- main

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="5 MB corpus, 100,000-triple graph")
    ap.add_argument("--mb", type=float, help="corpus size in MB (default 50, quick 5)")
    ap.add_argument("--triples", type=int, help="graph size for load/query/export (default 1,000,000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per query (median reported)")
    ap.add_argument("--query-timeout", type=float, default=300, metavar="S",
                    help="stop a named query (load + runs) after S seconds and report it as not met")
    ap.add_argument("--formats", default="ttl,nt,trig,nq,jsonld,graphml,csv", help="export formats to time")
    ap.add_argument("--no-scale", action="store_true", help="skip the --jobs 2 and incremental (cache) builds")
    ap.add_argument("--build-only", action="store_true",
                    help="only the corpus build and the segmenter baselines (no 1M-triple graph phase)")
    ap.add_argument("--no-posseg", action="store_true", help="skip the jieba.posseg baseline (slow: ~40k chars/s)")
    ap.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (default: a temp dir, removed)")
    ap.add_argument("--json", metavar="FILE", help="also write the raw figures as JSON")
    args = ap.parse_args(argv)
    mb = args.mb or (5 if args.quick else 50)
    want_triples = args.triples or (100_000 if args.quick else 1_000_000)

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="govkg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    r: dict = {"date": time.strftime("%Y-%m-%d"), "mode": "quick" if args.quick else "full", "machine": machine()}
    try:
        corpus = work / "corpus"
        shutil.rmtree(corpus, ignore_errors=True)
        files, nbytes = make_corpus(corpus, int(mb * 1e6))
        r["corpus"] = {"files": files, "bytes": nbytes}
        log(f"corpus: {files} pages, {nbytes / 1e6:.1f} MB in {corpus}")

        log("build (one process) ...")
        r["build"] = child_build(corpus, work / "out-corpus")
        b = r["build"]
        log(f"  {b['total_s']:.1f} s, {b['chars'] / b['total_s']:,.0f} chars/s, {b['triples']:,} triples, "
            f"peak {b['peak_mb']:,.0f} MiB")

        texts = page_texts(corpus)
        if args.no_posseg:
            r["posseg"] = {"s": float("nan"), "tokens": 0}
        else:
            log("jieba.posseg pass over the same text ...")
            r["posseg"] = posseg_pass(texts)
            log(f"  {r['posseg']['s']:.1f} s")
        r["rjieba"] = rjieba_pass(texts)
        del texts

        if args.build_only:
            return _finish(r, args)
        # 1M triples: calibrate triples per page on a small build, then build enough pages
        per_page = b["triples"] / max(files, 1)
        n_pages = max(5, math.ceil(want_triples * 1.08 / per_page))
        graph_src = work / "graph-pages"
        shutil.rmtree(graph_src, ignore_errors=True)
        for attempt in range(3):
            make_pages(graph_src, n_pages)
            log(f"build of {n_pages} pages for a >= {want_triples:,}-triple graph ...")
            gb = child_build(graph_src, work / "out-graph")
            if gb["triples"] >= want_triples:
                break
            n_pages = math.ceil(n_pages * want_triples * 1.05 / max(gb["triples"], 1))
        gb["files"] = n_pages
        r["graph_build"] = gb
        log(f"  {gb['triples']:,} triples, {gb['total_s']:.1f} s, peak {gb['peak_mb']:,.0f} MiB")
        if not args.no_scale:
            log("same pages: --jobs 2, then a cold and a warm incremental build ...")
            r["jobs2"] = child_build(graph_src, work / "out-jobs2", jobs=2)
            cache = work / "cache"
            shutil.rmtree(cache, ignore_errors=True)
            r["cache_cold"] = child_build(graph_src, work / "out-cache", cache=cache)
            r["cache_warm"] = child_build(graph_src, work / "out-cache", cache=cache)
        log("load, queries, exports ...")
        r["graph"] = graph_phase(work / "out-graph", args.repeat, [f for f in args.formats.split(",") if f],
                                 args.query_timeout)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return _finish(r, args)


def _finish(r: dict, args) -> int:
    r["load_end"] = os.getloadavg()[0]
    text = report(r)
    print(text)
    if args.json:
        Path(args.json).write_text(json.dumps(r, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
