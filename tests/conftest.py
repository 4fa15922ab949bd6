"""Shared fixtures: the bundled seed pages and one build of them per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory):
    """The seeds built once into a temporary folder (graph.ttl, graph.trig, network.html)."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("seeds_build")
    result = build([str(SEEDS)], out=out, quiet=True)
    return result, out


# --- say so when the browser tests did not run (they skip without Chromium; CI installs it) -----------

def pytest_terminal_summary(terminalreporter):
    skipped = [r for r in terminalreporter.stats.get("skipped", []) if r.nodeid.startswith("tests/test_browser.py")]
    if not skipped:
        return
    reasons = sorted({_skip_reason(r) for r in skipped})
    terminalreporter.write_sep(
        "!", f"{len(skipped)} browser test(s) SKIPPED: the network page was not checked in Chromium", yellow=True)
    for reason in reasons:
        terminalreporter.write_line(f"  {reason}", yellow=True)


def _skip_reason(report) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)
