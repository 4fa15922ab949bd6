"""One page, one long line: time and peak memory of `kg build` as the page grows (issue 10, item 2).

    .venv/bin/python bench/long_page.py                       # 2,000 .. 40,000 repetitions
    .venv/bin/python bench/long_page.py --reps 1000 4000      # chosen sizes

The page repeats one invented news sentence (本报讯 区城管局局长王小明出席会议。, 18 characters) with no
line break: the shape of an archive pasted into one "article". Each size is built by `kg build`
(one process, no cache, no network.html) in a fresh child; wall time, CPU time (user + system, less
disturbed by other jobs on shared cores) and the child's peak RSS (wait4) are reported. Linear means
CPU seconds per 1,000 repetitions stays flat.
Target: 40,000 repetitions (720k characters) in < 60 s and < 1 GB.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCE = "本报讯 区城管局局长王小明出席会议。"
DEFAULT_REPS = [2_000, 5_000, 10_000, 20_000, 40_000]
KG = [sys.executable, "-m", "kg"]


def build_once(reps: int, work: Path) -> tuple[float, float, float]:
    pages = work / f"p{reps}"
    pages.mkdir()
    (pages / "long.txt").write_text(SENTENCE * reps + "\n", encoding="utf-8")
    t = time.perf_counter()
    proc = subprocess.Popen([*KG, "build", str(pages), "--out", str(work / f"o{reps}"), "--quiet",
                             "--no-cache", "--no-viz"], cwd=Path(__file__).resolve().parents[1])
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"long_page: build of {reps} repetitions failed")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reps", type=int, nargs="*", default=DEFAULT_REPS)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="govkg-longpage-"))
    try:
        print(f"load average at start: {os.getloadavg()[0]:.1f}")
        print("| repetitions | characters | wall s | CPU s | CPU s per 1,000 reps | peak MiB |")
        print("|---:|---:|---:|---:|---:|---:|")
        for reps in args.reps:
            s, cpu, mb = build_once(reps, work)
            print(f"| {reps:,} | {reps * len(SENTENCE):,} | {s:.1f} | {cpu:.1f} | {cpu / reps * 1000:.2f} | {mb:,.0f} |",
                  flush=True)
        print(f"load average at end: {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
