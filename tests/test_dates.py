"""Dates users can sort: an event whose page prints no year gets govkg:monthDay (xsd:gMonthDay)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_events_without_a_year_sort_by_month_and_day(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text("东湖区召开推进会\n\n本报讯 7月30日，东湖区召开城市管理推进会。\n", encoding="utf-8")
    (pages / "b.txt").write_text("东湖区召开调度会\n\n本报讯 7月6日，东湖区召开安全生产调度会。\n", encoding="utf-8")
    kg = [sys.executable, "-m", "kg"]
    subprocess.run(kg + ["build", str(pages), "--out", str(tmp_path / "out"), "--quiet"], check=True, cwd=ROOT)
    ttl = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    assert '"--07-06"^^xsd:gMonthDay' in ttl and '"--07-30"^^xsd:gMonthDay' in ttl
    assert "govkg:date " not in ttl                    # no guessed year
    out = subprocess.run(kg + ["query", "events", "--graph", str(tmp_path / "out"), "--format", "csv"],
                         check=True, cwd=ROOT, capture_output=True, text=True).stdout
    days = [line.split(",")[1] for line in out.splitlines()[1:] if line]
    assert days == ["--07-06", "--07-30"]
