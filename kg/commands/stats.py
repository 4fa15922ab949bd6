"""kg stats: how many nodes of each class and triples of each property a graph holds."""
from __future__ import annotations

import argparse
import json
import sys

DESCRIPTION = """\
Count what a graph holds: a summary (entities, events, posts, articles, sentences, pages, reified
statements), nodes per class as asserted (a build states only the most specific class, e.g.
govkg:Official) and triples per property, each with its Chinese name from the ontology. A triple
stated in several named graphs counts once."""

EPILOG = """\
examples:
  kg stats                              # the build in exports/
  kg stats --graph out/graph.trig --json | python -m json.tool"""


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("stats", help="count nodes per class and triples per property",
                              description=DESCRIPTION, epilog=EPILOG,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--graph", metavar="FILE|DIR", default=None,
                   help="graph file, or build folder holding graph.ttl (default: exports/)")
    p.add_argument("--json", action="store_true", help="print the counts as JSON instead of a table")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..graph.store import load_store, resolve_graph_path
    from ..stats import format_table, stats

    path = resolve_graph_path(args.graph)
    counts = stats(load_store(path))
    if args.json:
        sys.stdout.write(json.dumps({"graph": str(path), **counts}, ensure_ascii=False, indent=1) + "\n")
    else:
        sys.stdout.write(format_table(counts, source=str(path)))
    return 0
