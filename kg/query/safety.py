"""Check a user's SPARQL query before anything runs it: read-only, local, well-formed.

pyoxigraph federates ``SERVICE`` over HTTP unconditionally (design/field-notes.md), so the only safe
place to stop an outbound request is before execution. The query is parsed with rdflib's SPARQL 1.1
parser and refused when it holds SERVICE, LOAD, any update, or FROM / FROM NAMED with an IRI outside
the graph's own ``id:`` namespace (named graphs of the TriG export are article IRIs under ``id:``,
so selecting them stays local). A second, lexical scan for the SERVICE/LOAD keywords guards against
the two parsers reading a query differently. Anything rdflib cannot parse is refused (fail closed).
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field

from ..errors import QueryError
from ..vocab import ID_BASE, PREFIXES

#: the query forms pyoxigraph's Store.query answers
FORMS = {"SelectQuery": "SELECT", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE", "AskQuery": "ASK"}

#: rdflib update operation (parse-tree name) -> SPARQL keyword, for messages
UPDATE_OPS = {
    "Load": "LOAD", "Clear": "CLEAR", "Drop": "DROP", "Create": "CREATE", "Add": "ADD", "Move": "MOVE",
    "Copy": "COPY", "InsertData": "INSERT DATA", "DeleteData": "DELETE DATA", "DeleteWhere": "DELETE WHERE",
    "Modify": "DELETE/INSERT",
}
_UPDATE_START = re.compile(
    r"^\s*(?:(?:#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I)

# Lexical guard: strings, IRIs and comments are blanked, then bare SERVICE/LOAD keywords looked for
# (not ?service, ex:service, service:, _:load, "..."@load).
_NON_CODE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*', re.S)
_FORBIDDEN_WORD = re.compile(r"(?<![\w?$:@.\-])(SERVICE|LOAD)(?![\w:\-])", re.I)
_VARIABLE = re.compile(r"[?$]([\w\u00b7\u0300-\u036f\u203f\u2040]+)")


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed the checks; ``text`` is what runs (predeclared prefixes + the user's text)."""

    text: str
    user_text: str
    form: str                         # SELECT | CONSTRUCT | DESCRIBE | ASK
    variables: tuple[str, ...]        # SELECT projection in order; () for SELECT * and other forms
    mentioned: frozenset[str] = field(default_factory=frozenset)   # every ?var in the query
    line_offset: int = 0              # lines prepended before the user's text
    has_from: bool = False            # FROM <graph> given: the query picks its default graph itself
    appearance: tuple[str, ...] = ()  # every ?var in order of first appearance (the columns of SELECT *)

    def user_position(self, line: int, column: int) -> tuple[int, int]:
        """Map a (line, column) in ``text`` back to the user's text."""
        return max(line - self.line_offset, 1), column


@lru_cache(maxsize=256)  # parsing takes 10-150 ms; endpoints and benchmarks repeat queries
def check_query(text: str) -> CheckedQuery:
    """Parse ``text`` and refuse what must not run; raise QueryError with a one-line reason."""
    from rdflib.plugins.sparql import parser  # rdflib's grammar takes ~0.2 s to build: load lazily

    if not text.strip():
        raise QueryError("empty query")
    try:
        tree = parser.parseQuery(text)
    except RecursionError:
        raise QueryError("query is nested too deeply to parse") from None
    except Exception as err:  # pyparsing.ParseException
        _refuse_update(text, parser)
        raise QueryError(_syntax_message(err)) from None

    prologue, body = tree[0], tree[1]
    form = FORMS.get(body.name)
    if form is None:  # pragma: no cover - the grammar only yields the four forms
        raise QueryError(f"unsupported query form {body.name}")

    declared: dict[str, str] = {}
    for decl in prologue:
        if decl.name == "PrefixDecl":
            declared[_get(decl, "prefix") or ""] = str(_get(decl, "iri"))
    names, pnames, variables = _walk(body)
    lexical = {m.group(1).upper() for m in _FORBIDDEN_WORD.finditer(_NON_CODE.sub(" ", text))}
    if "ServiceGraphPattern" in names or "SERVICE" in lexical:
        raise QueryError("SERVICE (federated query) is not allowed: queries run on the local graph only")
    if "LOAD" in lexical:
        raise QueryError("LOAD is not allowed: the graph is read-only")
    _check_datasets(body, {**PREFIXES, **declared})
    unknown = sorted(p for p in pnames if p not in declared and p not in PREFIXES)
    if unknown:
        shown = ", ".join(f"'{p}:'" for p in unknown)
        raise QueryError(f"unknown prefix {shown} (declare it with PREFIX; predeclared: "
                         f"{', '.join(PREFIXES)})")

    missing = [p for p in PREFIXES if p not in declared]
    header = " ".join(f"PREFIX {p}: <{PREFIXES[p]}>" for p in missing)
    run_text = f"{header}\n{text}" if header else text
    projection: tuple[str, ...] = ()
    if form == "SELECT" and _get(body, "projection"):
        projection = tuple(str(_get(v, "var") or _get(v, "evar")) for v in _get(body, "projection"))
    has_from = any(_get(c, "default") is not None for c in _get(body, "datasetClause") or [])
    code = _NON_CODE.sub(" ", text)
    appearance = tuple(dict.fromkeys(m.group(1) for m in _VARIABLE.finditer(code) if m.group(1) in variables))
    return CheckedQuery(run_text, text, form, projection, frozenset(variables), 1 if header else 0, has_from,
                        appearance)


def in_query_order(names: list[str], checked: CheckedQuery) -> list[int]:
    """Positions that put ``names`` (an engine's SELECT * columns) in the order the query first
    mentions them, as people expect (pyoxigraph sorts them); names it never mentions go last."""
    rank = {v: i for i, v in enumerate(checked.appearance)}
    return sorted(range(len(names)), key=lambda i: (rank.get(names[i], len(rank)), i))


def _refuse_update(text: str, parser) -> None:
    """A text that is an update (or starts like one) is refused as such, not called malformed."""
    ops: list[str] = []
    try:
        update = parser.parseUpdate(text)
        ops = [UPDATE_OPS.get(r.name, r.name) for r in update.request or []]
    except Exception:
        m = _UPDATE_START.match(text)
        if not m:
            return
        ops = [m.group(1).upper()]
    if ops:
        raise QueryError(f"updates are not allowed ({', '.join(dict.fromkeys(ops))}): the graph is read-only")


def _get(node, key: str):
    """A field of an rdflib parse-tree node, or None (CompValue.get returns the key when missing)."""
    return dict.get(node, key)


def _syntax_message(err: Exception) -> str:
    line, col = getattr(err, "lineno", None), getattr(err, "col", None)
    msg = getattr(err, "msg", None) or str(err)
    found = getattr(err, "found", None)
    if found and "found" not in msg:
        msg += f", found {found}"
    where = f" at line {line}, column {col}" if line else ""
    src = (getattr(err, "line", "") or "").strip()
    near = f' (near "{src[:60]}")' if src else ""
    return f"malformed query{where}: {msg}{near}"


def _walk(node) -> tuple[set[str], set[str], set[str]]:
    """Names of all parse-tree nodes, prefixes used in prefixed names, and variable names."""
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import Variable

    names: set[str] = set()
    pnames: set[str] = set()
    variables: set[str] = set()
    stack = [node]
    while stack:
        x = stack.pop()
        if isinstance(x, CompValue):
            names.add(x.name)
            if x.name == "pname":
                pnames.add(_get(x, "prefix") or "")
            stack.extend(x.values())
        elif isinstance(x, Variable):
            variables.add(str(x))
        elif isinstance(x, (list, tuple)) or hasattr(x, "asList"):
            stack.extend(x)
        elif isinstance(x, dict):
            stack.extend(x.values())
    return names, pnames, variables


def _check_datasets(body, prefixes: dict[str, str]) -> None:
    """FROM / FROM NAMED may only select graphs of this dataset (IRIs under id:)."""
    for clause in _get(body, "datasetClause") or []:
        named = _get(clause, "named")
        kind = "FROM NAMED" if named is not None else "FROM"
        iri = named if named is not None else _get(clause, "default")
        if getattr(iri, "name", None) == "pname":
            iri = prefixes.get(_get(iri, "prefix") or "", "") + (_get(iri, "localname") or "")
        iri = str(iri)
        if not iri.startswith(ID_BASE):
            raise QueryError(f"{kind} <{iri}> is not allowed: remote datasets are never fetched; only the "
                             f"graph's own named graphs (IRIs under {ID_BASE}) can be selected")
