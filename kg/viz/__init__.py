"""Interactive network pages of a built graph: offline, safe, readable, bounded at any graph size.

    from kg.viz import render_html, write_html
    write_html(store, "exports/network.html", focus="王家鹏", depth=2)    # store: any pyoxigraph Store
    write_html(store, "big.html", engine="webgl", max_nodes=20000)

Two views, one data path. kg.viz.select + kg.viz.summary ask the store (SPARQL) for the nodes to draw:
the most connected ones (degrees counted by the store), the --focus / --campaign neighbourhood, identical
events once; the whole graph is never projected into Python. kg.viz.layout places them, kg.viz.details
fills the side panel (a few source sentences per node), kg.viz.page writes the page:
  - engine="vis": vis-network (from the installed pyvis) up to 2,000 nodes: edge labels, physics toggle;
  - engine="webgl": sigma.js + graphology (static/vendor/, from npm) for big graphs, 20,000 nodes by default;
  - engine="auto" (the default, and what `kg build` writes as network.html): vis when the view has at
    most 2,000 nodes, else webgl. So a seed build gets the vis page, a big archive the WebGL one, in
    bounded time: ~6 s for 2M quads (bench/RESULTS.md, "Network page").
Class and edge names in Chinese come from the ontology (kg.names_zh).
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
