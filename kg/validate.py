"""Check a graph against the SHACL shapes (ontology/shapes.ttl) and report problems readably.

    from kg.validate import validate
    report = validate("exports/")            # a build folder, a graph file, a pyoxigraph Store or an rdflib Graph
    report.conforms                          # False when there is at least one sh:Violation
    for v in report.violations: print(v)     # "id:post/a1 (…): org:member: post has no org:member"

pyshacl needs an rdflib Graph. Graph files are parsed with pyoxigraph and the terms converted to
rdflib directly (cached per distinct term): on a 50k-triple graph that takes 0.55 s, against 1.25 s for
pyoxigraph -> N-Triples -> rdflib's parser and 1.5 s for rdflib parsing the Turtle itself
(bench/synthetic.py). The ontology is added to the data graph so that sh:class follows
rdfs:subClassOf (an Official is a Person); SHACL warnings are reported but do not break conformance.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.collection import Collection

from .errors import KgError
from .graph.store import load_store, resolve_graph_path
from .vocab import GOVKG, PREFIXES, RDFS, SCHEMA, SH

#: the package's ontology/ (package data; in a source checkout a link to the repository's ontology/)
ONTOLOGY_DIR = Path(__file__).resolve().parent / "ontology"
DEFAULT_SHAPES = ONTOLOGY_DIR / "shapes.ttl"
DEFAULT_ONTOLOGY = ONTOLOGY_DIR / "govkg.ttl"

SEVERITIES = {str(SH.Violation): "violation", str(SH.Warning): "warning", str(SH.Info): "info"}


def curie(term) -> str:
    """A short, readable name for an IRI (prefix:local when a PREFIXES namespace fits)."""
    text = str(term)
    best = ""
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns) and len(ns) > len(best):
            best, name = ns, prefix
    return f"{name}:{text[len(best):]}" if best else text


def show_term(term) -> str:
    """Literals quoted (with language tag), IRIs as CURIEs, blank nodes as _:id."""
    if isinstance(term, Literal):
        text = str(term)
        text = text if len(text) <= 40 else text[:39] + "…"
        return f'"{text}"@{term.language}' if term.language else f'"{text}"'
    if isinstance(term, BNode):
        return f"_:{term}"
    return curie(term)


@dataclass(frozen=True)
class Violation:
    """One SHACL result, readable: severity, focus node (IRI and label), path, message, offending value."""

    severity: str        # "violation", "warning" or "info"
    focus: str           # the focus node's IRI (or _:id)
    focus_label: str     # its rdfs:label / headline / text, "" when it has none
    path: str            # the property path as CURIEs ("" for node-level results)
    message: str
    value: str = ""      # the offending value, shown when it is not the focus node itself

    def __str__(self) -> str:
        where = curie(self.focus) if not self.focus.startswith("_:") else self.focus
        if self.focus_label:
            where += f" ({self.focus_label})"
        parts = [f"{self.severity}: {where}"]
        if self.path:
            parts.append(self.path)
        msg = self.message + (f" [value: {self.value}]" if self.value else "")
        parts.append(msg)
        return ": ".join(parts)


@dataclass
class Report:
    """The outcome of validate(): ``conforms`` is False iff there is at least one sh:Violation."""

    results: list[Violation] = field(default_factory=list)
    triples: int = 0
    seconds: float = 0.0

    @property
    def violations(self) -> list[Violation]:
        return [r for r in self.results if r.severity == "violation"]

    @property
    def warnings(self) -> list[Violation]:
        return [r for r in self.results if r.severity != "violation"]

    @property
    def conforms(self) -> bool:
        return not self.violations


def to_rdflib(store: ox.Store, graph: rdflib.Graph | None = None) -> rdflib.Graph:
    """All triples of the store (every named graph merged) as an rdflib Graph."""
    graph = graph if graph is not None else rdflib.Graph()
    cache: dict = {}

    def conv(term):
        out = cache.get(term)
        if out is None:
            if isinstance(term, ox.NamedNode):
                out = URIRef(term.value)
            elif isinstance(term, ox.BlankNode):
                out = BNode(term.value)
            elif term.language:
                out = Literal(term.value, lang=term.language)
            else:
                out = Literal(term.value, datatype=URIRef(term.datatype.value))
            cache[term] = out
        return out

    graph.addN((conv(q.subject), conv(q.predicate), conv(q.object), graph) for q in store)
    return graph


def _parse_rdflib(path: Path, what: str) -> rdflib.Graph:
    if not path.exists():
        raise KgError(f"{path}: no such {what} file")
    try:
        return to_rdflib(load_store(path))
    except KgError:
        raise
    except Exception as err:  # noqa: BLE001  (any parser failure is one line for the user)
        raise KgError(f"{path}: cannot read {what}: {str(err).splitlines()[0]}") from None


def _data_graph(store_or_path) -> rdflib.Graph:
    if isinstance(store_or_path, ox.Store):
        return to_rdflib(store_or_path)
    if isinstance(store_or_path, rdflib.Graph):
        copy = rdflib.Graph()
        copy += store_or_path  # never add the ontology to the caller's graph
        return copy
    return to_rdflib(load_store(resolve_graph_path(store_or_path)))


def _label(graph: rdflib.Graph, node) -> str:
    for prop in (RDFS.label, URIRef(str(SCHEMA.headline)), URIRef(str(GOVKG.text))):
        value = graph.value(node, prop)
        if value is not None:
            text = str(value)
            return text if len(text) <= 30 else text[:29] + "…"
    return ""


def _path_text(graph: rdflib.Graph, path) -> str:
    """sh:resultPath as text: a CURIE, or alternatives joined with | (sequences with /)."""
    if path is None:
        return ""
    if isinstance(path, URIRef):
        return curie(path)
    alt = graph.value(path, SH.alternativePath)
    if alt is not None:  # "govkg:participant|organizer|chair": the shared prefix written once
        names = [_path_text(graph, p) for p in Collection(graph, alt)]
        prefix = names[0].split(":", 1)[0] + ":" if ":" in names[0] else ""
        if prefix and all(n.startswith(prefix) for n in names):
            return prefix + "|".join(n[len(prefix):] for n in names)
        return "|".join(names)
    if graph.value(path, rdflib.RDF.first) is not None:
        return "/".join(_path_text(graph, p) for p in Collection(graph, path))
    inverse = graph.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + _path_text(graph, inverse)
    return str(path)


def validate(store_or_path=None, shapes: str | Path | None = None,
             ontology: str | Path | None = None) -> Report:
    """Run the SHACL shapes over a graph (a Store, an rdflib Graph, a file or a build folder).

    ``shapes``/``ontology`` default to ontology/shapes.ttl and ontology/govkg.ttl; the ontology is
    mixed into a copy of the data so that class constraints see the class hierarchy.
    """
    import pyshacl  # slow to import (~0.5 s): only when validating

    started = time.perf_counter()
    shapes_path = Path(shapes) if shapes else DEFAULT_SHAPES
    ontology_path = Path(ontology) if ontology else DEFAULT_ONTOLOGY
    shapes_graph = _parse_rdflib(shapes_path, "SHACL shapes")
    data = _data_graph("exports" if store_or_path is None else store_or_path)
    n_triples = len(data)
    data += _parse_rdflib(ontology_path, "ontology")

    _, results_graph, _ = pyshacl.validate(
        data, shacl_graph=shapes_graph, inference="none", allow_warnings=True,
        advanced=False, inplace=True, meta_shacl=False)

    results = []
    for result in results_graph.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = results_graph.value(result, SH.focusNode)
        value = results_graph.value(result, SH.value)
        path = results_graph.value(result, SH.resultPath)
        messages = sorted(str(m) for m in results_graph.objects(result, SH.resultMessage))
        severity = SEVERITIES.get(str(results_graph.value(result, SH.resultSeverity)), "violation")
        results.append(Violation(
            severity=severity,
            focus=f"_:{focus}" if isinstance(focus, BNode) else str(focus),
            focus_label=_label(data, focus),
            path=_path_text(results_graph, path),
            message=messages[0] if messages else "does not conform",
            value="" if value is None or value == focus else show_term(value),
        ))
    order = {"violation": 0, "warning": 1, "info": 2}
    results = sorted(set(results), key=lambda v: (order.get(v.severity, 3), v.focus, v.path, v.message, v.value))
    return Report(results=results, triples=n_triples, seconds=time.perf_counter() - started)
