"""The wheel carries what the installed commands read: the ontology (kg validate, kg stats) and queries."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_ontology_is_read_from_the_package():
    from kg import validate

    assert validate.ONTOLOGY_DIR.parent == Path(validate.__file__).resolve().parent
    assert validate.DEFAULT_SHAPES.is_file() and validate.DEFAULT_ONTOLOGY.is_file()


def test_wheel_ships_the_ontology(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                          capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {proc.stderr.strip().splitlines()[-1:]}")
    (wheel,) = tmp_path.glob("govkg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for f in ("kg/ontology/govkg.ttl", "kg/ontology/shapes.ttl"):
        assert f in names
        assert zipfile.ZipFile(wheel).read(f) == (ROOT / "ontology" / Path(f).name).read_bytes()
    assert any(n.startswith("kg/query/queries/") and n.endswith(".rq") for n in names)
