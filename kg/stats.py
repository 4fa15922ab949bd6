"""Counts of a built graph: nodes per class, triples per property, and a summary (SPARQL on pyoxigraph).

    from kg.stats import stats, format_table
    s = stats(store)        # {"triples": .., "quads": .., "named_graphs": .., "summary": {..},
                            #  "classes": [{"class": "govkg:Official", "zh": "官员", "count": 12}, ...],
                            #  "properties": [{"property": "govkg:serves", "zh": "服务", "count": 9}, ...]}
    print(format_table(s))

Named graphs are merged and a triple stated in several graphs counts once. Classes are the ones
asserted (a govkg build asserts only the most specific class: Official, not also Person), so the
class rows add up to the summary's entities + events + other nodes. Chinese names of govkg terms
come from ontology/govkg.ttl.
"""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .vocab import ENTITY_CLASSES, EVENT_CLASSES, GOVKG, ORG, PREFIXES, RDF
from .vocab import curie as vocab_curie

_PREFIX_TEXT = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


def _values(classes) -> str:
    return " ".join(f"<{c}>" for c in sorted(str(c) for c in classes))


#: summary row -> SPARQL pattern binding ?s (counted DISTINCT)
SUMMARY = {
    "entities": f"VALUES ?c {{ {_values(ENTITY_CLASSES.values())} }} ?s a ?c",
    "events": f"VALUES ?c {{ {_values(EVENT_CLASSES.values())} }} ?s a ?c",
    "posts": f"?s a <{ORG.Membership}>",
    "articles": f"?s a <{GOVKG.Article}>",
    "sentences": f"?s a <{GOVKG.Sentence}>",
    "pages": f"?s a <{GOVKG.Page}>",
    "statements": f"?s a <{RDF.Statement}>",
}


def curie(iri: str) -> str:
    return vocab_curie(iri) or f"<{iri}>"


def _select(store: ox.Store, query: str):
    return store.query(_PREFIX_TEXT + query, use_default_graph_as_union=True)


def _count(store: ox.Store, where: str) -> int:
    for row in _select(store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {where} }}"):
        return int(row["n"].value)
    return 0


def ontology_names(path: str | Path | None = None) -> dict[str, str]:
    """CURIE -> Chinese name of every term a build uses (kg.names_zh: the ontology's rdfs:label@zh, one
    source for kg stats, the network page and the entity pages)."""
    from .names_zh import zh_names

    return {curie(iri): name for iri, name in zh_names(str(path) if path else None).items()}


def stats(store: ox.Store, ontology: str | Path | None = None) -> dict:
    """Counts for ``store`` (see the module docstring for the shape)."""
    names = ontology_names(ontology)
    triples = _count_triples(store)
    graphs = sum(1 for _ in store.named_graphs())
    summary = {name: _count(store, where) for name, where in SUMMARY.items()}
    classes = [
        {"class": curie(row["c"].value), "zh": names.get(curie(row["c"].value), ""), "count": int(row["n"].value)}
        for row in _select(store, """SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(isIRI(?c)) }
                                     GROUP BY ?c""")]
    properties = [
        {"property": curie(row["p"].value), "zh": names.get(curie(row["p"].value), ""), "count": int(row["n"].value)}
        for row in _select(store, """SELECT ?p (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }
                                     GROUP BY ?p""")]
    classes.sort(key=lambda r: (-r["count"], r["class"]))
    properties.sort(key=lambda r: (-r["count"], r["property"]))
    return {"triples": triples, "quads": len(store), "named_graphs": graphs, "summary": summary,
            "classes": classes, "properties": properties}


def _count_triples(store: ox.Store) -> int:
    for row in _select(store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"):
        return int(row["n"].value)
    return 0


def _table(rows: list[list[str]], right: set[int]) -> list[str]:
    """Rows aligned in columns by display width (a Chinese character takes two columns)."""
    from .query.formats import pad, text_width

    widths = [max(text_width(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for r in rows:
        cells = [(" " * (w - text_width(c)) + c) if i in right else pad(c, w) for i, (c, w) in enumerate(zip(r, widths))]
        out.append("  ".join(cells).rstrip())
    return out


def format_table(s: dict, source: str = "") -> str:
    """The stats as aligned text for a terminal."""
    lines = []
    head = f"{s['triples']} triples"
    if s["named_graphs"]:
        head += f" ({s['quads']} quads in {s['named_graphs']} named graphs and the default graph)"
    lines.append(f"{source}: {head}" if source else head)
    lines += ["", "summary"]
    lines += ["  " + line for line in _table([[k, str(v)] for k, v in s["summary"].items()], right={1})]
    if s["classes"]:
        lines += ["", "classes"]
        lines += ["  " + line for line in _table([[r["class"], r["zh"], str(r["count"])] for r in s["classes"]], {2})]
    if s["properties"]:
        lines += ["", "properties"]
        lines += ["  " + line for line in _table([[r["property"], r["zh"], str(r["count"])] for r in s["properties"]], {2})]
    return "\n".join(lines) + "\n"
