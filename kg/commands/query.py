"""kg query: run SPARQL (text, a .rq file, or a bundled named query) over a built graph."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DESCRIPTION = """\
Run a read-only SPARQL query over a built graph and print the results.

QUERY is SPARQL text, a file (FILE.rq, or - for standard input), or the name of a bundled query
(kg query --list). The prefixes govkg: id: org: prov: schema: skos: rdf: rdfs: xsd: foaf: sem: dcterms:
owl: are predeclared. SERVICE, LOAD, updates and FROM <remote> are refused before anything runs.

Parameters are bound as RDF terms, never pasted into the query: --param name=王家鹏 binds ?name to the
plain literal "王家鹏" (bundled queries tag it @zh, as labels are). Write '"王家鹏"@zh' or
'"2020-03-20"^^xsd:date' for other literals, '<https://...>' or govkg:Official for IRIs. A parameter
must be a variable listed in SELECT (or use SELECT *).

SELECT results print as an aligned table (Chinese characters count two columns; long cells are cut,
see --width), or CSV, TSV, SPARQL 1.1 Results JSON or XML. CONSTRUCT/DESCRIBE print Turtle, or
--format ntriples, jsonld, rdfxml (json gives JSON-LD, xml RDF/XML; csv/tsv subject/predicate/object
rows); ASK prints true or false."""

EPILOG = """\
examples:
  kg query --list
  kg query officials
  kg query entity --param name=王家鹏
  kg query provenance --param name=王家鹏 --format csv > sources.csv
  kg query 'SELECT ?who ?title WHERE { ?p org:member ?m ; govkg:title ?title . ?m rdfs:label ?who }'
  kg query my-query.rq --graph out/ --format json
  kg query 'SELECT ?e ?name WHERE { ?e rdfs:label ?l FILTER(STR(?l) = ?name) }' --param name=王家鹏
  kg query 'DESCRIBE ?e WHERE { ?e rdfs:label "王家鹏"@zh }'
  kg query 'DESCRIBE <https://w3id.org/govkg/id/person/示范区/王家鹏>'
  kg query 'CONSTRUCT { ?p org:member ?m } WHERE { ?p org:member ?m }' --format ntriples > members.nt
  kg query 'SELECT ?e ?class WHERE { ?e a ?class . ?class rdfs:subClassOf* govkg:Event }' --with-ontology

exit status: 0 ok, 1 graph missing or unreadable, 2 malformed or refused query."""

FORMATS = ["table", "csv", "tsv", "json", "xml", "turtle", "ntriples", "jsonld", "rdfxml"]


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("query", help="run SPARQL or a named query over the graph",
                              description=DESCRIPTION, epilog=EPILOG,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("query", nargs="?", metavar="QUERY|FILE.rq|NAME",
                   help="SPARQL text, a .rq file (- reads standard input), or a named query")
    p.add_argument("--graph", metavar="FILE|DIR", default=None,
                   help="graph file (.ttl .trig .nt .nq ...) or build folder holding graph.ttl (default: exports/)")
    p.add_argument("--format", "-f", choices=FORMATS, default="table", help="output format (default: table)")
    p.add_argument("--param", "-p", action="append", metavar="NAME=VALUE", default=[],
                   help="bind ?NAME to VALUE as an RDF term (repeatable)")
    p.add_argument("--list", action="store_true", help="list the bundled named queries and exit")
    p.add_argument("--width", type=int, default=60, metavar="N",
                   help="table format: cut cells longer than N columns (0: never; default 60)")
    p.add_argument("--with-ontology", action="store_true",
                   help="query the graph together with the govkg ontology (rdfs:subClassOf*, labels of classes); "
                        "reads the graph into memory")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..errors import QueryError
    from ..query.named import check_params, get_query, list_queries, read_query_file
    from ..query.safety import check_query

    out = sys.stdout.buffer
    if args.list:
        return _list(list_queries(), out)
    if not args.query:
        raise QueryError("give a query, a .rq file or a named query (kg query --list shows them)")

    text, languages, named = _resolve(args.query, get_query, read_query_file)
    from ..query.engine import parse_params
    params = parse_params(args.param, languages)
    if named is not None:
        check_params(named, params)
    checked = check_query(text)  # before loading the graph: a bad query fails fast

    from ..graph.store import load_store, resolve_graph_path
    from ..query.engine import execute
    from ..query.formats import write_result

    store = load_store(resolve_graph_path(args.graph))
    if args.with_ontology:
        from ..convert import with_ontology
        store = with_ontology(store)
    result = execute(store, checked, params)
    try:
        write_result(result, args.format, out, cell_width=args.width)
        out.flush()
    except BrokenPipeError:  # `kg query ... | head`: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0


def _resolve(arg: str, get_query, read_query_file):
    """QUERY argument -> (text, parameter languages, NamedQuery or None)."""
    from ..errors import QueryError

    if arg == "-":
        return sys.stdin.read(), {}, None
    looks_like_sparql = any(c in arg for c in "{}\n ") or arg.lstrip().upper().startswith(
        ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "PREFIX", "BASE"))
    path = Path(arg)
    if not looks_like_sparql and (arg.endswith(".rq") or arg.endswith(".sparql") or path.is_file()):
        try:
            query = read_query_file(path)
        except FileNotFoundError:
            raise QueryError(f"{arg}: no such query file") from None
        except (OSError, UnicodeDecodeError) as err:
            raise QueryError(f"{arg}: cannot read query file: {getattr(err, 'strerror', None) or err}") from None
        return query.text, query.languages, query
    if not looks_like_sparql:
        query = get_query(arg)
        return query.text, query.languages, query
    return arg, {}, None


def _list(queries, out) -> int:
    from ..query.formats import fit, pad, text_width

    width = max(text_width(q.name + (" " + " ".join(f"--param {p}=..." for p in q.params) if q.params else ""))
                for q in queries)
    lines = []
    for q in queries:
        usage = q.name + (" " + " ".join(f"--param {p}=..." for p in q.params) if q.params else "")
        lines.append(f"{pad(usage, width)}  {fit(q.title, 100)}")
    out.write(("\n".join(lines) + "\n").encode())
    return 0
