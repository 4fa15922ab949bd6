"""Shared fixtures: the bundled seed pages and one build of them per test session."""
from __future__ import annotations

from contextlib import contextmanager
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


# --- a live SPARQL endpoint over a graph, as `kg serve` starts it -------------------------------------

@contextmanager
def live_server(graphs, size: int = 1, **app_options):
    """Yield the base URL of a `kg serve` app (QueryPool of ``size`` over ``graphs``) on a free port."""
    import threading
    import time

    import uvicorn

    from kg.serve import QueryPool, create_app

    pool = QueryPool(list(graphs), size=size, memory_mb=2048)
    pool.start()
    srv = uvicorn.Server(uvicorn.Config(create_app(pool, **app_options), host="127.0.0.1", port=0,
                                        log_level="warning", lifespan="on"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not srv.started:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.05)
        yield f"http://127.0.0.1:{srv.servers[0].sockets[0].getsockname()[1]}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
        pool.close()


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
