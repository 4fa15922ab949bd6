"""Assemble the page: pyvis holds the nodes, edges and options; our template inlines everything.

pyvis's own templates load Bootstrap (and, outside "in_line" mode, vis-network) from CDNs, write the
heading unescaped and switch tooltips to innerHTML when a title contains "href" (design/field-notes.md),
so only its data model is used here; the page is templates/network.html. All data travels as one JSON
block that the script parses and shows with textContent / vis-network text titles, never as HTML.
"""
from __future__ import annotations

import json
import math
import sys
from collections import Counter
from typing import Callable

import pyoxigraph as ox
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from ..vocab import PREFIXES
from . import assets
from ..errors import KgError
from . import webgl
from .details import MAX_SENTENCES, collect
from .layout import layout
from .select import View, choose
from .style import STYLES, edge_label_zh, style_of

FONT = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif"
_ENV = Environment(loader=FileSystemLoader(str(assets.HERE / "templates")),
                   autoescape=select_autoescape(default=True), keep_trailing_newline=True)
# text shown in the page: HTML-escaped, and a "://" in it written as an entity so no URL appears
_ENV.filters["text"] = lambda s: Markup(str(escape(s)).replace("://", ":&#47;&#47;"))


def curie(iri: str) -> str:
    """Short, scheme-free name for an IRI (full IRIs would be http(s) URLs in the page)."""
    for prefix, base in sorted(PREFIXES.items(), key=lambda kv: -len(kv[1])):
        if iri.startswith(base):
            return f"{prefix}:{iri[len(base):]}"
    return iri.split("://", 1)[-1]


def to_json(obj) -> str:
    """JSON safe inside <script>: no '<', '>', '&', line separators, and no literal '://'."""
    s = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for a, b in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                 ("\u2028", "\\u2028"), ("\u2029", "\\u2029"), ("://", ":\\/\\/")):
        s = s.replace(a, b)
    return s


def short(label: str, limit: int = 16) -> str:
    """Canvas label: long event and campaign names cut (the tooltip and panel carry the full text)."""
    return label if len(label) <= limit else label[: limit - 1] + "…"


def tooltip(label: str, cls: str, aliases: list[str], posts: list[str]) -> str:
    st = style_of(cls)
    lines = [label, f"{st.zh} {st.en}"]
    if aliases:
        lines.append("别名 aliases: " + "，".join(aliases[:6]) + (" …" if len(aliases) > 6 else ""))
    lines += ["职务 " + p for p in posts[:4]] + (["…"] if len(posts) > 4 else [])
    return "\n".join(lines)


def build_network(view: View, info) -> tuple["pyvis.network.Network", list[str]]:
    """pyvis Network of the view (ids are positions in the sorted node list)."""
    from pyvis.network import Network  # imports IPython: only pay for it when drawing

    g = view.graph
    order = sorted(g)
    ids = {n: i for i, n in enumerate(order)}
    pos = layout(g)
    net = Network(directed=True, cdn_resources="in_line", heading="")
    centres = set(view.centres)
    for n in order:
        d = g.nodes[n]
        st = style_of(d.get("cls", ""))
        deg = view.degree.get(n, 0)
        x, y = pos[n]
        rec = info.nodes[n]
        name = _shown_label(d.get("label") or curie(n), view.copies.get(n, 0))
        net.add_node(
            ids[n], label=short(name), shape=st.shape, x=x, y=y,
            size=round(min(10 + 4.5 * math.sqrt(deg), 48), 1),
            font={"size": 0.01},  # app.js places the labels that fit at the current zoom (none before)
            color={"background": st.color, "border": "#222222" if n in centres else st.color,
                   "highlight": {"background": st.color, "border": "#000000"},
                   "hover": {"background": st.color, "border": "#000000"}},
            borderWidth=2 if n in centres else 1,
            # a halo marks the focus / campaign node without hiding its fill (a thick border would)
            shadow={"enabled": True, "color": "rgba(0,0,0,0.55)", "size": 16, "x": 0, "y": 0}
            if n in centres else False,
            title=tooltip(name, d.get("cls", ""), list(d.get("aliases") or ()), rec["posts"]),
            cls=style_of(d.get("cls", "")).key,
        )
    pair_count: Counter = Counter()
    for s, o, key, d in sorted(g.edges(keys=True, data=True), key=lambda e: (ids[e[0]], ids[e[1]], str(e[2]))):
        name = d.get("label") or str(key)
        k = pair_count[frozenset((s, o))]
        pair_count[frozenset((s, o))] += 1
        post = d.get("kind") == "post" or str(key).startswith("post:")
        zh = name if post else edge_label_zh(d.get("prop") or name)
        smooth = {"enabled": True, "type": "curvedCW", "roundness": 0.15 * k} if k else {"enabled": False}
        net.add_edge(ids[s], ids[o], id=len(net.edges), label=zh, title=("post 职务: " if post else f"{name} ") + zh,
                     smooth=smooth, color="#c0392b" if post else "#8a96a3")
    net.options = options(len(order))
    return net, order


def options(n: int) -> dict:
    big = n > 400
    return {
        "autoResize": True,
        "physics": {"enabled": False},   # positions come from kg.viz.layout
        "layout": {"improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "multiselect": False, "navigationButtons": False},
        # labels: app.js sizes each one to ~13 px on screen where it does not overlap another
        "nodes": {"font": {"face": FONT, "size": 13, "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "scaling": {"label": {"maxVisible": 30, "drawThreshold": 4}}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "width": 1,
                  # edge labels are drawn for the hovered / selected node's edges only (app.js)
                  "font": {"face": FONT, "size": 0.01, "color": "#555555", "strokeWidth": 2, "align": "middle"},
                  "selectionWidth": 2},
    }


VIS_MAX = 2000      # the vis-network page up to this many nodes (labels, physics, edge labels)
WEBGL_MAX = 20000   # the WebGL page's default cap (measured interactive at 20k nodes / 50k edges)
ENGINES = ("auto", "vis", "webgl")


def render_html(store: ox.Store, *, engine: str = "auto", focus: str | None = None, depth: int = 1,
                campaign: str | None = None, min_degree: int = 0, max_nodes: int | None = None,
                title: str = "govkg network", warn: Callable[[str], None] | None = None) -> str:
    """A self-contained HTML page (no network requests) showing the store's entity network.

    ``engine``: "vis" (vis-network, at most ``max_nodes`` = 2,000 nodes by default), "webgl" (sigma.js,
    20,000 by default) or "auto": vis when the chosen view has at most 2,000 nodes, else webgl."""
    if engine not in ENGINES:
        raise KgError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})", exit_code=2)
    cap = max_nodes or (VIS_MAX if engine == "vis" else WEBGL_MAX)
    view = choose(store, focus=focus, depth=depth, campaign=campaign, min_degree=min_degree, max_nodes=cap)
    for note in view.notes:
        (warn or (lambda m: print(f"kg viz: {m}", file=sys.stderr)))(note)
    if engine == "auto":
        engine = "vis" if view.graph.number_of_nodes() <= VIS_MAX else "webgl"
    labels = {n: view.graph.nodes[n].get("label") or curie(n) for n in view.graph}
    order = sorted(view.graph)
    if engine == "vis":
        info = collect(store, labels)
    else:   # sources for the best-connected nodes only: one query each
        top = sorted(order, key=lambda n: (-view.degree.get(n, 0), n))[:webgl.SOURCED_NODES]
        info = collect(store, labels, max_sentences=webgl.MAX_SENTENCES, sourced=set(top))
    if engine == "webgl":
        data = webgl.webgl_data(view, info, order, labels, curie)
        libs, app = webgl.scripts(), assets.webgl_js()
        counts = Counter(data["classKeys"][n[3]] for n in data["nodes"])
        edge_count = len(data["edges"])
    else:
        net, order = build_network(view, info)
        counts = Counter(node["cls"] for node in net.nodes)
        libs, app = [assets.vis_js()], assets.app_js()
        data = {"nodes": net.nodes, "edges": net.edges, "options": net.options}
        edge_count = net.num_edges()
    ids = {n: i for i, n in enumerate(order)}
    classes = [{"key": s.key, "zh": s.zh, "en": s.en, "color": s.color, "glyph": s.glyph, "count": counts[s.key]}
               for s in STYLES if counts[s.key]]
    if engine == "vis":
        details = []
        for n in order:
            d, rec = view.graph.nodes[n], info.nodes[n]
            details.append({"label": _shown_label(labels[n], view.copies.get(n, 0)),
                            "cls": style_of(d.get("cls", "")).key, "curie": curie(n),
                            "aliases": list(d.get("aliases") or ()), "degree": view.degree.get(n, 0),
                            "date": d.get("sort_date", ""), "copies": view.copies.get(n, 0), **rec})
        data["details"] = details
    data.update({"classes": classes, "sentences": info.sentences, "articles": info.articles, "notes": view.notes,
                 "total": view.total, "centres": [ids[c] for c in view.centres if c in ids], "engine": engine})
    csp = ("default-src 'none'; img-src data: blob:; style-src 'unsafe-inline'; "
           f"script-src {' '.join(assets.csp_hash(js) for js in (*libs, app))}; base-uri 'none'; form-action 'none'")
    subtitle = (f"{len(order)} nodes · {edge_count} edges"
                + (f" (of {view.total} nodes)" if len(order) != view.total else ""))
    html = _ENV.get_template("network.html").render(
        title=title, subtitle=subtitle, notes=view.notes, csp=csp, css=assets.app_css(),
        libs=libs, app_js=app, data_json=to_json(data), classes=classes, engine=engine,
        dates=sorted({d for d in (view.graph.nodes[n].get("sort_date") for n in order) if d}))
    return html


def _shown_label(label: str, copies: int) -> str:
    return f"{label} ×{copies}" if copies > 1 else label
