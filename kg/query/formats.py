"""Write query results: an aligned terminal table, CSV, TSV, SPARQL 1.1 Results JSON and XML, RDF.

Our own writers (not pyoxigraph's) so rows can be counted and cut off (``max_rows``) while streaming,
which the endpoint needs for its result-size limit. Formats follow the W3C specs: SPARQL 1.1 Query
Results JSON / XML / CSV-TSV. CONSTRUCT and DESCRIBE results are RDF (Turtle, JSON-LD, N-Triples,
RDF/XML). ``accepted`` and ``negotiate`` choose a format from an HTTP Accept header or a ``format=``
parameter (names, media types, or comma-separated lists of them with q-values).
"""
from __future__ import annotations

import csv
import io
import json
import unicodedata
from functools import lru_cache
from typing import BinaryIO, Iterable, Iterator
from xml.sax.saxutils import escape as xml_escape, quoteattr

import pyoxigraph as ox

from ..errors import QueryError
from ..vocab import PREFIXES
from .engine import QueryResult

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: result format name -> media type (what the endpoint answers with)
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "table": "text/plain; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "jsonld": "application/ld+json",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}
RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD, "ntriples": ox.RdfFormat.N_TRIPLES,
               "rdfxml": ox.RdfFormat.RDF_XML}

# --- content negotiation -------------------------------------------------------------------------
#
# A client's wishes become *tokens*, best first: a result format name, or a generic wish that depends
# on the query form ("json" is SPARQL Results JSON for SELECT/ASK and JSON-LD for a graph, "xml" the
# results XML or RDF/XML, "text" the aligned table or N-Triples), "html" (a page for people), "*"
# (anything), "-NAME" (refused with q=0) or "?WHAT" (not understood, kept for the 406 message).

#: media type (or range) -> token
MEDIA_TOKENS = {
    "application/sparql-results+json": "results-json", "application/sparql-results+xml": "results-xml",
    "application/json": "json", "text/javascript": "json", "application/javascript": "json",
    "application/xml": "xml", "text/xml": "xml", "text/plain": "text",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
    "text/turtle": "turtle", "application/turtle": "turtle", "application/x-turtle": "turtle",
    "text/n3": "turtle", "text/rdf+n3": "turtle", "application/n3": "turtle",   # Turtle is N3
    "application/ld+json": "jsonld", "application/x-json+ld": "jsonld",
    "application/n-triples": "ntriples", "application/rdf+xml": "rdfxml",
    "text/html": "html", "application/xhtml+xml": "html",
    "*/*": "*",
}
#: format= names (those of kg query --format and those SPARQL clients send) -> token
FORMAT_NAMES = {
    "json": "json", "srj": "results-json", "xml": "xml", "srx": "results-xml", "csv": "csv", "tsv": "tsv",
    "table": "table", "text": "text", "turtle": "turtle", "ttl": "turtle", "n3": "turtle",
    "jsonld": "jsonld", "json-ld": "jsonld", "nt": "ntriples", "ntriples": "ntriples", "n-triples": "ntriples",
    "rdf": "rdfxml", "rdfxml": "rdfxml", "rdf+xml": "rdfxml", "rdf/xml": "rdfxml", "html": "html",
}
#: what each kind of result can be written as, the default first
SELECT_FORMATS = ("json", "xml", "csv", "tsv", "table")
GRAPH_FORMATS = ("turtle", "jsonld", "ntriples", "rdfxml", "csv", "tsv")
_GENERIC = {"results-json": ("json", None), "results-xml": ("xml", None), "json": ("json", "jsonld"),
            "xml": ("xml", "rdfxml"), "text": ("table", "ntriples")}


def parse_accept(header: str) -> list[tuple[str, float]]:
    """An Accept header (or a comma-separated list of media types) as (media range, q), best first;
    among equal q-values the client's order is kept. Parameters other than q are ignored."""
    entries = []
    for i, part in enumerate(header.split(",")):
        media, *params = [x.strip() for x in part.split(";")]
        if not media:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        entries.append((-q, i, media.lower(), q))
    return [(media, q) for _, _, media, q in sorted(entries)]


def _media_tokens(media: str) -> list[str]:
    if media in MEDIA_TOKENS:
        return [MEDIA_TOKENS[media]]
    kind, _, sub = media.partition("/")
    if sub == "*":   # text/*, application/*: every format answered with that type, ours in our order
        return [f for f, m in MEDIA_TYPES.items() if m.startswith(kind + "/")]
    return []


def accepted(accept: str | None = None, format_values: Iterable[str] = ()) -> list[str]:
    """Tokens for what the client takes, best first. ``format_values`` (format=, output=, results=
    parameters: names or media-type lists) come before the Accept header, which stays a fallback."""
    tokens: list[str] = []

    def add(media_list: str) -> None:
        for media, q in parse_accept(media_list):
            found = _media_tokens(media)
            if not found:
                tokens.append("?" + media[:100])
            tokens.extend(t if q > 0 else "-" + t for t in found)

    for value in format_values:
        value = value.strip()
        if value.lower() in FORMAT_NAMES:
            tokens.append(FORMAT_NAMES[value.lower()])
        elif value:
            add(value)
    if accept:
        add(accept)
    return list(dict.fromkeys(tokens))


def negotiate(tokens: list[str], graph: bool) -> str | None:
    """The result format to write for a SELECT/ASK (``graph`` False) or CONSTRUCT/DESCRIBE result;
    no tokens means the default; None when nothing the client takes can be written."""
    usable = GRAPH_FORMATS if graph else SELECT_FORMATS
    if not [t for t in tokens if not t.startswith("?")]:
        return usable[0] if not tokens else None
    def concrete(token):
        return _GENERIC[token][1 if graph else 0] if token in _GENERIC else token

    refused = {concrete(t[1:]) for t in tokens if t.startswith("-")}
    for token in tokens:
        if token == "*":
            return next((f for f in usable if f not in refused), None)
        fmt = concrete(token)
        if fmt in usable and fmt not in refused:
            return fmt
    return None


def media_type(fmt: str) -> str:
    return MEDIA_TYPES[fmt]


class TooManyResults(QueryError):
    """The result has more rows (or triples) than the limit allows."""

    def __init__(self, limit: int, unit: str = "rows"):
        super().__init__(f"the result has more than {limit} {unit}; add LIMIT (and OFFSET to page) to the query")
        self.limit = limit


def limited(items: Iterable, limit: int | None, unit: str = "rows") -> Iterator:
    """Yield at most ``limit`` items; raise TooManyResults if there are more."""
    if limit is None:
        yield from items
        return
    for n, item in enumerate(items):
        if n >= limit:
            raise TooManyResults(limit, unit)
        yield item


def write_result(result: QueryResult, fmt: str, out: BinaryIO, *, max_rows: int | None = None,
                 cell_width: int = 60) -> int:
    """Write ``result`` as ``fmt``; returns the number of rows (or triples) written.

    SELECT/ASK: table, csv, tsv, json, xml. CONSTRUCT/DESCRIBE: turtle, jsonld, ntriples, rdfxml; asked
    for table they print Turtle, json gives JSON-LD, xml RDF/XML, csv/tsv subject/predicate/object rows.
    """
    if result.triples is not None:
        triples = limited(result.triples, max_rows, "triples")
        if fmt in ("csv", "tsv"):
            rows = ((t.subject, t.predicate, t.object) for t in triples)
            return _write_rows(fmt, ["subject", "predicate", "object"], rows, out)
        rdf = {"table": "turtle", "json": "jsonld", "xml": "rdfxml"}.get(fmt, fmt)
        return write_rdf(triples, rdf, out)
    if fmt in RDF_FORMATS:
        raise QueryError(f"format {fmt} is for CONSTRUCT and DESCRIBE results; "
                         f"a {'ASK' if result.boolean is not None else 'SELECT'} gives {', '.join(SELECT_FORMATS)}")
    if result.boolean is not None:
        return _write_boolean(result.boolean, fmt, out)
    rows = limited(result.rows or (), max_rows)
    if fmt == "table":
        hidden = set(result.params)  # a bound parameter is the same in every row: not worth a column
        return write_table(result.variables, rows, out, hide=hidden, cell_width=cell_width)
    return _write_rows(fmt, result.variables, rows, out)


def _write_rows(fmt: str, variables: list[str], rows: Iterable[tuple], out: BinaryIO) -> int:
    writer = {"json": write_json, "xml": write_xml, "csv": write_csv, "tsv": write_tsv}.get(fmt)
    if writer is None:
        raise QueryError(f"unknown result format {fmt!r}")
    return writer(variables, rows, out)


def _write_boolean(value: bool, fmt: str, out: BinaryIO) -> int:
    word = "true" if value else "false"
    if fmt == "json":
        out.write(json.dumps({"head": {}, "boolean": value}).encode() + b"\n")
    elif fmt == "xml":
        out.write(f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                  f"<head/><boolean>{word}</boolean></sparql>\n".encode())
    else:
        out.write(word.encode() + b"\n")
    return 1


# --- SPARQL 1.1 Query Results JSON / XML ---------------------------------------------------------

def term_json(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        d = {"type": "literal", "value": term.value}
        if term.language:
            d["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            d["datatype"] = term.datatype.value
        return d
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": term_json(term.subject),
                                            "predicate": term_json(term.predicate),
                                            "object": term_json(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")


def write_json(variables: list[str], rows: Iterable[tuple], out: BinaryIO) -> int:
    out.write(b'{"head":{"vars":' + json.dumps(variables, ensure_ascii=False).encode()
              + b'},"results":{"bindings":[')
    n = 0
    for row in rows:
        binding = {v: term_json(t) for v, t in zip(variables, row) if t is not None}
        out.write((b",\n" if n else b"\n") + json.dumps(binding, ensure_ascii=False).encode())
        n += 1
    out.write(b"\n]}}\n")
    return n


def _term_xml(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{xml_escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{xml_escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{xml_escape(_xml_text(term.value))}</literal>"
        if term.datatype.value != XSD_STRING:
            return (f"<literal datatype={quoteattr(term.datatype.value)}>"
                    f"{xml_escape(_xml_text(term.value))}</literal>")
        return f"<literal>{xml_escape(_xml_text(term.value))}</literal>"
    if isinstance(term, ox.Triple):
        return (f"<triple><subject>{_term_xml(term.subject)}</subject><predicate>{_term_xml(term.predicate)}"
                f"</predicate><object>{_term_xml(term.object)}</object></triple>")
    raise TypeError(f"not an RDF term: {term!r}")


def _xml_text(text: str) -> str:
    """XML 1.0 cannot carry most control characters, even escaped: write them as U+FFFD."""
    return "".join(c if c in "\t\n\r" or ord(c) >= 0x20 else "\ufffd" for c in text)


def write_xml(variables: list[str], rows: Iterable[tuple], out: BinaryIO) -> int:
    head = "".join(f"<variable name={quoteattr(v)}/>" for v in variables)
    out.write(f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
              f"<head>{head}</head><results>\n".encode())
    n = 0
    for row in rows:
        cells = "".join(f"<binding name={quoteattr(v)}>{_term_xml(t)}</binding>"
                        for v, t in zip(variables, row) if t is not None)
        out.write(f"<result>{cells}</result>\n".encode())
        n += 1
    out.write(b"</results></sparql>\n")
    return n


# --- CSV / TSV (SPARQL 1.1 Query Results CSV and TSV Formats) -------------------------------------

def _csv_value(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value  # IRIs and literals: the bare string


def write_csv(variables: list[str], rows: Iterable[tuple], out: BinaryIO) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        w = csv.writer(text, lineterminator="\r\n")
        w.writerow(variables)
        n = 0
        for row in rows:
            w.writerow([_csv_value(t) for t in row])
            n += 1
        return n
    finally:
        text.detach()


def write_tsv(variables: list[str], rows: Iterable[tuple], out: BinaryIO) -> int:
    out.write(("\t".join(f"?{v}" for v in variables) + "\n").encode())
    n = 0
    for row in rows:  # str(term) is its SPARQL/N-Triples form, with \t \n escaped inside literals
        out.write(("\t".join("" if t is None else str(t) for t in row) + "\n").encode())
        n += 1
    return n


# --- RDF for CONSTRUCT / DESCRIBE ----------------------------------------------------------------

def write_rdf(triples: Iterable[ox.Triple], fmt: str, out: BinaryIO, prefixes: dict[str, str] | None = None) -> int:
    """Triples as Turtle, JSON-LD, N-Triples or RDF/XML; ``prefixes`` adds to the project's own."""
    if fmt not in RDF_FORMATS:
        raise QueryError(f"unknown RDF format {fmt!r}")
    items = list(triples)
    kwargs = {}
    if fmt in ("turtle", "rdfxml"):
        used = _used_prefixes(items)
        used.update({p: ns for p, ns in (prefixes or {}).items() if p not in used})
        kwargs = {"prefixes": used}
    ox.serialize(items, output=out, format=RDF_FORMATS[fmt], **kwargs)
    if fmt == "jsonld":
        out.write(b"\n")
    return len(items)


def _used_prefixes(triples: list[ox.Triple]) -> dict[str, str]:
    """Only the prefixes the triples use; id: is left out (id:person\\/王家鹏 reads worse than the IRI)."""
    iris = {t.value for tr in triples for t in (tr.subject, tr.predicate, tr.object, getattr(tr.object, "datatype", None))
            if isinstance(t, ox.NamedNode)}
    return {p: ns for p, ns in PREFIXES.items() if p != "id" and any(i.startswith(ns) for i in iris)}


# --- terminal table ------------------------------------------------------------------------------

#: (namespace, prefix), longest namespace first, so the most specific prefix wins
_NAMESPACES = sorted(((ns, p) for p, ns in PREFIXES.items()), key=lambda x: -len(x[0]))


def compact(term) -> str:
    """A short human form: prefixed IRIs, bare literal values, _:bnodes."""
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        iri = term.value
        for ns, prefix in _NAMESPACES:
            if iri.startswith(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return f"<{iri}>"
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


@lru_cache(maxsize=8192)
def char_width(c: str) -> int:
    if unicodedata.combining(c):
        return 0
    return 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1


def text_width(s: str) -> int:
    if s.isascii():
        return len(s)
    return sum(map(char_width, s))


def _printable(s: str) -> str:
    """No terminal control sequences from page text: escape control characters visibly."""
    if s.isprintable():
        return s
    return "".join(c if c.isprintable() or unicodedata.category(c) == "Zs" else ("\\n" if c == "\n" else f"\\x{ord(c):02x}" if ord(c) < 256
                                              else f"\\u{ord(c):04x}") for c in s)


def fit(s: str, width: int) -> str:
    """Cut ``s`` to at most ``width`` display columns, marking the cut with an ellipsis."""
    if width <= 0 or len(s) * 2 <= width or text_width(s) <= width:
        return s
    out, used = [], 0
    for c in s:
        w = char_width(c)
        if used + w > width - 1:
            break
        out.append(c)
        used += w
    return "".join(out) + "…"


def pad(s: str, width: int) -> str:
    return s + " " * (width - text_width(s))


def write_table(variables: list[str], rows: Iterable[tuple], out: BinaryIO, *, hide: set[str] = frozenset(),
                cell_width: int = 60) -> int:
    """Columns aligned by display width (CJK characters take two columns); long cells cut with …."""
    keep = [i for i, v in enumerate(variables) if v not in hide] or list(range(len(variables)))
    header = [variables[i] for i in keep]
    cells = [[fit(_printable(compact(row[i])), cell_width) for i in keep] for row in rows]
    cell_widths = [[text_width(c) for c in r] for r in cells]
    widths = [max([text_width(h)] + [cw[j] for cw in cell_widths]) for j, h in enumerate(header)]
    lines = ["  ".join(pad(h, w) for h, w in zip(header, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c + " " * (w - cw) for c, cw, w in zip(r, cws, widths)).rstrip()
              for r, cws in zip(cells, cell_widths)]
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    out.write(("\n".join(lines) + "\n").encode())
    return len(cells)


# --- pandas, for notebooks (pandas is optional: imported only here) -------------------------------

_NUMBERS = {"http://www.w3.org/2001/XMLSchema#" + t: int for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "negativeInteger",
    "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
_NUMBERS.update({"http://www.w3.org/2001/XMLSchema#" + t: float for t in ("decimal", "double", "float")})


def python_value(term):
    """A cell for a DataFrame: IRIs as strings, numbers and booleans as Python values, other literals
    as their text (language and datatype dropped), blank nodes as _:id, unbound as None."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        kind = _NUMBERS.get(term.datatype.value)
        if kind is not None:
            try:
                return kind(term.value)
            except ValueError:
                return term.value
        if term.datatype.value == "http://www.w3.org/2001/XMLSchema#boolean":
            return term.value in ("true", "1")
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


def to_dataframe(result: QueryResult):
    """A SELECT result as a pandas DataFrame, one column per variable in the query's order;
    CONSTRUCT/DESCRIBE give subject/predicate/object columns, ASK a one-cell frame."""
    try:
        import pandas as pd
    except ImportError:
        raise QueryError("to_dataframe needs pandas, which govkg does not install: pip install pandas") from None
    if result.triples is not None:
        rows = [(python_value(t.subject), python_value(t.predicate), python_value(t.object)) for t in result.triples]
        return pd.DataFrame(rows, columns=["subject", "predicate", "object"])
    if result.boolean is not None:
        return pd.DataFrame({"boolean": [result.boolean]})
    return pd.DataFrame([tuple(map(python_value, row)) for row in result.rows or ()], columns=result.variables)


def dataframe(graph, query: str, **params):
    """Run ``query`` (SPARQL text or a bundled query's name) on ``graph`` (a build folder, a graph
    file or a pyoxigraph Store) and return a pandas DataFrame; ``params`` are bound as in kg query.

        from kg.query.formats import dataframe
        df = dataframe("exports", "officials")
        df = dataframe("exports", "SELECT ?p ?l WHERE { ?p a govkg:Official ; rdfs:label ?l }")
    """
    from .engine import execute, parse_params
    from .named import get_query

    languages: dict = {}
    text = query
    if not any(c in query for c in "{} \n"):      # a name, not SPARQL: the bundled query
        named = get_query(query)
        text, languages = named.text, named.languages
    if isinstance(graph, ox.Store):
        store = graph
    else:
        from ..graph.store import load_store, resolve_graph_path
        store = load_store(resolve_graph_path(graph))
    bound = parse_params([f"{k}={v}" for k, v in params.items()], languages)
    return to_dataframe(execute(store, text, bound))
