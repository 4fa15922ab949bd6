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
