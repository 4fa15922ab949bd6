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
events and their participants, and a SUMMARY line; --json prints the same as JSON.

By default all gold files are pooled: right for pages of one corpus, whose people and bodies recur
across pages. --per-doc scores each gold file only against what the graph derives from the input
file named by its "doc" field (entities mentioned in that file's articles, posts, events and
relations derived from them) and sums the counts: right for a collection of independent articles,
where a name found in one article must not count for another."""

EPILOG = """\
examples:
  kg eval --gold gold/*.json                       # the build in exports/
  kg eval --gold gold/000.json --graph out/        # a build folder (its graph.ttl) or any graph file
  kg eval --gold gold/*.json --json | jq .summary
  kg eval --per-doc --gold gold/*.json --graph out/ # independent articles, each scored on its own"""


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "eval", help="score a graph against gold annotations",
        description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--gold", nargs="+", required=True, metavar="FILE", help="gold annotation files (JSON)")
    p.add_argument("--graph", nargs="+", default=None, metavar="FILE|DIR",
                   help="graph files or build folders, read together (default: exports/)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--per-doc", action="store_true",
                   help="score each gold file only against what the graph derives from its own input file "
                        "(its \"doc\"), and sum the counts")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..eval import evaluate, format_json, format_table

    import sys

    def warn(line):
        print(f"kg eval: warning: {line}", file=sys.stderr)

    from pathlib import Path

    from ..errors import missing_default

    if not args.graph and not Path("exports").exists():
        raise missing_default()
    report = evaluate(args.gold, args.graph or ["exports"], per_doc=args.per_doc, warn=warn)
    print(format_json(report) if args.json else format_table(report))
    return 0
