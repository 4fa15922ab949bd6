"""Run checked SPARQL queries on a pyoxigraph Store, with parameters bound as RDF terms.

Parameters never touch the query text: ``--param name=王家鹏`` becomes the term ``"王家鹏"`` and is passed
to pyoxigraph as a SEP-0007 substitution of ``?name`` (which therefore must appear in a SELECT
projection, or the query must be SELECT *). How a value becomes a term (``parse_param``):

    name=王家鹏                  -> "王家鹏"            plain literal (xsd:string)
    name='"王家鹏"@zh'            -> "王家鹏"@zh         any Turtle literal: "..."@lang, "..."^^xsd:date
    who='<https://w3id.org/…>'   -> IRI
    cls=govkg:Official           -> IRI (a prefixed name with a predeclared prefix)

A plain value stays a plain literal, which does not equal a label "王家鹏"@zh: your own queries compare
with ``STR(?label) = ?name``. Bundled queries declare ``# params: name@zh``, so there a plain value is
tagged @zh and looked up in the index directly (index lookups instead of a scan of every label: the
difference between 0.1 ms and 100+ ms at 1M triples). Results: see kg.query.formats.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

import pyoxigraph as ox

from ..errors import QueryError
from ..vocab import PREFIXES
from .safety import CheckedQuery, check_query

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass
class QueryResult:
    """One query's answer: ``rows`` for SELECT, ``boolean`` for ASK, ``triples`` for CONSTRUCT/DESCRIBE."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: Iterator[tuple] | None = None          # tuples of Term | None, in ``variables`` order
    boolean: bool | None = None
    triples: Iterator[ox.Triple] | None = None
    params: dict[str, Term] = field(default_factory=dict)


def parse_param(value: str, language: str = "") -> Term:
    """Turn a ``--param`` value into an RDF term (rules in the module docstring).

    ``language``: tag given to a plain value (named queries declare ``# params: name@zh``)."""
    if value.startswith("<") and value.endswith(">"):
        try:
            return ox.NamedNode(value[1:-1])
        except ValueError as err:
            raise QueryError(f"not a valid IRI: {value} ({err})") from None
    if value[:1] in "\"'":
        header = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items())
        try:
            quads = list(ox.parse(input=f"{header}<urn:s> <urn:p> {value} .", format=ox.RdfFormat.TURTLE))
        except (SyntaxError, ValueError):
            raise QueryError(f"not a valid RDF literal: {value} (write it like \"王家鹏\"@zh or "
                             f"\"2020-03-20\"^^xsd:date, or drop the quotes for plain text)") from None
        if len(quads) != 1:
            raise QueryError(f"not a single RDF literal: {value}")
        return quads[0].object
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and local and not any(c.isspace() for c in local):
        return ox.NamedNode(PREFIXES[prefix] + local)
    return ox.Literal(value, language=language) if language else ox.Literal(value)


def parse_params(items: list[str] | None, languages: dict[str, str] | None = None) -> dict[str, Term]:
    """``["name=王家鹏", ...]`` -> ``{"name": Literal("王家鹏"), ...}`` (see parse_param)."""
    params: dict[str, Term] = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not name or not name.replace("_", "a").isalnum():
            raise QueryError(f"--param {item!r}: expected NAME=VALUE, for example --param name=王家鹏")
        params[name] = parse_param(value, (languages or {}).get(name, ""))
    return params


def execute(store: ox.Store, query: str | CheckedQuery, params: dict[str, Term] | None = None) -> QueryResult:
    """Check (if given text) and run a query over the union of the store's graphs."""
    checked = query if isinstance(query, CheckedQuery) else check_query(query)
    params = dict(params or {})
    for name in params:
        if name not in checked.mentioned:
            raise QueryError(f"--param {name}: the query has no variable ?{name}")
        if checked.form == "SELECT" and checked.variables and name not in checked.variables:
            raise QueryError(f"--param {name}: ?{name} must be listed in the SELECT clause (parameters are "
                             f"bound as substitutions of projected variables), or use SELECT *")
    try:
        # the default graph is the union of all graphs (TriG: one per article), unless FROM picks one
        answer = store.query(checked.text, use_default_graph_as_union=not checked.has_from,
                             substitutions={ox.Variable(k): v for k, v in params.items()} or None)
    except SyntaxError as err:
        raise QueryError(_oxigraph_message(err, checked)) from None
    except (RuntimeError, ValueError) as err:
        raise QueryError(f"query failed: {err}") from None
    except OSError as err:  # store read errors
        raise QueryError(f"query failed: {err}") from None
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ASK", boolean=bool(answer), params=params)
    if isinstance(answer, ox.QueryTriples):
        return QueryResult(checked.form, triples=_guard(answer), params=params)
    variables = [v.value for v in answer.variables]
    rows = _rows(answer, len(variables))
    if not checked.variables:  # SELECT *: columns in the order the query mentions them
        from .safety import in_query_order
        order = in_query_order(variables, checked)
        if order != list(range(len(variables))):
            variables = [variables[i] for i in order]
            rows = (tuple(row[i] for i in order) for row in rows)
    return QueryResult("SELECT", variables, rows=rows, params=params)


def run_query(store: ox.Store, text: str, params: dict[str, Term] | None = None) -> QueryResult:
    return execute(store, check_query(text), params)


def _rows(solutions: ox.QuerySolutions, width: int) -> Iterator[tuple]:
    for solution in _guard(solutions):
        yield tuple(solution)  # values in the order of solutions.variables


def _guard(iterator):
    """Evaluation errors surface while iterating: turn them into one-line QueryErrors."""
    try:
        yield from iterator
    except (OSError, RuntimeError, ValueError, SyntaxError) as err:
        raise QueryError(f"query failed: {err}") from None


def _oxigraph_message(err: SyntaxError, checked: CheckedQuery) -> str:
    """pyoxigraph reports positions in the text it ran; shift them back to the user's text."""
    import re

    msg = str(err).splitlines()[0]
    m = re.search(r"error at (\d+):(\d+)", msg)
    if m:
        line, col = checked.user_position(int(m.group(1)), int(m.group(2)))
        msg = msg[:m.start()] + f"error at line {line}, column {col}" + msg[m.end():]
    return f"malformed query: {msg}"
