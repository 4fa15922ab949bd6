"""kg export: write the graph as ttl, nt, trig, nq, jsonld, graphml or csv (deterministic, atomic)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

DESCRIPTION = """\
Export a built graph to another format. The same graph always gives byte-identical output, and files
are written atomically (a temporary file beside the target, then a rename).

formats:
  ttl      Turtle, all named graphs merged (plain triples, loadable by any RDF tool)
  nt       N-Triples, one sorted line per triple
  trig     TriG, named graphs kept (one per article when read from a build's graph.trig)
  nq       N-Quads, one sorted line per quad
  jsonld   JSON-LD with an @context of the project's prefixes (named graphs kept)
  graphml  the entity/event network (nodes: entities and events; edges: relations, event roles,
           and posts as person -> organization edges labelled with the title), for Gephi or yEd
  csv      one row per network edge:
           subject,subject_label,predicate,object,object_label,title,evidence"""

EPILOG = """\
examples:
  kg export --format nt                          # exports/graph.ttl -> exports/graph.nt
  kg export --format trig --out /tmp/g.trig      # reads exports/graph.trig when it exists
  kg export --format csv --out - | head          # to stdout
  kg export --format graphml --graph out/ --out out/network.graphml"""


def add_parser(subparsers) -> None:
    from ..convert import FORMATS

    p = subparsers.add_parser(
        "export", help="export the graph (ttl nt trig nq jsonld graphml csv)",
        description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--format", "-f", required=True, choices=FORMATS, metavar="FORMAT",
                   help="one of: " + ", ".join(FORMATS))
    p.add_argument("--graph", metavar="FILE|DIR", default=None,
                   help="graph file, or build folder (default: exports/); for trig, nq and jsonld a "
                        "folder's graph.trig is read when present, so named graphs survive")
    p.add_argument("--out", "-o", metavar="FILE", default=None,
                   help="output file, or - for stdout (default: graph.<ext> in the graph's folder)")
    p.add_argument("--with-ontology", action="store_true",
                   help="include the govkg ontology (classes, properties, labels; in its own named graph for "
                        "trig/nq/jsonld), so rdfs:subClassOf* queries work where the export is loaded")
    p.set_defaults(func=run)


def graph_source(arg: str | None, fmt: str) -> Path:
    """The file to read: a folder's graph.trig for dataset formats when it exists, else graph.ttl."""
    from ..convert import DATASET_FORMATS
    from ..export import GRAPH_TRIG
    from ..graph.store import resolve_graph_path

    folder = Path(arg) if arg else Path("exports")
    if fmt in DATASET_FORMATS and folder.is_dir() and (folder / GRAPH_TRIG).is_file():
        return folder / GRAPH_TRIG
    return resolve_graph_path(arg)


def run(args) -> int:
    from ..convert import EXTENSIONS, export, with_ontology
    from ..graph.store import load_store

    source = graph_source(args.graph, args.format)
    out = args.out if args.out is not None else source.parent / f"graph.{EXTENSIONS[args.format]}"
    store = load_store(source)
    if args.with_ontology:
        store = with_ontology(store)
    written = export(store, args.format, out)
    if written is not None:
        print(f"{written}: {args.format} from {source} ({len(store)} quads)", file=sys.stderr)
    return 0
