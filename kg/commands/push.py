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
Credentials may be given in the URL (http://user:password@host/...).

Counts: what is sent is counted in quads (a statement in a graph); the same triple is often stated in
several article graphs, so the distinct triples are fewer, and only some quads are in the default
graph. A plain SELECT (COUNT(*) AS ?n) { ?s ?p ?o } on the server reads the default graph only,
unless the server makes it the union of the named graphs:
  Oxigraph   oxigraph serve --location DB --union-default-graph
  Fuseki     tdb2:unionDefaultGraph true in the dataset's configuration
On the union, COUNT(*) counts each triple once per graph stating it (the quads); count
{ SELECT DISTINCT ?s ?p ?o { ?s ?p ?o } } for the distinct triples. Where the server cannot be set so,
--union-copy also puts every distinct triple into the default graph (replacing it in the default
mode), so plain queries see everything; each triple is then stored twice.

--with-ontology also sends the govkg ontology (ontology/govkg.ttl, or FILE) into the named graph
https://w3id.org/govkg/ontology, so class hierarchy queries such as ?e a/rdfs:subClassOf* govkg:Event
work on the server (on the union default graph, or with --union-copy)."""

EPILOG = """\
examples:
  kg push http://localhost:7878/store                  # exports/graph.trig
  kg push http://localhost:3030/govkg/data --graph out/
  kg push http://localhost:7878/store --mode dataset --chunk 100000
  kg push http://localhost:7878/store --with-ontology  # the classes too: rdfs:subClassOf* works
  kg push http://localhost:3030/govkg/data --union-copy  # a server whose default graph is not the union"""


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
    p.add_argument("--union-copy", action="store_true",
                   help="also put every distinct triple into the default graph (for servers whose default graph "
                        "is not the union of the named graphs)")
    p.add_argument("--with-ontology", nargs="?", const="", default=None, metavar="FILE",
                   help="also send the ontology (default: ontology/govkg.ttl) into the graph "
                        "https://w3id.org/govkg/ontology")
    p.add_argument("--quiet", "-q", action="store_true", help="no summary")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..push import CHUNK_TRIPLES, default_ontology, push

    ontology = None if args.with_ontology is None else (args.with_ontology or default_ontology())
    stats = push(args.graph, args.url, chunk=args.chunk or CHUNK_TRIPLES, mode=args.mode, retries=args.retries,
                 backoff=args.backoff, timeout=args.timeout, union_copy=args.union_copy, ontology=ontology)
    if not args.quiet:
        print(summary(stats, args.url), file=sys.stdout)
    return 0


def summary(stats, url: str) -> str:
    """What was sent, in quads and distinct triples, and what a plain COUNT on the server will see."""
    named = sum(1 for g in stats.graph_names if g)
    lines = [f"pushed {stats.quads} quads ({stats.triples} distinct triples) in {named} named graphs"
             + (" and the default graph" if "" in stats.graph_names else "")
             + f" to {url}: {stats.requests} requests, {stats.retries} retried, {stats.seconds:.1f} s"]
    if stats.ontology:
        lines.append(f"  the ontology: {stats.ontology} triples in <https://w3id.org/govkg/ontology>")
    if stats.union_copy:
        lines.append(f"  the default graph holds a copy of all {stats.union_copy} distinct triples (--union-copy)")
    elif named:
        lines.append(f"  the default graph holds {stats.default_quads} of them: a plain COUNT on the server sees "
                     f"only those unless its default graph is the union of the named graphs "
                     f"(oxigraph serve --union-default-graph; or push with --union-copy)")
    return "\n".join(lines)
