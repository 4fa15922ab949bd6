"""The WebGL view (sigma.js + graphology, vendored): for exploring big graphs, 20k nodes / 50k edges.

Same view selection, layout and side panel data as the vis-network page, in a more compact data block
(nodes and edges as arrays, classes and edge labels as indexes into tables). sigma draws every node and
edge with WebGL and shows labels as they fit: more of them the closer you zoom, never overlapping.
"""
from __future__ import annotations

import math

from . import assets
from .layout import layout
from .style import STYLES, edge_label_zh, style_of

#: the panel keeps fewer source sentences per node here: a page of 20k nodes stays a few MB
MAX_SENTENCES = 3
#: ...and only the best-connected nodes get them (one store query each); the others' panels point to
#: `kg viz --focus NAME`, whose page has them all
SOURCED_NODES = 2000


def webgl_data(view, info, order: list[str], labels: dict[str, str], curie) -> dict:
    g = view.graph
    ids = {n: i for i, n in enumerate(order)}
    pos = layout(g)
    keys = [s.key for s in STYLES]
    cls_index = {k: i for i, k in enumerate(keys)}
    nodes, details = [], []
    for n in order:
        d = g.nodes[n]
        st = style_of(d.get("cls", ""))
        deg = view.degree.get(n, 0)
        x, y = pos[n]
        copies = view.copies.get(n, 0)
        label = labels[n] + (f" ×{copies}" if copies else "")
        # [x, y (screen-like: down is +), size, class index, label, degree, sortable date]
        nodes.append([x, -y, round(min(2.5 + 1.6 * math.sqrt(deg), 18), 1), cls_index.get(st.key, len(keys) - 1),
                      label, deg, d.get("sort_date", "")])
        rec = info.nodes[n]
        details.append({"curie": curie(n), "aliases": list(d.get("aliases") or ()), "date": d.get("date", ""),
                        "copies": copies, **rec})
    edge_labels: list[str] = []
    label_index: dict[str, int] = {}
    edges = []
    for s, o, key, d in sorted(g.edges(keys=True, data=True), key=lambda e: (ids[e[0]], ids[e[1]], str(e[2]))):
        post = d.get("kind") == "post"
        text = d.get("label") if post else edge_label_zh(d.get("prop") or str(key))
        if text not in label_index:
            label_index[text] = len(edge_labels)
            edge_labels.append(text)
        edges.append([ids[s], ids[o], label_index[text], 1 if post else 0])
    return {"nodes": nodes, "edges": edges, "edgeLabels": edge_labels, "details": details,
            "classKeys": keys}


def scripts() -> list[str]:
    return [assets.graphology_js(), assets.sigma_js()]
