"""kg build: pages in, graph out."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = """\
Build the knowledge graph of newspaper pages.

PATH may be files or folders (searched recursively for *.txt). Pages may be UTF-8 (with or without
BOM), GB18030/GBK or UTF-16. Writes, atomically, into --out:
  graph.ttl        plain Turtle (entities, posts, events, relations, provenance)
  graph.trig       the same with one named graph per article (provenance-keeping)
  graph.oxigraph/  an Oxigraph store of graph.ttl's triples: kg query, stats, export, viz and serve
                   open it instead of parsing graph.ttl (while it matches graph.ttl)
  network.html     an interactive network view that works offline
  ontology.ttl     the govkg ontology (classes, properties), so the exports describe themselves
Pages stream through: each is extracted, resolved and written to sorted runs on disk, then freed, so
memory grows with the number of distinct entities, not with the corpus.
A file that cannot be read is reported on stderr (one line naming it); the others are still built,
and the exit status is 1.

examples:
  kg build                         # seeds/ -> exports/
  kg build pages/2020 --out out/   # a folder of pages
  kg build a.txt b.txt --jobs 2
  kg build seeds --out out/ --home 郑州市 --year 2020 --newspaper 郑州日报

The collection (what the pages share): a collection.toml in the pages' folder (or --collection FILE)
names the newspaper, its home area and the issue dates, so that 县工信局 on a page that names no county
is the paper's own county's, and 7月30日 gets its year (govkg:date):
  newspaper = "某县报"
  home = "祁连县"                 # a GB/T 2260 division name, or code = "632222"
  year = 2021                     # or, per file: dates = '(?P<year>\\d{4})(?P<month>\\d\\d)(?P<day>\\d\\d)'
  [issues]
  "p2.txt" = 2021-07-30           # one page's issue date
--newspaper, --home and --year set the same on the command line (over any description).
IRIs never depend on file names: a page is identified by its bytes (renaming a file changes nothing;
the same bytes under two names are one page, listed with both names).

Incremental: per-page extraction results are kept in DIR/.kgcache; a page whose bytes are unchanged is
not extracted again, a removed page's facts disappear, and the graph equals a full rebuild.
"""


def add_parser(sub) -> None:
    p = sub.add_parser("build", help="build the graph of newspaper pages", description=HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="*", metavar="PATH", default=["seeds"], help="files or folders (default: seeds/)")
    p.add_argument("--out", default="exports", metavar="DIR", help="output folder (default: exports/)")
    p.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="extract in N processes (same output)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary")
    p.add_argument("--no-viz", action="store_true", help="do not write network.html")
    p.add_argument("--no-store", action="store_true", help="do not write graph.oxigraph/ (queries then parse graph.ttl)")
    p.add_argument("--no-cache", action="store_true",
                   help="extract every page afresh (default: reuse DIR/.kgcache for pages whose bytes are unchanged)")
    p.add_argument("--collection", metavar="FILE",
                   help="the collection description for every page (default: each folder's collection.toml)")
    p.add_argument("--newspaper", metavar="NAME", default="", help="the newspaper the pages come from")
    p.add_argument("--home", metavar="AREA", default="",
                   help="the paper's own area (division name or code): what 县/市/区 mean when a page does not say")
    p.add_argument("--year", type=int, default=0, metavar="YYYY", help="the year of the issues (dates get it)")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..pipeline import build

    if args.jobs < 1:
        from ..errors import KgError
        raise KgError("--jobs must be at least 1")
    if args.paths == ["seeds"] and not Path("seeds").exists():
        from ..errors import missing_default
        raise missing_default("seeds")      # the default, relative to the working directory
    result = build(args.paths, out=args.out, jobs=args.jobs, quiet=args.quiet, viz=not args.no_viz,
                   cache=not args.no_cache, store=not args.no_store, collection=_collection(args))
    for err in result.errors:
        print(f"kg build: {err}", file=sys.stderr)
    if not result.pages:
        print("kg build: no page could be read; previous exports left untouched", file=sys.stderr)
        return 1
    if not args.quiet:
        print(result.summary())
    return 1 if result.errors else 0


def _collection(args):
    """--collection FILE for every page, else each folder's collection.toml; the options over either."""
    from .. import collection as col

    if args.year and not 1000 <= args.year <= 9999:
        from ..errors import KgError
        raise KgError(f"--year must be a four-digit year, not {args.year}")
    overrides = {"newspaper": args.newspaper, "home_name": args.home, "year": args.year}
    if args.collection:
        return col.with_options(col.load(args.collection), **overrides)
    if any(overrides.values()):
        col.with_options(None, **overrides)          # a wrong --home fails here, before any page is read
        from ..read import folders
        return col.Finder(folders(args.paths), overrides=overrides)
    return None
