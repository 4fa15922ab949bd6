"""kg validate: check a built graph against the SHACL shapes; one line per problem."""
from __future__ import annotations

import argparse
import sys

DESCRIPTION = """\
Check a graph against the SHACL shapes of ontology/shapes.ttl (with the ontology's class hierarchy
mixed in, so an Official counts as a Person). Prints "conforms", or one line per problem:

  violation: id:post/… (focus label): org:member: post has no org:member [value: …]

Violations break the output contract and make the exit status 1; warnings (a fact without its
evidence sentence, an entity never mentioned) are printed but keep the status 0."""

EPILOG = """\
examples:
  kg validate                          # the build in exports/
  kg validate --graph out/graph.trig   # any graph file: .ttl .nt .nq .trig .jsonld
  kg validate --no-warnings | sort | uniq -c"""


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "validate", help="check the graph against the SHACL shapes",
        description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--graph", metavar="FILE|DIR", default=None,
                   help="graph file, or build folder holding graph.ttl (default: exports/)")
    p.add_argument("--shapes", metavar="FILE", default=None,
                   help="SHACL shapes file (default: ontology/shapes.ttl)")
    p.add_argument("--ontology", metavar="FILE", default=None,
                   help="ontology mixed into the data for class inheritance (default: ontology/govkg.ttl)")
    p.add_argument("--no-warnings", action="store_true", help="print violations only")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..graph.store import resolve_graph_path
    from ..validate import validate

    path = resolve_graph_path(args.graph)
    report = validate(path, shapes=args.shapes, ontology=args.ontology)
    shown = report.violations if args.no_warnings else report.results
    for problem in shown:
        print(problem)
    n_viol, n_warn = len(report.violations), len(report.warnings)
    if report.conforms:
        print("conforms" + (f" ({n_warn} warning{'s' * (n_warn != 1)})" if n_warn else ""))
    summary = (f"{path}: {report.triples} triples, {n_viol} violation{'s' * (n_viol != 1)}, "
               f"{n_warn} warning{'s' * (n_warn != 1)} ({report.seconds:.1f} s)")
    print(summary, file=sys.stderr)
    return 0 if report.conforms else 1
