"""Export a graph to other formats, deterministically: the same graph always gives the same bytes.

    from kg.convert import export, serialize
    export(store, "nt", "exports/graph.nt")      # atomic write (temp file + rename); "-" = stdout
    data = serialize(store, "jsonld")             # bytes

Formats
  ttl, nt       triples: every named graph merged, duplicates dropped, sorted by their N-Triples text.
  trig, nq      quads: named graphs kept (a TriG build keeps one graph per article); nq sorted by the
                N-Quads line, trig by graph then line so each graph is written once.
  jsonld        JSON-LD 1.1 with an @context of kg.vocab.PREFIXES (compact keys such as
                "rdfs:label"), rdf:type as "@type"; a named graph is the "@graph" of the node
                object that names it (an article's assertions sit inside the article's own object).
  graphml       the entity/event network of kg.graph.network.project (GraphML for Gephi, yEd,
                networkx): nodes with iri/label/cls/kind/aliases/articles/date, edges with
                label/kind/prop/predicate/articles/evidence; list values joined with " | ".
  csv           one row per edge of that same network, UTF-8, header
                subject,subject_label,predicate,object,object_label,title,evidence
                (subject/object: IRIs; predicate: a CURIE such as govkg:serves, or org:memberOf for a
                post, whose title is in `title`; evidence: the source sentences joined with " | ").
                Nodes without edges do not appear; use jsonld/ttl for the full graph.
Blank nodes (none in a govkg build) are renamed b0, b1... in order of first use, so they too are stable.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from .errors import KgError
from .vocab import PREFIXES, RDF, XSD, curie

#: format name -> file extension
EXTENSIONS = {"ttl": "ttl", "nt": "nt", "trig": "trig", "nq": "nq", "jsonld": "jsonld", "graphml": "graphml",
              "csv": "csv"}
FORMATS = tuple(EXTENSIONS)
#: formats that keep named graphs (worth loading graph.trig for)
DATASET_FORMATS = ("trig", "nq", "jsonld")
CSV_HEADER = ["subject", "subject_label", "predicate", "object", "object_label", "title", "evidence"]
JOIN = " | "

_RDF_TYPE = str(RDF.type)
_XSD_STRING = str(XSD.string)


# ---------------------------------------------------------------- RDF formats

def _canonical_bnodes(quads: list[ox.Quad]) -> list[ox.Quad]:
    """Rename blank nodes b0, b1... in order of first use in the sorted-with-blanks-masked quads."""
    def has_blank(q):
        return any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object, q.graph_name))
    if not any(has_blank(q) for q in quads):
        return quads

    def masked(q):
        return " ".join("_:" if isinstance(t, ox.BlankNode) else str(t)
                        for t in (q.subject, q.predicate, q.object, q.graph_name))
    names: dict[str, ox.BlankNode] = {}

    def rename(t):
        if isinstance(t, ox.BlankNode):
            if t.value not in names:
                names[t.value] = ox.BlankNode(f"b{len(names)}")
            return names[t.value]
        return t
    out = []
    for q in sorted(quads, key=masked):
        out.append(ox.Quad(rename(q.subject), q.predicate, rename(q.object), rename(q.graph_name)))
    return out


def _quads(store: ox.Store) -> list[ox.Quad]:
    return _canonical_bnodes(list(store))


def _triples(store: ox.Store) -> list[ox.Triple]:
    """Distinct triples of all graphs, sorted by their N-Triples text."""
    seen = {q.triple for q in _quads(store)}
    return sorted(seen, key=str)


def _graph_sort_key(q: ox.Quad) -> tuple[str, str]:
    g = q.graph_name
    return ("" if isinstance(g, ox.DefaultGraph) else str(g), str(q))


def _prefix_header_in_order(data: bytes) -> bytes:
    """Rewrite the leading @prefix block in kg.vocab.PREFIXES order (whatever order the writer used)."""
    lines = data.split(b"\n")
    n = 0
    while n < len(lines) and lines[n].startswith(b"@prefix "):
        n += 1
    if not n:
        return data
    used = {line.split(b" ", 2)[1][:-1].decode() for line in lines[:n]}
    header = [f"@prefix {p}: <{ns}> .".encode() for p, ns in PREFIXES.items() if p in used]
    extra = sorted(set(lines[:n]) - set(header))  # prefixes not from kg.vocab (none today)
    return b"\n".join(header + extra + lines[n:])


def _compact(iri: str) -> str:
    """prefix:local for JSON-LD keys and values, when a PREFIXES namespace fits (longest wins) and the
    local part is a plain name (not empty, not //...)."""
    short = curie(iri)
    rest = short.split(":", 1)[1] if short else ""
    return short if rest and not rest.startswith("//") else iri


def _jsonld_term(t) -> object:
    if isinstance(t, ox.NamedNode):
        return {"@id": _compact(t.value)}
    if isinstance(t, ox.BlankNode):
        return {"@id": f"_:{t.value}"}
    if t.language:
        return {"@value": t.value, "@language": t.language}
    if t.datatype.value == _XSD_STRING:
        return t.value
    return {"@value": t.value, "@type": _compact(t.datatype.value)}


def _jsonld(store: ox.Store) -> bytes:
    graphs: dict[str, dict[str, dict]] = {}
    for q in sorted(_quads(store), key=_graph_sort_key):
        g = "" if isinstance(q.graph_name, ox.DefaultGraph) else _jsonld_term(q.graph_name)["@id"]
        subject = _jsonld_term(q.subject)["@id"]
        node = graphs.setdefault(g, {}).setdefault(subject, {"@id": subject})
        if q.predicate.value == _RDF_TYPE and not isinstance(q.object, ox.Literal):
            values = node.setdefault("@type", [])
            value = _jsonld_term(q.object)["@id"]
        else:
            values = node.setdefault(_compact(q.predicate.value), [])
            value = _jsonld_term(q.object)
        if value not in values:
            values.append(value)
    default = graphs.pop("", {})
    for g, nodes in graphs.items():  # a graph named by a node of the default graph: one object for both
        default.setdefault(g, {"@id": g})["@graph"] = list(nodes.values())
    top = [default[k] for k in sorted(default)]
    doc = {"@context": dict(PREFIXES), "@graph": top}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


# ---------------------------------------------------------------- network formats

def _flat(value) -> str:
    return JOIN.join(value) if isinstance(value, list) else str(value)


def _graphml(store: ox.Store) -> bytes:
    from .graph.network import project

    g = project(store)
    flat = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        flat.add_node(n, **{k: _flat(v) for k, v in d.items()})
    for s, o, key, d in g.edges(keys=True, data=True):
        flat.add_edge(s, o, key=key, **{k: _flat(v) for k, v in d.items()})
    buf = io.BytesIO()  # write_graphml_xml, not generate_graphml: real UTF-8, not &#...; references
    nx.write_graphml_xml(flat, buf, encoding="utf-8", prettyprint=True)
    data = buf.getvalue()
    return data if data.endswith(b"\n") else data + b"\n"


def _csv(store: ox.Store) -> bytes:
    from .graph.network import project

    g = project(store)
    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow(CSV_HEADER)
    for s, o, _key, d in g.edges(keys=True, data=True):
        title = d["label"] if d["kind"] == "post" else ""
        out.writerow([s, g.nodes[s]["label"], d["predicate"], o, g.nodes[o]["label"], title, _flat(d["evidence"])])
    return buf.getvalue().encode("utf-8")


# ---------------------------------------------------------------- entry points

def with_ontology(store: ox.Store, ontology: str | Path | None = None) -> ox.Store:
    """The graph and the govkg ontology (its classes and properties, in the named graph of the ontology
    IRI) in one in-memory store, so ``?e a/rdfs:subClassOf* govkg:Event`` finds every event."""
    from .validate import DEFAULT_ONTOLOGY
    from .vocab import ONTOLOGY_IRI

    path = Path(ontology) if ontology is not None else DEFAULT_ONTOLOGY
    merged = ox.Store()
    merged.bulk_extend(store.quads_for_pattern(None, None, None, None))
    try:
        merged.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ONTOLOGY_IRI))
    except OSError as err:
        raise KgError(f"{path}: cannot read the ontology: {err.strerror or err}") from None
    return merged


def serialize(store: ox.Store, fmt: str) -> bytes:
    """The graph in ``fmt`` (one of FORMATS) as bytes; same store content -> same bytes."""
    if fmt == "ttl":
        return _prefix_header_in_order(ox.serialize(_triples(store), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))
    if fmt == "nt":
        return ox.serialize(_triples(store), format=ox.RdfFormat.N_TRIPLES)
    if fmt == "nq":
        return ox.serialize(sorted(_quads(store), key=str), format=ox.RdfFormat.N_QUADS)
    if fmt == "trig":
        data = ox.serialize(sorted(_quads(store), key=_graph_sort_key), format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
        return _prefix_header_in_order(data)
    if fmt == "jsonld":
        return _jsonld(store)
    if fmt == "graphml":
        return _graphml(store)
    if fmt == "csv":
        return _csv(store)
    raise KgError(f"unknown export format {fmt!r} (expected one of {', '.join(FORMATS)})")


def export(store: ox.Store, fmt: str, out_path: str | Path | None) -> Path | None:
    """Write the graph in ``fmt`` to ``out_path`` atomically; ``"-"`` (or None) writes to stdout.

    Returns the path written, or None for stdout.
    """
    from .export import write_bytes  # the project's atomic writer (temp file beside, then os.replace)

    data = serialize(store, fmt)
    if out_path is None or str(out_path) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return None
    path = Path(out_path)
    if path.is_dir():
        raise KgError(f"{path}: is a folder; give a file name such as {path / ('graph.' + EXTENSIONS[fmt])}")
    try:
        return write_bytes(path, data)
    except OSError as err:
        raise KgError(f"{path}: cannot write: {err.strerror or err}") from None
