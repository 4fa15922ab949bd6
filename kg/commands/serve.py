"""kg serve: a read-only SPARQL endpoint (SPARQL 1.1 Protocol), entity pages and the network page."""
from __future__ import annotations

import argparse
import os
import sys

DESCRIPTION = """\
Serve a built graph over HTTP:
  /sparql   SPARQL 1.1 Protocol (GET ?query=..., POST form or application/sparql-query); results by Accept
            (q-values honoured): application/sparql-results+json, +xml, text/csv, text/tab-separated-values;
            CONSTRUCT and DESCRIBE as text/turtle, application/ld+json, application/n-triples or
            application/rdf+xml; or ?format=json|xml|csv|tsv|turtle|jsonld|ntriples|rdfxml (or media
            types). Without a query: a query page with a results table for browsers, the SPARQL service
            description (Turtle, JSON-LD, N-Triples or RDF/XML) for programs
  /query/NAME?param=value
            a bundled query (kg query --list) with parameters bound as RDF terms, e.g.
            /query/entity?name=王家鹏&format=csv; /query lists them
  /id/...   one page per entity: https://w3id.org/govkg/id/person/示范区/王家鹏 is at /id/person/示范区/王家鹏
            (HTML for browsers, Turtle or JSON-LD by Accept), so IRIs resolve when mounted there
  /         the network page (kg viz)

Read-only and closed: updates, SERVICE, LOAD and FROM <remote> get HTTP 400 and nothing is fetched.
Each query runs in a worker process that is stopped when it exceeds --timeout (HTTP 503); results
larger than --max-results rows get HTTP 413. Binds to 127.0.0.1 unless --host says otherwise."""

EPILOG = """\
examples:
  kg serve                                  # exports/graph.ttl on http://127.0.0.1:8000/
  kg serve --graph out/graph.trig --port 3030 --timeout 10
  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s a govkg:Official }' \\
       http://127.0.0.1:8000/sparql
  curl -H 'Accept: text/turtle' http://127.0.0.1:8000/id/person/示范区/王家鹏
  curl http://127.0.0.1:8000/sparql                 # the service description"""


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("serve", help="SPARQL endpoint, entity pages and network page over HTTP",
                              description=DESCRIPTION, epilog=EPILOG,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--graph", metavar="FILE|DIR", action="append", default=None,
                   help="graph file or build folder holding graph.ttl (default: exports/); repeatable")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    p.add_argument("--timeout", type=float, default=30.0, metavar="S",
                   help="seconds a query may run before it is stopped (default: 30)")
    p.add_argument("--max-results", type=int, default=100_000, metavar="N",
                   help="most result rows (or triples) one query may return; 0 = no limit (default: 100000)")
    p.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1), metavar="N",
                   help="query worker processes, each holding the graph in memory (default: 2)")
    p.add_argument("--memory-limit", type=int, default=4096, metavar="MB",
                   help="address-space cap per worker, so a runaway query cannot exhaust the machine; "
                        "0 = none (default: 4096)")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..errors import KgError
    from ..graph.store import resolve_graph_path

    from pathlib import Path

    from ..errors import missing_default

    if not args.graph and not Path("exports").exists():
        raise missing_default()
    paths = [resolve_graph_path(g) for g in (args.graph or [None])]
    if args.timeout <= 0:
        raise KgError("--timeout must be more than 0 seconds")
    import uvicorn

    from ..serve import QueryPool, create_app

    print(f"kg serve: loading {', '.join(map(str, paths))} ...", file=sys.stderr)
    pool = QueryPool(paths, size=args.workers, memory_mb=args.memory_limit)
    pool.start()
    try:
        app = create_app(pool, timeout=args.timeout, max_results=args.max_results or None)
        config = uvicorn.Config(app, host=args.host, port=args.port, log_level="info", access_log=True)
        server = uvicorn.Server(config)
        host = f"[{args.host}]" if ":" in args.host else args.host
        print(f"kg serve: {pool.triples} triples, {pool.size} query workers; SPARQL endpoint at "
              f"http://{host}:{args.port}/sparql (Ctrl-C stops)", file=sys.stderr)
        server.run()
    finally:
        pool.close()
    return 0
