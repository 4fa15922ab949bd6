"""Load built graphs into a pyoxigraph Store: the fast engine behind queries, exports and the viewer.

pyoxigraph parses Turtle ~10x faster than rdflib and answers group-by queries ~30x faster at 1M
triples (design/field-notes.md); rdflib stays for parsing user queries (safety) and SHACL.

``kg build`` also leaves OUT/graph.oxigraph/, an on-disk store of graph.ttl's triples: ``open_graph``
(and ``load_store`` of a single build's graph.ttl) opens it read-only in milliseconds instead of
parsing graph.ttl, when it was loaded from the graph.ttl now there (same size and mtime, recorded in
the store); otherwise, or for any other file, the file is parsed as before.
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ..errors import KgError, missing_default

#: file suffix -> pyoxigraph format
FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}

DEFAULT_GRAPH_FILE = "graph.ttl"


def resolve_graph_path(path: str | Path | None, default_dir: str | Path = "exports") -> Path:
    """A graph file, or a build folder holding graph.ttl; one clear error when neither exists."""
    p = Path(path) if path else Path(default_dir)
    if not path and not p.exists():
        raise missing_default(str(default_dir).rstrip("/"))
    if p.is_dir():
        p = p / DEFAULT_GRAPH_FILE
    if not p.exists():
        hint = " (run `kg build` first)" if not path else ""
        raise KgError(f"{p}: no such graph file{hint}")
    return p


def built_store(path: str | Path) -> Path | None:
    """The store folder that holds exactly the triples of graph file ``path``, or None."""
    import json

    from ..export import GRAPH_STORE, GRAPH_TTL, STORE_STAMP, stamp_of

    p = Path(path)
    if p.name != GRAPH_TTL:
        return None
    folder = p.parent / GRAPH_STORE
    try:
        recorded = json.loads((folder / STORE_STAMP).read_text(encoding="utf-8")).get(GRAPH_TTL)
        return folder if recorded == stamp_of(p) else None
    except (OSError, ValueError, AttributeError):
        return None


def open_graph(path: str | Path | None = None, default_dir: str | Path = "exports") -> ox.Store:
    """The graph of a build folder or file (as resolve_graph_path), ready to query: the build's
    on-disk store opened read-only when it is current, else the file parsed into memory."""
    return load_store(resolve_graph_path(path, default_dir))


def load_store(*paths: str | Path, store: ox.Store | None = None) -> ox.Store:
    """Parse graph files into an in-memory Store (named graphs of TriG/N-Quads kept).

    Triples of Turtle/N-Triples files go to the default graph; queries see the union of all graphs
    only when run with ``use_default_graph_as_union=True`` (see kg.query).

    One build's graph.ttl with its current graph.oxigraph/ beside it (and no ``store`` given) is not
    parsed: its store is opened read-only (same triples; adding to it raises).
    """
    if store is None and len(paths) == 1:
        folder = built_store(paths[0])
        if folder is not None:
            try:
                return ox.Store.read_only(str(folder))
            except OSError:
                pass   # damaged or unreadable: parse the file instead
    store = store if store is not None else ox.Store()
    for path in paths:
        p = Path(path)
        fmt = FORMATS.get(p.suffix.lower())
        if fmt is None:
            raise KgError(f"{p}: unknown RDF format (expected one of {', '.join(sorted(FORMATS))})")
        try:
            store.bulk_load(path=str(p), format=fmt)
        except (SyntaxError, ValueError) as err:
            raise KgError(f"{p}: not valid {p.suffix[1:]} RDF: {str(err).splitlines()[0]}") from None
        except OSError as err:
            raise KgError(f"{p}: cannot read: {err.strerror or err}") from None
    return store
