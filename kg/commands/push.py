"""kg push: send the graph to a SPARQL server (SPARQL 1.1 Graph Store HTTP Protocol)."""
from __future__ import annotations

import argparse
import sys

DESCRIPTION = """\
Send a built graph to a SPARQL server over the SPARQL 1.1 Graph Store HTTP Protocol, in chunks.

URL is the server's Graph Store endpoint, for example
  Oxigraph   http://localhost:7878/store
  Fuseki     http://localhost:3030/DATASET/data
  GraphDB    http://localhost:7200/repositories/REPO/rdf-graphs/service
Named graphs are kept (one per article when a build folder's graph.trig is read): the first chunk of a
graph is PUT to URL?graph=IRI (replacing that graph, so pushing again is safe), later chunks are POSTed;
the default graph goes to URL?default. Failed requests (no connection, timeouts, 429, 5xx) are retried
with exponential backoff; anything else stops with one line saying which request failed and why.
Credentials may be given in the URL (http://user:password@host/...)."""

EPILOG = """\
examples:
  kg push http://localhost:7878/store                  # exports/graph.trig
  kg push http://localhost:3030/govkg/data --graph out/
  kg push http://localhost:7878/store --mode dataset --chunk 100000"""


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("push", help="send the graph to a SPARQL server (Graph Store Protocol)",
                              description=DESCRIPTION, epilog=EPILOG,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("url", metavar="URL", help="Graph Store endpoint of the server")
    p.add_argument("--graph", metavar="FILE|DIR", default=None,
                   help="build folder (its graph.trig) or graph file (default: exports/)")
    p.add_argument("--chunk", type=int, default=None, metavar="N", help="triples per request (default 20000)")
    p.add_argument("--mode", choices=("graphs", "dataset"), default="graphs",
                   help="graphs: PUT/POST per named graph (standard); dataset: POST N-Quads chunks to URL "
                        "(fewer requests; Oxigraph, Fuseki)")
    p.add_argument("--retries", type=int, default=5, metavar="N", help="attempts per request (default 5)")
    p.add_argument("--backoff", type=float, default=0.5, metavar="S",
                   help="first wait between attempts in seconds, doubling (default 0.5)")
    p.add_argument("--timeout", type=float, default=60.0, metavar="S", help="seconds to wait for an answer (default 60)")
    p.add_argument("--quiet", "-q", action="store_true", help="no summary")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..push import CHUNK_TRIPLES, push

    stats = push(args.graph, args.url, chunk=args.chunk or CHUNK_TRIPLES, mode=args.mode, retries=args.retries,
                 backoff=args.backoff, timeout=args.timeout)
    if not args.quiet:
        named = sum(1 for g in stats.graph_names if g)
        default = " and the default graph" if "" in stats.graph_names else ""
        print(f"pushed {stats.triples} triples in {named} named graphs{default} to {args.url}: "
              f"{stats.requests} requests, {stats.retries} retried, {stats.seconds:.1f} s", file=sys.stdout)
    return 0
