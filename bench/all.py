"""Every figure of issue 10 from one run at one commit: throughput, memory curve, long page, cold query,
network page, WebGL view.

    .venv/bin/python bench/all.py --log /tmp/bench-all.log          # the full run (~75 min, idle machine)
    .venv/bin/python bench/all.py --quick --log /tmp/bench-q.log    # the same steps at toy sizes (~2 min)

It runs the other bench scripts one after another, each in its own process, in the order least disturbed
by what came before (throughput first), and prints one Markdown report at the end:

1. throughput: `run.py --build-only --mb 50` (the build against jieba.posseg and rjieba.tag, same text);
2. long page: `long_page.py --reps 2000 10000 40000`;
3. cold `kg query officials`: `cold_query.py` at 1M triples (median of 3) and 10M triples (one run: a cold
   query of the 10M graph.ttl takes minutes);
4. network page: one `kg build` of the 20 MB corpus (~2.2M triples) with network.html, its share of the
   build; then `viz_scale.py webgl 20000 50000` in headless Chromium (skipped when Chromium is missing);
5. memory curve: `curve.py --mb 1 5 20 50 200` (last: the 200 MB build alone takes 40-80 min).

Run it from a checkout nobody edits meanwhile (an editable install imports the working tree). The log
holds every step's own output; the report cites the commit and the load average before and after each step.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from run import child_build, make_corpus  # noqa: E402

FULL = {"mb": 50, "reps": [2000, 10000, 40000], "triples": [(1_000_000, 3), (10_000_000, 1)], "viz_mb": 20,
        "webgl": (20000, 50000), "curve": [1, 5, 20, 50, 200]}
QUICK = {"mb": 1, "reps": [200, 1000], "triples": [(50_000, 1)], "viz_mb": 1, "webgl": (500, 1000),
         "curve": [0.5, 1]}


class Log:
    def __init__(self, path: Path | None):
        self.file = path.open("a", encoding="utf-8") if path else None

    def __call__(self, text: str) -> None:
        print(text, flush=True)
        if self.file:
            self.file.write(text + "\n")
            self.file.flush()


def step(log: Log, title: str, cmd: list[str]) -> tuple[str, float, float, float]:
    """Run one bench script; its output goes to the log as it comes. Returns (stdout, seconds, load before,
    load after)."""
    load0 = os.getloadavg()[0]
    log(f"\n## {title}\n$ {' '.join(cmd)}   (load {load0:.1f}, {time.strftime('%H:%M:%S')})")
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT,
                            env=dict(os.environ, PYTHONHASHSEED="0"))
    out = []
    for line in proc.stdout:
        out.append(line)
        log(line.rstrip("\n"))
    if proc.wait() != 0:
        log(f"!! {title}: exit {proc.returncode}")
    seconds = time.perf_counter() - t
    load1 = os.getloadavg()[0]
    log(f"({title}: {seconds:.0f} s, load {load0:.1f} -> {load1:.1f})")
    return "".join(out), seconds, load0, load1


def table_of(text: str) -> str:
    """The Markdown table lines a bench script printed."""
    return "\n".join(line for line in text.splitlines() if line.startswith("|"))


def after(text: str, heading: str) -> str:
    """What a bench script printed from ``heading`` on (its own Markdown report)."""
    return text[text.index(heading):] if heading in text else "(no report: see the log)"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="the same steps at toy sizes (a smoke test)")
    ap.add_argument("--log", metavar="FILE", type=Path, help="also append everything to FILE")
    ap.add_argument("--skip", nargs="*", default=[], choices=["throughput", "long", "cold", "viz", "curve"])
    args = ap.parse_args(argv)
    size = QUICK if args.quick else FULL
    log = Log(args.log)
    py = sys.executable
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    log(f"# bench/all.py at {commit}{' (uncommitted changes!)' if dirty else ''}, {time.strftime('%Y-%m-%d %H:%M')}, "
        f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    work = Path(tempfile.mkdtemp(prefix="govkg-all-"))
    report = [f"All figures below: one `bench/all.py{' --quick' if args.quick else ''}` run at commit {commit}, "
              f"{time.strftime('%Y-%m-%d')}."]
    try:
        if "throughput" not in args.skip:
            out, s, l0, l1 = step(log, "throughput", [py, "bench/run.py", "--build-only", "--mb", str(size["mb"])])
            report += [f"\n(throughput: load {l0:.1f} -> {l1:.1f})", after(out, "### Build throughput")]
        if "long" not in args.skip:
            out, s, l0, l1 = step(log, "long page", [py, "bench/long_page.py", "--reps", *map(str, size["reps"])])
            report += [f"\n### One long line, load {l0:.1f} -> {l1:.1f}\n", table_of(out)]
        if "cold" not in args.skip:
            report.append("\n### Cold `kg query officials`\n")
            for i, (n, runs) in enumerate(size["triples"]):
                out, s, l0, l1 = step(log, f"cold query {n:,}", [py, "bench/cold_query.py", "--triples", str(n),
                                                                 "--runs", str(runs)])
                lines = table_of(out).splitlines()
                report += (lines if i == 0 else lines[2:])
                report[-1] += f" (median of {runs}, load {l0:.1f} -> {l1:.1f})"
        if "viz" not in args.skip:
            corpus = work / "viz-corpus"
            make_corpus(corpus, int(size["viz_mb"] * 1e6))
            l0 = os.getloadavg()[0]
            log(f"\n## network page: kg build of {size['viz_mb']} MB with network.html")
            v = child_build(corpus, work / "viz-out", viz=True)
            log(json.dumps(v))
            report += [f"\n### network.html in a {size['viz_mb']} MB build ({v['triples']:,} triples, "
                       f"{v['quads']:,} quads), load {l0:.1f} -> {os.getloadavg()[0]:.1f}\n",
                       f"network.html {v['viz_s']:.1f} s of a {v['total_s']:.1f} s build = "
                       f"**{v['viz_s'] / v['total_s']:.1%}** (target <= 10%)."]
            shutil.rmtree(corpus, ignore_errors=True)
            shutil.rmtree(work / "viz-out", ignore_errors=True)
            if Path("/usr/bin/chromium").exists() and Path("/usr/bin/chromedriver").exists():
                n, e = size["webgl"]
                out, s, l0, l1 = step(log, "webgl", [py, "bench/viz_scale.py", "webgl", str(n), str(e),
                                                     str(work / "webgl.html")])
                try:
                    w = json.loads(out.strip().splitlines()[-1])
                    report += [f"\n### WebGL view, {w['nodes']:,} nodes / {w['edges']:,} edges (headless Chromium, "
                               f"SwiftShader), load {l0:.1f} -> {l1:.1f}\n",
                               f"Python (query + layout + page) {w['python_render_s']} s, page {w['page_mb']} MB; "
                               f"first frame {w['first_frame_ms']:,} ms; scripted pan/zoom until drawn "
                               f"{min(w['pan_zoom_frame_ms'])}-{max(w['pan_zoom_frame_ms'])} ms (sigma's JS "
                               f"{min(w['pan_zoom_js_ms'])}-{max(w['pan_zoom_js_ms'])} ms); real drag and wheel "
                               f"{', '.join(map(str, w['user_drag_wheel_ms']))} ms."]
                except (ValueError, IndexError, KeyError):
                    report.append("\n### WebGL view: failed (see the log)")
            else:
                report.append("\n### WebGL view: skipped (no /usr/bin/chromium; `make browser-deps`)")
        if "curve" not in args.skip:
            j = work / "curve.json"
            out, s, l0, l1 = step(log, "memory curve", [py, "bench/curve.py", "--mb", *map(str, size["curve"]),
                                                        "--json", str(j)])
            report += [f"\n### Memory and time against corpus size, load {l0:.1f} -> {l1:.1f} ({s / 60:.0f} min)\n",
                       table_of(out)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    log("\n# Report\n\n" + "\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
