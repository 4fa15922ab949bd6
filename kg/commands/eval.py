"""kg eval: score a graph against gold annotations (precision, recall, F1 per type and relation)."""
from __future__ import annotations

import argparse

DESCRIPTION = """\
Score a built graph against gold annotations of the same pages. A gold file is JSON in the
project's gold format (docs/gold-format.md; one file per page: entities with names and aliases,
relations, events and their participants), so you can annotate your own pages and measure.
A malformed gold file is reported in one line naming the file and the first problem.

Entities match by name (rdfs:label or skos:altLabel equal to the gold name or an alias, after
normalising width, white space and quotes), each side at most once. Prints precision, recall and F1
per entity type, per relation (holdsPost with and without the title, conducts, serves, ...), for
events and their participants, and a SUMMARY line; --json prints the same as JSON."""

EPILOG = """\
examples:
  kg eval --gold gold/*.json                       # the build in exports/
  kg eval --gold gold/000.json --graph out/        # a build folder (its graph.ttl) or any graph file
  kg eval --gold gold/*.json --json | jq .summary"""


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "eval", help="score a graph against gold annotations",
        description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--gold", nargs="+", required=True, metavar="FILE", help="gold annotation files (JSON)")
    p.add_argument("--graph", nargs="+", default=["exports"], metavar="FILE|DIR",
                   help="graph files or build folders, read together (default: exports/)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..eval import evaluate, format_json, format_table

    report = evaluate(args.gold, args.graph)
    print(format_json(report) if args.json else format_table(report))
    return 0
