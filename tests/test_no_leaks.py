"""No name of the real measurement articles (../shared/eval/real-dev, third-party text) is in the product."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(not (ROOT.parent / "shared" / "eval" / "real-dev" / "gold").is_dir(),
                    reason="../shared/eval/real-dev is not here")
def test_no_real_article_name_in_code_lexicons_tests_or_docs():
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_leaks.py")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout
