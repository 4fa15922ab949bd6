"""Interactive network pages (pyvis / vis-network) of a built graph: offline, safe, readable.

    from kg.viz import render_html, write_html
    write_html(store, "exports/network.html", focus="王家鹏", depth=2)

Pipeline: kg.graph.network.project -> kg.viz.select (focus, campaign, degree,
node cap) -> kg.viz.layout (positions) + kg.viz.details (panel) -> kg.viz.page (pyvis + template).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyoxigraph as ox

from .page import render_html

__all__ = ["render_html", "write_html"]


def write_html(store: ox.Store, path: str | os.PathLike, **kw) -> Path:
    """Render and write the page atomically (temp file in the same folder, then os.replace), UTF-8."""
    path = Path(path)
    html = render_html(store, **kw)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(html)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a page is for sharing
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
