"""What the network page needs from the store, asked with SPARQL and bounded by the node cap.

The whole graph is never projected into Python: degrees are counted by the store (GROUP BY over the edge
properties and the posts), only the top nodes come back, and their labels, classes and edges are asked
for by VALUES lists of those nodes. Cost grows with the number of edges, not of triples (provenance,
sentences and reification, most of a build, are never touched): ~0.6 s for 2M triples.

Edges are the triples of kg.graph.network.EDGE_PROPERTIES between two nodes, plus each post
(org:Membership: member -> organization). Nodes are resources typed with an entity or event class.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

import networkx as nx
import pyoxigraph as ox

from ..graph.network import EDGE_PROPERTIES, ENTITY_IRIS, EVENT_IRIS, ROLE_IRIS, _most_specific, curie, local_name
from ..vocab import PREFIXES

_PREFIX_TEXT = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
_CLASSES = " ".join(f"<{c}>" for c in sorted(ENTITY_IRIS | EVENT_IRIS))
_EDGE_PROPS = " ".join(f"<{p}>" for p in EDGE_PROPERTIES)
# every (node, neighbour) pair, both directions, once
_PAIRS = f"""SELECT DISTINCT ?n ?m WHERE {{
    {{ VALUES ?p {{ {_EDGE_PROPS} }} ?n ?p ?m FILTER(isIRI(?m)) }}
    UNION {{ VALUES ?p {{ {_EDGE_PROPS} }} ?m ?p ?n FILTER(isIRI(?n)) }}
    UNION {{ ?x org:member ?n ; org:organization ?m }} UNION {{ ?x org:member ?m ; org:organization ?n }} }}"""
# distinct edges of the whole graph, evaluated inside the store (one index scan per property); joined
# with a VALUES list afterwards. Oxigraph would otherwise look up every (node, property) pair in every
# named graph, ~100x slower for a replicated archive.
_EDGES = f"{{ SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {_EDGE_PROPS} }} ?s ?p ?o FILTER(isIRI(?o)) }} }}"
CHUNK = 5000   # IRIs per VALUES list: keeps each query text small


def typed(var: str) -> str:
    """Pattern binding ?var to the nodes (entity or event classes), as a subquery for the same reason."""
    return f"{{ SELECT DISTINCT ?{var} WHERE {{ VALUES ?c {{ {_CLASSES} }} ?{var} a ?c }} }}"


def select(store: ox.Store, query: str):
    """Rows of a SELECT over the union of all graphs (TriG builds keep triples in named graphs)."""
    return store.query(_PREFIX_TEXT + query, use_default_graph_as_union=True)


def values(var: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{var} {{ {' '.join(str(ox.NamedNode(i)) for i in iris)} }}"


def chunks(items: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


def count_nodes(store: ox.Store) -> int:
    rows = list(select(store, f"SELECT (COUNT(DISTINCT ?n) AS ?k) WHERE {{ VALUES ?c {{ {_CLASSES} }} ?n a ?c }}"))
    return int(rows[0]["k"].value) if rows else 0


def all_nodes(store: ox.Store) -> list[str]:
    """Every node IRI, sorted (for name look-ups and small graphs; labels-sized, not triples-sized)."""
    return sorted({r["n"].value for r in select(store, f"SELECT ?n WHERE {{ VALUES ?c {{ {_CLASSES} }} ?n a ?c "
                                                         "FILTER(isIRI(?n)) }")})


def ranked(store: ox.Store, among: list[str] | None = None, limit: int | None = None,
           min_degree: int = 0) -> list[tuple[str, int]]:
    """(node, distinct neighbours), most connected first, then IRI; nodes without neighbours follow (in
    IRI order) while ``limit`` leaves room. ``among`` restricts the nodes ranked. One GROUP BY in the
    store (~1 s for 2M triples); the rows are as many as the nodes, never the triples."""
    having = f"HAVING(COUNT(DISTINCT ?m) >= {int(min_degree)})" if min_degree > 0 else ""
    parts = [""] if among is None else [values("n", c) for c in chunks(sorted(among))]
    out: list[tuple[str, int]] = []
    for restrict in parts:
        query = f"""SELECT ?n (COUNT(DISTINCT ?m) AS ?d) WHERE {{ {restrict} {{ {_PAIRS} }}
            {typed("n")} FILTER(?n != ?m) }} GROUP BY ?n {having}"""
        out += [(r["n"].value, int(r["d"].value)) for r in select(store, query)]
    out.sort(key=lambda nd: (-nd[1], nd[0]))
    if limit:
        out = out[:limit]
    if min_degree <= 0 and (not limit or len(out) < limit):
        seen = {n for n, _ in out}
        pool = sorted(among) if among is not None else all_nodes(store)
        out += [(n, 0) for n in pool if n not in seen][: (limit - len(out)) if limit else None]
    return out


def neighbours(store: ox.Store, nodes: Iterable[str]) -> set[str]:
    """Nodes one edge or post away from any of ``nodes`` (either direction)."""
    out: set[str] = set()
    for part in chunks(sorted(set(nodes))):
        query = f"""SELECT DISTINCT ?m WHERE {{ {values("n", part)} {{ {_PAIRS} }} {typed("m")} }}"""
        out |= {r["m"].value for r in select(store, query)}
    return out


def names(store: ox.Store, cls: str | None = None) -> dict[str, list[str]]:
    """node -> [label, *aliases] for every node (of one class, given by local name): for --focus look-ups."""
    restrict = f"VALUES ?c {{ {_CLASSES} }}"
    if cls is not None:
        restrict = f"VALUES ?c {{ {' '.join(f'<{c}>' for c in sorted(ENTITY_IRIS | EVENT_IRIS) if local_name(c) == cls)} }}"
    out: dict[str, list[str]] = {}
    for r in select(store, f"""SELECT ?n ?l ?a WHERE {{ {restrict} ?n a ?c FILTER(isIRI(?n))
            OPTIONAL {{ ?n rdfs:label ?l }} OPTIONAL {{ ?n skos:altLabel ?a }} }}"""):
        entry = out.setdefault(r["n"].value, [])
        for key in ("l", "a"):
            if r[key] is not None and r[key].value not in entry:
                entry.append(r[key].value)
    return {n: sorted(v) for n, v in out.items()}


_MONTH_DAY = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")


def sort_date(iso: str | None, text: str | None, month_day: str | None = None) -> str:
    """A key that sorts as time does: the xsd:date, else the govkg:monthDay ("--04-29"), else
    "YYYY-MM-DD" or "--MM-DD" read from the date text ("4月29日下午" -> "--04-29"), else ""."""
    if iso:
        return iso[:10]
    if month_day:
        return month_day[:7]
    m = _MONTH_DAY.search(text or "")
    if not m:
        return ""
    year, month, day = m.groups()
    return f"{year or '-'}-{int(month):02d}-{int(day):02d}"


def node_records(store: ox.Store, nodes: list[str]) -> dict[str, dict]:
    """iri -> label, cls, kind, aliases, date (as written), sort_date, for ``nodes``."""
    classes: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, list[ox.Literal]] = defaultdict(list)
    alts: dict[str, set[str]] = defaultdict(set)
    dates: dict[str, list[str]] = defaultdict(list)
    texts: dict[str, list[str]] = defaultdict(list)
    month_days: dict[str, list[str]] = defaultdict(list)
    for part in chunks(sorted(set(nodes))):
        v = values("n", part)
        for r in select(store, f"SELECT DISTINCT ?n ?c WHERE {{ {v} ?n a ?c }}"):
            if r["c"].value in ENTITY_IRIS or r["c"].value in EVENT_IRIS:
                classes[r["n"].value].add(r["c"].value)
        for r in select(store, f"SELECT DISTINCT ?n ?l WHERE {{ {v} ?n rdfs:label ?l }}"):
            labels[r["n"].value].append(r["l"])
        for r in select(store, f"SELECT DISTINCT ?n ?l WHERE {{ {v} ?n skos:altLabel ?l }}"):
            alts[r["n"].value].add(r["l"].value)
        for r in select(store, f"SELECT DISTINCT ?n ?d WHERE {{ {v} ?n govkg:date ?d }}"):
            dates[r["n"].value].append(r["d"].value)
        for r in select(store, f"SELECT DISTINCT ?n ?d WHERE {{ {v} ?n govkg:dateText ?d }}"):
            texts[r["n"].value].append(r["d"].value)
        for r in select(store, f"SELECT DISTINCT ?n ?d WHERE {{ {v} ?n govkg:monthDay ?d }}"):
            month_days[r["n"].value].append(r["d"].value)
    out = {}
    for n in sorted(set(nodes)):
        if not classes.get(n):
            continue
        cls = _most_specific(classes[n])
        lits = labels.get(n, [])
        zh = sorted(lit.value for lit in lits if (lit.language or "").startswith("zh"))
        label = (zh or sorted(lit.value for lit in lits) or [local_name(n)])[0]
        iso, text = min(dates.get(n, [""])), min(texts.get(n, [""]))
        out[n] = {"iri": n, "label": label, "cls": local_name(cls),
                  "kind": "event" if cls in EVENT_IRIS else "entity",
                  "aliases": sorted((alts.get(n, set()) | {lit.value for lit in lits}) - {label}),
                  "date": iso or text,
                  "sort_date": sort_date(iso, text, min(month_days.get(n, [""])))}
    return out


def edges_among(store: ox.Store, nodes: list[str]) -> list[tuple[str, str, str, dict]]:
    """(source, target, key, attributes) of the edges and posts between ``nodes``, sorted."""
    shown = set(nodes)
    edges: dict[tuple[str, str, str], dict] = {}
    posts: dict[tuple[str, str], set[str]] = defaultdict(set)
    for part in chunks(sorted(shown)):
        v = values("s", part)
        for r in select(store, f"SELECT ?s ?p ?o WHERE {{ {_EDGES} {v} }}"):
            s, p, o = r["s"].value, r["p"].value, r["o"].value
            if o in shown and s != o:
                edges[(s, o, local_name(p))] = {"label": local_name(p), "prop": p, "predicate": curie(p),
                                                "kind": "role" if p in ROLE_IRIS else "relation"}
        for r in select(store, f"""SELECT DISTINCT ?s ?o ?t WHERE {{ {v} ?m org:member ?s ; org:organization ?o .
                                   OPTIONAL {{ ?m govkg:title ?t }} }}"""):
            s, o = r["s"].value, r["o"].value
            if o in shown and s != o:
                posts[(s, o)].add(r["t"].value if r["t"] is not None else "")
    for (s, o), titles in posts.items():
        title = "、".join(sorted(t for t in titles if t)) or "member"
        edges[(s, o, "post:" + title)] = {"label": title, "prop": "", "predicate": "org:memberOf", "kind": "post"}
    return [(s, o, k, edges[(s, o, k)]) for (s, o, k) in sorted(edges)]


def subgraph(store: ox.Store, nodes: list[str]) -> nx.MultiDiGraph:
    """The drawn graph: ``nodes`` with their records and the edges between them, in sorted order."""
    records = node_records(store, nodes)
    g = nx.MultiDiGraph()
    for n in sorted(records):
        g.add_node(n, **records[n])
    for s, o, key, attrs in edges_among(store, list(records)):
        g.add_edge(s, o, key=key, **attrs)
    return g
