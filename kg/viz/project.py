"""RDF graph -> networkx MultiDiGraph of entities and events (the viewer's own projection).

Nodes: every resource typed with an entity or event class (key = IRI; attrs iri, label, cls, aliases).
Edges: govkg properties between two nodes (label = property local name) and posts, drawn as
member -> organization (label = the post title). Articles, sentences and statements are not nodes;
they feed the side panel (kg.viz.details). Used only while kg.graph.network is absent.
"""
from __future__ import annotations

import networkx as nx
import pyoxigraph as ox

from ..vocab import EVENT_CLASSES, ENTITY_CLASSES, GOVKG, PREFIXES
from .style import RANK, local_name

NODE_CLASSES = sorted({str(c) for c in (*ENTITY_CLASSES.values(), *EVENT_CLASSES.values())})
#: govkg properties that point at provenance, not at another entity
NOT_EDGES = {str(GOVKG.mentionedIn), str(GOVKG.evidence), str(GOVKG.onPage), str(GOVKG.inArticle)}

_PREFIX_TEXT = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())


def select(store: ox.Store, query: str):
    """Rows of a SELECT over the union of all graphs (TriG builds keep triples in named graphs)."""
    return store.query(_PREFIX_TEXT + query, use_default_graph_as_union=True)


def text(term) -> str | None:
    return None if term is None else term.value


def project(store: ox.Store) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    values = " ".join(f"<{c}>" for c in NODE_CLASSES)
    classes: dict[str, str] = {}
    for row in select(store, f"SELECT ?s ?c WHERE {{ VALUES ?c {{ {values} }} ?s a ?c FILTER(isIRI(?s)) }}"):
        s, c = row["s"].value, local_name(row["c"].value)
        if s not in classes or RANK.get(c, 99) < RANK.get(classes[s], 99):
            classes[s] = c  # keep the most specific class
    labels: dict[str, list[tuple]] = {}
    for row in select(store, "SELECT ?s ?l WHERE { ?s rdfs:label ?l }"):
        s = row["s"].value
        if s in classes:
            lit = row["l"]
            labels.setdefault(s, []).append((lit.language not in ("zh", None), lit.value))
    aliases: dict[str, set[str]] = {}
    for row in select(store, "SELECT ?s ?l WHERE { ?s skos:altLabel ?l }"):
        if row["s"].value in classes:
            aliases.setdefault(row["s"].value, set()).add(row["l"].value)
    for s in sorted(classes):
        label = min(labels[s])[1] if s in labels else local_name(s)
        g.add_node(s, iri=s, label=label, cls=classes[s], aliases=sorted(aliases.get(s, set()) - {label}))

    edges = set()
    ns = str(GOVKG._NS)
    for row in select(store, f"""SELECT DISTINCT ?s ?p ?o WHERE {{
            ?s ?p ?o FILTER(isIRI(?o) && STRSTARTS(STR(?p), "{ns}")) }}"""):
        s, p, o = row["s"].value, row["p"].value, row["o"].value
        if s in g and o in g and p not in NOT_EDGES:
            edges.add((s, o, local_name(p), local_name(p), p))
    for row in select(store, """SELECT ?m ?p ?o ?t ?tt WHERE {
            ?m a org:Membership ; org:member ?p ; org:organization ?o .
            OPTIONAL { ?m govkg:title ?t } OPTIONAL { ?m govkg:titleText ?tt } }"""):
        s, o = row["p"].value, row["o"].value
        title = text(row["t"]) or text(row["tt"]) or "member"
        if s in g and o in g:
            edges.add((s, o, "post:" + title, title, PREFIXES["org"] + "member"))
    for s, o, key, label, prop in sorted(edges):  # sorted: same graph, same page
        g.add_edge(s, o, key=key, label=label, prop=prop)
    return g
