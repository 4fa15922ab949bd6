"""kg viz: write the interactive network page of a built graph (offline, self-contained HTML)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import KgError


def add_parser(sub) -> None:
    p = sub.add_parser(
        "viz", help="write an interactive network page (HTML, works offline)",
        description="Write a self-contained HTML network of the graph: colour and shape by class, search "
                    "by name, class and date filters, labels that appear as you zoom, PNG export, click a "
                    "node for its posts and source sentences. Identical events (a corpus holding the same "
                    "article twice) are drawn once, marked ×N.")
    p.add_argument("--graph", metavar="FILE|DIR", help="graph file or build folder (default: exports/)")
    p.add_argument("--out", metavar="FILE", default="exports/network.html",
                   help="page to write (default: exports/network.html)")
    p.add_argument("--focus", metavar="NAME", help="show only the neighbourhood of this entity (name, alias or IRI)")
    p.add_argument("--depth", metavar="N", type=_count, default=None, help="hops around --focus (default: 1)")
    p.add_argument("--campaign", metavar="NAME", help="show one campaign, who is linked to it and its events")
    p.add_argument("--min-degree", metavar="N", type=_count, default=0, help="hide nodes with fewer neighbours")
    p.add_argument("--engine", choices=("auto", "vis", "webgl"), default="auto",
                   help="vis: vis-network page (edge labels, physics); webgl: sigma.js page for big graphs "
                        "(measured at 20,000 nodes / 50,000 edges: bench/RESULTS.md); auto (default): vis when the view has at "
                        "most 2,000 nodes, else webgl. kg build writes network.html the same way (auto)")
    p.add_argument("--max-nodes", metavar="N", type=_positive, default=None,
                   help="node cap; above it the most connected nodes are kept (default: 2000 for vis, "
                        "20000 for webgl and auto)")
    p.add_argument("--title", default=None, help="page heading (default: govkg network: <graph file>)")
    p.set_defaults(func=run)


def _count(s: str) -> int:
    try:
        n = int(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {s!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more: {n}")
    return n


def _positive(s: str) -> int:
    n = _count(s)
    if n == 0:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def run(args) -> int:
    from ..graph.store import load_store, resolve_graph_path
    from ..viz import write_html

    if args.depth is not None and not args.focus:
        raise KgError("--depth needs --focus NAME (the entity to centre on)", exit_code=2)
    path = resolve_graph_path(args.graph)
    store = load_store(path)
    out = Path(args.out)
    if out.is_dir():
        raise KgError(f"{out}: is a folder; give the page's file name (e.g. {out / 'network.html'})")
    title = args.title or f"govkg network: {path.name}"
    try:
        written = write_html(store, out, engine=args.engine, focus=args.focus, depth=1 if args.depth is None else args.depth, campaign=args.campaign,
                             min_degree=args.min_degree, max_nodes=args.max_nodes, title=title)
    except OSError as err:
        raise KgError(f"{out}: cannot write: {err.strerror or err}") from None
    print(written, file=sys.stdout)
    return 0
